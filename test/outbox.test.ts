// Nothing lost: every message the bot sends outside the webhook's own answer goes through the outbox.
// The fake platform APIs refuse (500), rate-limit (429 with a retry-after) and time out; the messages
// still arrive exactly once, in order per chat, and the webhook answers without waiting on them. A
// queue message that never arrives is found by the cron sweep. Strangers store nothing.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDingMarkdown } from '../src/chat/dingtalk';
import { readLarkMessage } from '../src/chat/feishu';
import { CHAT_COPY } from '../src/chat/copy';
import { MAX_ATTEMPTS } from '../src/chat/delivery';
import { readWecomText } from '../src/chat/wecom';
import worker from '../src/index';
import type { Job } from '../src/services/jobs';
import { ADMIN, createOrg, invite } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import {
  DingPerson,
  dingRequest,
  installFakePlatforms,
  LarkPerson,
  larkRequest,
  larkText,
  TgChat,
  WecomPerson,
  wecomEnvelope,
  readWecomReply,
  type Chat,
  type Fake,
} from './helpers/platforms';
import { heldQueue } from './helpers/queue';
import { SECRET, textUpdate } from './helpers/telegram';
import { DASHBOARD_COPY } from '../src/web/copy';
import { call, drainOutbox, ORIGIN } from './worker';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

const PLATFORMS = ['telegram', 'wecom', 'dingtalk', 'feishu'] as const;
type Platform = (typeof PLATFORMS)[number];

let next = 70000;
function person(platform: Platform): Chat {
  const id = String(++next);
  if (platform === 'telegram') return new TgChat(id, fake);
  if (platform === 'wecom') return new WecomPerson(`wx${id}`, fake);
  if (platform === 'dingtalk') return new DingPerson(`ding${id}`, fake);
  return new LarkPerson(`ou_${id}`, fake);
}

/** A message as the platform delivers it to the webhook (nothing else: the outbox is not drained). */
async function webhook(platform: Platform, userId: string, text: string): Promise<Request> {
  if (platform === 'telegram')
    return new Request(`${ORIGIN}/hooks/telegram`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(textUpdate(Number(userId), text)),
    });
  if (platform === 'wecom') {
    const { path, body } = await wecomEnvelope(userId, text);
    return new Request(ORIGIN + path, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
  }
  if (platform === 'dingtalk')
    return new Request(`${ORIGIN}/hooks/dingtalk`, { method: 'POST', ...(await dingRequest(userId, text)) });
  return new Request(`${ORIGIN}/hooks/feishu`, {
    method: 'POST',
    ...(await larkRequest(larkText(userId, text))),
  });
}

/** Every message the platform accepted for this person through its API, in the order it arrived. */
function delivered(platform: Platform, userId: string): string[] {
  return fake.sent.flatMap((s) => {
    if (platform === 'telegram')
      return s.host === 'telegram.fake' && s.method === 'sendMessage' && String(s.body.chat_id) === userId
        ? [s.body.text as string]
        : [];
    if (platform === 'wecom')
      return s.path.includes('/message/send') && s.body.touser === userId
        ? readWecomText(s.body.text.content).map((m) => m.text)
        : [];
    if (platform === 'dingtalk')
      return s.host === 'ding-session.fake' && s.path.includes(`session=${userId}`)
        ? [readDingMarkdown(s.body.markdown.text).text]
        : [];
    return s.path.includes('/im/v1/messages') && s.body.receive_id === userId
      ? [readLarkMessage(s.body).text]
      : [];
  });
}

const after = (t0: number, seconds: number) => () => new Date(t0 + seconds * 1000);

async function outbox(where = '1 = 1') {
  const { results } = await env.DB.prepare(
    `SELECT id, platform, chat_id, status, attempts, purpose, last_error FROM outbox WHERE ${where} ORDER BY id`,
  ).all<{ id: number; status: string; attempts: number; purpose: string; last_error: string }>();
  return results;
}

/** The texts a webhook's own answer carries (a passive reply), as the person reads them. */
async function inlineOf(platform: Platform, res: Response): Promise<string[]> {
  const body = await res.text();
  if (platform === 'telegram') {
    const json = JSON.parse(body) as { method?: string; text?: string };
    return json.method === 'sendMessage' ? [json.text!] : [];
  }
  if (platform === 'wecom')
    return body === 'success' ? [] : readWecomText(await readWecomReply(body)).map((m) => m.text);
  return [];
}

