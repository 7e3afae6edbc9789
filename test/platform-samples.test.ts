/// <reference types="vite/client" />
// The platforms' own payload samples (test/fixtures/platforms/<platform>/*, each with its source in a
// comment or `_comment`) replayed against the Worker and the adapters:
// - inbound samples are delivered to /hooks/<platform> as the platform delivers them. WeCom's are
//   signed with the official SDK token and key, which the test settings use too: they are replayed
//   verbatim. DingTalk's and Feishu's secrets differ from the test settings: their own bodies are
//   re-signed (and re-encrypted) with the test settings, and also sent as they are where that shows
//   something (a foreign token is refused, an old timestamp is refused).
// - outbound samples are compared with what the adapter produces for a comparable reply (field names,
//   nesting, required fields, limits); API answers (gettoken, accessToken, tenant_access_token) are
//   fed to the adapter through the fake API, which must accept and cache them.
// - samples of things the product deliberately does not use get a test of the product's behaviour
//   around them (WeCom template cards, DingTalk's custom group robot and event subscription).
//
// Not replayed:
// - wecom/09_group_robot_webhook_text.json: a WeCom group robot (群机器人) is a separate, send-only
//   webhook keyed by its URL; it never calls the Worker, and the product never posts to a group (no
//   drafts or links in groups). WeCom self-built apps, which the product uses, receive no group
//   messages, so there is no WeCom group message to answer with the private-chat pointer either.
//
// Platform APIs are the fakes on *.fake hosts only: any other address fails the test.
import { createExecutionContext, env } from 'cloudflare:test';
import aesjs from 'aes-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import readme from '../README.md?raw';
import worker from '../src/index';
import { platformContext } from '../src/http/hooks';
import { CHAT_COPY, HOOK_COPY } from '../src/chat/copy';
import { dingSign } from '../src/chat/crypto/dingtalk';
import { larkDecrypt } from '../src/chat/crypto/feishu';
import { wxDecrypt, wxEncrypt, wxKeyBytes, wxSignature } from '../src/chat/crypto/wxcrypt';
import { dingtalk, readDingMarkdown } from '../src/chat/dingtalk';
import { feishu, feishuRequest } from '../src/chat/feishu';
import { telegram } from '../src/chat/telegram';
import type { Inbound, Received } from '../src/chat/types';
import { wecom } from '../src/chat/wecom';
import { parseFlatXml } from '../src/chat/xml';
import { reply, type Button } from '../src/engine/reply';
import { createOrg, invite } from './helpers/admin';
import { flipLast } from './helpers/forge';
import { call, ORIGIN } from './worker';

// ---------------------------------------------------------------------------------------------
// The samples

