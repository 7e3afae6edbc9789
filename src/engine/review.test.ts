// The reviewer's rules (11–15): every case of test/fixtures/review-cases.ts, flagged or left alone as
// a reviewer would, through the checker every surface uses; then the rules' edges.
import { describe, expect, it } from 'vitest';
import { emptyReport, setCell, setText, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { REVIEW_CASES, type ReviewCase } from '../../test/fixtures/review-cases';
import { checkReport } from './check';
import { fillTotals } from './compute';
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
