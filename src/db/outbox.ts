// The outbox: messages to send, written with the change that caused them and claimed one at a time,
// in order per chat, by whoever delivers them (the queue consumer; a cron sweep re-enqueues strays).

export type Purpose = 'reply' | 'notice' | 'return' | 'reminder';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  platform: string;
  chat_id: string;
  reply_to: string;
  payload: string;
  sent_units: number;
  purpose: Purpose;
  org_id: number | null;
  status: OutboxStatus;
  attempts: number;
  next_at: string;
  last_error: string;
  created_at: string;
  claimed_at: string | null;
  sent_at: string | null;
}

export interface NewPost {
  platform: string;
  chatId: string;
  payload: string;
  purpose: Purpose;
  orgId?: number | null;
  replyTo?: string;
}

/** Writes a message to send; answers its id (to enqueue once the batch it is in has committed). */
export function insertPost(db: D1Database, post: NewPost, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (platform, chat_id, reply_to, payload, purpose, org_id, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id`,
    )
    .bind(
      post.platform,
      post.chatId,
      post.replyTo ?? '',
      post.payload,
      post.purpose,
      post.orgId ?? null,
      now,
    );
}

/** The chats of some messages (those still to send). */
export async function chatsOf(db: D1Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      // CROSS JOIN keeps the ids as the outer loop (a primary-key probe each): left to itself, SQLite
      // walks every waiting message by status, so a cron's batches read the whole outbox each.
      `SELECT o.platform, o.chat_id, max(o.id) AS last FROM json_each(?1) j CROSS JOIN outbox o ON o.id = j.value
       WHERE o.status IN ('pending', 'sending')
       GROUP BY o.platform, o.chat_id`,
    )
    .bind(JSON.stringify(ids))
    .all<{ platform: string; chat_id: string; last: number }>();
  return results;
}

/**
 * Claims the first message of a chat still to send, when it is due and nobody else is sending it:
 * messages to one chat go out one at a time, in the order they were written.
 */
export function claimNext(db: D1Database, platform: string, chatId: string, upTo: number, now: string) {
  return db
    .prepare(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?4
       WHERE id = (SELECT id FROM outbox WHERE platform = ?1 AND chat_id = ?2 AND status IN ('pending', 'sending')
                   ORDER BY id LIMIT 1)
         AND id <= ?3 AND status = 'pending' AND next_at <= ?4
       RETURNING *`,
    )
    .bind(platform, chatId, upTo, now)
    .first<OutboxRow>();
}

/** When the first unsent message of a chat may be tried again ('' when it is due, null when none). */
export async function nextDue(db: D1Database, platform: string, chatId: string) {
  const row = await db
    .prepare(
      `SELECT status, next_at FROM outbox WHERE platform = ?1 AND chat_id = ?2 AND status IN ('pending', 'sending')
       ORDER BY id LIMIT 1`,
    )
    .bind(platform, chatId)
    .first<{ status: OutboxStatus; next_at: string }>();
  return row;
}

/** Gives a claimed message back untried (this run cannot finish it). */
export function release(db: D1Database, id: number) {
  return db
    .prepare(
      "UPDATE outbox SET status = 'pending', attempts = attempts - 1 WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id);
}

/** One more part of a message has gone out. */
export function markUnit(db: D1Database, id: number, sent: number) {
  return db.prepare('UPDATE outbox SET sent_units = ?2 WHERE id = ?1').bind(id, sent);
}

export function markSent(db: D1Database, id: number, now: string) {
  return db
    .prepare("UPDATE outbox SET status = 'sent', sent_at = ?2, last_error = '' WHERE id = ?1")
    .bind(id, now);
}

/** A failed attempt: tried again from `nextAt`, or failed for good. */
export function markAttempt(db: D1Database, id: number, error: string, nextAt: string | null) {
  return nextAt === null
    ? db
        .prepare("UPDATE outbox SET status = 'failed', last_error = ?2 WHERE id = ?1")
        .bind(id, error.slice(0, 500))
    : db
        .prepare("UPDATE outbox SET status = 'pending', next_at = ?3, last_error = ?2 WHERE id = ?1")
        .bind(id, error.slice(0, 500), nextAt);
}

/**
 * Messages left behind: still pending a minute after they were written (their queue message was
 * lost), or claimed long ago by a delivery that never finished. Those claims are released.
 */
export async function strays(db: D1Database, now: Date, limit: number): Promise<number[]> {
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  const stuck = new Date(now.getTime() - 10 * 60_000).toISOString();
  const [, pending] = await db.batch<{ id: number }>([
    db
      // The partial index's own condition, repeated, lets SQLite use it: the sent messages, which
      // the outbox keeps and a province's reminders add tens of thousands of a day, are never read.
      .prepare(
        `UPDATE outbox SET status = 'pending'
         WHERE status IN ('pending', 'sending') AND status = 'sending' AND claimed_at < ?1`,
      )
      .bind(stuck),
    db
      .prepare(
        `SELECT id FROM outbox
         WHERE status IN ('pending', 'sending') AND status = 'pending' AND created_at < ?1 AND next_at <= ?2
         ORDER BY id LIMIT ?3`,
      )
      .bind(minuteAgo, now.toISOString(), limit),
  ]);
  return pending!.results.map((r) => r.id);
}

/** Failed messages about the bodies under a path (a supervisor's dashboard), newest first. */
export async function failedUnder(db: D1Database, path: string, limit = 50) {
  const { results } = await db
    .prepare(
      `SELECT x.id, x.platform, x.purpose, x.attempts, x.last_error, x.created_at, o.name AS org_name
       -- The failed messages newest first (their partial index), each with its body, until the page is
       -- full: never the subtree, nor the sent messages the outbox keeps.
       FROM outbox x INDEXED BY outbox_failed_newest CROSS JOIN orgs o ON o.id = x.org_id
       WHERE x.status = 'failed' AND o.path >= ?1 AND o.path < ?1 || '~'
       ORDER BY x.id DESC LIMIT ?2`,
    )
    .bind(path, limit)
    .all<{
      id: number;
      platform: string;
      purpose: Purpose;
      attempts: number;
      last_error: string;
      created_at: string;
      org_name: string;
    }>();
  return results;
}

/** A failed message about a body under a path put back in line (a supervisor's resend); its id, or none. */
export function resendUnder(db: D1Database, id: number, path: string) {
  return db
    .prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_at = '', last_error = ''
       WHERE id = ?1 AND status = 'failed'
         AND org_id IN (SELECT id FROM orgs WHERE path >= ?2 AND path < ?2 || '~')
       RETURNING id`,
    )
    .bind(id, path);
}

export type FailedPost = Awaited<ReturnType<typeof failedUnder>>[number];

/**
 * The messages of each status, each through the outbox's partial index for it (its own condition
 * repeated, so SQLite takes it): never a walk past the sent messages the outbox keeps. The sent ones
 * are most of the newest rows, so they are read newest first.
 */
const BY_STATUS: Record<OutboxStatus, string> = {
  failed: "outbox INDEXED BY outbox_failed_newest WHERE status = 'failed'",
  pending: "outbox INDEXED BY outbox_waiting WHERE status IN ('pending', 'sending') AND status = 'pending'",
  sending: "outbox INDEXED BY outbox_waiting WHERE status IN ('pending', 'sending') AND status = 'sending'",
  sent: "outbox WHERE status = 'sent'",
};

/** Messages by status, newest first (the admin API). */
export async function postsByStatus(db: D1Database, status: OutboxStatus, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT id, platform, chat_id, purpose, org_id, status, attempts, last_error, created_at, sent_at
       FROM ${BY_STATUS[status]} ORDER BY id DESC LIMIT ?1`,
    )
    .bind(limit)
    .all();
  return results;
}

