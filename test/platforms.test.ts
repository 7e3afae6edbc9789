// WeCom, DingTalk and Feishu through the same flow as Telegram: one conversation per platform
// compiles the identical report; identities on several platforms share one account; every inbound
// request is verified, and nothing is stored for one that is not.
import { REMIND_CHAT_COPY } from '../src/chat/copy';
import { createExecutionContext, env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { createOrg, getReport, invite } from './helpers/admin';
import { flipLast } from './helpers/forge';
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
  WECOM,
  type Chat,
  type Fake,
} from './helpers/platforms';
import { call, ORIGIN } from './worker';
import worker from '../src/index';
import { isSessionWebhook } from '../src/chat/dingtalk';
import { wxEncrypt, wxKeyBytes, wxSignature } from '../src/chat/crypto/wxcrypt';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

let next = 40000;
const people: Record<string, (id: string) => Chat> = {
  telegram: (id) => new TgChat(id, fake),
  wecom: (id) => new WecomPerson(`wx${id}`, fake),
  dingtalk: (id) => new DingPerson(`ding${id}`, fake),
  feishu: (id) => new LarkPerson(`ou_${id}`, fake),
};
const person = (platform: string) => people[platform]!(String(++next));

const events = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM inbound_events').first<{ n: number }>())!.n;

/** The example township's whole report, from invite to submission, by chat. */
async function walk(chat: Chat, code: string) {
  const last = async (p: Promise<{ text: string }[]>) => (await p).at(-1)!.text;
  expect(await last(chat.say(`/start ${code}`))).toContain('可用的命令');
  expect(await last(chat.say('/fill 2023'))).toContain('（一）主动公开');
  for (const part of Object.values(example.s1)) {
    expect(await last(chat.say(part))).toContain('已记下');
    await chat.press('下一项');
  }
  expect(await last(chat.press('本节其余为0'))).toContain('本年是否收到政府信息公开申请');
  await chat.press('否');
  expect(await last(chat.press('否'))).toContain('【五、存在的主要问题及改进情况】');
  await chat.say(example.s5);
  await chat.press('下一项');
  await chat.say(example.s6);
  expect(await last(chat.press('下一项'))).toContain('汇总');
  expect(await last(chat.press('/submit'))).toContain('提交前请核对以下提醒');
  expect(await last(chat.press('确认提交'))).toContain('2023 年度报告已提交');
}

describe('one conversation on every platform', () => {
  it.each(['telegram', 'wecom', 'dingtalk', 'feishu'])(
    '%s compiles the identical report',
    async (platform) => {
      const countyId = await createOrg(`${platform}县${Date.now()}`, 'county');
      const townId = await createOrg('汤阴县白营镇政府', 'township', countyId);
      const supervisor = person(platform);
      await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
      const official = person(platform);
      await walk(official, await invite(townId));
      expect(official.sentCount).toBeLessThanOrEqual(30);
      expect((await getReport(townId, 2023)).report).toEqual(example);
      if (platform !== 'telegram') expect(supervisor.pushed().at(-1)).toContain('【报告已提交】');
    },
  );
});

describe('one account on several platforms', () => {
  it('binds with a personal code and continues the same draft elsewhere', async () => {
    const countyId = await createOrg(`多平台县${Date.now()}`, 'county');
    const townId = await createOrg('多平台镇', 'township', countyId);
    const tg = person('telegram');
    await tg.say(`/start ${await invite(townId)}`);
    await tg.say('/fill 2025');
    await tg.say('在 Telegram 上写的第一部分');
    await tg.press('下一项');
    const [bind] = await tg.say('/bind');
    const code = bind!.text.match(/绑定码：([A-Z0-9]+)/)![1]!;
    for (const platform of ['wecom', 'dingtalk', 'feishu']) {
      const other = person(platform);
      const joined = await other.say(`/start ${code}`);
      if (platform === 'wecom') {
        expect(joined[0]!.text).toContain('绑定成功！您是「多平台镇」的填报人');
        const resumed = await other.say('/fill 2025');
        expect(resumed.at(-1)!.text).toContain('（二）依申请公开');
        await other.say('在企业微信上写的第二部分');
        await other.press('下一项');
        const [again] = await other.say('/bind');
        const nextCode = again!.text.match(/绑定码：([A-Z0-9]+)/)![1]!;
        expect(nextCode).not.toBe(code);
        continue;
      }
      // A personal code is single use: the other platforms need their own.
      expect(joined[0]!.text).toBe('这个邀请码已经用过了。每个邀请码只能用一次，请向上级重新索取。');
    }
    const report = (await getReport(townId, 2025)).report;
    expect(report.s1.proactive).toBe('在 Telegram 上写的第一部分');
    expect(report.s1.onRequest).toBe('在企业微信上写的第二部分');
    const { results } = await env.DB.prepare(
      'SELECT platform FROM identities WHERE person_id = (SELECT person_id FROM identities WHERE platform = ?1 AND user_id = ?2) ORDER BY platform',
    )
      .bind('telegram', tg.userId)
      .all<{ platform: string }>();
    expect(results.map((r) => r.platform)).toEqual(['telegram', 'wecom']);
  });
});

