// The chat commands that need more than the one batched read: joining with an invite, opening a
// year's draft, reopening, submitting (and notifying supervisors), and the supervisors' commands.
import { CHILD_KINDS, FORMS, formOf, type OrgKind } from '../../forms';
import { defaultYear, latestYear, parseYear } from '../engine/calendar';
import { newDraft, type Draft } from '../engine/draft';
import { REVIEW, fillTurn, openDraft, type Session } from '../engine/flow';
import { reply } from '../engine/reply';
import { summarize } from '../engine/summary';
import { getInvite, inviteStatement, redeemStatements } from '../db/invites';
import { createOrg, findInSubtree } from '../db/orgs';
import type { Member } from '../db/people';
import {
  insertReportIfMissing,
  reportByOrgYear,
  toStoredReport,
  writeReport,
  type ReportRow,
  type StoredReport,
} from '../db/reports';
import { statusRows, type StatusCounts, type StatusKey, type StatusRow } from '../db/status';
import { STATS_COPY } from '../engine/copy';
import { changeOf, figuresOf, showFigure, type FigureId } from '../engine/stats';
import { yearTotals } from '../services/stats';
import type { Deps } from '../services/deps';
import { formUrl, linkUrl, reportUrl, shownLink } from '../services/links';
import { remindOfficials } from '../services/reminders';
import { submission } from '../services/submit';
import { CHAT_COPY as T, REMIND_CHAT_COPY } from './copy';
import {
  answer,
  helpFor,
  openInSession,
  refusal as refuse,
  turnWrites,
  type Decision,
  type TurnState,
} from './turn';

const day = (iso: string) => iso.slice(0, 10);

export async function joinCommand(deps: Deps, state: TurnState, rawCode: string): Promise<Decision> {
  const code = rawCode.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  const invite = await getInvite(deps.db, code);
  // An account already bound stays bound: neither an invite nor another person's code rebinds it.
  if (state.member) return answer(T.alreadyBound(state.member.orgName, state.member.role));
  if (!invite) return refuse(T.inviteUnknown);
  if (invite.usedAt) return refuse(T.inviteUsed);
  if (invite.expiresAt < deps.now.toISOString()) return refuse(T.inviteExpired);
  const { inbound } = state;
  const writes = redeemStatements(
    deps.db,
    invite,
    {
      platform: inbound.platform,
      userId: inbound.userId,
      chatId: inbound.chatId,
      displayName: inbound.displayName ?? '',
    },
    deps.now.toISOString(),
  );
  const year = defaultYear(deps.now);
  return {
    replies: [reply(T.joined(invite.orgName, invite.role)), helpFor(invite.role, year)],
    record: true,
    writes,
  };
}

export async function bindCommand(deps: Deps, state: TurnState): Promise<Decision> {
  const m = state.member!;
  const { code, statement } = inviteStatement(deps.db, {
    orgId: m.orgId,
    role: m.role,
    createdBy: m.personId,
    personId: m.personId,
    now: deps.now,
    days: 7,
  });
  return { replies: [reply(T.bindCode(code, 7))], record: true, writes: [statement] };
}

/** A signed link to the same draft in the phone's browser. */
export async function linkCommand(deps: Deps, state: TurnState): Promise<Decision> {
  const m = state.member!;
  const s = state.session.state;
  const year =
    s.mode !== 'idle' ? s.year : state.report?.orgId === m.orgId ? state.report.year : defaultYear(deps.now);
  return answer(T.linkReady(shownLink(await formUrl(deps, m, year))));
}

/** Loads (creating if needed) a body's report for a year, with last year's. */
async function loadReport(
  deps: Deps,
  state: TurnState,
  year: number,
): Promise<{ stored: StoredReport; previous?: Draft }> {
  const m = state.member!;
  const form = FORMS.forYear(year);
  const draft = newDraft(form, { name: m.orgFullName, kind: m.orgKind }, year);
  const [, current, previous] = await deps.db.batch([
    insertReportIfMissing(
      deps.db,
      m.orgId,
      year,
      draft,
      m.personId,
      state.inbound.platform,
      summarize(form, draft, m.orgKind),
    ),
    reportByOrgYear(deps.db, m.orgId, year),
    reportByOrgYear(deps.db, m.orgId, year - 1),
  ]);
  const row = current!.results[0] as ReportRow;
  const prev = previous!.results[0] as ReportRow | undefined;
  return { stored: toStoredReport(row), previous: prev ? toStoredReport(prev).draft : undefined };
}

