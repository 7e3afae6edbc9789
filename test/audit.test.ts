// A supervisor's audit of reports already published: several files at once, each matched to a
// body by the name in its title, kept as that body's report where it has none, and checked.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import huaian from './fixtures/import/huaian-city-2024.txt?raw';
import songmutang from './fixtures/import/songmutang-town-2022-opening.txt?raw';
import gbk from './fixtures/import/songmutang-town-2022-opening.gbk.b64?raw';
import { createOrg, invite } from './helpers/admin';
import { fromBase64, zip } from './helpers/zip';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call, ORIGIN } from './worker';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

/** The audit of `files` for `year` on the dashboard at `path`: its status and page. */
async function audit(path: string, year: number, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('files', f);
  const res = await call(`${path}/audit?year=${year}`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: form,
  });
  return { status: res.status, page: await res.text() };
}

/** A supervisor of `orgId` through Telegram: the path of their dashboard link. */
async function dashboardOf(orgId: number): Promise<string> {
  const head = new Person(64000 + Math.floor(Math.random() * 10000), fake);
  await head.say(`/start ${await invite(orgId, 'supervisor')}`);
  const [d] = await head.say('/dashboard');
  return d!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
}

it('reads several published reports, keeps the ones it can match, and lists every one', async () => {
  const tag = Date.now().toString(36);
  const county = await createOrg(`桃江县${tag}`, 'county');
  const town = await createOrg('松木塘镇', 'township', county);
  await env.DB.prepare("UPDATE orgs SET full_name = '桃江县松木塘镇人民政府' WHERE id = ?1").bind(town).run();
  const path = await dashboardOf(county);
  expect(await (await call(`${path}?year=2022`)).text()).toContain(`${path}/audit?year=2022`);

  const { status, page } = await audit(path, 2022, [
    new File([songmutang], 'songmutang.txt', { type: 'text/plain' }),
    new File([huaian], 'huaian.txt', { type: 'text/plain' }),
    // A PDF reaches the server only when the page's script could not read it (an old browser).
    new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }),
  ]);
  expect(status).toBe(200);
  expect(page).toContain('读取了 2 份报告');
  expect(page).toMatch(
    /songmutang\.txt<\/td><td>桃江县松木塘镇人民政府<\/td><td><a href="[^"]+\/body\/\d+\?year=2022">松木塘镇<\/a>/,
  );
  expect(page).toContain('已保存为该单位的报告');
  // 淮安市人民政府 is not under this county.
  expect(page).toMatch(/huaian\.txt<\/td><td>淮安市人民政府<\/td><td>—<\/td>/);
  expect(page).toContain('没有找到同名单位，未保存');
  expect(page).toContain('「report.pdf」是 PDF，要在浏览器里读出文字');

  const kept = await env.DB.prepare(
    `SELECT r.status, v.action, r.answers FROM reports r JOIN revisions v ON v.report_id = r.id AND v.version = r.version
     WHERE r.org_id = ?1 AND r.year = 2022`,
  )
    .bind(town)
    .first<{ status: string; action: string; answers: string }>();
  expect(kept).toMatchObject({ status: 'submitted', action: 'import' });
  expect(JSON.parse(kept!.answers).report.s2.penalties).toBe(9);

  // The unmatched report can be kept for a body named by the supervisor.
  expect(page).toContain(`${path}/audit/assign?year=2022`);
  const other = await createOrg('河西镇', 'township', county);
  const assign = (body: string) =>
    call(`${path}/audit/assign?year=2022`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: huaian, body }),
      redirect: 'manual',
    });
  const unknown = await assign('没有这个镇');
  expect(unknown.status).toBe(422);
  expect(await unknown.text()).toContain('没有名为「没有这个镇」的单位');
  const assigned = await assign('河西镇');
  expect(assigned.status).toBe(303);
  expect(assigned.headers.get('location')).toContain(`/body/${other}?year=2022`);
  const row = await env.DB.prepare('SELECT status FROM reports WHERE org_id = ?1 AND year = 2022')
    .bind(other)
    .first<{ status: string }>();
  expect(row!.status).toBe('submitted');

  // The same file again: the body has its report now, and it is not overwritten.
  const again = new FormData();
  again.append('text', songmutang);
  const second = await (
    await call(`${path}/audit?year=2022`, { method: 'POST', headers: { Origin: ORIGIN }, body: again })
  ).text();
  expect(second).toContain('该单位已有这一年度的报告，未覆盖');
});

