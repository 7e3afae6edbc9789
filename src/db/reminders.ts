// Reminder bookkeeping: which bodies are due a reminder, who their officials are, and the once-a-day
// claim that keeps anyone from being reminded twice whoever triggers it (the cron firing twice, a
// supervisor's /remind).

export interface Due {
  person_id: number;
  platform: string;
  chat_id: string;
  org_id: number;
  name: string;
  st: string;
  done: number;
  total: number;
}

/** Bodies under `path` not submitted for a year, with reminders on and an official to tell. */
export async function dueBodies(db: D1Database, path: string, year: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id FROM orgs o LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       WHERE o.path >= ?1 AND o.path < ?1 || '~' AND o.reminders_off = 0
         AND (r.status IS NULL OR r.status IN ('draft', 'returned'))
         AND EXISTS (SELECT 1 FROM people p JOIN identities i ON i.person_id = p.id
                     WHERE p.org_id = o.id AND p.role = 'official')
       ORDER BY o.id`,
    )
    .bind(path, year)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** The officials (each chat identity) of some bodies, with their body's progress. */
export async function officialsToRemind(
  db: D1Database,
  orgIds: readonly number[],
  year: number,
): Promise<Due[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id, o.id AS org_id, o.name, coalesce(r.status, 'none') AS st,
         coalesce(r.progress_done, 0) AS done, coalesce(r.progress_total, 0) AS total
       FROM orgs o JOIN people p ON p.org_id = o.id AND p.role = 'official'
       JOIN identities i ON i.person_id = p.id
       LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       WHERE o.id IN (SELECT value FROM json_each(?1)) AND o.reminders_off = 0
         AND (r.status IS NULL OR r.status IN ('draft', 'returned'))
       ORDER BY p.id`,
    )
    .bind(JSON.stringify(orgIds), year)
    .all<Due>();
  return results;
}

/** Supervisors (people who may be told who is missing) with a chat identity. */
export async function supervisorIds(db: D1Database): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT p.id FROM people p JOIN identities i ON i.person_id = p.id
       WHERE p.role IN ('supervisor', 'admin') ORDER BY p.id`,
    )
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Some supervisors' chat identities, with the path of their body. */
export async function supervisorIdentities(db: D1Database, personIds: readonly number[]) {
  const { results } = await db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id, o.path FROM people p JOIN orgs o ON o.id = p.org_id
       JOIN identities i ON i.person_id = p.id
       WHERE p.id IN (SELECT value FROM json_each(?1)) ORDER BY p.id`,
    )
    .bind(JSON.stringify(personIds))
    .all<{ person_id: number; platform: string; chat_id: string; path: string }>();
  return results;
}

/** Marks a person as reminded on a day; answers the row only the first time (else nothing). */
export function claimReminder(db: D1Database, person: number, day: string, kind: 'official' | 'supervisor') {
  return db
    .prepare(
      'INSERT INTO reminders_sent (person_id, day, kind) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING RETURNING person_id',
    )
    .bind(person, day, kind);
}
