// The supervisor's dashboard behind /d/<token> (a signed link from /dashboard in chat, no password):
// the bodies under them with status and progress, details and history, returning a report,
// reminders, the roll-up and a CSV of every figure. Everything is scoped to their subtree.
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { CHILD_KINDS, FORMS, formOf, type OrgKind } from '../../forms';
import { adapterOf } from '../chat/adapters';
import { daysLeft, defaultYear, latestYear } from '../engine/calendar';
import { checkReport } from '../engine/check';
import { createOrg, setFullName } from '../db/orgs';
import { failedUnder, resendUnder } from '../db/outbox';
import { memberById, toMember, type Member, type MemberRow } from '../db/people';
import { reportByOrgYear, snapshotAt, toStoredReport, type ReportRow } from '../db/reports';
import { compareReports } from '../engine/compare';
import { statusPage, SORTS, type SortKey, type StatusKey } from '../db/status';
import { history, orgInSubtree, setRemindersOff, setSumsChildren } from '../db/supervision';
import { attachment, compileReport, isFormat } from '../report/compile';
import { readStoredReport } from '../report/schema';
import { csvStream } from '../services/csv';
import { keepDocx, keptDocx } from '../services/docx';
import { readFiles } from '../import/files';
import { assignImport, auditImports } from '../services/imports';
import { deliveryJobs } from '../services/jobs';
import { remindOfficials } from '../services/reminders';
import { returnReport } from '../services/returns';
import { findingsWithVerdicts, judgeFinding } from '../services/verdicts';
import { rollup } from '../services/rollup';
import { bodyLines, statsCsv, subtreeStats } from '../services/stats';
import { AUDIT_COPY as A, DASHBOARD_COPY as T, FILE_COPY, WEB_COPY as W } from '../web/copy';
import { AuditPage, BodyDetails, ComparePage, DashShell, RollupPage, StatusList } from '../web/dashboard';
import { BodyLines, DataView } from '../web/data-view';
import { messagePage } from '../web/page';
import { limitBody, readForm } from './body';
import { pageHeaders } from './headers';
import { requestDeps } from './hooks';
import { keepLater, openLink } from './links';
import type { AppEnv } from './types';

/** A channel as people know it: a chat platform's name, 网页 or 导入. */
const channel = (id: string) => adapterOf(id)?.label ?? T.channels[id] ?? id;

export const dashboard = new Hono<AppEnv>();
const PAGE_SIZE = 100;

/** The dashboard's forms carry a comment or a name: 64 KB is far more than any of them. */
const DASH_BODY_BYTES = 64 * 1024;

/** The audit takes many published reports at once (text or web pages): up to 10 MB. */
const AUDIT_BODY_BYTES = 10 * 1024 * 1024;
const dashLimit = limitBody(DASH_BODY_BYTES, () => false);
const auditLimit = limitBody(AUDIT_BODY_BYTES, () => false);

dashboard.use(
  '/d/*',
  // Pages without scripts that show what people typed (names, reports): the same CSP as the form's.
  pageHeaders(),
  csrf(),
  (c, next) => (/\/audit(\/assign)?$/.test(c.req.path) ? auditLimit(c, next) : dashLimit(c, next)),
);

type Opened = { ok: true; base: string; member: Member; year: number } | { ok: false; response: Response };

async function open(c: Context<AppEnv>): Promise<Opened> {
  const opened = await openLink(c, 'd');
  if (!opened.ok) return opened;
  const token = opened.token;
  const row = await memberById(c.env.DB, opened.link.p).first<MemberRow>();
  if (!row || row.role === 'official')
    return { ok: false, response: c.html(messagePage(W.linkInvalidTitle, T.supervisorsOnly), 403) };
  const fallback = defaultYear(new Date());
  const asked = Number(c.req.query('year'));
  const year = Number.isInteger(asked) && asked >= 2008 && asked <= latestYear(new Date()) ? asked : fallback;
  return { ok: true, base: `/d/${token}`, member: toMember(row), year };
}

const html = (node: unknown) => '<!DOCTYPE html>' + String(node);

