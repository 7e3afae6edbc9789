// The checker against the published format's rules 1–10 (report-format.md). Every expected label,
// heading and sentence is written out as the format and the official read it, never taken from the
// code's own definition, so a wrong or empty label in the code fails here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { consistentReport } from '../../test/gen';
import { checkReport, isEmptyText, type Finding } from './check';
import { fillTotals, suggestCarryForward } from './compute';

function base(): Report {
  const r = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
  r.s1 = {
    proactive: '主动公开信息 6 条。',
    onRequest: '本年度未收到政府信息公开申请。',
    management: '严格审核。',
    platforms: '网站。',
    oversight: '培训。',
  };
  r.s5 = '存在的问题：公开方式比较单一，信息更新不够及时。改进措施：下一步拓宽公开渠道，按时更新信息。';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return r;
}

function lastYear(): Report {
  const p = base();
  p.year = 2023;
  p.s1 = {
    proactive: '去年的文字一。',
    onRequest: '去年的文字二。',
    management: '去年三。',
    platforms: '去年四。',
    oversight: '去年五。',
  };
  p.s5 = '存在的问题：公开方式单一，群众知晓率不高。改进措施：下一步加强宣传，完善公开目录，按时更新。';
  p.s6 = '去年未收费。';
  return p;
}

function edit<T extends object>(r: T, values: Record<string, number | string | null>): T {
  for (const [path, v] of Object.entries(values)) setCell(r, F.cellByPath.get(path)!, v as number);
  return r;
}