const SAMPLES = import.meta.glob<string>('./fixtures/platforms/*/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const PREFIX = './fixtures/platforms/';

/** A sample file's text, exactly as stored. */
function sample(name: string): string {
  const text = SAMPLES[PREFIX + name];
  if (text === undefined) throw new Error(`no sample ${name}`);
  return text;
}

/** A JSON sample as the platform sends it: without the `_comment` its collector added. */
function sampleJson(name: string): any {
  const { _comment, ...rest } = JSON.parse(sample(name)) as Record<string, unknown>;
  void _comment;
  return rest;
}

/** An XML sample without the collector's comments. */
const withoutComments = (xml: string) => xml.replace(/<!--[\s\S]*?-->/g, '').trim();

/** How each sample is used here; a sample added to the folder must be added here too. */
const ACCOUNTED: Record<string, 'replayed' | 'not replayed'> = {
  'telegram/update_text_message.json': 'replayed',
  'telegram/update_callback_query.json': 'replayed',
  'telegram/webhook_response_sendMessage.json': 'replayed',
  'telegram/answerCallbackQuery_request.json': 'replayed',
  'telegram/setWebhook_request.json': 'replayed',
  'wecom/01_verify_url_GET.txt': 'replayed',
  'wecom/02_text_message_POST_envelope.xml': 'replayed',
  'wecom/03_text_message_decrypted.xml': 'replayed',
  'wecom/04_template_card_event_decrypted.xml': 'replayed',
  'wecom/05_passive_encrypted_reply.xml': 'replayed',
  'wecom/06_message_send_text.json': 'replayed',
  'wecom/07_message_send_template_card_button_interaction.json': 'replayed',
  'wecom/08_gettoken.txt': 'replayed',
  'wecom/09_group_robot_webhook_text.json': 'not replayed',
  'dingtalk/01_robot_callback_text.http': 'replayed',
  'dingtalk/02_reply_via_sessionWebhook_markdown_buttons.json': 'replayed',
  'dingtalk/03_openapi_oToMessages_batchSend.json': 'replayed',
  'dingtalk/04_custom_group_robot_send.txt': 'replayed',
  'dingtalk/05_event_subscription_check_url_encrypted.json': 'replayed',
  'feishu/01_url_verification_plain.json': 'replayed',
  'feishu/02_url_verification_encrypted.json': 'replayed',
  'feishu/03_im_message_receive_v1_text.json': 'replayed',
  'feishu/04_card_action_trigger.json': 'replayed',
  'feishu/05_card_callback_response.json': 'replayed',
  'feishu/06_send_message_text.json': 'replayed',
  'feishu/07_send_message_interactive_card.json': 'replayed',
};

it('accounts for every sample in the folder', () => {
  const files = Object.keys(SAMPLES)
    .map((k) => k.slice(PREFIX.length))
    .sort();
  expect(files).toEqual(Object.keys(ACCOUNTED).sort());
});

// ---------------------------------------------------------------------------------------------
// The fake platform APIs, and what the bot leaves in D1

interface ApiCall {
  host: string;
  path: string;
  query: URLSearchParams;
  method: string;
  headers: Headers;
  body: any;
}

let calls: ApiCall[] = [];
/** Answers a test sets for a path (a platform's own sample answer); the defaults otherwise. */
let answers = new Map<string, (c: ApiCall) => unknown>();

function defaultAnswer(c: ApiCall): unknown {
  if (c.path.endsWith('/cgi-bin/gettoken'))
    return { errcode: 0, errmsg: 'ok', access_token: 'wecom-token', expires_in: 7200 };
  if (c.path.endsWith('/oauth2/accessToken')) return { accessToken: 'ding-token', expireIn: 7200 };
  if (c.path.endsWith('/tenant_access_token/internal'))
    return { code: 0, tenant_access_token: 'lark-token', expire: 7200 };
  if (c.host === 'telegram.fake') return { ok: true, result: true };
  return { errcode: 0, code: 0 };
}

beforeEach(() => {
  calls = [];
  answers = new Map();
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (!url.hostname.endsWith('.fake')) throw new Error(`no network in these tests: ${req.url}`);
    const text = await req.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    const c: ApiCall = {
      host: url.hostname,
      path: url.pathname,
      query: url.searchParams,
      method: req.method,
      headers: req.headers,
      body,
    };
    calls.push(c);
    const answer = answers.get(url.pathname);
    return new Response(JSON.stringify(answer ? answer(c) : defaultAnswer(c)), {
      headers: { 'Content-Type': 'application/json' },
    });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The adapters' context for direct calls: the test settings, fetch through the fakes. */
const ctx = platformContext(env, (p) => void p.catch(() => {}));

async function count(sql: string, ...args: string[]): Promise<number> {
  return (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;
}

async function footprint(platform: string, userId: string) {
  return {
    events: await count('SELECT count(*) AS n FROM inbound_events'),
    identities: await count(
      'SELECT count(*) AS n FROM identities WHERE platform = ?1 AND user_id = ?2',
      platform,
      userId,
    ),
    sessions: await count(
      'SELECT count(*) AS n FROM chat_sessions WHERE platform = ?1 AND user_id = ?2',
      platform,
      userId,
    ),
  };
}

/** Runs a delivery and checks it left nothing in D1: no event, no identity, no session for the user. */
async function storesNothing<T>(platform: string, userId: string, run: () => Promise<T>): Promise<T> {
  const before = await footprint(platform, userId);
  const out = await run();
  expect(await footprint(platform, userId)).toEqual({ ...before, identities: 0, sessions: 0 });
  return out;
}

const inboundOf = (r: Received): Inbound => {
  if (r.kind !== 'message') throw new Error(`not a message: ${r.kind}`);
  return r.inbound;
};

let unique = 0;
/** A township with an official's invite, to bind someone in the tests that need a bound person. */
async function officialInvite(): Promise<string> {
  const tag = `${Date.now().toString(36)}${++unique}`;
  const countyId = await createOrg(`样例县${tag}`, 'county');
  const townId = await createOrg(`样例镇${tag}`, 'township', countyId);
  return invite(townId);
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
/** A lone UTF-16 surrogate: half a character, shown as � by any client. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The first and last few characters of a text, surrogates written as \uXXXX. */
const escapeSurrogates = (s: string) =>
  `${s.slice(0, 3)}…${s.slice(-3)}`.replace(/[\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

// ---------------------------------------------------------------------------------------------
// Telegram

const TG_HEADERS = {
  'Content-Type': 'application/json',
  'X-Telegram-Bot-Api-Secret-Token': 'test-webhook-secret-for-the-worker-tests-01',
};
const tgPost = (body: string, headers: Record<string, string> = TG_HEADERS) =>
  call('/hooks/telegram', { method: 'POST', headers, body });
const tgRequest = (body: string) =>
  new Request(`${ORIGIN}/hooks/telegram`, { method: 'POST', headers: TG_HEADERS, body });

describe('Telegram samples', () => {
  const textUpdate = sample('telegram/update_text_message.json');
  const pressUpdate = sample('telegram/update_callback_query.json');

  it('update_text_message: a stranger’s /start is answered in the webhook response, nothing stored', async () => {
    const res = await storesNothing('telegram', '5012345678', () => tgPost(textUpdate));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      method: 'sendMessage',
      chat_id: '5012345678',
      text: CHAT_COPY.inviteMissing,
    });
    expect(calls).toEqual([]);
    // Without the secret registered by setWebhook (or with another), Telegram's update is refused.
    for (const headers of [
      { 'Content-Type': 'application/json' },
      {
        ...TG_HEADERS,
        'X-Telegram-Bot-Api-Secret-Token': flipLast('test-webhook-secret-for-the-worker-tests-01'),
      },
    ]) {
      const refused = await storesNothing('telegram', '5012345678', () => tgPost(textUpdate, headers));
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: HOOK_COPY.badSignature });
    }
  });

  it('update_text_message: the adapter reads the update id, sender, chat, text and name', async () => {
    expect(inboundOf(await telegram.receive(tgRequest(textUpdate), ctx))).toEqual({
      platform: 'telegram',
      eventId: '912345678',
      userId: '5012345678',
      chatId: '5012345678',
      text: '/start',
      kind: 'text',
      displayName: '张 伟',
    });
  });

  it('update_callback_query: a press is answered, acknowledged with answerCallbackQuery like the sample, nothing stored', async () => {
    const res = await storesNothing('telegram', '5012345678', () => tgPost(pressUpdate));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      method: 'sendMessage',
      chat_id: '5012345678',
      text: CHAT_COPY.stranger,
    });
    const answerSample = sampleJson('telegram/answerCallbackQuery_request.json');
    expect(calls.map((c) => `${c.method} ${c.host}${c.path}`)).toEqual([
      'POST telegram.fake/bottest-bot-token/answerCallbackQuery',
    ]);
    const ack = calls[0]!.body;
    // The sample answers this very press: the same callback_query_id, and no field the method lacks.
    expect(ack.callback_query_id).toBe(answerSample.callback_query_id);
    expect(Object.keys(ack).filter((k) => !(k in answerSample))).toEqual([]);
    expect(calls[0]!.headers.get('Content-Type')).toMatch(/^application\/json/);
  });

  it('update_callback_query: the adapter reads the presser, the chat of the message and the button data', async () => {
    expect(inboundOf(await telegram.receive(tgRequest(pressUpdate), ctx))).toEqual({
      platform: 'telegram',
      eventId: '912345679',
      userId: '5012345678',
      chatId: '5012345678',
      text: 'q1:yes',
      kind: 'text',
      displayName: '张',
    });
  });

  it('webhook_response_sendMessage: the adapter answers a comparable reply with the same body', async () => {
    const s = sampleJson('telegram/webhook_response_sendMessage.json');
    const buttons: Button[][] = s.reply_markup.inline_keyboard.map((row: any[]) =>
      row.map((b) => ({ label: b.text, data: b.callback_data })),
    );
    const inbound = inboundOf(await telegram.receive(tgRequest(textUpdate), ctx));
    const res = await telegram.respond(inbound, [reply(s.text, buttons)], ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = (await res.json()) as any;
    // chat_id goes as a string, which the Bot API accepts for any chat ("Integer or String").
    expect(body.chat_id).toBe(String(s.chat_id));
    expect({ ...body, chat_id: Number(body.chat_id) }).toEqual(s);
    expect(calls).toEqual([]);
  });

  it('a bound person: the bot’s real replies have the sample’s fields and nesting, within the limits', async () => {
    const id = 5012340000 + ++unique;
    const as = (raw: string, updateId: number, edit: (u: any) => void) => {
      const u = JSON.parse(raw);
      u.update_id = updateId;
      edit(u);
      return JSON.stringify(u);
    };
    const code = await officialInvite();
    const joined = await tgPost(
      as(textUpdate, 800_000_000 + id, (u) => {
        u.message.from.id = id;
        u.message.chat.id = id;
        u.message.text = `/start ${code}`;
      }),
    );
    expect(joined.status).toBe(200);
    const sent = () => calls.filter((c) => c.path.endsWith('/sendMessage')).map((c) => c.body);
    expect([(await joined.json()) as any, ...sent()].map((m) => m.text ?? '').join('\n')).toContain(
      '绑定成功',
    );

    const s = sampleJson('telegram/webhook_response_sendMessage.json');
    const help = await tgPost(
      as(textUpdate, 810_000_000 + id, (u) => {
        u.message.from.id = id;
        u.message.chat.id = id;
        u.message.text = '/help';
      }),
    );
    const body = (await help.json()) as any;
    expect(Object.keys(body).sort()).toEqual(Object.keys(s).sort());
    expect(body.method).toBe('sendMessage');
    expect(body.chat_id).toBe(String(id));
    expect(body.text.length).toBeLessThanOrEqual(4096);
    for (const row of body.reply_markup.inline_keyboard) {
      expect(Array.isArray(row)).toBe(true);
      for (const b of row) {
        expect(Object.keys(b).sort()).toEqual(['callback_data', 'text']);
        expect(utf8Bytes(b.callback_data)).toBeLessThanOrEqual(64);
      }
    }

    // The sample press from this person: two replies go through the Bot API, the press is acknowledged.
    calls = [];
    const press = as(pressUpdate, 820_000_000 + id, (u) => {
      u.callback_query.id = `cb${id}`;
      u.callback_query.from.id = id;
      u.callback_query.message.chat.id = id;
    });
    const pressed = await tgPost(press);
    expect(await pressed.json()).toEqual({});
    expect(calls.map((c) => c.path.split('/').pop())).toEqual([
      'answerCallbackQuery',
      'sendMessage',
      'sendMessage',
    ]);
    expect(calls[0]!.body).toEqual({ callback_query_id: `cb${id}` });
    const [notFilling, helpMessage] = sent();
    expect(notFilling).toEqual({ chat_id: String(id), text: CHAT_COPY.notFilling });
    const { method, ...apiFields } = s;
    void method;
    expect(Object.keys(helpMessage).sort()).toEqual(Object.keys(apiFields).sort());

    // Telegram re-delivers the same update: nothing sent, nothing acknowledged twice.
    calls = [];
    expect(await (await tgPost(press)).json()).toEqual({});
    expect(calls).toEqual([]);
  });

  it('setWebhook_request: the registered secret_token is checked, and the allowed_updates are the ones handled', async () => {
    const s = sampleJson('telegram/setWebhook_request.json');
    // The sample's token is short: accepted only in DEV_MODE (a deployment needs 32 bytes or more).
    expect(
      (
        await worker.fetch(
          new Request(`${ORIGIN}/healthz`),
          { ...env, TELEGRAM_WEBHOOK_SECRET: s.secret_token },
          createExecutionContext(),
        )
      ).status,
    ).toBe(s.secret_token.length >= 32 ? 200 : 503);
    const configured = { ...env, TELEGRAM_WEBHOOK_SECRET: s.secret_token, DEV_MODE: '1' };
    const post = (secret: string, body: string) =>
      worker.fetch(
        new Request(`${ORIGIN}/hooks/telegram`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
          body,
        }),
        configured,
        createExecutionContext(),
      );
    const ok = await post(s.secret_token, textUpdate);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).text).toBe(CHAT_COPY.inviteMissing);
    expect((await post('test-webhook-secret-for-the-worker-tests-01', textUpdate)).status).toBe(401);

    // Each update type the webhook subscribes to is read as a message…
    const byType: Record<string, string> = { message: textUpdate, callback_query: pressUpdate };
    for (const type of s.allowed_updates as string[]) {
      const raw = byType[type];
      expect(raw, `a sample update of type ${type}`).toBeDefined();
      expect(JSON.parse(raw!)[type]).toBeDefined();
      expect((await telegram.receive(tgRequest(raw!), ctx)).kind).toBe('message');
    }
    // …and one it does not subscribe to, if it came anyway, is acknowledged and dropped.
    const { message, ...rest } = JSON.parse(textUpdate);
    const edited = JSON.stringify({ ...rest, update_id: rest.update_id + 100, edited_message: message });
    const res = await storesNothing('telegram', '5012345678', () => tgPost(edited));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(calls).toEqual([]);
    // The README registers the webhook the same way.
    expect(readme).toContain(`allowed_updates=${JSON.stringify(s.allowed_updates)}`);
    expect(readme).toMatch(/setWebhook"[\s\S]*secret_token=/);
  });
});

