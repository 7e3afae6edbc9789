// Local fakes of the WeCom, DingTalk and Feishu open APIs, and a person chatting with the bot on
// each platform exactly as the platform delivers messages: signed, and encrypted where it encrypts.
import aesjs from 'aes-js';
import { vi } from 'vitest';
import { call } from '../worker';
import { dingtalkRequest, readDingMarkdown } from '../../src/chat/dingtalk';
import { feishuRequest, larkEvent, readLarkMessage } from '../../src/chat/feishu';
import { readWecomText, wecomRequest } from '../../src/chat/wecom';
import { findButton, Person as TelegramPerson, type BotMessage } from './telegram';

export const WECOM = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
};
export const DING_SECRET = 'test-ding-secret';
export const LARK = { encryptKey: 'test feishu key', token: 'test-feishu-token' };

export interface Recorded {
  host: string;
  /** The Bot API method, for Telegram. */
  method: string;
  path: string;
  body: any;
  headers: Headers;
}

/** How the fake platform refuses a message: an HTTP error, a rate limit, or no answer in time. */
export type Failure = { status: 500 } | { status: 429; retryAfter: number } | 'timeout';

/** A request that sends a message (not a token request), on any platform. */
const sendsMessage = (url: URL) =>
  url.hostname === 'ding-session.fake' ||
  /\/sendMessage$|\/message\/send$|\/oToMessages\/batchSend$|\/im\/v1\/messages$/.test(url.pathname);

/** The platform's way of saying "too many requests, wait this long". */
function rateLimited(host: string, seconds: number): Response {
  const json = (v: unknown) =>
    new Response(JSON.stringify(v), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': String(seconds) },
    });
  if (host === 'telegram.fake')
    return json({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests',
      parameters: { retry_after: seconds },
    });
  return json({ errcode: 45009, code: 99991400, msg: 'rate limited' });
}

/** Answers every *.fake platform API as the platform would; records what was sent. */
export function installFakePlatforms() {
  const sent: Recorded[] = [];
  /** Refusals waiting for the next message-sending requests, in order. */
  const failures: Failure[] = [];
  let attempts = 0;
  const realFetch = globalThis.fetch;
  const spy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (!url.hostname.endsWith('.fake')) return realFetch(input, init);
      if (sendsMessage(url)) {
        attempts++;
        const failure = failures.shift();
        if (failure === 'timeout')
          throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
        if (failure?.status === 429) return rateLimited(url.hostname, failure.retryAfter);
        if (failure) return new Response('upstream error', { status: failure.status });
      }
      const text = await req.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      sent.push({
        host: url.hostname,
        method: url.pathname.split('/').pop()!,
        path: url.pathname + url.search,
        body,
        headers: req.headers,
      });
      const json = (v: unknown) =>
        new Response(JSON.stringify(v), { headers: { 'Content-Type': 'application/json' } });
      if (url.pathname.endsWith('/cgi-bin/gettoken'))
        return json({ errcode: 0, errmsg: 'ok', access_token: 'wecom-token', expires_in: 7200 });
      if (url.pathname.endsWith('/oauth2/accessToken'))
        return json({ accessToken: 'ding-token', expireIn: 7200 });
      if (url.pathname.endsWith('/tenant_access_token/internal'))
        return json({ code: 0, tenant_access_token: 'lark-token', expire: 7200 });
      if (url.hostname === 'telegram.fake') return json({ ok: true, result: true });
      return json({ errcode: 0, code: 0 });
    });
  return {
    sent,
    /** The next message-sending requests fail like this, one each. */
    failNext: (...next: Failure[]) => void failures.push(...next),
    /** Message-sending requests made so far, refused ones included. */
    attempts: () => attempts,
    restore: () => spy.mockRestore(),
  };
}

export type Fake = ReturnType<typeof installFakePlatforms>;

