// Delivering the outbox: for each chat with messages waiting, the first one is claimed, its parts sent
// through the platform's adapter one request at a time (a retry resumes after the parts already
// sent), and marked sent; a refusal is retried with backoff, or as late as the platform's
// retry_after asks, and after the last attempt the message is marked failed (re-sendable). Messages
// to one chat go out in the order they were written.
import type { Reply } from '../engine/reply';
import {
  chatsOf,
  claimNext,
  markAttempt,
  markSent,
  markUnit,
  nextDue,
  release,
  type OutboxRow,
} from '../db/outbox';
import { adapterOf } from './adapters';
import { SendError, type PlatformContext } from './types';

/** Attempts before a message is marked failed (spread over about two hours). */
export const MAX_ATTEMPTS = 8;
const BACKOFF_SECONDS = [5, 15, 60, 180, 600, 1200, 2400];

export interface DeliveryLimits {
  /** Requests to platforms this invocation may still make (Workers limit subrequests). */
  requests: number;
}

export interface Delivered {
  sent: number;
  failed: number;
  /** Seconds until the earliest message still waiting may be tried again (null: nothing waits). */
  retryIn: number | null;
}

function backoff(attempts: number, error: unknown): number {
  const asked = error instanceof SendError ? error.retryAfter : undefined;
  const planned = BACKOFF_SECONDS[Math.min(attempts - 1, BACKOFF_SECONDS.length - 1)]!;
  return Math.max(asked ?? 0, planned);
}

/** Sends the remaining parts of one claimed message; true when all have gone out. */
async function sendRow(ctx: PlatformContext, db: D1Database, row: OutboxRow, limits: DeliveryLimits) {
  const adapter = adapterOf(row.platform);
  if (!adapter) throw new SendError(`unknown platform ${row.platform}`, undefined, true);
  const units = adapter.units(JSON.parse(row.payload) as Reply[]);
  for (let i = row.sent_units; i < units.length; i++) {
    if (limits.requests <= 0) return false;
    // A unit may take a token request as well as the send itself.
    limits.requests -= 2;
    await adapter.send(row.chat_id, [units[i]!], ctx, row.reply_to || undefined);
    // The last part is recorded with the message itself (marked sent).
    if (i + 1 < units.length) await markUnit(db, row.id, i + 1).run();
  }
  return true;
}

/**
 * Delivers what is waiting in the chats of these messages (up to each chat's last listed message),
 * as far as the request budget allows.
 */
export async function deliver(
  ctx: PlatformContext,
  db: D1Database,
  ids: readonly number[],
  limits: DeliveryLimits,
  now: () => Date = () => new Date(),
): Promise<Delivered> {
  const out: Delivered = { sent: 0, failed: 0, retryIn: null };
  const wait = (seconds: number) => {
    out.retryIn = out.retryIn === null ? seconds : Math.min(out.retryIn, seconds);
  };
  for (const chat of await chatsOf(db, ids)) {
    for (;;) {
      if (limits.requests <= 0) {
        wait(0);
        break;
      }
      const at = now().toISOString();
      const row = await claimNext(db, chat.platform, chat.chat_id, chat.last, at);
      if (!row) {
        // Nothing due: another delivery has this chat's next message, or it waits for its backoff.
        const head = await nextDue(db, chat.platform, chat.chat_id);
        if (head && head.status === 'pending' && head.next_at > at)
          wait(Math.ceil((Date.parse(head.next_at) - now().getTime()) / 1000));
        else if (head?.status === 'sending') wait(30);
        break;
      }
      try {
        if (!(await sendRow(ctx, db, row, limits))) {
          await release(db, row.id).run();
          wait(0);
          break;
        }
        await markSent(db, row.id, now().toISOString()).run();
        out.sent++;
        // The chat's last message of this job has gone: nothing more to claim here.
        if (row.id >= chat.last) break;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const permanent = err instanceof SendError && err.permanent;
        if (permanent || row.attempts >= MAX_ATTEMPTS) {
          console.error('outbox message failed for good', row.id, row.platform, message);
          await markAttempt(db, row.id, message, null).run();
          out.failed++;
          continue; // the next message of this chat is not held back by one that cannot go
        }
        const seconds = backoff(row.attempts, err);
        console.warn('outbox message will be retried', row.id, row.platform, seconds, message);
        await markAttempt(
          db,
          row.id,
          message,
          new Date(now().getTime() + seconds * 1000).toISOString(),
        ).run();
        wait(seconds);
        break; // keep the chat's order: nothing after it goes first
      }
    }
  }
  return out;
}
