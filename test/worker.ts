// Calls the Worker as the outside world does: through its fetch entry, with real bindings — and then
// lets the outbox be delivered, as the queue consumer would a moment later, so a test sees what the
// people in the chats see.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../src/index';
import { deliver } from '../src/chat/delivery';
import { platformContext } from '../src/http/hooks';

export const ORIGIN = 'https://nianbao.example';

/** The request, and then the outbox delivered (what is due of it). */
export async function call(path: string, init?: RequestInit): Promise<Response> {
  const res = await send(path, init);
  await drainOutbox();
  return res;
}

/**
 * The request alone (what it wrote to the outbox stays there), through the Worker's fetch entry with
 * its own execution context, waited for as the runtime would. (The self-service binding of
 * `cloudflare:workers` slows down with every request made through it in one test file.)
 */
export async function send(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(ORIGIN + path, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * Delivers every outbox message that is due, through the same code the queue consumer runs. The
 * Worker's own consumer may be delivering some of them already: a message it has claimed is waited
 * for, never sent twice. `now` moves the clock (to reach messages waiting for a backoff).
 */
export async function drainOutbox(now: () => Date = () => new Date()): Promise<void> {
  const background: Promise<unknown>[] = [];
  const ctx = platformContext(env, (p) => void background.push(p));
  for (let round = 0; round < 200; round++) {
    const { results } = await env.DB.prepare(
      "SELECT id, status FROM outbox WHERE status IN ('pending', 'sending') AND next_at <= ?1",
    )
      .bind(now().toISOString())
      .all<{ id: number; status: string }>();
    if (results.length === 0) break;
    const due = results.filter((r) => r.status === 'pending').map((r) => r.id);
    if (due.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const done = await deliver(ctx, env.DB, due, { requests: 10_000 }, now);
    // What is left waits behind a message in backoff (its chat's order holds it): not due yet.
    if (done.sent === 0 && done.failed === 0) break;
  }
  await Promise.allSettled(background);
}
