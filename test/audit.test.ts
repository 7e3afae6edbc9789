// A supervisor's audit of reports already published: several files at once, each matched to a
// body by the name in its title, kept as that body's report where it has none, and checked.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import huaian from './fixtures/import/huaian-city-2024.txt?raw';
import songmutang from './fixtures/import/songmutang-town-2022-opening.txt?raw';
import { createOrg, invite } from './helpers/admin';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call, ORIGIN } from './worker';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

it('reads several published reports, keeps the ones it can match, and lists every one', async () => {
  const tag = Date.now().toString(36);
  const county = await createOrg(`桃江县${tag}`, 'county');
  const town = await createOrg('松木塘镇', 'township', county);
  await env.DB.prepare("UPDATE orgs SET full_name = '桃江县松木塘镇人民政府' WHERE id = ?1").bind(town).run();
  const head = new Person(64000 + Math.floor(Math.random() * 1000), fake);
  await head.say(`/start ${await invite(county, 'supervisor')}`);
  const [d] = await head.say('/dashboard');
  const path = d!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  expect(await (await call(`${path}?year=2022`)).text()).toContain(`${path}/audit?year=2022`);

  const form = new FormData();
  form.append('files', new File([songmutang], 'songmutang.txt', { type: 'text/plain' }));
  form.append('files', new File([huaian], 'huaian.txt', { type: 'text/plain' }));
  form.append('files', new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }));
  const res = await call(`${path}/audit?year=2022`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: form,
  });
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page).toContain('读取了 2 份报告');
  expect(page).toMatch(
    /songmutang\.txt<\/td><td>桃江县松木塘镇人民政府<\/td><td><a href="[^"]+\/body\/\d+\?year=2022">松木塘镇<\/a>/,
  );
  expect(page).toContain('已保存为该单位的报告');
  // 淮安市人民政府 is not under this county.
  expect(page).toMatch(/huaian\.txt<\/td><td>淮安市人民政府<\/td><td>—<\/td>/);
  expect(page).toContain('没有找到同名单位，未保存');
  expect(page).toContain('「report.pdf」不是能读取的文字、网页或 Word 文件');

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
  const head = new Person(65000 + Math.floor(Math.random() * 1000), fake);
  await head.say(`/start ${await invite(county, 'supervisor')}`);
  const [d] = await head.say('/dashboard');
  const path = d!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  const res = await call(`${path}/audit?year=2024`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: new FormData(),
  });
  expect(res.status).toBe(422);
  expect(await res.text()).toContain('没有收到报告');
});
