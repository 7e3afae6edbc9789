// Re-deliveries, races, refusals and the cost of a chat update, through the Worker with real D1.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import worker from '../src/index';
import { county, getReport, invite } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import {
  installFakeTelegram,
  nextUpdateId,
  Person,
  postUpdate,
  pressUpdate,
  SECRET,
  sentTo,
  textUpdate,
} from './helpers/telegram';
import { ORIGIN } from './worker';
import { CHAT_COPY } from '../src/chat/copy';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 7000;

async function count(sql: string, ...args: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>();
  return row!.n;
}

/** An official of a new township, filling the 2025 report and standing at the first number question. */
async function officialAtNumbers() {
  const { ids } = await county(['并发镇']);
  const orgId = ids['并发镇']!;
  const official = new Person(++nextUser, fake);
  await official.say(`/start ${await invite(orgId)}`);
  await official.say('/fill 2025');
  await official.say('/edit 二');
  return { official, orgId };
}

describe('re-delivered updates', () => {
  it('a sequential re-delivery changes nothing and sends nothing', async () => {
    const { official, orgId } = await officialAtNumbers();
    const update = textUpdate(official.userId, '3');
    const first = await postUpdate(update);
    expect(((await first.json()) as { text: string }).text).toContain('本年废止件数');
    const before = fake.sent.length;
    const revisions = await count(
      'SELECT count(*) AS n FROM revisions r JOIN reports p ON p.id = r.report_id WHERE p.org_id = ?1',
      orgId,
    );
    const again = await postUpdate(update);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({});
    expect(fake.sent.length).toBe(before);
    expect(
      await count(
        'SELECT count(*) AS n FROM revisions r JOIN reports p ON p.id = r.report_id WHERE p.org_id = ?1',
        orgId,
      ),
    ).toBe(revisions);
    expect((await getReport(orgId, 2025)).report.s2.normativeDocs.issued).toBe(3);
  });

  it('concurrent copies of one update are stored once and answered once', async () => {
    const { official, orgId } = await officialAtNumbers();
    const update = pressUpdate(official.userId, '0');
    const before = fake.sent.length;
    const versionBefore = (await getReport(orgId, 2025)).version;
    const bodies = await Promise.all(
      [1, 2, 3, 4].map(() => postUpdate(update).then((r) => r.json() as Promise<Record<string, unknown>>)),
    );
    const answered = bodies.filter((b) => b.method === 'sendMessage');
    expect(answered).toHaveLength(1);
    // One answerCallbackQuery for the press, no other message.
    expect(fake.sent.slice(before).map((s) => s.method)).toEqual(['answerCallbackQuery']);
    expect((await getReport(orgId, 2025)).version).toBe(versionBefore + 1);
    expect(
      await count(
        "SELECT count(*) AS n FROM inbound_events WHERE platform = 'telegram' AND event_id = ?1",
        String(update.update_id),
      ),
    ).toBe(1);
  });

  it('two different messages racing for one report both land', async () => {
    const { official, orgId } = await officialAtNumbers();
    await official.say('/edit 一');
    await Promise.all([
      postUpdate(textUpdate(official.userId, '第一段')),
      postUpdate(textUpdate(official.userId, '第二段')),
    ]);
    const text = (await getReport(orgId, 2025)).report.s1.proactive;
    expect(text.split('\n').sort()).toEqual(['第一段', '第二段']);
  });
});