/** Messages sent to the webhook one after another, the outbox left as it is: what they carried inline. */
async function tell(platform: Platform, userId: string, texts: string[]): Promise<string[]> {
  const inline: string[] = [];
  for (const text of texts) {
    const ctx = createExecutionContext();
    const res = await worker.fetch(await webhook(platform, userId, text), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    inline.push(...(await inlineOf(platform, res)));
  }
  return inline;
}

describe.each(PLATFORMS)('%s', { timeout: 20_000 }, (platform) => {
  it('delivers every reply exactly once and in order through a rate limit, a 500 and a timeout', async () => {
    const county = await createOrg(`送达县${next}`, 'county');
    // Forty townships with long names (in one batch: the admin API adds them one by one).
    await env.DB.batch([
      ...Array.from({ length: 40 }, (_, i) =>
        env.DB.prepare("INSERT INTO orgs (name, kind, parent_id) VALUES (?1, 'township', ?2)").bind(
          `送达县第${i + 1}号很长名字的乡镇人民政府`,
          county,
        ),
      ),
      env.DB.prepare(
        "UPDATE orgs SET path = (SELECT p.path FROM orgs p WHERE p.id = orgs.parent_id) || id || '/' WHERE parent_id = ?1",
      ).bind(county),
    ]);
    // Two supervisors of one county say the same; their long answers take several messages.
    const calm = person(platform);
    await calm.say(`/start ${await invite(county, 'supervisor')}`);
    const hit = person(platform);
    await hit.say(`/start ${await invite(county, 'supervisor')}`);
    const said = ['/start', '/missing', '/missing'];

    const calmBefore = delivered(platform, calm.userId).length;
    const calmInline = await tell(platform, calm.userId, said);
    await drainOutbox();
    const expected = [...calmInline, ...delivered(platform, calm.userId).slice(calmBefore)];
    // Enough parts go through the platform's API for the failures to bite.
    expect(expected.length - calmInline.length).toBeGreaterThanOrEqual(2);

    const hitBefore = delivered(platform, hit.userId).length;
    fake.failNext({ status: 429, retryAfter: 100 }, { status: 500 }, 'timeout');
    const tried = fake.attempts();
    const t0 = Date.now();
    const hitInline = await tell(platform, hit.userId, said);
    // The webhooks answered without calling the platform: their answers do not wait on its API.
    expect(fake.attempts()).toBe(tried);
    await drainOutbox(after(t0, 1)); // 429: the platform asks for 100 s
    expect(fake.attempts()).toBe(tried + 1);
    await drainOutbox(after(t0, 60)); // not before the 100 s it asked for
    expect(fake.attempts()).toBe(tried + 1);
    await drainOutbox(after(t0, 102)); // 500: tried again after a backoff
    expect(fake.attempts()).toBe(tried + 2);
    await drainOutbox(after(t0, 120)); // no answer in time
    expect(fake.attempts()).toBe(tried + 3);
    await drainOutbox(after(t0, 300)); // through
    expect([...hitInline, ...delivered(platform, hit.userId).slice(hitBefore)]).toEqual(expected);
    expect(await outbox(`chat_id = '${hit.userId}' AND status <> 'sent'`)).toEqual([]);
  });
});

/** Runs one queue job through the Worker's queue handler; answers what it enqueued again. */
async function runJob(job: Job): Promise<{ requeued: Job[]; retried: number }> {
  const queue = heldQueue();
  const batch = createMessageBatch('nianbao-outbox', [
    { id: `job-${++next}`, timestamp: new Date(), attempts: 1, body: job },
  ]);
  const ctx = createExecutionContext();
  await worker.queue!(batch as MessageBatch<Job>, { ...env, OUTBOX: queue.binding }, ctx);
  const result = await getQueueResult(batch, ctx);
  return { requeued: queue.jobs, retried: result.retryMessages.length };
}

/** The cron at a time (the outbox sweep's own trigger unless told otherwise); answers what it enqueued. */
async function cron(at: Date, which = env.SWEEP_CRON, db = env.DB): Promise<Job[]> {
  const queue = heldQueue();
  const ctx = createExecutionContext();
  await worker.scheduled!(
    createScheduledController({ scheduledTime: at.getTime(), cron: which }),
    { ...env, DB: db, OUTBOX: queue.binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return queue.jobs;
}

describe('a queue message that never arrives', () => {
  it.each(PLATFORMS)(
    '%s: the cron sweep finds the unsent reply and the queue delivers it once',
    async (platform) => {
      const county = await createOrg(`掉线县${++next}`, 'county');
      const chat = person(platform);
      await chat.say(`/start ${await invite(county, 'supervisor')}`);
      const seen = delivered(platform, chat.userId).length;
      // The Worker stops after its batch committed and before the queue got the message.
      const lost = {
        send: async () => Promise.reject(new Error('worker stopped')),
        sendBatch: async () => Promise.reject(new Error('worker stopped')),
      } as unknown as Queue;
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        await webhook(platform, chat.userId, '/start'),
        { ...env, OUTBOX: lost },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(200);
      const [waiting] = await outbox(`chat_id = '${chat.userId}' AND status = 'pending'`);
      if (platform === 'wecom') {
        // WeCom's passive reply carried the whole answer: nothing was left to lose.
        expect(waiting).toBeUndefined();
        return;
      }
      expect(waiting).toBeDefined();
      // Within the minute it may still be on its way: the sweep leaves it.
      expect(await cron(new Date())).toEqual([]);
      const jobs = await cron(new Date(Date.now() + 61_000));
      expect(jobs).toContainEqual({ type: 'deliver', ids: expect.arrayContaining([waiting!.id]) });
      for (const job of jobs) await runJob(job);
      expect(delivered(platform, chat.userId).length).toBeGreaterThan(seen);
      const after = delivered(platform, chat.userId).length;
      // Swept again, and the job run twice: nothing is sent twice.
      for (const job of [...(await cron(new Date(Date.now() + 122_000))), ...jobs]) await runJob(job);
      expect(delivered(platform, chat.userId).length).toBe(after);
      expect(await outbox(`chat_id = '${chat.userId}' AND status <> 'sent'`)).toEqual([]);
    },
  );
});

describe('the queue handler', () => {
  it('enqueues a delivery again for its backoff, and marks a message failed after the last attempt', async () => {
    const county = await createOrg(`失败县${++next}`, 'county');
    const chat = person('telegram');
    await chat.say(`/start ${await invite(county, 'supervisor')}`);
    fake.failNext(...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 500 }) as const));
    await tell('telegram', chat.userId, ['/start']);
    const [row] = await outbox(`chat_id = '${chat.userId}' AND status = 'pending'`);
    const first = await runJob({ type: 'deliver', ids: [row!.id] });
    // Tried once, refused: the same job comes back after the backoff.
    expect(first.requeued).toEqual([{ type: 'deliver', ids: [row!.id] }]);
    expect((await outbox(`id = ${row!.id}`))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    // The remaining attempts, each once its backoff has passed.
    for (let i = 2, t = Date.now(); i <= MAX_ATTEMPTS; i++) {
      t += 3 * 3600_000;
      await drainOutbox(() => new Date(t));
    }
    const [failed] = await outbox(`id = ${row!.id}`);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, purpose: 'reply' });
    expect(failed!.last_error).toContain('500');
    // The next message to the chat is not held back by one that failed.
    const [help] = await chat.say('帮助');
    expect(help!.text).toContain('可用的命令');

    // The supervisor sees it on the dashboard, and sends it again from there.
    const [link] = await chat.say('/dashboard');
    const path = link!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
    const page = await (await call(path)).text();
    expect(page).toContain(DASHBOARD_COPY.failed.title(1));
    expect(page).toContain(DASHBOARD_COPY.failed.purposes.reply);
    const seen = delivered('telegram', chat.userId).length;
    const resent = await call(`${path}/outbox/${row!.id}/resend`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      redirect: 'manual',
    });
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toContain('resent=1');
    expect((await outbox(`id = ${row!.id}`))[0]!.status).toBe('sent');
    expect(delivered('telegram', chat.userId).length).toBeGreaterThan(seen);
    expect(await (await call(path)).text()).not.toContain(DASHBOARD_COPY.failed.title(1));
    // Sent already: a second press changes nothing, and says so.
    const again = await call(`${path}/outbox/${row!.id}/resend`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      redirect: 'manual',
    });
    expect(again.headers.get('location')).toContain('resent=0');
  });
});

