// The admin API, behind `Authorization: Bearer $ADMIN_TOKEN`: set up the org tree, issue invites,
// load last year's figures (over a report only from the version it was based on), read a report and
// every earlier version of it, see and re-send the outbox, export everything and import it again.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { checkSettings } from '../lib/settings';
import * as z from 'zod/mini';
import { formOf, ORG_KINDS } from '../../forms';
import { createOrg, getOrg, setFullName } from '../db/orgs';
import { createInvite } from '../db/invites';
import { postStatus } from '../db/admin';
import { classifyWriteError } from '../db/events';
import { tablesInUse } from '../db/export';
import { postsByStatus, resend, type OutboxStatus } from '../db/outbox';
import {
  insertReportIfMissing,
  reportByOrgYear,
  revisionAt,
  revisionsOf,
  sharedSnapshot,
  toStoredReport,
  writeReport,
  type ReportRow,
  type RevisionEntry,
} from '../db/reports';
import { draftFromReport } from '../engine/answers';
import { toReport } from '../engine/draft';
import { summarize } from '../engine/summary';
import { safeEqual } from '../lib/secrets';
import { normaliseReport } from '../report/json';
import { describeIssues, issueLines, parseReport } from '../report/schema';
import { deliveryJobs } from '../services/jobs';
import { yearsAround } from '../services/recheck';
import { exportStream, readImport, writeImport } from './admin-data';
import { ADMIN_COPY as A, API_COPY as T } from './copy';
import { requestDeps } from './hooks';
import type { AppEnv } from './types';
import { bodyJson } from '../lib/body';
import { parseOrNull } from '../lib/json';

export const admin = new Hono<AppEnv>();

admin.use('*', async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  // A missing or weak admin token opens nothing (outside DEV_MODE): configure it first.
  if (checkSettings(c.env).core.some((p) => p.name === 'ADMIN_TOKEN'))
    return c.json({ error: T.adminNotConfigured }, 503);
  if (!token || !safeEqual(token, c.env.ADMIN_TOKEN)) return c.json({ error: T.unauthorized }, 401);
  await next();
});

// Bodies are bounded: an import of a whole county, and far less for everything else.
const MIB = 1024 * 1024;
const MAX_BODY_MIB = 1;
const MAX_IMPORT_MIB = 20;
const limitBody = bodyLimit({
  maxSize: MAX_BODY_MIB * MIB,
  onError: (c) => c.json({ error: A.tooLarge(MAX_BODY_MIB) }, 413),
});
const limitImport = bodyLimit({
  maxSize: MAX_IMPORT_MIB * MIB,
  onError: (c) => c.json({ error: A.tooLarge(MAX_IMPORT_MIB) }, 413),
});
admin.use('*', (c, next) => (c.req.path.endsWith('/import') ? limitImport(c, next) : limitBody(c, next)));

const orgInput = z.strictObject({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, { error: T.orgName }), z.maxLength(100, { error: T.orgName })),
  /** The full official name, for the title of its reports (汤阴县白营镇人民政府). */
  fullName: z.optional(
    z
      .string()
      .check(z.trim(), z.minLength(1, { error: T.fullName }), z.maxLength(100, { error: T.fullName })),
  ),
  kind: z.enum(ORG_KINDS, { error: T.orgKind }),
  parentId: z.optional(z.nullable(z.int({ error: T.orgId }))),
});

const orgPatch = z.strictObject({
  fullName: z
    .string()
    .check(z.trim(), z.minLength(1, { error: T.fullName }), z.maxLength(100, { error: T.fullName })),
});

const inviteInput = z.strictObject({
  orgId: z.int({ error: T.orgId }),
  role: z.enum(['official', 'supervisor'], { error: T.role }),
});

async function body(c: Context<AppEnv>): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await bodyJson(c.req.raw) };
  } catch {
    return { ok: false };
  }
}

function invalid(issues: ReturnType<typeof describeIssues>) {
  return { error: T.invalidInput, issues, messages: issueLines(issues) };
}

