// Invite codes: single use, expiring, binding whoever redeems one to a body with a role.
import type { Role } from './people';

const INVITE_DAYS = 30;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed on phones

function newInviteCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface NewInvite {
  orgId: number;
  role: Role;
  createdBy: number | null;
  /** For a personal code binding another platform's account to this person. */
  personId?: number;
  now: Date;
  days?: number;
}

/** The statement creating an invite, with its code and expiry (to batch with other writes). */
export function inviteStatement(db: D1Database, input: NewInvite) {
  const code = newInviteCode();
  const expiresAt = new Date(input.now.getTime() + (input.days ?? INVITE_DAYS) * 86_400_000).toISOString();
  const statement = db
    .prepare(
      'INSERT INTO invites (code, org_id, role, expires_at, created_by, person_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(code, input.orgId, input.role, expiresAt, input.createdBy, input.personId ?? null);
  return { code, expiresAt, statement };
}

export async function createInvite(
  db: D1Database,
  input: NewInvite,
): Promise<{ code: string; expiresAt: string }> {
  const { code, expiresAt, statement } = inviteStatement(db, input);
  await statement.run();
  return { code, expiresAt };
}

/** Binding statements: mark the code used (once only), create the person if new, link the identity. */
export function redeemStatements(
  db: D1Database,
  invite: Invite,
  identity: { platform: string; userId: string; chatId: string; displayName: string },
  now: string,
): D1PreparedStatement[] {
  const use = db.prepare('UPDATE invites SET used_at = ?2 WHERE code = ?1').bind(invite.code, now);
  const link = (personExpr: string) =>
    db
      .prepare(
        `INSERT INTO identities (platform, user_id, person_id, chat_id) VALUES (?1, ?2, ${personExpr}, ?3)`,
      )
      .bind(identity.platform, identity.userId, identity.chatId);
  const usedBy = db
    .prepare(
      'UPDATE invites SET used_by = (SELECT person_id FROM identities WHERE platform = ?2 AND user_id = ?3) WHERE code = ?1',
    )
    .bind(invite.code, identity.platform, identity.userId);
  if (invite.personId !== null) {
    return [use, link(String(Number(invite.personId))), usedBy];
  }
  return [
    use,
    db
      .prepare('INSERT INTO people (org_id, role, display_name) VALUES (?1, ?2, ?3)')
      .bind(invite.orgId, invite.role, identity.displayName),
    link('last_insert_rowid()'),
    usedBy,
  ];
}

/** Redeeming an invite in the browser (no chat identity yet): mark it used, create the person. */
export function redeemForWebStatements(db: D1Database, invite: Invite, now: string): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE invites SET used_at = ?2 WHERE code = ?1').bind(invite.code, now),
    db.prepare('INSERT INTO people (org_id, role) VALUES (?1, ?2)').bind(invite.orgId, invite.role),
    db.prepare('UPDATE invites SET used_by = last_insert_rowid() WHERE code = ?1').bind(invite.code),
  ];
}

/** The person who redeemed an invite. */
export async function redeemedBy(db: D1Database, code: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT used_by FROM invites WHERE code = ?1')
    .bind(code)
    .first<{ used_by: number | null }>();
  return row?.used_by ?? null;
}

export interface Invite {
  code: string;
  orgId: number;
  orgName: string;
  role: Role;
  personId: number | null;
  expiresAt: string;
  usedAt: string | null;
}

export async function getInvite(db: D1Database, code: string): Promise<Invite | null> {
  const row = await db
    .prepare(
      `SELECT i.code, i.org_id, o.name AS org_name, i.role, i.person_id, i.expires_at, i.used_at
       FROM invites i JOIN orgs o ON o.id = i.org_id WHERE i.code = ?1`,
    )
    .bind(code)
    .first<{
      code: string;
      org_id: number;
      org_name: string;
      role: Role;
      person_id: number | null;
      expires_at: string;
      used_at: string | null;
    }>();
  return row
    ? {
        code: row.code,
        orgId: row.org_id,
        orgName: row.org_name,
        role: row.role,
        personId: row.person_id,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
      }
    : null;
}