/**
 * Opens (creating if needed) this year's draft at the next unanswered question; `then`, when given,
 * is a flow word said outside the flow (查看, 提交, 修改 二), acted on in the opened draft at once.
 */
export async function fillCommand(
  deps: Deps,
  state: TurnState,
  yearArg?: string,
  then?: string,
): Promise<Decision> {
  const year = parseYear(yearArg, deps.now);
  if (year === null) return answer(T.badYear(latestYear(deps.now)));
  const { stored, previous } = await loadReport(deps, state, year);
  const m = state.member!;
  if (stored.status === 'submitted') {
    const url = shownLink(await reportUrl(deps, stored.id, stored.version));
    return {
      replies: [
        reply(T.alreadySubmitted(year, day(stored.submittedAt ?? stored.updatedAt), url), [
          [{ label: T.reopenButton, data: `/reopen ${year}` }],
        ]),
      ],
      record: true,
      writes: [],
    };
  }
  const resuming =
    stored.version > 1 || ('reportId' in state.session.state && state.session.state.reportId === stored.id);
  const lead = resuming ? T.resumeFilling(m.orgName, year) : T.startFilling(m.orgName, year);
  const withPrevious = { ...state, previous: previous?.report };
  if (then === undefined) return openInSession(deps, withPrevious, stored, lead);
  const form = formOf(stored.draft.report);
  const opened = openDraft({
    form,
    draft: stored.draft,
    kind: m.orgKind,
    previous: previous?.report,
    reportId: stored.id,
    year,
  });
  const ctx = {
    session: opened.session as Extract<Session, { mode: 'filling' }>,
    form,
    draft: stored.draft,
    kind: m.orgKind,
    previous: previous?.report,
  };
  const result = fillTurn(ctx, { text: then });
  if (result.submit) return submitReport(deps, withPrevious, stored);
  return {
    replies: [reply(lead), ...result.replies],
    record: true,
    writes: turnWrites(deps, withPrevious, result.session, {
      stored,
      draft: result.draft,
      changes: result.changes,
    }),
  };
}

export async function reopenCommand(deps: Deps, state: TurnState, yearArg?: string): Promise<Decision> {
  const year = parseYear(yearArg, deps.now);
  if (year === null) return answer(T.badYear(latestYear(deps.now)));
  const { stored, previous } = await loadReport(deps, state, year);
  if (stored.status !== 'submitted') return fillCommand(deps, state, String(year));
  const m = state.member!;
  const form = formOf(stored.draft.report);
  const opened = openDraft(
    { form, draft: stored.draft, kind: m.orgKind, previous: previous?.report, reportId: stored.id, year },
    REVIEW,
  );
  const writes = [
    ...turnWrites(deps, state, opened.session),
    ...writeReport(deps.db, {
      id: stored.id,
      baseVersion: stored.version,
      draft: stored.draft,
      status: 'draft',
      action: 'reopen',
      personId: m.personId,
      channel: state.inbound.platform,
      changes: {},
      summary: summarize(form, stored.draft, m.orgKind, previous?.report),
      now: deps.now.toISOString(),
    }),
  ];
  return { replies: [reply(T.reopened(year)), ...opened.replies], record: true, writes };
}

/** Submits the draft as it stands (the flow has checked it); the supervisors' notices go with it. */
export async function submitReport(deps: Deps, state: TurnState, stored: StoredReport): Promise<Decision> {
  const m = state.member!;
  const done = await submission(deps, stored, m, state.inbound.platform, state.previous);
  const writes = [
    ...turnWrites(deps, state, { mode: 'idle', resume: { reportId: stored.id, step: REVIEW } }),
    ...done.writes,
  ];
  return {
    replies: [reply(T.submitted(m.orgName, stored.year, shownLink(done.url), done.notified))],
    record: true,
    writes,
    posts: done.posts,
    jobs: done.jobs,
  };
}

/** At most this many names per list in chat; the dashboard has the rest. */
const LISTED = 40;

function names(rows: StatusRow[], count: number): string[] {
  const listed = rows.slice(0, LISTED).map((r) => r.name);
  return count > listed.length ? [...listed, T.andMore(count - listed.length)] : listed;
}

