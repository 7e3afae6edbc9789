// The roll-up: the sum of every submitted report under a supervisor, in the same tables, with the
// bodies it includes; the rules are checked on the sum as on any report. It is laid out in the
// format of its year; each snapshot is read with its own version, and one that cannot be read is
// named, never silently left out. Its texts are not summed: 一 says which bodies are included and
// which are not, and the text parts, empty, are left out of the compiled report.
import { FORMS, type Form, type Registry } from '../../forms';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { statusRows } from '../db/status';
import { submittedSnapshots } from '../db/supervision';
import { formatAmount } from '../engine/numbers';
import type { LayoutOptions } from '../report/layout';
import { readStoredReport } from '../report/schema';
import { ROLLUP_COPY as T } from './copy';

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

/** Cell by cell, the sum of reports (read by each cell's place, which versions share). */
function sumReports(form: Form, org: Report['org'], year: number, reports: readonly Report[]): Report {
  const sum = emptyReport(form, org, year);
  for (const cell of form.cells) {
    const total = reports.reduce((s, r) => s + (getCell(r, cell) ?? 0), 0);
    // Fees are decimals in 万元: add without float noise (0.1 + 0.2).
    setCell(sum, cell, cell.kind === 'amount' ? Number(formatAmount(total)) : total);
  }
  return sum;
}

export async function rollup(
  db: D1Database,
  org: { name: string; path: string },
  year: number,
  forms: Registry = FORMS,
): Promise<Rollup> {
  const [rows, status] = await Promise.all([
    submittedSnapshots(db, org.path, year),
    statusRows(db, org.path, year),
  ]);
  const included: Rollup['included'] = [];
  const unreadable: Rollup['unreadable'] = [];
  const irregular: Rollup['unreadable'] = [];
  const reports: Report[] = [];
  for (const row of rows) {
    let snapshot: unknown = null;
    try {
      snapshot = JSON.parse(row.snapshot);
    } catch {
      // Reported as unreadable below.
    }
    const parsed = readStoredReport(snapshot, forms);
    if (!parsed.ok) {
      unreadable.push({ id: row.id, name: row.name });
      continue;
    }
    reports.push(parsed.report);
    included.push({ id: row.id, name: row.name });
    if (parsed.issues.length) irregular.push({ id: row.id, name: row.name });
  }
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
  const report = sumReports(form, { name: T.name(org.name) }, year, reports);
  // Laid out as a summary: who is included under 一, and no empty text parts.
  const layout: LayoutOptions = { leads: { s1: overview }, omitEmptyText: true };
  return { form, report, layout, included, unreadable, missing };
}
