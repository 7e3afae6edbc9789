// Chat sessions: where each chat identity is in the flow, versioned like reports.
import type { Session } from '../engine/flow';

export interface StoredSession {
  state: Session;
  /** 0 when the identity has no session row yet. */
  version: number;
}

export function sessionStatement(db: D1Database, platform: string, userId: string): D1PreparedStatement {
  return db
    .prepare('SELECT state, version FROM chat_sessions WHERE platform = ?1 AND user_id = ?2')
    .bind(platform, userId);
}

export function toSession(row: { state: string; version: number } | null | undefined): StoredSession {
  return row
    ? { state: JSON.parse(row.state) as Session, version: row.version }
    : { state: { mode: 'idle' }, version: 0 };
}

/** Saves a session based on the version read; a concurrent write makes the batch fail. */
export function writeSession(
  db: D1Database,
  platform: string,
  userId: string,
  base: number,
  state: Session,
  now: string,
) {
  const json = JSON.stringify(state);
  return base === 0
    ? db
        .prepare(
          'INSERT INTO chat_sessions (platform, user_id, state, version, updated_at) VALUES (?1, ?2, ?3, 1, ?4)',
        )
        .bind(platform, userId, json, now)
    : db
        .prepare(
          'UPDATE chat_sessions SET state = ?3, version = ?4, updated_at = ?5 WHERE platform = ?1 AND user_id = ?2',
        )
        .bind(platform, userId, json, base + 1, now);
}

/** The report the session is on (or was last on, when paused), and last year's report of the same body. */
export function sessionReportStatements(
  db: D1Database,
  platform: string,
  userId: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `SELECT r.* FROM chat_sessions s JOIN reports r ON r.id = coalesce(json_extract(s.state, '$.reportId'), json_extract(s.state, '$.resume.reportId'))
         WHERE s.platform = ?1 AND s.user_id = ?2`,
      )
      .bind(platform, userId),
    db
      .prepare(
        `SELECT p.answers FROM chat_sessions s JOIN reports r ON r.id = coalesce(json_extract(s.state, '$.reportId'), json_extract(s.state, '$.resume.reportId'))
         JOIN reports p ON p.org_id = r.org_id AND p.year = r.year - 1
         WHERE s.platform = ?1 AND s.user_id = ?2`,
      )
      .bind(platform, userId),
  ];
}
