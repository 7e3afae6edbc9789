// The roll-up: the sum of every submitted report under a supervisor, in the same tables, with the
// bodies it includes; the rules are checked on the sum as on any report. It is laid out in the
// format of its year; each snapshot is read with its own version, and one that cannot be read is
// named, never silently left out. Its texts are not summed: 一 says which bodies are included and
// which are not, and the text parts, empty, are left out of the compiled report.
import { FORMS, type Form, type Registry } from '../../forms';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { statusRows } from '../db/status';
import { legacySnapshots, submittedPage, type SubmittedRow } from '../db/supervision';
import { formatAmount } from '../engine/numbers';
import type { LayoutOptions } from '../report/layout';
import { readStoredReport } from '../report/schema';
import { ROLLUP_COPY as T } from './copy';
import { parseOrNull } from '../lib/json';

export interface Rollup {
  form: Form;
  report: Report;
  /** How it is compiled: which bodies it includes, under 一; no empty text parts. */
  layout: LayoutOptions;
  included: { id: number; name: string }[];
  /** Bodies whose stored report could not be read. */
  unreadable: { id: number; name: string }[];
  /** Bodies that have not submitted (no report, a draft, or returned): the first `named` of them. */
  missing: { id: number; name: string }[];
}

/** Adds a report's figures into running totals by cell path (each cell read by its place). */
function addReport(totals: Map<string, number>, form: Form, report: Report) {
  for (const cell of form.cells)
    totals.set(cell.path, (totals.get(cell.path) ?? 0) + (getCell(report, cell) ?? 0));
}

/** The summed report in `form`, from totals by cell path. */
function sumReport(form: Form, org: Report['org'], year: number, totals: Map<string, number>): Report {
  const sum = emptyReport(form, org, year);
  for (const cell of form.cells) {
    const total = totals.get(cell.path) ?? 0;
    // Fees are decimals in 万元: add without float noise (0.1 + 0.2).
    setCell(sum, cell, cell.kind === 'amount' ? Number(formatAmount(total)) : total);
  }
  return sum;
}

/** Bodies per page of compact rows: about 1 MB of D1 result. */
const PAGE = 2000;
/** Bodies named under 一 (included, and not submitted); beyond them, how many more. */
const NAMED = 200;

export interface RollupOptions {
  forms?: Registry;
  pageSize?: number;
  named?: number;
}

/**
 * Every body under `path` that submitted for `year`, with its figures added into per-version sums
 * by cell index as its page arrives: one index range per page, never one result for the subtree.
 */
async function submittedSums(db: D1Database, path: string, year: number, pageSize: number) {
  const bodies: SubmittedRow[] = [];
  const sums = new Map<string, number[]>();
  const unparsed: SubmittedRow[] = [];
  for (let after = path; ;) {
    const page = await submittedPage(db, path, year, after, pageSize);
    for (const row of page) {
      bodies.push(row);
      if (row.figures === null || row.version === null) continue;
      const values = parseOrNull(row.figures);
      if (!Array.isArray(values)) {
        unparsed.push(row);
        continue;
      }
      let acc = sums.get(row.version);
      if (!acc) sums.set(row.version, (acc = []));
      // A blank and 不适用 add nothing.
      values.forEach((v, i) => {
        if (typeof v === 'number') acc[i] = (acc[i] ?? 0) + v;
      });
    }
    if (page.length < pageSize) return { bodies, sums, unparsed };
    after = page.at(-1)!.path;
  }
}

/**
 * The roll-up of the reports submitted under `org`. The figures are summed from each report's
 * compact row (src/engine/figures.ts), read a page at a time, so no snapshot is parsed; a report kept
 * before compact rows existed is read from its snapshot, with its own format version, and named if
 * it cannot be read.
 */
export async function rollup(
  db: D1Database,
  org: { name: string; path: string },
  year: number,
  { forms = FORMS, pageSize = PAGE, named = NAMED }: RollupOptions = {},
): Promise<Rollup> {
  const [{ bodies, sums, unparsed }, legacy, status] = await Promise.all([
    submittedSums(db, org.path, year, pageSize),
    legacySnapshots(db, org.path, year),
    // The counts, and the first bodies in status order (not started, returned, drafting): only
    // those are named.
    statusRows(db, org.path, year, { sort: 'status', limit: named }),
  ]);
  const totals = new Map<string, number>();
  for (const [version, acc] of sums) {
    const cells = forms.of(version)?.cells;
    acc.forEach((sum, i) => {
      const cell = cells?.[i];
      if (cell && sum !== undefined) totals.set(cell.path, (totals.get(cell.path) ?? 0) + sum);
    });
  }
  const unreadable: Rollup['unreadable'] = unparsed.map((b) => ({ id: b.id, name: b.name }));
  const irregular: Rollup['unreadable'] = [];
  const legacyRead = new Set<number>();
  for (const row of legacy) {
    // Not JSON at all: reported as unreadable below.
    const parsed = readStoredReport(parseOrNull(row.snapshot), forms);
    if (!parsed.ok) {
      unreadable.push({ id: row.id, name: row.name });
      continue;
    }
    addReport(totals, parsed.form, parsed.report);
    legacyRead.add(row.id);
    if (parsed.issues.length) irregular.push({ id: row.id, name: row.name });
  }
  const unreadableIds = new Set(unparsed.map((b) => b.id));
  const included = bodies
    .filter((b) => (b.figures !== null && !unreadableIds.has(b.id)) || legacyRead.has(b.id))
    .map((b) => ({ id: b.id, name: b.name }));
  const form = forms.forYear(year);
  const missing = status.rows
    .filter((r) => r.status !== 'submitted')
    .map((r) => ({ id: r.orgId, name: r.name }));
  const names = (bodies: readonly { name: string }[]) => bodies.slice(0, named).map((b) => b.name);
  const missingCount = status.counts.all - status.counts.submitted;
  const overview = [
    T.included(names(included), included.length, status.counts.all),
    ...(missingCount ? [T.missing(names(missing), missingCount)] : []),
    ...(unreadable.length ? [T.unreadable(names(unreadable))] : []),
    ...(irregular.length ? [T.irregular(names(irregular))] : []),
    ...(included.length ? [T.textsNotSummed] : []),
  ];
  const report = sumReport(form, { name: T.name(org.name) }, year, totals);
  // Laid out as a summary: who is included under 一, and no empty text parts.
  const layout: LayoutOptions = { leads: { s1: overview }, omitEmptyText: true };
  return { form, report, layout, included, unreadable, missing };
}
