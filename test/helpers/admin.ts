// Sets up bodies, people and last year's reports through the admin API, as an administrator would.
import { call, postJson } from '../worker';
import type { Report } from '../../forms/model';

export const ADMIN = { Authorization: 'Bearer test-admin-token' };

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

export async function putReport(orgId: number, year: number, report: Report): Promise<Response> {
  return call(`/api/admin/reports/${orgId}/${year}`, {
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
