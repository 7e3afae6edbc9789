// Feishu / Lark: event subscription v2 (url_verification, plain or encrypted; X-Lark-Signature;
// AES-256-CBC events), text messages and card button presses in; text and interactive cards out
// through im/v1/messages with a cached tenant_access_token.
import type { Reply } from '../engine/reply';
import { safeEqual } from '../lib/secrets';
import { HOOK_COPY } from './copy';
import { larkDecrypt, larkEncrypt, larkSignature, larkVerify } from './crypto/feishu';
import { apiBase, cachedToken, withToken } from './tokens';
import {
  cutReplies,
  failure,
  freshTimestamp,
  SendError,
  jsonResponse,
  notConfigured,
  refuse,
  splitText,
  type Adapter,
  type Inbound,
  type PlatformContext,
  type Received,
  type Seen,
  type Simulated,
  uniqueId,
} from './types';

interface LarkEvent {
  type?: string;
  challenge?: string;
  token?: string;
  schema?: string;
  header?: { event_id?: string; event_type?: string; token?: string };
  event?: {
    sender?: { sender_id?: { open_id?: string } };
    message?: { message_id?: string; message_type?: string; content?: string; chat_type?: string };
    operator?: { open_id?: string };
    action?: { value?: { d?: unknown; s?: unknown } };
  };
}

const TEXT_LIMIT = 3000;

/** A reply as a Feishu message: an interactive card when it has buttons, plain text otherwise. */
function larkMessages(reply: Reply): { msg_type: string; content: string }[] {
  const parts = splitText(reply.text, 3000);
  return parts.map((text, i) => {
    const buttons = i === parts.length - 1 ? (reply.buttons ?? []) : [];
    if (!buttons.length) return { msg_type: 'text', content: JSON.stringify({ text }) };
    const card = {
      config: { wide_screen_mode: true },
      elements: [
        { tag: 'div', text: { tag: 'plain_text', content: text } },
        ...buttons.map((row) => ({
          tag: 'action',
          actions: row.map((b) => ({
            tag: 'button',
            text: { tag: 'plain_text', content: b.label },
            type: 'default',
            value: b.step ? { d: b.data, s: b.step.id } : { d: b.data },
          })),
        })),
      ],
    };
    return { msg_type: 'interactive', content: JSON.stringify(card) };
  });
}

async function tenantToken(ctx: PlatformContext, refresh = false) {
  const env = ctx.env;
  return cachedToken(
    env.CACHE,
    `feishu:token:${env.FEISHU_APP_ID}`,
    async () => {
      const res = await ctx.fetch(
        `${apiBase(env.FEISHU_API_BASE)}/open-apis/auth/v3/tenant_access_token/internal`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ app_id: env.FEISHU_APP_ID, app_secret: env.FEISHU_APP_SECRET }),
        },
      );
      const body = (await res.json()) as { code?: number; tenant_access_token?: string; expire?: number };
      if (body.code || !body.tenant_access_token)
        throw new Error(`feishu tenant_access_token failed: ${JSON.stringify(body)}`);
      return { token: body.tenant_access_token, expiresIn: body.expire ?? 7200 };
    },
    refresh,
  );
}

async function sendTo(ctx: PlatformContext, openId: string, message: { msg_type: string; content: string }) {
  await withToken(
    (refresh) => tenantToken(ctx, refresh),
    async (token) => {
      const res = await ctx.fetch(
        `${apiBase(ctx.env.FEISHU_API_BASE)}/open-apis/im/v1/messages?receive_id_type=open_id`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ receive_id: openId, ...message }),
        },
      );
      const body = (await res.json().catch(() => ({}))) as { code?: number };
      if (body.code === 99991663 || body.code === 99991661) return 'expired';
      // 99991400: too many requests (Feishu's rate limit, HTTP 429): tried again, never given up.
      if (body.code === 99991400 || res.status === 429) {
        const reset = Number(res.headers.get('x-ogw-ratelimit-reset'));
        throw failure('feishu send', res, body, Number.isFinite(reset) && reset > 0 ? reset : undefined);
      }
      if (!res.ok) throw failure('feishu send', res, body);
      if (body.code) throw new SendError(`feishu send: ${JSON.stringify(body).slice(0, 300)}`);
    },
  );
}