/** The heading of the section a finding is shown in, by its first cell (`s3.new[0]` → 三、…). */
const sectionOf = (f: Finding) => F.heading(f.cells[0]!.split(/[.[]/)[0] as 's1');

const S3 = '三、收到和处理政府信息公开申请情况';
const S4 = '四、政府信息公开行政复议、行政诉讼情况';
const row = (id: string) => [0, 1, 2, 3, 4, 5].map((c) => `s3.${id}[${c}]`);

interface RuleCase {
  rule: Finding['rule'];
  name: string;
  report: () => object;
  previous?: () => object;
  /** Every finding the checker gives, errors then warnings. */
  findings: Finding[];
  section: string;
}

/** One input per rule: every finding it gives, each with its rule, severity, cells and sentence. */
const RULE_CASES: RuleCase[] = [
  {
    rule: 1,
    name: 'rule 1: a row’s 总计 is not the sum of its six applicant columns',
    // 新收 and 结转下年度 both say 2 in 总计 where their columns add up to 1; rule 3 still balances.
    report: () =>
      edit(base(), { 's3.new[0]': 1, 's3.new[6]': 2, 's3.carryForward[0]': 1, 's3.carryForward[6]': 2 }),
    findings: [
      {
        rule: 1,
        severity: 'error',
        cells: ['s3.new[6]', ...row('new')],
        expected: 1,
        actual: 2,
        message: '「新收」行：自然人 1 = 1，但总计填的是 2，相差 1',
      },
      {
        rule: 1,
        severity: 'error',
        cells: ['s3.carryForward[6]', ...row('carryForward')],
        expected: 1,
        actual: 2,
        message: '「结转下年度」行：自然人 1 = 1，但总计填的是 2，相差 1',
      },
    ],
    section: S3,
  },
  {
    rule: 2,
    name: 'rule 2: the （七）总计 row is not the sum of the outcomes',
    report: () => edit(base(), { 's3.total[1]': 2, 's3.new[1]': 2, 's3.new[6]': 2, 's3.total[6]': 2 }),
    findings: [
      {
        rule: 2,
        severity: 'error',
        cells: ['s3.total[1]', ...F.s3Index.results.map((r) => `s3.${r.id}[1]`)],
        expected: 0,
        actual: 2,
        message: '商业企业列：各项均为 0，但办理结果合计填的是 2，相差 2',
      },
      {
        rule: 2,
        severity: 'error',
        cells: ['s3.total[6]', ...F.s3Index.results.map((r) => `s3.${r.id}[6]`)],
        expected: 0,
        actual: 2,
        message: '总计列：各项均为 0，但办理结果合计填的是 2，相差 2',
      },
    ],
    section: S3,
  },
  {
    rule: 3,
    name: 'rule 3: 新收 + 上年结转 is not 办理结果合计 + 结转下年度',
    report: () =>
      fillTotals(
        F,
        edit(base(), { 's3.new[0]': 3, 's3.carriedOver[0]': 1, 's3.granted[0]': 2, 's3.carryForward[0]': 1 }),
      ),
    findings: [
      {
        rule: 3,
        severity: 'error',
        cells: ['s3.new[0]', 's3.carriedOver[0]', 's3.total[0]', 's3.carryForward[0]'],
        expected: 4,
        actual: 3,
        message:
          '自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1 = 3，相差 1',
      },
      {
        rule: 3,
        severity: 'error',
        cells: ['s3.new[6]', 's3.carriedOver[6]', 's3.total[6]', 's3.carryForward[6]'],
        expected: 4,
        actual: 3,
        message:
          '总计列：新收 3（自然人 3） + 上年结转 1（自然人 1） = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1（自然人 1） = 3，相差 1',
      },
    ],
    section: S3,
  },
  {
    rule: 4,
    name: 'rule 4: a group of table 四 does not add up',
    report: () => edit(base(), { 's4.review.upheld': 2, 's4.review.total': 3 }),
    findings: [
      {
        rule: 4,
        severity: 'error',
        cells: [
          's4.review.total',
          's4.review.upheld',
          's4.review.corrected',
          's4.review.other',
          's4.review.pending',
        ],
        expected: 2,
        actual: 3,
        message: '行政复议：结果维持 2 = 2，但总计填的是 3，相差 1',
      },
    ],
    section: S4,
  },
  {
    rule: 5,
    name: 'rule 5: a count that is no whole number, a negative fee, a figure out of range',
    report: () => edit(base(), { 's2.licensing': 2.5, 's2.fees': -0.1, 's2.penalties': 100_000_001 }),
    findings: [
      {
        rule: 5,
        severity: 'error',
        cells: ['s2.licensing'],
        message: '行政许可·本年处理决定数量：应为非负整数，现在是 2.5',
      },
      {
        rule: 5,
        severity: 'error',
        cells: ['s2.penalties'],
        message: '行政处罚·本年处理决定数量：100000001 超出了可填的范围，请核对',
      },
      {
        rule: 5,
        severity: 'error',
        cells: ['s2.fees'],
        message: '行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元），现在是 -0.1',
      },
    ],
    section: '二、主动公开政府信息情况',
  },
  {
    rule: 6,
    name: 'rule 6: 上年结转 is not last year’s 结转下年度',
    report: base,
    previous: () => fillTotals(F, edit(lastYear(), { 's3.new[0]': 2, 's3.carryForward[0]': 2 })),
    findings: [
      {
        rule: 6,
        severity: 'warning',
        cells: ['s3.carriedOver[0]'],
        expected: 2,
        actual: 0,
        message:
          '自然人列：本年“上年结转”为 0，但上年报告的“结转下年度”是 2，相差 2。两者通常应相等，请核对。',
      },
      {
        rule: 6,
        severity: 'warning',
        cells: ['s3.carriedOver[6]'],
        expected: 2,
        actual: 0,
        message: '总计列：本年“上年结转”为 0，但上年报告的“结转下年度”是 2，相差 2。两者通常应相等，请核对。',
      },
    ],
    section: S3,
  },
  {
    rule: 7,
    name: 'rule 7: normative documents in force do not follow from last year',
    report: () =>
      edit(base(), {
        's2.normativeDocs.issued': 2,
        's2.normativeDocs.repealed': 1,
        's2.normativeDocs.inForce': 5,
      }),
    previous: () => edit(lastYear(), { 's2.normativeDocs.inForce': 5 }),
    findings: [
      {
        rule: 7,
        severity: 'warning',
        cells: ['s2.normativeDocs.inForce'],
        expected: 6,
        actual: 5,
        message:
          '行政规范性文件：上年现行有效 5 + 本年制发 2 − 本年废止 1 = 6，但本年现行有效填的是 5。如有其他原因（如清理失效），可以确认后提交。',
      },
    ],
    section: '二、主动公开政府信息情况',
  },
  {
    rule: 8,
    name: 'rule 8: cases pending last year do not reappear',
    report: base,
    previous: () => fillTotals(F, edit(lastYear(), { 's4.suitDirect.pending': 2 })),
    findings: [
      {
        rule: 8,
        severity: 'warning',
        cells: ['s4.suitDirect.total'],
        expected: 2,
        actual: 0,
        message:
          '行政诉讼（未经复议直接起诉）：上年有 2 件尚未审结，本年总计只有 0 件。上年未审结的案件审结后通常计入本年，请核对。',
      },
    ],
    section: S4,
  },
  {
    rule: 9,
    name: 'rule 9: a text left as 无, or copied from last year',
    report: () => ({ ...base(), s1: { ...base().s1, management: '无' }, s5: lastYear().s5 }),
    previous: lastYear,
    findings: [
      {
        rule: 9,
        severity: 'warning',
        cells: ['s1.management'],
        message: '（三）政府信息管理：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
      },
      {
        rule: 9,
        severity: 'warning',
        cells: ['s5'],
        message: '五、存在的主要问题及改进情况：与上年报告的内容完全相同，请按本年实际情况更新。',
      },
    ],
    section: '一、总体情况',
  },
  {
    rule: 10,
    name: 'rule 10: applications received while （二）依申请公开 says 无',
    report: () => {
      const r = fillTotals(F, edit(base(), { 's3.new[0]': 2, 's3.granted[0]': 2 }));
      r.s1.onRequest = '无';
      return r;
    },
    findings: [
      {
        rule: 9,
        severity: 'warning',
        cells: ['s1.onRequest'],
        message: '（二）依申请公开：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
      },
      {
        rule: 10,
        severity: 'warning',
        cells: ['s1.onRequest', 's3.new[6]'],
        expected: 2,
        actual: 0,
        message: '（二）依申请公开写的是“无”，但表三本年新收申请 2 件。请在文字中说明申请的收到和办理情况。',
      },
    ],
    section: '一、总体情况',
  },
];

describe('one input per rule', () => {
  it.each(RULE_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { errors, warnings } = checkReport(F, c.report(), c.previous?.());
    // Strictly: a finding without expected and actual values has no such keys at all.
    expect([...errors, ...warnings]).toStrictEqual(c.findings);
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
    expect(warnings.every((f) => f.severity === 'warning')).toBe(true);
    // Shown in the section the rule is about, by its first cell.
    expect(sectionOf(c.findings.find((f) => f.rule === c.rule)!)).toBe(c.section);
  });

  it('accepts an all-zero report with texts filled in, with or without last year', () => {
    expect(checkReport(F, base())).toEqual({ errors: [], warnings: [] });
    expect(checkReport(F, base(), lastYear())).toEqual({ errors: [], warnings: [] });
  });
});