function statusText(rows: StatusRow[], counts: StatusCounts, year: number): string[] {
  const group = (k: StatusKey) => rows.filter((r) => r.status === k);
  return [
    `${T.statusTitle(year, counts.all)}\n${T.statusCounts(counts.submitted, counts.draft, counts.returned, counts.none)}`,
    ...(['none', 'returned', 'draft', 'submitted'] as const)
      .filter((k) => counts[k] > 0)
      .map((k) => T.statusGroup(T.statusLabels[k], counts[k], names(group(k), counts[k]))),
  ];
}

export async function supervisorCommand(
  deps: Deps,
  state: TurnState,
  command: string,
  args: string[],
): Promise<Decision> {
  const m = state.member!;
  if (m.role === 'official') return refuse(T.supervisorsOnly);
  const year = defaultYear(deps.now);
  switch (command) {
    case '/status': {
      const y = parseYear(args[0], deps.now);
      if (y === null) return answer(T.badYear(year + 1));
      // Enough rows, most urgent first, to list a few names of every status.
      const { rows, counts } = await statusRows(deps.db, m.orgPath, y, { sort: 'status', limit: 4 * LISTED });
      if (counts.all === 0) return answer(T.noBodies);
      return answer([...statusText(rows, counts, y), T.seeDashboard].join('\n\n'));
    }
    case '/missing': {
      const { rows, counts } = await statusRows(deps.db, m.orgPath, year, { sort: 'status', limit: LISTED });
      const missing = counts.all - counts.submitted;
      if (missing === 0) return answer(counts.all === 0 ? T.noBodies : T.allSubmitted(year));
      const label = (r: StatusRow) =>
        `${r.name}（${T.statusLabels[r.status]}${r.status === 'draft' ? ` ${r.done}/${r.total}` : ''}）`;
      const listed = rows.filter((r) => r.status !== 'submitted').map(label);
      if (missing > listed.length) listed.push(T.andMore(missing - listed.length));
      return answer(`${T.missingTitle(year, missing)}\n${listed.join('\n')}`);
    }
    case '/report': {
      const name = args.join(' ');
      if (!name) return answer(T.reportWhich);
      const found = await findInSubtree(deps.db, m.orgPath, name);
      if (found.length === 0) return answer(T.reportNotFound(name));
      if (found.length > 1) return answer(T.reportAmbiguous(found.map((o) => o.name)));
      const org = found[0]!;
      const row = await reportByOrgYear(deps.db, org.id, year).first<ReportRow>();
      if (!row || row.status !== 'submitted') {
        return answer(T.reportNotSubmitted(org.name, year, T.statusLabels[row?.status ?? 'none']));
      }
      return answer(T.reportLink(org.name, year, shownLink(await reportUrl(deps, row.id, row.version))));
    }
    case '/invite': {
      const [name, role = 'official'] = args;
      if (!name) return answer(T.inviteWhich);
      if (role !== 'official' && role !== 'supervisor') return answer(T.inviteRole);
      const found = await findInSubtree(deps.db, m.orgPath, name);
      if (found.length === 0) return answer(T.reportNotFound(name), T.howToAdd(name));
      if (found.length > 1) return answer(T.reportAmbiguous(found.map((o) => o.name)));
      const org = found[0]!;
      const { code, expiresAt, statement } = inviteStatement(deps.db, {
        orgId: org.id,
        role,
        createdBy: m.personId,
        now: deps.now,
      });
      return {
        replies: [
          reply(
            T.inviteCreated(
              org.name,
              role,
              code,
              day(expiresAt),
              deps.origin ? `${deps.origin}/i/${code}` : shownLink(null),
            ),
          ),
        ],
        record: true,
        writes: [statement],
      };
    }
    case '/remind': {
      const sent = await remindOfficials(deps, m.orgPath, year);
      if ('queued' in sent) return answer(REMIND_CHAT_COPY.queued(sent.queued));
      if (sent.people) return answer(REMIND_CHAT_COPY.sent(sent.people, sent.bodies, sent.remindedBefore));
      // Nobody reminded: say why.
      if (sent.remindedBefore) return answer(REMIND_CHAT_COPY.alreadyToday(sent.remindedBefore));
      const { counts } = await statusRows(deps.db, m.orgPath, year, { sort: 'status', limit: 0 });
      if (counts.all === 0) return answer(T.noBodies);
      if (counts.submitted === counts.all) return answer(T.allSubmitted(year));
      return answer(REMIND_CHAT_COPY.nobodyBound);
    }
    case '/addunit':
      return addUnit(deps, m, args);
    case '/dashboard':
      return answer(REMIND_CHAT_COPY.dashboard(shownLink(await linkUrl(deps, { k: 'd', p: m.personId }))));
    case '/stats': {
      const y = parseYear(args[0], deps.now);
      if (y === null) return answer(T.badYear(year + 1));
      return answer(await statsText(deps, m, y));
    }
  }
  return answer(T.supervisorsOnly);
}