export const feishu: Adapter = {
  platform: 'feishu',
  label: '飞书',

  async receive(req, ctx): Promise<Received> {
    const env = ctx.env;
    if (!env.FEISHU_VERIFICATION_TOKEN) return { kind: 'refuse', response: notConfigured('feishu') };
    const raw = new Uint8Array(await req.arrayBuffer());
    let outer: { encrypt?: unknown } & LarkEvent;
    try {
      outer = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return refuse(400, HOOK_COPY.notJson);
    }
    if (outer === null || typeof outer !== 'object') return refuse(400, HOOK_COPY.badUpdate);
    let event: LarkEvent = outer;
    if (env.FEISHU_ENCRYPT_KEY) {
      if (typeof outer.encrypt !== 'string') return refuse(401, HOOK_COPY.badSignature);
      const ts = req.headers.get('X-Lark-Request-Timestamp');
      const nonce = req.headers.get('X-Lark-Request-Nonce');
      const sig = req.headers.get('X-Lark-Signature');
      const signed = ts !== null && nonce !== null && sig !== null;
      if (signed) {
        if (!(await larkVerify(ts, nonce, env.FEISHU_ENCRYPT_KEY, raw, sig)))
          return refuse(401, HOOK_COPY.badSignature);
        if (!freshTimestamp(ts, Date.now())) return refuse(401, HOOK_COPY.staleRequest);
      }
      const plain = await larkDecrypt(env.FEISHU_ENCRYPT_KEY, outer.encrypt);
      if (plain === null) return refuse(400, HOOK_COPY.badUpdate);
      try {
        event = JSON.parse(plain) as LarkEvent;
      } catch {
        return refuse(400, HOOK_COPY.badUpdate);
      }
      // Only the URL check comes unsigned; every event must carry a valid signature.
      if (!signed && event?.type !== 'url_verification') return refuse(401, HOOK_COPY.badSignature);
    }
    if (event === null || typeof event !== 'object') return refuse(400, HOOK_COPY.badUpdate);
    const token = event.header?.token ?? event.token ?? '';
    if (!safeEqual(token, env.FEISHU_VERIFICATION_TOKEN)) return refuse(401, HOOK_COPY.badSignature);
    if (event.type === 'url_verification')
      return { kind: 'ignore', response: jsonResponse({ challenge: event.challenge ?? '' }) };

    const eventId = event.header?.event_id;
    const type = event.header?.event_type;
    if (typeof eventId !== 'string' || !eventId) return refuse(400, HOOK_COPY.badUpdate);
    if (type === 'im.message.receive_v1') {
      const openId = event.event?.sender?.sender_id?.open_id;
      const msg = event.event?.message;
      if (typeof openId !== 'string' || !msg) return refuse(400, HOOK_COPY.badUpdate);
      let text = '';
      if (msg.message_type === 'text') {
        try {
          text = String((JSON.parse(msg.content ?? '{}') as { text?: unknown }).text ?? '')
            .replace(/@_user_\d+/g, '')
            .trim();
        } catch {
          return refuse(400, HOOK_COPY.badUpdate);
        }
      }
      const inbound: Inbound = {
        platform: 'feishu',
        eventId,
        userId: openId,
        chatId: openId,
        text,
        kind:
          msg.chat_type && msg.chat_type !== 'p2p'
            ? 'group'
            : msg.message_type === 'text'
              ? 'text'
              : 'unsupported',
      };
      return { kind: 'message', inbound };
    }
    if (type === 'card.action.trigger') {
      const openId = event.event?.operator?.open_id;
      const data = event.event?.action?.value?.d;
      const step = event.event?.action?.value?.s;
      if (typeof openId !== 'string' || typeof data !== 'string') return refuse(400, HOOK_COPY.badUpdate);
      return {
        kind: 'message',
        inbound: {
          platform: 'feishu',
          eventId,
          userId: openId,
          chatId: openId,
          text: data.trim(),
          kind: 'text',
          ...(typeof step === 'string' && step ? { step } : {}),
        },
      };
    }
    return { kind: 'ignore', response: jsonResponse({}) };
  },

  units(replies) {
    return cutReplies(replies, TEXT_LIMIT);
  },

  // Feishu's event answer carries no message: every reply goes through im/v1/messages.
  split(replies) {
    return { inline: [], later: this.units(replies) };
  },

  async respond() {
    return jsonResponse({});
  },

  async send(chatId, replies, ctx) {
    for (const r of replies) for (const m of larkMessages(r)) await sendTo(ctx, chatId, m);
  },

  dev: {
    userPrefix: 'ou_',
    request: (env, _origin, user, text, press) =>
      feishuRequest(
        { encryptKey: env.FEISHU_ENCRYPT_KEY },
        larkEvent({ verificationToken: env.FEISHU_VERIFICATION_TOKEN }, user, text, {
          press: press !== undefined,
          step: press?.step,
        }),
      ),
    readResponse: async () => [],
    fake({ path, body }) {
      if (path.endsWith('/tenant_access_token/internal'))
        return { json: { code: 0, tenant_access_token: 'dev-token', expire: 7200 } };
      if (!path.endsWith('/im/v1/messages')) return { json: { code: 0 } };
      const msg = body as { receive_id?: string; msg_type: string; content: string };
      return {
        json: { code: 0, msg: 'success' },
        sent: { chatId: msg.receive_id ?? '', messages: [readLarkMessage(msg)] },
      };
    },
  },
};