describe('rules 1–4: every cell behind a sum named', () => {
  it('rule 2 lists the non-zero outcomes it summed', () => {
    const r = edit(base(), { 's3.new[0]': 3, 's3.granted[0]': 2, 's3.partial[0]': 1 });
    fillTotals(F, r);
    setCell(r, F.cellByPath.get('s3.total[0]')!, 2);
    const twos = checkReport(F, r).errors.filter((e) => e.rule === 2);
    expect(twos).toEqual([
      {
        rule: 2,
        severity: 'error',
        cells: ['s3.total[0]', ...F.s3Index.results.map((x) => `s3.${x.id}[0]`)],
        expected: 3,
        actual: 2,
        message: '自然人列：予以公开 2 + 部分公开 1 = 3，但办理结果合计填的是 2，相差 1',
      },
    ]);
  });

  it('rule 3 names a total of 0 without parts, and a difference either way as a positive number', () => {
    const r = fillTotals(F, edit(base(), { 's3.carryForward[2]': 2, 's3.new[2]': 1 }));
    expect(checkReport(F, r).errors.map((e) => e.message)).toEqual([
      '科研机构列：新收 1 + 上年结转 0 = 1，但办理结果合计 0 + 结转下年度 2 = 2，相差 1',
      '总计列：新收 1（科研机构 1） + 上年结转 0 = 1，但办理结果合计 0 + 结转下年度 2（科研机构 2） = 2，相差 1',
    ]);
  });

  it('rule 3 in a draft counts the outcomes not entered yet as 0 when naming the parts', () => {
    const draft = { formVersion: '2021', org: { name: '白营镇' }, year: 2024 };
    edit(draft, { 's3.new[0]': 3, 's3.carriedOver[0]': 0, 's3.granted[0]': 2, 's3.carryForward[0]': 0 });
    fillTotals(F, draft);
    expect(checkReport(F, draft).errors.map((e) => e.message)).toEqual([
      '自然人列：新收 3 + 上年结转 0 = 3，但办理结果合计 2（予以公开 2） + 结转下年度 0 = 2，相差 1',
      '总计列：新收 3（自然人 3） + 上年结转 0 = 3，但办理结果合计 2（予以公开 2） + 结转下年度 0 = 2，相差 1',
    ]);
  });

  it('rule 4 in the other groups, named as the format names them', () => {
    const r = edit(base(), { 's4.suitAfterReview.pending': 1, 's4.suitAfterReview.corrected': 2 });
    expect(checkReport(F, r).errors.map((e) => [e.rule, e.message])).toEqual([
      [4, '行政诉讼（复议后起诉）：结果纠正 2 + 尚未审结 1 = 3，但总计填的是 0，相差 3'],
    ]);
  });
});

