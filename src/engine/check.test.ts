import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { consistentReport } from '../../test/gen';
import { checkReport, type Finding } from './check';
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
  r.s5 = '公开方式单一，下一步改进。';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return r;
}

function edit(r: Report, values: Record<string, number>): Report {
  for (const [path, v] of Object.entries(values)) setCell(r, F.cellByPath.get(path)!, v);
  return r;
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule);

describe('rules 1–5 (errors)', () => {
  it('accepts an all-zero report with texts filled in', () => {
    expect(checkReport(F, base())).toEqual({ errors: [], warnings: [] });
  });

  it('rule 3 names the column, the terms and the difference as the official reads it', () => {
    const r = edit(base(), {
      's3.new[0]': 3,
      's3.carriedOver[0]': 1,
      's3.granted[0]': 2,
      's3.carryForward[0]': 1,
    });
    fillTotals(F, r);
    const { errors } = checkReport(F, r);
    expect(errors).toHaveLength(2); // 自然人列 and 总计列
    expect(errors[0]).toMatchObject({
      rule: 3,
      severity: 'error',
      expected: 4,
      actual: 3,
      message: '自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1 = 3，相差 1',
    });
    expect(errors[0]!.cells).toEqual(['s3.new[0]', 's3.carriedOver[0]', 's3.total[0]', 's3.carryForward[0]']);
    expect(errors[1]!.message).toMatch(/^总计列：/);
  });

  it.each([
    [
      'rule 1: a row total that is not the sum of its applicant columns',
      { 's3.granted[6]': 1 },
      1,
      '「予以公开」行：各项均为 0，但总计填的是 1，相差 1',
    ],
    [
      'rule 2: a 总计 row that is not the sum of the results',
      { 's3.total[1]': 2, 's3.new[1]': 2, 's3.new[6]': 2, 's3.total[6]': 2 },
      2,
      '商业企业列：各项均为 0，但办理结果合计填的是 2，相差 2',
    ],
    [
      'rule 4: an s4 total that is not the sum of its group',
      { 's4.review.upheld': 2, 's4.review.total': 3 },
      4,
      '行政复议：结果维持 2 = 2，但总计填的是 3，相差 1',
    ],
  ])('%s', (_, values, rule, message) => {
    const { errors } = checkReport(F, edit(base(), values));
    expect(errors.map((e) => e.message)).toContain(message);
    expect(errors.find((e) => e.message === message)!.rule).toBe(rule);
  });

  it('rule 2 lists the non-zero results it summed', () => {
    const r = edit(base(), { 's3.new[0]': 3, 's3.granted[0]': 2, 's3.partial[0]': 1 });
    fillTotals(F, r);
    setCell(r, F.cellByPath.get('s3.total[0]')!, 2);
    const messages = checkReport(F, r).errors.map((e) => e.message);
    expect(messages).toContain('自然人列：予以公开 2 + 部分公开 1 = 3，但办理结果合计填的是 2，相差 1');
  });

  it.each([
    ['a negative count', 's3.granted[0]', -1],
    ['a fraction of a case', 's4.review.pending', 0.5],
    ['a negative fee', 's2.fees', -0.1],
    ['a fee that is not a number', 's2.fees', Number.NaN],
  ])('rule 5: %s', (_, path, value) => {
    const r = base();
    setCell(r, F.cellByPath.get(path)!, value);
    const fives = checkReport(F, r).errors.filter((e) => e.rule === 5);
    expect(fives).toHaveLength(1);
    expect(fives[0]!.cells).toEqual([path]);
    expect(fives[0]!.message).toContain(F.cellByPath.get(path)!.label);
  });

  it('keeps fees with their precision and accepts them as decimals', () => {
    const r = base();
    r.s2.fees = 5949.088667;
    expect(checkReport(F, r).errors).toEqual([]);
  });

  it('skips what a draft has not entered yet', () => {
    const draft: Partial<Report> = { s3: { new: [1, 0, 0, 0, 0, 0, 1] } as Report['s3'] };
    expect(checkReport(F, draft).errors).toEqual([]);
  });
});

