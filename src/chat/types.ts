// The narrow interface every chat platform implements, what flows through it, and the few helpers
// all adapters share (refusals, timestamp windows, splitting long texts, typed choices).
import type { Reply } from '../engine/reply';
import { HOOK_COPY } from './copy';

/** One verified message from a person, neutral of the platform it came through. */
export interface Inbound {
  platform: string;
  /** The platform's id of this event, for de-duplication. */
  eventId: string;
  userId: string;
  /** Where replies go. */
  chatId: string;
  /** What the person typed or the button they pressed sent; empty for non-text messages. */
  text: string;
  /** A file sent (a document), where the platform delivers files: read only while importing. */
  file?: { id: string; name: string; type: string; size: number };
  /** 'group': sent in a group chat, where links and drafts must not be shown. */
  kind: 'text' | 'unsupported' | 'group';
  displayName?: string;
  /** Where a platform wants this message's replies (DingTalk's sessionWebhook). */
  replyTo?: string;
  /** The question of the button pressed, where the platform carries it hidden (flow step id). */
  step?: string;
  /**
   * A signed request's key to honour once, where the signature does not cover the body (DingTalk's
   * timestamp + sign): stored with the event, so a replay with another body is refused.
   */
  nonce?: string;
}

export type Received =
  /** A verified message to handle; `ack` confirms a button press to the platform, once handled. */
  | { kind: 'message'; inbound: Inbound; ack?: () => Promise<void> }
  /** Verified, but nothing to handle (an update type the bot does not use): answer and store nothing. */
  | { kind: 'ignore'; response: Response }
  /** Refused before anything was read or stored. */
  | { kind: 'refuse'; response: Response };

export interface PlatformContext {
  env: Env;
  fetch: typeof fetch;
  /** Work that may finish after the webhook has answered. */
  waitUntil(promise: Promise<unknown>): void;
}

/** What a person sees of a bot message on a platform: its text and the buttons (or typed choices). */
export interface Seen {
  text: string;
  /** `step`: the question a button belongs to, where the platform carries it hidden. */
  buttons: { label: string; data: string; step?: string }[];
}

