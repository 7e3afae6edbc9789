// Each body under a supervisor with its report status for a year. The usual view (by status, no
// search) reads what it shows: the counts are one row kept by triggers (status_counts, orgs.
// descendants; migration 0005), and each status's part of the page is an index range on the
// reports' body paths ('~' sorts after every path character), in the order of the tree — for 「未开始」
// on the kept rows of the not-started (unstarted; migration 0010), filled the first time a year is
// shown. Other sorts and a search read the whole subtree in one query, its counts from window functions.
import type { OrgKind } from '../../forms';
import type { ReportStatus } from './reports';

export type StatusKey = ReportStatus | 'none';

export interface StatusRow {
  orgId: number;
  name: string;
  kind: OrgKind;
  status: StatusKey;
  reportId: number | null;
  version: number | null;
  updatedAt: string | null;
  updatedChannel: string | null;
  done: number;
  total: number;
  errors: number;
  warnings: number;
  /** Warnings of a submitted report that no supervisor's verdict covers yet (「待核实」). */
  unjudged: number;
  remindersOff: boolean;
}

export interface StatusCounts {
  all: number;
  submitted: number;
  draft: number;
  returned: number;
  none: number;
  /** Rows matching the filter (for paging). */
  matching: number;
}

export const SORTS = {
  name: 'name, path',
  status: "CASE st WHEN 'none' THEN 0 WHEN 'returned' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END, path",
  progress: 'CAST(done AS REAL) / max(total, 1), name',
  updated: 'updated_at IS NULL, updated_at DESC, name',
  errors: 'errors DESC, warnings DESC, name',
} as const;
export type SortKey = keyof typeof SORTS;

export interface StatusQuery {
  status?: StatusKey | '';
  search?: string;
  sort?: SortKey;
  limit?: number;
  offset?: number;
}

interface Row {
  id: number;
  name: string;
  kind: OrgKind;
  reminders_off: number;
  st: StatusKey;
  report_id: number | null;
  version: number | null;
  updated_at: string | null;
  updated_channel: string | null;
  done: number;
  total: number;
  errors: number;
  warnings: number;
  unjudged: number;
  n_all: number;
  n_submitted: number;
  n_draft: number;
  n_returned: number;
  n_matching: number;
}

function statusStatement(
  db: D1Database,
  path: string,
  year: number,
  q: StatusQuery = {},
): D1PreparedStatement {
  const order = SORTS[q.sort ?? 'name'] ?? SORTS.name;
  return db
    .prepare(
      `WITH t AS (
         SELECT o.id, o.name, o.kind, o.path, o.reminders_off, coalesce(r.status, 'none') AS st, r.id AS report_id,
           r.version, r.updated_at, r.updated_channel,
           coalesce(r.progress_done, 0) AS done, coalesce(r.progress_total, 0) AS total,
           coalesce(r.error_count, 0) AS errors, coalesce(r.warning_count, 0) AS warnings,
           CASE WHEN r.status = 'submitted' THEN (SELECT count(*) FROM json_each(r.warning_keys) k
             WHERE NOT EXISTS (SELECT 1 FROM finding_verdicts v WHERE v.report_id = r.id AND v.finding_key = k.value))
           ELSE 0 END AS unjudged,
           count(*) OVER () AS n_all,
           count(r.id) FILTER (WHERE r.status = 'submitted') OVER () AS n_submitted,
           count(r.id) FILTER (WHERE r.status = 'draft') OVER () AS n_draft,
           count(r.id) FILTER (WHERE r.status = 'returned') OVER () AS n_returned
         FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
         WHERE o.path > ?1 AND o.path < ?1 || '~'
       )
       SELECT *, count(*) OVER () AS n_matching FROM t
       WHERE (?3 = '' OR st = ?3) AND (?4 = '' OR instr(name, ?4) > 0)
       ORDER BY ${order}
       LIMIT ?5 OFFSET ?6`,
    )
    .bind(path, year, q.status ?? '', q.search ?? '', q.limit ?? -1, q.offset ?? 0);
}