describe('rules 6–10 (warnings)', () => {
  const lastYear = () => {
    const p = base();
    p.year = 2023;
    p.s1 = {
      proactive: '去年的文字一。',
      onRequest: '去年的文字二。',
      management: '去年三。',
      platforms: '去年四。',
      oversight: '去年五。',
    };
    p.s5 = '去年的问题。';
    p.s6 = '去年未收费。';
    return p;
  };

  it('none when this year follows on from last year', () => {
    expect(checkReport(F, base(), lastYear()).warnings).toEqual([]);
  });

  it('rule 6: carried over differs from last year’s carry-forward, per column', () => {
    const prev = fillTotals(F, edit(lastYear(), { 's3.new[0]': 2, 's3.carryForward[0]': 2 }));
    const { warnings } = checkReport(F, base(), prev);
    expect(rules(warnings)).toEqual([6, 6]);
    expect(warnings[0]).toMatchObject({ cells: ['s3.carriedOver[0]'], expected: 2, actual: 0 });
    expect(warnings[0]!.message).toContain('自然人列');
  });

  it('rule 7: normative documents in force do not follow from last year', () => {
    const prev = edit(lastYear(), { 's2.normativeDocs.inForce': 5 });
    const r = edit(base(), {
      's2.normativeDocs.issued': 2,
      's2.normativeDocs.repealed': 1,
      's2.normativeDocs.inForce': 5,
    });
    const { warnings } = checkReport(F, r, prev);
    expect(warnings).toMatchObject([
      { rule: 7, expected: 6, actual: 5, cells: ['s2.normativeDocs.inForce'] },
    ]);
    expect(checkReport(F, edit(r, { 's2.normativeDocs.inForce': 6 }), prev).warnings).toEqual([]);
  });

  it('rule 8: cases pending last year do not reappear', () => {
    const prev = fillTotals(F, edit(lastYear(), { 's4.suitDirect.pending': 2 }));
    const { warnings } = checkReport(F, base(), prev);
    expect(warnings).toMatchObject([{ rule: 8, cells: ['s4.suitDirect.total'], expected: 2, actual: 0 }]);
  });

  it('rule 9: empty, 无, or copied from last year', () => {
    const prev = lastYear();
    const r = base();
    r.s1.management = '无';
    r.s5 = '';
    r.s6 = '去年未收费。\n';
    const { warnings } = checkReport(F, r, prev);
    expect(warnings.map((w) => [w.rule, w.cells[0]])).toEqual([
      [9, 's1.management'],
      [9, 's5'],
      [9, 's6'],
    ]);
    expect(warnings[2]!.message).toContain('与上年报告的内容完全相同');
    // Without last year's report, empty texts are still flagged; copying cannot be.
    expect(checkReport(F, r).warnings.map((w) => w.cells[0])).toEqual(['s1.management', 's5']);
  });

  it('rule 10: applications received while 依申请公开 says 无, and the reverse', () => {
    const r = fillTotals(F, edit(base(), { 's3.new[0]': 2, 's3.granted[0]': 2 }));
    r.s1.onRequest = '无';
    const w1 = checkReport(F, r).warnings.filter((w) => w.rule === 10);
    expect(w1).toHaveLength(1);
    expect(w1[0]!.message).toContain('本年新收申请 2 件');

    const zero = base();
    zero.s1.onRequest = '本年度共收到政府信息公开申请３件，均已按时答复。';
    const w2 = checkReport(F, zero).warnings.filter((w) => w.rule === 10);
    expect(w2).toHaveLength(1);
    expect(w2[0]!.message).toContain('提到了 3 件申请');
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

  it('changing any single entered cell yields an error that names that cell', () => {
    const change = fc.record({
      cell: fc.constantFrom(...F.entered),
      delta: fc.integer({ min: 1, max: 30 }),
      invalid: fc.constantFrom(-1, 0.5, -0.25, Number.NaN),
      useInvalid: fc.boolean(),
    });
    fc.assert(
      fc.property(consistentReport, change, (r, { cell, delta, invalid, useInvalid }) => {
        // A cell no sum involves (s2) can only go wrong by holding an invalid value.
        const bad = useInvalid || !inEquations.has(cell.path);
        const before = getCell(r, cell)!;
        const value = bad ? (cell.kind === 'amount' && invalid === 0.5 ? -0.5 : invalid) : before + delta;
        setCell(r, cell, value);
        const { errors } = checkReport(F, r);
        expect(errors.some((e) => e.cells.includes(cell.path))).toBe(true);
      }),
    );
  });
});
