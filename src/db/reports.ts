// Reports (one per body and year) with an optimistic version, and their revision log.
import { formOf } from '../../forms';
import type { Changes, Draft, DraftReport } from '../engine/draft';
import { packFigures } from '../engine/figures';
import type { Summary } from '../engine/summary';

export type ReportStatus = 'draft' | 'submitted' | 'returned';
export type RevisionAction = 'create' | 'edit' | 'submit' | 'return' | 'reopen' | 'import';

export interface StoredReport {
  id: number;
  orgId: number;
  year: number;
  status: ReportStatus;
  draft: Draft;
  version: number;
  updatedAt: string;
  submittedAt: string | null;
}

export interface ReportRow {
  id: number;
  org_id: number;
  year: number;
  status: ReportStatus;
  answers: string;
  version: number;
  updated_at: string;
  submitted_at: string | null;
  progress_done: number;
  progress_total: number;
  error_count: number;
  warning_count: number;
}

export const toStoredReport = (r: ReportRow): StoredReport => ({
  id: r.id,
  orgId: r.org_id,
  year: r.year,
  status: r.status,
  draft: JSON.parse(r.answers) as Draft,
  version: r.version,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
});

export function reportByOrgYear(db: D1Database, orgId: number, year: number): D1PreparedStatement {
  return db.prepare('SELECT * FROM reports WHERE org_id = ?1 AND year = ?2').bind(orgId, year);
}

/**
 * The body's report of the year before `year`, as the checks compare with it (rules 6–9: carried
 * over, year on year); undefined when none is kept.
 */
export async function lastYearsReport(
  db: D1Database,
  orgId: number,
  year: number,
): Promise<DraftReport | undefined> {
  const row = await reportByOrgYear(db, orgId, year - 1).first<ReportRow>();
  return row ? toStoredReport(row).draft.report : undefined;
}

/**
 * The compact row of figures kept beside a report (src/engine/figures.ts): of the snapshot when the
 * version keeps one (what was submitted), else of the draft.
 */
export function compactRowOf(draft: Draft, snapshot?: unknown): [string, string] {
  const form = formOf(draft.report);
  const source = snapshot !== null && typeof snapshot === 'object' ? snapshot : draft.report;
  return [packFigures(form, source), form.version];
}

/** Creates the report if the body has none for that year (a concurrent create is not an error). */
export function insertReportIfMissing(
  db: D1Database,
  orgId: number,
  year: number,
  draft: Draft,
  personId: number | null,
  channel: string,
  summary: Summary,
) {
  return db
    .prepare(
      `INSERT INTO reports (org_id, year, status, answers, version, updated_by, updated_channel,
         progress_done, progress_total, error_count, warning_count, warning_keys, figures, figures_version)
       VALUES (?1, ?2, 'draft', ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (org_id, year) DO NOTHING`,
    )
    .bind(
      orgId,
      year,
      JSON.stringify(draft),
      personId,
      channel,
      summary.done,
      summary.total,
      summary.errors,
      summary.warnings,
      JSON.stringify(summary.warningKeys),
      ...compactRowOf(draft),
    );
}

/**
 * A report's kept counts of findings replaced, without a new version (its draft is unchanged; what
 * it is checked against changed). Nothing is written if the report has moved on from `version`.
 */
export function keepFindingCounts(
  db: D1Database,
  id: number,
  version: number,
  counts: Pick<Summary, 'errors' | 'warnings' | 'warningKeys'>,
): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE reports SET error_count = ?3, warning_count = ?4, warning_keys = ?5 WHERE id = ?1 AND version = ?2',
    )
    .bind(id, version, counts.errors, counts.warnings, JSON.stringify(counts.warningKeys));
}

export interface ReportWrite {
  id: number;
  /** The version this write was based on; the write fails if someone else wrote since. */
  baseVersion: number;
  draft: Draft;
  status: ReportStatus;
  action: RevisionAction;
  personId: number | null;
  channel: string;
  changes: Changes;
  comment?: string;
  /** Kept for submitted, returned and imported versions. */
  snapshot?: unknown;
  /** Progress and open findings, for the supervisors' status page. */
  summary: Summary;
  now: string;
}