/** Puts a failed message back in line (sent again with its original content). */
export function resend(db: D1Database, id: number) {
  return db
    .prepare(
      "UPDATE outbox SET status = 'pending', attempts = 0, next_at = '', last_error = '' WHERE id = ?1 AND status = 'failed' RETURNING id",
    )
    .bind(id);
}

/** A counted use of something rate-limited in a time window; answers the count so far. */
export function countUse(db: D1Database, key: string, window: string) {
  return db
    .prepare(
      `INSERT INTO rate_counts (key, window, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(key, window);
}

/** Honours a signed request's nonce once: the insert fails on a second use. */
export function useNonce(db: D1Database, key: string, now: string) {
  return db.prepare('INSERT INTO request_nonces (key, at) VALUES (?1, ?2)').bind(key, now);
}

/** Forgets nonces and counters too old to matter. */
export function forgetOld(db: D1Database, before: string) {
  return [
    db.prepare('DELETE FROM request_nonces WHERE at < ?1').bind(before),
    db.prepare('DELETE FROM rate_counts WHERE window < ?1').bind(before),
  ];
}

/** A table that keeps growing: its rows by a key that grows as they are added, with their time. */
interface GrowingRows {
  table: string;
  key: string;
  time: string;
  /** Which rows may be forgotten (SQL). */
  forgettable: string;
  /** How long a row is kept, in ms. */
  keepMs: number;
}

/**
 * Forgets the oldest rows of a table that keeps growing, those older than its `keepMs`, at most
 * `limit` per call: found from the oldest `forgettable` row by `key` with one probe, then deleted by
 * a range of that key, so the call reads at most `limit` rows more, however large the table. No index
 * on the time has to be kept up on every write.
 */
export async function forgetOldest(
  db: D1Database,
  rows: GrowingRows,
  now: Date,
  limit: number,
): Promise<number> {
  const { table, key, time, forgettable } = rows;
  const before = new Date(now.getTime() - rows.keepMs).toISOString();
  const oldest = await db
    .prepare(`SELECT ${key} AS k, ${time} AS t FROM ${table} WHERE ${forgettable} ORDER BY ${key} LIMIT 1`)
    .first<{ k: number; t: string }>();
  if (!oldest || oldest.t >= before) return 0;
  const { meta } = await db
    .prepare(
      `DELETE FROM ${table} WHERE ${key} >= ?1 AND ${key} < ?1 + ?3 AND ${forgettable} AND ${time} < ?2`,
    )
    .bind(oldest.k, before, limit)
    .run();
  return meta.changes;
}

const DAY_MS = 86_400_000;

/**
 * The tables every cron trigger forgets the oldest rows of: handled platform events (platforms
 * re-deliver within hours, not days) and who was reminded on which day (a reminder is once a day)
 * after a week; sent messages after 30 days — the outbox keeps what waits and what failed
 * (supervisors see and resend those), and what was sent only as long as someone may ask what went out.
 */
export const GROWING_TABLES: readonly GrowingRows[] = [
  { table: 'inbound_events', key: 'rowid', time: 'received_at', forgettable: '1 = 1', keepMs: 7 * DAY_MS },
  { table: 'reminders_sent', key: 'rowid', time: 'at', forgettable: '1 = 1', keepMs: 7 * DAY_MS },
  { table: 'outbox', key: 'id', time: 'created_at', forgettable: "status = 'sent'", keepMs: 30 * DAY_MS },
];
