// One inbound chat message, end to end: one batched read, a decision (the pure flow engine for
// answers; a few commands read more), one batched write that records the event id first — so a
// re-delivery rolls back whole and a concurrent write is retried — then the replies.
import type { Reply } from '../engine/flow';
import { fillTurn, is, openDraft, type Session } from '../engine/flow';
import type { Draft, DraftReport } from '../engine/draft';
import { classifyWriteError, recordStatement, seenStatement } from '../db/events';
import { memberByIdentity, toMember, type Member, type MemberRow } from '../db/people';
import { toStoredReport, writeReport, type ReportRow, type StoredReport } from '../db/reports';
import {
  sessionReportStatements,
  sessionStatement,
  toSession,
  writeSession,
  type StoredSession,
} from '../db/sessions';
import { CHAT_COPY as T } from './copy';
import { summarize } from '../engine/summary';
import {
  bindCommand,
  fillCommand,
  joinCommand,
  reopenCommand,
  submitReport,
  supervisorCommand,
  linkCommand,
} from './commands';

export interface Inbound {
  platform: string;
  /** The platform's id of this event, for de-duplication. */
  eventId: string;
  userId: string;
  /** Where replies go. */
  chatId: string;
  /** What the person typed or the button they pressed sent; empty for non-text messages. */
  text: string;
  /** 'group': sent in a group chat, where links and drafts must not be shown. */
  kind: 'text' | 'unsupported' | 'group';
  displayName?: string;
  /** Where a platform wants this message's replies (DingTalk's sessionWebhook). */
  replyTo?: string;
}

export interface ChatDeps {
  db: D1Database;
  env: Env;
  now: Date;
  /** Public base URL for links, e.g. https://nianbao.example.gov.cn */
  origin: string;
  /** Sends messages to someone else's chat (notifications). */
  notify: (platform: string, chatId: string, replies: Reply[]) => Promise<void>;
}

export interface Handled {
  replies: Reply[];
  duplicate: boolean;
}

/** Everything one message may need, from one batched read. */
export interface TurnState {
  inbound: Inbound;
  member: Member | null;
  session: StoredSession;
  report: StoredReport | null;
  previous: DraftReport | undefined;
}

/** What a turn decided: replies, the writes that go with recording the event, work after commit. */
export interface Decision {
  replies: Reply[];
  /** False when nothing may be stored (a stranger, a refused request). */
  record: boolean;
  writes: D1PreparedStatement[];
  afterCommit?: () => Promise<Reply[]>;
}

const MAX_ATTEMPTS = 4;

export const reply = (text: string, buttons?: Reply['buttons']): Reply =>
  buttons ? { text, buttons } : { text };

async function readState(db: D1Database, inbound: Inbound): Promise<{ seen: boolean; state: TurnState }> {
  const [seen, member, session, report, previous] = await db.batch([
    seenStatement(db, inbound.platform, inbound.eventId),
    memberByIdentity(db, inbound.platform, inbound.userId),
    sessionStatement(db, inbound.platform, inbound.userId),
    ...sessionReportStatements(db, inbound.platform, inbound.userId),
  ]);
  const first = <T>(r: D1Result | undefined) => (r?.results[0] as T | undefined) ?? null;
  const prev = first<{ answers: string }>(previous);
  return {
    seen: first(seen) !== null,
    state: {
      inbound,
      member: first<MemberRow>(member) ? toMember(first<MemberRow>(member)!) : null,
      session: toSession(first<{ state: string; version: number }>(session)),
      report: first<ReportRow>(report) ? toStoredReport(first<ReportRow>(report)!) : null,
      previous: prev ? (JSON.parse(prev.answers) as Draft).report : undefined,
    },
  };
}

/** Writes for a new session state (and, when the draft changed, the report and its revision). */
export function turnWrites(
  deps: ChatDeps,
  state: TurnState,
  session: Session,
  report?: { stored: StoredReport; draft: Draft; changes: Record<string, unknown> },
): D1PreparedStatement[] {
  const now = deps.now.toISOString();
  const writes = [
    writeSession(deps.db, state.inbound.platform, state.inbound.userId, state.session.version, session, now),
  ];
  const changed = report && JSON.stringify(report.draft) !== JSON.stringify(report.stored.draft);
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
        changes: report.changes as never,
        summary: summarize(report.draft, state.member!.orgKind, state.previous),
        now,
      }),
    );
  }
  return writes;
}

function helpFor(member: Member, year: number): Reply {
  const text =
    member.role === 'official' ? T.officialHelp(year) : `${T.officialHelp(year)}\n\n${T.supervisorHelp}`;
  return reply(text, [[{ label: '开始填报', data: '/fill' }]]);
}

/** The year a report is normally filled for: the one just ended, in China time. */
export function defaultYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() - 1;
}

