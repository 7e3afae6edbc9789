// Each body under a supervisor with its report status for a year, in one indexed query whatever the
// number of bodies: the subtree is a range on orgs.path ('~' sorts after every path character), the
// counts come from window functions over the whole subtree, filters and paging apply after.
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
  status: "CASE st WHEN 'none' THEN 0 WHEN 'returned' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END, name",
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
      remindersOff: r.reminders_off === 1,
    })),
  };
}

export async function statusRows(db: D1Database, path: string, year: number, q: StatusQuery = {}) {
  return readStatus(await statusStatement(db, path, year, q).all());
}

/** A page of the status list; when a filter matches nothing, the counts come from one more query. */
export async function statusPage(db: D1Database, path: string, year: number, q: StatusQuery) {
  const page = await statusRows(db, path, year, q);
  if (page.rows.length > 0 || (!q.status && !q.search && !q.offset)) return page;
  const all = await statusRows(db, path, year, { limit: 1 });
  return { rows: [], counts: { ...all.counts, matching: 0 } };
}
