// Figures confirmed before they are stored: far beyond what a body of its kind reports, or more than
// ten times last year's.
import { describe, expect, it } from 'vitest';
import { emptyReport, setCell } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { doubtAbout } from './plausible';

const cell = (path: string) => F.cellByPath.get(path)!;

describe('figures far beyond a body of its kind', () => {
  it.each([
    // path, kind, the largest usual figure
    ['s2.licensing', 'township', 20_000],
    ['s2.licensing', 'subdistrict', 20_000],
    ['s3.new[0]', 'township', 1_000],
    ['s4.review.upheld', 'subdistrict', 200],
    ['s2.fees', 'township', 1_000],
    ['s2.licensing', 'county', 500_000],
    ['s3.new[0]', 'department', 20_000],
    ['s4.review.upheld', 'county', 2_000],
    ['s2.fees', 'department', 100_000],
    ['s2.penalties', 'city', 50_000_000],
    ['s3.new[6]', 'province', 200_000],
    ['s4.review.total', 'city', 20_000],
    ['s2.fees', 'province', 10_000_000],
  ] as const)('%s of a %s: up to %i is ordinary, one more is doubted', (path, kind, limit) => {
    expect(doubtAbout(cell(path), limit, kind)).toBeNull();
    const over = path === 's2.fees' ? limit + 0.5 : limit + 1;
    expect(doubtAbout(cell(path), over, kind)).toEqual({ why: 'large', limit });
  });
});

describe('figures ten times last year’s', () => {
  const lastYear = (path: string, value: number) => {
    const r = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    setCell(r, cell(path), value);
    return r;
  };

  it.each([
    [0, 19, null],
    [0, 20, { why: 'jump', before: 0 }],
    [1, 20, { why: 'jump', before: 1 }],
    [2, 20, null],
    [2, 21, { why: 'jump', before: 2 }],
    [5, 50, null],
    [5, 51, { why: 'jump', before: 5 }],
    [30, 300, null],
    [30, 301, { why: 'jump', before: 30 }],
  ])('last year %i, this year %i → %o', (before, value, doubt) => {
    expect(doubtAbout(cell('s2.licensing'), value, 'township', lastYear('s2.licensing', before))).toEqual(
      doubt,
    );
  });

  it('doubts only counts, and only against a figure last year’s report has', () => {
    const previous = lastYear('s2.fees', 1);
    expect(doubtAbout(cell('s2.fees'), 500, 'township', previous)).toBeNull();
    expect(
      doubtAbout(cell('s3.new[0]'), 50, 'township', { formVersion: '2021', org: { name: 'x' }, year: 2023 }),
    ).toBeNull();
    expect(doubtAbout(cell('s3.new[0]'), 50, 'township')).toBeNull();
  });

  it('says "too large" before "ten times"', () => {
    expect(doubtAbout(cell('s4.review.upheld'), 201, 'township', lastYear('s4.review.upheld', 1))).toEqual({
      why: 'large',
      limit: 200,
    });
  });
});
