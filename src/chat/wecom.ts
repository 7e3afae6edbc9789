// WeCom (企业微信, and 政务微信 built on it), self-built app: URL verification and encrypted XML
// callbacks verified by msg_signature; replies as passive encrypted XML in the response (no trusted
// IP needed), and through message/send with a cached access_token for messages the bot starts.
import type { Reply } from '../engine/reply';
import { HOOK_COPY } from './copy';
import { wxDecrypt, wxEncrypt, wxKeyBytes, wxSignature, wxVerify } from './crypto/wxcrypt';
import { apiBase, cachedToken, withToken } from './tokens';
import {
  choicesLine,
  failure,
  freshTimestamp,
  SendError,
  jsonResponse,
  notConfigured,
  refuse,
  splitText,
  type Adapter,
  type PlatformContext,
  type Seen,
  type Simulated,
  uniqueId,
} from './types';
import { cdata, flatXml, parseFlatXml } from './xml';
import { bodyText } from '../lib/body';

const TEXT_BYTES = 2000; // WeCom text messages hold 2048 bytes
const PARTS = '\n\n————\n\n';

function config(env: Env) {
  const key = env.WECOM_ENCODING_AES_KEY ? wxKeyBytes(env.WECOM_ENCODING_AES_KEY) : null;
  if (!env.WECOM_TOKEN || !key || !env.WECOM_CORP_ID) return null;
  return { token: env.WECOM_TOKEN, key, corpId: env.WECOM_CORP_ID };
}

/** Splits texts under WeCom's byte limit; buttons become a line of typed choices. */
function wecomTexts(replies: Reply[]): string[] {
  const whole = replies.map((r) => r.text + choicesLine(r)).join(PARTS);
  const out: string[] = [];
  for (const part of splitText(whole, 600)) {
    // 600 characters of Chinese are at most 1,800 bytes.
    if (new TextEncoder().encode(part).length <= TEXT_BYTES) out.push(part);
    else out.push(...splitText(part, 300));
  }
  return out;
}

async function accessToken(ctx: PlatformContext, refresh = false): Promise<string> {
  const env = ctx.env;
  return cachedToken(
    env.CACHE,
    `wecom:token:${env.WECOM_CORP_ID}:${env.WECOM_AGENT_ID}`,
    async () => {
      const url = `${apiBase(env.WECOM_API_BASE)}/cgi-bin/gettoken?corpid=${encodeURIComponent(env.WECOM_CORP_ID)}&corpsecret=${encodeURIComponent(env.WECOM_SECRET)}`;
      const body = (await (await ctx.fetch(url)).json()) as {
        errcode?: number;
        access_token?: string;
        expires_in?: number;
      };
      if (body.errcode || !body.access_token)
        throw new Error(`wecom gettoken failed: ${JSON.stringify(body)}`);
      return { token: body.access_token, expiresIn: body.expires_in ?? 7200 };
    },
    refresh,
  );
}