/** The two statements of a report write: the guarded update, and its revision. */
export function writeReport(db: D1Database, w: ReportWrite): D1PreparedStatement[] {
  const version = w.baseVersion + 1;
  return [
    db
      .prepare(
        `UPDATE reports SET answers = ?2, status = ?3, version = ?4, updated_at = ?5, updated_by = ?6,
           updated_channel = ?7, submitted_at = CASE WHEN ?3 = 'submitted' THEN ?5 ELSE submitted_at END,
           progress_done = ?8, progress_total = ?9, error_count = ?10, warning_count = ?11,
           figures = ?12, figures_version = ?13, warning_keys = ?14
         WHERE id = ?1`,
      )
      .bind(
        w.id,
        JSON.stringify(w.draft),
        w.status,
        version,
        w.now,
        w.personId,
        w.channel,
        w.status === 'submitted' ? w.summary.total : w.summary.done,
        w.summary.total,
        w.summary.errors,
        w.summary.warnings,
        ...compactRowOf(w.draft, w.snapshot),
        JSON.stringify(w.summary.warningKeys),
      ),
    db
      .prepare(
        `INSERT INTO revisions (report_id, version, action, person_id, channel, changes, comment, snapshot, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      )
      .bind(
        w.id,
        version,
        w.action,
        w.personId,
        w.channel,
        JSON.stringify(w.changes),
        w.comment ?? '',
        w.snapshot === undefined ? null : JSON.stringify(w.snapshot),
        w.now,
      ),
  ];
}

/** The snapshot of a report at a version (submitted, returned or imported). */
export async function snapshotAt(db: D1Database, reportId: number, version: number): Promise<unknown | null> {
  const row = await db
    .prepare('SELECT snapshot FROM revisions WHERE report_id = ?1 AND version = ?2')
    .bind(reportId, version)
    .first<{ snapshot: string | null }>();
  return row?.snapshot ? JSON.parse(row.snapshot) : null;
}

/** How many times a report has been submitted (a return and a new submission count again). */
export async function submissionCount(db: D1Database, reportId: number): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM revisions WHERE report_id = ?1 AND action = 'submit'")
    .bind(reportId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export interface RevisionEntry {
  version: number;
  action: RevisionAction;
  personId: number | null;
  personName: string | null;
  personRole: string | null;
  channel: string;
  at: string;
  comment: string;
  hasSnapshot: boolean;
}

/** The columns of a revision as the admin API lists it, with who made it. */
const REVISION_COLUMNS = `v.version, v.action, v.person_id, p.display_name, p.role, v.channel, v.at, v.comment`;

interface RevisionRow {
  version: number;
  action: RevisionAction;
  person_id: number | null;
  display_name: string | null;
  role: string | null;
  channel: string;
  at: string;
  comment: string;
}

const revisionEntry = (r: RevisionRow, hasSnapshot: boolean): RevisionEntry => ({
  version: r.version,
  action: r.action,
  personId: r.person_id,
  personName: r.display_name,
  personRole: r.role,
  channel: r.channel,
  at: r.at,
  comment: r.comment,
  hasSnapshot,
});

/** A report's revisions, newest first, `limit` of them below version `before` (the admin API). */
export async function revisionsOf(
  db: D1Database,
  reportId: number,
  limit: number,
  before?: number,
): Promise<RevisionEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT ${REVISION_COLUMNS}, v.snapshot IS NOT NULL AS has_snapshot
       FROM revisions v LEFT JOIN people p ON p.id = v.person_id
       WHERE v.report_id = ?1 AND v.version < ?2 ORDER BY v.version DESC LIMIT ?3`,
    )
    .bind(reportId, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<RevisionRow & { has_snapshot: number }>();
  return results.map((r) => revisionEntry(r, r.has_snapshot === 1));
}

export interface RevisionDetail extends RevisionEntry {
  /** Cell changes of an edit, as stored (JSON text). */
  changes: string;
  /** The report as it was at this version (JSON text), when one was kept. */
  snapshot: string | null;
}

/** One revision of a report with its changes and snapshot; null when there is no such version. */
export async function revisionAt(
  db: D1Database,
  reportId: number,
  version: number,
): Promise<RevisionDetail | null> {
  const row = await db
    .prepare(
      `SELECT ${REVISION_COLUMNS}, v.changes, v.snapshot
       FROM revisions v LEFT JOIN people p ON p.id = v.person_id
       WHERE v.report_id = ?1 AND v.version = ?2`,
    )
    .bind(reportId, version)
    .first<RevisionRow & { changes: string; snapshot: string | null }>();
  if (!row) return null;
  return { ...revisionEntry(row, row.snapshot !== null), changes: row.changes, snapshot: row.snapshot };
}

/**
 * The snapshot a version without one shares: a return or a reopening leaves the report as it was,
 * so its content is that of the nearest earlier version with a snapshot, when only returns and
 * reopenings lie between them. Null when an edit came between (or there is none).
 */
export async function sharedSnapshot(
  db: D1Database,
  reportId: number,
  version: number,
): Promise<{ version: number; snapshot: string } | null> {
  const row = await db
    .prepare(
      `SELECT version, snapshot FROM revisions
       WHERE report_id = ?1 AND version < ?2 AND (snapshot IS NOT NULL OR action NOT IN ('return', 'reopen'))
       ORDER BY version DESC LIMIT 1`,
    )
    .bind(reportId, version)
    .first<{ version: number; snapshot: string | null }>();
  return row?.snapshot ? { version: row.version, snapshot: row.snapshot } : null;
}