describe('rule 5: what a figure may be', () => {
  it.each([
    ['s3.granted[0]', -1, '予以公开·自然人：应为非负整数，现在是 -1'],
    ['s4.review.pending', 0.5, '行政复议·尚未审结：应为非负整数，现在是 0.5'],
    ['s2.fees', Number.NaN, '行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元），现在是 NaN'],
    [
      's2.normativeDocs.issued',
      100_000_001,
      '行政规范性文件·本年制发件数：100000001 超出了可填的范围，请核对',
    ],
    [
      's2.fees',
      100_000_000.01,
      '行政事业性收费·本年收费金额（单位：万元）：100000000.01 超出了可填的范围，请核对',
    ],
  ])('%s = %d', (path, value, message) => {
    const r = edit(base(), { [path]: value });
    const fives = checkReport(F, r).errors.filter((e) => e.rule === 5);
    expect(fives).toEqual([{ rule: 5, severity: 'error', cells: [path], message }]);
  });

  it('takes 100,000,000 and fees with the precision typed', () => {
    const r = edit(base(), { 's2.licensing': 100_000_000, 's2.fees': 5949.088667 });
    expect(checkReport(F, r).errors).toEqual([]);
  });

  it('an invalid value is reported once, by rule 5: no sum is judged with it', () => {
    const r = edit(base(), { 's4.review.pending': Number.NaN, 's3.partial[3]': Number.POSITIVE_INFINITY });
    expect(checkReport(F, r).errors).toStrictEqual([
      {
        rule: 5,
        severity: 'error',
        cells: ['s3.partial[3]'],
        message: '部分公开·社会公益组织：应为非负整数，现在是 Infinity',
      },
      {
        rule: 5,
        severity: 'error',
        cells: ['s4.review.pending'],
        message: '行政复议·尚未审结：应为非负整数，现在是 NaN',
      },
    ]);
  });

  it('a string is not a figure', () => {
    const r = base() as unknown as { s2: Record<string, unknown> };
    r.s2.licensing = '3';
    expect(checkReport(F, r).errors).toEqual([
      {
        rule: 5,
        severity: 'error',
        cells: ['s2.licensing'],
        message: '行政许可·本年处理决定数量：应为非负整数，现在是 3',
      },
    ]);
  });
});

