// The figures of the data view, each against its definition as the README states it, written out
// with literal numbers; a zero denominator is null ("—"), never 0 % or NaN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORM_2099 } from '../../test/fixtures/forms/report-2099';
import { emptyReport, getCell, setCell } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { fillTotals } from './compute';
import {
  addCounts,
  changeOf,
  countsOf,
  countsReader,
  FIGURE_IDS,
  figuresOf,
  median,
  NO_COUNTS,
  ratio,
  risksOf,
  showFigure,
  UNITS,
  type Counts,
} from './stats';

function counts(values: Record<string, number | '/'>): Counts {
  const r = emptyReport(F, { name: '某镇', kind: 'township' }, 2024);
  for (const [path, v] of Object.entries(values)) setCell(r, F.cellByPath.get(path)!, v);
  fillTotals(F, r);
  return countsOf(F, (p) => getCell(r, F.cellByPath.get(p)!));
}

/** A township that handled `n` requests: `granted` granted, the rest withheld. */
const handled = (n: number, granted: number) =>
  counts({ 's3.new[0]': n, 's3.granted[0]': granted, 's3.withheld1[0]': n - granted });

describe('the counts of a report', () => {
  it('reads each row’s 总计 column, each group of results, table 四 and table 二', () => {
    const c = counts({
      's3.new[0]': 9,
      's3.new[1]': 3,
      's3.carriedOver[0]': 2,
      's3.granted[0]': 5,
      's3.partial[1]': 2,
      's3.withheld2[0]': 1,
      's3.withheld8[0]': 1,
      's3.unavailable3[0]': 2,
      's3.notProcessed5[1]': 1,
      's3.other2[0]': 1,
      's3.carryForward[0]': 1,
      's4.review.upheld': 2,
      's4.review.corrected': 1,
      's4.review.pending': 4,
      's4.suitDirect.corrected': 2,
      's4.suitAfterReview.other': 3,
      's2.normativeDocs.issued': 5,
      's2.normativeDocs.inForce': 40,
      's2.licensing': 7,
      's2.penalties': 6,
      's2.enforcement': '/',
      's2.fees': 1.25,
    });
    expect(c).toEqual({
      received: 12,
      carriedOver: 2,
      decided: 13,
      granted: 5,
      partial: 2,
      withheld: 2,
      unavailable: 2,
      notProcessed: 1,
      otherHandled: 1,
      carryForward: 1,
      review: { upheld: 2, corrected: 1, other: 0, total: 7 },
      suits: { upheld: 0, corrected: 2, other: 3, total: 5 },
      normativeIssued: 5,
      normativeInForce: 40,
      licensing: 7,
      penalties: 6,
      enforcement: 0,
      fees: 1.25,
    });
    const f = figuresOf(c);
    // (5 + 2) ÷ (13 − 1 − 1)
    expect(f.substantive).toBe(7 / 11);
    expect(f.withheldRate).toBe(2 / 11);
    expect(f.unavailableRate).toBe(2 / 11);
    // 1 ÷ (12 + 2)
    expect(f.carryRate).toBe(1 / 14);
    // Decided cases only: pending ones are no outcome.
    expect(f.reviewCorrection).toBeCloseTo(1 / 3, 12);
    expect(f.suitCorrection).toBe(0.4);
    expect(f.correction).toBe(3 / 8);
    // (7 + 5) ÷ 12 × 100
    expect(f.casesPer100).toBe(100);
    expect([
      f.received,
      f.normativeIssued,
      f.normativeInForce,
      f.licensing,
      f.penalties,
      f.enforcement,
      f.fees,
    ]).toEqual([12, 5, 40, 7, 6, 0, 1.25]);
  });

  it('has no ratio where the denominator is 0: null, shown as “—”', () => {
    const f = figuresOf(counts({}));
    // Every ratio (each figure that is not a count or an amount).
    for (const id of FIGURE_IDS.filter((x) => UNITS[x] === 'percent' || UNITS[x] === 'per100')) {
      expect(f[id]).toBeNull();
      expect(showFigure(id, f[id])).toBe('—');
    }
    expect(f.received).toBe(0);
    expect(showFigure('received', f.received)).toBe('0');
    // Requests all 不予处理: nothing to measure 公开 by.
    expect(figuresOf(counts({ 's3.new[0]': 2, 's3.notProcessed1[0]': 2 })).substantive).toBeNull();
    // Carried over from last year with none new is measured.
    expect(
      figuresOf(counts({ 's3.carriedOver[0]': 2, 's3.granted[0]': 1, 's3.carryForward[0]': 1 })).carryRate,
    ).toBe(0.5);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
  });

  it('adds counts, cases included, for a subtree', () => {
    const sum = addCounts(
      addCounts(NO_COUNTS, handled(4, 3)),
      counts({ 's4.review.corrected': 2, 's4.review.other': 1 }),
    );
    expect(addCounts(sum, counts({ 's4.review.other': 2, 's4.suitDirect.other': 1 })).review.other).toBe(3);
    expect(sum.received).toBe(4);
    expect(sum.granted).toBe(3);
    expect(sum.withheld).toBe(1);
    expect(sum.review).toEqual({ upheld: 0, corrected: 2, other: 1, total: 3 });
    expect(sum.suits).toEqual({ upheld: 0, corrected: 0, other: 0, total: 0 });
    expect(NO_COUNTS.received).toBe(0);
  });
});