async function sendText(ctx: PlatformContext, user: string, content: string): Promise<void> {
  await withToken(
    (refresh) => accessToken(ctx, refresh),
    async (token) => {
      const res = await ctx.fetch(
        `${apiBase(ctx.env.WECOM_API_BASE)}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            touser: user,
            msgtype: 'text',
            agentid: Number(ctx.env.WECOM_AGENT_ID),
            text: { content },
          }),
        },
      );
      if (!res.ok) throw failure('wecom message/send', res, await res.text().catch(() => ''));
      const body = (await res.json().catch(() => ({}))) as { errcode?: number };
      if (body.errcode === 40014 || body.errcode === 42001) return 'expired';
      if (!body.errcode) return;
      const what = `wecom message/send: ${JSON.stringify(body).slice(0, 300)}`;
      // 45009/45033: too many calls (wait a minute); 40003/81013: no such user (trying again won't help).
      if (body.errcode === 45009 || body.errcode === 45033) throw new SendError(what, 60);
      throw new SendError(what, undefined, body.errcode === 40003 || body.errcode === 81013);
    },
  );
}

export const wecom: Adapter = {
  platform: 'wecom',
  label: '企业微信',

  /** URL verification: check the signature over echostr, answer its plaintext. */
  async handshake(req, ctx) {
    const c = config(ctx.env);
    if (!c) return notConfigured('wecom');
    const q = new URL(req.url).searchParams;
    const [sig, ts, nonce, echo] = ['msg_signature', 'timestamp', 'nonce', 'echostr'].map(
      (k) => q.get(k) ?? '',
    );
    if (!sig || !ts || !nonce || !echo) return jsonResponse({ error: HOOK_COPY.badUpdate }, 400);
    if (!(await wxVerify(c.token, ts, nonce, echo, sig)))
      return jsonResponse({ error: HOOK_COPY.badSignature }, 401);
    const plain = await wxDecrypt(c.key, echo);
    if (!plain.ok || plain.receiveId !== c.corpId)
      return jsonResponse({ error: HOOK_COPY.badSignature }, 401);
    return new Response(plain.message, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  },

  async receive(req, ctx) {
    const c = config(ctx.env);
    if (!c) return { kind: 'refuse', response: notConfigured('wecom') };
    const q = new URL(req.url).searchParams;
    const [sig, ts, nonce] = ['msg_signature', 'timestamp', 'nonce'].map((k) => q.get(k) ?? '');
    if (!sig || !ts || !nonce) return refuse(401, HOOK_COPY.badSignature);
    const envelope = parseFlatXml(await bodyText(req));
    const encrypted = envelope?.Encrypt;
    if (!encrypted) return refuse(400, HOOK_COPY.badUpdate);
    if (!(await wxVerify(c.token, ts, nonce, encrypted, sig))) return refuse(401, HOOK_COPY.badSignature);
    if (!freshTimestamp(ts, Date.now())) return refuse(401, HOOK_COPY.staleRequest);
    const plain = await wxDecrypt(c.key, encrypted);
    if (!plain.ok) return refuse(400, HOOK_COPY.badUpdate);
    if (plain.receiveId !== c.corpId) return refuse(401, HOOK_COPY.badSignature);
    const msg = parseFlatXml(plain.message);
    if (!msg || !msg.FromUserName) return refuse(400, HOOK_COPY.badUpdate);
    const base = { platform: 'wecom', userId: msg.FromUserName, chatId: msg.FromUserName, displayName: '' };
    if (msg.MsgType === 'text' && msg.MsgId) {
      return {
        kind: 'message',
        inbound: { ...base, eventId: msg.MsgId, text: (msg.Content ?? '').trim(), kind: 'text' },
      };
    }
    if (msg.MsgType === 'event' && msg.Event === 'template_card_event' && msg.EventKey) {
      const eventId = `${msg.FromUserName}:${msg.CreateTime ?? ''}:${msg.EventKey}`;
      return { kind: 'message', inbound: { ...base, eventId, text: msg.EventKey.trim(), kind: 'text' } };
    }
    if (msg.MsgType !== 'event' && msg.MsgId) {
      return { kind: 'message', inbound: { ...base, eventId: msg.MsgId, text: '', kind: 'unsupported' } };
    }
    // Entering the app, subscribing and other events: acknowledged, nothing stored.
    return { kind: 'ignore', response: new Response('success') };
  },

  /** A passive encrypted reply carrying the (last part of the) answer; earlier parts through the API. */
  units(replies) {
    return wecomTexts(replies).map((text) => ({ text }));
  },

  // The passive reply in the webhook's answer is read first: it carries the first part of a long
  // answer, and the rest follow through message/send.
  split(replies) {
    const [first, ...rest] = this.units(replies);
    return first ? { inline: [first], later: rest } : { inline: [], later: [] };
  },

  async respond(inbound, inline, ctx) {
    const c = config(ctx.env)!;
    if (inline.length === 0) return new Response('success');
    const now = String(Math.floor(Date.now() / 1000));
    const inner = flatXml({
      ToUserName: inbound.userId,
      FromUserName: c.corpId,
      CreateTime: Number(now),
      MsgType: 'text',
      Content: inline.map((r) => r.text).join(PARTS),
    });
    const encrypted = await wxEncrypt(c.key, inner, c.corpId);
    const nonce = String(crypto.getRandomValues(new Uint32Array(1))[0]);
    const signature = await wxSignature(c.token, now, nonce, encrypted);
    return new Response(
      flatXml({ Encrypt: encrypted, MsgSignature: signature, TimeStamp: Number(now), Nonce: nonce }),
      {
        headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      },
    );
  },

  async send(chatId, replies, ctx) {
    for (const part of wecomTexts(replies)) await sendText(ctx, chatId, part);
  },

  dev: {
    userPrefix: 'wx',
    request: (env, _origin, user, text) =>
      wecomRequest(
        {
          token: env.WECOM_TOKEN,
          aesKey: env.WECOM_ENCODING_AES_KEY,
          corpId: env.WECOM_CORP_ID,
          agentId: env.WECOM_AGENT_ID,
        },
        user,
        text,
      ),
    // The passive reply in the webhook's answer, decrypted as the WeCom client would.
    async readResponse(env, body) {
      const encrypted = parseFlatXml(body)?.Encrypt;
      const key = wxKeyBytes(env.WECOM_ENCODING_AES_KEY);
      if (!encrypted || !key) return [];
      const plain = await wxDecrypt(key, encrypted);
      const content = plain.ok ? parseFlatXml(plain.message)?.Content : undefined;
      return content ? readWecomText(content) : [];
    },
    fake({ path, body }) {
      if (path.endsWith('/cgi-bin/gettoken'))
        return { json: { errcode: 0, access_token: 'dev-token', expires_in: 7200 } };
      const msg = body as { touser?: string; text?: { content?: string } };
      return {
        json: { errcode: 0, errmsg: 'ok' },
        sent: path.endsWith('/message/send')
          ? { chatId: msg.touser ?? '', messages: readWecomText(msg.text?.content ?? '') }
          : undefined,
      };
    },
  },
};

/** A text message exactly as WeCom delivers it: encrypted, signed, in its XML envelope. */
export async function wecomRequest(
  cfg: { token: string; aesKey: string; corpId: string; agentId?: string },
  user: string,
  text: string,
  opts: { id?: string; ts?: number; corpId?: string } = {},
): Promise<Simulated> {
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const inner = flatXml({
    ToUserName: cfg.corpId,
    FromUserName: user,
    CreateTime: Number(ts),
    MsgType: 'text',
    Content: text,
    MsgId: opts.id ?? uniqueId(),
    AgentID: cfg.agentId ?? '1',
  });
  const encrypted = await wxEncrypt(wxKeyBytes(cfg.aesKey)!, inner, opts.corpId ?? cfg.corpId);
  const signature = await wxSignature(cfg.token, ts, nonce, encrypted);
  return {
    path: `/hooks/wecom?msg_signature=${signature}&timestamp=${ts}&nonce=${nonce}`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: `<xml><ToUserName>${cdata(cfg.corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata(cfg.agentId ?? '1')}</AgentID></xml>`,
    },
  };
}

/** A WeCom text back into messages; the "可回复：" line becomes buttons of what to type. */
export function readWecomText(content: string): Seen[] {
  return content.split(PARTS).map((part) => {
    const m = /\n\n可回复：(.*)$/.exec(part);
    const buttons = m ? m[1]!.split(' ｜ ').map((x) => ({ label: x, data: x.replace(/（.*）$/, '') })) : [];
    return { text: m ? part.slice(0, m.index) : part, buttons };
  });
}