it('answers an empty audit in Chinese', async () => {
  const county = await createOrg(`空核查县${Date.now().toString(36)}`, 'county');
  const path = await dashboardOf(county);
  const res = await call(`${path}/audit?year=2024`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: new FormData(),
  });
  expect(res.status).toBe(422);
  expect(await res.text()).toContain('没有收到报告');
});

it('reads a ZIP of reports as Chinese Windows makes it: GB 18030 names and Notepad text', async () => {
  const tag = Date.now().toString(36);
  const county = await createOrg(`压缩县${tag}`, 'county');
  const town = await createOrg('松木塘镇', 'township', county);
  await env.DB.prepare("UPDATE orgs SET full_name = '桃江县松木塘镇人民政府' WHERE id = ?1").bind(town).run();
  const path = await dashboardOf(county);

  const archive = zip([
    // 「松木塘镇.txt」 in GB 18030 bytes, its text as Notepad saves it (「ANSI」).
    {
      name: new Uint8Array([203, 201, 196, 190, 204, 193, 213, 242, 46, 116, 120, 116]),
      data: fromBase64(gbk),
    },
    { name: '报告/淮安市.txt', data: huaian },
    { name: '报告/', data: '' },
    { name: '__MACOSX/报告/._淮安市.txt', data: 'resource fork' },
    { name: '旧版.doc', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) },
    { name: '扫描件.pdf', data: '%PDF-1.4' },
  ]);
  const { status, page } = await audit(path, 2022, [
    new File([archive], '各镇报告.zip', { type: 'application/zip' }),
    new File(['PK\u0003\u0004 not really'], '坏的.zip', { type: 'application/zip' }),
  ]);
  expect(status).toBe(200);
  expect(page).toContain('读取了 2 份报告');
  // The GB 18030 name and text read as Chinese: matched by its title and kept.
  expect(page).toMatch(
    /各镇报告\.zip\/松木塘镇\.txt<\/td><td>桃江县松木塘镇人民政府<\/td><td><a href="[^"]+\/body\/\d+/,
  );
  expect(page).toMatch(/各镇报告\.zip\/报告\/淮安市\.txt<\/td><td>淮安市人民政府<\/td>/);
  expect(page).not.toContain('__MACOSX');
  expect(page).toContain('「各镇报告.zip/旧版.doc」是旧版 Word 文件');
  expect(page).toContain('「各镇报告.zip/扫描件.pdf」是 PDF');
  expect(page).toContain('「坏的.zip」打不开');
  const kept = await env.DB.prepare('SELECT answers FROM reports WHERE org_id = ?1 AND year = 2022')
    .bind(town)
    .first<{ answers: string }>();
  expect(JSON.parse(kept!.answers).report.s2.penalties).toBe(9);
});

it('matches a title that names the places above the body, and only those', async () => {
  const tag = Date.now().toString(36);
  const city = await createOrg(`益阳市${tag}`, 'city');
  const county = await createOrg('桃江县', 'county', city);
  const town = await createOrg('松木塘镇', 'township', county);
  const other = await createOrg('安化县', 'county', city);
  await createOrg('东坪镇', 'township', other);
  const path = await dashboardOf(city);
  const titled = (title: string) => songmutang.replace('桃江县松木塘镇人民政府', title);
  const { page } = await audit(path, 2022, [
    // The county and the city before the township's name: its ancestors, so it is this 松木塘镇.
    new File([titled(`益阳市${tag}桃江县松木塘镇人民政府`)], 'a.txt', { type: 'text/plain' }),
    // 东坪镇 is under 安化县, not 桃江县: a title that puts it under 桃江县 names no body here.
    new File([titled('桃江县东坪镇人民政府')], 'b.txt', { type: 'text/plain' }),
  ]);
  expect(page).toMatch(
    /a\.txt<\/td><td>[^<]+<\/td><td><a href="[^"]+\/body\/(\d+)\?year=2022">松木塘镇<\/a>/,
  );
  expect(page.match(/a\.txt<\/td><td>[^<]+<\/td><td><a href="[^"]+\/body\/(\d+)/)![1]).toBe(String(town));
  expect(page).toMatch(/b\.txt<\/td><td>桃江县东坪镇人民政府<\/td><td>—<\/td>/);
});
