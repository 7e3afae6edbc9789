// DingTalk (钉钉, and 政务钉钉) enterprise robot: callbacks verified by the timestamp + sign headers
// (an hour's window), replies as markdown to the message's sessionWebhook with buttons as dtmd://
// send-message links, and messages the bot starts through the robot OpenAPI with a cached token.
import type { Reply } from '../engine/reply';
import { taggedText } from '../engine/words';
import { HOOK_COPY } from './copy';
import { dingSign, dingVerify } from './crypto/dingtalk';
import { apiBase, cachedToken, withToken } from './tokens';
import {
  cutReplies,
  failure,
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
import { bodyJson } from '../lib/body';

const MARKDOWN_LIMIT = 4000;

interface DingMessage {
  msgId?: unknown;
  msgtype?: unknown;
  text?: { content?: unknown };
  senderStaffId?: unknown;
  senderId?: unknown;
  senderNick?: unknown;
  conversationType?: unknown;
  sessionWebhook?: unknown;
}

/** Markdown with each button as a link that makes the DingTalk client send its data back. */
function dingMarkdown(reply: Reply): { title: string; text: string }[] {
  const escape = (s: string) => s.replace(/([\\`*_[\]#>-])/g, '\\$1');
  const links = (reply.buttons ?? []).flat().map(
    // A press is sent as the person's own text: it names its question, so an old link is told apart.
    (b) =>
      `[${escape(b.label)}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(b.step ? taggedText(b.data, b.step.name) : b.data)})`,
  );
  const parts = splitText(reply.text, MARKDOWN_LIMIT);
  return parts.map((part, i) => {
    const body = part.split('\n').map(escape).join('  \n');
    const text = i === parts.length - 1 && links.length ? `${body}\n\n${links.join(' ｜ ')}` : body;
    return { title: part.split('\n')[0]!.slice(0, 20) || '年报助手', text };
  });
}

/** Only DingTalk's own session endpoint (same origin as the configured base, its robot path). */
export function isSessionWebhook(hook: string, base: string): boolean {
  try {
    const url = new URL(hook);
    const allowed = new URL(base.endsWith('/') ? base : `${base}/`);
    return (
      url.origin === allowed.origin &&
      url.pathname.startsWith(`${allowed.pathname}robot/sendBySession`) &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

async function accessToken(ctx: PlatformContext, refresh = false) {
  const env = ctx.env;
  return cachedToken(
    env.CACHE,
    `dingtalk:token:${env.DINGTALK_APP_KEY}`,
    async () => {
      const res = await ctx.fetch(`${apiBase(env.DINGTALK_API_BASE)}/v1.0/oauth2/accessToken`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET }),
      });
      const body = (await res.json()) as { accessToken?: string; expireIn?: number };
      if (!res.ok || !body.accessToken) throw new Error(`dingtalk accessToken failed: ${res.status}`);
      return { token: body.accessToken, expiresIn: body.expireIn ?? 7200 };
    },
    refresh,
  );
}

export const dingtalk: Adapter = {
  platform: 'dingtalk',
  label: '钉钉',

  async receive(req, ctx): Promise<Received> {
    const env = ctx.env;
    if (!env.DINGTALK_APP_SECRET) return { kind: 'refuse', response: notConfigured('dingtalk') };
    const timestamp = req.headers.get('timestamp') ?? '';
    const sign = req.headers.get('sign') ?? '';
    const verified = await dingVerify(env.DINGTALK_APP_SECRET, timestamp, sign, Date.now());
    if (verified !== 'valid')
      return refuse(401, verified === 'stale' ? HOOK_COPY.staleRequest : HOOK_COPY.badSignature);
    let m: DingMessage;
    try {
      m = (await bodyJson(req)) as DingMessage;
    } catch {
      return refuse(400, HOOK_COPY.notJson);
    }
    if (m === null || typeof m !== 'object' || typeof m.msgId !== 'string' || !m.msgId)
      return refuse(400, HOOK_COPY.badUpdate);
    const user =
      typeof m.senderStaffId === 'string' && m.senderStaffId
        ? m.senderStaffId
        : typeof m.senderId === 'string'
          ? m.senderId
          : '';
    if (!user) return refuse(400, HOOK_COPY.badUpdate);
    const hook = typeof m.sessionWebhook === 'string' ? m.sessionWebhook : '';
    const text = m.msgtype === 'text' && typeof m.text?.content === 'string' ? m.text.content.trim() : '';
    const inbound: Inbound = {
      platform: 'dingtalk',
      eventId: m.msgId,
      userId: user,
      chatId: user,
      text,
      kind: m.conversationType === '2' ? 'group' : m.msgtype === 'text' ? 'text' : 'unsupported',
      displayName: typeof m.senderNick === 'string' ? m.senderNick : '',
      replyTo: hook,
      // DingTalk's sign covers the timestamp, not the body: a header pair is honoured once.
      nonce: `dingtalk:${timestamp}:${sign}`,
    };
    return { kind: 'message', inbound };
  },

  units(replies) {
    return cutReplies(replies, MARKDOWN_LIMIT);
  },

  // DingTalk's webhook answer carries no message: every reply goes to the message's sessionWebhook.
  split(replies) {
    return { inline: [], later: this.units(replies) };
  },

  async respond() {
    return jsonResponse({});
  },

  /** A reply goes to the message's own sessionWebhook — only DingTalk's — else through the robot API. */
  async send(chatId, replies, ctx, replyTo) {
    const env = ctx.env;
    const hook =
      replyTo && isSessionWebhook(replyTo, env.DINGTALK_SESSION_BASE || 'https://oapi.dingtalk.com/');
    for (const r of replies) {
      for (const markdown of dingMarkdown(r)) {
        if (hook) {
          const res = await ctx.fetch(replyTo, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ msgtype: 'markdown', markdown }),
          });
          if (res.ok) continue;
          // A session webhook lives about an hour and a half: past that (refused as gone), the robot
          // API still reaches them. A rate limit or a server error is tried again later.
          if (![400, 403, 404, 410].includes(res.status))
            throw failure('dingtalk sessionWebhook', res, await res.text().catch(() => ''));
        }
        await withToken(
          (refresh) => accessToken(ctx, refresh),
          async (token) => {
            const res = await ctx.fetch(
              `${apiBase(env.DINGTALK_API_BASE)}/v1.0/robot/oToMessages/batchSend`,
              {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'x-acs-dingtalk-access-token': token },
                body: JSON.stringify({
                  robotCode: env.DINGTALK_ROBOT_CODE,
                  userIds: [chatId],
                  msgKey: 'sampleMarkdown',
                  msgParam: JSON.stringify(markdown),
                }),
              },
            );
            if (res.status === 401) return 'expired';
            if (!res.ok) throw failure('dingtalk batchSend', res, await res.text().catch(() => ''));
          },
        );
      }
    }
  },

  dev: {
    userPrefix: 'ding',
    request: (env, origin, user, text) =>
      dingtalkRequest(
        {
          appSecret: env.DINGTALK_APP_SECRET,
          sessionBase: env.DINGTALK_SESSION_BASE || `${origin}/dev/dingtalk/`,
        },
        user,
        text,
      ),
    readResponse: async () => [],
    fake({ path, query, body }) {
      if (path.endsWith('/oauth2/accessToken')) return { json: { accessToken: 'dev-token', expireIn: 7200 } };
      if (path.endsWith('/robot/sendBySession')) {
        const markdown = (body as { markdown?: { text?: string } }).markdown?.text ?? '';
        return {
          json: { errcode: 0 },
          sent: { chatId: query.get('session') ?? '', messages: [readDingMarkdown(markdown)] },
        };
      }
      if (path.endsWith('/oToMessages/batchSend')) {
        const b = body as { userIds?: string[]; msgParam?: string };
        const text = (JSON.parse(b.msgParam ?? '{}') as { text?: string }).text ?? '';
        return {
          json: { processQueryKey: 'dev' },
          sent: { chatId: b.userIds?.[0] ?? '', messages: [readDingMarkdown(text)] },
        };
      }
      return { json: { errcode: 0 } };
    },
  },
};

/** A robot callback exactly as DingTalk delivers it, with its timestamp and sign headers. */
export async function dingtalkRequest(
  cfg: { appSecret: string; sessionBase: string },
  user: string,
  text: string,
  opts: { id?: string; ts?: number; secret?: string; sessionWebhook?: string } = {},
): Promise<Simulated> {
  const timestamp = String(opts.ts ?? Date.now());
  const body = {
    conversationId: `cid${user}`,
    msgId: opts.id ?? `msg${uniqueId()}`,
    senderNick: '测试',
    senderStaffId: user,
    senderId: `$:LWCP_v1:$${user}`,
    conversationType: '1',
    sessionWebhook:
      opts.sessionWebhook ?? `${cfg.sessionBase}robot/sendBySession?session=${encodeURIComponent(user)}`,
    sessionWebhookExpiredTime: Date.now() + 5_400_000,
    text: { content: text },
    msgtype: 'text',
  };
  return {
    path: '/hooks/dingtalk',
    init: {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        timestamp,
        sign: await dingSign(opts.secret ?? cfg.appSecret, timestamp),
      },
      body: JSON.stringify(body),
    },
  };
}

/** A DingTalk markdown message: its text, and its dtmd:// links as buttons. */
export function readDingMarkdown(markdown: string): Seen {
  const buttons = [
    ...markdown.matchAll(/\[([^\]]*)\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]*)\)/g),
  ].map((m) => ({ label: m[1]!.replace(/\\(.)/g, '$1'), data: decodeURIComponent(m[2]!) }));
  const text = markdown
    .replace(/\n\n\[[\s\S]*$/, '')
    .replace(/ {2}\n/g, '\n')
    .replace(/\\(.)/g, '$1');
  return { text, buttons };
}
