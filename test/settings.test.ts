// Settings checked before anyone types: /healthz names what is missing or malformed (never a value),
// a platform set up by half is refused at its webhook, weak or example secrets are refused outside
// DEV_MODE, and a missing LINK_SECRET never loses a submission.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_COPY, HOOK_COPY } from '../src/chat/copy';
import worker from '../src/index';
import { checkSettings, SETTINGS } from '../src/lib/settings';
import { NOTICE_COPY } from '../src/services/copy';
import { signLink } from '../src/services/links';
import { FORM_2021 as F } from '../forms/report-2021';
import { emptyReport } from '../forms/model';
import { fillTotals } from '../src/engine/compute';
import { county, getReport, invite, putReport } from './helpers/admin';
import { installFakeTelegram, Person, pressUpdate, SECRET, sentTo, textUpdate } from './helpers/telegram';
import { drainOutbox, ORIGIN } from './worker';

/** A request to the Worker with some settings changed (or removed). */
async function withSettings(changes: Partial<Record<keyof Env, string>>, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(ORIGIN + path, init), { ...env, ...changes }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('/healthz', () => {
  it('is 200 with every setting in place, and names each platform ready', async () => {
    const res = await withSettings({}, '/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReturnType<typeof checkSettings>;
    expect(body.ok).toBe(true);
    expect(Object.values(body.platforms).map((p) => p.state)).toEqual(['ready', 'ready', 'ready', 'ready']);
  });

  it('is 503 naming a missing LINK_SECRET, a weak ADMIN_TOKEN and a missing PUBLIC_BASE_URL, never their values', async () => {
    const res = await withSettings(
      { LINK_SECRET: '', ADMIN_TOKEN: 'short-token', PUBLIC_BASE_URL: '' },
      '/healthz',
    );
    expect(res.status).toBe(503);
    const text = await res.text();
    const body = JSON.parse(text) as ReturnType<typeof checkSettings>;
    expect(body.core.map((p) => p.name).sort()).toEqual(['ADMIN_TOKEN', 'LINK_SECRET', 'PUBLIC_BASE_URL']);
    expect(body.core.find((p) => p.name === 'LINK_SECRET')!.problem).toBe('missing');
    expect(body.core.find((p) => p.name === 'ADMIN_TOKEN')!.problem).toContain('太短');
    expect(text).not.toContain('short-token');
  });

  it('is 503 for a platform set up by half, and names the missing setting', async () => {
    const res = await withSettings({ WECOM_SECRET: '' }, '/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as ReturnType<typeof checkSettings>;
    expect(body.platforms.wecom).toEqual({
      state: 'incomplete',
      problems: [{ name: 'WECOM_SECRET', problem: 'missing' }],
    });
    expect(body.platforms.telegram.state).toBe('ready');
  });

  it('accepts example secrets only in DEV_MODE', async () => {
    const example = { LINK_SECRET: 'dev-link-secret-change-me', ADMIN_TOKEN: 'dev-admin-token' };
    expect((await withSettings(example, '/healthz')).status).toBe(503);
    expect((await withSettings({ ...example, DEV_MODE: '1' }, '/healthz')).status).toBe(200);
  });

  it('never shows a value, whatever the values are', () => {
    const names = SETTINGS.map((s) => s.name);
    // Values unlike any word of the report itself, so finding one in it could only be a leak.
    const value = fc.stringMatching(/^[A-Za-z0-9 _:/.=-]{4,60}$/).map((v) => `v4lue${v}`);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 12 }), (values) => {
        const shown = JSON.stringify(checkSettings({ ...env, ...values }));
        for (const v of Object.values(values)) expect(shown).not.toContain(v);
      }),
    );
  });
});

describe('webhooks of a platform set up by half', () => {
  it.each([
    ['telegram', { TELEGRAM_BOT_TOKEN: '' }],
    ['wecom', { WECOM_AGENT_ID: '' }],
    ['dingtalk', { DINGTALK_ROBOT_CODE: '' }],
    ['feishu', { FEISHU_APP_SECRET: '' }],
  ] as const)('%s answers 503 with a clear reason and stores nothing', async (platform, missing) => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM inbound_events').first<{ n: number }>();
    const res = await withSettings(missing, `/hooks/${platform}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(textUpdate(1, '/start')),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain('设置不完整');
    const after = await env.DB.prepare('SELECT count(*) AS n FROM inbound_events').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it('turns away WeCom’s address check as well', async () => {
    const res = await withSettings(
      { WECOM_TOKEN: '' },
      '/hooks/wecom?msg_signature=a&timestamp=1&nonce=2&echostr=x',
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe(HOOK_COPY.notConfigured('企业微信'));
  });
});

describe('signed links', () => {
  it('refuse to open with a weak LINK_SECRET outside DEV_MODE, even a link signed with it', async () => {
    const weak = 'dev-link-secret-change-me';
    const token = await signLink(weak, { k: 'r', r: 1, v: 1 }, 3600, new Date());
    const res = await withSettings({ LINK_SECRET: weak }, `/r/${token}`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('系统设置不完整');
  });

  it('are never made under the request’s Host outside DEV_MODE', async () => {
    let fake = installFakeTelegram();
    try {
      const { ids } = await county(['链接镇']);
      const official = new Person(880_001, fake);
      await official.say(`/start ${await invite(ids['链接镇']!)}`);
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request('https://attacker.example/hooks/telegram', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
          body: JSON.stringify(textUpdate(official.userId, '/link')),
        }),
        { ...env, PUBLIC_BASE_URL: '' },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      const text = ((await res.json()) as { text: string }).text;
      expect(text).not.toContain('attacker.example');
      expect(text).toContain(NOTICE_COPY.linkUnavailable);
    } finally {
      fake.restore();
    }
  });
});

describe('a submission without LINK_SECRET', () => {
  let fake: ReturnType<typeof installFakeTelegram>;
  beforeEach(() => {
    fake = installFakeTelegram();
  });
  afterEach(() => fake.restore());

  it('is stored as submitted, and the official and the supervisor are told plainly', async () => {
    const { countyId, ids } = await county(['无钥镇']);
    const supervisor = new Person(880_010, fake);
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    const official = new Person(880_011, fake);
    await official.say(`/start ${await invite(ids['无钥镇']!)}`);
    const r = emptyReport(F, { name: '无钥镇', kind: 'township' }, 2025);
    for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
      r.s1[p] = '已开展。';
    r.s5 = '无';
    r.s6 = '本年度，本机关未收取信息处理费。';
    expect((await putReport(ids['无钥镇']!, 2025, fillTotals(F, r))).status).toBe(200);
    await official.say('/reopen 2025');
    const review = await official.last('/submit');
    expect(review.text).toContain('确认提交');

    // The secret is gone when the official confirms.
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/hooks/telegram`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(pressUpdate(official.userId, '确认提交')),
      }),
      { ...env, LINK_SECRET: '' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    await drainOutbox();
    const answer = ((await res.json()) as { text: string }).text;
    expect(answer).toContain('2025 年度报告已提交');
    expect(answer).toContain(NOTICE_COPY.linkUnavailable);
    expect((await getReport(ids['无钥镇']!, 2025)).status).toBe('submitted');
    const told = sentTo(fake, supervisor.userId).at(-1)!;
    expect(told).toContain('【报告已提交】');
    expect(told).toContain(NOTICE_COPY.linkUnavailable);
    expect(CHAT_COPY.submitted('无钥镇', 2025, NOTICE_COPY.linkUnavailable, 1)).toContain('已通知 1 位上级');
  });
});