function shell(m: Member, year: number, children: unknown, subtitle?: string) {
  return html(
    <DashShell title={T.title(m.orgName, year)} subtitle={subtitle}>
      {children as never}
    </DashShell>,
  );
}

/** What the page says after an action redirected to it. */
function noticeOf(c: Context<AppEnv>): string | undefined {
  const q = (k: string) => c.req.query(k);
  if (q('resent')) return q('resent') === '1' ? T.failed.resent : T.failed.gone;
  if (!q('reminded')) return undefined;
  if (q('queued')) return T.remindQueued(Number(q('queued')) || 0);
  return T.reminded(Number(q('people')) || 0, Number(q('bodies')) || 0);
}

dashboard.get('/d/:token', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const status = (c.req.query('status') ?? '') as StatusKey | '';
  const asked = c.req.query('sort') ?? '';
  const sort: SortKey = Object.hasOwn(SORTS, asked) ? (asked as SortKey) : 'status';
  const q = (c.req.query('q') ?? '').trim().slice(0, 50);
  const page = Math.max(1, Math.min(Number(c.req.query('page')) || 1, 10_000));
  const validStatus = ['', 'none', 'draft', 'returned', 'submitted'].includes(status) ? status : '';
  const failed = await failedUnder(c.env.DB, o.member.orgPath);
  const { rows, counts } = await statusPage(c.env.DB, o.member.orgPath, o.year, {
    status: validStatus,
    search: q,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const latest = latestYear(new Date());
  const view = {
    base: o.base,
    year: o.year,
    years: [latest, latest - 1, latest - 2, latest - 3],
    rows,
    counts,
    query: { status: validStatus, q, sort, page },
    pageSize: PAGE_SIZE,
    daysLeft: daysLeft(new Date(), o.year),
    notice: noticeOf(c),
    channel,
    failed,
    childKinds: CHILD_KINDS[o.member.orgKind],
  };
  return c.html(shell(o.member, o.year, <StatusList v={view} />));
});

async function bodyOf(c: Context<AppEnv>, o: Extract<Opened, { ok: true }>) {
  const orgId = Number(c.req.param('orgId'));
  if (!Number.isSafeInteger(orgId)) return null;
  return orgInSubtree(c.env.DB, o.member.orgPath, orgId, o.year);
}

dashboard.get('/d/:token/body/:orgId', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const body = await bodyOf(c, o);
  if (!body) return c.html(messagePage(T.notInScope, T.notInScope), 404);
  const flash = c.req.query('done');
  const view = {
    base: o.base,
    year: o.year,
    name: body.name,
    orgId: body.org_id,
    status: body.status ?? 'none',
    done: body.progress_done ?? 0,
    total: body.progress_total ?? 0,
    remindersOff: body.reminders_off === 1,
    hasParts: body.descendants > 0,
    lines: await bodyLines(c.env.DB, { id: body.org_id, parentId: body.parent_id }, o.year),
    sumsParts: body.sums_children === 1,
    history: body.id ? await history(c.env.DB, body.id) : [],
    review:
      body.id && body.status === 'submitted'
        ? ((await findingsWithVerdicts(c.env.DB, { ...body, org_id: body.org_id })) ?? undefined)
        : undefined,
    channel,
    fullName: body.full_name || body.name,
    notice:
      flash === 'returned'
        ? T.returnedDone(Number(c.req.query('n')) || 0)
        : flash === 'verdict'
          ? T.verdictSaved
          : flash === 'added'
            ? T.added(body.name)
            : flash === 'exists'
              ? T.addExists(body.name)
              : flash === 'named'
                ? T.fullNameSaved
                : undefined,
    alert:
      flash === 'notSubmitted'
        ? T.notSubmitted
        : flash === 'conflict'
          ? T.conflict
          : flash === 'empty'
            ? T.commentRequired
            : flash === 'gone'
              ? T.verdictGone
              : flash === 'reason'
                ? T.verdictNeedsReason
                : undefined,
  };
  return c.html(shell(o.member, o.year, <BodyDetails v={view} />, body.name));
});