admin.post('/orgs', async (c) => {
  const b = await body(c);
  if (!b.ok) return c.json({ error: T.notJson }, 400);
  const parsed = orgInput.safeParse(b.value);
  if (!parsed.success) return c.json(invalid(describeIssues(parsed.error)), 400);
  const { name, fullName, kind, parentId = null } = parsed.data;
  if (parentId !== null && !(await getOrg(c.env.DB, parentId)))
    return c.json({ error: T.noSuchOrg(parentId) }, 400);
  let created: Awaited<ReturnType<typeof createOrg>>;
  try {
    created = await createOrg(c.env.DB, { name, fullName, kind, parentId });
  } catch (err) {
    // The same name created at the same moment by another request.
    if (classifyWriteError(err) === 'conflict') return c.json({ error: T.orgExists(name) }, 409);
    throw err;
  }
  if ('exists' in created) return c.json({ error: T.orgExists(name), id: created.exists }, 409);
  return c.json({ id: created.id }, 201);
});

admin.patch('/orgs/:id', async (c) => {
  const id = whole(c.req.param('id'));
  if (id === null) return c.json({ error: T.orgId }, 400);
  if (!(await getOrg(c.env.DB, id))) return c.json({ error: T.noSuchOrg(id) }, 404);
  const b = await body(c);
  if (!b.ok) return c.json({ error: T.notJson }, 400);
  const parsed = orgPatch.safeParse(b.value);
  if (!parsed.success) return c.json(invalid(describeIssues(parsed.error)), 400);
  await setFullName(c.env.DB, id, parsed.data.fullName).run();
  return c.json({ id, fullName: parsed.data.fullName });
});

admin.post('/invites', async (c) => {
  const b = await body(c);
  if (!b.ok) return c.json({ error: T.notJson }, 400);
  const parsed = inviteInput.safeParse(b.value);
  if (!parsed.success) return c.json(invalid(describeIssues(parsed.error)), 400);
  if (!(await getOrg(c.env.DB, parsed.data.orgId)))
    return c.json({ error: T.noSuchOrg(parsed.data.orgId) }, 404);
  const invite = await createInvite(c.env.DB, { ...parsed.data, createdBy: null, now: new Date() });
  return c.json(invite, 201);
});