/** What every chat driver offers a conversation test. */
export interface Chat {
  readonly platform: string;
  readonly userId: string;
  sentCount: number;
  say(text: string): Promise<BotMessage[]>;
  press(data: string, step?: string): Promise<BotMessage[]>;
  /** Messages the bot sent this person unprompted (notifications). */
  pushed(): string[];
}

/** An independent reading of WeCom's passive reply: signature by SHA-1, decryption by aes-js. */
export async function readWecomReply(xml: string): Promise<string> {
  const field = (name: string) =>
    new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1] ?? '';
  const [encrypted, signature, ts, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(field);
  const digest = await crypto.subtle.digest(
    'SHA-1',
    new TextEncoder().encode([WECOM.token, ts!, nonce!, encrypted!].sort().join('')),
  );
  const hex = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
  if (hex !== signature) throw new Error('passive reply signature does not verify');
  const key = Uint8Array.from(atob(`${WECOM.aesKey}=`), (c) => c.charCodeAt(0));
  const raw = new aesjs.ModeOfOperation.cbc(key, key.slice(0, 16)).decrypt(
    Uint8Array.from(atob(encrypted!), (c) => c.charCodeAt(0)),
  );
  const plain = raw.slice(0, raw.length - raw[raw.length - 1]!);
  const len = new DataView(plain.buffer).getUint32(16);
  const receiveId = new TextDecoder().decode(plain.slice(20 + len));
  if (receiveId !== WECOM.corpId) throw new Error(`wrong receive id ${receiveId}`);
  const inner = new TextDecoder().decode(plain.slice(20, 20 + len));
  return /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(inner)![1]!;
}

export async function wecomEnvelope(
  user: string,
  text: string,
  opts: { msgId?: string; ts?: number; corpId?: string } = {},
) {
  const r = await wecomRequest({ ...WECOM, agentId: '1000002' }, user, text, {
    id: opts.msgId,
    ts: opts.ts,
    corpId: opts.corpId,
  });
  return { path: r.path, body: r.init.body as string };
}

/** A person on a platform: counts what they send; subclasses deliver a message the platform's way. */
abstract class PlatformPerson implements Chat {
  abstract readonly platform: string;
  sentCount = 0;
  /** What the bot said last, whose buttons a press looks for. */
  recent: BotMessage[] = [];
  constructor(
    readonly userId: string,
    readonly fake: Fake,
  ) {}
  protected abstract deliver(text: string, press: boolean, step?: string): Promise<BotMessage[]>;
  abstract pushed(): string[];
  private async remember(out: Promise<BotMessage[]>) {
    const messages = await out;
    if (messages.length) this.recent = messages;
    return messages;
  }
  say(text: string) {
    this.sentCount++;
    return this.remember(this.deliver(text, false));
  }
  /** Presses the button on screen that sends `data` (its question included), or sends `data` as a press. */
  press(data: string, step?: string) {
    this.sentCount++;
    const button = step === undefined ? findButton(this.recent, data) : undefined;
    return this.remember(this.deliver(button?.data ?? data, true, step ?? button?.step));
  }
}

