// Chat platform webhooks: verify, hand the neutral message to the chat service, answer in the
// platform's way. Nothing is read from a request before its adapter has verified it.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adapterOf } from '../chat/adapters';
import { handleMessage } from '../chat/service';
import type { PlatformContext } from '../chat/types';
import type { Reply } from '../engine/reply';
import type { Deps } from '../services/deps';
import { API_COPY } from './copy';
import type { AppEnv } from './types';

const MAX_HOOK_BYTES = 64 * 1024;

export const hooks = new Hono<AppEnv>();

export function platformContext(env: Env, waitUntil: (p: Promise<unknown>) => void): PlatformContext {
  return { env, fetch: (input, init) => fetch(input, init), waitUntil };
}

function publicOrigin(c: Context<AppEnv>): string {
  return (c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin).replace(/\/+$/, '');
}

/** Sends replies to someone's chat through their platform's adapter. */
export function notifier(ctx: PlatformContext): Deps['notify'] {
  return async (platform: string, chatId: string, replies: Reply[]) => {
    const adapter = adapterOf(platform);
    if (adapter) await adapter.send(chatId, replies, ctx);
  };
}

function waitUntilOf(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  try {
    const exec = c.executionCtx;
    return (p) => exec.waitUntil(p);
  } catch {
    // No execution context (a request made from a test or a dev page): let it run on.
    return (p) => void p.catch((err) => console.error('background work failed', err));
  }
}

/** What the services need, for a request now. */
export function requestDeps(c: Context<AppEnv>): Deps {
  return {
    db: c.env.DB,
    env: c.env,
    now: new Date(),
    origin: publicOrigin(c),
    notify: notifier(platformContext(c.env, waitUntilOf(c))),
  };
}

hooks.use(
  '*',
  bodyLimit({
    maxSize: MAX_HOOK_BYTES,
    onError: (c) => c.json({ error: API_COPY.tooLarge(MAX_HOOK_BYTES / 1024) }, 413),
  }),
);

// Platforms that check the webhook's address with a signed GET before sending anything (WeCom).
hooks.get('/:platform', (c) => {
  const adapter = adapterOf(c.req.param('platform'));
  if (!adapter?.handshake) return c.json({ error: API_COPY.notFound }, 404);
  return adapter.handshake(c.req.raw, platformContext(c.env, waitUntilOf(c)));
});

hooks.post('/:platform', async (c) => {
  const adapter = adapterOf(c.req.param('platform'));
  if (!adapter) return c.json({ error: API_COPY.notFound }, 404);
  const ctx = platformContext(c.env, waitUntilOf(c));
  const received = await adapter.receive(c.req.raw, ctx);
  if (received.kind !== 'message') return received.response;
  const handled = await handleMessage(requestDeps(c), received.inbound);
  // A re-delivery: acknowledged the platform's way, nothing sent.
  if (handled.duplicate) return adapter.respond(received.inbound, [], ctx);
  if (received.ack) await received.ack().catch((err) => console.error('ack failed', err));
  return adapter.respond(received.inbound, handled.replies, ctx);
});
