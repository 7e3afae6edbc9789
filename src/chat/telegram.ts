// Telegram: webhook updates verified by the secret token header, text messages and inline-keyboard
// presses in, messages with inline keyboards out through the Bot API at TELEGRAM_API_BASE.
import type { Button, Reply } from '../engine/reply';
import { safeEqual } from '../lib/secrets';
import { HOOK_COPY } from './copy';
import { apiBase } from './tokens';
import {
  cutReplies,
  failure,
  jsonResponse,
  refuse,
  splitText,
  type Adapter,
  type Inbound,
  type PlatformContext,
  type Received,
  type Seen,
} from './types';
import { bodyJson } from '../lib/body';

const LIMIT = 4000; // under Telegram's 4096 characters per message
const CALLBACK_DATA_BYTES = 64;

interface TgUser {
  id: number;
  first_name?: string;
  last_name?: string;
}
interface TgUpdate {
  update_id?: unknown;
  message?: {
    message_id: number;
    from?: TgUser;
    chat?: { id: number; type?: string };
    text?: unknown;
    /** A file sent as a document; `caption`, its text. */
    document?: { file_id?: unknown; file_name?: unknown; mime_type?: unknown; file_size?: unknown };
    caption?: unknown;
  };
  callback_query?: {
    id: string;
    from?: TgUser;
    data?: unknown;
    message?: { chat?: { id: number; type?: string } };
  };
}
type TgMessage = {
  chat_id: string;
  text: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
};

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
  if (res.ok) return;
  const answer = (await res.json().catch(() => ({}))) as { parameters?: { retry_after?: number } };
  // Telegram says how long to wait when rate-limited (429, parameters.retry_after).
  throw failure(`telegram ${method}`, res, answer, answer.parameters?.retry_after);
}

/** Neutral replies → sendMessage payloads (long texts split; buttons on the last part). */
export function toMessages(chatId: string, replies: Reply[]): TgMessage[] {
  const out: TgMessage[] = [];
  for (const r of replies) {
    const parts = splitText(r.text, LIMIT);
    parts.forEach((text, i) => {
      const msg: TgMessage = { chat_id: chatId, text };
      if (i === parts.length - 1 && r.buttons?.length) {
        msg.reply_markup = {
          inline_keyboard: r.buttons.map((row) =>
            row.map((b) => ({ text: b.label, callback_data: callbackData(b) })),
          ),
        };
      }
      out.push(msg);
    });
  }
  return out;
}

/** Between a button's question and its data in callback_data (never typed by a person). */
const TAG = '\u001f';

/** A button's callback_data: its question and what it sends, within Telegram's 64 bytes. */
function callbackData(b: Button): string {
  const tagged = b.step ? `${b.step.id}${TAG}${b.data}` : b.data;
  return new TextEncoder().encode(tagged).length <= CALLBACK_DATA_BYTES
    ? tagged
    : truncateBytes(b.data, CALLBACK_DATA_BYTES);
}

/** callback_data back into what the button sends and the question it belongs to. */
function fromCallbackData(data: string): { text: string; step?: string } {
  const at = data.indexOf(TAG);
  return at < 0 ? { text: data.trim() } : { text: data.slice(at + 1).trim(), step: data.slice(0, at) };
}

/** The longest prefix of whole characters within `max` UTF-8 bytes. */
function truncateBytes(s: string, max: number): string {
  const enc = new TextEncoder();
  const chars = [...s];
  while (enc.encode(chars.join('')).length > max) chars.pop();
  return chars.join('');
}

const name = (u?: TgUser) => [u?.first_name, u?.last_name].filter(Boolean).join(' ');

const chatKind = (type: string | undefined, isText: boolean): Inbound['kind'] =>
  type && type !== 'private' ? 'group' : isText ? 'text' : 'unsupported';

/** A sendMessage payload as a person sees it. */
function seen(body: Partial<TgMessage>): Seen {
  const keyboard = body.reply_markup?.inline_keyboard ?? [];
  return {
    text: body.text ?? '',
    buttons: keyboard.flat().map((b) => {
      const { text, step } = fromCallbackData(b.callback_data);
      return step ? { label: b.text, data: text, step } : { label: b.text, data: text };
    }),
  };
}

let nextUpdate = Date.now();

