// People (bound to one body with a role) and their chat identities on each platform.
import type { OrgKind } from '../../forms';

export type Role = 'official' | 'supervisor' | 'admin';

/** A person as the chat sees them: who, where, in which role. */
export interface Member {
  personId: number;
  role: Role;
  orgId: number;
  orgName: string;
  /** The body's full official name, for the title of its report (the short name when not set). */
  orgFullName: string;
  orgKind: OrgKind;
  orgPath: string;
}

export interface MemberRow {
  person_id: number;
  role: Role;
  org_id: number;
  org_name: string;
  org_full_name: string;
  org_kind: OrgKind;
  org_path: string;
}

export const toMember = (r: MemberRow): Member => ({
  personId: r.person_id,
  role: r.role,
  orgId: r.org_id,
  orgName: r.org_name,
  orgFullName: r.org_full_name || r.org_name,
  orgKind: r.org_kind,
  orgPath: r.org_path,
});

export const MEMBER_COLUMNS =
  'p.id AS person_id, p.role, p.org_id, o.name AS org_name, o.full_name AS org_full_name, o.kind AS org_kind, o.path AS org_path';

export function memberByIdentity(db: D1Database, platform: string, userId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${MEMBER_COLUMNS}
       FROM identities i JOIN people p ON p.id = i.person_id JOIN orgs o ON o.id = p.org_id
       WHERE i.platform = ?1 AND i.user_id = ?2`,
    )
    .bind(platform, userId);
}

export function memberById(db: D1Database, personId: number): D1PreparedStatement {
  return db
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?1`)
    .bind(personId);
}

export interface Recipient {
  platform: string;
  chatId: string;
  personId: number;
}

/** Supervisors of a body: people with that role at the body or any body above it. */
export async function supervisorsAbove(db: D1Database, orgPath: string): Promise<Recipient[]> {
  const { results } = await db
    .prepare(
      `SELECT i.platform, i.chat_id, p.id AS person_id
       FROM people p JOIN orgs o ON o.id = p.org_id JOIN identities i ON i.person_id = p.id
       WHERE p.role IN ('supervisor', 'admin') AND substr(?1, 1, length(o.path)) = o.path
       ORDER BY p.id, i.platform`,
    )
    .bind(orgPath)
    .all<{ platform: string; chat_id: string; person_id: number }>();
  return results.map((r) => ({ platform: r.platform, chatId: r.chat_id, personId: r.person_id }));
}
