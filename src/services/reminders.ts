// Reminders before the 31 January deadline: officials with unfinished or returned drafts (or none
// yet) get their progress and a /fill hint; supervisors get who is missing. Each person at most once
// a day per kind, whoever triggers it (the cron firing twice, a supervisor's /remind), never in
// quiet hours (for the cron), never for a body a supervisor opted out.
import type { Reply } from '../engine/flow';
import { statusRows } from '../db/status';
import { REMIND_COPY as T } from '../chat/copy';

export interface ReminderDeps {
  db: D1Database;
  now: Date;
  notify: (platform: string, chatId: string, replies: Reply[]) => Promise<void>;
}

const CHINA = 8 * 3600_000;

/** The date in China (YYYY-MM-DD) and hour. */
export function chinaTime(now: Date): {
  day: string;
  hour: number;
  year: number;
  month: number;
  date: number;
} {
  const t = new Date(now.getTime() + CHINA);
  return {
    day: t.toISOString().slice(0, 10),
    hour: t.getUTCHours(),
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    date: t.getUTCDate(),
  };
}

/** The report year whose deadline (31 January) is next, and the days left until it, in China time. */
export function nextDeadline(now: Date): { year: number; daysLeft: number } {
  const c = chinaTime(now);
  const today = Date.UTC(c.year, c.month - 1, c.date);
  const deadlineYear = c.month === 1 && c.date <= 31 ? c.year : c.year + 1;
  return {
    year: deadlineYear - 1,
    daysLeft: Math.round((Date.UTC(deadlineYear, 0, 31) - today) / 86_400_000),
  };
}

/** Days left until the deadline of a given report year (negative once past). */
export function daysLeft(now: Date, year: number): number {
  const c = chinaTime(now);
  return Math.round((Date.UTC(year + 1, 0, 31) - Date.UTC(c.year, c.month - 1, c.date)) / 86_400_000);
}

/** "21-8" → quiet from 21:00 to 08:00 China time. */
export function isQuiet(hour: number, quiet: string): boolean {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(quiet.trim());
  if (!m) return false;
  const [from, to] = [Number(m[1]), Number(m[2])];
  return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
}

interface Due {
  person_id: number;
  platform: string;
  chat_id: string;
  org_id: number;
  name: string;
  st: string;
  done: number;
  total: number;
}

/** Marks people as reminded today; returns those not reminded before (the ones to send to). */
async function claim(
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

/** Reminds the officials of unsubmitted bodies under `path` ('/' for everyone). */
export async function remindOfficials(
  deps: ReminderDeps,
  path: string,
  year: number,
): Promise<{ people: number; bodies: number }> {
  const { results } = await deps.db
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
  const day = chinaTime(deps.now).day;
  const fresh = await claim(deps.db, [...new Set(results.map((r) => r.person_id))], day, 'official');
  const days = daysLeft(deps.now, year);
  const sent = results.filter((r) => fresh.has(r.person_id));
  const outcome = await Promise.allSettled(
    sent.map((r) =>
      deps.notify(r.platform, r.chat_id, [
        {
          text: T.official(r.name, year, r.st, r.done, r.total, days),
          buttons: [[{ label: '继续填报', data: `/fill ${year}` }]],
        },
      ]),
    ),
  );
  for (const o of outcome) if (o.status === 'rejected') console.error('reminder failed', o.reason);
  return { people: fresh.size, bodies: new Set(sent.map((r) => r.org_id)).size };
}

/** Tells every supervisor with unsubmitted bodies under them who is missing. */
export async function remindSupervisors(deps: ReminderDeps, year: number): Promise<number> {
  const { results } = await deps.db
    .prepare(
      `SELECT p.id AS person_id, i.platform, i.chat_id, o.path FROM people p JOIN orgs o ON o.id = p.org_id
       JOIN identities i ON i.person_id = p.id WHERE p.role IN ('supervisor', 'admin') ORDER BY p.id`,
    )
    .all<{ person_id: number; platform: string; chat_id: string; path: string }>();
  const day = chinaTime(deps.now).day;
  const days = daysLeft(deps.now, year);
  let told = 0;
  const byPerson = new Map<number, typeof results>();
  for (const r of results) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  for (const [person, identities] of byPerson) {
    const { rows, counts } = await statusRows(deps.db, identities[0]!.path, year, {
      sort: 'status',
      limit: 30,
    });
    const missing = counts.all - counts.submitted;
    if (missing === 0) continue;
    if (!(await claim(deps.db, [person], day, 'supervisor')).size) continue;
    const names = rows.filter((r) => r.status !== 'submitted').map((r) => r.name);
    if (missing > names.length) names.push(`等 ${missing} 个`);
    const message = [{ text: T.supervisor(year, missing, counts.all, names, days) }];
    await Promise.allSettled(identities.map((i) => deps.notify(i.platform, i.chat_id, message)));
    told++;
  }
  return told;
}

export interface ReminderSettings {
  /** Start reminding this many days before 31 January. */
  daysBefore: number;
  /** China-time hours without reminders, "21-8". */
  quietHours: string;
}

export function reminderSettings(env: {
  REMIND_DAYS_BEFORE?: string;
  QUIET_HOURS?: string;
}): ReminderSettings {
  const days = Number(env.REMIND_DAYS_BEFORE);
  return {
    daysBefore: Number.isInteger(days) && days >= 0 && days <= 120 ? days : 21,
    quietHours: env.QUIET_HOURS || '21-8',
  };
}

/** The cron's work: nothing outside the window before the deadline or in quiet hours. */
export async function runReminders(deps: ReminderDeps, settings: ReminderSettings) {
  const { year, daysLeft: left } = nextDeadline(deps.now);
  if (left > settings.daysBefore) return { skipped: 'notYet' as const };
  if (isQuiet(chinaTime(deps.now).hour, settings.quietHours)) return { skipped: 'quiet' as const };
  const officials = await remindOfficials(deps, '/', year);
  const supervisors = await remindSupervisors(deps, year);
  return { year, officials, supervisors };
}
