// One inbound chat message, end to end: one batched read, a decision (the pure flow engine for
// answers; a few commands read more), one batched write that records the event id first — so a
// re-delivery rolls back whole and a concurrent write is retried — then the replies.
import { formOf } from '../../forms';
import { defaultYear } from '../engine/calendar';
import type { Changes, Draft } from '../engine/draft';
import { fillTurn, repeatQuestion, type Session, type TurnContext, type TurnResult } from '../engine/flow';
import { is } from '../engine/words';
import { reply, type Reply } from '../engine/reply';
import { classifyWriteError, recordStatement } from '../db/events';
import { useNonce } from '../db/outbox';
import { toMember, type MemberRow } from '../db/people';
import { toStoredReport } from '../db/reports';
import { toSession } from '../db/sessions';
import { reportOf, turnStateStatement, type TurnRow } from '../db/turns';
import type { Deps } from '../services/deps';
import { Batch } from '../services/posts';
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
import { importCommand, importTurn, MAX_IMPORT_FILE_BYTES, type ChatFile } from './import';
import { helpFor, turnWrites, type Decision, type TurnState } from './turn';
import type { Adapter, Inbound, PlatformContext } from './types';

/** What the webhook answers with: the replies its own HTTP answer carries, or a refusal. */
export type Handled =
  | { kind: 'answered'; inline: Reply[] }
  /** A re-delivery of an event already handled: acknowledged, nothing sent. */
  | { kind: 'duplicate' }
  /** A signed request seen before (a replayed header pair). */
  | { kind: 'replayed' };

const MAX_ATTEMPTS = 4;

interface Read {
  seen: boolean;
  /** Messages to this chat still in the outbox. */
  waiting: number;
  state: TurnState;
}

async function readState(db: D1Database, inbound: Inbound): Promise<Read> {
  // One statement, one row: a stranger's message costs a few index probes and nothing else.
  const row = await turnStateStatement(
    db,
    inbound.platform,
    inbound.userId,
    inbound.eventId,
    inbound.chatId,
  ).first<TurnRow>();
  return {
    seen: row?.seen === 1,
    waiting: row?.waiting ?? 0,
    state: {
      inbound,
      member: row?.person_id != null ? toMember(row as MemberRow) : null,
      session: toSession(
        row?.session_state != null ? { state: row.session_state, version: row.session_version! } : null,
      ),
      report: row?.r_id != null ? toStoredReport(reportOf(row)) : null,
      previous: row?.prev_answers ? (JSON.parse(row.prev_answers) as Draft).report : undefined,
    },
  };
}

const COMMAND_ALIASES: Record<string, string> = {
  填报: '/fill',
  开始填报: '/fill',
  帮助: '/help',
  绑定: '/bind',
  网页: '/link',
  导入: '/import',
  导入去年报告: '/import',
  进度: '/status',
  状态: '/status',
  未交: '/missing',
  报告: '/report',
  邀请: '/invite',
  重新修改: '/reopen',
  新增单位: '/addunit',
  提醒: '/remind',
  看板: '/dashboard',
  统计: '/stats',
};

/** "/fill@nianbao_bot 2024" → ["/fill", "2024"]; Chinese aliases map to their command. */
function splitCommand(text: string): { command: string | null; args: string[] } {
  const [head = '', ...args] = text.trim().split(/\s+/);
  const alias = COMMAND_ALIASES[head];
  if (alias) return { command: alias, args };
  if (!head.startsWith('/')) return { command: null, args: [] };
  return { command: head.replace(/@\S+$/, '').toLowerCase(), args };
}

/** The answer an earlier attempt of this message would have written: its cells' values then. */
type Guard = Changes | undefined;

async function decide(deps: Deps, state: TurnState, guard: Guard, file?: ChatFile): Promise<Decision> {
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
    case '/import':
      return importCommand(deps, state);
    case '/status':
    case '/missing':
    case '/report':
    case '/invite':
    case '/addunit':
    case '/remind':
    case '/dashboard':
    case '/stats':
      return supervisorCommand(deps, state, command, args);
  }
  if (session.state.mode === 'importing') return importTurn(deps, state, session.state, file);
  // A file outside an import: say what files are for (the question being answered stands).
  if (file) return { replies: [reply(T.fileNotImporting)], record: true, writes: [] };
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
  // Retried after a concurrent write: if that write changed a cell this answer changes (the web form,
  // a moment ago), the answer is not stored over it — the person is told, and asked again.
  const clash = guard && changedMeanwhile(guard, result.changes);
  if (clash) {
    const again = repeatQuestion(ctx, T.changedMeanwhile(shownValue(result.changes[clash]![0])));
    return { replies: again.replies, record: true, writes: [] };
  }
  return {
    changes: result.changes,
    replies: result.replies,
    record: true,
    writes: turnWrites(deps, state, result.session, {
      stored: report,
      draft: result.draft,
      changes: result.changes,
      check: result.check,
    }),
  };
}