/** An event v2 as Feishu sends it for a text message, or for a card button press. */
export function larkEvent(
  cfg: { verificationToken: string },
  openId: string,
  text: string,
  opts: { id?: string; press?: boolean; step?: string } = {},
) {
  const id = opts.id ?? `ev${uniqueId()}`;
  const header = {
    event_id: id,
    token: cfg.verificationToken,
    create_time: String(Date.now()),
    tenant_key: 't',
    app_id: 'cli',
  };
  return opts.press
    ? {
        schema: '2.0',
        header: { ...header, event_type: 'card.action.trigger' },
        event: {
          operator: { open_id: openId },
          action: { value: opts.step ? { d: text, s: opts.step } : { d: text }, tag: 'button' },
          host: 'im_message',
        },
      }
    : {
        schema: '2.0',
        header: { ...header, event_type: 'im.message.receive_v1' },
        event: {
          sender: { sender_id: { open_id: openId }, sender_type: 'user' },
          message: {
            message_id: `om${id}`,
            chat_type: 'p2p',
            message_type: 'text',
            content: JSON.stringify({ text }),
          },
        },
      };
}

/** An event encrypted with the Encrypt Key and signed, as Feishu delivers it. */
export async function feishuRequest(
  cfg: { encryptKey: string },
  event: unknown,
  opts: { ts?: number; signed?: boolean; encryptKey?: string } = {},
): Promise<Simulated> {
  const body = JSON.stringify({
    encrypt: await larkEncrypt(opts.encryptKey ?? cfg.encryptKey, JSON.stringify(event)),
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.signed !== false) {
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    headers['X-Lark-Request-Timestamp'] = ts;
    headers['X-Lark-Request-Nonce'] = nonce;
    headers['X-Lark-Signature'] = await larkSignature(
      ts,
      nonce,
      cfg.encryptKey,
      new TextEncoder().encode(body),
    );
  }
  return { path: '/hooks/feishu', init: { method: 'POST', headers, body } };
}

/** A Feishu im/v1 message body: text, or an interactive card's text and buttons. */
export function readLarkMessage(body: { msg_type: string; content: string }): Seen {
  const content = JSON.parse(body.content);
  if (body.msg_type === 'text') return { text: content.text, buttons: [] };
  const buttons = (
    content.elements as {
      tag: string;
      actions?: { text: { content: string }; value: { d: string; s?: string } }[];
    }[]
  )
    .flatMap((e) => e.actions ?? [])
    .map((a) =>
      a.value.s
        ? { label: a.text.content, data: a.value.d, step: a.value.s }
        : { label: a.text.content, data: a.value.d },
    );
  return { text: content.elements[0].text.content, buttons };
}
