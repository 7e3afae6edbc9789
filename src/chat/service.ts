// One inbound chat message, end to end: one batched read, a decision (the pure flow engine for
// answers; a few commands read more), one batched write that records the event id first — so a
// re-delivery rolls back whole and a concurrent write is retried — then the replies.
import { formOf } from '../../forms';
import { defaultYear } from '../engine/calendar';
import type { Draft } from '../engine/draft';
import { fillTurn, repeatQuestion, type Session, type TurnContext, type TurnResult } from '../engine/flow';
import { is } from '../engine/words';
import { reply, type Reply } from '../engine/reply';
import { classifyWriteError, recordStatement, seenStatement } from '../db/events';
import { memberByIdentity, toMember, type Member, type MemberRow } from '../db/people';
import { toStoredReport, type ReportRow } from '../db/reports';
import { sessionReportStatements, sessionStatement, toSession } from '../db/sessions';
import type { Deps } from '../services/deps';
import {
  bindCommand,
  fillCommand,
  joinCommand,
  linkCommand,
  reopenCommand,
  submitReport,
  supervisorCommand,
} from './commands';
import { CHAT_COPY as T } from './copy';
import { helpFor, turnWrites, type Decision, type TurnState } from './turn';
import type { Inbound } from './types';

interface Handled {
  replies: Reply[];
  duplicate: boolean;
}

const MAX_ATTEMPTS = 4;

async function readState(db: D1Database, inbound: Inbound): Promise<{ seen: boolean; state: TurnState }> {
  const [seen, member, session, report, previous] = await db.batch([
    seenStatement(db, inbound.platform, inbound.eventId),
    memberByIdentity(db, inbound.platform, inbound.userId),
    sessionStatement(db, inbound.platform, inbound.userId),
    ...sessionReportStatements(db, inbound.platform, inbound.userId),
  ]);
  const first = <T>(r: D1Result | undefined) => (r?.results[0] as T | undefined) ?? null;
  const prev = first<{ answers: string }>(previous);
  const memberRow = first<MemberRow>(member);
  const reportRow = first<ReportRow>(report);
  return {
    seen: first(seen) !== null,
    state: {
      inbound,
      member: memberRow ? toMember(memberRow) : null,
      session: toSession(first<{ state: string; version: number }>(session)),
      report: reportRow ? toStoredReport(reportRow) : null,
      previous: prev ? (JSON.parse(prev.answers) as Draft).report : undefined,
    },
  };
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
  新增单位: '/addunit',
  提醒: '/remind',
  看板: '/dashboard',
};

/** "/fill@nianbao_bot 2024" → ["/fill", "2024"]; Chinese aliases map to their command. */
function splitCommand(text: string): { command: string | null; args: string[] } {
  const [head = '', ...args] = text.trim().split(/\s+/);
  const alias = COMMAND_ALIASES[head];
  if (alias) return { command: alias, args };
  if (!head.startsWith('/')) return { command: null, args: [] };
  return { command: head.replace(/@\S+$/, '').toLowerCase(), args };
}

async function decide(deps: Deps, state: TurnState): Promise<Decision> {
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

  const year = defaultYear(deps.now);
  switch (command) {
    case '/start':
      if (args[0]) return joinCommand(deps, state, args[0]);
      return {
        replies: [reply(T.alreadyBound(member.orgName, member.role)), helpFor(member.role, year)],
        record: true,
        writes: [],
      };
    case '/help':
      return { replies: [helpFor(member.role, year)], record: true, writes: [] };
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
    case '/addunit':
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

  const open =
    session.state.mode !== 'idle' && report && report.orgId === member.orgId ? session.state : null;
  if (!open || !report || report.status === 'submitted') {
    // The flow's words said outside it (查看, 提交, 修改 二): open the draft and act on them there;
    // a submitted report says when it was submitted, with its link.
    const flowWord = is(text, 'review') || is(text, 'submit') || /^(\/edit|修改)(\s|$)/.test(text);
    // The report this chat was last on (paused, or submitted), else this year's.
    const last = report && report.orgId === member.orgId ? String(report.year) : undefined;
    if (report?.status === 'submitted' && (open || flowWord)) return fillCommand(deps, state, last);
    if (flowWord) return fillCommand(deps, state, last, text);
    const lead = inbound.kind === 'unsupported' ? T.unsupported : T.notFilling;
    return { replies: [reply(lead), helpFor(member.role, year)], record: true, writes: [] };
  }

  const ctx: TurnContext = {
    session: open,
    form: formOf(report.draft.report),
    draft: report.draft,
    kind: member.orgKind,
    previous: state.previous,
  };
  // A sticker, a photo or a voice message: say so, and ask the current question again.
  const result: TurnResult =
    inbound.kind === 'unsupported'
      ? repeatQuestion(ctx, T.unsupported)
      : fillTurn(ctx, { text, step: inbound.step });
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

/** Handles one inbound message: stored once, answered once, never losing a concurrent answer. */
export async function handleMessage(deps: Deps, inbound: Inbound): Promise<Handled> {
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
