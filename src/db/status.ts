// Each body under a supervisor with its report status for a year: one indexed query, whatever
// the number of bodies (the path range uses the orgs_path index; '~' sorts after every path char).
import type { OrgKind } from '../../forms/report-2021';
import type { ReportStatus } from './reports';

export interface StatusRow {
  orgId: number;
  name: string;
  kind: OrgKind;
  status: ReportStatus | null;
  version: number | null;
  updatedAt: string | null;
  updatedChannel: string | null;
}

export async function statusRows(db: D1Database, path: string, year: number): Promise<StatusRow[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, o.kind, r.status, r.version, r.updated_at, r.updated_channel
       FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       WHERE o.path > ?1 AND o.path < ?1 || '~'
       ORDER BY o.path`,
    )
    .bind(path, year)
    .all<{
      id: number;
      name: string;
      kind: OrgKind;
      status: ReportStatus | null;
      version: number | null;
      updated_at: string | null;
      updated_channel: string | null;
    }>();
  return results.map((r) => ({
    orgId: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
    updatedChannel: r.updated_channel,
  }));
}
