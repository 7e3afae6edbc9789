// Reminder bookkeeping: who is due a reminder, and the once-a-day claim that keeps anyone from
// being reminded twice whoever triggers it (the cron firing twice, a supervisor's /remind).

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

/** Officials (with a chat identity) of unsubmitted bodies under `path` that have reminders on. */
export async function dueOfficials(db: D1Database, path: string, year: number): Promise<Due[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id, o.id AS org_id, o.name, coalesce(r.status, 'none') AS st,
         coalesce(r.progress_done, 0) AS done, coalesce(r.progress_total, 0) AS total
       FROM people p JOIN orgs o ON o.id = p.org_id JOIN identities i ON i.person_id = p.id
       LEFT JOIN reports r ON r.org_id = o.id AND r.year = ?2
       WHERE p.role = 'official' AND o.reminders_off = 0 AND o.path >= ?1 AND o.path < ?1 || '~'
         AND (r.status IS NULL OR r.status IN ('draft', 'returned'))
       ORDER BY p.id`,
    )
    .bind(path, year)
    .all<Due>();
  return results;
}

/** Every supervisor's chat identities with the path of their body. */
export async function supervisorIdentities(db: D1Database) {
  const { results } = await db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id, o.path FROM people p JOIN orgs o ON o.id = p.org_id
       JOIN identities i ON i.person_id = p.id WHERE p.role IN ('supervisor', 'admin') ORDER BY p.id`,
    )
    .all<{ person_id: number; platform: string; chat_id: string; path: string }>();
  return results;
}

/** Marks people as reminded on a day; returns those not reminded before (the ones to send to). */
export async function claimReminders(
  db: D1Database,
  people: number[],
  day: string,
  kind: 'official' | 'supervisor',
): Promise<Set<number>> {
  if (people.length === 0) return new Set();
  const results = await db.batch(
    people.map((id) =>
      db
        .prepare(
          'INSERT INTO reminders_sent (person_id, day, kind) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING RETURNING person_id',
        )
        .bind(id, day, kind),
    ),
  );
  return new Set(results.flatMap((r) => (r.results as { person_id: number }[]).map((x) => x.person_id)));
}
