// The reviewer's rules (11–15): every case of test/fixtures/review-cases.ts, flagged or left alone as
// a reviewer would, through the checker every surface uses; then the rules' edges.
import { describe, expect, it } from 'vitest';
import { emptyReport, setCell, setText, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { REVIEW_CASES, type ReviewCase } from '../../test/fixtures/review-cases';
import { checkReport } from './check';
import { fillTotals } from './compute';
import { findingKey, type Finding } from './findings';
import { MIN_S5_CHARS, sentences, similarity, statedFigures } from './review';

/** Plain texts that break no rule: what every case starts from. */
const PLAIN: Record<string, string> = {
  's1.proactive': '本年度按照要求主动公开政府信息，及时更新各栏目内容。',
  's1.onRequest': '本年度依申请公开工作按规定办理。',
  's1.management': '严格落实信息发布审核制度。',
  's1.platforms': '依托政府网站和政务新媒体发布信息。',
  's1.oversight': '将政务公开纳入年度考核。',
  s5: '存在的问题：公开方式比较单一，信息更新不够及时。改进措施：下一步拓宽公开渠道，按时更新信息。',
  s6: '本年度未收取信息处理费。',
};

function report(
  c: Pick<ReviewCase, 'kind' | 'year'>,
  texts: Record<string, string> = {},
  cells = {},
): Report {
  const r = emptyReport(F, { name: '某单位', kind: c.kind }, c.year);
  for (const cell of F.entered) setCell(r, cell, 0);
  for (const [path, v] of Object.entries(cells)) setCell(r, F.cellByPath.get(path)!, v as number);
  for (const [path, t] of Object.entries({ ...PLAIN, ...texts })) setText(r, path, t);
  return fillTotals(F, r);
}

describe('the cases reviewers gave', () => {
  it.each(REVIEW_CASES.map((c) => [`rule ${c.rule}: ${c.name}`, c] as const))('%s', (_, c) => {
    const now = report(c, c.texts, c.cells);
    const previous = c.previous && report({ ...c, year: c.year - 1 }, c.previous.texts, c.previous.cells);
    const { errors, warnings } = checkReport(F, now, previous);
    // The case's report is otherwise sound: its sums hold, so a finding can only be the rule's.
    expect(errors.filter((f) => f.rule <= 5)).toEqual([]);
    const found = [...errors, ...warnings].filter((f) => f.rule === c.rule);
    if (c.expect === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: c.expect.severity, cells: c.expect.cells });
      expect(found[0]!.message).not.toMatch(/undefined|NaN/);
    }
  });

  it('has a case that must be flagged and one that must not, for every rule', () => {
    for (const rule of [11, 12, 13, 14, 15]) {
      const cases = REVIEW_CASES.filter((c) => c.rule === rule);
      expect(
        cases.some((c) => c.expect !== null),
        `rule ${rule} flags`,
      ).toBe(true);
      expect(
        cases.some((c) => c.expect === null),
        `rule ${rule} stays quiet`,
      ).toBe(true);
    }
  });
});

