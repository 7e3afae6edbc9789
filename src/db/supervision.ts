// Queries for supervising: a body's history, the submitted reports of a subtree, every body's
// figures for export, the people of a body, and the per-body reminder opt-out.
import type { Role } from './people';
import type { ReportRow } from './reports';

export interface HistoryEntry {
  version: number;
  action: string;
  channel: string;
  at: string;
  comment: string;
  who: string;
  role: Role | null;
  /** Consecutive edits by the same person through the same channel, shown as one entry. */
  edits: number;
}

/** Who did what, when and how: the latest first, runs of edits folded into one entry. */
export async function history(db: D1Database, reportId: number): Promise<HistoryEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT v.version, v.action, v.channel, v.at, v.comment, coalesce(p.display_name, '') AS who, p.role
       FROM revisions v LEFT JOIN people p ON p.id = v.person_id
       WHERE v.report_id = ?1 ORDER BY v.version DESC LIMIT 500`,
    )
    .bind(reportId)
    .all<Omit<HistoryEntry, 'edits'>>();
  const out: HistoryEntry[] = [];
  for (const r of results) {
    const last = out.at(-1);
    if (r.action === 'edit' && last?.action === 'edit' && last.who === r.who && last.channel === r.channel)
      last.edits++;
    else out.push({ ...r, edits: r.action === 'edit' ? 1 : 0 });
  }
  return out.slice(0, 50);
}

export interface SubmittedRow {
  id: number;
  name: string;
  /** The body's path: where the next page starts. */
  path: string;
  /** The compact row of figures and its format version; null for a report kept before they existed. */
  version: string | null;
  figures: string | null;
}

/**
 * A page of the bodies under `path` that submitted a report for a year, in tree order after the
 * body at `after`, each with its compact row: one index range per page, however large the subtree.
 */
export async function submittedPage(
  db: D1Database,
  path: string,
  year: number,
  after: string,
  limit: number,
): Promise<SubmittedRow[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, r.org_path AS path, r.figures_version AS version, r.figures
       FROM reports r JOIN orgs o ON o.id = r.org_id
       WHERE r.year = ?2 AND r.status = 'submitted' AND r.org_path > ?3 AND r.org_path < ?1 || '~'
       ORDER BY r.org_path LIMIT ?4`,
    )
    .bind(path, year, after > path ? after : path, limit)
    .all<SubmittedRow>();
  return results;
}