/** The subtree's headline figures of a year (summed by D1), and the link to the data view. */
async function statsText(deps: Deps, m: Member, year: number): Promise<string> {
  const S = REMIND_CHAT_COPY;
  const form = FORMS.forYear(year);
  const [years, { counts }] = await Promise.all([
    yearTotals(deps.db, m.orgPath, year, form),
    statusRows(deps.db, m.orgPath, year, { sort: 'status', limit: 0 }),
  ]);
  const now = years.find((y) => y.year === year);
  if (!now) return counts.all === 0 ? T.noBodies : S.statsNone(year);
  const before = years.find((y) => y.year === year - 1);
  const f = figuresOf(now.counts);
  const name = (id: FigureId) => STATS_COPY.figures[id][0];
  const change = (before && changeOf(now.counts.received, before.counts.received)) ?? undefined;
  const lines = [
    S.statsSubmitted(counts.submitted, counts.all),
    S.statsFigure(name('received'), showFigure('received', f.received), change),
    ...(['substantive', 'correction', 'carryRate'] as const).map((id) =>
      S.statsFigure(name(id), showFigure(id, f[id])),
    ),
  ];
  const url = await linkUrl(deps, { k: 'd', p: m.personId });
  return S.stats(year, lines, shownLink(url && `${url}/stats?year=${year}`));
}

const KIND_WORDS: Record<string, OrgKind> = {
  市: 'city',
  地级市: 'city',
  县: 'county',
  区: 'county',
  县级市: 'county',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
  街道: 'subdistrict',
  部门: 'department',
};

/** The words that name each kind, the first being how the bot suggests it. */
const WORDS_OF: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇',
  subdistrict: '街道',
  department: '部门',
};

/**
 * The kind of a body named without one, among those that may sit under `parent`: 白营镇 is a
 * township, 东城街道 a subdistrict, 财政局 a department, 汤阴县 a county, 安阳市 a city under a
 * province (a county-level city under a city).
 */
function kindFromName(name: string, parent: OrgKind): OrgKind | null {
  const allowed = CHILD_KINDS[parent];
  const guess = (): OrgKind | null => {
    if (/(镇|乡)(人民政府|政府)?$/.test(name)) return 'township';
    if (/街道(办事处)?$/.test(name)) return 'subdistrict';
    if (/(局|委|委员会|办|办公室|中心|所|站|院|部|队|厅)$/.test(name)) return 'department';
    if (/(县|区|旗)(人民政府)?$/.test(name)) return 'county';
    if (/市(人民政府)?$/.test(name)) return allowed.includes('city') ? 'city' : 'county';
    return null;
  };
  const kind = guess();
  return kind && allowed.includes(kind) ? kind : null;
}

/** /addunit 名称 [乡镇|街道|部门] [全称]: a body under the supervisor's, then an invite for it. */
async function addUnit(deps: Deps, m: Member, args: string[]): Promise<Decision> {
  const [name, kindWord, ...full] = args;
  if (!name || name.length > 100) return answer(T.addUnitHow);
  const allowed = CHILD_KINDS[m.orgKind];
  if (allowed.length === 0) return answer(T.addUnitNone);
  const named = kindWord ? KIND_WORDS[kindWord] : kindFromName(name, m.orgKind);
  const kind = named && allowed.includes(named) ? named : null;
  if (!kind)
    return answer(
      T.addUnitKind(
        name,
        allowed.map((k) => WORDS_OF[k]),
      ),
    );
  const fullName = full.join('').slice(0, 100) || undefined;
  const created = await createOrg(deps.db, { name, fullName, kind, parentId: m.orgId });
  if ('exists' in created) return answer(T.addUnitExists(name));
  return answer(T.addUnitDone(name, T.kindNames[kind] ?? kind, fullName ?? name));
}
