// Inbound platform events already handled. Recording one is the first statement of a write batch:
// a re-delivery fails on the primary key and the whole batch, with all it would change, rolls back.

export function seenStatement(db: D1Database, platform: string, eventId: string): D1PreparedStatement {
  return db
    .prepare('SELECT 1 AS seen FROM inbound_events WHERE platform = ?1 AND event_id = ?2')
    .bind(platform, eventId);
}

export function recordStatement(
  db: D1Database,
  platform: string,
  eventId: string,
  now: string,
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO inbound_events (platform, event_id, received_at) VALUES (?1, ?2, ?3)')
    .bind(platform, eventId, now);
}

/**
 * What made a write batch fail: a re-delivered event, a signed request replayed, a concurrent write,
 * or something else.
 */
export function classifyWriteError(err: unknown): 'duplicate' | 'replayed' | 'conflict' | 'other' {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('inbound_events')) return 'duplicate';
  if (message.includes('request_nonces')) return 'replayed';
  if (/version conflict|invite already used|UNIQUE constraint failed/.test(message)) return 'conflict';
  return 'other';
}