function readStatus(result: D1Result): { rows: StatusRow[]; counts: StatusCounts } {
  const rows = result.results as unknown as Row[];
  const first = rows[0];
  const counts: StatusCounts = first
    ? {
        all: first.n_all,
        submitted: first.n_submitted,
        draft: first.n_draft,
        returned: first.n_returned,
        none: first.n_all - first.n_submitted - first.n_draft - first.n_returned,
        matching: first.n_matching,
      }
    : { all: 0, submitted: 0, draft: 0, returned: 0, none: 0, matching: 0 };
  return {
    counts,
    rows: rows.map((r) => ({
      orgId: r.id,
      name: r.name,
      kind: r.kind,
      status: r.st,
      reportId: r.report_id,
      version: r.version,
      updatedAt: r.updated_at,
      updatedChannel: r.updated_channel,
      done: r.done,
      total: r.total,
      errors: r.errors,
      warnings: r.warnings,
      unjudged: r.unjudged,
      remindersOff: r.reminders_off === 1,
    })),
  };
}

/** Statuses in the order the status sort shows them. */
const STATUS_ORDER: readonly StatusKey[] = ['none', 'returned', 'draft', 'submitted'];

const ROW_COLUMNS = `o.id, o.name, o.kind, o.path, o.reminders_off, coalesce(r.status, 'none') AS st, r.id AS report_id,
  r.version, r.updated_at, r.updated_channel,
  coalesce(r.progress_done, 0) AS done, coalesce(r.progress_total, 0) AS total,
  coalesce(r.error_count, 0) AS errors, coalesce(r.warning_count, 0) AS warnings,
  CASE WHEN r.status = 'submitted' THEN (SELECT count(*) FROM json_each(r.warning_keys) k
             WHERE NOT EXISTS (SELECT 1 FROM finding_verdicts v WHERE v.report_id = r.id AND v.finding_key = k.value))
           ELSE 0 END AS unjudged`;

/** The kept counts of a subtree for a year (null: no body has that path, e.g. the root '/'). */
async function keptCounts(db: D1Database, path: string, year: number) {
  return db
    .prepare(
      `SELECT o.descendants AS n_all, coalesce(c.draft, 0) AS n_draft, coalesce(c.submitted, 0) AS n_submitted,
         coalesce(c.returned, 0) AS n_returned, EXISTS (SELECT 1 FROM unstarted_years WHERE year = ?2) AS kept_none
       FROM orgs o LEFT JOIN status_counts c ON c.org_id = o.id AND c.year = ?2
       WHERE o.path = ?1 LIMIT 1`,
    )
    .bind(path, year)
    .first<{ n_all: number; n_draft: number; n_submitted: number; n_returned: number; kept_none: number }>();
}

/**
 * Fills the not-started bodies of a year (every body without a report for it), once: from then on the
 * triggers of migration 0010 keep them. Idempotent, so two first views at once do no harm. The cron
 * does it for the reporting year (`keepUnstartedOf`), so no supervisor's first view pays for it; a
 * view of a year not yet kept (an earlier year, or before the first cron) fills it itself.
 */
async function keepUnstarted(db: D1Database, year: number) {
  await db.batch([
    db.prepare('INSERT OR IGNORE INTO unstarted_years (year) VALUES (?1)').bind(year),
    db
      .prepare(
        `INSERT OR IGNORE INTO unstarted (org_id, year, org_path)
         SELECT o.id, ?1, o.path FROM orgs o
         WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.org_id = o.id AND r.year = ?1)`,
      )
      .bind(year),
  ]);
}

/** Keeps the not-started bodies of `year` unless they are kept already (one indexed read then). */
export async function keepUnstartedOf(db: D1Database, year: number): Promise<boolean> {
  const kept = await db.prepare('SELECT 1 FROM unstarted_years WHERE year = ?1').bind(year).first();
  if (kept) return false;
  await keepUnstarted(db, year);
  return true;
}

