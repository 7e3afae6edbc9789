// The mobile form in Chromium at 390×844: open an invite link, fill a township's report, see a rule
// break appear and clear, lose the connection while typing, reload, submit, see the compiled report.
import { defaultYear } from '../../src/engine/calendar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, base, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const status = (page: Page) => page.locator('#status').textContent();
const saved = (page: Page) => expect.poll(() => status(page), { timeout: 15_000 }).toBe('已保存');
const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
const findings = (page: Page) => page.locator('.findings p').allTextContents();

async function next(page: Page, section: string) {
  await page.getByRole('button', { name: /保存，下一部分|检查并提交/ }).click();
  await page.waitForURL(new RegExp(`s=${section}$`));
}

it('fills a report with live checks, survives a lost connection and a reload, and submits', async () => {
  const county = await admin('/api/admin/orgs', { name: '表单县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: '表单镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const context = await phone(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${base()}/i/${code}`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('加入「表单镇」');
  await page.getByRole('button', { name: '在网页中开始填写' }).click();
  await page.waitForURL(/\/f\//);
  const formUrl = page.url().split('?')[0]!;
  await expect.poll(() => page.locator('h1').textContent()).toBe('一、总体情况');

  // 一: five texts, autosaved.
  const texts = [
    '主动公开信息 12 条。',
    '本年收到申请 5 件，均已答复。',
    '落实审核制度。',
    '网站和公示栏。',
    '纳入年度考核。',
  ];
  for (const [i, part] of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'].entries()) {
    await field(page, `s1.${part}`).fill(texts[i]!);
  }
  await saved(page);
  await next(page, '2');

  // 二: numbers as officials type them, read back normalised; 规章 is not asked of a township.
  await expect.poll(() => page.locator('body').textContent()).toContain('乡镇、街道和县级部门不制定规章');
  await field(page, 's2.normativeDocs.issued').fill('１');
  await expect.poll(() => page.locator('[data-norm="s2.normativeDocs.issued"]').textContent()).toBe('= 1');
  await field(page, 's2.normativeDocs.repealed').fill('无');
  await field(page, 's2.normativeDocs.inForce').fill('3件');
  await field(page, 's2.licensing').fill('十二');
  await expect.poll(() => page.locator('[data-norm="s2.licensing"]').textContent()).toBe('= 12');
  await field(page, 's2.penalties').fill('好多');
  await expect.poll(() => page.locator('[data-norm="s2.penalties"]').textContent()).toContain('不是件数');
  await field(page, 's2.penalties').fill('0');
  await field(page, 's2.enforcement').fill('0');
  await field(page, 's2.fees').fill('０．５万元');
  await expect.poll(() => page.locator('[data-norm="s2.fees"]').textContent()).toBe('= 0.5');
  await saved(page);
  await next(page, '3');

  // 三: applications by natural persons; the rule appears beside the cells and clears.
  await page.getByLabel('有', { exact: true }).check();
  await expect.poll(() => page.locator('table.t3').isVisible()).toBe(true);
  await field(page, 's3.new[0]').fill('5');
  await field(page, 's3.granted[0]').fill('3');
  await field(page, 's3.carryForward[0]').fill('1');
  await page.getByRole('button', { name: '空白处全部填 0' }).click();
  await expect
    .poll(() => findings(page))
    .toContain(
      '自然人列：新收 5 + 上年结转 0 = 5，但办理结果合计 3（予以公开 3） + 结转下年度 1 = 4，相差 1',
    );
  await expect.poll(() => page.locator('output[data-path="s3.total[0]"]').textContent()).toBe('3');
  await field(page, 's3.partial[0]').fill('1');
  await expect.poll(() => findings(page)).toEqual([]);
  await expect.poll(() => page.locator('output[data-path="s3.total[6]"]').textContent()).toBe('4');
  await saved(page);

  // The connection drops while typing: kept on the phone, saved when it returns.
  await context.setOffline(true);
  await field(page, 's3.granted[0]').fill('2');
  await field(page, 's3.unavailable1[0]').fill('1');
  await expect.poll(() => status(page)).toBe('未保存（离线）');
  await context.setOffline(false);
  await saved(page);

  // Saving fails (a flaky network) and the page is reloaded before it could save: nothing is lost.
  await page.route('**/save', (route) => route.abort());
  await field(page, 's3.withheld1[0]').fill('0');
  await field(page, 's3.carriedOver[0]').fill('1');
  await field(page, 's3.carryForward[0]').fill('2');
  await expect.poll(() => status(page)).toBe('未保存（离线）');
  await page.reload();
  await expect.poll(() => field(page, 's3.carryForward[0]').inputValue()).toBe('2');
  await page.unroute('**/save');
  await saved(page);
  await page.reload();
  await expect.poll(() => field(page, 's3.carriedOver[0]').inputValue()).toBe('1');
  await expect.poll(() => field(page, 's3.carryForward[0]').inputValue()).toBe('2');
  await expect.poll(() => findings(page)).toEqual([]);
  await next(page, '4');

  // 四: no cases.
  await page.getByLabel('没有', { exact: true }).check();
  await saved(page);
  await next(page, '5');
  await field(page, 's5').fill(
    '存在的问题：公开形式较单一，更新不够及时。改进措施：明年增加政务新媒体发布，按时更新。',
  );
  await saved(page);
  await next(page, '6');
  await page.getByRole('button', { name: '填入：未收取信息处理费' }).click();
  await saved(page);
  await next(page, 'review');

  // Review and submit: the same checks as the bot; then the compiled report.
  await expect.poll(() => page.locator('main').textContent()).toContain('没有发现问题，可以提交');
  await page.getByRole('button', { name: '提交报告' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('报告已提交');
  await page.getByRole('link', { name: '查看和打印报告' }).click();
  await expect
    .poll(() => page.locator('h1').textContent())
    .toBe(`表单镇${defaultYear(new Date())}年政府信息公开工作年度报告`);
  const report = await page.locator('table.s3').textContent();
  expect(report).toContain('（一）予以公开');
  // The form link now shows the submitted report rather than the draft.
  await page.goto(formUrl);
  await expect.poll(() => page.locator('h1').textContent()).toBe('报告已提交');
  expect(errors).toEqual([]);
});

it('keeps what is typed while a save is on its way', async () => {
  const county = await admin('/api/admin/orgs', { name: '慢网县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: '慢网镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const page = await (await phone(browser)).newPage();
  await page.goto(`${base()}/i/${code}`);
  await page.getByRole('button', { name: '在网页中开始填写' }).click();
  await page.waitForURL(/\/f\//);
  await page.goto(`${page.url().split('?')[0]}?s=2`);
  // A slow network: each save takes two seconds to come back.
  await page.route('**/save', async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await field(page, 's2.licensing').fill('7');
  await expect.poll(() => status(page)).toBe('保存中…');
  await field(page, 's2.penalties').fill('3');
  await saved(page);
  await page.unroute('**/save');
  await page.reload();
  await expect.poll(() => field(page, 's2.licensing').inputValue()).toBe('7');
  await expect.poll(() => field(page, 's2.penalties').inputValue()).toBe('3');
});

it('waits and saves again when saves are limited or busy, without an alert', async () => {
  const county = await admin('/api/admin/orgs', { name: '限流县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: '限流镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const page = await (await phone(browser)).newPage();
  await page.goto(`${base()}/i/${code}`);
  await page.getByRole('button', { name: '在网页中开始填写' }).click();
  await page.waitForURL(/\/f\//);
  await page.goto(`${page.url().split('?')[0]}?s=2`);
  // The first save is refused as too frequent (429), the second as busy (409): both say when to
  // try again; the third goes through.
  const refusals = [
    { status: 429, body: { error: '保存过于频繁', retryAfter: 1 } },
    { status: 409, body: { error: '刚才有其他人同时在修改', retryAfter: 1 } },
  ];
  let calls = 0;
  await page.route('**/save', async (route) => {
    const refusal = refusals[calls++];
    if (!refusal) return route.continue();
    await route.fulfill({
      status: refusal.status,
      contentType: 'application/json',
      body: JSON.stringify(refusal.body),
    });
  });
  await field(page, 's2.licensing').fill('7');
  await expect.poll(() => calls).toBe(1);
  await expect.poll(() => status(page)).toBe('未保存');
  await saved(page);
  expect(calls).toBe(3);
  expect(await page.locator('#js-alert').count()).toBe(0);
  await page.unroute('**/save');
  await page.reload();
  await expect.poll(() => field(page, 's2.licensing').inputValue()).toBe('7');
});