/** A request exactly as a platform would send it. */
export interface Simulated {
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

/** A call the bot made to a platform's open API, as the local fake receives it. */
export interface FakeCall {
  method: string;
  /** The path under the platform's API base. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * A platform played locally (DEV_MODE's /dev/chat, the tests): a person's message as the platform
 * delivers it, the replies a person would see, and a fake of the platform's open API.
 */
export interface DevSimulator {
  /** How user ids look on this platform (wx…, ou_…). */
  userPrefix: string;
  /** A message as the platform delivers it: typed, or a button pressed (with its hidden question). */
  request(
    env: Env,
    origin: string,
    user: string,
    text: string,
    press?: { step?: string },
  ): Promise<Simulated>;
  /** Replies carried in the webhook's own HTTP answer (passive replies). */
  readResponse(env: Env, body: string): Promise<Seen[]>;
  /** Answers an open-API call; `sent` is the message it delivered, if any. */
  fake(call: FakeCall): { json: unknown; sent?: { chatId: string; messages: Seen[] } };
}

/** What a platform's API said when a message could not be sent. */
export class SendError extends Error {
  constructor(
    message: string,
    /** Seconds the platform asks to wait before trying again (rate limits). */
    readonly retryAfter?: number,
    /** Trying again cannot help (the person blocked the bot, the chat does not exist). */
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** A webhook's replies: what its HTTP answer carries itself, and what goes out through the API. */
export interface Split {
  inline: Reply[];
  later: Reply[];
}

export interface Adapter {
  platform: string;
  /** The platform's name as people know it. */
  label: string;
  /** A GET the platform sends to check the webhook's address (WeCom). */
  handshake?(req: Request, ctx: PlatformContext): Promise<Response>;
  /** Verifies the request first, then parses it into a neutral message. */
  receive(req: Request, ctx: PlatformContext): Promise<Received>;
  /**
   * The replies cut into what one API request carries, in the order they are read: each is written
   * to the outbox on its own, so a retry never sends one twice.
   */
  units(replies: Reply[]): Reply[];
  /**
   * Which units the webhook's answer carries (a passive reply) and which go out later through the
   * platform's API (written to the outbox with the turn, so none is lost).
   */
  split(replies: Reply[]): Split;
  /** The webhook's HTTP answer, carrying the inline replies (none: an acknowledgement). */
  respond(inbound: Inbound, inline: Reply[], ctx: PlatformContext): Promise<Response>;
  /**
   * Sends messages to a chat through the platform's API (`replyTo`: where the platform wants a
   * reply, e.g. DingTalk's sessionWebhook). Throws a SendError when the platform refuses.
   */
  send(chatId: string, replies: Reply[], ctx: PlatformContext, replyTo?: string): Promise<void>;
  /** The bytes of a file a person sent (`Inbound.file.id`), at most `limit` bytes; null when unavailable. */
  download?(fileId: string, limit: number, ctx: PlatformContext): Promise<ArrayBuffer | null>;
  dev: DevSimulator;
}

/** Reads a platform API's HTTP answer that failed: the retry-after it asks for, permanent or not. */
export function failure(what: string, res: Response, body: unknown, retryAfter?: number): SendError {
  const header = Number(res.headers.get('Retry-After'));
  const wait = retryAfter ?? (Number.isFinite(header) && header > 0 ? header : undefined);
  // 4xx other than 401 (token), 408 (timeout) and 429 (rate): the request itself cannot succeed.
  const permanent = res.status >= 400 && res.status < 500 && ![401, 408, 429].includes(res.status);
  return new SendError(`${what}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`, wait, permanent);
}

/** Splits a text under a platform's length limit, at line breaks where possible. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    // Never between the two halves of a character outside the basic plane (𠮷).
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut--;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Replies cut under a length limit, the buttons of each on its last part (one API request each). */
export function cutReplies(replies: Reply[], limit: number): Reply[] {
  return replies.flatMap((r) => {
    const parts = splitText(r.text, limit);
    return parts.map((text, i) =>
      i === parts.length - 1 && r.buttons?.length ? { text, buttons: r.buttons } : { text },
    );
  });
}

/** Buttons as a line of typed choices, for platforms whose messages here carry no buttons. */
export function choicesLine(reply: Reply): string {
  const items = (reply.buttons ?? [])
    .flat()
    // Ticking choices needs buttons; typing the numbers answers at once instead.
    .filter((b) => !b.toggle)
    .map((b) =>
      b.label === b.data || b.label.startsWith(`${b.data}.`)
        ? b.label
        : b.data.length <= 12
          ? `${b.data}（${b.label}）`
          : b.label,
    );
  return items.length ? `\n\n可回复：${items.join(' ｜ ')}` : '';
}

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

/** A request refused before anything in it was used. */
export const refuse = (status: number, error: string): Received => ({
  kind: 'refuse',
  response: jsonResponse({ error }, status),
});

/** What a webhook answers when its platform's settings are missing. */
export const notConfigured = (platform: string) =>
  jsonResponse({ error: HOOK_COPY.notConfigured(platform) }, 503);

let counter = 0;
/** A fresh event id for a simulated message. */
export const uniqueId = () => `${Date.now()}${(++counter).toString().padStart(4, '0')}`;

/** How long a signed request stays acceptable. */
const WINDOW_SECONDS = 3600;

/** A platform timestamp (seconds since the epoch, as text) within the window around now. */
export function freshTimestamp(seconds: string, nowMs: number): boolean {
  return /^\d{1,12}$/.test(seconds) && Math.abs(nowMs / 1000 - Number(seconds)) <= WINDOW_SECONDS;
}
