// Sets up bodies, people and last year's reports through the admin API, as an administrator would.
import { call, postJson } from '../worker';
import type { Report } from '../../forms/model';

export const ADMIN = { Authorization: 'Bearer test-admin-token-for-the-worker-tests-0001' };

export async function createOrg(name: string, kind: string, parentId?: number): Promise<number> {
  const res = await postJson('/api/admin/orgs', { name, kind, parentId }, ADMIN);
  if (res.status !== 201) throw new Error(`createOrg ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

export async function invite(orgId: number, role: 'official' | 'supervisor' = 'official'): Promise<string> {
  const res = await postJson('/api/admin/invites', { orgId, role }, ADMIN);
  if (res.status !== 201) throw new Error(`invite ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

/**
 * Imports a report as the body's version for the year. Over an existing draft (or returned report)
 * the caller names the version it was based on (`base`, as GET answered it); without one the import
 * only creates a report or follows a submitted one.
 */
export async function putReport(
  orgId: number,
  year: number,
  report: Report,
  opts: { base?: number } = {},
): Promise<Response> {
  const query = opts.base === undefined ? '' : `?base=${opts.base}`;
  return call(`/api/admin/reports/${orgId}/${year}${query}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...ADMIN },
    body: JSON.stringify(report),
  });
}

export async function getReport(
  orgId: number,
  year: number,
): Promise<{ status: string; version: number; report: Report }> {
  const res = await call(`/api/admin/reports/${orgId}/${year}`, { headers: ADMIN });
  if (res.status !== 200) throw new Error(`getReport ${res.status} ${await res.text()}`);
  return res.json();
}

let counter = 0;
/** A county with a supervisor-to-be and townships under it, with unique names per test. */
export async function county(townships: string[] = ['白营镇']) {
  const tag = `${Date.now().toString(36)}${++counter}`;
  const countyId = await createOrg(`测试县${tag}`, 'county');
  const ids: Record<string, number> = {};
  for (const t of townships) ids[t] = await createOrg(`${t}${tag}`, 'township', countyId);
  return { countyId, ids, tag };
}

/** A GET of the admin API, answered with its status and JSON body. */
export async function adminGet<T = any>(path: string): Promise<{ status: number; body: T }> {
  const res = await call(`/api/admin${path}`, { headers: ADMIN });
  return { status: res.status, body: (await res.json()) as T };
}
