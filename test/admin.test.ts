// The admin API through the Worker: authorisation, the org tree, invites, importing a report.
import { describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { ADMIN, createOrg, getReport, putReport } from './helpers/admin';
import { call, postJson } from './worker';
import { API_COPY } from '../src/http/copy';
import type { Report } from '../forms/model';

describe('admin API', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['a token without Bearer', { Authorization: 'test-admin-token' }],
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
