// What defineForm derives from the 2021 format's data, checked against the published format
// (report-format.md): headings, cell paths and labels, the equations of rules 1–4, the texts and the
// chat's choices. Expected values are written out as the format prints them, never read from the code.
import { describe, expect, it } from 'vitest';
import { defineForm, type FormData, type S2Table } from './define';
import { DATA_2021, FORM_2021 as F } from './report-2021';

const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他法人或组织'];
const RESULT_IDS = [
  'granted',
  'partial',
  'withheld1',
  'withheld2',
  'withheld3',
  'withheld4',
  'withheld5',
  'withheld6',
  'withheld7',
  'withheld8',
  'unavailable1',
  'unavailable2',
  'unavailable3',
  'notProcessed1',
  'notProcessed2',
  'notProcessed3',
  'notProcessed4',
  'notProcessed5',
  'other1',
  'other2',
  'other3',
];
const S3_ROWS = ['new', 'carriedOver', ...RESULT_IDS, 'total', 'carryForward'];

describe('headings and title', () => {
  it.each([
    ['s1', '一、总体情况'],
    ['s2', '二、主动公开政府信息情况'],
    ['s3', '三、收到和处理政府信息公开申请情况'],
    ['s4', '四、政府信息公开行政复议、行政诉讼情况'],
    ['s5', '五、存在的主要问题及改进情况'],
    ['s6', '六、其他需要报告的事项'],
  ] as const)('%s is headed %s', (id, heading) => {
    expect(F.heading(id)).toBe(heading);
  });

  it('names a section it does not know by its id', () => {
    expect(F.heading('s9' as 's1')).toBe('s9');
  });

  it('titles a report as the format does', () => {
    expect(F.title('汤阴县白营镇政府', 2023)).toBe('汤阴县白营镇政府2023年政府信息公开工作年度报告');
  });
});

