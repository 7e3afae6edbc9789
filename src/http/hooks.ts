// Chat platform webhooks: verify, hand the neutral message to the chat service, answer in the
// platform's way. Nothing is read from a request before its adapter has verified it.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adapterOf } from '../chat/adapters';
import { handleMessage } from '../chat/service';
import { HOOK_COPY } from '../chat/copy';
import type { Adapter, PlatformContext } from '../chat/types';
import { platformReady, publicBase, type Platform } from '../lib/settings';
import type { Deps } from '../services/deps';
import { API_COPY } from './copy';
import type { AppEnv } from './types';
import { chunks, MESSAGES_PER_SEND } from '../services/jobs';

const MAX_HOOK_BYTES = 64 * 1024;

export const hooks = new Hono<AppEnv>();

/** A platform API that does not answer in this time is tried again later (from the outbox). */
const PLATFORM_TIMEOUT_MS = 10_000;

export function platformContext(env: Env, waitUntil: (p: Promise<unknown>) => void): PlatformContext {
  return {
    env,
    fetch: (input, init) =>
      init?.signal ? fetch(input, init) : fetchWithin(input, init, PLATFORM_TIMEOUT_MS),
    waitUntil,
  };
}

/**
 * A fetch given up after `ms` until its response arrives. The timer is cleared as soon as it does
 * (AbortSignal.timeout's would stay active for the whole period, and a delivery making hundreds of
 * requests would pile them up against the runtime's limit on active timers).
 */
async function fetchWithin(input: RequestInfo | URL, init: RequestInit | undefined, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  try {
    return await fetch(input, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Links are made under PUBLIC_BASE_URL; the request's own origin only in DEV_MODE ('' : none). */
function publicOrigin(c: Context<AppEnv>): string {
  return publicBase(c.env, new URL(c.req.url).origin) ?? '';
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

/** Hands jobs to the queue; one lost here is found by the cron sweep a minute later. */
export function enqueuer(env: Env, waitUntil: (p: Promise<unknown>) => void): Deps['queue'] {
  return (jobs) => {
    if (jobs.length === 0) return;
    // Cloudflare Queues take at most 100 messages per sendBatch (each job is far below 128 KB).
    for (const part of chunks(jobs, MESSAGES_PER_SEND))
      waitUntil(
        env.OUTBOX.sendBatch(part.map((body) => ({ body }))).catch((err) =>
          console.error('queue send failed; the sweep will pick the messages up', err),
        ),
      );
  };
}

/** What the services need, for a request now. */
export function requestDeps(c: Context<AppEnv>): Deps {
  return {
    db: c.env.DB,
    env: c.env,
    now: new Date(),
    origin: publicOrigin(c),
    queue: enqueuer(c.env, waitUntilOf(c)),
  };
}

hooks.use(
  '*',
  bodyLimit({
    maxSize: MAX_HOOK_BYTES,
    onError: (c) => c.json({ error: API_COPY.tooLarge(MAX_HOOK_BYTES / 1024) }, 413),
  }),
);

// With the optional RATE_LIMITER binding (wrangler.toml), one address's flood is refused early.
hooks.use('*', async (c, next) => {
  const limiter = (c.env as { RATE_LIMITER?: RateLimit }).RATE_LIMITER;
  if (limiter) {
    const { success } = await limiter.limit({ key: c.req.header('CF-Connecting-IP') ?? 'unknown' });
    if (!success) return c.json({ error: API_COPY.tooMany }, 429);
  }
  await next();
});

// Platforms that check the webhook's address with a signed GET before sending anything (WeCom).
/** A platform whose settings are incomplete is refused before anything is read: 503, and a log line. */
function unconfigured(c: Context<AppEnv>, adapter: Adapter): Response | null {
  const problems = platformReady(c.env, adapter.platform as Platform);
  if (!problems) return null;
  console.error(
    `${adapter.platform} webhook refused: settings incomplete (${problems.map((p) => p.name).join(', ')})`,
  );
  return c.json({ error: HOOK_COPY.notConfigured(adapter.label) }, 503);
}

hooks.get('/:platform', (c) => {
  const adapter = adapterOf(c.req.param('platform'));
  if (!adapter?.handshake) return c.json({ error: API_COPY.notFound }, 404);
  return unconfigured(c, adapter) ?? adapter.handshake(c.req.raw, platformContext(c.env, waitUntilOf(c)));
});

hooks.post('/:platform', async (c) => {
  const adapter = adapterOf(c.req.param('platform'));
  if (!adapter) return c.json({ error: API_COPY.notFound }, 404);
  const refused = unconfigured(c, adapter);
  if (refused) return refused;
  const ctx = platformContext(c.env, waitUntilOf(c));
  const received = await adapter.receive(c.req.raw, ctx);
  if (received.kind !== 'message') return received.response;
  const handled = await handleMessage(requestDeps(c), adapter, ctx, received.inbound);
  if (handled.kind === 'replayed') return c.json({ error: HOOK_COPY.staleRequest }, 401);
  // A re-delivery: acknowledged the platform's way, nothing sent.
  if (handled.kind === 'duplicate') return adapter.respond(received.inbound, [], ctx);
  if (received.ack) ctx.waitUntil(received.ack().catch((err) => console.warn('ack failed', err)));
  return adapter.respond(received.inbound, handled.inline, ctx);
});
