// The roll-up: the sum of every submitted report under a supervisor, in the same tables, with the
// bodies it includes; the rules are checked on the sum as on any report.
import { CELLS, emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { formatAmount } from '../engine/numbers';
import { parseReport } from '../report/schema';
import { submittedSnapshots } from '../db/supervision';
import { ROLLUP_COPY as T } from '../web/copy';

export interface Rollup {
  report: Report;
  included: { id: number; name: string }[];
}

export function sumReports(org: Report['org'], year: number, reports: readonly Report[]): Report {
  const sum = emptyReport(org, year);
  for (const cell of CELLS) {
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
): Promise<Rollup> {
  const rows = await submittedSnapshots(db, org.path, year);
  const included: Rollup['included'] = [];
  const reports: Report[] = [];
  for (const row of rows) {
    const parsed = parseReport(JSON.parse(row.snapshot));
    if (!parsed.ok) continue;
    reports.push(parsed.report);
    included.push({ id: row.id, name: row.name });
  }
  const report = sumReports({ name: T.name(org.name) }, year, reports);
  report.s6 = T.included(included.map((b) => b.name));
  return { report, included };
}
