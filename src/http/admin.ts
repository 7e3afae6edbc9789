// The admin API, behind `Authorization: Bearer $ADMIN_TOKEN`: set up the org tree, issue invites,
// load last year's figures, read a report.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { formOf, ORG_KINDS } from '../../forms';
import { createOrg, getOrg, setFullName } from '../db/orgs';
import { createInvite } from '../db/invites';
import {
  insertReportIfMissing,
  reportByOrgYear,
  toStoredReport,
  writeReport,
  type ReportRow,
} from '../db/reports';
import { draftFromReport } from '../engine/answers';
import { toReport } from '../engine/draft';
import { summarize } from '../engine/summary';
import { safeEqual } from '../lib/secrets';
import { normaliseReport } from '../report/json';
import { describeIssues, issueLines, parseReport } from '../report/schema';
import { API_COPY as T } from './copy';
import type { AppEnv } from './types';

export const admin = new Hono<AppEnv>();

admin.use('*', async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!c.env.ADMIN_TOKEN || !token || !safeEqual(token, c.env.ADMIN_TOKEN))
    return c.json({ error: T.unauthorized }, 401);
  await next();
});

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

async function body(c: {
  req: { json: () => Promise<unknown> };
}): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() };
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
  const created = await createOrg(c.env.DB, { name, fullName, kind, parentId });
  if ('exists' in created) return c.json({ error: T.orgExists(name), id: created.exists }, 409);
  return c.json({ id: created.id }, 201);
});

admin.patch('/orgs/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id)) return c.json({ error: T.orgId }, 400);
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

function orgYear(c: { req: { param: (k: string) => string } }): { orgId: number; year: number } | null {
  const orgId = Number(c.req.param('orgId'));
  const year = Number(c.req.param('year'));
  return Number.isSafeInteger(orgId) && Number.isInteger(year) && year >= 2008 && year <= 2100
    ? { orgId, year }
    : null;
}

admin.put('/reports/:orgId/:year', async (c) => {
  const key = orgYear(c);
  if (!key) return c.json({ error: T.badOrgYear }, 400);
  const org = await getOrg(c.env.DB, key.orgId);
  if (!org) return c.json({ error: T.noSuchOrg(key.orgId) }, 404);
  const b = await body(c);
  if (!b.ok) return c.json({ error: T.notJson }, 400);
  const parsed = parseReport(b.value);
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
  const now = new Date().toISOString();
  // Create the row if missing, then write the import as a new version over whatever was there.
  const [, current] = await db.batch([
    insertReportIfMissing(db, key.orgId, key.year, draft, null, 'admin', summarize(form, draft, org.kind)),
    reportByOrgYear(db, key.orgId, key.year),
  ]);
  const stored = toStoredReport(current!.results[0] as ReportRow);
  await db.batch(
    writeReport(db, {
      id: stored.id,
      baseVersion: stored.version,
      draft,
      status: 'submitted',
      action: 'import',
      personId: null,
      channel: 'admin',
      changes: {},
      snapshot: report,
      summary: summarize(form, draft, org.kind),
      now,
    }),
  );
  return c.json({ status: 'submitted', version: stored.version + 1 });
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