export const telegram: Adapter = {
  platform: 'telegram',
  label: 'Telegram',

  async receive(req, ctx): Promise<Received> {
    const secret = ctx.env.TELEGRAM_WEBHOOK_SECRET;
    const given = req.headers.get('X-Telegram-Bot-Api-Secret-Token') ?? '';
    if (!secret || !safeEqual(given, secret)) return refuse(401, HOOK_COPY.badSignature);
    let update: TgUpdate;
    try {
      update = (await bodyJson(req)) as TgUpdate;
    } catch {
      return refuse(400, HOOK_COPY.notJson);
    }
    if (update === null || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
      return refuse(400, HOOK_COPY.badUpdate);
    }
    const eventId = String(update.update_id);
    const m = update.message;
    if (m?.from && m.chat) {
      const doc = m.document;
      const file =
        doc && typeof doc.file_id === 'string' && doc.file_id
          ? {
              id: doc.file_id,
              name: typeof doc.file_name === 'string' && doc.file_name ? doc.file_name : 'file',
              type: typeof doc.mime_type === 'string' ? doc.mime_type : '',
              size: Number.isSafeInteger(doc.file_size) ? (doc.file_size as number) : 0,
            }
          : undefined;
      const text =
        typeof m.text === 'string' ? m.text : file && typeof m.caption === 'string' ? m.caption : '';
      const inbound: Inbound = {
        platform: 'telegram',
        eventId,
        userId: String(m.from.id),
        chatId: String(m.chat.id),
        text: text.trim(),
        kind: chatKind(m.chat.type, typeof m.text === 'string' || file !== undefined),
        displayName: name(m.from),
        ...(file ? { file } : {}),
      };
      return { kind: 'message', inbound };
    }
    const q = update.callback_query;
    if (q?.from && typeof q.id === 'string') {
      const pressed = fromCallbackData(typeof q.data === 'string' ? q.data : '');
      const inbound: Inbound = {
        platform: 'telegram',
        eventId,
        userId: String(q.from.id),
        chatId: String(q.message?.chat?.id ?? q.from.id),
        text: pressed.text,
        ...(pressed.step ? { step: pressed.step } : {}),
        kind: chatKind(q.message?.chat?.type, typeof q.data === 'string'),
        displayName: name(q.from),
      };
      return {
        kind: 'message',
        inbound,
        ack: () => call(ctx, 'answerCallbackQuery', { callback_query_id: q.id }),
      };
    }
    // Edited messages, channel posts, member updates…: acknowledged so Telegram does not retry.
    return { kind: 'ignore', response: jsonResponse({}) };
  },

  units(replies) {
    return cutReplies(replies, LIMIT);
  },

  // One message rides in the webhook's answer; several go out in order through the Bot API.
  split(replies) {
    const units = this.units(replies);
    return units.length === 1 ? { inline: units, later: [] } : { inline: [], later: units };
  },

  async respond(inbound, inline) {
    const [message] = toMessages(inbound.chatId, inline);
    return jsonResponse(message ? { method: 'sendMessage', ...message } : {});
  },

  async send(chatId, replies, ctx) {
    for (const m of toMessages(chatId, replies)) await call(ctx, 'sendMessage', m);
  },

  // getFile gives the file's path; the bytes are at /file/bot<token>/<path> (files up to 20 MB).
  async download(fileId, limit, ctx) {
    const res = await ctx.fetch(apiUrl(ctx.env, 'getFile'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ file_id: fileId }),
    });
    if (!res.ok) return null;
    const got = (await res.json().catch(() => null)) as { result?: { file_path?: unknown } } | null;
    const filePath = got?.result?.file_path;
    if (typeof filePath !== 'string' || !filePath || filePath.includes('..')) return null;
    const base = apiBase(ctx.env.TELEGRAM_API_BASE || 'https://api.telegram.org');
    const file = await ctx.fetch(`${base}/file/bot${ctx.env.TELEGRAM_BOT_TOKEN}/${filePath}`);
    if (!file.ok) return null;
    const length = Number(file.headers.get('Content-Length'));
    if (length > limit) return null;
    const bytes = await file.arrayBuffer();
    return bytes.byteLength > limit ? null : bytes;
  },

  dev: {
    userPrefix: '',
    async request(env, _origin, user, text, press) {
      const id = ++nextUpdate;
      const from = { id: Number(user.replace(/\D/g, '')) || 1, is_bot: false, first_name: '测试' };
      const chat = { id: from.id, type: 'private' };
      const update = press
        ? {
            update_id: id,
            callback_query: {
              id: `cb${id}`,
              from,
              message: { message_id: 1, date: 0, chat },
              chat_instance: '1',
              data: press.step ? `${press.step}${TAG}${text}` : text,
            },
          }
        : {
            update_id: id,
            message: { message_id: id, date: Math.floor(Date.now() / 1000), from, chat, text },
          };
      return {
        path: '/hooks/telegram',
        init: {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Telegram-Bot-Api-Secret-Token': env.TELEGRAM_WEBHOOK_SECRET,
          },
          body: JSON.stringify(update),
        },
      };
    },
    async readResponse(_env, body) {
      try {
        const json = JSON.parse(body) as Partial<TgMessage> & { method?: string };
        return json.method === 'sendMessage' ? [seen(json)] : [];
      } catch {
        return [];
      }
    },
    fake({ path, body }) {
      if (!path.endsWith('/sendMessage')) return { json: { ok: true, result: true } };
      const msg = body as Partial<TgMessage>;
      return {
        json: { ok: true, result: { message_id: 1 } },
        sent: { chatId: String(msg.chat_id ?? ''), messages: [seen(msg)] },
      };
    },
  },
};