/** The body's report beside last year's: figures with their changes, texts sentence by sentence. */
dashboard.get('/d/:token/body/:orgId/compare', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const body = await bodyOf(c, o);
  if (!body) return c.html(messagePage(T.notInScope, T.notInScope), 404);
  const [now, before] = await Promise.all(
    [o.year, o.year - 1].map((y) => reportByOrgYear(c.env.DB, body.org_id, y).first<ReportRow>()),
  );
  const view = { base: o.base, year: o.year, orgId: body.org_id, name: body.name };
  const missing = !now ? T.compareNoReport(o.year) : !before ? T.compareNone(o.year) : undefined;
  const [thisYear, lastYear] = [now, before].map((r) => (r ? toStoredReport(r).draft.report : null));
  const comparison = thisYear && lastYear ? compareReports(formOf(thisYear), thisYear, lastYear) : null;
  return c.html(
    shell(o.member, o.year, <ComparePage v={{ ...view, comparison, missing }} />, body.name),
    comparison ? 200 : 404,
  );
});

dashboard.get('/d/:token/body/:orgId/report', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const format = c.req.query('format') ?? 'html';
  if (!isFormat(format)) return c.html(messagePage(W.linkInvalidTitle, W.badFormat), 400);
  const body = await bodyOf(c, o);
  if (!body) return c.html(messagePage(T.notInScope, T.notInScope), 404);
  const kept =
    format === 'docx' && body.status === 'submitted'
      ? await keptDocx(c.env.CACHE, body.id, body.version)
      : null;
  if (kept) return c.body(kept.body, 200, { ...kept.headers, 'Cache-Control': 'private, no-store' });
  const snapshot = body.status === 'submitted' ? await snapshotAt(c.env.DB, body.id, body.version) : null;
  if (!snapshot) return c.html(messagePage(T.noReport, T.noReport), 404);
  const parsed = readStoredReport(snapshot);
  if (!parsed.ok) return c.html(messagePage(W.reportUnreadableTitle, W.reportUnreadable), 422);
  const notice = parsed.issues.length ? W.reportIrregular(parsed.issues.length) : undefined;
  const compiled = await compileReport(parsed.form, parsed.report, format, { notice });
  if (format === 'docx') keepLater(c, keepDocx(c.env.CACHE, body.id, body.version, compiled));
  return c.body(compiled.body, 200, { ...compiled.headers, 'Cache-Control': 'private, no-store' });
});

/** A POST about one body: the dashboard opened, the body in scope, the form read, and where to go back. */
async function bodyPost(c: Context<AppEnv>) {
  const o = await open(c);
  if (!o.ok) return { ok: false as const, response: o.response };
  const body = await bodyOf(c, o);
  if (!body) return { ok: false as const, response: c.html(messagePage(T.notInScope, T.notInScope), 404) };
  const read = await readForm(c);
  if (!read.ok) return { ok: false as const, response: read.response };
  return {
    ok: true as const,
    o,
    body,
    form: read.body,
    back: `${o.base}/body/${body.org_id}?year=${o.year}`,
  };
}

dashboard.post('/d/:token/body/:orgId/return', async (c) => {
  const p = await bodyPost(c);
  if (!p.ok) return p.response;
  const { o, body, form, back } = p;
  const comment = String(form.comment ?? '')
    .trim()
    .slice(0, 1000);
  if (!comment) return c.redirect(`${back}&done=empty`, 303);
  const result = await returnReport(
    requestDeps(c),
    o.member,
    { id: body.org_id, name: body.name, kind: body.kind as OrgKind },
    o.year,
    comment,
  );
  return c.redirect(
    result.ok ? `${back}&done=returned&n=${result.notified}` : `${back}&done=${result.reason}`,
    303,
  );
});

/** A verdict on one finding: confirmed (the report goes back, the finding quoted) or dismissed. */
dashboard.post('/d/:token/body/:orgId/verdict', async (c) => {
  const p = await bodyPost(c);
  if (!p.ok) return p.response;
  const { o, body, back } = p;
  const read = { body: p.form };
  if (!body.id || body.status !== 'submitted') return c.redirect(`${back}&done=notSubmitted`, 303);
  const verdict =
    read.body.verdict === 'confirm' ? 'confirm' : read.body.verdict === 'dismiss' ? 'dismiss' : null;
  if (!verdict) return c.redirect(`${back}&done=gone`, 303);
  const result = await judgeFinding(
    requestDeps(c),
    o.member,
    { ...body, id: body.id, year: o.year },
    String(read.body.key ?? ''),
    verdict,
    String(read.body.reason ?? '')
      .trim()
      .slice(0, 500),
  );
  if (!result.ok) return c.redirect(`${back}&done=${result.reason}`, 303);
  return c.redirect(
    result.notified === undefined ? `${back}&done=verdict` : `${back}&done=returned&n=${result.notified}`,
    303,
  );
});