/**
 * The first cell whose value before the answer is not what it was when the answer was first tried,
 * and which the answer would replace (text added to a part keeps what is there: not a clash).
 */
function changedMeanwhile(first: Changes, now: Changes): string | undefined {
  return Object.keys(now).find((path) => {
    if (!(path in first)) return false;
    const [before, after] = now[path]!;
    if (JSON.stringify(first[path]![0] ?? null) === JSON.stringify(before ?? null)) return false;
    const keeps =
      typeof before === 'string' && typeof after === 'string' && before !== '' && after.startsWith(before);
    return !keeps;
  });
}

function shownValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return T.emptyValue;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** The file of a message, fetched at most once however often the turn is tried. */
function chatFile(adapter: Adapter, ctx: PlatformContext, inbound: Inbound): ChatFile | undefined {
  const f = inbound.file;
  if (!f) return undefined;
  let fetched: Promise<ArrayBuffer | null> | undefined;
  return {
    name: f.name,
    type: f.type,
    size: f.size,
    bytes: () =>
      (fetched ??= adapter.download
        ? adapter.download(f.id, MAX_IMPORT_FILE_BYTES, ctx).catch(() => null)
        : Promise.resolve(null)),
  };
}

/**
 * Handles one inbound message: stored once, answered once, never losing a concurrent answer. The
 * replies its webhook answer cannot carry are written to the outbox in the same batch as the turn,
 * with any messages to others, and delivered by the queue.
 */
export async function handleMessage(
  deps: Deps,
  adapter: Adapter,
  ctx: PlatformContext,
  inbound: Inbound,
): Promise<Handled> {
  let guard: Guard;
  const file = chatFile(adapter, ctx, inbound);
  for (let attempt = 1; ; attempt++) {
    const { seen, waiting, state } = await readState(deps.db, inbound);
    const nonce = inbound.nonce ? [useNonce(deps.db, inbound.nonce, deps.now.toISOString())] : [];
    // A signed header pair is honoured once, for a re-delivery too (so a replay is told apart).
    if (seen) return (await honourOnce(nonce)) ?? { kind: 'duplicate' };
    const decision = await decide(deps, state, guard, file);
    guard ??= decision.changes;
    // Behind messages still waiting for this chat, a reply waits its turn too: never read out of order.
    const { inline, later } = waiting
      ? { inline: [], later: adapter.units(decision.replies) }
      : adapter.split(decision.replies);
    if (!decision.record) {
      // Nothing is stored for a stranger or a group (but a signed header pair is still honoured once).
      const replayed = await honourOnce(nonce);
      if (replayed) return replayed;
      if (later.length) ctx.waitUntil(sendNow(adapter, ctx, inbound, later));
      return { kind: 'answered', inline };
    }
    try {
      await new Batch(deps, [
        recordStatement(deps.db, inbound.platform, inbound.eventId, deps.now.toISOString()),
        ...nonce,
        ...decision.writes,
      ])
        .post({
          platform: inbound.platform,
          chatId: inbound.chatId,
          replies: later,
          purpose: 'reply',
          replyTo: inbound.replyTo,
          orgId: state.member?.orgId ?? null,
        })
        .post(...(decision.posts ?? []))
        .enqueue(...(decision.jobs ?? []))
        .commit();
    } catch (err) {
      const kind = classifyWriteError(err);
      if (kind === 'duplicate') return { kind: 'duplicate' };
      if (kind === 'replayed') return { kind: 'replayed' };
      if (kind === 'conflict' && attempt < MAX_ATTEMPTS) continue;
      if (kind === 'conflict') {
        const busy = adapter.split([reply(T.busy)]);
        if (busy.later.length) ctx.waitUntil(sendNow(adapter, ctx, inbound, busy.later));
        return { kind: 'answered', inline: busy.inline };
      }
      throw err;
    }
    return { kind: 'answered', inline };
  }
}

/** Records a signed request's nonce alone; answers `replayed` when it was used before. */
async function honourOnce(nonce: D1PreparedStatement[]): Promise<Handled | undefined> {
  if (nonce.length === 0) return undefined;
  try {
    await nonce[0]!.run();
    return undefined;
  } catch (err) {
    if (classifyWriteError(err) === 'replayed') return { kind: 'replayed' };
    throw err;
  }
}

/** Replies to someone nothing is stored for, sent at once, best effort (a refusal, a pointer). */
async function sendNow(adapter: Adapter, ctx: PlatformContext, inbound: Inbound, replies: Reply[]) {
  try {
    await adapter.send(inbound.chatId, replies, ctx, inbound.replyTo);
  } catch (err) {
    console.warn('reply not sent', inbound.platform, err instanceof Error ? err.message : err);
  }
}
