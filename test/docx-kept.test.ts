// The Word file of a submitted version is rendered once — by the queue right after the submission,
// or by the first download if that job was lost — and kept in KV; downloads then send the kept file
// without reading the report from D1.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import worker from '../src/index';
import { countingDb } from './helpers/count-db';
import { complete, official, save } from './helpers/official';
import { installFakePlatforms, type Fake } from './helpers/platforms';
import { heldQueue } from './helpers/queue';
import { docxParagraphs, unzip } from './helpers/unzip';
import { ORIGIN } from './worker';
import { signLink } from '../src/services/links';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

/** A request to the Worker with the queue held, D1 counted and what it hands to waitUntil awaited. */
async function request(path: string, init: RequestInit, held = heldQueue()) {
  const { db, counter } = countingDb(env.DB);
  const ctx = createExecutionContext();
  const res = await worker.fetch!(
    new Request(ORIGIN + path, init),
    { ...env, DB: db, OUTBOX: held.binding },
    ctx,
  );
  const body = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { res, body, queries: counter.queries };
}

async function submitted(name: string) {
  const o = await official(name);
  expect((await save(o.path, complete())).status).toBe(200);
  const held = heldQueue();
  const { res } = await request(
    `${o.path}/submit`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: 'confirm=1',
    },
    held,
  );
  expect(res.status).toBe(200);
  const row = await env.DB.prepare('SELECT id, version FROM reports WHERE org_id = ?1')
    .bind(o.orgId)
    .first<{ id: number; version: number }>();
  return { ...o, report: row!, held };
}

const key = (r: { id: number; version: number }) => `docx/${r.id}/${r.version}`;

it('is rendered by the queue after the submission and then downloaded without touching D1', async () => {
  const s = await submitted('成稿镇');
  expect(s.held.jobs).toContainEqual({ type: 'render', reportId: s.report.id, version: s.report.version });
  expect(await env.CACHE.get(key(s.report))).toBeNull();
  await s.held.run();
  const kept = await env.CACHE.get(key(s.report), 'arrayBuffer');
  expect(kept).not.toBeNull();
  const text = docxParagraphs((await unzip(kept!)).get('word/document.xml')!).join('\n');
  expect(text).toContain('成稿镇');
  expect(text).toContain('三、收到和处理政府信息公开申请情况');

  // The official's report link, as Word: the kept file, with its Chinese file name, no D1 query.
  const token = await signLink(
    env.LINK_SECRET,
    { k: 'r', r: s.report.id, v: s.report.version },
    3600,
    new Date(),
  );
  const download = await request(`/r/${token}?format=docx`, {});
  expect(download.res.status).toBe(200);
  expect(download.res.headers.get('Content-Disposition')).toContain('.docx');
  expect(new Uint8Array(download.body)).toEqual(new Uint8Array(kept!));
  expect(download.queries).toBe(0);
});

it('is rendered by the first download when the queue job was lost, and kept for the next', async () => {
  const s = await submitted('失单镇');
  const token = await signLink(
    env.LINK_SECRET,
    { k: 'r', r: s.report.id, v: s.report.version },
    3600,
    new Date(),
  );
  const first = await request(`/r/${token}?format=docx`, {});
  expect(first.res.status).toBe(200);
  expect(first.queries).toBeGreaterThan(0);
  const second = await request(`/r/${token}?format=docx`, {});
  expect(second.queries).toBe(0);
  expect(new Uint8Array(second.body)).toEqual(new Uint8Array(first.body));
  // Other formats are still compiled from the snapshot.
  const html = await request(`/r/${token}?format=html`, {});
  expect(new TextDecoder().decode(html.body)).toContain('失单镇');
});
