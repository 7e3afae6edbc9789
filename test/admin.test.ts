// The admin API through the Worker: authorisation, the org tree, invites, importing a report over
// the version it was based on, every version of a report, the outbox, body limits, and no 5xx.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { ADMIN, adminGet, county, createOrg, getReport, invite, putReport } from './helpers/admin';
import { heldQueue } from './helpers/queue';
import { installFakeTelegram, Person, sentTo } from './helpers/telegram';
import { call, ORIGIN, postJson, send } from './worker';
import worker from '../src/index';
import { insertPost } from '../src/db/outbox';
import { fillTotals } from '../src/engine/compute';
import { ADMIN_COPY, API_COPY } from '../src/http/copy';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';

describe('admin API', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['a token without Bearer', { Authorization: 'test-admin-token-for-the-worker-tests-0001' }],
  ])('refuses %s with 401', async (_, headers) => {
    const res = await postJson(
      '/api/admin/orgs',
      { name: '某县', kind: 'county' },
      headers as Record<string, string>,
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: API_COPY.unauthorized });
  });

  it('builds the org tree, refusing duplicates, unknown parents and bad input', async () => {
    const countyId = await createOrg(`管理县${Date.now()}`, 'county');
    const town = await postJson(
      '/api/admin/orgs',
      { name: '一镇', kind: 'township', parentId: countyId },
      ADMIN,
    );
    expect(town.status).toBe(201);
    const again = await postJson(
      '/api/admin/orgs',
      { name: '一镇', kind: 'township', parentId: countyId },
      ADMIN,
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: API_COPY.orgExists('一镇'),
      id: ((await town.json()) as { id: number }).id,
    });
    const orphan = await postJson(
      '/api/admin/orgs',
      { name: '二镇', kind: 'township', parentId: 999999 },
      ADMIN,
    );
    expect(orphan.status).toBe(400);
    expect(await orphan.json()).toEqual({ error: API_COPY.noSuchOrg(999999) });
    const bad = await postJson('/api/admin/orgs', { name: '', kind: 'village' }, ADMIN);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { messages: string[] }).messages).toEqual([
      `name: ${API_COPY.orgName}`,
      `kind: ${API_COPY.orgKind}`,
    ]);
  });

  it('issues invites for existing bodies only', async () => {
    const countyId = await createOrg(`邀请县${Date.now()}`, 'county');
    const res = await postJson('/api/admin/invites', { orgId: countyId, role: 'supervisor' }, ADMIN);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { code: string; expiresAt: string };
    expect(body.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await postJson('/api/admin/invites', { orgId: 999999, role: 'official' }, ADMIN)).status).toBe(
      404,
    );
    expect((await postJson('/api/admin/invites', { orgId: countyId, role: 'boss' }, ADMIN)).status).toBe(400);
  });

  it('imports last year’s report and reads it back as report.json', async () => {
    const countyId = await createOrg(`导入县${Date.now()}`, 'county');
    const townId = await createOrg('汤阴县白营镇政府', 'township', countyId);
    const res = await putReport(townId, 2023, example as Report);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'submitted', version: 2 });
    const stored = await getReport(townId, 2023);
    expect(stored).toEqual({ status: 'submitted', version: 2, report: example });
    // Importing again makes a new version rather than editing in place.
    expect(await (await putReport(townId, 2023, example as Report)).json()).toEqual({
      status: 'submitted',
      version: 3,
    });
  });

  it('refuses a report for the wrong year, a malformed one, or a missing body', async () => {
    const countyId = await createOrg(`错误县${Date.now()}`, 'county');
    const wrongYear = await putReport(countyId, 2024, example as Report);
    expect(wrongYear.status).toBe(400);
    expect(await wrongYear.json()).toEqual({ error: API_COPY.yearMismatch(2024, 2023) });
    const broken = await putReport(countyId, 2023, { ...(example as Report), s5: 3 } as unknown as Report);
    expect(((await broken.json()) as { messages: string[] }).messages).toEqual(['s5: 应为文字']);
    expect((await putReport(999999, 2023, example as Report)).status).toBe(404);
    expect((await call('/api/admin/reports/abc/2023', { headers: ADMIN })).status).toBe(400);
    expect((await call(`/api/admin/reports/${countyId}/2023`, { headers: ADMIN })).status).toBe(404);
  });
});

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 61000;

