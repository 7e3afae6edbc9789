// The roll-up: the sum of every submitted report under a supervisor, in the same tables, with the
// bodies it includes; the rules are checked on the sum as on any report. It is laid out in the
// format of its year; each snapshot is read with its own version, and one that cannot be read is
// named, never silently left out. Its texts are not summed: 一 says which bodies are included and
// which are not, and the text parts, empty, are left out of the compiled report.
import { FORMS, type Form, type Registry } from '../../forms';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { statusRows } from '../db/status';
import { figureSums, legacySnapshots, submittedBodies } from '../db/supervision';
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
  /** Bodies that have not submitted (no report, a draft, or returned). */
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

/**
 * The roll-up of the reports submitted under `org`. The figures are summed by D1 over each report's
 * compact row (src/engine/figures.ts), so no snapshot is parsed; a report kept before compact rows
 * existed is read from its snapshot, with its own format version, and named if it cannot be read.
 */
export async function rollup(
  db: D1Database,
  org: { name: string; path: string },
  year: number,
  forms: Registry = FORMS,
): Promise<Rollup> {
  const [bodies, sums, legacy, status] = await Promise.all([
    submittedBodies(db, org.path, year),
    figureSums(db, org.path, year),
    legacySnapshots(db, org.path, year),
    statusRows(db, org.path, year),
  ]);
  const totals = new Map<string, number>();
  for (const row of sums) {
    const cell = forms.of(row.version)?.cells[row.i];
    if (cell) totals.set(cell.path, (totals.get(cell.path) ?? 0) + row.sum);
  }
  const unreadable: Rollup['unreadable'] = [];
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
  const included = bodies
    .filter((b) => b.compact || legacyRead.has(b.id))
    .map((b) => ({ id: b.id, name: b.name }));
  const form = forms.forYear(year);
  const missing = status.rows
    .filter((r) => r.status !== 'submitted')
    .map((r) => ({ id: r.orgId, name: r.name }));
  const names = (bodies: readonly { name: string }[]) => bodies.map((b) => b.name);
  const overview = [
    T.included(names(included), status.counts.all),
    ...(missing.length ? [T.missing(names(missing))] : []),
    ...(unreadable.length ? [T.unreadable(names(unreadable))] : []),
    ...(irregular.length ? [T.irregular(names(irregular))] : []),
    ...(included.length ? [T.textsNotSummed] : []),
  ];
  const report = sumReport(form, { name: T.name(org.name) }, year, totals);
  // Laid out as a summary: who is included under 一, and no empty text parts.
  const layout: LayoutOptions = { leads: { s1: overview }, omitEmptyText: true };
  return { form, report, layout, included, unreadable, missing };
}
