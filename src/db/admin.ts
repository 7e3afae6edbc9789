// Small reads the admin API needs beyond the other modules' own.
import type { OutboxStatus } from './outbox';

/** The status of an outbox message, or null when there is no such message. */
export async function postStatus(db: D1Database, id: number): Promise<OutboxStatus | null> {
  const row = await db
    .prepare('SELECT status FROM outbox WHERE id = ?1')
    .bind(id)
    .first<{ status: OutboxStatus }>();
  return row?.status ?? null;
}
