// Bodies above a county: a province office sees its cities, their counties and, under them, the
// townships — status, reports and adding a body work at every level.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createOrg, invite, putReport } from './helpers/admin';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call } from './worker';
import { emptyReport } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { fillTotals } from '../src/engine/compute';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

it('takes a province, a city and a county above the townships, and supervises from the top', async () => {
  const tag = Date.now().toString(36);
  const province = await createOrg(`测试省${tag}`, 'province');
  const city = await createOrg(`测试市${tag}`, 'city', province);
  const county = await createOrg(`测试县${tag}`, 'county', city);
  const towns = [
    await createOrg(`甲镇${tag}`, 'township', county),
    await createOrg(`乙镇${tag}`, 'township', county),
  ];
  const report = emptyReport(F, { name: `甲镇${tag}`, kind: 'township' }, 2025);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    report.s1[p] = '文字';
  report.s5 = '问题';
  report.s6 = '本年度，本机关未收取信息处理费。';
  expect((await putReport(towns[0]!, 2025, fillTotals(F, report))).status).toBe(200);

  const head = new Person(61000 + Math.floor(Math.random() * 1000), fake);
  await head.say(`/start ${await invite(province, 'supervisor')}`);
  const [status] = await head.say('/status 2025');
  // Every body below reports for itself: the city and the county governments too.
  expect(status!.text).toContain('共 4 个单位');
  expect(status!.text).toContain('已提交 1');
  const [d] = await head.say('/dashboard');
  const path = d!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  const page = await (await call(`${path}?year=2025`)).text();
  expect(page).toContain(`甲镇${tag}`);
  // Under a province one adds cities (or counties it runs itself, or departments), not townships.
  expect(page).toContain('<option value="city">市级</option>');
  expect(page).not.toContain('<option value="township">');
  const rollup = await (await call(`${path}/rollup?year=2025&format=text`)).text();
  expect(rollup).toContain(`甲镇${tag}`);

  const [added] = await head.say(`/addunit 新设${tag}市`);
  expect(added!.text).toContain(`已新增市「新设${tag}市」`);
  const [refused] = await head.say(`/addunit 新设${tag}镇`);
  expect(refused!.text).toContain(`/addunit 新设${tag}镇 市（或 县、部门）`);
});

it('refuses a kind the tree does not know, naming the kinds it does', async () => {
  const res = await call('/api/admin/orgs', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Bearer test-admin-token-for-the-worker-tests-0001',
    },
    body: JSON.stringify({ name: '某村', kind: 'village' }),
  });
  expect(res.status).toBe(400);
  expect(JSON.stringify(await res.json())).toContain('province、city、county');
});