describe('a stranger flooding the webhook', () => {
  it.each(['telegram', 'wecom', 'feishu'] as const)(
    '%s: stores nothing and costs one D1 query per message',
    async (platform) => {
      const tables = ['inbound_events', 'chat_sessions', 'identities', 'outbox', 'request_nonces'];
      const count = async () =>
        Promise.all(
          tables.map(
            async (t) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n,
          ),
        );
      const before = await count();
      for (let i = 0; i < 30; i++) {
        const { db, counter } = countingDb(env.DB);
        const id =
          platform === 'telegram'
            ? String(900_000 + ++next)
            : platform === 'wecom'
              ? `wxstranger${++next}`
              : `ou_stranger${++next}`;
        const ctx = createExecutionContext();
        const res = await worker.fetch(
          await webhook(platform, id, `第 ${i} 条消息`),
          { ...env, DB: db },
          ctx,
        );
        await waitOnExecutionContext(ctx);
        expect(res.status).toBe(200);
        expect(counter.queries).toBe(1);
      }
      expect(await count()).toEqual(before);
    },
  );
});

describe('the sweep, every few minutes all season', () => {
  it('reads the messages still waiting, never the sent ones the outbox keeps', async () => {
    const sent = 20_000;
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO outbox (platform, chat_id, payload, purpose, status, created_at, sent_at)
       SELECT 'telegram', 'sent' || i, '[]', 'reminder', 'sent', ?2, ?2 FROM n`,
    )
      .bind(sent, new Date(Date.now() - 3_600_000).toISOString())
      .run();
    const stray = await env.DB.prepare(
      `INSERT INTO outbox (platform, chat_id, payload, purpose, created_at)
       VALUES ('telegram', 'stray', '[]', 'reminder', ?1) RETURNING id`,
    )
      .bind(new Date(Date.now() - 120_000).toISOString())
      .first<{ id: number }>();
    await cron(new Date());
    const { db, counter } = countingDb(env.DB);
    const jobs = await cron(new Date(), env.SWEEP_CRON, db);
    expect(jobs).toContainEqual({ type: 'deliver', ids: expect.arrayContaining([stray!.id]) });
    expect(counter.rowsRead).toBeLessThan(1_000);
    // So does the administrator's list of the messages waiting or failed.
    for (const status of ['pending', 'failed']) {
      const listed = countingDb(env.DB);
      const res = await worker.fetch(
        new Request(`${ORIGIN}/api/admin/outbox?status=${status}`, { headers: ADMIN }),
        { ...env, DB: listed.db },
        createExecutionContext(),
      );
      const { posts } = (await res.json()) as { posts: { id: number; status: string }[] };
      expect(posts.every((p) => p.status === status)).toBe(true);
      if (status === 'pending') expect(posts.map((p) => p.id)).toContain(stray!.id);
      expect(listed.counter.rowsRead, status).toBeLessThan(1_000);
    }
  });

  it('forgets handled events and who was reminded after a week, and keeps those of the week', async () => {
    const county = await createOrg(`记事县${++next}`, 'county');
    const chat = new TgChat(String(930_000 + next), fake);
    await chat.say(`/start ${await invite(county, 'supervisor')}`);
    await chat.say('/status');
    const person = await env.DB.prepare(
      "SELECT person_id FROM identities WHERE platform = 'telegram' AND user_id = ?1",
    )
      .bind(chat.userId)
      .first<{ person_id: number }>();
    await env.DB.prepare(
      "INSERT INTO reminders_sent (person_id, day, kind) VALUES (?1, '2026-11-30', 'supervisor')",
    )
      .bind(person!.person_id)
      .run();
    const count = async (table: string) =>
      (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
    const [events, reminded] = [await count('inbound_events'), await count('reminders_sent')];
    expect(events).toBeGreaterThanOrEqual(2);
    expect(reminded).toBeGreaterThanOrEqual(1);
    // Six days on, every event is still there to stop a late re-delivery.
    await cron(new Date(Date.now() + 6 * 86_400_000));
    expect([await count('inbound_events'), await count('reminders_sent')]).toEqual([events, reminded]);
    // Eight days on, they are forgotten.
    await cron(new Date(Date.now() + 8 * 86_400_000));
    expect([await count('inbound_events'), await count('reminders_sent')]).toEqual([0, 0]);
  });

  it('forgets sent messages after 30 days, 10,000 a trigger, and keeps the failed and the waiting', async () => {
    const now = new Date().toISOString();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 15000)
       INSERT INTO outbox (platform, chat_id, payload, purpose, status, created_at)
       SELECT 'telegram', 'old' || i, '[]', 'reminder', CASE i % 5000 WHEN 7 THEN 'failed' WHEN 9 THEN 'pending' ELSE 'sent' END, ?1
       FROM n`,
    )
      .bind(now)
      .run();
    const count = async (status: string) =>
      (await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE status = ?1')
        .bind(status)
        .first<{ n: number }>())!.n;
    const [sent, failed, pending] = [await count('sent'), await count('failed'), await count('pending')];
    expect(sent).toBeGreaterThan(14_000);
    // A month on: at most 10,000 go at each trigger, so no invocation reads the whole outbox.
    const month = Date.now() + 31 * 86_400_000;
    const { db, counter } = countingDb(env.DB);
    await cron(new Date(month), env.SWEEP_CRON, db);
    const forgotten = sent - (await count('sent'));
    expect(forgotten).toBeLessThanOrEqual(10_000);
    expect(forgotten).toBeGreaterThan(9_990);
    // D1 counts a deleted row as read twice (found, then removed); the outbox holds three times that.
    expect(counter.rowsRead).toBeLessThan(2 * 10_000 + 1_000);
    expect(sent + failed + pending).toBeGreaterThan((3 * (2 * 10_000 + 1_000)) / 2);
    // One trigger every five minutes, as many as it takes.
    for (let k = 1; k < Math.ceil(sent / 10_000); k++) await cron(new Date(month + k * 300_000));
    expect(await count('sent')).toBe(0);
    expect(await count('failed')).toBe(failed);
    expect(await count('pending')).toBe(pending);
  });
});
