// Reminders before the 31 January deadline: officials with unfinished or returned drafts (or none
// yet) get their progress and a /fill hint; supervisors get who is missing. Each person at most once
// a day per kind, whoever triggers it, never in quiet hours (for the cron), never for a body a
// supervisor opted out. A reminder is claimed and written to the outbox in one batch; many bodies
// are split into queue jobs of 100, each within one Worker invocation's limits.
import { chinaTime, daysLeft, isQuiet, nextDeadline } from '../engine/calendar';
import {
  claimReminder,
  dueBodies,
  officialsToRemind,
  supervisorIdentities,
  supervisorIds,
  type Due,
} from '../db/reminders';
import { statusRows } from '../db/status';
import { NOTICE_COPY, REMIND_COPY as T } from './copy';
import type { Deps } from './deps';
import { BODIES_PER_JOB, chunks, PEOPLE_PER_JOB, type Job } from './jobs';
import { Batch, type Post } from './posts';

type ReminderDeps = Pick<Deps, 'db' | 'env' | 'now' | 'queue'>;

export interface Reminded {
  people: number;
  bodies: number;
  /** People due a reminder who already had one today. */
  remindedBefore: number;
}

/** Reminds the officials of some bodies (one job's worth): claimed and written to the outbox at once. */
export async function remindBodies(
  deps: ReminderDeps,
  orgIds: readonly number[],
  year: number,
): Promise<Reminded> {
  const due = await officialsToRemind(deps.db, orgIds, year);
  const day = chinaTime(deps.now).day;
  const people = [...new Map(due.map((d) => [d.person_id, d])).values()];
  if (people.length === 0) return { people: 0, bodies: 0, remindedBefore: 0 };
  // First the claims, in one round trip: only those not reminded today get a message.
  const claimed = await deps.db.batch(
    people.map((p) => claimReminder(deps.db, p.person_id, day, 'official')),
  );
  const fresh = new Set(people.filter((_, i) => claimed[i]!.results.length > 0).map((p) => p.person_id));
  const days = daysLeft(deps.now, year);
  const posts: Post[] = due
    .filter((d) => fresh.has(d.person_id))
    .map((d: Due) => ({
      platform: d.platform,
      chatId: d.chat_id,
      replies: [
        {
          text: T.official(d.name, year, d.st, d.done, d.total, days),
          buttons: [[{ label: NOTICE_COPY.continueButton, data: `/fill ${year}` }]],
        },
      ],
      purpose: 'reminder',
      orgId: d.org_id,
    }));
  await new Batch(deps).post(...posts).commit();
  return {
    people: fresh.size,
    bodies: new Set(due.filter((d) => fresh.has(d.person_id)).map((d) => d.org_id)).size,
    remindedBefore: people.length - fresh.size,
  };
}

/**
 * Reminds the officials of every unsubmitted body under `path`. A subtree of one job's size is done
 * at once (the answer says who); a larger one is split into queue jobs (the answer says how many bodies).
 */
export async function remindOfficials(
  deps: ReminderDeps,
  path: string,
  year: number,
): Promise<Reminded | { queued: number }> {
  const bodies = await dueBodies(deps.db, path, year);
  if (bodies.length <= BODIES_PER_JOB) return remindBodies(deps, bodies, year);
  const at = deps.now.toISOString();
  deps.queue(chunks(bodies, BODIES_PER_JOB).map((orgIds): Job => ({ type: 'remind', year, orgIds, at })));
  return { queued: bodies.length };
}

/** Tells some supervisors (one job's worth) who under them is missing. */
export async function remindSupervisors(deps: ReminderDeps, personIds: readonly number[], year: number) {
  const identities = await supervisorIdentities(deps.db, personIds);
  const day = chinaTime(deps.now).day;
  const days = daysLeft(deps.now, year);
  const byPerson = new Map<number, typeof identities>();
  for (const r of identities) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  const batch = new Batch(deps);
  let told = 0;
  for (const [person, ids] of byPerson) {
    const { rows, counts } = await statusRows(deps.db, ids[0]!.path, year, { sort: 'status', limit: 30 });
    const missing = counts.all - counts.submitted;
    if (missing === 0) continue;
    if ((await claimReminder(deps.db, person, day, 'supervisor').all()).results.length === 0) continue;
    const names = rows.filter((r) => r.status !== 'submitted').map((r) => r.name);
    if (missing > names.length) names.push(T.more(missing));
    const text = T.supervisor(year, missing, counts.all, names, days);
    batch.post(
      ...ids.map((i): Post => ({
        platform: i.platform,
        chatId: i.chat_id,
        replies: [{ text }],
        purpose: 'reminder',
      })),
    );
    told++;
  }
  await batch.commit();
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
    daysBefore: Number.isInteger(days) && days >= 0 && days <= 366 ? days : 21,
    quietHours: env.QUIET_HOURS || '21-8',
  };
}

/**
 * The cron's work: nothing outside the window before the deadline or in quiet hours; otherwise the
 * due bodies and the supervisors are split into queue jobs (two queries and a few queue sends, however
 * large the tree).
 */
export async function runReminders(deps: ReminderDeps, settings: ReminderSettings) {
  const { year, daysLeft: left } = nextDeadline(deps.now);
  if (left > settings.daysBefore) return { skipped: 'notYet' as const };
  if (isQuiet(chinaTime(deps.now).hour, settings.quietHours)) return { skipped: 'quiet' as const };
  const [bodies, supervisors] = await Promise.all([dueBodies(deps.db, '/', year), supervisorIds(deps.db)]);
  const at = deps.now.toISOString();
  deps.queue([
    ...chunks(bodies, BODIES_PER_JOB).map((orgIds): Job => ({ type: 'remind', year, orgIds, at })),
    ...chunks(supervisors, PEOPLE_PER_JOB).map((personIds): Job => ({
      type: 'remindSupervisors',
      year,
      personIds,
      at,
    })),
  ]);
  return { year, bodies: bodies.length, supervisors: supervisors.length };
}