describe('partial drafts and cleared cells', () => {
  it('a cell cleared in the form (null) is not entered: no rule 5, no sum judged', () => {
    const r = edit(base(), { 's3.granted[0]': null, 's2.fees': null, 's4.review.upheld': null });
    expect(r.s3.granted[0]).toBeNull();
    expect(checkReport(F, r).errors).toEqual([]);
  });

  it('a balance with either side still blank is not judged', () => {
    // 新收 and 上年结转 of 自然人 not given yet, its results and 结转下年度 given: rule 3 waits.
    expect(checkReport(F, edit(base(), { 's3.new[0]': null, 's3.carriedOver[0]': null })).errors).toEqual([]);
    // And the other way round.
    expect(checkReport(F, edit(base(), { 's3.carryForward[0]': null })).errors).toEqual([]);
  });

  it('a draft is judged only on what it has', () => {
    const draft = {
      formVersion: '2021',
      org: { name: '白营镇' },
      year: 2024,
      s3: { new: [1, 0, 0, 0, 0, 0, 1] },
    };
    expect(checkReport(F, draft).errors).toEqual([]);
    // Its texts are not written yet: rule 9 says so, and nothing else.
    expect(checkReport(F, draft).warnings.map((w) => [w.rule, w.cells])).toEqual([
      [9, ['s1.proactive']],
      [9, ['s1.onRequest']],
      [9, ['s1.management']],
      [9, ['s1.platforms']],
      [9, ['s1.oversight']],
      [9, ['s5']],
      [9, ['s6']],
    ]);
  });

  const noWarning = (report: object, previous: object) => {
    const warnings = checkReport(F, report, previous).warnings;
    expect(warnings.filter((w) => w.rule !== 9)).toEqual([]);
    for (const w of warnings) {
      if ('expected' in w) expect(Number.isFinite(w.expected)).toBe(true);
      if ('actual' in w) expect(Number.isFinite(w.actual)).toBe(true);
    }
  };

  it('rule 6: no warning while this year’s 上年结转 or last year’s 结转下年度 is missing', () => {
    const previous = fillTotals(F, edit(lastYear(), { 's3.new[0]': 2, 's3.carryForward[0]': 2 }));
    const r = base() as unknown as { s3: Record<string, unknown> };
    delete r.s3.carriedOver;
    noWarning(r, previous);
    const blankPrevious = edit(lastYear(), { 's3.carryForward[0]': null, 's3.carryForward[6]': null });
    noWarning(
      edit(base(), { 's3.carriedOver[0]': 3, 's3.carriedOver[6]': 3, 's3.new[0]': 3, 's3.new[6]': 3 }),
      blankPrevious,
    );
  });

  it('rule 7: no warning until in force, issued, repealed and last year’s in force are all known', () => {
    const previous = edit(lastYear(), { 's2.normativeDocs.inForce': 5 });
    for (const missing of ['issued', 'repealed', 'inForce'] as const) {
      const r = edit(base(), {
        's2.normativeDocs.issued': 2,
        's2.normativeDocs.repealed': 1,
        's2.normativeDocs.inForce': 9,
      });
      delete (r.s2.normativeDocs as Partial<Record<string, number>>)[missing];
      noWarning(r, previous);
    }
    const r = edit(base(), { 's2.normativeDocs.issued': 2, 's2.normativeDocs.inForce': 9 });
    noWarning(r, edit(lastYear(), { 's2.normativeDocs.inForce': null }));
  });

  it('rule 8: no warning while last year’s pending cases or this year’s total is missing', () => {
    const r = base() as unknown as { s4: Record<string, unknown> };
    delete r.s4.suitDirect;
    noWarning(r, fillTotals(F, edit(lastYear(), { 's4.suitDirect.pending': 2 })));
    const previous = lastYear() as unknown as { s4: Record<string, unknown> };
    delete previous.s4.suitDirect;
    noWarning(base(), previous);
  });

  it('rule 9: a text last year’s draft does not have is not "copied"', () => {
    const previous = { formVersion: '2021', org: { name: '白营镇' }, year: 2023 };
    expect(checkReport(F, base(), previous).warnings).toEqual([]);
  });

  it('rule 10: no warning until every applicant’s 新收 is entered, and the text written', () => {
    const draft = { formVersion: '2021', org: { name: '白营镇' }, year: 2024, s1: { onRequest: '无' } };
    edit(draft, { 's3.new[0]': 2 });
    fillTotals(F, draft);
    expect(checkReport(F, draft).warnings.filter((w) => w.rule === 10)).toEqual([]);
    const noText = fillTotals(F, edit(base(), { 's3.new[0]': 2, 's3.granted[0]': 2 })) as unknown as {
      s1: Record<string, unknown>;
    };
    delete noText.s1.onRequest;
    expect(checkReport(F, noText).warnings.filter((w) => w.rule === 10)).toEqual([]);
    const noTotal = base();
    noTotal.s1.onRequest = '收到申请 3 件。';
    (noTotal.s3.new as unknown[])[6] = null;
    expect(checkReport(F, noTotal).warnings.filter((w) => w.rule === 10)).toEqual([]);
  });
});