/** A whole report of a township for a year, every figure consistent. */
function figures(name: string, year: number, n: number): Report {
  const r = emptyReport(F, { name, kind: 'township' }, year);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}${p}`;
  r.s2.licensing = n;
  r.s3.new[0] = n;
  r.s3.granted[0] = n;
  r.s5 = '问题';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

const putJson = (path: string, body: unknown) =>
  call(path, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...ADMIN },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A county with a supervisor (and the dashboard link) and an official of one township. */
async function staffedTownship(town: string) {
  const c = await county([town]);
  const orgId = c.ids[town]!;
  const supervisor = new Person(++nextUser, fake);
  await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  const [m] = await supervisor.say('/dashboard');
  const dashboard = m!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  const official = new Person(++nextUser, fake);
  await official.say(`/start ${await invite(orgId)}`);
  const returnIt = (comment: string) =>
    call(`${dashboard}/body/${orgId}/return?year=2025`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ comment }),
      redirect: 'manual',
    });
  return { ...c, orgId, supervisor, official, returnIt, name: `${town}${c.tag}` };
}

async function submitByChat(official: Person) {
  const m = await official.last('/submit');
  if (m.text.includes('提交前请核对')) await official.press('确认提交');
}

describe('admin PUT of a report, over the version it was based on', () => {
  it('never replaces a draft in progress without its version, and refuses a stale one', async () => {
    const { orgId, official, name } = await staffedTownship('基准镇');
    await official.say('/fill 2025');
    await official.say('正在写的主动公开情况');
    const draft = await getReport(orgId, 2025);
    expect(draft.status).toBe('draft');

    const blind = await putReport(orgId, 2025, figures(name, 2025, 3));
    expect(blind.status).toBe(409);
    expect(await blind.json()).toEqual({
      error: ADMIN_COPY.draftInProgress(draft.version),
      version: draft.version,
    });
    const stale = await putReport(orgId, 2025, figures(name, 2025, 3), { base: draft.version - 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({
      error: ADMIN_COPY.baseMismatch(draft.version - 1, draft.version),
      version: draft.version,
    });
    // Nothing was written: the official's draft is as it was.
    expect(await getReport(orgId, 2025)).toEqual(draft);

    // Named, it replaces the draft with a new, submitted version.
    const named = await putReport(orgId, 2025, figures(name, 2025, 3), { base: draft.version });
    expect(await named.json()).toEqual({ status: 'submitted', version: draft.version + 1 });
    // Over a submitted report no base is needed (the submitted version stays readable).
    expect(await (await putReport(orgId, 2025, figures(name, 2025, 4))).json()).toEqual({
      status: 'submitted',
      version: draft.version + 2,
    });
  });

  it('takes the base as ?base= or as baseVersion beside the report, and checks it', async () => {
    const { orgId, name } = await staffedTownship('形式镇');
    const path = `/api/admin/reports/${orgId}/2025`;
    const report = figures(name, 2025, 1);
    const none = await putReport(orgId, 2025, report, { base: 1 });
    expect(none.status).toBe(409);
    expect(await none.json()).toEqual({ error: ADMIN_COPY.baseMismatch(1, 0), version: 0 });
    expect(await (await putJson(path, { baseVersion: 0, report })).json()).toEqual({
      status: 'submitted',
      version: 2,
    });
    expect(await (await putJson(`${path}?base=2`, { baseVersion: 2, report })).json()).toEqual({
      status: 'submitted',
      version: 3,
    });
    for (const [url, body, error] of [
      [`${path}?base=3`, { baseVersion: 4, report }, ADMIN_COPY.baseTwice(3, 4)],
      [`${path}?base=-1`, report, ADMIN_COPY.badBase],
      [`${path}?base=1e2`, report, ADMIN_COPY.badBase],
      [path, { baseVersion: 'three', report }, ADMIN_COPY.badBase],
      [path, { baseVersion: 3, report, note: 'x' }, ADMIN_COPY.wrapped],
    ] as const) {
      const res = await putJson(url, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: error });
    }
    expect((await getReport(orgId, 2025)).version).toBe(3);
  });

  it('answers PUTs racing on one base with one success and conflicts, never a 500', async () => {
    const { orgId, name } = await staffedTownship('竞争镇');
    await putReport(orgId, 2025, figures(name, 2025, 1));
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => putReport(orgId, 2025, figures(name, 2025, n), { base: 2 })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409))
      expect(((await r.json()) as { error: string }).error).toMatch(/报告/);
    expect((await getReport(orgId, 2025)).version).toBe(3);
  });
});

describe('every version of a report', () => {
  it('stays readable through an import, a reopening, edits, a submission, a return and another import', async () => {
    const { orgId, official, supervisor, returnIt, name } = await staffedTownship('版本镇');
    const imported = figures(name, 2025, 2);
    await putReport(orgId, 2025, imported); // v2 import
    const asImported = await getReport(orgId, 2025);
    await official.say('/reopen 2025'); // v3 reopen
    await official.say('/edit 五');
    await official.say('补充：档案数字化进度偏慢'); // v4 edit
    await submitByChat(official); // v5 submit
    const asSubmitted = await getReport(orgId, 2025);
    expect(asSubmitted).toMatchObject({ status: 'submitted', version: 5 });
    expect((await returnIt('请补充第五部分的整改措施。')).status).toBe(303); // v6 return
    const replaced = figures(name, 2025, 7);
    expect((await putReport(orgId, 2025, replaced, { base: 6 })).status).toBe(200); // v7 import

    const list = await adminGet(`/reports/${orgId}/2025/revisions`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ orgId, year: 2025, status: 'submitted', version: 7, next: null });
    const revisions = list.body.revisions as {
      version: number;
      action: string;
      channel: string;
      hasSnapshot: boolean;
      comment: string;
      person: { role: string } | null;
      at: string;
    }[];
    expect(revisions.map((r) => [r.version, r.action, r.hasSnapshot])).toEqual([
      [7, 'import', true],
      [6, 'return', false],
      [5, 'submit', true],
      [4, 'edit', false],
      [3, 'reopen', false],
      [2, 'import', true],
    ]);
    expect(revisions[0]).toMatchObject({ channel: 'admin', person: null });
    expect(revisions[1]).toMatchObject({
      channel: 'web',
      comment: '请补充第五部分的整改措施。',
      person: { role: 'supervisor' },
    });
    expect(revisions[2]).toMatchObject({ channel: 'telegram', person: { role: 'official' } });
    for (const r of revisions) expect(new Date(r.at).getTime()).toBeGreaterThan(Date.now() - 600_000);

    const at = async (v: number) => (await adminGet(`/reports/${orgId}/2025/revisions/${v}`)).body;
    // The first import, as it was read back then, after everything that came later.
    expect(await at(2)).toMatchObject({ version: 2, action: 'import', snapshotVersion: 2 });
    expect((await at(2)).snapshot).toEqual(asImported.report);
    // The submitted version is the report as the official submitted it, with the edit.
    const submitted = await at(5);
    expect(submitted.snapshot).toEqual(asSubmitted.report);
    expect(submitted.snapshot.s5).toContain('补充：档案数字化进度偏慢');
    // A return and a reopening leave the content as it was: the version before's.
    expect(await at(6)).toMatchObject({
      action: 'return',
      hasSnapshot: false,
      snapshotVersion: 5,
      snapshot: submitted.snapshot,
    });
    expect(await at(3)).toMatchObject({ action: 'reopen', snapshotVersion: 2, snapshot: asImported.report });
    // An edit keeps what it changed, not a whole copy.
    const edit = await at(4);
    expect(edit).toMatchObject({ action: 'edit', hasSnapshot: false, snapshotVersion: null, snapshot: null });
    expect(Object.keys(edit.changes)).toContain('s5');
    expect((await at(7)).snapshot).toEqual((await getReport(orgId, 2025)).report);
    expect((await at(7)).snapshot.s2.licensing).toBe(7);
    expect(sentTo(fake, supervisor.userId).some((t) => t.includes('年度报告已提交'))).toBe(true);

    // Page by page, newest first.
    const page1 = await adminGet(`/reports/${orgId}/2025/revisions?limit=4`);
    expect(page1.body.revisions.map((r: { version: number }) => r.version)).toEqual([7, 6, 5, 4]);
    expect(page1.body.next).toBe(4);
    const page2 = await adminGet(`/reports/${orgId}/2025/revisions?limit=4&before=4`);
    expect(page2.body.revisions.map((r: { version: number }) => r.version)).toEqual([3, 2]);
    expect(page2.body.next).toBeNull();
  });

  it('answers unknown bodies, years and versions with 404 and malformed ones with 400, in Chinese', async () => {
    const { orgId, name } = await staffedTownship('查无镇');
    await putReport(orgId, 2025, figures(name, 2025, 1));
    const cases: [string, number, string][] = [
      [`/reports/999999/2025/revisions`, 404, API_COPY.noSuchOrg(999999)],
      [`/reports/${orgId}/2024/revisions`, 404, API_COPY.noReport],
      [`/reports/${orgId}/2025/revisions/9`, 404, ADMIN_COPY.noRevision(9)],
      [`/reports/${orgId}/2024/revisions/2`, 404, API_COPY.noReport],
      [`/reports/${orgId}/2025/revisions/0`, 400, ADMIN_COPY.badVersion],
      [`/reports/${orgId}/2025/revisions/1.5`, 400, ADMIN_COPY.badVersion],
      [`/reports/${orgId}/2025/revisions/abc`, 400, ADMIN_COPY.badVersion],
      [`/reports/${orgId}/2025/revisions/99999999999999999999`, 400, ADMIN_COPY.badVersion],
      [`/reports/x${orgId}/2025/revisions`, 400, API_COPY.badOrgYear],
      [`/reports/${orgId}/1999/revisions/2`, 400, API_COPY.badOrgYear],
      [`/reports/${orgId}/2025/revisions?limit=0`, 400, ADMIN_COPY.badLimit(500)],
      [`/reports/${orgId}/2025/revisions?limit=501`, 400, ADMIN_COPY.badLimit(500)],
      [`/reports/${orgId}/2025/revisions?before=-3`, 400, ADMIN_COPY.badBefore],
    ];
    for (const [path, status, error] of cases) {
      const res = await adminGet(path);
      expect([path, res.status, res.body]).toEqual([path, status, { error }]);
    }
  });
});

describe('the outbox in the admin API', () => {
  it('lists failed messages and re-sends one through the queue, once', async () => {
    const c = await county(['补发镇']);
    const chatId = String(++nextUser);
    const now = new Date().toISOString();
    const [row] = await env.DB.batch<{ id: number }>([
      insertPost(
        env.DB,
        {
          platform: 'telegram',
          chatId,
          payload: JSON.stringify([{ text: '补发的提醒' }]),
          purpose: 'reminder',
          orgId: c.ids['补发镇']!,
        },
        now,
      ),
    ]);
    const id = row!.results[0]!.id;
    await env.DB.prepare(
      "UPDATE outbox SET status = 'failed', attempts = 8, last_error = 'HTTP 500' WHERE id = ?1",
    )
      .bind(id)
      .run();

    const failed = await adminGet(`/outbox?status=failed`);
    expect(failed.status).toBe(200);
    expect(failed.body.posts).toContainEqual(
      expect.objectContaining({
        id,
        platform: 'telegram',
        chat_id: chatId,
        status: 'failed',
        last_error: 'HTTP 500',
      }),
    );
    expect((await adminGet('/outbox')).body.status).toBe('failed');

    // Re-sent: back in line, and handed to the queue.
    const queue = heldQueue();
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/admin/outbox/${id}/resend`, { method: 'POST', headers: ADMIN }),
      { ...env, OUTBOX: queue.binding },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, status: 'pending' });
    expect(queue.jobs).toEqual([{ type: 'deliver', ids: [id] }]);
    expect(
      await env.DB.prepare('SELECT status, attempts FROM outbox WHERE id = ?1').bind(id).first(),
    ).toEqual({
      status: 'pending',
      attempts: 0,
    });
    await queue.run();
    expect(sentTo(fake, Number(chatId))).toEqual(['补发的提醒']);
    expect((await adminGet('/outbox?status=sent&limit=500')).body.posts).toContainEqual(
      expect.objectContaining({ id, status: 'sent' }),
    );

    // Only a failed message is re-sent.
    const again = await call(`/api/admin/outbox/${id}/resend`, { method: 'POST', headers: ADMIN });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: ADMIN_COPY.notFailed(id, '已发送'), status: 'sent' });
    expect(sentTo(fake, Number(chatId))).toEqual(['补发的提醒']);
  });

  it('refuses unknown messages, statuses and limits', async () => {
    const unknown = await call('/api/admin/outbox/99999999/resend', { method: 'POST', headers: ADMIN });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: ADMIN_COPY.noPost(99999999) });
    for (const [path, error] of [
      ['/api/admin/outbox/abc/resend', ADMIN_COPY.badPostId],
      ['/api/admin/outbox/0/resend', ADMIN_COPY.badPostId],
    ] as const) {
      const res = await call(path, { method: 'POST', headers: ADMIN });
      expect([res.status, await res.json()]).toEqual([400, { error }]);
    }
    expect(await adminGet('/outbox?status=lost')).toEqual({
      status: 400,
      body: { error: ADMIN_COPY.badStatus },
    });
    expect(await adminGet('/outbox?limit=0')).toEqual({
      status: 400,
      body: { error: ADMIN_COPY.badLimit(500) },
    });
  });
});

