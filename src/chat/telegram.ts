// Telegram: webhook updates verified by the secret token header, text messages and inline-keyboard
// presses in, messages with inline keyboards out through the Bot API at TELEGRAM_API_BASE.
import type { Reply } from '../engine/flow';
import { safeEqual } from '../links';
import { API_COPY } from '../report/copy';
import { apiBase } from './tokens';
import { splitText, type Adapter, type PlatformContext, type Received } from './types';
import type { Inbound } from './service';

const LIMIT = 4000; // under Telegram's 4096 characters per message
const CALLBACK_DATA_BYTES = 64;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

interface TgUser {
  id: number;
  first_name?: string;
  last_name?: string;
}
interface TgUpdate {
  update_id?: unknown;
  message?: { message_id: number; from?: TgUser; chat?: { id: number; type?: string }; text?: unknown };
  callback_query?: {
    id: string;
    from?: TgUser;
    data?: unknown;
    message?: { chat?: { id: number; type?: string } };
  };
}

function apiUrl(env: Env, method: string): string {
  const base = apiBase(env.TELEGRAM_API_BASE || 'https://api.telegram.org');
  return `${base}/bot${env.TELEGRAM_BOT_TOKEN}/${method}`;
}

async function call(ctx: PlatformContext, method: string, body: unknown): Promise<void> {
  const res = await ctx.fetch(apiUrl(ctx.env, method), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`telegram ${method} failed: ${res.status} ${await res.text()}`);
}

/** Neutral replies → sendMessage payloads (long texts split; buttons on the last part). */
export function toMessages(chatId: string, replies: Reply[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const r of replies) {
    const parts = splitText(r.text, LIMIT);
    parts.forEach((text, i) => {
      const msg: Record<string, unknown> = { chat_id: chatId, text };
      if (i === parts.length - 1 && r.buttons?.length) {
        msg.reply_markup = {
          inline_keyboard: r.buttons.map((row) =>
            row.map((b) => ({ text: b.label, callback_data: truncateBytes(b.data, CALLBACK_DATA_BYTES) })),
          ),
        };
      }
      out.push(msg);
    });
  }
  return out;
}

function truncateBytes(s: string, max: number): string {
  const enc = new TextEncoder();
  let out = s;
  while (enc.encode(out).length > max) out = out.slice(0, -1);
  return out;
}

const name = (u?: TgUser) => [u?.first_name, u?.last_name].filter(Boolean).join(' ');

export const telegram: Adapter = {
  platform: 'telegram',

  async receive(req, ctx): Promise<Received> {
    const secret = ctx.env.TELEGRAM_WEBHOOK_SECRET;
    const given = req.headers.get('X-Telegram-Bot-Api-Secret-Token') ?? '';
    if (!secret || !safeEqual(given, secret))
      return { kind: 'refuse', response: json({ error: API_COPY.badSignature }, 401) };
    let update: TgUpdate;
    try {
      update = (await req.json()) as TgUpdate;
    } catch {
      return { kind: 'refuse', response: json({ error: API_COPY.notJson }, 400) };
    }
    if (update === null || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
      return { kind: 'refuse', response: json({ error: API_COPY.badUpdate }, 400) };
    }
    const eventId = String(update.update_id);
    const m = update.message;
    if (m?.from && m.chat) {
      const text = typeof m.text === 'string' ? m.text.trim() : '';
      const inbound: Inbound = {
        platform: 'telegram',
        eventId,
        userId: String(m.from.id),
        chatId: String(m.chat.id),
        text,
        kind:
          m.chat.type && m.chat.type !== 'private'
            ? 'group'
            : typeof m.text === 'string'
              ? 'text'
              : 'unsupported',
        displayName: name(m.from),
      };
      return { kind: 'message', inbound };
    }
    const q = update.callback_query;
    if (q?.from && typeof q.id === 'string') {
      const inbound: Inbound = {
        platform: 'telegram',
        eventId,
        userId: String(q.from.id),
        chatId: String(q.message?.chat?.id ?? q.from.id),
        text: typeof q.data === 'string' ? q.data.trim() : '',
        kind:
          q.message?.chat?.type && q.message.chat.type !== 'private'
            ? 'group'
            : typeof q.data === 'string'
              ? 'text'
              : 'unsupported',
        displayName: name(q.from),
      };
      return {
        kind: 'message',
        inbound,
        ack: () => call(ctx, 'answerCallbackQuery', { callback_query_id: q.id }),
      };
    }
    // Edited messages, channel posts, member updates…: acknowledged so Telegram does not retry.
    return { kind: 'ignore', response: json({}) };
  },

  async respond(inbound, replies, ctx) {
    const messages = toMessages(inbound.chatId, replies);
    if (messages.length === 1) return json({ method: 'sendMessage', ...messages[0] });
    for (const m of messages) await call(ctx, 'sendMessage', m);
    return json({});
  },

  async send(chatId, replies, ctx) {
    for (const m of toMessages(chatId, replies)) await call(ctx, 'sendMessage', m);
  },
};
