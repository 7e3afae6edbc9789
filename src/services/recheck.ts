// A body's report of one year is what the next year's is checked against (rules 6–9: carried over,
// year on year). When it is loaded or imported after the next year's report exists, the next year's
// kept counts of findings (the dashboard's problems and 待核实) are checked again, in the same batch.
import { formOf } from '../../forms';
import { keepFindingCounts, reportByOrgYear, toStoredReport, type ReportRow } from '../db/reports';
import { checkReport } from '../engine/check';
import type { DraftReport } from '../engine/draft';
import { findingCounts } from '../engine/summary';

/** The statement that keeps the next year's counts checked against `report` (none: no such report). */
export async function recheckNextYear(
  db: D1Database,
  orgId: number,
  report: DraftReport,
): Promise<D1PreparedStatement[]> {
  const row = await reportByOrgYear(db, orgId, report.year + 1).first<ReportRow>();
  if (!row) return [];
  const next = toStoredReport(row).draft.report;
  return [keepFindingCounts(db, row.id, row.version, findingCounts(checkReport(formOf(next), next, report)))];
}
