// Reminders before the 31 January deadline: officials with unfinished or returned drafts (or none
// yet) get their progress and a /fill hint; supervisors get who is missing. Each person at most once
// a day per kind, whoever triggers it, never in quiet hours (for the cron), never for a body a
// supervisor opted out.
import { chinaTime, daysLeft, isQuiet, nextDeadline } from '../engine/calendar';
import { claimReminders, dueOfficials, supervisorIdentities } from '../db/reminders';
import { statusRows } from '../db/status';
import { NOTICE_COPY, REMIND_COPY as T } from './copy';
import type { Deps } from './deps';

type ReminderDeps = Pick<Deps, 'db' | 'now' | 'notify'>;

/** Reminds the officials of unsubmitted bodies under `path` ('/' for everyone). */
export async function remindOfficials(
  deps: ReminderDeps,
  path: string,
  year: number,
): Promise<{ people: number; bodies: number; remindedBefore: number }> {
  const due = await dueOfficials(deps.db, path, year);
  const day = chinaTime(deps.now).day;
  const people = [...new Set(due.map((r) => r.person_id))];
  const fresh = await claimReminders(deps.db, people, day, 'official');
  const days = daysLeft(deps.now, year);
  const sent = due.filter((r) => fresh.has(r.person_id));
  const outcome = await Promise.allSettled(
    sent.map((r) =>
      deps.notify(r.platform, r.chat_id, [
        {
          text: T.official(r.name, year, r.st, r.done, r.total, days),
          buttons: [[{ label: NOTICE_COPY.continueButton, data: `/fill ${year}` }]],
        },
      ]),
    ),
  );
  for (const o of outcome) if (o.status === 'rejected') console.error('reminder failed', o.reason);
  return {
    people: fresh.size,
    bodies: new Set(sent.map((r) => r.org_id)).size,
    remindedBefore: people.length - fresh.size,
  };
}

/** Tells every supervisor with unsubmitted bodies under them who is missing. */
async function remindSupervisors(deps: ReminderDeps, year: number): Promise<number> {
  const results = await supervisorIdentities(deps.db);
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
    if (!(await claimReminders(deps.db, [person], day, 'supervisor')).size) continue;
    const names = rows.filter((r) => r.status !== 'submitted').map((r) => r.name);
    if (missing > names.length) names.push(T.more(missing));
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