describe('the admin API’s limits', () => {
  it('refuses a body past 1 MB (20 MB for an import) with 413, in Chinese', async () => {
    const countyId = await createOrg(`大件县${Date.now()}`, 'county');
    const big = { ...(example as Report), s5: 'x'.repeat(1024 * 1024) };
    const put = await putJson(`/api/admin/reports/${countyId}/2023`, big);
    expect(put.status).toBe(413);
    expect(await put.json()).toEqual({ error: ADMIN_COPY.tooLarge(1) });
    const org = await postJson('/api/admin/orgs', { name: 'x'.repeat(1_100_000), kind: 'county' }, ADMIN);
    expect(org.status).toBe(413);
    // An import may be larger (this database is not empty, so it is refused for that instead)...
    const mid = await call('/api/admin/import', {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'application/x-ndjson' },
      body: '\n'.repeat(2 * 1024 * 1024),
    });
    expect(mid.status).toBe(409);
    // ... but not past 20 MB, announced or streamed.
    const huge = await call('/api/admin/import', {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'application/x-ndjson' },
      body: '\n'.repeat(20 * 1024 * 1024 + 1),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: ADMIN_COPY.tooLarge(20) });
  });

  it('answers racing creations of one body with 201 and 409s', async () => {
    const countyId = await createOrg(`并发县${Date.now()}`, 'county');
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        postJson('/api/admin/orgs', { name: '同名镇', kind: 'township', parentId: countyId }, ADMIN),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('answers any malformed request with a 4xx and a Chinese reason, never a 5xx', async () => {
    const countyId = await createOrg(`模糊县${Date.now()}`, 'county');
    const segment = fc.oneof(
      fc.constantFrom(
        String(countyId),
        '0',
        '-1',
        '1e3',
        '2025',
        '99999999999999999999',
        'abc',
        '%E4%B8%AD',
        '..',
      ),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 40 }),
      fc.constant(JSON.stringify({ ...(example as Report), year: 2025 })),
      fc.constant(JSON.stringify({ report: example, baseVersion: -2 })),
      fc.constant('{"name":"甲","kind":"township","parentId":1e400}'),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH'),
      route: fc.constantFrom(
        (a: string) => `/orgs`,
        (a: string) => `/orgs/${a}`,
        (a: string) => `/invites`,
        (a: string, b: string) => `/reports/${a}/${b}`,
        (a: string, b: string) => `/reports/${a}/${b}?base=${a}`,
        (a: string, b: string) => `/reports/${a}/${b}/revisions?limit=${b}&before=${a}`,
        (a: string, b: string) => `/reports/${a}/2025/revisions/${b}`,
        (a: string) => `/outbox?status=${a}&limit=${a}`,
        (a: string) => `/outbox/${a}/resend`,
      ),
      a: segment,
      b: segment,
      body: json,
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, route, a, b, body }) => {
        const res = await send(`/api/admin${route(a, b)}`, {
          method,
          headers: { ...ADMIN, 'Content-Type': 'application/json' },
          body: method === 'GET' ? undefined : body,
        });
        const text = await res.text();
        expect(res.status, `${method} ${route(a, b)} ${body} → ${text}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(text).error).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