describe('WeCom', () => {
  it('answers the URL verification with the decrypted echostr', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const echostr = await wxEncrypt(wxKeyBytes(WECOM.aesKey)!, '6524815703915917', WECOM.corpId);
    const sig = await wxSignature(WECOM.token, ts, '123', echostr);
    const res = await call(
      `/hooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=123&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('6524815703915917');
    const bad = await call(
      `/hooks/wecom?msg_signature=${flipLast(sig)}&timestamp=${ts}&nonce=123&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(bad.status).toBe(401);
  });

  it('stores a re-delivered message (same MsgId) once and answers it once', async () => {
    const chat = new WecomPerson(`wx${++next}`, fake);
    const countyId = await createOrg(`重发县${Date.now()}`, 'county');
    await chat.say(`/start ${await invite(countyId, 'supervisor')}`);
    const { path, body } = await wecomEnvelope(chat.userId, '/help', { msgId: 'dup-1' });
    const first = await call(path, { method: 'POST', body });
    expect(await first.text()).toContain('<Encrypt>');
    const before = await events();
    const again = await call(path, { method: 'POST', body });
    expect(await again.text()).toBe('success');
    expect(await events()).toBe(before);
  });

  it.each([
    [
      'a wrong signature',
      async () => {
        const e = await wecomEnvelope('u1', 'hi');
        return {
          path: e.path.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'0'.repeat(40)}`),
          body: e.body,
        };
      },
      401,
    ],
    ['an old timestamp', () => wecomEnvelope('u1', 'hi', { ts: Math.floor(Date.now() / 1000) - 7200 }), 401],
    ['another corp’s receive id', () => wecomEnvelope('u1', 'hi', { corpId: 'wwsomeoneelse' }), 401],
    [
      'malformed XML',
      async () => ({ path: '/hooks/wecom?msg_signature=x&timestamp=1&nonce=1', body: '<xml><Encrypt>' }),
      400,
    ],
    [
      'no signature',
      async () => ({ path: '/hooks/wecom', body: (await wecomEnvelope('u1', 'hi')).body }),
      401,
    ],
  ] as const)('refuses %s, storing nothing', async (_, make, status) => {
    const before = await events();
    const { path, body } = await make();
    const res = await call(path, { method: 'POST', body });
    expect(res.status).toBe(status);
    expect(await events()).toBe(before);
  });

  it('refuses truncated or garbled ciphertext that is correctly signed', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    for (const encrypted of [
      'AAAA',
      'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMw=',
      '!!!',
    ]) {
      const sig = await wxSignature(WECOM.token, ts, '9', encrypted);
      const res = await call(`/hooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=9`, {
        method: 'POST',
        body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      });
      expect([400, 401]).toContain(res.status);
    }
  });

  it('sends notifications through message/send with one cached access token', async () => {
    const countyId = await createOrg(`通知县${Date.now()}`, 'county');
    const townId = await createOrg('通知镇', 'township', countyId);
    const supervisor = new WecomPerson(`wx${++next}`, fake);
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    for (const name of ['一', '二']) {
      const org = await createOrg(`通知${name}镇`, 'township', countyId);
      await call(`/api/admin/reports/${org}/2023`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          Authorization: 'Bearer test-admin-token-for-the-worker-tests-0001',
        },
        body: JSON.stringify({ ...example, org: { name: `通知${name}镇` } }),
      });
    }
    void townId;
    await env.CACHE.delete(`wecom:token:${WECOM.corpId}:1000002`);
    const before = fake.sent.filter((s) => s.path.includes('/gettoken')).length;
    const [m] = await supervisor.say('/remind');
    expect(m!.text).toBe(REMIND_CHAT_COPY.nobodyBound);
    const official = new WecomPerson(`wx${++next}`, fake);
    await official.say(`/start ${await invite(townId)}`);
    await supervisor.say('/remind');
    await supervisor.say('/dashboard');
    expect(official.pushed().at(-1)).toContain('【年报提醒】');
    expect(fake.sent.filter((s) => s.path.includes('/gettoken')).length - before).toBe(1);
  });
});

describe('DingTalk', () => {
  it.each([
    ['a wrong sign', () => dingRequest('u1', 'hi', { secret: 'wrong' }), 401],
    ['a timestamp two hours old', () => dingRequest('u1', 'hi', { ts: Date.now() - 7_200_000 }), 401],
    ['malformed JSON', async () => ({ ...(await dingRequest('u1', 'hi')), body: '{"msgId":' }), 400],
    ['no msgId', async () => ({ ...(await dingRequest('u1', 'hi')), body: '{"text":{"content":"x"}}' }), 400],
  ] as const)('refuses %s, storing nothing', async (_, make, status) => {
    const before = await events();
    const res = await call('/hooks/dingtalk', { method: 'POST', ...(await make()) });
    expect(res.status).toBe(status);
    expect(await events()).toBe(before);
  });

  it('de-duplicates by msgId and never posts to a sessionWebhook outside DingTalk', async () => {
    const chat = new DingPerson(`ding${++next}`, fake);
    const countyId = await createOrg(`钉钉县${Date.now()}`, 'county');
    await chat.say(`/start ${await invite(countyId, 'supervisor')}`);
    const req = await dingRequest(chat.userId, '/help', { msgId: `dup${next}` });
    await call('/hooks/dingtalk', { method: 'POST', ...req });
    const before = fake.sent.length;
    // The same signed headers again (a replay, or the same message re-sent): refused, nothing sent.
    expect((await call('/hooks/dingtalk', { method: 'POST', ...req })).status).toBe(401);
    expect(fake.sent.length).toBe(before);
    // The same msgId under fresh headers: recorded once already, so nothing is sent either.
    const again = await dingRequest(chat.userId, '/help', { msgId: `dup${next}` });
    expect((await call('/hooks/dingtalk', { method: 'POST', ...again })).status).toBe(200);
    expect(fake.sent.length).toBe(before);
    const evil = await dingRequest(chat.userId, '/help');
    const body = JSON.parse(evil.body);
    body.sessionWebhook = 'http://ding-session.fake.evil.fake/robot/sendBySession?session=x';
    await call('/hooks/dingtalk', { method: 'POST', headers: evil.headers, body: JSON.stringify(body) });
    expect(fake.sent.some((s) => s.host.includes('evil'))).toBe(false);
    expect(fake.sent.at(-1)!.path).toContain('/oToMessages/batchSend');
  });
});

describe('DingTalk session webhooks', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/sendBySession?session=abc', true],
    ['https://oapi.dingtalk.com/robot/send?access_token=attacker', false],
    ['https://oapi.dingtalk.com.evil.example/robot/sendBySession?session=abc', false],
    ['https://user:pw@oapi.dingtalk.com/robot/sendBySession', false],
    ['http://oapi.dingtalk.com/robot/sendBySession?session=abc', false],
    ['not a url', false],
  ])('%s → %s', (hook, ok) => {
    expect(isSessionWebhook(hook, 'https://oapi.dingtalk.com')).toBe(ok);
  });
});

describe('Feishu', () => {
  it('answers url_verification, plain-token checked and encrypted', async () => {
    const enc = await larkRequest(
      { challenge: 'ajls384kdj', token: 'test-feishu-token', type: 'url_verification' },
      { signed: false },
    );
    const res = await call('/hooks/feishu', { method: 'POST', ...enc });
    expect(await res.json()).toEqual({ challenge: 'ajls384kdj' });
    const wrong = await larkRequest(
      { challenge: 'x', token: 'nope', type: 'url_verification' },
      { signed: false },
    );
    expect((await call('/hooks/feishu', { method: 'POST', ...wrong })).status).toBe(401);
  });

  it('without an Encrypt Key: answers the plain url_verification, and checks the token of plain events', async () => {
    const plainEnv = { ...env, FEISHU_ENCRYPT_KEY: '' };
    const post = (body: unknown) =>
      worker.fetch(
        new Request(`${ORIGIN}/hooks/feishu`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
        plainEnv,
        createExecutionContext(),
      );
    const ok = await post({ challenge: 'ajls384kdj', token: 'test-feishu-token', type: 'url_verification' });
    expect(await ok.json()).toEqual({ challenge: 'ajls384kdj' });
    expect((await post({ challenge: 'x', token: 'xxxxxx', type: 'url_verification' })).status).toBe(401);
    const before = await events();
    expect(
      (
        await post({
          ...larkText('ou_plain', 'hi'),
          header: { ...larkText('ou_plain', 'hi').header, token: 'wrong' },
        })
      ).status,
    ).toBe(401);
    expect(await events()).toBe(before);
  });

  it.each([
    ['an unsigned event', () => larkRequest(larkText('ou_x', 'hi'), { signed: false }), 401],
    [
      'an old timestamp',
      () => larkRequest(larkText('ou_x', 'hi'), { ts: Math.floor(Date.now() / 1000) - 7200 }),
      401,
    ],
    ['another encrypt key', () => larkRequest(larkText('ou_x', 'hi'), { encryptKey: 'other key' }), 400],
    [
      'a plain body',
      async () => ({
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(larkText('ou_x', 'hi')),
      }),
      401,
    ],
    [
      'malformed JSON',
      async () => ({ headers: { 'Content-Type': 'application/json' }, body: '{"encrypt":' }),
      400,
    ],
  ] as const)('refuses %s, storing nothing', async (_, make, status) => {
    const before = await events();
    const res = await call('/hooks/feishu', { method: 'POST', ...(await make()) });
    expect(res.status).toBe(status);
    expect(await events()).toBe(before);
  });

  it('de-duplicates by event_id', async () => {
    const chat = new LarkPerson(`ou_${++next}`, fake);
    const countyId = await createOrg(`飞书县${Date.now()}`, 'county');
    await chat.say(`/start ${await invite(countyId, 'supervisor')}`);
    const event = larkText(chat.userId, '/help', `evdup${next}`);
    await call('/hooks/feishu', { method: 'POST', ...(await larkRequest(event)) });
    const before = fake.sent.length;
    await call('/hooks/feishu', { method: 'POST', ...(await larkRequest(event)) });
    expect(fake.sent.length).toBe(before);
  });
});

describe('fuzz: whatever arrives, a 4xx or an acknowledgement, never a 500, nothing stored', () => {
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.json({ maxDepth: 3 }),
    fc.constant('<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>'),
  );
  const headers = fc.dictionary(
    fc.constantFrom(
      'timestamp',
      'sign',
      'X-Lark-Signature',
      'X-Lark-Request-Timestamp',
      'X-Lark-Request-Nonce',
      'X-Telegram-Bot-Api-Secret-Token',
    ),
    fc.string({ maxLength: 60 }),
  );
  const query = fc.record({
    msg_signature: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), maxLength: 40 }),
    timestamp: fc.nat().map(String),
    nonce: fc.nat().map(String),
  });

  it.each(['telegram', 'wecom', 'dingtalk', 'feishu'])(
    '%s',
    async (platform) => {
      const before = await events();
      await fc.assert(
        fc.asyncProperty(body, headers, query, async (b, h, q) => {
          const res = await call(`/hooks/${platform}?${new URLSearchParams(q)}`, {
            method: 'POST',
            headers: h,
            body: b,
          });
          expect(res.status).toBeLessThan(500);
          expect([200, 400, 401, 413]).toContain(res.status);
        }),
        { numRuns: 60 },
      );
      expect(await events()).toBe(before);
      // 60 full requests through the Worker: bounded by count, not by the machine's speed.
    },
    60_000,
  );
});