export class WecomPerson extends PlatformPerson {
  readonly platform = 'wecom';
  protected async deliver(text: string) {
    const before = this.fake.sent.length;
    const { path, body } = await wecomEnvelope(this.userId, text);
    const res = await call(path, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
    if (res.status !== 200) throw new Error(`wecom webhook ${res.status}: ${await res.text()}`);
    const xml = await res.text();
    const out = xml === 'success' ? [] : readWecomText(await readWecomReply(xml));
    const later = this.fake.sent
      .slice(before)
      .filter((s) => s.path.includes('/message/send') && s.body.touser === this.userId);
    // The passive reply is the first part; the rest follow through the API.
    return [...out, ...later.flatMap((s) => readWecomText(s.body.text.content))];
  }
  pushed() {
    return this.fake.sent
      .filter((s) => s.path.includes('/message/send') && s.body.touser === this.userId)
      .map((s) => s.body.text.content);
  }
}

let lastDingTs = 0;

export async function dingRequest(
  user: string,
  text: string,
  opts: { msgId?: string; ts?: number; secret?: string } = {},
) {
  // Strictly increasing: the bot honours a signed timestamp once, as DingTalk sends each once.
  lastDingTs = Math.max(Date.now(), lastDingTs + 1);
  const r = await dingtalkRequest(
    { appSecret: DING_SECRET, sessionBase: 'http://ding-session.fake/' },
    user,
    text,
    { id: opts.msgId, ts: opts.ts ?? lastDingTs, secret: opts.secret },
  );
  return { headers: r.init.headers, body: r.init.body as string };
}

export class DingPerson extends PlatformPerson {
  readonly platform = 'dingtalk';
  // A dtmd link makes the client send its content as an ordinary message: a press is a message.
  protected async deliver(text: string) {
    const before = this.fake.sent.length;
    const req = await dingRequest(this.userId, text);
    const res = await call('/hooks/dingtalk', { method: 'POST', ...req });
    if (res.status !== 200) throw new Error(`dingtalk webhook ${res.status}: ${await res.text()}`);
    return this.fake.sent
      .slice(before)
      .filter((s) => s.host === 'ding-session.fake' && s.path.includes(`session=${this.userId}`))
      .map((s) => readDingMarkdown(s.body.markdown.text));
  }
  pushed() {
    return this.fake.sent
      .filter((s) => s.path.includes('/oToMessages/batchSend') && s.body.userIds.includes(this.userId))
      .map((s) => readDingMarkdown(JSON.parse(s.body.msgParam).text).text);
  }
}

export async function larkRequest(
  event: unknown,
  opts: { ts?: number; signed?: boolean; encryptKey?: string } = {},
) {
  const r = await feishuRequest({ encryptKey: LARK.encryptKey }, event, opts);
  return { headers: r.init.headers, body: r.init.body as string };
}

export function larkText(openId: string, text: string, eventId?: string) {
  return larkEvent({ verificationToken: LARK.token }, openId, text, { id: eventId });
}

const larkMessage = (s: Recorded): BotMessage => readLarkMessage(s.body);

export class LarkPerson extends PlatformPerson {
  readonly platform = 'feishu';
  protected async deliver(text: string, press: boolean, step?: string) {
    const event = larkEvent({ verificationToken: LARK.token }, this.userId, text, { press, step });
    const before = this.fake.sent.length;
    const res = await call('/hooks/feishu', { method: 'POST', ...(await larkRequest(event)) });
    if (res.status !== 200) throw new Error(`feishu webhook ${res.status}: ${await res.text()}`);
    return this.fake.sent
      .slice(before)
      .filter((s) => s.path.includes('/im/v1/messages') && s.body.receive_id === this.userId)
      .map(larkMessage);
  }
  pushed() {
    return this.fake.sent
      .filter((s) => s.path.includes('/im/v1/messages') && s.body.receive_id === this.userId)
      .map((s) => larkMessage(s).text);
  }
}

/** The Telegram person, with the same interface. */
export class TgChat implements Chat {
  readonly platform = 'telegram';
  private readonly inner: TelegramPerson;
  constructor(
    readonly userId: string,
    private readonly fake: Fake,
  ) {
    this.inner = new TelegramPerson(Number(userId), fake as never);
  }
  get sentCount() {
    return this.inner.sentCount;
  }
  say(text: string) {
    return this.inner.say(text);
  }
  press(data: string, step?: string) {
    return this.inner.press(data, step);
  }
  pushed() {
    return this.fake.sent
      .filter(
        (s) =>
          s.host === 'telegram.fake' && s.method === 'sendMessage' && String(s.body.chat_id) === this.userId,
      )
      .map((s) => s.body.text as string);
  }
}