// ---------------------------------------------------------------------------------------------
// WeCom

const WECOM = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
};
const wecomKey = wxKeyBytes(WECOM.aesKey)!;

/** Sample 02: the query WeCom signed and the body it posts (the collector's comment removed). */
const wecomPost = (() => {
  const text = sample('wecom/02_text_message_POST_envelope.xml');
  const query = /<!-- POST \S+?\?(\S+)/.exec(text)![1]!;
  const body = withoutComments(text);
  return { query, params: new URLSearchParams(query), body, encrypt: parseFlatXml(body)!.Encrypt! };
})();
const wecomMessage = withoutComments(sample('wecom/03_text_message_decrypted.xml'));

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** Sample 02's envelope carrying `encrypt`, signed now as WeCom signs each delivery. */
async function wecomDelivery(encrypt: string) {
  const ts = nowSeconds();
  const nonce = wecomPost.params.get('nonce')!;
  const signature = await wxSignature(WECOM.token, ts, nonce, encrypt);
  return {
    path: `/hooks/wecom?msg_signature=${signature}&timestamp=${ts}&nonce=${nonce}`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: wecomPost.body.replace(wecomPost.encrypt, () => encrypt),
    },
  };
}

/** A decrypted message (the XML WeCom encrypts), delivered in sample 02's envelope. */
async function wecomDeliver(inner: string) {
  return wecomDelivery(await wxEncrypt(wecomKey, inner, WECOM.corpId));
}

/** Flat XML read independently of the project's parser: element → { value, cdata }. */
function xmlFields(xml: string): Map<string, { value: string; cdata: boolean }> {
  const out = new Map<string, { value: string; cdata: boolean }>();
  for (const m of xml.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) {
    if (m[1] === 'xml') continue;
    out.set(m[1]!, { value: m[2] ?? m[3]!, cdata: m[2] !== undefined });
  }
  return out;
}

/** A passive reply opened as the WeCom server would: SHA-1 signature checked, AES (aes-js) decrypted. */
async function openPassiveReply(xml: string) {
  const outer = xmlFields(xml);
  const field = (k: string) => outer.get(k)?.value ?? '';
  const digest = await crypto.subtle.digest(
    'SHA-1',
    new TextEncoder().encode(
      [WECOM.token, field('TimeStamp'), field('Nonce'), field('Encrypt')].sort().join(''),
    ),
  );
  const hex = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
  expect(hex, 'the passive reply’s MsgSignature').toBe(field('MsgSignature'));
  const raw = new aesjs.ModeOfOperation.cbc(wecomKey, wecomKey.slice(0, 16)).decrypt(
    Uint8Array.from(atob(field('Encrypt')), (c) => c.charCodeAt(0)),
  );
  const pad = raw[raw.length - 1]!;
  expect(pad).toBeGreaterThanOrEqual(1);
  expect(pad).toBeLessThanOrEqual(32);
  const plain = raw.slice(0, raw.length - pad);
  const len = new DataView(plain.buffer).getUint32(16);
  const inner = new TextDecoder().decode(plain.slice(20, 20 + len));
  return {
    outer,
    inner,
    fields: xmlFields(inner),
    receiveId: new TextDecoder().decode(plain.slice(20 + len)),
  };
}

const wecomTokenKey = `wecom:token:${WECOM.corpId}:1000002`;