/** The submitted snapshots under `path` kept before compact rows existed (read one by one). */
export async function legacySnapshots(db: D1Database, path: string, year: number) {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, v.snapshot FROM reports r JOIN orgs o ON o.id = r.org_id
       JOIN revisions v ON v.report_id = r.id AND v.version = r.version
       WHERE r.year = ?2 AND r.status = 'submitted' AND r.org_path > ?1 AND r.org_path < ?1 || '~'
         AND r.figures IS NULL
       ORDER BY r.org_path`,
    )
    .bind(path, year)
    .all<{ id: number; name: string; snapshot: string }>();
  return results;
}

/** A body's line of the CSV export, as SQLite writes it; null where the Worker must (see exportRows). */
export interface ExportLine {
  org_id: number;
  path: string;
  line: string | null;
}

// The CSV's rules (csvCell in src/services/csv.ts) in SQL, for the fields that are not figures: a
// name whose first character would start a spreadsheet formula (= + - @ tab CR) gets a ' in front,
// and a field with a quote, comma or line break is quoted, its quotes doubled. Kind and status are
// words of the schema's CHECK lists, and the rest numbers or ISO times: nothing to escape.
const FORMULA_GUARD = `(CASE WHEN substr(o.name, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' ELSE '' END)`;
const NAME_FIELD = `(CASE
  WHEN instr(o.name, '"') OR instr(o.name, ',') OR instr(o.name, char(10)) OR instr(o.name, char(13))
  THEN '"' || ${FORMULA_GUARD} || replace(o.name, '"', '""') || '"'
  ELSE ${FORMULA_GUARD} || o.name END)`;
// A compact row (src/engine/figures.ts: a JSON array of numbers, null and "/") as CSV fields:
// '[3,null,"/"]' becomes '3,,/'.
const FIGURE_FIELDS = `replace(replace(substr(r.figures, 2, length(r.figures) - 2), 'null', ''), '"/"', '/')`;

/**
 * One page of the CSV export: the bodies under `path` after `after` (a path; '' for the first
 * page), in tree order, each with its whole line written by SQLite — without a report for the year
 * (`blank`: its empty figure fields), or with a compact row in the year's format `version`. A
 * report kept before compact rows, or in another version, has no line here: exportRows reads it.
 */
export async function exportLines(
  db: D1Database,
  path: string,
  year: number,
  after: string,
  limit: number,
  version: string,
  blank: string,
): Promise<ExportLine[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id AS org_id, o.path,
         CASE WHEN r.id IS NULL OR (r.figures IS NOT NULL AND r.figures_version = ?5) THEN
           o.id || ',' || ${NAME_FIELD} || ',' || o.kind || ',' || coalesce(r.status, 'none') || ',' ||
           coalesce(r.version, '') || ',' || coalesce(r.updated_at, '') || ',' || coalesce(${FIGURE_FIELDS}, ?6)
         END AS line
       FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       WHERE o.path > max(?1, ?3) AND o.path < ?1 || '~'
       ORDER BY o.path LIMIT ?4`,
    )
    .bind(path, year, after, limit, version, blank)
    .all<ExportLine>();
  return results;
}

export interface ExportRow {
  org_id: number;
  path: string;
  name: string;
  kind: string;
  status: string | null;
  version: number | null;
  updated_at: string | null;
  /** The compact row of figures (src/engine/figures.ts), and its format version. */
  figures: string | null;
  figures_version: string | null;
  /** Only for a report written before compact rows were kept: its JSON, to read the figures from. */
  answers: string | null;
  snapshot: string | null;
}

/** The bodies `orgIds` with their report for a year: what the Worker needs to write their line. */
export async function exportRows(
  db: D1Database,
  year: number,
  orgIds: readonly number[],
): Promise<ExportRow[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id AS org_id, o.path, o.name, o.kind, r.status, r.version, r.updated_at, r.figures,
         r.figures_version,
         CASE WHEN r.figures IS NULL THEN r.answers END AS answers,
         CASE WHEN r.figures IS NULL AND r.status = 'submitted' THEN
           (SELECT v.snapshot FROM revisions v WHERE v.report_id = r.id AND v.version = r.version) END AS snapshot
       FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?1
       WHERE o.id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(year, JSON.stringify(orgIds))
    .all<ExportRow>();
  return results;
}

/** An org of the subtree under `path` (or the org at `path` itself), with its report for a year. */
export async function orgInSubtree(db: D1Database, path: string, orgId: number, year: number) {
  return db
    .prepare(
      `SELECT o.id AS org_id, o.parent_id, o.name, o.full_name, o.kind, o.path, o.reminders_off, o.sums_children,
         o.descendants,
         r.id, r.year, r.status, r.answers, r.version,
         r.updated_at, r.submitted_at, r.progress_done, r.progress_total, r.error_count, r.warning_count
       FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?3
       WHERE o.id = ?2 AND o.path >= ?1 AND o.path < ?1 || '~'`,
    )
    .bind(path, orgId, year)
    .first<
      ReportRow & {
        org_id: number;
        name: string;
        full_name: string;
        kind: string;
        path: string;
        reminders_off: number;
        sums_children: number;
        descendants: number;
        parent_id: number | null;
      }
    >();
}

/** Marks a body's own report as summing the bodies directly under it (rule 16), or not. */
export function setSumsChildren(db: D1Database, orgId: number, on: boolean) {
  return db.prepare('UPDATE orgs SET sums_children = ?2 WHERE id = ?1').bind(orgId, on ? 1 : 0);
}

/**
 * The bodies directly under `orgId` for a year — each with whether its report is submitted (and kept
 * as a compact row) — and the sum of their submitted figures per format version and cell index:
 * one round trip.
 */
export async function partsOf(db: D1Database, orgId: number, year: number) {
  const [bodies, sums] = await db.batch([
    db
      .prepare(
        `SELECT o.id, o.name, r.status = 'submitted' AND r.figures IS NOT NULL AS counted
         FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
         WHERE o.parent_id = ?1 ORDER BY o.path`,
      )
      .bind(orgId, year),
    db
      .prepare(
        `SELECT r.figures_version AS version, j.key AS i, total(j.value) AS sum
         FROM orgs o JOIN reports r ON r.org_id = o.id AND r.year = ?2, json_each(r.figures) j
         WHERE o.parent_id = ?1 AND r.status = 'submitted' AND r.figures IS NOT NULL
         GROUP BY r.figures_version, j.key`,
      )
      .bind(orgId, year),
  ]);
  return {
    bodies: bodies!.results as { id: number; name: string; counted: number | null }[],
    sums: sums!.results as { version: string; i: number; sum: number }[],
  };
}

/** Chat identities of a body's officials (to tell them their report was returned). */
export async function officialsOf(db: D1Database, orgId: number) {
  const { results } = await db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id FROM people p JOIN identities i ON i.person_id = p.id
       WHERE p.org_id = ?1 AND p.role = 'official' ORDER BY p.id`,
    )
    .bind(orgId)
    .all<{ person_id: number; platform: string; chat_id: string }>();
  return results;
}

export function setRemindersOff(db: D1Database, orgId: number, off: boolean) {
  return db.prepare('UPDATE orgs SET reminders_off = ?2 WHERE id = ?1').bind(orgId, off ? 1 : 0);
}