describe('boundaries', () => {
  it('rule 8: as many cases this year as were pending is no warning, one fewer is', () => {
    const previous = fillTotals(F, edit(lastYear(), { 's4.review.pending': 2 }));
    const equal = fillTotals(F, edit(base(), { 's4.review.upheld': 2 }));
    expect(checkReport(F, equal, previous).warnings).toEqual([]);
    const fewer = fillTotals(F, edit(base(), { 's4.review.upheld': 1 }));
    expect(checkReport(F, fewer, previous).warnings).toEqual([
      {
        rule: 8,
        severity: 'warning',
        cells: ['s4.review.total'],
        expected: 2,
        actual: 1,
        message:
          '行政复议：上年有 2 件尚未审结，本年总计只有 1 件。上年未审结的案件审结后通常计入本年，请核对。',
      },
    ]);
  });

  it('rule 8: nothing pending last year is no warning, whatever this year holds', () => {
    // A negative total is rule 5's error (and rule 4's), not a case that failed to reappear.
    const r = edit(base(), { 's4.review.total': -1 });
    expect(checkReport(F, r, lastYear()).warnings).toEqual([]);
  });

  it('rule 7: in force exactly as last year’s plus issued minus repealed is no warning', () => {
    const previous = edit(lastYear(), { 's2.normativeDocs.inForce': 5 });
    const r = edit(base(), {
      's2.normativeDocs.issued': 2,
      's2.normativeDocs.repealed': 1,
      's2.normativeDocs.inForce': 6,
    });
    expect(checkReport(F, r, previous).warnings).toEqual([]);
  });

  it('rule 6: carried over equal to last year’s carry-forward is no warning', () => {
    const previous = fillTotals(F, edit(lastYear(), { 's3.new[0]': 2, 's3.carryForward[0]': 2 }));
    const r = fillTotals(F, edit(base(), { 's3.carriedOver[0]': 2, 's3.granted[0]': 2 }));
    expect(checkReport(F, r, previous)).toEqual({ errors: [], warnings: [] });
  });
});

describe('rule 9: what an empty text is', () => {
  it.each([
    '',
    '   ',
    '无',
    '无。',
    '  无 ',
    '没有',
    '暂无',
    '无此项',
    '不涉及',
    '空',
    '略',
    '略。',
    '无；',
    '无.',
    '无:',
    '无。。',
    '无；。',
    '\u3000无\u3000',
  ])('%j says nothing', (text) => {
    expect(isEmptyText(text)).toBe(true);
  });

  it.each([
    // Ending (or starting) in a word for "none" is not saying nothing.
    '本年度无',
    '本年度行政复议案件无',
    '公示栏不再留空',
    '具体情况从略',
    '无申请',
    '空白',
    '略有增加',
    '无无',
    '。无',
    '没有没有',
  ])('%j is a text', (text) => {
    expect(isEmptyText(text)).toBe(false);
  });

  it('anything but a string is empty', () => {
    expect(isEmptyText(undefined)).toBe(true);
    expect(isEmptyText(3)).toBe(true);
  });

  it('a text copied from last year, up to spaces and a final full stop, is flagged', () => {
    const r = base();
    r.s6 = ' 去年未收费 \n';
    r.s1.platforms = '去年四';
    const warnings = checkReport(F, r, lastYear()).warnings;
    expect(warnings.map((w) => [w.rule, w.cells, w.message])).toEqual([
      [9, ['s1.platforms'], '（四）政府信息公开平台建设：与上年报告的内容完全相同，请按本年实际情况更新。'],
      [9, ['s6'], '六、其他需要报告的事项：与上年报告的内容完全相同，请按本年实际情况更新。'],
    ]);
  });

  it('without last year’s report, empty texts are flagged and copying cannot be', () => {
    const r = base();
    r.s1.oversight = '无';
    r.s5 = '';
    expect(checkReport(F, r).warnings.map((w) => w.message)).toEqual([
      '（五）监督保障：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
      '五、存在的主要问题及改进情况：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
    ]);
  });
});

