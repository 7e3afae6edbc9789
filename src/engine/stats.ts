// The figures reviewers and evaluations (第三方评估, 政务公开考核) compute from the reports, one
// definition each: counts read from tables 二, 三 and 四, and the ratios between them. A ratio whose
// denominator is 0 is null ("—" on every surface), never 0 % or NaN. Pure: the dashboard's data view,
// its CSV, the body page and the chat's /stats all read these.
import type { Form } from '../../forms';
import { formatAmount } from './numbers';

/** What a figure is read from: a cell's number by path (undefined when not given). */
export type Cells = (path: string) => number | undefined;

export const FIGURE_IDS = [
  'received',
  'substantive',
  'withheldRate',
  'unavailableRate',
  'carryRate',
  'reviewCorrection',
  'suitCorrection',
  'correction',
  'casesPer100',
  'normativeIssued',
  'normativeInForce',
  'licensing',
  'penalties',
  'enforcement',
  'fees',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** A body's (or a subtree's) figures: each a number, or null where it cannot be computed. */
export type Figures = Record<FigureId, number | null>;

/** The counts the ratios are made of, read once from a report's cells. */
export interface Counts {
  received: number;
  carriedOver: number;
  decided: number;
  granted: number;
  partial: number;
  withheld: number;
  unavailable: number;
  notProcessed: number;
  otherHandled: number;
  carryForward: number;
  review: { upheld: number; corrected: number; other: number; total: number };
  suits: { upheld: number; corrected: number; other: number; total: number };
  normativeIssued: number;
  normativeInForce: number;
  licensing: number;
  penalties: number;
  enforcement: number;
  fees: number;
}

/** How a figure is written: a count, a percentage of a ratio, a rate per 100, an amount in 万元. */
export const UNITS: Record<FigureId, 'count' | 'percent' | 'per100' | 'amount'> = {
  received: 'count',
  substantive: 'percent',
  withheldRate: 'percent',
  unavailableRate: 'percent',
  carryRate: 'percent',
  reviewCorrection: 'percent',
  suitCorrection: 'percent',
  correction: 'percent',
  casesPer100: 'per100',
  normativeIssued: 'count',
  normativeInForce: 'count',
  licensing: 'count',
  penalties: 'count',
  enforcement: 'count',
  fees: 'amount',
};

/** A figure as every surface writes it: 12, 87.5%, 3.2, 0.35; "—" where it cannot be computed. */
export function showFigure(id: FigureId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (UNITS[id]) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'per100':
      return value.toFixed(1);
    case 'amount':
      return formatAmount(value);
    case 'count':
      return String(value);
  }
}