/** A setting of a body switched from its page: the body in scope, the form read, back to the page. */
function bodySwitch(
  action: string,
  field: string,
  set: (db: D1Database, orgId: number, on: boolean) => D1PreparedStatement,
) {
  dashboard.post(`/d/:token/body/:orgId/${action}`, async (c) => {
    const p = await bodyPost(c);
    if (!p.ok) return p.response;
    await set(c.env.DB, p.body.org_id, p.form[field] === '1').run();
    return c.redirect(p.back, 303);
  });
}

// Whether the body's own report sums the bodies under it (rule 16); its automatic reminders.
bodySwitch('parts', 'on', setSumsChildren);
bodySwitch('reminders', 'off', setRemindersOff);

/** A body added under the supervisor's own, from the dashboard (the same as /addunit in chat). */
dashboard.post('/d/:token/orgs', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const read = await readForm(c);
  if (!read.ok) return read.response;
  const form = read.body;
  const name = String(form.name ?? '').trim();
  const fullName = String(form.fullName ?? '').trim();
  const kind = CHILD_KINDS[o.member.orgKind].find((k) => k === form.kind);
  if (!name || name.length > 100 || fullName.length > 100 || !kind)
    return c.html(messagePage(T.addUnit, T.addFailed), 400);
  const created = await createOrg(c.env.DB, {
    name,
    fullName: fullName || undefined,
    kind,
    parentId: o.member.orgId,
  });
  const id = 'exists' in created ? created.exists : created.id;
  return c.redirect(
    `${o.base}/body/${id}?year=${o.year}&done=${'exists' in created ? 'exists' : 'added'}`,
    303,
  );
});

dashboard.post('/d/:token/body/:orgId/name', async (c) => {
  const p = await bodyPost(c);
  if (!p.ok) return p.response;
  const fullName = String(p.form.fullName ?? '').trim();
  if (!fullName || fullName.length > 100) return c.html(messagePage(T.fullNameTitle, T.fullNameHint), 400);
  await setFullName(c.env.DB, p.body.org_id, fullName).run();
  return c.redirect(`${p.back}&done=named`, 303);
});

dashboard.post('/d/:token/remind', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const deps = requestDeps(c);
  const sent = await remindOfficials(deps, o.member.orgPath, o.year);
  const what = 'queued' in sent ? `queued=${sent.queued}` : `people=${sent.people}&bodies=${sent.bodies}`;
  return c.redirect(`${o.base}?year=${o.year}&reminded=1&${what}`, 303);
});

// A message the platform refused after every retry, about a body here: put back in line.
dashboard.post('/d/:token/outbox/:id/resend', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const id = Number(c.req.param('id'));
  const back = (ok: boolean) => c.redirect(`${o.base}?year=${o.year}&resent=${ok ? 1 : 0}`, 303);
  if (!Number.isSafeInteger(id) || id <= 0) return back(false);
  const row = await resendUnder(c.env.DB, id, o.member.orgPath).first<{ id: number }>();
  if (!row) return back(false);
  const deps = requestDeps(c);
  deps.queue(deliveryJobs(c.env, [row.id]));
  return back(true);
});

