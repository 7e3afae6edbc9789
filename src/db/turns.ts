// Everything one chat message needs, read as one statement: whether the event was handled already,
// how many messages to the chat still wait in the outbox, the person (if known), their chat session,
// the report it is on and the year before's answers.
import { MEMBER_COLUMNS, type MemberRow } from './people';
import type { ReportRow } from './reports';

type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface TurnRow extends Nullable<MemberRow> {
  seen: number | null;
  /** Messages to this chat still waiting in the outbox (a reply now must queue behind them). */
  waiting: number;
  session_state: string | null;
  session_version: number | null;
  r_id: number | null;
  r_org_id: number | null;
  r_year: number | null;
  r_status: ReportRow['status'] | null;
  r_answers: string | null;
  r_version: number | null;
  r_updated_at: string | null;
  r_submitted_at: string | null;
  prev_answers: string | null;
}

/**
 * One row, always: a stranger's message is answered from a few index probes (the event, the identity,
 * the session), none of which finds anything.
 */
export function turnStateStatement(
  db: D1Database,
  platform: string,
  userId: string,
  eventId: string,
  chatId: string,
) {
  return db
    .prepare(
      `SELECT
         (SELECT 1 FROM inbound_events WHERE platform = ?1 AND event_id = ?3) AS seen,
         (SELECT count(*) FROM outbox WHERE platform = ?1 AND chat_id = ?4 AND status IN ('pending', 'sending'))
           AS waiting,
         ${MEMBER_COLUMNS},
         s.state AS session_state, s.version AS session_version,
         r.id AS r_id, r.org_id AS r_org_id, r.year AS r_year, r.status AS r_status, r.answers AS r_answers,
         r.version AS r_version, r.updated_at AS r_updated_at, r.submitted_at AS r_submitted_at,
         prev.answers AS prev_answers
       FROM (SELECT 1) AS one
       LEFT JOIN identities i ON i.platform = ?1 AND i.user_id = ?2
       LEFT JOIN people p ON p.id = i.person_id
       LEFT JOIN orgs o ON o.id = p.org_id
       LEFT JOIN chat_sessions s ON s.platform = ?1 AND s.user_id = ?2
       LEFT JOIN reports r
         ON r.id = coalesce(json_extract(s.state, '$.reportId'), json_extract(s.state, '$.resume.reportId'))
       LEFT JOIN reports prev ON prev.org_id = r.org_id AND prev.year = r.year - 1`,
    )
    .bind(platform, userId, eventId, chatId);
}

/** The report columns of a turn's row (when it has one). */
export function reportOf(row: TurnRow): ReportRow {
  return {
    id: row.r_id!,
    org_id: row.r_org_id!,
    year: row.r_year!,
    status: row.r_status!,
    answers: row.r_answers!,
    version: row.r_version!,
    updated_at: row.r_updated_at!,
    submitted_at: row.r_submitted_at,
    progress_done: 0,
    progress_total: 0,
    error_count: 0,
    warning_count: 0,
  };
}
