// The local chat page and its fake Bot API exist only in DEV_MODE.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { ORIGIN } from './worker';

const devEnv = { ...env, DEV_MODE: '1' };
const get = (path: string, e: Env = devEnv) =>
  worker.fetch(new Request(ORIGIN + path), e, createExecutionContext());

describe('dev pages', () => {
  it('are not served unless DEV_MODE is 1', async () => {
    for (const path of ['/dev/chat', '/dev/outbox?chat=1']) {
      expect((await get(path, env)).status).toBe(404);
    }
  });

  it('keep what the bot sends through the fake Bot API, per chat, in order', async () => {
    const send = (chat: number, text: string) =>
      worker.fetch(
        new Request(`${ORIGIN}/dev/telegram/bot123:abc/sendMessage`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ chat_id: String(chat), text }),
        }),
        devEnv,
        createExecutionContext(),
      );
    expect(await (await send(31, '一')).json()).toMatchObject({ ok: true });
    await send(32, '别人的');
    await send(31, '二');
    const all = (await (await get('/dev/outbox?chat=31')).json()) as {
      id: number;
      message: { text: string };
    }[];
    expect(all.map((m) => m.message.text)).toEqual(['一', '二']);
    const later = (await (await get(`/dev/outbox?chat=31&after=${all[0]!.id}`)).json()) as unknown[];
    expect(later).toHaveLength(1);
  });

  it('serve a chat page offering every platform, without any webhook secret in it', async () => {
    const html = await (await get('/dev/chat')).text();
    expect(html).toContain('年报助手 · 本地聊天测试');
    for (const label of ['Telegram', '企业微信', '钉钉', '飞书'])
      expect(html).toContain(`>${label}</option>`);
    expect(html).not.toContain(env.TELEGRAM_WEBHOOK_SECRET);
    expect(html).toContain("fetch('/dev/simulate/'");
  });

  it('deliver a person’s message as the platform would and show the replies', async () => {
    const res = await worker.fetch(
      new Request(`${ORIGIN}/dev/simulate/telegram`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: '4242', text: '你好' }),
      }),
      devEnv,
      createExecutionContext(),
    );
    const body = (await res.json()) as { status: number; replies: { text: string }[] };
    expect(body.status).toBe(200);
    expect(body.replies[0]!.text).toContain('您还没有绑定单位');
  });
});
