// The official imports last year's published report on the form: paste, see what was read,
// confirm; this year's draft then has last year's figures to carry over and compare with.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import pingtan from './fixtures/import/pingtan-zone-2024.txt?raw';
import expected from './fixtures/import/pingtan-zone-2024.report.json';
import gbk from './fixtures/import/songmutang-town-2022-opening.gbk.b64?raw';
import { official } from './helpers/official';
import { fromBase64 } from './helpers/zip';
import { county, invite } from './helpers/admin';
import { installFakePlatforms, TgChat, type Fake } from './helpers/platforms';
import { ORIGIN, send } from './worker';
import { defaultYear } from '../src/engine/calendar';
import { loadForm } from '../src/services/form';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

const post = (path: string, fields: Record<string, string>) =>
  send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams(fields),
  });

it('offers the import on a draft without last year, previews what it read, and keeps it on confirmation', async () => {
  const o = await official('导入镇');
  // The link opens 2025's draft; the report of 2024 is missing, so the form offers to import it.
  const first = await (await send(o.path)).text();
  expect(first).toContain(`/f/${o.token}/import`);
  expect(first).toContain('导入 2024 年度报告');

  const preview = await post(`${o.path}/import`, { text: pingtan });
  expect(preview.status).toBe(200);
  const page = await preview.text();
  expect(page).toContain('从文字中读出的 2024 年度报告');
  expect(page).toContain('表三 依申请公开：读出 175 / 175 项');
  // Nothing is stored before the official confirms.
  const before = await env.DB.prepare('SELECT count(*) AS n FROM reports WHERE org_id = ?1 AND year = 2024')
    .bind(o.orgId)
    .first<{ n: number }>();
  expect(before!.n).toBe(0);

  const done = await post(`${o.path}/import/confirm`, { text: pingtan });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain('已导入 2024 年度报告');
  const row = await env.DB.prepare(
    `SELECT r.status, v.action FROM reports r JOIN revisions v ON v.report_id = r.id AND v.version = r.version
     WHERE r.org_id = ?1 AND r.year = 2024`,
  )
    .bind(o.orgId)
    .first<{ status: string; action: string }>();
  expect(row).toEqual({ status: 'submitted', action: 'import' });
  // This year's draft now reads last year's figures: the carry-forward to carry over, and the rest.
  const ctx = await loadForm(env.DB, { o: o.orgId, y: 2025, p: o.personId });
  expect(ctx!.previous!.s3!.carryForward).toEqual(expected.s3.carryForward);
  expect(ctx!.previous!.s2!.licensing).toBe(expected.s2.licensing);
  // A cell that was not read is not stored as a figure.
  expect(ctx!.previous!.s2!.normativeDocs?.issued).toBeUndefined();
  expect(await (await send(o.path)).text()).not.toContain(`/f/${o.token}/import"`);

  // Never over a report the body has.
  const again = await post(`${o.path}/import/confirm`, { text: pingtan });
  expect(again.status).toBe(422);
  expect(await again.text()).toContain('本单位已有 2024 年度报告');
});

it('says so when the text is no report, and stores nothing', async () => {
  const o = await official('空导入镇');
  const res = await post(`${o.path}/import`, { text: '今天开了三次会。' });
  expect(res.status).toBe(422);
  expect(await res.text()).toContain('没有读出报告的内容');
  const stored = await post(`${o.path}/import/confirm`, { text: '今天开了三次会。' });
  expect(stored.status).toBe(422);
  const n = await env.DB.prepare('SELECT count(*) AS n FROM reports WHERE org_id = ?1 AND year = 2024')
    .bind(o.orgId)
    .first<{ n: number }>();
  expect(n!.n).toBe(0);
});

it('reads a chosen file, and says what to do with one it cannot read', async () => {
  const o = await official('文件导入镇');
  const page = await (await send(`${o.path}/import`)).text();
  expect(page).toContain('enctype="multipart/form-data"');
  expect(page).toContain('accept=".txt,.html,.htm,.docx,.pdf');
  const upload = (file: File) => {
    const body = new FormData();
    body.append('file', file);
    body.append('text', '');
    return send(`${o.path}/import`, { method: 'POST', headers: { Origin: ORIGIN }, body });
  };
  // Notepad's 「ANSI」 (GB 18030) text reads as the same report as its UTF-8 copy.
  const notepad = await upload(new File([fromBase64(gbk)], '松木塘镇.txt', { type: 'text/plain' }));
  expect(notepad.status).toBe(200);
  const preview = await notepad.text();
  expect(preview).toContain('标题：桃江县松木塘镇人民政府');
  expect(preview).toContain('表二 主动公开：读出');
  // The preview carries the text, so confirming needs no second upload.
  expect(preview).toContain('松木塘镇人民政府认真贯彻落实');
  // A PDF comes here only when the browser could not read it; the answer says what to do instead.
  const pdf = await upload(new File(['%PDF-1.7'], '报告.pdf', { type: 'application/pdf' }));
  expect(pdf.status).toBe(422);
  expect(await pdf.text()).toContain('「报告.pdf」是 PDF，要在浏览器里读出文字');
  const doc = await upload(new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], '报告.doc'));
  expect(doc.status).toBe(422);
  expect(await doc.text()).toContain('另存为 .docx');
  // Nothing was kept: the body has only this year's draft.
  const n = await env.DB.prepare("SELECT count(*) AS n FROM reports WHERE org_id = ?1 AND status <> 'draft'")
    .bind(o.orgId)
    .first<{ n: number }>();
  expect(n!.n).toBe(0);
});

it('sends the official from chat to the import screen: /import and 导入去年报告', async () => {
  const c = await county(['聊天导入镇']);
  const chat = new TgChat(String(71000 + Math.floor(Math.random() * 1000)), fake);
  await chat.say(`/start ${await invite(c.ids['聊天导入镇']!)}`);
  const [m] = await chat.say('/import');
  const link = m!.text.match(/https:\/\/nianbao\.example(\/f\/[A-Za-z0-9_.-]+\/import)/)![1]!;
  const last = defaultYear(new Date()) - 1;
  expect(m!.text).toContain(`${last} 年度已在网上公开的报告`);
  const page = await send(link);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`导入 ${last} 年度已公开的报告`);
  // The same screen again: the same body, year and person (the links differ only in their expiry,
  // counted in seconds from the moment each is made).
  const [again] = await chat.say('导入去年报告');
  const second = again!.text.match(/https:\/\/nianbao\.example(\/f\/[A-Za-z0-9_.-]+\/import)/)![1]!;
  expect(scopeOf(second)).toEqual(scopeOf(link));
  expect(await (await send(second)).text()).toContain(`导入 ${last} 年度已公开的报告`);
});

/** What a form link grants, without its expiry. */
function scopeOf(path: string): Record<string, unknown> {
  const payload = path.split('/')[2]!.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
  const { e: _expiry, ...scope } = JSON.parse(atob(payload)) as Record<string, unknown>;
  return scope;
}