const COMMAND_ALIASES: Record<string, string> = {
  填报: '/fill',
  开始填报: '/fill',
  帮助: '/help',
  绑定: '/bind',
  网页: '/link',
  进度: '/status',
  状态: '/status',
  未交: '/missing',
  报告: '/report',
  邀请: '/invite',
  重新修改: '/reopen',
  提醒: '/remind',
  看板: '/dashboard',
};

/** "/fill@nianbao_bot 2024" → ["/fill", "2024"]; Chinese aliases map to their command. */
export function splitCommand(text: string): { command: string | null; args: string[] } {
  const [head = '', ...args] = text.trim().split(/\s+/);
  const alias = COMMAND_ALIASES[head];
  if (alias) return { command: alias, args };
  if (!head.startsWith('/')) return { command: null, args: [] };
  return { command: head.replace(/@\S+$/, '').toLowerCase(), args };
}

async function decide(deps: ChatDeps, state: TurnState): Promise<Decision> {
  const { inbound, member, session, report } = state;
  const text = inbound.text.trim();
  const { command, args } = splitCommand(text);

  // Signed links and drafts belong in a private chat: a group gets a pointer there, nothing stored.
  if (inbound.kind === 'group') return { replies: [reply(T.privateOnly)], record: false, writes: [] };
  if (!member) {
    if (command === '/start' && args[0]) return joinCommand(deps, state, args[0]);
    return {
      replies: [reply(command === '/start' ? T.inviteMissing : T.stranger)],
      record: false,
      writes: [],
    };
  }
  if (inbound.kind === 'unsupported') return { replies: [reply(T.unsupported)], record: true, writes: [] };

  const year = defaultYear(deps.now);
  switch (command) {
    case '/start':
      if (args[0]) return joinCommand(deps, state, args[0]);
      return {
        replies: [reply(T.alreadyBound(member.orgName, member.role)), helpFor(member, year)],
        record: true,
        writes: [],
      };
    case '/help':
      return { replies: [helpFor(member, year)], record: true, writes: [] };
    case '/fill':
      return fillCommand(deps, state, args[0]);
    case '/reopen':
      return reopenCommand(deps, state, args[0]);
    case '/bind':
      return bindCommand(deps, state);
    case '/link':
      return linkCommand(deps, state);
    case '/status':
    case '/missing':
    case '/report':
    case '/invite':
    case '/remind':
    case '/dashboard':
      return supervisorCommand(deps, state, command, args);
  }
  if (is(text, 'cancel')) {
    const s = session.state;
    const idle: Session =
      s.mode === 'filling'
        ? { mode: 'idle', resume: { reportId: s.reportId, step: s.step } }
        : s.mode === 'idle'
          ? s
          : { mode: 'idle' };
    return { replies: [reply(T.cancelled)], record: true, writes: turnWrites(deps, state, idle) };
  }

  const filling =
    session.state.mode !== 'idle' && report && report.orgId === member.orgId ? session.state : null;
  if (!filling || !report)
    return { replies: [reply(T.notFilling), helpFor(member, year)], record: true, writes: [] };
  if (report.status === 'submitted') return fillCommand(deps, state, String(report.year));

  const result = fillTurn(
    { session: filling, draft: report.draft, kind: member.orgKind, previous: state.previous },
    text,
  );
  if (result.submit) return submitReport(deps, state, report);
  return {
    replies: result.replies,
    record: true,
    writes: turnWrites(deps, state, result.session, {
      stored: report,
      draft: result.draft,
      changes: result.changes,
    }),
  };
}

/** Opens a draft in the session: the writes and the first prompt. */
export function openInSession(
  deps: ChatDeps,
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

/** Handles one inbound message: stored once, answered once, never losing a concurrent answer. */
export async function handleMessage(deps: ChatDeps, inbound: Inbound): Promise<Handled> {
  for (let attempt = 1; ; attempt++) {
    const { seen, state } = await readState(deps.db, inbound);
    if (seen) return { replies: [], duplicate: true };
    const decision = await decide(deps, state);
    if (!decision.record) return { replies: decision.replies, duplicate: false };
    try {
      await deps.db.batch([
        recordStatement(deps.db, inbound.platform, inbound.eventId, deps.now.toISOString()),
        ...decision.writes,
      ]);
    } catch (err) {
      const kind = classifyWriteError(err);
      if (kind === 'duplicate') return { replies: [], duplicate: true };
      if (kind === 'conflict' && attempt < MAX_ATTEMPTS) continue;
      if (kind === 'conflict') return { replies: [reply(T.busy)], duplicate: false };
      throw err;
    }
    const more = decision.afterCommit ? await decision.afterCommit() : [];
    return { replies: [...decision.replies, ...more], duplicate: false };
  }
}
