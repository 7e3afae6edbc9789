// A body's report of one year is what the next year's is checked against (rules 6–9: carried over,
// year on year). When it is loaded, imported or submitted after the next year's report exists, the
// next year's kept counts of findings (the dashboard's problems and 待核实) are checked again, in the
// same batch.
import { keepFindingCounts, reportByOrgYear, toStoredReport, type ReportRow } from '../db/reports';
import type { DraftReport } from '../engine/draft';
import { countFindings } from '../engine/summary';

/** The statement keeping next year's counts (`next`: its row, if any) checked against `report`. */
function recheck(db: D1Database, next: ReportRow | undefined, report: DraftReport): D1PreparedStatement[] {
  if (!next) return [];
  return [
    keepFindingCounts(db, next.id, next.version, countFindings(toStoredReport(next).draft.report, report)),
  ];
}

/** The statement that keeps the next year's counts checked against `report` (none: no such report). */
export async function recheckNextYear(
  db: D1Database,
  orgId: number,
  report: DraftReport,
): Promise<D1PreparedStatement[]> {
  return recheck(
    db,
    (await reportByOrgYear(db, orgId, report.year + 1).first<ReportRow>()) ?? undefined,
    report,
  );
}

/**
 * For a report about to be written whole (loaded, imported): last year's report, which it is checked
 * against, and the statement that checks next year's against it — both from one query.
 */
export async function yearsAround(
  db: D1Database,
  orgId: number,
  report: DraftReport,
): Promise<{ previous?: DraftReport; recheck: D1PreparedStatement[] }> {
  const { results } = await db
    .prepare('SELECT * FROM reports WHERE org_id = ?1 AND year IN (?2 - 1, ?2 + 1)')
    .bind(orgId, report.year)
    .all<ReportRow>();
  const before = results.find((r) => r.year === report.year - 1);
  return {
    previous: before ? toStoredReport(before).draft.report : undefined,
    recheck: recheck(
      db,
      results.find((r) => r.year === report.year + 1),
      report,
    ),
  };
}
