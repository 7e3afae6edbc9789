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

/** Submitted snapshots of every body under `path` for a year: [org id, name, snapshot JSON]. */
export async function submittedSnapshots(db: D1Database, path: string, year: number) {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, v.snapshot FROM orgs o
       JOIN reports r ON r.org_id = o.id AND r.year = ?2 AND r.status = 'submitted'
       JOIN revisions v ON v.report_id = r.id AND v.version = r.version
       WHERE o.path > ?1 AND o.path < ?1 || '~'
       ORDER BY o.path`,
    )
    .bind(path, year)
    .all<{ id: number; name: string; snapshot: string }>();
  return results;
}

/** Every body under `path` with its report (if any) for a year, for the CSV export. */
export async function reportsForExport(db: D1Database, path: string, year: number) {
  const { results } = await db
    .prepare(
      `SELECT o.id AS org_id, o.name, o.kind, r.status, r.version, r.updated_at, r.answers, v.snapshot
       FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       LEFT JOIN revisions v ON v.report_id = r.id AND v.version = r.version AND r.status = 'submitted'
       WHERE o.path > ?1 AND o.path < ?1 || '~'
       ORDER BY o.path`,
    )
    .bind(path, year)
    .all<{
      org_id: number;
      name: string;
      kind: string;
      status: string | null;
      version: number | null;
      updated_at: string | null;
      answers: string | null;
      snapshot: string | null;
    }>();
  return results;
}

/** An org of the subtree under `path` (or the org at `path` itself), with its report for a year. */
export async function orgInSubtree(db: D1Database, path: string, orgId: number, year: number) {
  return db
    .prepare(
      `SELECT o.id AS org_id, o.name, o.full_name, o.kind, o.path, o.reminders_off, r.id, r.year, r.status, r.answers, r.version,
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
      }
    >();
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