describe('reading the counts of many rows', () => {
  it('reads by position what countsOf reads by path, blanks and 不适用 as 0, in either version', () => {
    for (const form of [F, FORM_2099]) {
      const reader = countsReader(form);
      expect(new Set(reader.paths).size).toBe(reader.paths.length);
      for (const path of reader.paths) expect(form.cellByPath.has(path), path).toBe(true);
      const value = fc.oneof(
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 100),
        fc.constant(null),
        fc.constant('/'),
      );
      fc.assert(
        fc.property(
          fc.array(value, { minLength: reader.paths.length, maxLength: reader.paths.length }),
          (row) => {
            const byPath = new Map(reader.paths.map((p, i) => [p, row[i]]));
            const direct = countsOf(form, (p) => {
              const v = byPath.get(p);
              return typeof v === 'number' ? v : undefined;
            });
            const read = reader.read(row);
            for (const [k, v] of Object.entries(direct))
              if (typeof v === 'number') expect(read[k as keyof Counts], k).toBeCloseTo(v, 9);
              else expect(read[k as keyof Counts], k).toEqual(v);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('reads every cell of tables 二, 三 and 四 the counts are made of', () => {
    const paths = countsReader(F).paths;
    expect(paths).toContain('s3.new[6]');
    expect(paths).toContain('s3.granted[6]');
    expect(paths).toContain('s4.review.corrected');
    expect(paths).toContain('s4.suitAfterReview.total');
    expect(paths).toContain('s2.fees');
  });
});

describe('writing a figure', () => {
  it.each([
    ['received', 12, '12'],
    ['substantive', 0.875, '87.5%'],
    ['substantive', 1, '100.0%'],
    ['carryRate', 0, '0.0%'],
    ['casesPer100', 3.25, '3.3'],
    ['fees', 0.1 + 0.2, '0.3'],
    ['licensing', null, '—'],
    ['substantive', Number.NaN, '—'],
  ] as const)('%s %o is %s', (id, value, shown) => {
    expect(showFigure(id, value)).toBe(shown);
  });

  it('writes every figure in its unit', () => {
    const shown = Object.fromEntries(FIGURE_IDS.map((id) => [id, showFigure(id, 0.5)]));
    expect(shown).toEqual({
      received: '0.5',
      substantive: '50.0%',
      withheldRate: '50.0%',
      unavailableRate: '50.0%',
      carryRate: '50.0%',
      reviewCorrection: '50.0%',
      suitCorrection: '50.0%',
      correction: '50.0%',
      casesPer100: '0.5',
      normativeIssued: '0.5',
      normativeInForce: '0.5',
      licensing: '0.5',
      penalties: '0.5',
      enforcement: '0.5',
      fees: '0.5',
    });
    expect(showFigure('casesPer100', 12.345)).toBe('12.3');
    expect(showFigure('fees', 12.3456789)).toBe('12.345679');
    expect(showFigure('penalties', 12.3456789)).toBe('12.3456789');
  });

  it('writes a change against last year, and none after a year of nothing', () => {
    expect(changeOf(10, 8)).toBe('+25.0%');
    expect(changeOf(6, 8)).toBe('−25.0%');
    expect(changeOf(8, 8)).toBe('+0.0%');
    expect(changeOf(3, 0)).toBeNull();
  });

  it('takes the middle value', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('bodies that stand out', () => {
  const body = (id: number, name: string, now: Counts, before?: Counts) =>
    before ? { id, name, now, before } : { id, name, now };
  const cases = (upheld: number, corrected: number) =>
    counts({ 's4.review.upheld': upheld, 's4.review.corrected': corrected });

  it('flags a 纠错率 at least twice the subtree’s and 20 points above it, with 3 cases or more', () => {
    const high = body(1, '甲镇', cases(1, 2));
    const low = body(2, '乙镇', cases(9, 0));
    const subtree = addCounts(high.now, low.now);
    // 2 of 12 = 16.7 % overall; 甲镇 66.7 %.
    expect(risksOf([high, low], subtree)).toEqual([
      { kind: 'correction', id: 1, name: '甲镇', value: 2 / 3, against: 2 / 12 },
    ]);
    // Two cases are too few to say anything.
    const few = body(3, '丙镇', cases(0, 2));
    expect(risksOf([few, low], addCounts(few.now, low.now))).toEqual([]);
    // Twice the subtree's but not 20 points above it.
    const mild = body(4, '丁镇', cases(17, 3));
    const base = body(5, '戊镇', cases(180, 5));
    expect(risksOf([mild, base], addCounts(mild.now, base.now))).toEqual([]);
  });

  it('flags applications down to 0 after 10 or more, a 实质公开率 halved, and half carried forward', () => {
    const dropped = body(1, '甲镇', counts({}), handled(10, 10));
    const nine = body(2, '乙镇', counts({}), handled(9, 9));
    const halved = body(3, '丙镇', handled(10, 4), handled(10, 8));
    const slight = body(4, '丁镇', handled(10, 5), handled(10, 9));
    const small = body(5, '戊镇', handled(4, 1), handled(4, 4));
    const carried = body(6, '己镇', counts({ 's3.new[0]': 10, 's3.granted[0]': 5, 's3.carryForward[0]': 5 }));
    const four = body(7, '庚镇', counts({ 's3.new[0]': 4, 's3.carryForward[0]': 4 }));
    const all = [dropped, nine, halved, slight, small, carried, four];
    const subtree = all.reduce((s, b) => addCounts(s, b.now), NO_COUNTS);
    expect(risksOf(all, subtree).map((r) => [r.kind, r.name, r.value, r.against])).toEqual([
      ['dropToZero', '甲镇', 0, 10],
      ['substantiveHalved', '丙镇', 0.4, 0.8],
      ['carried', '己镇', 0.5, 0.5],
    ]);
  });

  it('flags a 纠错率 exactly twice the subtree’s and exactly 20 points above it; suits count as cases', () => {
    // 2 of 5 corrected (40 %) against 2 of 10 overall (20 %).
    const edge = body(1, '甲镇', counts({ 's4.suitDirect.upheld': 3, 's4.suitAfterReview.corrected': 2 }));
    const rest = body(2, '乙镇', cases(5, 0));
    expect(risksOf([edge, rest], addCounts(edge.now, rest.now)).map((r) => [r.kind, r.name])).toEqual([
      ['correction', '甲镇'],
    ]);
    // 20 points above the subtree's but not twice it: 65 % against 40 %.
    const near = body(3, '丙镇', cases(7, 13));
    const peer = body(4, '丁镇', cases(23, 7));
    expect(risksOf([near, peer], addCounts(near.now, peer.now))).toEqual([]);
  });

  it('needs 5 requests to measure by in both years for a halved 实质公开率, and something to halve', () => {
    const five = body(1, '甲镇', handled(5, 2), handled(5, 4));
    const fewNow = body(2, '乙镇', handled(4, 1), handled(10, 10));
    const fewBefore = body(3, '丙镇', handled(10, 1), handled(4, 4));
    const nothingBefore = body(4, '丁镇', handled(10, 0), handled(10, 0));
    const noneNow = body(5, '戊镇', counts({}), handled(8, 8));
    const notProcessed = body(6, '己镇', handled(6, 1), counts({ 's3.new[0]': 6, 's3.notProcessed1[0]': 6 }));
    const all = [five, fewNow, fewBefore, nothingBefore, noneNow, notProcessed];
    expect(risksOf(all, NO_COUNTS).map((r) => [r.kind, r.name, r.value, r.against])).toEqual([
      ['substantiveHalved', '甲镇', 0.4, 0.8],
    ]);
  });

  it('does not flag carried-forward requests under half of them', () => {
    const under = body(1, '甲镇', counts({ 's3.new[0]': 12, 's3.granted[0]': 7, 's3.carryForward[0]': 5 }));
    expect(risksOf([under], under.now)).toEqual([]);
  });

  it('orders by kind, then the strongest first, then by name', () => {
    const carried = (id: number, name: string, n: number, forward: number) =>
      body(id, name, counts({ 's3.new[0]': n, 's3.granted[0]': n - forward, 's3.carryForward[0]': forward }));
    const bodies = [
      carried(1, '乙镇', 10, 5),
      carried(2, '甲镇', 10, 5),
      carried(3, '戊镇', 10, 8),
      body(4, '丁镇', counts({}), handled(12, 12)),
      body(5, '己镇', cases(0, 3)),
    ];
    // By kind (纠错率, then applications down to 0, …), the strongest first (戊 wù before 甲 jiǎ),
    // then by name in pinyin (甲 jiǎ before 乙 yǐ, though 乙 comes first in Unicode).
    const expected = [
      ['correction', '己镇'],
      ['dropToZero', '丁镇'],
      ['carried', '戊镇'],
      ['carried', '甲镇'],
      ['carried', '乙镇'],
    ];
    expect(risksOf(bodies, NO_COUNTS).map((r) => [r.kind, r.name])).toEqual(expected);
    expect(risksOf([...bodies].reverse(), NO_COUNTS).map((r) => [r.kind, r.name])).toEqual(expected);
  });

  it('orders the strongest first within a kind', () => {
    const a = body(1, '甲镇', counts({}), handled(12, 12));
    const b = body(2, '乙镇', counts({}), handled(30, 30));
    expect(risksOf([a, b], NO_COUNTS).map((r) => r.name)).toEqual(['乙镇', '甲镇']);
  });
});
