// The narrow interface every chat platform implements, and what flows through it.
import type { Reply } from '../engine/flow';
import type { Inbound } from './service';

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
}

export interface Adapter {
  platform: string;
  /** Verifies the request first, then parses it into a neutral message. */
  receive(req: Request, ctx: PlatformContext): Promise<Received>;
  /** The webhook's HTTP answer: may carry replies itself (passive reply); sends the rest. */
  respond(inbound: Inbound, replies: Reply[], ctx: PlatformContext): Promise<Response>;
  /** Sends messages to a chat unprompted (notifications, reminders). */
  send(chatId: string, replies: Reply[], ctx: PlatformContext): Promise<void>;
}

/** Splits a text under a platform's length limit, at line breaks where possible. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}

/** Buttons as a line of typed choices, for platforms whose messages here carry no buttons. */
export function choicesLine(reply: { buttons?: { label: string; data: string }[][] }): string {
  const items = (reply.buttons ?? [])
    .flat()
    .map((b) => (b.label === b.data ? b.label : b.data.length <= 12 ? `${b.data}（${b.label}）` : b.label));
  return items.length ? `\n\n可回复：${items.join(' ｜ ')}` : '';
}

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

/** What a webhook answers when its platform's settings are missing. */
export const notConfigured = (platform: string) =>
  jsonResponse({ error: `${platform} 未配置，请设置相关环境变量` }, 503);