/** A count's change against last year, as a percentage: 「+12.5%」, 「−3.0%」; null when last year had none. */
export function changeOf(now: number, before: number): string | null {
  if (before <= 0) return null;
  const pct = ((now - before) / before) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** `n ÷ d`, or null when d is 0 (no case to measure by). */
export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** The counts of a report (or of summed reports), by the cells of its format version. */
export function countsOf(form: Form, cells: Cells): Counts {
  const total = form.s3Index.total;
  const at = (path: string) => cells(path) ?? 0;
  const row = (id: string) => at(`s3.${id}[${total}]`);
  const group = (g: string) =>
    form.s3Index.results.filter((r) => r.group === g).reduce((s, r) => s + row(r.id), 0);
  const cases = (ids: readonly string[]) => {
    const sum = (f: string) => ids.reduce((s, id) => s + at(`s4.${id}.${f}`), 0);
    return { upheld: sum('upheld'), corrected: sum('corrected'), other: sum('other'), total: sum('total') };
  };
  const s4 = form.s4.groups.map((g) => g.id);
  return {
    received: row('new'),
    carriedOver: row('carriedOver'),
    decided: row(form.s3.rows.find((r) => r.role === 'total')!.id),
    granted: row('granted'),
    partial: row('partial'),
    withheld: group('withheld'),
    unavailable: group('unavailable'),
    notProcessed: group('notProcessed'),
    otherHandled: group('other'),
    carryForward: row('carryForward'),
    review: cases(s4.filter((id) => id === 'review')),
    suits: cases(s4.filter((id) => id !== 'review')),
    normativeIssued: at('s2.normativeDocs.issued'),
    normativeInForce: at('s2.normativeDocs.inForce'),
    licensing: at('s2.licensing'),
    penalties: at('s2.penalties'),
    enforcement: at('s2.enforcement'),
    fees: at('s2.fees'),
  };
}

/** A case group's counts, in the order countsReader keeps them. */
const CASE_KEYS = ['upheld', 'corrected', 'other', 'total'] as const;
type ScalarKey = Exclude<keyof Counts, 'review' | 'suits'>;

/**
 * countsOf for many rows of one form's cells, read by position in `paths` (the cells the counts read,
 * in the order countsOf first reads them). Every count is a sum of cells, so which cell adds to which
 * count is learnt once — countsOf with that one cell at 1 — and a row is then read by position: no
 * path is built or looked up per row. A cell that is not a number (blank, 不适用) adds 0.
 */
export function countsReader(form: Form): {
  paths: readonly string[];
  read(values: readonly unknown[]): Counts;
} {
  const paths: string[] = [];
  countsOf(form, (path) => {
    if (!paths.includes(path)) paths.push(path);
    return undefined;
  });
  const scalars = (Object.keys(NO_COUNTS) as (keyof Counts)[]).filter(
    (k): k is ScalarKey => k !== 'review' && k !== 'suits',
  );
  const leaves = (c: Counts) => [
    ...scalars.map((k) => c[k]),
    ...CASE_KEYS.map((k) => c.review[k]),
    ...CASE_KEYS.map((k) => c.suits[k]),
  ];
  // terms[leaf]: the [position, times] of each cell that adds to it.
  const terms: [number, number][][] = leaves(NO_COUNTS).map(() => []);
  paths.forEach((path, i) =>
    leaves(countsOf(form, (p) => (p === path ? 1 : 0))).forEach((times, leaf) => {
      if (times !== 0) terms[leaf]!.push([i, times]);
    }),
  );
  return {
    paths,
    read(values) {
      const sums = terms.map((t) => {
        let sum = 0;
        for (const [i, times] of t) {
          const v = values[i];
          if (typeof v === 'number') sum += v * times;
        }
        return sum;
      });
      const out = {} as Record<ScalarKey, number>;
      scalars.forEach((k, i) => (out[k] = sums[i]!));
      const cases = (from: number) => ({
        upheld: sums[from]!,
        corrected: sums[from + 1]!,
        other: sums[from + 2]!,
        total: sums[from + 3]!,
      });
      return { ...out, review: cases(scalars.length), suits: cases(scalars.length + 4) };
    },
  };
}

/** The requests the outcome ratios are measured against: decided, less 不予处理 and 其他处理. */
const substantiveBase = (c: Counts) => c.decided - c.notProcessed - c.otherHandled;
const decidedCases = (g: Counts['review']) => g.upheld + g.corrected + g.other;

/** Every figure of a body or a subtree from its counts. */
export function figuresOf(c: Counts): Figures {
  const base = substantiveBase(c);
  const allCases = decidedCases(c.review) + decidedCases(c.suits);
  return {
    received: c.received,
    substantive: ratio(c.granted + c.partial, base),
    withheldRate: ratio(c.withheld, base),
    unavailableRate: ratio(c.unavailable, base),
    carryRate: ratio(c.carryForward, c.received + c.carriedOver),
    reviewCorrection: ratio(c.review.corrected, decidedCases(c.review)),
    suitCorrection: ratio(c.suits.corrected, decidedCases(c.suits)),
    correction: ratio(c.review.corrected + c.suits.corrected, allCases),
    casesPer100: c.received > 0 ? ((c.review.total + c.suits.total) / c.received) * 100 : null,
    normativeIssued: c.normativeIssued,
    normativeInForce: c.normativeInForce,
    licensing: c.licensing,
    penalties: c.penalties,
    enforcement: c.enforcement,
    fees: c.fees,
  };
}

/** Adds counts (a subtree's from its bodies'). */
export function addCounts(a: Counts, b: Counts): Counts {
  const add = (x: Counts['review'], y: Counts['review']) => ({
    upheld: x.upheld + y.upheld,
    corrected: x.corrected + y.corrected,
    other: x.other + y.other,
    total: x.total + y.total,
  });
  const out = { ...a, review: add(a.review, b.review), suits: add(a.suits, b.suits) };
  for (const k of Object.keys(a) as (keyof Counts)[]) {
    if (k !== 'review' && k !== 'suits') (out[k] as number) = (a[k] as number) + (b[k] as number);
  }
  return out;
}

const NO_CASES = { upheld: 0, corrected: 0, other: 0, total: 0 };

/** Counts of nothing: where a subtree's sum starts. */
export const NO_COUNTS: Counts = {
  received: 0,
  carriedOver: 0,
  decided: 0,
  granted: 0,
  partial: 0,
  withheld: 0,
  unavailable: 0,
  notProcessed: 0,
  otherHandled: 0,
  carryForward: 0,
  review: NO_CASES,
  suits: NO_CASES,
  normativeIssued: 0,
  normativeInForce: 0,
  licensing: 0,
  penalties: 0,
  enforcement: 0,
  fees: 0,
};

let collator: Intl.Collator | undefined;
/** Names in pinyin order (made on first use). */
export const byName = (a: string, b: string) => (collator ??= new Intl.Collator('zh')).compare(a, b);

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One body's figures this year and last, for the data view. */
export interface BodyStats {
  id: number;
  name: string;
  now: Counts;
  before?: Counts;
}

export type RiskKind = 'correction' | 'dropToZero' | 'substantiveHalved' | 'carried';

export interface Risk {
  kind: RiskKind;
  id: number;
  name: string;
  /** The figures the card states: this body's and what it is measured against. */
  value: number;
  against: number;
}

/** The order the kinds of risk are listed in. */
const RISK_ORDER: Record<RiskKind, number> = {
  correction: 0,
  dropToZero: 1,
  substantiveHalved: 2,
  carried: 3,
};

/** Cases decided, applications and the like below which a ratio says too little to flag. */
export const RISK_MIN = { cases: 3, applications: 10, base: 5, carried: 5 } as const;

/**
 * Bodies that stand out: a 纠错率 far above the subtree's (at least twice it and 20 points more, with
 * at least 3 cases decided), applications down to 0 after at least 10 last year, a 实质公开率 that fell
 * by half or more (both years at least 5 requests to measure by), or half or more of the requests
 * carried forward (at least 5). Strongest first within each kind.
 */
export function risksOf(bodies: readonly BodyStats[], subtree: Counts): Risk[] {
  const out: Risk[] = [];
  const overall = figuresOf(subtree).correction ?? 0;
  for (const b of bodies) {
    const now = figuresOf(b.now);
    const cases = decidedCases(b.now.review) + decidedCases(b.now.suits);
    if (cases >= RISK_MIN.cases) {
      // Cases decided: the rate exists.
      const rate = now.correction!;
      if (rate >= 2 * overall && rate >= overall + 0.2)
        out.push({ kind: 'correction', id: b.id, name: b.name, value: rate, against: overall });
    }
    if (b.before && b.before.received >= RISK_MIN.applications && b.now.received === 0)
      out.push({ kind: 'dropToZero', id: b.id, name: b.name, value: 0, against: b.before.received });
    if (b.before && substantiveBase(b.before) >= RISK_MIN.base && substantiveBase(b.now) >= RISK_MIN.base) {
      // Requests to measure by in both years: both rates exist.
      const before = figuresOf(b.before).substantive!;
      if (now.substantive! <= before / 2 && before > 0)
        out.push({
          kind: 'substantiveHalved',
          id: b.id,
          name: b.name,
          value: now.substantive!,
          against: before,
        });
    }
    const carried = now.carryRate ?? 0;
    if (b.now.carryForward >= RISK_MIN.carried && carried >= 0.5)
      out.push({ kind: 'carried', id: b.id, name: b.name, value: carried, against: 0.5 });
  }
  return out.sort(
    (a, b) =>
      RISK_ORDER[a.kind] - RISK_ORDER[b.kind] ||
      (a.kind === 'dropToZero' ? b.against - a.against : b.value - a.value) ||
      byName(a.name, b.name),
  );
}
