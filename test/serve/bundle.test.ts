// The Worker as it is deployed (scripts/build-worker.mjs): a Worker started for a chat webhook
// compiles the webhook's code and nothing else, and the split build still serves every kind of route
// under workerd, the pages loaded on first use.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, startupModules } from '../../scripts/build-worker.mjs';

type Metafile = { outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[] }> };

let dir = '';
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bundle-'));
  const built = await buildWorker(path.join(dir, 'worker'), path.join(dir, 'meta.json'));
  metafile = built.metafile as Metafile;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('what a Worker compiles when it starts', () => {
  const sources = () => startupModules(metafile).flatMap((m) => m.inputs);

  it('holds the chat webhooks, the queue and the cron', () => {
    for (const file of [
      'src/http/hooks.ts',
      'src/chat/service.ts',
      'src/chat/telegram.ts',
      'src/chat/wecom.ts',
      'src/engine/flow.ts',
      'src/engine/check.ts',
      'src/chat/delivery.ts',
      'src/services/reminders.ts',
      'forms/report-2021.ts',
    ])
      expect(sources(), file).toContain(file);
  });

  it('leaves out the pages, the Word writer, the report readers and zod', () => {
    const late = sources().filter((file) =>
      /^src\/(web|import)\/|^src\/report\/(compile|docx|zip|html|layout|text)\.tsx?$|^src\/http\/(pages|dashboard|admin|form|invites|dev)|^src\/services\/(docx|rollup|imports)\.ts$|node_modules\/zod\//.test(
        file,
      ),
    );
    expect(late).toEqual([]);
  });

  it('is under half of the Worker, and the rest is loaded by import()', () => {
    const atStart = startupModules(metafile);
    const all = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
    const startBytes = atStart.reduce((n, m) => n + m.bytes, 0);
    const allBytes = all.reduce((n, [, o]) => n + o.bytes, 0);
    expect(startBytes).toBeLessThan(allBytes / 2);
    const dynamic = all.flatMap(([, o]) => o.imports.filter((i) => i.kind === 'dynamic-import'));
    expect(dynamic.some((i) => /\/pages-[^/]+\.js$/.test(i.path))).toBe(true);
  });
});

describe('the split build under workerd', () => {
  let mf: Miniflare;
  let base = '';

  beforeAll(async () => {
    const out = path.join(dir, 'worker');
    // As wrangler uploads it (wrangler.toml's rules): every .js file one ES module, the entry first.
    const files = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => Number(b === 'index.js') - Number(a === 'index.js'));
    mf = new Miniflare({
      compatibilityDate: '2026-04-26',
      modulesRoot: out,
      modules: files.map((f) => ({ type: 'ESModule' as const, path: path.join(out, f) })),
      d1Databases: ['DB'],
      bindings: {
        TELEGRAM_BOT_TOKEN: '1:test',
        TELEGRAM_WEBHOOK_SECRET: 'bundle-test-webhook-secret-0123456789',
        LINK_SECRET: 'bundle-test-link-secret-0123456789abcdef',
      },
    });
    base = (await mf.ready).origin;
  });
  afterAll(() => mf?.dispose());

  it('answers a webhook, a page and an unknown address, each in Chinese', async () => {
    const hook = await mf.dispatchFetch(`${base}/hooks/telegram`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 'wrong' },
      body: '{}',
    });
    expect([401, 403]).toContain(hook.status);
    await hook.text();

    const health = await mf.dispatchFetch(`${base}/healthz`);
    expect([200, 503]).toContain(health.status);
    expect(await health.json()).toHaveProperty('formVersion');

    const guess = await mf.dispatchFetch(`${base}/hooks/wp-login.php`);
    expect(guess.status).toBe(404);
    expect(await guess.json()).toEqual({ error: '没有这个地址' });

    // A route of the lazily loaded pages, and the pages' not-found answer.
    const unknown = await mf.dispatchFetch(`${base}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: '没有这个地址' });
    const form = await mf.dispatchFetch(`${base}/f/not-a-token`);
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(await form.text()).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a cross-site post with the pages’ own answer (one Hono, one error class)', async () => {
    const forged = await mf.dispatchFetch(`${base}/f/not-a-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'go=next',
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: '请求被拒绝：只接受从本站页面发出的提交' });
  });
});