describe('rule 11: what the text states', () => {
  it('quotes the sentence and both figures', () => {
    const c = REVIEW_CASES[0]!;
    const [f] = checkReport(F, report(c, c.texts, c.cells)).warnings.filter((w) => w.rule === 11);
    expect(f!.message).toBe(
      '（二）依申请公开写的是「全年共办理政府信息公开行政复议案件134件，行政诉讼案件57件，均依法应诉」：行政复议 134 件，但表格里是 170 件。请核对文字和表格，以实际为准改正其中一处。',
    );
    expect(f).toMatchObject({ expected: 170, actual: 134 });
  });

  it('reads the figures a sentence states, and none it only suggests', () => {
    expect(statedFigures('全年共收到政府信息公开申请五件', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
    expect(statedFigures('收到的申请其中6件结转下一年度办理', 2023, true)).toEqual([]);
    expect(statedFigures('受理的申请共有6件结转下一年度办理', 2023, true)).toEqual([
      { what: 'carryForward', value: 6 },
    ]);
    expect(statedFigures('上年结转政府信息公开申请3件', 2023, true)).toEqual([
      { what: 'carriedOver', value: 3 },
    ]);
    expect(statedFigures('对申请予以公开12件', 2023, true)).toEqual([{ what: 'granted', value: 12 }]);
    expect(statedFigures('对申请予以公开及部分公开258件', 2023, true)).toEqual([]);
    expect(statedFigures('废止行政规范性文件4件', 2023, true)).toEqual([{ what: 'repealed', value: 4 }]);
    expect(statedFigures('印发行政规范性文件3件', 2023, true)).toEqual([{ what: 'issued', value: 3 }]);
    expect(statedFigures('收到申请3-5件', 2023, true)).toEqual([]);
    expect(statedFigures('收到申请逾5件', 2023, true)).toEqual([]);
    expect(statedFigures('收到申请5件以上', 2023, true)).toEqual([]);
    // 本机关 is the whole report of a township; a government's may be its own office only.
    expect(statedFigures('本机关收到申请5件', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
    expect(statedFigures('本机关收到申请5件', 2023, false)).toEqual([]);
    // A title's year is no comparison; 结转至 next year names where the cases go.
    expect(statedFigures('按《2022年政务公开工作要点》收到申请5件', 2023, true)).toEqual([
      { what: 'new', value: 5 },
    ]);
    expect(statedFigures('申请结转至2024年2件', 2023, true)).toEqual([{ what: 'carryForward', value: 2 }]);
  });

  it('reads table 三’s figures only where the sentence is about 政府信息公开申请', () => {
    expect(statedFigures('共收到来信30件，办结30件', 2023, true)).toEqual([]);
    expect(statedFigures('共办结30件', 2023, true)).toEqual([]);
    expect(statedFigures('共办结申请30件', 2023, true)).toEqual([{ what: 'answered', value: 30 }]);
    // Table 四 and 二 figures name themselves.
    expect(statedFigures('行政复议3件', 2023, true)).toEqual([{ what: 'review', value: 3 }]);
  });

  it('says nothing while the table’s figure is not entered', () => {
    const c = REVIEW_CASES[0]!;
    const r = report(c, c.texts, c.cells);
    delete (r.s4.review as Record<string, unknown>).total;
    expect(checkReport(F, r).warnings.filter((w) => w.rule === 11)).toEqual([]);
  });

  it('splits a text into sentences at 。；！？ and line breaks', () => {
    expect(sentences('甲。乙；丙！\n丁？ 戊')).toEqual(['甲', '乙', '丙', '丁', '戊']);
  });
});

describe('rule 12: 五 and 六', () => {
  const at = (s5: string) =>
    checkReport(F, report({ kind: 'township', year: 2023 }, { s5 })).warnings.filter((w) => w.rule === 12);

  it(`asks for ${MIN_S5_CHARS} characters, spaces and punctuation aside`, () => {
    // 29 and 30 characters, each with a problem (不足) and a measure (改进).
    const short = '不足改进' + '好'.repeat(MIN_S5_CHARS - 5);
    const enough = `${short}好`;
    expect(at(`${short}。`)[0]!.message).toBe(
      `五、存在的主要问题及改进情况只有 ${MIN_S5_CHARS - 1} 个字（少于 ${MIN_S5_CHARS} 字）：请写明存在的主要问题和相应的改进措施。`,
    );
    expect(at(`${enough}。`)).toEqual([]);
    expect(at(`${enough.slice(0, 10)}，${enough.slice(10)}`)).toEqual([]);
  });

  it('takes 「暂无问题」 for no problem, and leaves an empty 五 to rule 9', () => {
    expect(
      at('经自查，暂无问题。我镇将继续做好政务公开工作，进一步提升公开质量，完善制度。')[0]!.message,
    ).toBe(
      '五、存在的主要问题及改进情况没有写出存在的问题：评议时“暂无问题”会被扣分，请如实写明工作中的不足。',
    );
    expect(at('无')).toEqual([]);
    expect(at('')).toEqual([]);
  });
});

describe('rule 15: how alike two texts are', () => {
  it('is 1 for the same text, 0 for texts with nothing in common, and symmetric', () => {
    expect(similarity('加强培训，完善制度。', '加强培训 完善制度')).toBe(1);
    expect(similarity('甲乙丙丁', '戊己庚辛')).toBe(0);
    expect(similarity('', '')).toBe(0);
    const a = '我镇政务公开工作还存在差距';
    const b = '我镇政务公开工作仍有不足';
    expect(similarity(a, b)).toBe(similarity(b, a));
    // Shared pairs: 我镇 镇政 政务 务公 公开 开工 工作 (7) of 12 and 11.
    expect(similarity(a, b)).toBeCloseTo(14 / 23, 10);
  });

  it('counts a pair as often as both texts have it', () => {
    expect(similarity('公开公开公开', '公开')).toBeCloseTo(2 / 6, 10);
  });

  it('gives the percentage in the finding', () => {
    const c = REVIEW_CASES.find((x) => x.rule === 15 && x.expect && x.texts)!;
    const now = report(c, c.texts, c.cells);
    const previous = report({ ...c, year: c.year - 1 }, c.previous!.texts, c.previous!.cells);
    const [f] = checkReport(F, now, previous).warnings.filter((w) => w.rule === 15);
    expect(f!.message).toMatch(/^五、存在的主要问题及改进情况与上年报告的文字相似度 (8\d|9\d)%：/);
    expect(f!.actual).toBe(Math.floor(similarity(c.texts!.s5!, c.previous!.texts!.s5!) * 100));
  });
});

describe('the words each rule reads, one by one', () => {
  const s5Findings = (s5: string) =>
    checkReport(F, report({ kind: 'township', year: 2023 }, { s5 })).warnings.filter((w) => w.rule === 12);
  const s6Findings = (s6: string) =>
    checkReport(F, report({ kind: 'township', year: 2023 }, { s6 })).warnings.filter((w) => w.rule === 12);
  // Thirty characters that name neither a problem nor a measure.
  const FILLER = '本镇政务公开工作情况如下所述，本镇政务公开工作情况如下所述，';

  it.each([
    '问题',
    '不足',
    '差距',
    '短板',
    '薄弱',
    '欠缺',
    '有待',
    '不够',
    '不高',
    '不强',
    '滞后',
    '不到位',
    '不及时',
    '不全面',
    '不规范',
    '偏少',
    '单一',
  ])('「%s」 states a problem in 五', (word) => {
    expect(s5Findings(`${FILLER}${word}。下一步认真对待。`)).toEqual([]);
    expect(s5Findings(`${FILLER}下一步认真对待。`)[0]!.message).toContain('没有写出存在的问题');
  });

  it.each([
    '改进',
    '整改',
    '措施',
    '下一步',
    '下步',
    '今后',
    '将进一步',
    '将继续',
    '将加强',
    '计划',
    '拟',
    '努力',
    '着力',
    '加以',
    '提升',
    '完善',
  ])('「%s」 states a measure in 五', (word) => {
    expect(s5Findings(`${FILLER}存在差距。${word}。`)).toEqual([]);
    expect(s5Findings(`${FILLER}存在差距。`)[0]!.message).toContain('没有写改进措施');
  });

  it.each(['暂无问题', '没有问题', '无问题', '未发现问题'])('「%s」 in 五 is no problem stated', (words) => {
    expect(s5Findings(`${FILLER}${words}，下一步继续做好工作。`)[0]!.message).toContain('没有写出存在的问题');
  });

  it.each(['本年度无信息处理费事项', '本年度无收费事项', '本年度未收取任何款项', '本年度未产生相关费用'])(
    '六 「%s」 states the fee',
    (s6) => {
      expect(s6Findings(s6)).toEqual([]);
      expect(s6Findings('本年度无其他需要报告的事项')[0]!.cells).toEqual(['s6']);
    },
  );

  it.each(['来信', '信访', '来访', '来电', '咨询', '留言', '诉求', '投诉', '热线', '建议', '提案'])(
    'a sentence on %s is not about 政府信息公开申请',
    (word) => {
      expect(statedFigures(`本年度收到${word}类申请5件`, 2023, true)).toEqual([]);
      expect(statedFigures('本年度收到公开申请5件', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
    },
  );

  it.each([
    '代表区政府',
    '下属单位',
    '所属单位',
    '各乡镇',
    '各部门',
    '各单位',
    '乡镇（街道）',
    '乡镇街道',
    '部门合计共',
  ])('「%s」 speaks for a part of the body', (who) => {
    expect(statedFigures(`${who}收到申请5件`, 2023, true)).toEqual([]);
  });

  it.each(['其中', '（', '(', '含', '包括', '另有', '此外'])('what follows 「%s」 is a part', (mark) => {
    expect(statedFigures(`本年度${mark}收到申请5件`, 2023, true)).toEqual([]);
    expect(statedFigures(`收到申请6件，${mark}收到申请5件`, 2023, true)).toEqual([{ what: 'new', value: 6 }]);
  });

  it.each(['左右', '以上', '以内', '多'])('「5件%s」 is no exact figure', (after) => {
    expect(statedFigures(`收到申请5件${after}`, 2023, true)).toEqual([]);
  });

  it.each(['约', '近', '超过', '逾', '-', '~', '～', '至', '到'])(
    '「%s5件」 is no exact figure',
    (before) => {
      expect(statedFigures(`收到申请3${before}5件`, 2023, true)).toEqual([]);
    },
  );

  it.each([
    ['新收政府信息公开申请7件', 'new', 7],
    ['收到申请7件', 'new', 7],
    ['接收申请7件', 'new', 7],
    ['接到申请7件', 'new', 7],
    ['上年度结转申请7件', 'carriedOver', 7],
    ['申请有7件结转下一年度', 'carryForward', 7],
    ['申请结转至下年度7件', 'carryForward', 7],
    ['申请结转到下一年7件', 'carryForward', 7],
    ['办结申请7件', 'answered', 7],
    ['答复申请7件', 'answered', 7],
    ['申请予以公开7件', 'granted', 7],
    ['行政复议案件7件', 'review', 7],
    ['行政复议7起', 'review', 7],
    ['行政诉讼案件7件', 'suits', 7],
    ['行政诉讼7起', 'suits', 7],
    ['制发行政规范性文件7件', 'issued', 7],
    ['印发规范性文件7件', 'issued', 7],
    ['出台规范性文件7件', 'issued', 7],
    ['废止行政规范性文件7件', 'repealed', 7],
    ['现行有效规范性文件7件', 'inForce', 7],
  ] as const)('「%s」 states %s', (sentence, what, value) => {
    expect(statedFigures(sentence, 2023, true)).toEqual([{ what, value }]);
  });

  const opening = (s: string, year = 2023, path = 's1.proactive') =>
    checkReport(F, report({ kind: 'township', year }, { [path]: s })).warnings.filter((w) => w.rule === 14);

  it.each(['我', '本', '全', '各', '在', '按照', '根据', '围绕', '坚持', '深入', '认真', '紧紧'])(
    '「2022年，%s…」 in a 2023 report tells last year as this one',
    (subject) => {
      expect(opening(`2022年，${subject}做好了政务公开工作`)).toHaveLength(1);
    },
  );

  it.each(['与', '比', '较', '同比', '相比', '以来', '截至', '截止', '至今', '以前', '之前', '上年', '去年'])(
    '「%s」 makes an earlier year a comparison',
    (word) => {
      expect(opening(`2022年，我镇${word}做好了政务公开工作`)).toEqual([]);
    },
  );

  it.each(['将', '计划', '拟', '预计', '力争', '争取', '要', '继续', '进一步'])(
    '「%s」 makes next year a plan, even outside 五',
    (word) => {
      expect(opening(`2024年，我镇${word}做好政务公开工作`)).toEqual([]);
      expect(opening('2024年，我镇做好了政务公开工作')).toHaveLength(1);
    },
  );

  it('looks back five years, not six, and names the year in its finding', () => {
    expect(opening('2018年，我镇做好了政务公开工作')[0]).toMatchObject({ expected: 2023, actual: 2018 });
    expect(opening('2017年，我镇做好了政务公开工作')).toEqual([]);
    expect(opening('2024年，我镇做好了政务公开工作', 2023, 's5')).toEqual([]);
    expect(opening('2023年，我镇做好了政务公开工作')).toEqual([]);
  });
});

describe('findingKey', () => {
  it('names a finding by its rule, cells and figures, whatever its message', () => {
    const f: Finding = {
      rule: 11,
      severity: 'warning',
      cells: ['s1.onRequest', 's4.review.total'],
      message: '甲',
    };
    expect(findingKey({ ...f, expected: 170, actual: 134 })).toBe('11|s1.onRequest,s4.review.total|170|134');
    expect(findingKey({ ...f, message: '乙', expected: 170, actual: 134 })).toBe(
      '11|s1.onRequest,s4.review.total|170|134',
    );
    expect(findingKey({ ...f, cells: ['s5'] })).toBe('11|s5||');
  });
});

describe('the edges of the reviewer’s rules', () => {
  const at = (kind: ReviewCase['kind'], texts: Record<string, string>, cells = {}, year = 2023) =>
    checkReport(F, report({ kind, year }, texts, cells)).warnings.filter((w) => w.rule === 11);

  it.each([
    ['上年结转申请3件', 's3.carriedOver[6]', { 's3.carriedOver[0]': 2, 's3.granted[0]': 2 }],
    ['申请中有3件结转下一年度', 's3.carryForward[6]', { 's3.new[0]': 2, 's3.carryForward[0]': 2 }],
    ['办结申请3件', 's3.total[6]', { 's3.new[0]': 2, 's3.granted[0]': 2 }],
    ['对申请予以公开3件', 's3.granted[6]', { 's3.new[0]': 2, 's3.granted[0]': 2 }],
    ['制发行政规范性文件3件', 's2.normativeDocs.issued', { 's2.normativeDocs.issued': 2 }],
    ['废止行政规范性文件3件', 's2.normativeDocs.repealed', { 's2.normativeDocs.repealed': 2 }],
    ['现行有效行政规范性文件3件', 's2.normativeDocs.inForce', { 's2.normativeDocs.inForce': 2 }],
  ] as const)('「%s」 is compared with %s', (sentence, cell, cells) => {
    const [f] = at('township', { 's1.onRequest': sentence }, cells);
    expect(f).toMatchObject({ cells: ['s1.onRequest', cell], expected: 2, actual: 3 });
  });

  it('says nothing while one group of 行政诉讼 is not given', () => {
    const r = report({ kind: 'county', year: 2023 }, { 's1.onRequest': '行政诉讼案件5件' });
    delete (r.s4.suitAfterReview as Record<string, unknown>).total;
    expect(checkReport(F, r).warnings.filter((w) => w.rule === 11)).toEqual([]);
  });

  it('takes 本机关 for the whole report of a township, subdistrict or department, not of a government', () => {
    const said = { 's1.onRequest': '本机关收到政府信息公开申请5件' };
    for (const kind of ['township', 'subdistrict', 'department'] as const)
      expect(at(kind, said)).toHaveLength(1);
    for (const kind of ['county', 'city', 'province'] as const) expect(at(kind, said)).toEqual([]);
  });

  it('quotes a sentence up to 60 characters whole, and a longer one cut with …', () => {
    const sixty = `本年度收到政府信息公开申请5件${'，均按时答复'.repeat(9)}`.slice(0, 60);
    expect(sixty).toHaveLength(60);
    expect(at('township', { 's1.onRequest': sixty })[0]!.message).toContain(`「${sixty}」`);
    expect(at('township', { 's1.onRequest': `${sixty}了` })[0]!.message).toContain(`「${sixty}…」`);
  });

  it('reads the year of a sentence as a year, with or without a space', () => {
    expect(statedFigures('2022年收到申请5件', 2023, true)).toEqual([]);
    expect(statedFigures('2022 年收到申请5件', 2023, true)).toEqual([]);
    expect(statedFigures('2023年收到申请5件', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
    expect(statedFigures('2022年收到申请5件', null, true)).toEqual([{ what: 'new', value: 5 }]);
  });

  it('finds the number where it stands: before 结转 as well as before 件', () => {
    expect(statedFigures('申请约7件结转下一年度', 2023, true)).toEqual([]);
    expect(statedFigures('申请有7件结转下一年度，多数已答复', 2023, true)).toEqual([
      { what: 'carryForward', value: 7 },
    ]);
    expect(statedFigures('收到申请5件，多数予以公开', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
    expect(statedFigures('收到申请到访5件', 2023, true)).toEqual([{ what: 'new', value: 5 }]);
  });

  it('reads 上年结转, 结转下年度, 办结 and 予以公开 only where the sentence is about applications', () => {
    for (const s of ['上年结转7件', '有7件结转下一年度', '办结7件', '予以公开7件'])
      expect(statedFigures(s, 2023, true)).toEqual([]);
  });

  it('names the 规章 figures it found, and the largest as the figure', () => {
    const f = (kind: ReviewCase['kind']) =>
      [
        ...Object.values(
          checkReport(
            F,
            report(
              { kind, year: 2023 },
              {},
              { 's2.rules.issued': 1, 's2.rules.repealed': 0, 's2.rules.inForce': 3 },
            ),
          ),
        ).flat(),
      ].filter((x) => x.rule === 13);
    expect(f('department')[0]).toMatchObject({
      severity: 'warning',
      actual: 3,
      message: '部门一般不制定规章，但表二“规章”一行填了 1、3：如果不是本单位制定的规章，请改为 0。',
    });
    expect(f('subdistrict')[0]).toMatchObject({
      severity: 'error',
      message: '乡镇、街道不制定规章，但表二“规章”一行填了 1、3：请改为 0。',
    });
  });

  it('takes a year for this year’s only at the start of a sentence, with or without a comma or space', () => {
    const opening = (s: string) =>
      checkReport(F, report({ kind: 'township', year: 2023 }, { 's1.proactive': s })).warnings.filter(
        (w) => w.rule === 14,
      );
    expect(opening('2022年我镇做好了政务公开工作')).toHaveLength(1);
    expect(opening('2022 年，我镇做好了政务公开工作')).toHaveLength(1);
    expect(opening('回顾2022年，我镇做好了政务公开工作')).toEqual([]);
  });

  it('judges likeness from 30 characters on, and says the threshold it used', () => {
    const c = { kind: 'township' as const, year: 2024 };
    const text = '存在的问题：公开方式比较单一，信息更新不够及时。改进措施：下一步拓宽公开渠道。';
    const [f] = checkReport(
      F,
      report(c, { s5: text }),
      report({ ...c, year: 2023 }, { s5: `${text}按时更新。` }),
    ).warnings.filter((w) => w.rule === 15);
    expect(f).toMatchObject({ cells: ['s5'], expected: 80 });
  });
});
