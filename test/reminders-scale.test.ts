// Reminders to a province-sized tree within Cloudflare's limits per invocation: the cron only splits
// the work into queue jobs; each job (≤ 100 bodies, ≤ 100 messages) runs in its own invocation under
// 1,000 D1 queries and under the plan's subrequest limit; every official is reminded exactly once.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import worker from '../src/index';
import type { Job } from '../src/services/jobs';
import { county } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import { installFakePlatforms, type Fake } from './helpers/platforms';
import { heldQueue, type HeldQueue } from './helpers/queue';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

/** 10:00 in China on 20 January 2026: 11 days before the deadline of the 2025 reports. */
const CRON_AT = Date.parse('2026-01-20T02:00:00Z');

/** Bodies under a new county, each with one official reachable on Telegram (chat id `<prefix><n>`). */
async function seed(bodies: number, prefix: string): Promise<string[]> {
  const { countyId } = await county([]);
  const parent = await env.DB.prepare('SELECT path FROM orgs WHERE id = ?1')
    .bind(countyId)
    .first<{ path: string }>();
  await env.DB.batch([
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO orgs (name, kind, parent_id, path) SELECT '省内第' || i || '镇', 'township', ?1, '' FROM n`,
    ).bind(countyId, bodies),
    env.DB.prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE parent_id = ?1").bind(
      countyId,
      parent!.path,
    ),
    env.DB.prepare(
      `INSERT INTO people (org_id, role, display_name) SELECT id, 'official', '办事员' FROM orgs WHERE parent_id = ?1`,
    ).bind(countyId),
    env.DB.prepare(
      `INSERT INTO identities (platform, user_id, person_id, chat_id)
       SELECT 'telegram', ?2 || p.id, p.id, ?2 || p.id FROM people p JOIN orgs o ON o.id = p.org_id
       WHERE o.parent_id = ?1`,
    ).bind(countyId, prefix),
  ]);
  const { results } = await env.DB.prepare(
    `SELECT i.chat_id FROM identities i JOIN people p ON p.id = i.person_id JOIN orgs o ON o.id = p.org_id
     WHERE o.parent_id = ?1`,
  )
    .bind(countyId)
    .all<{ chat_id: string }>();
  return results.map((r) => r.chat_id);
}

interface Invocation {
  kind: string;
  queries: number;
  subrequests: number;
  /** D1 rows read (its meta), what D1 bills. */
  rowsRead: number;
}

/** One invocation of the Worker, with its D1 queries and subrequests (platform requests and queue sends) counted. */
async function invoke(
  held: HeldQueue,
  extra: Partial<Env>,
  kind: string,
  run: (env: Env, ctx: ExecutionContext) => Promise<void>,
): Promise<Invocation> {
  const { db, counter } = countingDb(env.DB);
  const requestsBefore = fake.sent.length;
  const sendsBefore = held.sends.calls;
  const ctx = createExecutionContext();
  await run({ ...env, ...extra, DB: db, OUTBOX: held.binding }, ctx);
  // What was handed to waitUntil (the queue sends) belongs to this invocation too.
  await waitOnExecutionContext(ctx);
  return {
    kind,
    queries: counter.queries,
    subrequests: fake.sent.length - requestsBefore + (held.sends.calls - sendsBefore),
    rowsRead: counter.rowsRead,
  };
}

/** The cron, then every job it leads to, each as its own invocation, until the queue is empty. */
async function remindAll(extra: Partial<Env>): Promise<Invocation[]> {
  const held = heldQueue();
  const runs: Invocation[] = [];
  runs.push(
    await invoke(held, extra, 'cron', (e, ctx) =>
      worker.scheduled!(createScheduledController({ scheduledTime: CRON_AT, cron: '0 1,7 * * *' }), e, ctx),
    ),
  );
  let n = 0;
  while (held.jobs.length) {
    const job = held.jobs.shift()!;
    const batch = createMessageBatch<Job>('nianbao-outbox', [
      { id: `scale-${++n}`, timestamp: new Date(CRON_AT), attempts: 1, body: job },
    ]);
    runs.push(await invoke(held, extra, job.type, (e, ctx) => worker.queue!(batch, e, ctx)));
    if (n > 5000) throw new Error('the queue does not empty');
  }
  return runs;
}

function reminded(chats: string[]): Map<string, number> {
  const mine = new Set(chats);
  const count = new Map<string, number>();
  for (const s of fake.sent)
    if (s.method === 'sendMessage' && mine.has(String(s.body.chat_id)))
      count.set(String(s.body.chat_id), (count.get(String(s.body.chat_id)) ?? 0) + 1);
  return count;
}

function largest(runs: Invocation[], kind: string) {
  const of = runs.filter((r) => r.kind === kind);
  return {
    invocations: of.length,
    queries: Math.max(...of.map((r) => r.queries)),
    subrequests: Math.max(...of.map((r) => r.subrequests)),
    rowsRead: Math.max(...of.map((r) => r.rowsRead)),
  };
}

it('reminds 20,000 bodies exactly once, every invocation under 1,000 D1 queries and the paid plan’s subrequests', async () => {
  const chats = await seed(20_000, 'p');
  const runs = await remindAll({});
  const count = reminded(chats);
  expect(count.size).toBe(20_000);
  expect([...count.values()].every((n) => n === 1)).toBe(true);

  const cron = largest(runs, 'cron');
  const remind = largest(runs, 'remind');
  const deliver = largest(runs, 'deliver');
  console.log('20,000 bodies, largest invocation of each kind:', JSON.stringify({ cron, remind, deliver }));
  expect(remind.invocations).toBe(200);
  for (const r of runs) {
    expect(r.queries, r.kind).toBeLessThan(1000);
    expect(r.subrequests, r.kind).toBeLessThanOrEqual(1000);
    // A job reads around the bodies and messages it handles, never the whole waiting outbox (20,000).
    if (r.kind !== 'cron') expect(r.rowsRead, r.kind).toBeLessThan(5000);
  }
  // The cron lists the bodies to hand out, a few rows each, in a handful of queries.
  expect(cron.rowsRead).toBeLessThanOrEqual(5 * 20_000);
  // The cron itself does a few queries and hands out the jobs in sends of 100.
  expect(cron.queries).toBeLessThan(10);

  // The next cron of the same day reminds nobody again.
  const again = await remindAll({});
  expect(reminded(chats)).toEqual(count);
  expect(again.filter((r) => r.kind === 'deliver')).toHaveLength(0);
}, 600_000);

it('keeps every invocation under 50 subrequests on the free plan', async () => {
  const chats = await seed(1_000, 'f');
  const runs = await remindAll({ FREE_PLAN: '1' } as Partial<Env>);
  const count = reminded(chats);
  expect(count.size).toBe(1_000);
  expect([...count.values()].every((n) => n === 1)).toBe(true);
  const deliver = largest(runs, 'deliver');
  console.log('1,000 bodies on the free plan, largest delivery:', JSON.stringify(deliver));
  for (const r of runs) expect(r.subrequests, r.kind).toBeLessThan(50);
}, 300_000);