/** A whole number written as digits only (no sign, exponent or hex), or null. */
function whole(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

function orgYear(c: { req: { param: (k: string) => string } }): { orgId: number; year: number } | null {
  const orgId = whole(c.req.param('orgId'));
  const year = whole(c.req.param('year'));
  return orgId !== null && year !== null && year >= 2008 && year <= 2100 ? { orgId, year } : null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The report a PUT carries and the version it was based on: `?base=N`, or the body
 * `{ "baseVersion": N, "report": {…} }` instead of the bare report. No base: the body has no report
 * yet, or only a submitted one (a new version keeps the old one readable).
 */
function readPut(
  query: string | undefined,
  value: unknown,
): { ok: true; base: number | undefined; report: unknown } | { ok: false; error: string } {
  let base: number | undefined;
  if (query !== undefined) {
    const n = whole(query);
    if (n === null) return { ok: false, error: A.badBase };
    base = n;
  }
  if (!isObject(value) || !('report' in value) || 'formVersion' in value)
    return { ok: true, base, report: value };
  for (const k of Object.keys(value))
    if (k !== 'report' && k !== 'baseVersion') return { ok: false, error: A.wrapped };
  const b = value.baseVersion;
  if (b !== undefined) {
    if (typeof b !== 'number' || !Number.isSafeInteger(b) || b < 0) return { ok: false, error: A.badBase };
    if (base !== undefined && base !== b) return { ok: false, error: A.baseTwice(base, b) };
    base = b;
  }
  return { ok: true, base, report: value.report };
}

admin.put('/reports/:orgId/:year', async (c) => {
  const key = orgYear(c);
  if (!key) return c.json({ error: T.badOrgYear }, 400);
  const org = await getOrg(c.env.DB, key.orgId);
  if (!org) return c.json({ error: T.noSuchOrg(key.orgId) }, 404);
  const b = await body(c);
  if (!b.ok) return c.json({ error: T.notJson }, 400);
  const input = readPut(c.req.query('base'), b.value);
  if (!input.ok) return c.json({ error: input.error }, 400);
  const parsed = parseReport(input.report);
  if (!parsed.ok) return c.json(invalid(parsed.issues), 400);
  if (parsed.report.year !== key.year)
    return c.json({ error: T.yearMismatch(key.year, parsed.report.year) }, 400);
  const form = parsed.form;
  const report = normaliseReport(form, {
    ...parsed.report,
    org: { name: parsed.report.org.name, kind: org.kind },
  });
  const draft = draftFromReport(form, report);
  const db = c.env.DB;
  const { previous, recheck } = await yearsAround(db, key.orgId, draft.report);
  const summary = summarize(form, draft, org.kind, previous);

  const row = await reportByOrgYear(db, key.orgId, key.year).first<ReportRow>();
  const current = row?.version ?? 0;
  if (input.base !== undefined && input.base !== current)
    return c.json({ error: A.baseMismatch(input.base, current), version: current }, 409);
  // Never over a draft in progress unless the caller has seen it (and named its version).
  if (input.base === undefined && row && row.status !== 'submitted')
    return c.json({ error: A.draftInProgress(current), version: current }, 409);
  let target: { id: number; version: number };
  if (row) target = { id: row.id, version: row.version };
  else {
    const [inserted, created] = await db.batch([
      insertReportIfMissing(db, key.orgId, key.year, draft, null, 'admin', summary),
      reportByOrgYear(db, key.orgId, key.year),
    ]);
    const fresh = created!.results[0] as ReportRow;
    // Someone started this report in the meantime: theirs, not ours to overwrite.
    // (D1's `changes` counts index rows too: what matters is whether anything was written.)
    if (!inserted!.meta.changes) return c.json({ error: A.changedMeanwhile, version: fresh.version }, 409);
    target = { id: fresh.id, version: fresh.version };
  }
  try {
    await db.batch([
      ...writeReport(db, {
        id: target.id,
        baseVersion: target.version,
        draft,
        status: 'submitted',
        action: 'import',
        personId: null,
        channel: 'admin',
        changes: {},
        snapshot: report,
        summary,
        now: new Date().toISOString(),
      }),
      // Next year's report is checked against this one: its counts follow.
      ...recheck,
    ]);
  } catch (err) {
    if (classifyWriteError(err) === 'conflict') return c.json({ error: A.changedMeanwhile }, 409);
    throw err;
  }
  return c.json({ status: 'submitted', version: target.version + 1 });
});

admin.get('/reports/:orgId/:year', async (c) => {
  const key = orgYear(c);
  if (!key) return c.json({ error: T.badOrgYear }, 400);
  const row = await reportByOrgYear(c.env.DB, key.orgId, key.year).first<ReportRow>();
  if (!row) return c.json({ error: T.noReport }, 404);
  const stored = toStoredReport(row);
  const form = formOf(stored.draft.report);
  return c.json({
    status: stored.status,
    version: stored.version,
    report: normaliseReport(form, toReport(form, stored.draft)),
  });
});

/** A report's row, or the 404 that says whether the body or only its report is missing. */
async function reportOr404(c: Context<AppEnv>, key: { orgId: number; year: number }) {
  const row = await reportByOrgYear(c.env.DB, key.orgId, key.year).first<ReportRow>();
  if (row) return { row };
  const org = await getOrg(c.env.DB, key.orgId);
  return { response: c.json({ error: org ? T.noReport : T.noSuchOrg(key.orgId) }, 404) };
}

const revisionOut = (r: RevisionEntry) => ({
  version: r.version,
  action: r.action,
  person: r.personId === null ? null : { id: r.personId, name: r.personName, role: r.personRole },
  channel: r.channel,
  at: r.at,
  comment: r.comment,
  hasSnapshot: r.hasSnapshot,
});

/** A `limit` query parameter: the default when absent, null when it is not 1…max. */
function limitOf(text: string | undefined, fallback: number, max: number): number | null {
  if (text === undefined) return fallback;
  const n = whole(text);
  return n !== null && n >= 1 && n <= max ? n : null;
}

const MAX_REVISIONS = 500;

/** Every version of a report, newest first: who, how, when, and whether its content was kept. */
admin.get('/reports/:orgId/:year/revisions', async (c) => {
  const key = orgYear(c);
  if (!key) return c.json({ error: T.badOrgYear }, 400);
  const limit = limitOf(c.req.query('limit'), 100, MAX_REVISIONS);
  if (limit === null) return c.json({ error: A.badLimit(MAX_REVISIONS) }, 400);
  const beforeText = c.req.query('before');
  const before = beforeText === undefined ? undefined : whole(beforeText);
  if (before === null || before === 0) return c.json({ error: A.badBefore }, 400);
  const found = await reportOr404(c, key);
  if (!found.row) return found.response;
  const list = await revisionsOf(c.env.DB, found.row.id, limit + 1, before);
  const page = list.slice(0, limit);
  return c.json({
    orgId: key.orgId,
    year: key.year,
    status: found.row.status,
    version: found.row.version,
    revisions: page.map(revisionOut),
    // The `before` of the next page, while there is one.
    next: list.length > limit ? page.at(-1)!.version : null,
  });
});

/** One version: its changes, and the report as it was then where it was kept. */
admin.get('/reports/:orgId/:year/revisions/:version', async (c) => {
  const key = orgYear(c);
  if (!key) return c.json({ error: T.badOrgYear }, 400);
  const version = whole(c.req.param('version'));
  if (version === null || version === 0) return c.json({ error: A.badVersion }, 400);
  const found = await reportOr404(c, key);
  if (!found.row) return found.response;
  const rev = await revisionAt(c.env.DB, found.row.id, version);
  if (!rev) return c.json({ error: A.noRevision(version) }, 404);
  let snapshot = rev.snapshot;
  let snapshotVersion = snapshot === null ? null : rev.version;
  // A return or a reopening leaves the content as it was: that of the version before.
  if (snapshot === null && (rev.action === 'return' || rev.action === 'reopen')) {
    const shared = await sharedSnapshot(c.env.DB, found.row.id, rev.version);
    if (shared) ({ snapshot, version: snapshotVersion } = shared);
  }
  return c.json({
    orgId: key.orgId,
    year: key.year,
    ...revisionOut(rev),
    changes: parseOrNull(rev.changes),
    snapshotVersion,
    snapshot: parseOrNull(snapshot),
  });
});

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['failed', 'pending', 'sending', 'sent'];
const MAX_POSTS = 500;

/** Messages of the outbox by status (failed by default), newest first. */
admin.get('/outbox', async (c) => {
  const status = (c.req.query('status') ?? 'failed') as OutboxStatus;
  if (!OUTBOX_STATUSES.includes(status)) return c.json({ error: A.badStatus }, 400);
  const limit = limitOf(c.req.query('limit'), 50, MAX_POSTS);
  if (limit === null) return c.json({ error: A.badLimit(MAX_POSTS) }, 400);
  return c.json({ status, posts: await postsByStatus(c.env.DB, status, limit) });
});

/** Puts a failed message back in line and hands it to the queue. */
admin.post('/outbox/:id/resend', async (c) => {
  const id = whole(c.req.param('id'));
  if (id === null || id === 0) return c.json({ error: A.badPostId }, 400);
  const resent = await resend(c.env.DB, id).first<{ id: number }>();
  if (!resent) {
    const status = await postStatus(c.env.DB, id);
    if (status === null) return c.json({ error: A.noPost(id) }, 404);
    return c.json({ error: A.notFailed(id, A.postStatus[status] ?? status), status }, 409);
  }
  requestDeps(c).queue(deliveryJobs(c.env, [id]));
  return c.json({ id, status: 'pending' });
});

/** Everything as NDJSON, streamed page by page. */
admin.get('/export', (c) =>
  c.body(exportStream(c.env.DB, c.env), 200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': 'attachment; filename="nianbao-export.ndjson"',
    'Cache-Control': 'no-store',
  }),
);

/** An export restored into an empty database: every line checked before anything is written. */
admin.post('/import', async (c) => {
  const db = c.env.DB;
  const used = await tablesInUse(db);
  if (used.length) return c.json({ error: A.notEmpty(used) }, 409);
  const read = await readImport(c.req.raw.body);
  if (!read.ok) {
    if (read.reason === 'encoding') return c.json({ error: A.notUtf8 }, 400);
    return c.json(
      {
        error: A.importInvalid(read.issues.length),
        issues: read.issues,
        messages: read.issues.map((i) => i.message),
      },
      400,
    );
  }
  // Another import may have begun while this one was read.
  const meanwhile = await tablesInUse(db);
  if (meanwhile.length) return c.json({ error: A.notEmpty(meanwhile) }, 409);
  try {
    return c.json({ imported: await writeImport(db, read.rows) }, 201);
  } catch (err) {
    if (classifyWriteError(err) === 'conflict')
      return c.json({ error: A.notEmpty(await tablesInUse(db)) }, 409);
    console.error('import failed', err);
    return c.json({ error: A.importFailed }, 503);
  }
});
