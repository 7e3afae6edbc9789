// A local fake of the Telegram Bot API (the Worker's TELEGRAM_API_BASE points at it), and a person
// chatting with the bot through /hooks/telegram exactly as Telegram would deliver updates.
import { vi } from 'vitest';
import { call } from '../worker';

export const FAKE_BASE = 'http://telegram.fake';
export const SECRET = 'test-webhook-secret-for-the-worker-tests-01';

export interface Sent {
  method: string;
  body: Record<string, any>;
}

/**
 * Records every Bot API call; everything else passes through untouched. Files people sent
 * (`files`, by file_id) are served as Telegram does: getFile gives a path, /file/bot<token>/<path>
 * the bytes.
 */
export function installFakeTelegram() {
  const sent: Sent[] = [];
  const files = new Map<string, Uint8Array>();
  const realFetch = globalThis.fetch;
  const spy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith(FAKE_BASE)) return realFetch(input, init);
      const download = /\/file\/bot[^/]+\/documents\/(.+)$/.exec(url);
      if (download) {
        const bytes = files.get(decodeURIComponent(download[1]!));
        return bytes ? new Response(bytes) : new Response('{"ok":false}', { status: 404 });
      }
      const method = url.split('/').pop()!;
      const body = JSON.parse(String(init?.body ?? (input instanceof Request ? await input.text() : '{}')));
      sent.push({ method, body });
      if (method === 'getFile') {
        const id = String(body.file_id);
        if (!files.has(id))
          return new Response('{"ok":false,"description":"Bad Request: invalid file_id"}', { status: 400 });
        return Response.json({
          ok: true,
          result: { file_id: id, file_path: `documents/${encodeURIComponent(id)}` },
        });
      }
      return new Response(JSON.stringify({ ok: true, result: true }), {
        headers: { 'Content-Type': 'application/json' },
      });
    });
  return { sent, files, restore: () => spy.mockRestore() };
}

let updateId = 1_000_000;
export const nextUpdateId = () => ++updateId;

export function postUpdate(update: unknown, secret = SECRET): Promise<Response> {
  return call('/hooks/telegram', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update),
  });
}

/** A message from a person in their private chat with the bot: `fields` are what it carries. */
function messageUpdate(userId: number, fields: Record<string, unknown>, id: number) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 1_700_000_000,
      from: { id: userId, is_bot: false, first_name: '测试' },
      chat: { id: userId, type: 'private' },
      ...fields,
    },
  };
}

export function textUpdate(userId: number, text: string, id = nextUpdateId()) {
  return messageUpdate(userId, { text }, id);
}

/** A file sent as a document (its bytes in the fake's `files` under `fileId`). */
export function documentUpdate(
  userId: number,
  doc: { fileId: string; name: string; type: string; size: number },
  id = nextUpdateId(),
) {
  const { fileId, name, type, size } = doc;
  return messageUpdate(
    userId,
    {
      document: {
        file_id: fileId,
        file_unique_id: `u${fileId}`,
        file_name: name,
        mime_type: type,
        file_size: size,
      },
    },
    id,
  );
}

/** A button press; `step` is the question the button carries (hidden in its callback_data). */
export function pressUpdate(userId: number, data: string, id = nextUpdateId(), step?: string) {
  return {
    update_id: id,
    callback_query: {
      id: `cb${id}`,
      from: { id: userId, is_bot: false, first_name: '测试' },
      message: { message_id: 1, date: 1_700_000_000, chat: { id: userId, type: 'private' }, text: '…' },
      chat_instance: '1',
      data: step ? `${step}\u001f${data}` : data,
    },
  };
}

export interface BotMessage {
  text: string;
  /** What each button sends, and the question it belongs to where the platform carries it. */
  buttons: { label: string; data: string; step?: string }[];
}

function toBotMessage(body: Record<string, any>): BotMessage {
  const keyboard = (body.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][];
  return {
    text: body.text,
    buttons: keyboard.flat().map((b) => {
      const at = b.callback_data.indexOf('\u001f');
      return at < 0
        ? { label: b.text, data: b.callback_data }
        : { label: b.text, data: b.callback_data.slice(at + 1), step: b.callback_data.slice(0, at) };
    }),
  };
}

/** The button a person presses: the latest one sending `data` (or labelled so) among what they saw. */
export function findButton(recent: readonly BotMessage[], data: string) {
  for (const m of [...recent].reverse()) {
    const b = m.buttons.find((x) => x.data === data) ?? m.buttons.find((x) => x.label === data);
    if (b) return b;
  }
  return undefined;
}

/** One person in a private chat with the bot. Counts what they send. */
export class Person {
  sentCount = 0;
  /** What the bot said last, whose buttons a press looks for. */
  recent: BotMessage[] = [];
  constructor(
    readonly userId: number,
    readonly fake: ReturnType<typeof installFakeTelegram>,
  ) {}

  /** Sends a text (or presses a button) and returns everything the bot said back to this chat. */
  async say(text: string, opts: { press?: boolean; step?: string } = {}): Promise<BotMessage[]> {
    // A press sends what the button on screen carries, its question included.
    const button = opts.press && opts.step === undefined ? findButton(this.recent, text) : undefined;
    const step = opts.step ?? button?.step;
    const update = opts.press
      ? pressUpdate(this.userId, button?.data ?? text, nextUpdateId(), step)
      : textUpdate(this.userId, text);
    return this.deliver(update);
  }

  /** Sends a file as a Telegram document (`size` as Telegram reports it: the bytes' length by default). */
  sendFile(name: string, type: string, bytes: Uint8Array, size = bytes.length): Promise<BotMessage[]> {
    const fileId = `f${nextUpdateId()}`;
    this.fake.files.set(fileId, bytes);
    return this.deliver(documentUpdate(this.userId, { fileId, name, type, size }));
  }

  private async deliver(update: unknown): Promise<BotMessage[]> {
    this.sentCount++;
    const before = this.fake.sent.length;
    const res = await postUpdate(update);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    const inline = (await res.json()) as Record<string, any>;
    const out = this.fake.sent
      .slice(before)
      .filter((s) => s.method === 'sendMessage' && String(s.body.chat_id) === String(this.userId))
      .map((s) => toBotMessage(s.body));
    if (inline.method === 'sendMessage') out.push(toBotMessage(inline));
    if (out.length) this.recent = out;
    return out;
  }

  press(data: string, step?: string) {
    return this.say(data, { press: true, step });
  }

  /** Sends and returns the bot's last message's text (most tests look at the last prompt). */
  async last(text: string, opts: { press?: boolean; step?: string } = {}): Promise<BotMessage> {
    const msgs = await this.say(text, opts);
    if (msgs.length === 0) throw new Error(`no reply to ${text}`);
    return msgs.at(-1)!;
  }
}

/** Messages the bot sent to some chat (notifications), as texts. */
export function sentTo(fake: ReturnType<typeof installFakeTelegram>, chatId: number): string[] {
  return fake.sent
    .filter((s) => s.method === 'sendMessage' && String(s.body.chat_id) === String(chatId))
    .map((s) => s.body.text);
}
