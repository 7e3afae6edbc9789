// What the queue carries: outbox messages to deliver, and the fan-outs that write them (reminders to
// many bodies), each small enough for one Worker invocation (≤ 100 bodies, ≤ 100 messages).
export type Job =
  | { type: 'deliver'; ids: number[] }
  /** `at`: when the reminders were asked for (their day, and the days left, are counted from it). */
  | { type: 'remind'; year: number; orgIds: number[]; at: string }
  | { type: 'remindSupervisors'; year: number; personIds: number[]; at: string }
  /** The Word file of a submitted version, rendered once and kept. */
  | { type: 'render'; reportId: number; version: number };

/** Bodies per reminder job and messages per delivery job. */
export const BODIES_PER_JOB = 100;
export const PEOPLE_PER_JOB = 100;

/** Messages per delivery job: each takes up to two requests, and the free plan allows 50 per run. */
export function postsPerJob(env: { FREE_PLAN?: string }): number {
  return env.FREE_PLAN === '1' ? 20 : 100;
}

/** Requests to platforms one invocation may make (Workers: 50 subrequests free, 10,000 paid). */
export function requestBudget(env: { FREE_PLAN?: string }): number {
  return env.FREE_PLAN === '1' ? 45 : 1000;
}

/** Messages per sendBatch to a queue (Cloudflare Queues' limit). */
export const MESSAGES_PER_SEND = 100;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Delivery jobs for new outbox messages. */
export function deliveryJobs(env: { FREE_PLAN?: string }, ids: readonly number[]): Job[] {
  return chunks(ids, postsPerJob(env)).map((part) => ({ type: 'deliver', ids: part }));
}