describe('the cell catalogue', () => {
  it('has table 二 in printed order, with 规章 asked only of provinces, cities and counties', () => {
    expect(F.cellsOf('s2').map((c) => [c.path, c.label, c.kind])).toEqual([
      ['s2.rules.issued', '规章·本年制发件数', 'count'],
      ['s2.rules.repealed', '规章·本年废止件数', 'count'],
      ['s2.rules.inForce', '规章·现行有效件数', 'count'],
      ['s2.normativeDocs.issued', '行政规范性文件·本年制发件数', 'count'],
      ['s2.normativeDocs.repealed', '行政规范性文件·本年废止件数', 'count'],
      ['s2.normativeDocs.inForce', '行政规范性文件·现行有效件数', 'count'],
      ['s2.licensing', '行政许可·本年处理决定数量', 'count'],
      ['s2.penalties', '行政处罚·本年处理决定数量', 'count'],
      ['s2.enforcement', '行政强制·本年处理决定数量', 'count'],
      ['s2.fees', '行政事业性收费·本年收费金额（单位：万元）', 'amount'],
    ]);
    expect(F.cellByPath.get('s2.rules.inForce')).toEqual({
      path: 's2.rules.inForce',
      section: 's2',
      kind: 'count',
      loc: ['s2', 'rules', 'inForce'],
      label: '规章·现行有效件数',
      computed: false,
      askedOf: ['province', 'city', 'county'],
      row: 'rules',
      notApplicable: true,
      column: 'inForce',
    });
    expect(F.cellByPath.get('s2.fees')).toEqual({
      path: 's2.fees',
      section: 's2',
      kind: 'amount',
      loc: ['s2', 'fees'],
      label: '行政事业性收费·本年收费金额（单位：万元）',
      computed: false,
      askedOf: undefined,
      row: 'fees',
      notApplicable: true,
    });
  });

  it('has table 三 as 25 rows of 7 columns, the 总计 column and the （七）总计 row computed', () => {
    const s3 = F.cellsOf('s3');
    expect(s3).toHaveLength(25 * 7);
    expect(s3.slice(0, 7).map((c) => c.label)).toEqual([
      '新收·自然人',
      '新收·商业企业',
      '新收·科研机构',
      '新收·社会公益组织',
      '新收·法律服务机构',
      '新收·其他法人或组织',
      '新收·总计',
    ]);
    expect([...new Set(s3.map((c) => c.row))]).toEqual(S3_ROWS);
    expect(F.cellByPath.get('s3.granted[2]')).toEqual({
      path: 's3.granted[2]',
      section: 's3',
      kind: 'count',
      loc: ['s3', 'granted', 2],
      label: '予以公开·科研机构',
      computed: false,
      row: 'granted',
      notApplicable: false,
      column: 2,
    });
    expect(F.cellByPath.get('s3.carryForward[6]')).toMatchObject({
      label: '结转下年度·总计',
      computed: true,
    });
    expect(F.cellByPath.get('s3.total[0]')).toMatchObject({ label: '办理结果合计·自然人', computed: true });
    expect(F.cellByPath.get('s3.other1[5]')).toMatchObject({
      label: '其他处理-逾期不补正·其他法人或组织',
      computed: false,
    });
    expect(s3.filter((c) => c.computed)).toHaveLength(25 + 6);
  });

  it('has table 四 as three groups of five, each 总计 computed', () => {
    expect(F.cellsOf('s4').map((c) => [c.path, c.label, c.computed])).toEqual([
      ['s4.review.upheld', '行政复议·结果维持', false],
      ['s4.review.corrected', '行政复议·结果纠正', false],
      ['s4.review.other', '行政复议·其他结果', false],
      ['s4.review.pending', '行政复议·尚未审结', false],
      ['s4.review.total', '行政复议·总计', true],
      ['s4.suitDirect.upheld', '行政诉讼（未经复议直接起诉）·结果维持', false],
      ['s4.suitDirect.corrected', '行政诉讼（未经复议直接起诉）·结果纠正', false],
      ['s4.suitDirect.other', '行政诉讼（未经复议直接起诉）·其他结果', false],
      ['s4.suitDirect.pending', '行政诉讼（未经复议直接起诉）·尚未审结', false],
      ['s4.suitDirect.total', '行政诉讼（未经复议直接起诉）·总计', true],
      ['s4.suitAfterReview.upheld', '行政诉讼（复议后起诉）·结果维持', false],
      ['s4.suitAfterReview.corrected', '行政诉讼（复议后起诉）·结果纠正', false],
      ['s4.suitAfterReview.other', '行政诉讼（复议后起诉）·其他结果', false],
      ['s4.suitAfterReview.pending', '行政诉讼（复议后起诉）·尚未审结', false],
      ['s4.suitAfterReview.total', '行政诉讼（复议后起诉）·总计', true],
    ]);
    expect(F.cellByPath.get('s4.suitDirect.pending')).toEqual({
      path: 's4.suitDirect.pending',
      section: 's4',
      kind: 'count',
      loc: ['s4', 'suitDirect', 'pending'],
      label: '行政诉讼（未经复议直接起诉）·尚未审结',
      computed: false,
      row: 'suitDirect',
      notApplicable: false,
      column: 'pending',
    });
  });

  it('lists every cell once, tables in order, and the 166 a person enters', () => {
    expect(F.cells).toHaveLength(10 + 175 + 15);
    expect(F.cells.map((c) => c.path)).toEqual([
      ...F.cellsOf('s2').map((c) => c.path),
      ...F.cellsOf('s3').map((c) => c.path),
      ...F.cellsOf('s4').map((c) => c.path),
    ]);
    expect(F.cellByPath.size).toBe(200);
    expect(F.entered).toHaveLength(10 + 24 * 6 + 12);
    expect(F.entered.some((c) => c.computed)).toBe(false);
    expect(F.entered.map((c) => c.path)).toContain('s3.carryForward[0]');
    expect(F.entered.map((c) => c.path)).not.toContain('s3.carryForward[6]');
  });
});

