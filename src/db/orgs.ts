// The org tree: bodies with a kind, under a parent, with a materialised path for subtree queries.
import type { OrgKind } from '../../forms';

export interface Org {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  path: string;
}

interface OrgRow {
  id: number;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  path: string;
}

const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  path: r.path,
});

export async function getOrg(db: D1Database, id: number): Promise<Org | null> {
  const row = await db.prepare('SELECT * FROM orgs WHERE id = ?1').bind(id).first<OrgRow>();
  return row ? toOrg(row) : null;
}

/** Creates a body; its path is its parent's path plus its own id. Null when the name is taken. */
export async function createOrg(
  db: D1Database,
  input: { name: string; fullName?: string; kind: OrgKind; parentId: number | null },
): Promise<{ id: number } | { exists: number }> {
  const existing = await db
    .prepare('SELECT id FROM orgs WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name = ?2')
    .bind(input.parentId, input.name)
    .first<{ id: number }>();
  if (existing) return { exists: existing.id };
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO orgs (name, full_name, kind, parent_id, path)
         VALUES (?1, ?4, ?2, ?3, '') RETURNING id`,
      )
      .bind(input.name, input.kind, input.parentId, input.fullName ?? ''),
    db.prepare(
      `UPDATE orgs SET path = ifnull((SELECT p.path FROM orgs p WHERE p.id = orgs.parent_id), '/') || id || '/'
       WHERE id = last_insert_rowid()`,
    ),
  ]);
  return { id: inserted!.results[0]!.id };
}

/** A body by name within a subtree (exact name, or a name containing it when that is unique). */
export async function findInSubtree(db: D1Database, path: string, name: string): Promise<Org[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM orgs WHERE path LIKE ?1 || '%' AND (name = ?2 OR instr(name, ?2) > 0)
       ORDER BY name = ?2 DESC, length(name) LIMIT 5`,
    )
    .bind(path, name)
    .all<OrgRow>();
  const orgs = results.map(toOrg);
  const exact = orgs.filter((o) => o.name === name);
  return exact.length ? exact : orgs;
}

/** Sets a body's full official name (the title of its reports). */
export function setFullName(db: D1Database, orgId: number, fullName: string) {
  return db.prepare('UPDATE orgs SET full_name = ?2 WHERE id = ?1').bind(orgId, fullName);
}

export interface NamedBody {
  id: number;
  name: string;
  full_name: string;
  kind: OrgKind;
  path: string;
}

/** Bodies under `path` (not the one at it) whose name or full name is one of `names`. */
export async function bodiesNamed(
  db: D1Database,
  path: string,
  names: readonly string[],
): Promise<NamedBody[]> {
  const { results } = await db
    .prepare(
      `SELECT id, name, full_name, kind, path FROM orgs
       WHERE path > ?1 AND path < ?1 || '~'
         AND (name IN (SELECT value FROM json_each(?2)) OR full_name IN (SELECT value FROM json_each(?2)))`,
    )
    .bind(path, JSON.stringify(names))
    .all<NamedBody>();
  return results;
}

/** The names of the bodies with these ids (a body's ancestors, from its path). */
export async function namesOf(db: D1Database, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare('SELECT id, name FROM orgs WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number; name: string }>();
  return new Map(results.map((r) => [r.id, r.name]));
}
