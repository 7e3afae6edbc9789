// An official with a form link, and the form's save, for tests that go through the web form.
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { county, invite } from './admin';
import { ORIGIN, send } from '../worker';
import { FORM_2021 as F } from '../../forms/report-2021';
import { signLink } from '../../src/services/links';

/** Redeems an invite for the web (as /i/<code> does) and answers the new person's id. */
export async function personByInvite(orgId: number, role: 'official' | 'supervisor' = 'official') {
  const code = await invite(orgId, role);
  const res = await send(`/i/${code}`, { method: 'POST', headers: { Origin: ORIGIN }, redirect: 'manual' });
  expect(res.status).toBe(303);
  const row = await env.DB.prepare('SELECT used_by FROM invites WHERE code = ?1')
    .bind(code)
    .first<{ used_by: number }>();
  return row!.used_by;
}

/** A township with an official and the form link of their 2025 draft (opened, so it exists). */
export async function official(name = '加固镇') {
  const c = await county([name]);
  const orgId = c.ids[name]!;
  const personId = await personByInvite(orgId);
  const token = await signLink(env.LINK_SECRET, { k: 'f', o: orgId, y: 2025, p: personId }, 3600, new Date());
  expect((await send(`/f/${token}`)).status).toBe(200);
  return { ...c, orgId, personId, token, path: `/f/${token}` };
}

export const saveRaw = (path: string, body: string) =>
  send(`${path}/save`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body,
  });

export const save = (path: string, edits: Record<string, [unknown, unknown]>) =>
  saveRaw(path, JSON.stringify({ edits }));

/** Every entered figure 0 and every text written: a draft that can be submitted. */
export function complete(): Record<string, [unknown, unknown]> {
  const edits: Record<string, [unknown, unknown]> = {};
  for (const cell of F.entered) edits[cell.path] = [null, 0];
  for (const path of F.textPaths) edits[path] = [null, `${path} 的内容。`];
  edits.s6 = [null, '本年度，本机关未收取信息处理费。'];
  return edits;
}

/** A supervisor of `orgId` (joined by invite) and the path of their dashboard link. */
export async function dashboardPath(orgId: number): Promise<string> {
  const personId = await personByInvite(orgId, 'supervisor');
  return `/d/${await signLink(env.LINK_SECRET, { k: 'd', p: personId }, 3600, new Date())}`;
}