describe('refusals: nothing stored', () => {
  const events = () => count('SELECT count(*) AS n FROM inbound_events');
  const sessions = () => count('SELECT count(*) AS n FROM chat_sessions');

  it.each([
    ['a wrong secret', 'wrong-secret', 401],
    ['no secret', '', 401],
  ])('%s gets %d', async (_, secret, status) => {
    const [e, s] = [await events(), await sessions()];
    const res = await postUpdate(textUpdate(1, '/start X'), secret);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: '签名校验失败，请求被拒绝' });
    expect([await events(), await sessions()]).toEqual([e, s]);
  });

  it('malformed JSON gets 400, a body of 1 MB gets 413', async () => {
    const headers = { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET };
    const e = await events();
    const bad = await worker.fetch(
      new Request(`${ORIGIN}/hooks/telegram`, { method: 'POST', headers, body: '{"update_id": 1, ' }),
      env,
      createExecutionContext(),
    );
    expect(bad.status).toBe(400);
    const big = await worker.fetch(
      new Request(`${ORIGIN}/hooks/telegram`, {
        method: 'POST',
        headers,
        body: JSON.stringify(textUpdate(1, 'x'.repeat(1024 * 1024))),
      }),
      env,
      createExecutionContext(),
    );
    expect(big.status).toBe(413);
    const noId = await postUpdate({ message: { text: 'hi' } });
    expect(noId.status).toBe(400);
    expect(await events()).toBe(e);
  });

  it('an update type the bot does not use is acknowledged and ignored', async () => {
    const e = await events();
    const res = await postUpdate({
      update_id: nextUpdateId(),
      edited_message: { message_id: 1, text: 'x', chat: { id: 1 }, from: { id: 1 } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await events()).toBe(e);
  });

  it('a stranger without an invite is told how to join; nothing is stored', async () => {
    const [e, s] = [await events(), await sessions()];
    const stranger = new Person(++nextUser, fake);
    for (const text of ['你好', '/fill', '/status', '/start NOSUCHCODE', '/start']) {
      const [reply] = await stranger.say(text);
      expect([CHAT_COPY.stranger, CHAT_COPY.inviteUnknown, CHAT_COPY.inviteMissing]).toContain(reply!.text);
    }
    expect([await events(), await sessions()]).toEqual([e, s]);
  });

  it('a group chat is pointed to a private chat, with no link and nothing stored', async () => {
    const { ids } = await county(['群聊镇']);
    const code = await invite(ids['群聊镇']!);
    const [e, s] = [await events(), await sessions()];
    const update = textUpdate(++nextUser, `/start ${code}`);
    (update.message.chat as { type: string }).type = 'group';
    const res = await postUpdate(update);
    expect(((await res.json()) as { text: string }).text).toBe(CHAT_COPY.privateOnly);
    expect([await events(), await sessions()]).toEqual([e, s]);
    // The invite is still unused.
    const person = new Person(nextUser, fake);
    expect((await person.say(`/start ${code}`))[0]!.text).toContain('绑定成功');
  });

  it('an invite works once; an official cannot see another body’s report', async () => {
    const { ids } = await county(['甲镇', '乙镇']);
    const code = await invite(ids['甲镇']!);
    const a = new Person(++nextUser, fake);
    const b = new Person(++nextUser, fake);
    expect((await a.say(`/start ${code.toLowerCase()}`))[0]!.text).toContain('绑定成功');
    expect((await b.say(`/start ${code}`))[0]!.text).toBe(CHAT_COPY.inviteUsed);
    const e = await events();
    const [refusal] = await a.say('/report 乙镇');
    expect(refusal!.text).toBe(CHAT_COPY.supervisorsOnly);
    expect(await events()).toBe(e);
  });
});

describe('cost of a chat update', () => {
  async function trips(update: unknown): Promise<number> {
    const { db, counter } = countingDb(env.DB);
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/hooks/telegram`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(update),
      }),
      { ...env, DB: db },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    return counter.trips;
  }

  it('answering a question costs 2 D1 round trips: one batched read, one batched write', async () => {
    const { official } = await officialAtNumbers();
    expect(await trips(textUpdate(official.userId, '4'))).toBe(2);
    expect(await trips(pressUpdate(official.userId, '0'))).toBe(2);
    expect(await trips(textUpdate(official.userId, '不是数字'))).toBe(2);
    expect(await trips(textUpdate(official.userId, '/back'))).toBe(2);
    await official.say('/edit 一');
    expect(await trips(textUpdate(official.userId, '一段文字'))).toBe(2);
  });
});

describe('supervisor commands', () => {
  it('status, missing, report and invite, scoped to the supervisor’s bodies', async () => {
    const { countyId, ids, tag } = await county(['东镇', '西镇']);
    const supervisor = new Person(++nextUser, fake);
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    const official = new Person(++nextUser, fake);
    await official.say(`/start ${await invite(ids['东镇']!)}`);
    await official.say('/fill');

    let [m] = await supervisor.say('/status');
    expect(m!.text).toContain('共 2 个单位');
    expect(m!.text).toContain('已提交 0 · 填报中 1 · 已退回 0 · 未开始 1');
    expect(m!.text).toContain(`未开始（1）：西镇${tag}`);
    [m] = await supervisor.say('未交');
    expect(m!.text).toContain(`东镇${tag}（填报中 0/170）`);
    expect(m!.text).toContain(`西镇${tag}（未开始）`);
    [m] = await supervisor.say('/report 东镇');
    expect(m!.text).toContain('还没有提交（填报中）');
    [m] = await supervisor.say('/report 北镇');
    expect(m!.text).toBe(CHAT_COPY.reportNotFound('北镇'));
    [m] = await supervisor.say('/invite 西镇');
    const code = m!.text.match(/邀请码：([A-Z0-9]+)/)![1]!;
    const newcomer = new Person(++nextUser, fake);
    expect((await newcomer.say(`/start ${code}`))[0]!.text).toContain(`绑定成功！您是「西镇${tag}」的填报人`);
    expect(sentTo(fake, supervisor.userId).length).toBeGreaterThan(0);
  });
});