describe('rule 10: the 依申请公开 text and table 三', () => {
  const zeroTableSaying = (text: string) => {
    const r = base();
    r.s1.onRequest = text;
    return checkReport(F, r).warnings.filter((w) => w.rule === 10);
  };

  it.each([
    ['本年度共收到政府信息公开申请３件，均已按时答复。', 3],
    ['收到申请两件。', 2],
    ['收到申请十二份，其中 3 件已办结。', 12],
    ['收到 1 件，答复 4件。', 4],
    ['共计一百件', 100],
    ['收到申请 3 件。', 3],
    ['共 12 件', 12],
  ])('a table of zeros while the text says %j', (text, n) => {
    expect(zeroTableSaying(text)).toEqual([
      {
        rule: 10,
        severity: 'warning',
        cells: ['s1.onRequest', 's3.new[6]'],
        expected: n,
        actual: 0,
        message: `（二）依申请公开提到了 ${n} 件申请，但表三本年新收申请为 0。请核对表三或文字。`,
      },
    ]);
  });

  it.each(['本年度未收到政府信息公开申请。', '收到申请 0 件。', '共 3 条信息', '件'])(
    'no warning for %j with a table of zeros',
    (text) => {
      expect(zeroTableSaying(text)).toEqual([]);
    },
  );

  it('reads a number of up to 40 characters, as the number parser does, and skips a longer one', () => {
    expect(zeroTableSaying(`收到申请 ${'0'.repeat(38)}42 件。`).map((w) => w.expected)).toEqual([42]);
    expect(
      zeroTableSaying(`收到申请 ${'0'.repeat(39)}42 件，其中 2 件已办结。`).map((w) => w.expected),
    ).toEqual([2]);
  });

  it('a table of zeros and a text that says 无 agree (rule 9 asks for a sentence)', () => {
    expect(zeroTableSaying('无')).toEqual([]);
    const r = base();
    r.s1.onRequest = '无';
    expect(checkReport(F, r).warnings.map((w) => w.rule)).toEqual([9]);
  });

  it('no warning when the table has applications and the text describes them', () => {
    const r = fillTotals(F, edit(base(), { 's3.new[0]': 2, 's3.granted[0]': 2 }));
    r.s1.onRequest = '收到申请 5 件。';
    expect(checkReport(F, r).warnings).toEqual([]);
  });
});

describe('computed cells', () => {
  it('fills row totals, the 总计 row and s4 totals from entered cells', () => {
    const r = fillTotals(
      F,
      edit(base(), {
        's3.new[0]': 2,
        's3.new[1]': 1,
        's3.granted[0]': 2,
        's3.partial[1]': 1,
        's4.review.upheld': 1,
        's4.review.pending': 2,
      }),
    );
    expect(r.s3.new[6]).toBe(3);
    expect(r.s3.total).toEqual([2, 1, 0, 0, 0, 0, 3]);
    expect(r.s4.review.total).toBe(3);
    expect(checkReport(F, r).errors).toEqual([]);
  });

  it('suggests carry-forward from the balance rule, and nothing where entries overshoot', () => {
    const r = edit(base(), {
      's3.new[0]': 5,
      's3.carriedOver[0]': 1,
      's3.granted[0]': 4,
      's3.granted[2]': 1,
    });
    expect(suggestCarryForward(F, r)).toEqual([2, 0, null, 0, 0, 0, 1]);
  });
});