describe('WeCom samples', () => {
  it('01_verify_url_GET: the URL check, replayed verbatim, is answered with the decrypted echostr', async () => {
    const text = sample('wecom/01_verify_url_GET.txt');
    const query = /^GET \S+?\?(\S+)/m.exec(text)![1]!;
    const expected = text.trim().split('\n').at(-1)!;
    expect(expected).toMatch(/^\d+$/);
    const res = await call(`/hooks/wecom?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(expected);
    const forged = new URLSearchParams(query);
    forged.set('msg_signature', flipLast(forged.get('msg_signature')!));
    const bad = await call(`/hooks/wecom?${forged}`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: HOOK_COPY.badSignature });
  });

  it('02_text_message_POST_envelope: replayed verbatim, the correctly signed but old POST is refused as stale', async () => {
    const post = (query: string) =>
      call(`/hooks/wecom?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: wecomPost.body,
      });
    const res = await storesNothing('wecom', 'ChenJiaShun', () => post(wecomPost.query));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: HOOK_COPY.staleRequest });
    // The same POST with its signature altered is refused for the signature, not the time.
    const forged = new URLSearchParams(wecomPost.query);
    forged.set('msg_signature', flipLast(forged.get('msg_signature')!));
    const bad = await storesNothing('wecom', 'ChenJiaShun', () => post(forged.toString()));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: HOOK_COPY.badSignature });
    expect(calls).toEqual([]);
  });

  it('02 + 03: the envelope decrypts to the decrypted sample, for this corp and agent', async () => {
    expect(await wxDecrypt(wecomKey, wecomPost.encrypt)).toEqual({
      ok: true,
      message: wecomMessage,
      receiveId: WECOM.corpId,
    });
    const envelope = parseFlatXml(wecomPost.body)!;
    expect(envelope.ToUserName).toBe(WECOM.corpId);
    expect(envelope.AgentID).toBe(env.WECOM_AGENT_ID);
  });

  it('02 signed now: the stranger gets the "not bound" text in a passive encrypted reply like sample 05, nothing stored', async () => {
    const { path, init } = await wecomDelivery(wecomPost.encrypt);
    const res = await storesNothing('wecom', 'ChenJiaShun', () => call(path, init));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/xml/);
    const xml = await res.text();
    const opened = await openPassiveReply(xml);
    expect(opened.receiveId).toBe(WECOM.corpId);
    expect(Object.fromEntries([...opened.fields].map(([k, v]) => [k, v.value]))).toEqual({
      ToUserName: 'ChenJiaShun',
      FromUserName: WECOM.corpId,
      CreateTime: expect.stringMatching(/^\d{10}$/),
      MsgType: 'text',
      Content: CHAT_COPY.stranger,
    });
    expect(Math.abs(Number(opened.fields.get('CreateTime')!.value) - Date.now() / 1000)).toBeLessThan(60);
    // Passive only: no API call (message/send needs a trusted IP).
    expect(calls).toEqual([]);
    // The adapter read the message's sender, id and text.
    const { path: again, init: againInit } = await wecomDelivery(wecomPost.encrypt);
    expect(inboundOf(await wecom.receive(new Request(ORIGIN + again, againInit), ctx))).toEqual({
      platform: 'wecom',
      eventId: '1456453720',
      userId: 'ChenJiaShun',
      chatId: 'ChenJiaShun',
      text: '你好',
      kind: 'text',
      displayName: '',
    });
  });

  it('03_text_message_decrypted: the plain form and the documented CDATA form are read alike', async () => {
    const text = sample('wecom/03_text_message_decrypted.xml');
    const docForm = `<xml>${/uses CDATA: (<ToUserName>[\s\S]*?<\/AgentID>)/.exec(text)![1]!}</xml>`;
    const read = async (inner: string) => {
      const { path, init } = await wecomDeliver(inner);
      return inboundOf(await wecom.receive(new Request(ORIGIN + path, init), ctx));
    };
    expect(await read(wecomMessage)).toMatchObject({
      eventId: '1456453720',
      userId: 'ChenJiaShun',
      text: '你好',
      kind: 'text',
    });
    expect(await read(docForm)).toMatchObject({
      eventId: '1234567890123456',
      userId: 'fromUser',
      chatId: 'fromUser',
      text: 'this is a test',
      kind: 'text',
    });
    // Through the Worker, the CDATA form's sender gets the reply.
    const { path, init } = await wecomDeliver(docForm);
    const res = await storesNothing('wecom', 'fromUser', () => call(path, init));
    const opened = await openPassiveReply(await res.text());
    expect(opened.fields.get('ToUserName')!.value).toBe('fromUser');
    expect(opened.fields.get('Content')!.value).toBe(CHAT_COPY.stranger);
  });

  it('04_template_card_event: a card button press is read as its key typed by the presser', async () => {
    const inner = withoutComments(sample('wecom/04_template_card_event_decrypted.xml'));
    const { path, init } = await wecomDeliver(inner);
    expect(inboundOf(await wecom.receive(new Request(ORIGIN + path, init), ctx))).toEqual({
      platform: 'wecom',
      eventId: 'zhangsan:1717400123:q1:yes',
      userId: 'zhangsan',
      chatId: 'zhangsan',
      text: 'q1:yes',
      kind: 'text',
      displayName: '',
    });
    const delivered = await wecomDeliver(inner);
    const res = await storesNothing('wecom', 'zhangsan', () => call(delivered.path, delivered.init));
    expect(res.status).toBe(200);
    const opened = await openPassiveReply(await res.text());
    expect(opened.fields.get('ToUserName')!.value).toBe('zhangsan');
    expect(opened.fields.get('Content')!.value).toBe(CHAT_COPY.stranger);
  });

  it('05_passive_encrypted_reply: the adapter’s passive reply has the sample’s elements, encoding and crypto', async () => {
    const sampleXml = withoutComments(sample('wecom/05_passive_encrypted_reply.xml'));
    // The sample opens with the same independent reader (so the reader is right about WeCom's format)…
    const reference = await openPassiveReply(sampleXml);
    expect(reference.inner).toBe(wecomMessage);
    expect(reference.receiveId).toBe(WECOM.corpId);
    // …and the project's own reader (the dev chat page's) reads it too.
    expect(await wecom.dev.readResponse(env, sampleXml)).toEqual([{ text: '你好', buttons: [] }]);

    const { path, init } = await wecomDelivery(wecomPost.encrypt);
    const inbound = inboundOf(await wecom.receive(new Request(ORIGIN + path, init), ctx));
    const res = await wecom.respond(inbound, [reply('你好')], ctx);
    const ours = await res.text();
    const opened = await openPassiveReply(ours);
    expect([...opened.outer.keys()]).toEqual([...reference.outer.keys()]);
    for (const [name, { cdata }] of reference.outer) expect(opened.outer.get(name)!.cdata, name).toBe(cdata);
    expect(opened.outer.get('TimeStamp')!.value).toMatch(/^\d{10}$/);
    expect(parseFlatXml(ours)).not.toBeNull();
    // The reply's own message: the passive-reply text fields, all of them among the sample's.
    const sampleFields = [...reference.fields.keys()];
    expect([...opened.fields.keys()].filter((k) => !sampleFields.includes(k))).toEqual([]);
    expect(opened.fields.get('Content')!.value).toBe('你好');
    expect(opened.fields.get('ToUserName')!.value).toBe('ChenJiaShun');
    expect(opened.fields.get('FromUserName')!.value).toBe(WECOM.corpId);
    expect(opened.receiveId).toBe(WECOM.corpId);
  });

  it('06_message_send_text: message/send gets the sample’s body for the same text', async () => {
    const s = sampleJson('wecom/06_message_send_text.json');
    await wecom.send(s.touser, [reply(s.text.content)], ctx);
    const sends = calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.method).toBe('POST');
    expect(sends[0]!.query.get('access_token')).toBeTruthy();
    // enable_duplicate_check and its interval are optional; everything else is as in the sample.
    const { enable_duplicate_check, duplicate_check_interval, ...required } = s;
    void enable_duplicate_check;
    void duplicate_check_interval;
    expect(sends[0]!.body).toEqual(required);
  });

  it('06_message_send_text: long texts are sent in parts of at most 2048 bytes, no character cut in half', async () => {
    // A report's text quoted back: long lines with a rare character of a place name (outside the
    // BMP, two UTF-16 units), wherever it happens to fall relative to the cuts.
    const line = '白营镇𠮷村政府信息公开工作年度报告第五部分：存在的主要问题及改进情况说明，';
    for (let shift = 0; shift < line.length; shift++) {
      calls = [];
      const text = `${'一'.repeat(shift)}${line.repeat(40)}\n${line.repeat(25)}`;
      await wecom.send('zhangsan', [reply(text)], ctx);
      const parts = calls.filter((c) => c.path === '/cgi-bin/message/send').map((c) => c.body.text.content);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) expect(utf8Bytes(part)).toBeLessThanOrEqual(2048);
      // Reported escaped: half a character cannot even travel in the test runner's own messages.
      const halves = parts.flatMap((part, i) =>
        LONE_SURROGATE.test(part) ? [`shift ${shift}, part ${i}: ${escapeSurrogates(part)}`] : [],
      );
      expect(halves, 'parts that start or end with half a character').toEqual([]);
      expect(parts.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
    }
  });

  it('07_message_send_template_card_button_interaction (not used): buttons go as a typed-choices line in a text message', async () => {
    const s = sampleJson('wecom/07_message_send_template_card_button_interaction.json');
    const card = s.template_card;
    const buttons: Button[][] = [card.button_list.map((b: any) => ({ label: b.text, data: b.text }))];
    await wecom.send(s.touser, [reply(`${card.main_title.title}\n${card.main_title.desc}`, buttons)], ctx);
    const sends = calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sends.map((c) => c.body.msgtype)).toEqual(['text']);
    expect(sends[0]!.body.text.content).toBe('第1题\n本村是否已完成人居环境整治？\n\n可回复：是 ｜ 否');
    // What a person types back from that line arrives as an ordinary text message.
    const typed = parseFlatXml(wecomMessage)!;
    const { path, init } = await wecomDeliver(
      wecomMessage.replace(`<Content>${typed.Content}</Content>`, '<Content>是</Content>'),
    );
    expect(inboundOf(await wecom.receive(new Request(ORIGIN + path, init), ctx))).toMatchObject({
      text: '是',
      kind: 'text',
    });
  });

  it('08_gettoken: the sample’s answer is accepted, cached for later messages, refreshed on 40014/42001', async () => {
    const text = sample('wecom/08_gettoken.txt');
    const [, path, params] = /^GET https?:\/\/[^/\s]+(\/\S+?)\?(\S+)$/m.exec(text)!;
    const answer = JSON.parse(/-> (\{.*\})/.exec(text)![1]!);
    answers.set(path!, () => answer);
    await env.CACHE.delete(wecomTokenKey);
    await wecom.send('zhangsan', [reply('第一条')], ctx);
    await wecom.send('zhangsan', [reply('第二条')], ctx);
    const gets = calls.filter((c) => c.path === path);
    expect(gets).toHaveLength(1);
    expect(gets[0]!.method).toBe('GET');
    expect([...gets[0]!.query.keys()]).toEqual([...new URLSearchParams(params).keys()]);
    expect(gets[0]!.query.get('corpid')).toBe(WECOM.corpId);
    expect(gets[0]!.query.get('corpsecret')).toBe('test-wecom-secret');
    const tokensUsed = () =>
      calls.filter((c) => c.path === '/cgi-bin/message/send').map((c) => c.query.get('access_token'));
    expect(tokensUsed()).toEqual([answer.access_token, answer.access_token]);
    expect(await env.CACHE.get(wecomTokenKey)).toBe(answer.access_token);

    for (const errcode of [40014, 42001]) {
      calls = [];
      const fresh = `${answer.access_token}-${errcode}`;
      answers.set(path!, () => ({ ...answer, access_token: fresh }));
      let refused = false;
      answers.set('/cgi-bin/message/send', () =>
        refused
          ? { errcode: 0, errmsg: 'ok' }
          : ((refused = true), { errcode, errmsg: 'invalid access_token' }),
      );
      const before = (await env.CACHE.get(wecomTokenKey))!;
      await wecom.send('zhangsan', [reply('第三条')], ctx);
      expect(calls.filter((c) => c.path === path)).toHaveLength(1);
      expect(tokensUsed()).toEqual([before, fresh]);
      expect(await env.CACHE.get(wecomTokenKey)).toBe(fresh);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// DingTalk

const DING_SECRET = 'test-ding-secret';
const SESSION_BASE = 'http://ding-session.fake/';

/** Sample 01: its headers and JSON body (the collector's # notes removed). */
const dingSample = (() => {
  const text = sample('dingtalk/01_robot_callback_text.http');
  const blank = text.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, blank).split('\n').slice(1)) {
    const at = line.indexOf(': ');
    headers[line.slice(0, at)] = line.slice(at + 2);
  }
  const body = JSON.parse(
    text
      .slice(blank)
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n'),
  );
  return { headers, body };
})();

/** DingTalk's session endpoint of the sample, on the test settings' session base. */
const onTestBase = (hook: string) => hook.replace(/^https:\/\/oapi\.dingtalk\.com\//, SESSION_BASE);

let lastDingTs = 0;
/** The callback as DingTalk posts it, with the sample's headers signed with the test settings' secret. */
async function dingDelivery(body: unknown, timestamp?: string): Promise<RequestInit> {
  // Each header pair is honoured once, as DingTalk sends each once: strictly increasing times.
  const ts = timestamp ?? String((lastDingTs = Math.max(Date.now(), lastDingTs + 1)));
  return {
    method: 'POST',
    headers: { ...dingSample.headers, timestamp: ts, sign: await dingSign(DING_SECRET, ts) },
    body: JSON.stringify(body),
  };
}

/** Sample 01's body with its session webhook on the test base, and any changes. */
const dingBody = (changes: Record<string, unknown> = {}) => ({
  ...dingSample.body,
  sessionWebhook: onTestBase(dingSample.body.sessionWebhook),
  ...changes,
});

const STAFF_ID = '032615015535634423';

describe('DingTalk samples', () => {
  it('01_robot_callback_text: with its own (old) timestamp, correctly signed, it is refused and nothing stored', async () => {
    expect(dingSample.headers.sign).toMatch(/^<.*>$/); // a placeholder: signed here with the test secret
    const init = await dingDelivery(dingBody(), dingSample.headers.timestamp);
    const res = await storesNothing('dingtalk', STAFF_ID, () => call('/hooks/dingtalk', init));
    expect(res.status).toBe(401);
    // Signed correctly, only too old: said so, as WeCom's and Feishu's stale requests are.
    expect(await res.json()).toEqual({ error: HOOK_COPY.staleRequest });
    expect(calls).toEqual([]);
  });

  it('01_robot_callback_text signed now: the stranger gets the "not bound" text on the session webhook, nothing stored', async () => {
    const init = await dingDelivery(dingBody());
    const res = await storesNothing('dingtalk', STAFF_ID, () => call('/hooks/dingtalk', init));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(calls.map((c) => `${c.method} ${c.host}${c.path}`)).toEqual([
      'POST ding-session.fake/robot/sendBySession',
    ]);
    const session = new URL(dingSample.body.sessionWebhook).searchParams.get('session');
    expect(calls[0]!.query.get('session')).toBe(session);
    expect(calls[0]!.body.msgtype).toBe('markdown');
    expect(readDingMarkdown(calls[0]!.body.markdown.text)).toEqual({ text: CHAT_COPY.stranger, buttons: [] });
  });

  it('01_robot_callback_text: the adapter reads the msgId, staff id, nick, text and session webhook', async () => {
    const req = new Request(`${ORIGIN}/hooks/dingtalk`, await dingDelivery(dingSample.body));
    expect(inboundOf(await dingtalk.receive(req, ctx))).toEqual({
      platform: 'dingtalk',
      eventId: 'msgBjXREkdlZkfTfrIiQomjAw==',
      userId: STAFF_ID,
      chatId: STAFF_ID,
      text: '开始问卷',
      kind: 'text',
      displayName: '张伟',
      replyTo: dingSample.body.sessionWebhook,
      // The signed header pair, honoured once (stored with the event).
      nonce: expect.stringMatching(/^dingtalk:\d+:/),
    });
  });

  it('01_robot_callback_text in a group (conversationType "2", robot @-mentioned): the private-chat pointer, nothing stored', async () => {
    const init = await dingDelivery(dingBody({ conversationType: '2', msgId: 'msgGroupSample==' }));
    const res = await storesNothing('dingtalk', STAFF_ID, () => call('/hooks/dingtalk', init));
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.path)).toEqual(['/robot/sendBySession']);
    expect(readDingMarkdown(calls[0]!.body.markdown.text).text).toBe(CHAT_COPY.privateOnly);
  });

  it('02_reply_via_sessionWebhook_markdown_buttons: the adapter’s markdown reply has the sample’s fields and dtmd links', async () => {
    const s = sampleJson('dingtalk/02_reply_via_sessionWebhook_markdown_buttons.json');
    // The sample's buttons, as the person reads them, are what a comparable reply carries.
    const sampleButtons = readDingMarkdown(s.markdown.text).buttons;
    expect(sampleButtons).toEqual([
      { label: '是', data: '是' },
      { label: '否', data: '否' },
    ]);
    const req = new Request(`${ORIGIN}/hooks/dingtalk`, await dingDelivery(dingBody()));
    const inbound = inboundOf(await dingtalk.receive(req, ctx));
    // The webhook's own answer carries nothing; the reply goes to the session webhook.
    expect(dingtalk.split([reply('第1题')]).inline).toEqual([]);
    await dingtalk.send(
      inbound.chatId,
      [
        reply('第1题\n本村是否已完成人居环境整治？', [
          sampleButtons.map(({ label, data }) => ({ label, data })),
        ]),
      ],
      ctx,
      inbound.replyTo,
    );
    expect(calls).toHaveLength(1);
    const posted = calls[0]!;
    expect(`${posted.host}${posted.path}?${posted.query}`).toBe(inbound.replyTo!.replace(/^http:\/\//, ''));
    expect(posted.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(Object.keys(posted.body).sort()).toEqual(Object.keys(s).sort());
    expect(Object.keys(posted.body.markdown).sort()).toEqual(Object.keys(s.markdown).sort());
    expect(posted.body.msgtype).toBe(s.msgtype);
    expect(posted.body.markdown.title).toBe(s.markdown.title);
    for (const link of s.markdown.text.match(/\[[^\]]*\]\(dtmd:[^)]*\)/g)!)
      expect(posted.body.markdown.text).toContain(link);
    // A pressed link makes the client send its content back as an ordinary message.
    const content = decodeURIComponent(/content=([^)]*)\)/.exec(s.markdown.text)![1]!);
    const back = new Request(
      `${ORIGIN}/hooks/dingtalk`,
      await dingDelivery(dingBody({ text: { content }, msgId: 'msgPressSample==' })),
    );
    expect(inboundOf(await dingtalk.receive(back, ctx))).toMatchObject({ text: '是', kind: 'text' });
  });

  it('03_openapi_oToMessages_batchSend: messages the bot starts have the sample’s fields, with the accessToken answer cached', async () => {
    const s = sampleJson('dingtalk/03_openapi_oToMessages_batchSend.json');
    const tokenKey = 'dingtalk:token:test-ding-key';
    // The accessToken answer as the sample's comment gives it.
    answers.set('/v1.0/oauth2/accessToken', () => ({ accessToken: 'sample-ding-token', expireIn: 7200 }));
    await env.CACHE.delete(tokenKey);
    const text = JSON.parse(s.msgParam).content as string;
    await dingtalk.send(s.userIds[0], [reply(text)], ctx);
    await dingtalk.send(s.userIds[0], [reply(text)], ctx);
    const tokenCalls = calls.filter((c) => c.path === '/v1.0/oauth2/accessToken');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.method).toBe('POST');
    expect(tokenCalls[0]!.body).toEqual({ appKey: 'test-ding-key', appSecret: DING_SECRET });
    const sends = calls.filter((c) => c.path === '/v1.0/robot/oToMessages/batchSend');
    expect(sends).toHaveLength(2);
    for (const c of sends) {
      expect(c.host).toBe('dingtalk.fake');
      expect(c.method).toBe('POST');
      expect(c.headers.get('x-acs-dingtalk-access-token')).toBe('sample-ding-token');
      expect(Object.keys(c.body).sort()).toEqual(Object.keys(s).sort());
      expect(c.body.robotCode).toBe(env.DINGTALK_ROBOT_CODE);
      expect(c.body.userIds).toEqual(s.userIds);
      // msgParam is a JSON string, as in the sample; the product's template is sampleMarkdown.
      expect(typeof c.body.msgParam).toBe('string');
      expect(c.body.msgKey).toBe('sampleMarkdown');
      const param = JSON.parse(c.body.msgParam);
      expect(Object.keys(param).sort()).toEqual(['text', 'title']);
      expect(readDingMarkdown(param.text).text).toBe(text);
    }
    expect(await env.CACHE.get(tokenKey)).toBe('sample-ding-token');
  });

  it('04_custom_group_robot_send (not used): a callback whose session webhook is a custom robot’s URL is never answered there', async () => {
    const line = sample('dingtalk/04_custom_group_robot_send.txt').split('\n')[0]!;
    const robotUrl = /^POST (\S+)/.exec(line)![1]!;
    expect(new URL(robotUrl).pathname).toBe('/robot/send');
    // The robot's URL on the test base (same origin as the real session endpoint), and the real one.
    for (const [i, hook] of [onTestBase(robotUrl), robotUrl].entries()) {
      calls = [];
      const init = await dingDelivery(dingBody({ sessionWebhook: hook, msgId: `msgRobot${i}==` }));
      const res = await storesNothing('dingtalk', STAFF_ID, () => call('/hooks/dingtalk', init));
      expect(res.status).toBe(200);
      // The reply goes to the sender through the robot OpenAPI instead.
      expect(calls.map((c) => `${c.host}${c.path}`)).toEqual(
        expect.arrayContaining(['dingtalk.fake/v1.0/robot/oToMessages/batchSend']),
      );
      expect(calls.some((c) => c.path.startsWith('/robot/'))).toBe(false);
      const sent = calls.find((c) => c.path.endsWith('/batchSend'))!;
      expect(sent.body.userIds).toEqual([STAFF_ID]);
      expect(readDingMarkdown(JSON.parse(sent.body.msgParam).text).text).toBe(CHAT_COPY.stranger);
    }
  });

  it('05_event_subscription_check_url_encrypted (not used): the event-subscription push is refused unsigned, nothing stored', async () => {
    const s = sample('dingtalk/05_event_subscription_check_url_encrypted.json');
    const query = /POST \?(\S+?) ;/.exec(JSON.parse(s)._comment)![1]!;
    const res = await storesNothing('dingtalk', STAFF_ID, () =>
      call(`/hooks/dingtalk?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(sampleJson('dingtalk/05_event_subscription_check_url_encrypted.json')),
      }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: HOOK_COPY.badSignature });
    expect(calls).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Feishu

const LARK = { encryptKey: 'test feishu key', token: 'test-feishu-token' };
const OPEN_ID = 'ou_84aad35d084aa403a838cf73ee18467';

/** Posts to /hooks/feishu with other settings than the tests' (the sample's own key or token). */
const larkPostWith = async (settings: Partial<Env>, body: string) =>
  worker.fetch(
    new Request(`${ORIGIN}/hooks/feishu`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    }),
    { ...env, ...settings },
    createExecutionContext(),
  );

/** A sample event with the test settings' verification token, encrypted and signed now. */
async function larkDelivery(event: any, opts: { token?: string } = {}) {
  const withToken = { ...event, header: { ...event.header, token: opts.token ?? LARK.token } };
  return feishuRequest({ encryptKey: LARK.encryptKey }, withToken);
}

const larkSends = () => calls.filter((c) => c.path === '/open-apis/im/v1/messages');

const yesNo: Button[] = [
  { label: '是', data: '是' },
  { label: '否', data: '否' },
];

/** The card a reply with the sample card's buttons becomes, from the adapter. */
async function ourCard() {
  await feishu.send(OPEN_ID, [reply('本村是否已完成人居环境整治？', [yesNo])], ctx);
  const sent = larkSends().at(-1)!.body;
  calls = [];
  return sent;
}

/** Checks a message is an interactive card built like sample 07 (same fields and nesting). */
function expectLikeSampleCard(message: any) {
  const s = sampleJson('feishu/07_send_message_interactive_card.json');
  expect(Object.keys(message).sort()).toEqual(Object.keys(s).sort());
  expect(message.msg_type).toBe(s.msg_type);
  expect(typeof message.content).toBe('string');
  expect(utf8Bytes(message.content)).toBeLessThanOrEqual(30 * 1024);
  const card = JSON.parse(message.content);
  const ref = JSON.parse(s.content);
  expect(Object.keys(card).filter((k) => !(k in ref))).toEqual([]);
  expect(card.config).toEqual(ref.config);
  const [div, ...rows] = card.elements;
  const [refDiv, refRow] = ref.elements;
  expect(div.tag).toBe(refDiv.tag);
  expect(Object.keys(div.text).sort()).toEqual(Object.keys(refDiv.text).sort());
  expect(['plain_text', 'lark_md']).toContain(div.text.tag);
  expect(rows.length).toBeGreaterThan(0);
  const refButton = refRow.actions[0];
  for (const row of rows) {
    expect(Object.keys(row).sort()).toEqual(Object.keys(refRow).sort());
    expect(row.tag).toBe(refRow.tag);
    for (const b of row.actions) {
      expect(Object.keys(b).sort()).toEqual(Object.keys(refButton).sort());
      expect(b.tag).toBe(refButton.tag);
      expect(Object.keys(b.text).sort()).toEqual(Object.keys(refButton.text).sort());
      expect(b.text.tag).toBe(refButton.text.tag);
      expect(['default', 'primary', 'danger']).toContain(b.type);
      expect(b.value).toBeTypeOf('object');
      expect(b.value).not.toBeNull();
    }
  }
  return card;
}

describe('Feishu samples', () => {
  const plainCheck = sampleJson('feishu/01_url_verification_plain.json');
  const encryptedCheck = sampleJson('feishu/02_url_verification_encrypted.json');
  const message = sampleJson('feishu/03_im_message_receive_v1_text.json');
  const press = sampleJson('feishu/04_card_action_trigger.json');

  it('01_url_verification_plain: without an Encrypt Key, the challenge is answered for the app’s own token only', async () => {
    const body = JSON.stringify(plainCheck);
    const res = await storesNothing('feishu', OPEN_ID, () =>
      larkPostWith({ FEISHU_ENCRYPT_KEY: '', FEISHU_VERIFICATION_TOKEN: plainCheck.token }, body),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ challenge: 'ajls384kdj' });
    // Another app's token (the test settings'), and a plain body while an Encrypt Key is set: refused.
    const other = await larkPostWith({ FEISHU_ENCRYPT_KEY: '' }, body);
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual({ error: HOOK_COPY.badSignature });
    expect((await call('/hooks/feishu', { method: 'POST', body })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('02_url_verification_encrypted: replayed verbatim with its Encrypt Key, the challenge is answered', async () => {
    const body = JSON.stringify(encryptedCheck);
    // Sample 02 is sample 01 encrypted with 'test key'.
    expect(JSON.parse((await larkDecrypt('test key', encryptedCheck.encrypt))!)).toEqual(plainCheck);
    const res = await larkPostWith(
      { FEISHU_ENCRYPT_KEY: 'test key', FEISHU_VERIFICATION_TOKEN: plainCheck.token },
      body,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ajls384kdj' });
    // Under the test settings' key it does not decrypt: refused.
    const other = await call('/hooks/feishu', { method: 'POST', body });
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({ error: HOOK_COPY.badUpdate });
    // Re-encrypted with the test settings (unsigned, as the URL check comes), it is answered.
    const again = await feishuRequest(
      { encryptKey: LARK.encryptKey },
      { ...plainCheck, token: LARK.token },
      { signed: false },
    );
    expect(await (await call(again.path, again.init)).json()).toEqual({ challenge: 'ajls384kdj' });
    expect(calls).toEqual([]);
  });

  it('03_im_message_receive_v1_text: the stranger gets the "not bound" text like sample 06, nothing stored', async () => {
    const { path, init } = await larkDelivery(message);
    const res = await storesNothing('feishu', OPEN_ID, () => call(path, init));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const sends = larkSends();
    expect(sends).toHaveLength(1);
    expect(sends[0]!.query.get('receive_id_type')).toBe('open_id');
    expect(sends[0]!.body).toEqual({
      receive_id: OPEN_ID,
      msg_type: 'text',
      content: JSON.stringify({ text: CHAT_COPY.stranger }),
    });
    // With its own verification token (another app's), it is refused after decryption.
    calls = [];
    const foreign = await larkDelivery(message, { token: message.header.token });
    const refused = await storesNothing('feishu', OPEN_ID, () => call(foreign.path, foreign.init));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: HOOK_COPY.badSignature });
    expect(calls).toEqual([]);
  });

  it('03_im_message_receive_v1_text: the adapter reads the event id, open_id and the text inside content', async () => {
    const { path, init } = await larkDelivery(message);
    expect(inboundOf(await feishu.receive(new Request(ORIGIN + path, init), ctx))).toEqual({
      platform: 'feishu',
      eventId: '5e3702a84e847582be8db7fb73283c02',
      userId: OPEN_ID,
      chatId: OPEN_ID,
      text: '开始问卷',
      kind: 'text',
    });
  });

  it('03_im_message_receive_v1_text in a group chat: the private-chat pointer, nothing stored', async () => {
    const group = {
      ...message,
      header: { ...message.header, event_id: `${message.header.event_id}g` },
      event: { ...message.event, message: { ...message.event.message, chat_type: 'group' } },
    };
    const { path, init } = await larkDelivery(group);
    const res = await storesNothing('feishu', OPEN_ID, () => call(path, init));
    expect(res.status).toBe(200);
    expect(larkSends().map((c) => JSON.parse(c.body.content).text)).toEqual([CHAT_COPY.privateOnly]);
  });

  it('03 from a bound person: the bot’s real replies are a text like sample 06 and a card like sample 07, once', async () => {
    const openId = `ou_sample${++unique}`;
    const from = (id: string, text: string) => ({
      ...message,
      header: { ...message.header, event_id: id },
      event: {
        ...message.event,
        sender: {
          ...message.event.sender,
          sender_id: { ...message.event.sender.sender_id, open_id: openId },
        },
        message: { ...message.event.message, content: JSON.stringify({ text }) },
      },
    });
    const join = await larkDelivery(from(`${openId}-join`, `/start ${await officialInvite()}`));
    expect((await call(join.path, join.init)).status).toBe(200);
    calls = [];
    const sampleText = JSON.parse(message.event.message.content).text as string;
    const event = from(`${openId}-text`, sampleText);
    const { path, init } = await larkDelivery(event);
    expect((await call(path, init)).status).toBe(200);
    const [text, card] = larkSends().map((c) => c.body);
    const textSample = sampleJson('feishu/06_send_message_text.json');
    const { uuid, ...textFields } = textSample;
    void uuid;
    expect(Object.keys(text).sort()).toEqual(Object.keys(textFields).sort());
    expect(text).toEqual({
      receive_id: openId,
      msg_type: 'text',
      content: JSON.stringify({ text: CHAT_COPY.notFilling }),
    });
    expect(card.receive_id).toBe(openId);
    const parsed = expectLikeSampleCard(card);
    expect(parsed.elements[1].actions.map((b: any) => b.text.content)).toEqual(['开始填报']);
    // Feishu retries the same event_id: nothing sent again.
    calls = [];
    const retry = await larkDelivery(event);
    expect((await call(retry.path, retry.init)).status).toBe(200);
    expect(calls.filter((c) => c.path === '/open-apis/im/v1/messages')).toEqual([]);
  });

  it('04_card_action_trigger: a press on the bot’s own card is read from action.value and answered like sample 05 allows', async () => {
    // The value of the bot's own "是" button, in the sample press.
    const ours = JSON.parse((await ourCard()).content);
    const value = ours.elements[1].actions[0].value;
    const pressed = { ...press, event: { ...press.event, action: { ...press.event.action, value } } };
    const req = await larkDelivery(pressed);
    expect(inboundOf(await feishu.receive(new Request(ORIGIN + req.path, req.init), ctx))).toEqual({
      platform: 'feishu',
      eventId: 'f7984f25108f8137722bb63cee927e66',
      userId: OPEN_ID,
      chatId: OPEN_ID,
      text: '是',
      kind: 'text',
    });
    const { path, init } = await larkDelivery(pressed);
    const res = await storesNothing('feishu', OPEN_ID, () => call(path, init));
    // Answered 200 within the request; the sample's comment allows {} or {toast, card} (sample 05).
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    // The bot answers the bare {} (no toast, no card update): nothing outside sample 05's fields.
    const answer = (await res.json()) as Record<string, unknown>;
    const allowed = [...Object.keys(sampleJson('feishu/05_card_callback_response.json')), 'card'];
    expect(Object.keys(answer).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(answer).toEqual({});
    // The reply itself comes as a message to the presser.
    expect(larkSends().map((c) => [c.body.receive_id, JSON.parse(c.body.content).text])).toEqual([
      [OPEN_ID, CHAT_COPY.stranger],
    ]);
  });

  it('04_card_action_trigger with the sample’s own button value (another card’s): refused, nothing stored or sent', async () => {
    const { path, init } = await larkDelivery(press);
    const res = await storesNothing('feishu', OPEN_ID, () => call(path, init));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: HOOK_COPY.badUpdate });
    expect(calls).toEqual([]);
  });

  it('06_send_message_text: im/v1/messages gets the sample’s body, with the tenant_access_token answer cached', async () => {
    const s = sampleJson('feishu/06_send_message_text.json');
    const tokenKey = 'feishu:token:cli_test';
    answers.set('/open-apis/auth/v3/tenant_access_token/internal', () => ({
      code: 0,
      msg: 'ok',
      tenant_access_token: 't-sample',
      expire: 7200,
    }));
    await env.CACHE.delete(tokenKey);
    const text = JSON.parse(s.content).text as string;
    await feishu.send(s.receive_id, [reply(text)], ctx);
    await feishu.send(s.receive_id, [reply(text)], ctx);
    const tokenCalls = calls.filter((c) => c.path.endsWith('/tenant_access_token/internal'));
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.body).toEqual({ app_id: 'cli_test', app_secret: 'test-feishu-secret' });
    const sends = larkSends();
    expect(sends).toHaveLength(2);
    // uuid (idempotency) is optional; everything else is as in the sample.
    const { uuid, ...required } = s;
    void uuid;
    for (const c of sends) {
      expect(c.method).toBe('POST');
      expect(c.query.get('receive_id_type')).toBe('open_id');
      expect(c.headers.get('Authorization')).toBe('Bearer t-sample');
      expect(c.body).toEqual(required);
    }
    expect(await env.CACHE.get(tokenKey)).toBe('t-sample');
  });

  it('07_send_message_interactive_card: replies with buttons are cards like the sample, under 30 KB', async () => {
    const card = expectLikeSampleCard(await ourCard());
    expect(card.elements[0].text.content).toBe('本村是否已完成人居环境整治？');
    expect(card.elements[1].actions.map((b: any) => b.text.content)).toEqual(['是', '否']);
    // The longest replies: long text and several rows of buttons, each message within the limit.
    const long = Array.from({ length: 300 }, (_, i) => `第 ${i} 行："某某镇人民政府"（填报中）`).join('\n');
    const rows: Button[][] = Array.from({ length: 4 }, (_, r) =>
      Array.from({ length: 3 }, (_, i) => ({ label: `第${r}${i}项`, data: `/edit ${r}${i}` })),
    );
    await feishu.send(OPEN_ID, [reply(long, rows)], ctx);
    const messages = larkSends().map((c) => c.body);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(utf8Bytes(m.content)).toBeLessThanOrEqual(30 * 1024);
    expectLikeSampleCard(messages.at(-1));
    expect(messages.slice(0, -1).every((m) => m.msg_type === 'text')).toBe(true);
  });
});
