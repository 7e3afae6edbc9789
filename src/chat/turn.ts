// What one chat turn works with and decides, shared by the message loop (service.ts) and the
// commands: the state read in one batch, the decision (replies, writes, work after commit), and
// the writes of a new session state and draft.
import { formOf } from '../../forms';
import type { CheckResult } from '../engine/check';
import type { Changes, Draft, DraftReport } from '../engine/draft';
import { openDraft, type Session } from '../engine/flow';
import { reply, type Reply } from '../engine/reply';
import { summarize } from '../engine/summary';
import type { Member, Role } from '../db/people';
import { writeReport, type StoredReport } from '../db/reports';
import { writeSession, type StoredSession } from '../db/sessions';
import type { Deps } from '../services/deps';
import type { Post } from '../services/posts';
import { CHAT_COPY as T } from './copy';
import type { Inbound } from './types';
import type { Job } from '../services/jobs';

/** Everything one message may need, from one batched read. */
export interface TurnState {
  inbound: Inbound;
  member: Member | null;
  session: StoredSession;
  report: StoredReport | null;
  previous: DraftReport | undefined;
}

/** What a turn decided: replies, the writes that go with recording the event, messages to others. */
export interface Decision {
  replies: Reply[];
  /** False when nothing may be stored (a stranger, a refused request). */
  record: boolean;
  writes: D1PreparedStatement[];
  /** Messages to other people (a supervisor's notice), written with the turn. */
  posts?: Post[];
  /** Work for the queue once the turn has committed (the Word file of a submitted version). */
  jobs?: Job[];
  /** The cells an answer changes, with their values before it (to notice a concurrent change). */
  changes?: Changes;
}

/** The commands a person may use: a supervisor sees theirs at once. */
export function helpFor(role: Role, year: number): Reply {
  const text = role === 'official' ? T.officialHelp(year) : `${T.officialHelp(year)}\n\n${T.supervisorHelp}`;
  return reply(text, [[{ label: T.startButton, data: '/fill' }]]);
}

/** A refusal: answered, nothing stored. */
export const refusal = (text: string): Decision => ({ replies: [reply(text)], record: false, writes: [] });

/** Answers that change nothing but are recorded (the event is handled). */
export const answer = (...texts: string[]): Decision => ({
  replies: texts.map((t) => reply(t)),
  record: true,
  writes: [],
});

/** Writes for a new session state (and, when the draft changed, the report and its revision). */
export function turnWrites(
  deps: Pick<Deps, 'db' | 'now'>,
  state: TurnState,
  session: Session,
  report?: { stored: StoredReport; draft: Draft; changes: Changes; check?: CheckResult },
): D1PreparedStatement[] {
  const now = deps.now.toISOString();
  const writes = [
    writeSession(deps.db, state.inbound.platform, state.inbound.userId, state.session.version, session, now),
  ];
  // An answer that changed a cell says so; anything else is compared in full.
  const changed =
    report &&
    (Object.values(report.changes).some(([before, after]) => before !== after) ||
      JSON.stringify(report.draft) !== JSON.stringify(report.stored.draft));
  if (report && changed) {
    writes.push(
      ...writeReport(deps.db, {
        id: report.stored.id,
        baseVersion: report.stored.version,
        draft: report.draft,
        status: report.stored.status === 'returned' ? 'returned' : 'draft',
        action: 'edit',
        personId: state.member?.personId ?? null,
        channel: state.inbound.platform,
        changes: report.changes,
        summary: summarize(
          formOf(report.draft.report),
          report.draft,
          state.member!.orgKind,
          state.previous,
          report.check,
        ),
        now,
      }),
    );
  }
  return writes;
}

/** Opens a draft in the session: the writes and the first prompt. */
export function openInSession(
  deps: Pick<Deps, 'db' | 'now'>,
  state: TurnState,
  stored: StoredReport,
  lead: string,
): Decision {
  const member = state.member!;
  const s = state.session.state;
  const resumeAt =
    s.mode === 'filling' && s.reportId === stored.id
      ? s.step
      : s.mode === 'idle' && s.resume?.reportId === stored.id
        ? s.resume.step
        : undefined;
  const opened = openDraft(
    {
      form: formOf(stored.draft.report),
      draft: stored.draft,
      kind: member.orgKind,
      previous: state.previous,
      reportId: stored.id,
      year: stored.year,
    },
    resumeAt,
  );
  return {
    replies: [reply(lead), ...opened.replies],
    record: true,
    writes: turnWrites(deps, state, opened.session),
  };
}