describe('properties', () => {
  it('a consistent report has no error', () => {
    fc.assert(
      fc.property(consistentReport, (r) => {
        expect(checkReport(F, r).errors).toEqual([]);
      }),
    );
  });

  const inEquations = new Set(F.equations.flatMap((e) => [...e.left, ...e.right].map((t) => t.path)));

  // Every one of the 166 entered cells is changed, in turn (not one cell picked at random): each of
  // table 二's counts and its fee, every cell of 三 and 四. Each on random consistent reports (the
  // fixed seed of test/fast-check.setup.ts), once by a few cases and once to an invalid value.
  it.each(F.entered.map((c) => [c.path, c] as const))(
    'changing %s yields an error that names it',
    (_, cell) => {
      const invalid = cell.kind === 'amount' ? [-0.5, -1, Number.NaN] : [-1, 0.5, -0.25, Number.NaN];
      fc.assert(
        fc.property(
          consistentReport,
          fc.integer({ min: 1, max: 30 }),
          fc.constantFrom(...invalid),
          (r, delta, bad) => {
            // A cell no sum involves (二) can only go wrong by holding an invalid value.
            const values = inEquations.has(cell.path) ? [getCell(r, cell)! + delta, bad] : [bad];
            for (const value of values) {
              const changed = structuredClone(r);
              setCell(changed, cell, value);
              const { errors } = checkReport(F, changed);
              expect(errors.some((e) => e.cells.includes(cell.path))).toBe(true);
            }
          },
        ),
        { numRuns: 3 },
      );
    },
  );
});

describe('rule 17: 不适用 is not zero, and counts as 0', () => {
  it('takes “/” in table 二 without a finding, and counts it as 0 against last year (rule 7)', () => {
    const r = edit(base(), {
      's2.licensing': '/',
      's2.fees': '/',
      's2.normativeDocs.issued': '/',
      's2.normativeDocs.repealed': '/',
      's2.normativeDocs.inForce': '/',
    });
    expect(checkReport(F, r)).toEqual({ errors: [], warnings: [] });
    expect(checkReport(F, r, edit(lastYear(), { 's2.normativeDocs.inForce': 0 }))).toEqual({
      errors: [],
      warnings: [],
    });
    const was = checkReport(F, r, edit(lastYear(), { 's2.normativeDocs.inForce': 4 })).warnings;
    expect(was.map((w) => [w.rule, w.expected, w.actual])).toEqual([[7, 4, 0]]);
  });

  it('is an error where the format has no 不适用 (tables 三 and 四), naming the cell', () => {
    const r = edit(base(), { 's3.new[1]': '/', 's4.review.upheld': '/' });
    expect(checkReport(F, r).errors.filter((e) => e.rule === 17)).toEqual([
      {
        rule: 17,
        severity: 'error',
        cells: ['s3.new[1]'],
        message: '新收·商业企业：这一格不能填“/”（不适用），没有请填 0',
      },
      {
        rule: 17,
        severity: 'error',
        cells: ['s4.review.upheld'],
        message: '行政复议·结果维持：这一格不能填“/”（不适用），没有请填 0',
      },
    ]);
  });

  it('counts the reviewer’s errors among the errors: a township’s 规章 (rule 13)', () => {
    const r = edit(base(), { 's2.rules.issued': 1, 's2.rules.inForce': 1 });
    const { errors, warnings } = checkReport(F, r);
    expect(errors.map((e) => [e.rule, e.severity])).toEqual([[13, 'error']]);
    expect(warnings.filter((w) => w.rule === 13)).toEqual([]);
  });

  it('is still rule 5 for any other word in a cell', () => {
    const r = edit(base(), { 's2.licensing': '不适用' });
    expect(checkReport(F, r).errors.map((e) => [e.rule, e.message])).toEqual([
      [5, '行政许可·本年处理决定数量：应为非负整数，现在是 不适用'],
    ]);
  });
});