/** One status's bodies under a path, in tree order: an index range (of reports, or of the not-started). */
function segmentStatement(
  db: D1Database,
  path: string,
  year: number,
  status: StatusKey,
  limit: number,
  offset: number,
) {
  return status === 'none'
    ? db
        .prepare(
          `SELECT o.id, o.name, o.kind, o.path, o.reminders_off, 'none' AS st, NULL AS report_id, NULL AS version,
             NULL AS updated_at, NULL AS updated_channel, 0 AS done, 0 AS total, 0 AS errors, 0 AS warnings,
             0 AS unjudged
           FROM unstarted u JOIN orgs o ON o.id = u.org_id
           WHERE u.year = ?2 AND u.org_path > ?1 AND u.org_path < ?1 || '~'
           ORDER BY u.org_path LIMIT ?3 OFFSET ?4`,
        )
        .bind(path, year, limit, offset)
    : db
        .prepare(
          `SELECT ${ROW_COLUMNS} FROM reports r JOIN orgs o ON o.id = r.org_id
           WHERE r.year = ?2 AND r.status = ?5 AND r.org_path > ?1 AND r.org_path < ?1 || '~'
           ORDER BY r.org_path LIMIT ?3 OFFSET ?4`,
        )
        .bind(path, year, limit, offset, status);
}

/**
 * The usual view, by status with no search: the kept counts, then only the rows of the page (each
 * status's part of it one indexed range, all in one batch). Null when the counts are not kept for
 * this path.
 */
async function statusByCounts(db: D1Database, path: string, year: number, q: StatusQuery) {
  const kept = await keptCounts(db, path, year);
  if (!kept) return null;
  const none = kept.n_all - kept.n_draft - kept.n_submitted - kept.n_returned;
  const sizes: Record<StatusKey, number> = {
    none,
    returned: kept.n_returned,
    draft: kept.n_draft,
    submitted: kept.n_submitted,
  };
  const order = q.status ? [q.status] : STATUS_ORDER;
  const matching = order.reduce((n, st) => n + sizes[st], 0);
  const from = q.offset ?? 0;
  const to = q.limit === undefined || q.limit < 0 ? matching : from + q.limit;
  const statements: D1PreparedStatement[] = [];
  let start = 0;
  let readsNone = false;
  for (const st of order) {
    const end = start + sizes[st];
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a < b) {
      statements.push(segmentStatement(db, path, year, st, b - a, a - start));
      readsNone ||= st === 'none';
    }
    start = end;
  }
  if (readsNone && !kept.kept_none) await keepUnstarted(db, year);
  const results = statements.length ? await db.batch(statements) : [];
  const rows = results.flatMap((r) => r.results as unknown as Row[]);
  const counts: StatusCounts = {
    all: kept.n_all,
    submitted: kept.n_submitted,
    draft: kept.n_draft,
    returned: kept.n_returned,
    none,
    matching,
  };
  return { counts, rows: readStatus({ results: rows } as unknown as D1Result).rows };
}

export async function statusRows(db: D1Database, path: string, year: number, q: StatusQuery = {}) {
  if (q.sort === 'status' && !q.search) {
    const fast = await statusByCounts(db, path, year, q);
    if (fast) return fast;
  }
  return readStatus(await statusStatement(db, path, year, q).all());
}

/** A page of the status list; when a filter matches nothing, the counts come from one more query. */
export async function statusPage(db: D1Database, path: string, year: number, q: StatusQuery) {
  const page = await statusRows(db, path, year, q);
  // Counts read by the kept counts are right even for an empty page; by window functions, only with a row.
  const kept = q.sort === 'status' && !q.search;
  if (page.rows.length > 0 || (!q.status && !q.search && !q.offset) || kept) return page;
  const all = await statusRows(db, path, year, { sort: 'status', limit: 0 });
  return { rows: [], counts: { ...all.counts, matching: 0 } };
}
