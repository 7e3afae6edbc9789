// Chat platform webhooks: verify, hand the neutral message to the chat service, answer in the
// platform's way. Nothing is read from a request before its adapter has verified it.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adapters } from '../chat/adapters';
import { wecom } from '../chat/wecom';
import { handleMessage, type ChatDeps } from '../chat/service';
import type { PlatformContext } from '../chat/types';
import { API_COPY } from '../report/copy';
import type { AppEnv } from '../types';

export const MAX_HOOK_BYTES = 64 * 1024;

export const hooks = new Hono<AppEnv>();

export function platformContext(env: Env): PlatformContext {
  return { env, fetch: (input, init) => fetch(input, init) };
}

export function publicOrigin(c: Context<AppEnv>): string {
  return (c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin).replace(/\/+$/, '');
}

/** What the chat service needs, for a request now. */
export function chatDeps(c: Context<AppEnv>): ChatDeps {
  const ctx = platformContext(c.env);
  return {
    db: c.env.DB,
    env: c.env,
    now: new Date(),
    origin: publicOrigin(c),
    notify: async (platform, chatId, replies) => {
      const adapter = adapters[platform];
      if (adapter) await adapter.send(chatId, replies, ctx);
    },
  };
}

hooks.use(
  '*',
  bodyLimit({
    maxSize: MAX_HOOK_BYTES,
    onError: (c) => c.json({ error: API_COPY.tooLarge(MAX_HOOK_BYTES / 1024) }, 413),
  }),
);

// WeCom checks the URL with a signed GET before it sends anything.
hooks.get('/wecom', (c) => wecom.handshake(c.req.raw, platformContext(c.env)));

hooks.post('/:platform', async (c) => {
  const name = c.req.param('platform');
  const adapter = Object.hasOwn(adapters, name) ? adapters[name] : undefined;
  if (!adapter) return c.json({ error: API_COPY.notFound }, 404);
  const ctx = platformContext(c.env);
  const received = await adapter.receive(c.req.raw, ctx);
  if (received.kind !== 'message') return received.response;
  const handled = await handleMessage(chatDeps(c), received.inbound);
  // A re-delivery: acknowledged the platform's way, nothing sent.
  if (handled.duplicate) return adapter.respond(received.inbound, [], ctx);
  if (received.ack) await received.ack().catch((err) => console.error('ack failed', err));
  return adapter.respond(received.inbound, handled.replies, ctx);
});