dashboard.get('/d/:token/rollup', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const { form, report, layout, included } = await rollup(
    c.env.DB,
    { name: o.member.orgName, path: o.member.orgPath },
    o.year,
  );
  const format = c.req.query('format');
  if (format) {
    if (!isFormat(format)) return c.html(messagePage(W.linkInvalidTitle, W.badFormat), 400);
    const compiled = await compileReport(form, report, format, layout);
    return c.body(compiled.body, 200, { ...compiled.headers, 'Cache-Control': 'private, no-store' });
  }
  const { counts } = await statusPage(c.env.DB, o.member.orgPath, o.year, { sort: 'status', limit: 0 });
  const check = checkReport(form, report);
  const numeric = check.warnings.filter((w) => w.rule !== 9 && w.rule !== 10);
  return c.html(
    shell(
      o.member,
      o.year,
      <RollupPage
        base={o.base}
        year={o.year}
        included={included}
        all={counts.all}
        errors={check.errors}
        warnings={numeric}
      />,
      T.rollupTitle(o.year),
    ),
  );
});

dashboard.get('/d/:token/export.csv', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  return c.body(csvStream(c.env.DB, o.member.orgPath, o.year), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': attachment(`${o.member.orgName}${o.year}年度报告数据.csv`),
    'Cache-Control': 'private, no-store',
  });
});

/** The data view: the figures reviewers compute, per body and for the subtree, as charts. */
dashboard.get('/d/:token/stats', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const stats = await subtreeStats(c.env.DB, o.member.orgPath, o.year);
  return c.html(
    shell(o.member, o.year, <DataView base={o.base} year={o.year} stats={stats} />, T.statsTitle(o.year)),
  );
});

dashboard.get('/d/:token/stats.csv', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const stats = await subtreeStats(c.env.DB, o.member.orgPath, o.year);
  const csv = statsCsv(stats, { body: T.statsBody, all: T.statsAll, late: T.statsLate });
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': attachment(`${o.member.orgName}${o.year}年度统计数字.csv`),
    'Cache-Control': 'private, no-store',
  });
});

dashboard.get('/d/:token/audit', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  return c.html(shell(o.member, o.year, <AuditPage v={{ base: o.base, year: o.year }} />, A.link));
});

/** Published reports read, matched to bodies by their titles, kept where a body has none, checked. */
dashboard.post('/d/:token/audit', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const read = await readForm(c, { all: true });
  if (!read.ok) return read.response;
  const chosen = read.body.files;
  const given = (Array.isArray(chosen) ? chosen : chosen === undefined ? [] : [chosen]).filter(
    (f): f is File => f instanceof File && f.size > 0,
  );
  const got = await readFiles(
    await Promise.all(given.map(async (f) => ({ name: f.name, type: f.type, bytes: await f.arrayBuffer() }))),
    { zip: true },
  );
  const files = got.read;
  const refused = got.unread.map((u) => FILE_COPY.unreadable(u.name, u.reason));
  const pasted = Array.isArray(read.body.text) ? read.body.text[0] : read.body.text;
  if (typeof pasted === 'string' && pasted.trim()) files.push({ name: A.pasted, text: pasted });
  if (files.length === 0 && refused.length === 0) refused.push(A.nothing);
  const results = files.length
    ? await auditImports({ db: c.env.DB, now: new Date() }, o.member, o.year, files)
    : undefined;
  return c.html(
    shell(o.member, o.year, <AuditPage v={{ base: o.base, year: o.year, results, refused }} />, A.link),
    files.length ? 200 : 422,
  );
});

/** A published report whose title matched no body (or several), kept for the body named. */
dashboard.post('/d/:token/audit/assign', async (c) => {
  const o = await open(c);
  if (!o.ok) return o.response;
  const read = await readForm(c);
  if (!read.ok) return read.response;
  const text = typeof read.body.text === 'string' ? read.body.text : '';
  const name = typeof read.body.body === 'string' ? read.body.body.trim() : '';
  const done = await assignImport({ db: c.env.DB, now: new Date() }, o.member, o.year, name, text);
  if (!done.body || !done.stored) {
    const v = { base: o.base, year: o.year, refused: [A.noSuchBody(name)] };
    return c.html(shell(o.member, o.year, <AuditPage v={v} />, A.link), 422);
  }
  if (!done.stored.ok) {
    const v = {
      base: o.base,
      year: o.year,
      refused: [`${done.body.name}：${A.outcomes[done.stored.reason]}`],
    };
    return c.html(shell(o.member, o.year, <AuditPage v={v} />, A.link), 409);
  }
  return c.redirect(`${o.base}/body/${done.body.id}?year=${o.year}`, 303);
});