describe('the equations of rules 1–4', () => {
  const applicantTerms = (row: string) => APPLICANTS.map((short, c) => ({ path: `s3.${row}[${c}]`, short }));

  it('rule 1: each row’s 总计 is its six applicant columns, computed except on the （七）总计 row', () => {
    const ones = F.equations.filter((e) => e.rule === 1);
    expect(ones.map((e) => e.scope)).toEqual([
      '「新收」行',
      '「上年结转」行',
      '「予以公开」行',
      '「部分公开」行',
      '「不予公开-国家秘密」行',
      '「不予公开-法律法规禁止」行',
      '「不予公开-危及三安全一稳定」行',
      '「不予公开-保护第三方权益」行',
      '「不予公开-内部事务信息」行',
      '「不予公开-过程性信息」行',
      '「不予公开-行政执法案卷」行',
      '「不予公开-行政查询事项」行',
      '「无法提供-本机关不掌握」行',
      '「无法提供-需另行制作」行',
      '「无法提供-补正后仍不明确」行',
      '「不予处理-信访举报投诉」行',
      '「不予处理-重复申请」行',
      '「不予处理-公开出版物」行',
      '「不予处理-大量反复申请」行',
      '「不予处理-要求确认或重新出具」行',
      '「其他处理-逾期不补正」行',
      '「其他处理-逾期未缴费」行',
      '「其他处理-其他」行',
      '「办理结果合计」行',
      '「结转下年度」行',
    ]);
    expect(ones[2]).toEqual({
      rule: 1,
      scope: '「予以公开」行',
      left: [{ path: 's3.granted[6]', short: '总计' }],
      right: applicantTerms('granted'),
      computes: 's3.granted[6]',
    });
    expect(ones[23]).toEqual({
      rule: 1,
      scope: '「办理结果合计」行',
      left: [{ path: 's3.total[6]', short: '总计' }],
      right: applicantTerms('total'),
    });
  });

  it('rule 2: the （七）总计 row of each column is every result, computed', () => {
    const twos = F.equations.filter((e) => e.rule === 2);
    expect(twos.map((e) => e.scope)).toEqual([...APPLICANTS.map((a) => `${a}列`), '总计列']);
    expect(twos[0]).toMatchObject({
      scope: '自然人列',
      left: [{ path: 's3.total[0]', short: '办理结果合计' }],
      computes: 's3.total[0]',
    });
    expect(twos[0]!.right.map((t) => t.path)).toEqual(RESULT_IDS.map((id) => `s3.${id}[0]`));
    expect(twos[0]!.right.slice(0, 3).map((t) => t.short)).toEqual([
      '予以公开',
      '部分公开',
      '不予公开-国家秘密',
    ]);
    expect(twos[6]!.computes).toBe('s3.total[6]');
  });

  it('rule 3: 新收 + 上年结转 = 办理结果合计 + 结转下年度 in each column, checked only', () => {
    const threes = F.equations.filter((e) => e.rule === 3);
    expect(threes).toHaveLength(7);
    expect(threes[1]).toEqual({
      rule: 3,
      scope: '商业企业列',
      left: [
        { path: 's3.new[1]', short: '新收' },
        { path: 's3.carriedOver[1]', short: '上年结转' },
      ],
      right: [
        { path: 's3.total[1]', short: '办理结果合计' },
        { path: 's3.carryForward[1]', short: '结转下年度' },
      ],
    });
  });

  it('rule 4: each group of table 四 totals its four outcomes, computed', () => {
    const fours = F.equations.filter((e) => e.rule === 4);
    expect(fours).toEqual([
      {
        rule: 4,
        scope: '行政复议',
        left: [{ path: 's4.review.total', short: '总计' }],
        right: [
          { path: 's4.review.upheld', short: '结果维持' },
          { path: 's4.review.corrected', short: '结果纠正' },
          { path: 's4.review.other', short: '其他结果' },
          { path: 's4.review.pending', short: '尚未审结' },
        ],
        computes: 's4.review.total',
      },
      expect.objectContaining({ scope: '行政诉讼（未经复议直接起诉）', computes: 's4.suitDirect.total' }),
      expect.objectContaining({ scope: '行政诉讼（复议后起诉）', computes: 's4.suitAfterReview.total' }),
    ]);
  });

  it('orders rule 1 before 2 before 3 before 4, and computes row totals before the 总计 row', () => {
    expect(F.equations.map((e) => e.rule)).toEqual([
      ...Array(25).fill(1),
      ...Array(7).fill(2),
      ...Array(7).fill(3),
      ...Array(3).fill(4),
    ]);
    expect(F.computed.map((e) => e.computes)).toEqual([
      ...S3_ROWS.filter((r) => r !== 'total').map((r) => `s3.${r}[6]`),
      ...[0, 1, 2, 3, 4, 5, 6].map((c) => `s3.total[${c}]`),
      's4.review.total',
      's4.suitDirect.total',
      's4.suitAfterReview.total',
    ]);
  });
});

describe('texts, table 三’s index and the chat’s choices', () => {
  it('has the five parts of 一 and sections 五 and 六 as texts', () => {
    expect(F.texts.map((t) => [t.path, t.section, t.heading, t.name])).toEqual([
      ['s1.proactive', 's1', '（一）主动公开', '（一）主动公开'],
      ['s1.onRequest', 's1', '（二）依申请公开', '（二）依申请公开'],
      ['s1.management', 's1', '（三）政府信息管理', '（三）政府信息管理'],
      ['s1.platforms', 's1', '（四）政府信息公开平台建设', '（四）政府信息公开平台建设'],
      ['s1.oversight', 's1', '（五）监督保障', '（五）监督保障'],
      ['s5', 's5', '', '五、存在的主要问题及改进情况'],
      ['s6', 's6', '', '六、其他需要报告的事项'],
    ]);
    expect(F.textPaths).toEqual([
      's1.proactive',
      's1.onRequest',
      's1.management',
      's1.platforms',
      's1.oversight',
      's5',
      's6',
    ]);
    expect(F.texts[1]!.hint).toContain('本年度未收到政府信息公开申请');
    expect(F.texts[5]!.hint).toContain('上年问题的整改情况');
    expect(F.texts[6]!.hint).toContain('本年度，本机关未收取信息处理费。');
  });

  it('indexes table 三: 总计 is the seventh column, the results are the 21 outcome rows', () => {
    expect(F.s3Index.total).toBe(6);
    expect(F.s3Index.applicants).toEqual([0, 1, 2, 3, 4, 5]);
    expect(F.s3Index.results.map((r) => r.id)).toEqual(RESULT_IDS);
    expect(F.s3Index.rowById.get('carryForward')?.label).toBe('四、结转下年度继续办理');
    expect(F.s3Index.rowById.size).toBe(25);
  });

  it('offers the applicant columns, the outcomes and the groups of cases, numbered from 1', () => {
    expect(F.choices.s3Columns).toEqual(APPLICANTS.map((label, i) => ({ key: String(i), no: i + 1, label })));
    expect(F.choices.s3Rows).toHaveLength(21);
    expect(F.choices.s3Rows[0]).toEqual({ key: 'granted', no: 1, label: '予以公开' });
    expect(F.choices.s3Rows[20]).toEqual({ key: 'other3', no: 21, label: '其他处理-其他' });
    expect(F.choices.s4Groups).toEqual([
      { key: 'review', no: 1, label: '行政复议' },
      { key: 'suitDirect', no: 2, label: '行政诉讼（未经复议直接起诉）' },
      { key: 'suitAfterReview', no: 3, label: '行政诉讼（复议后起诉）' },
    ]);
  });

  it('keeps the version’s own data', () => {
    expect(F.version).toBe('2021');
    expect(F.since).toBe(2021);
    expect(F.s6.noFees).toBe('本年度，本机关未收取信息处理费。');
  });
});

describe('other shapes a later version may take', () => {
  const variant = (change: (d: FormData) => FormData) => defineForm(change(DATA_2021 as unknown as FormData));

  it('refuses a table 三 without a 总计 column', () => {
    const noTotal = (d: FormData): FormData => ({
      ...d,
      version: '2090',
      s3: { ...d.s3, columns: d.s3.columns.filter((c) => !c.total) },
    });
    expect(() => variant(noTotal)).toThrow('form 2090: table 三 has no total column');
  });

  it('puts the 总计 column where the version says, and sums the others', () => {
    const form = variant((d) => ({
      ...d,
      s3: { ...d.s3, columns: [d.s3.columns[6]!, ...d.s3.columns.slice(0, 6)] },
    }));
    expect(form.s3Index.total).toBe(0);
    expect(form.s3Index.applicants).toEqual([1, 2, 3, 4, 5, 6]);
    expect(form.choices.s3Columns[0]).toEqual({ key: '1', no: 1, label: '自然人' });
    expect(form.cellByPath.get('s3.new[0]')).toMatchObject({ label: '新收·总计', computed: true });
    expect(form.cellByPath.get('s3.new[6]')).toMatchObject({ computed: false });
  });

  it('has no rule 2 without a （七）总计 row, and no rule 4 without a 总计 field', () => {
    const form = variant((d) => ({
      ...d,
      s3: { ...d.s3, rows: d.s3.rows.filter((r) => r.role !== 'total') },
      s4: { ...d.s4, fields: d.s4.fields.filter((f) => !f.total) },
    }));
    // 24 rows without the （七）总计 row (rule 1) and the 7 columns of rule 3; nothing else.
    expect(form.equations.map((e) => e.rule)).toEqual([...Array(24).fill(1), ...Array(7).fill(3)]);
    expect(form.equations.filter((e) => e.rule === 3)[0]!.right).toEqual([
      { path: 's3.carryForward[0]', short: '结转下年度' },
    ]);
    expect(form.computed.every((e) => e.rule === 1)).toBe(true);
  });

  it('makes a row of a table with neither columns nor a unit one count, labelled by its row', () => {
    const bare: S2Table = {
      heading: '第二十条第（九）项',
      columnHeading: '信息内容',
      rows: [{ id: 'x', label: '某事项' }],
    };
    const form = variant((d) => ({ ...d, s2: { tables: [bare], notApplicable: true } }));
    expect(form.cellsOf('s2')).toEqual([
      {
        path: 's2.x',
        section: 's2',
        kind: 'count',
        loc: ['s2', 'x'],
        label: '某事项·',
        computed: false,
        askedOf: undefined,
        row: 'x',
        notApplicable: true,
      },
    ]);
  });
});
