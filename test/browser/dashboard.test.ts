// The supervisor's dashboard in Chromium, on a phone and on a desktop: counts, the list, a body's
// details, returning a report with a comment.
import { defaultYear } from '../../src/engine/calendar';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, base, launch, phone, say } from './browser';
import { DEV_SERVER_VARS } from '../../scripts/dev-server.mjs';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('shows the county at a glance and returns a report, on a phone and on a desktop', async () => {
  const county = await admin('/api/admin/orgs', { name: '看板县', kind: 'county' });
  const towns = [];
  for (const name of ['东风镇', '红旗镇', '向阳街道'])
    towns.push(
      await admin('/api/admin/orgs', {
        name,
        kind: name.endsWith('街道') ? 'subdistrict' : 'township',
        parentId: county.id,
      }),
    );
  const report = await import('../fixtures/baiying-2023.report.json');
  const year = defaultYear(new Date());
  await fetch(`${base()}/api/admin/reports/${towns[0].id}/${year}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
    body: JSON.stringify({ ...report.default, org: { name: '东风镇', kind: 'township' }, year }),
  });
  const { code } = await admin('/api/admin/invites', { orgId: county.id, role: 'supervisor' });
  await say(4711, `/start ${code}`, /看板县/);
  const DASHBOARD_LINK = /http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_.-]+/;
  const link = (await say(4711, '/dashboard', DASHBOARD_LINK)).match(DASHBOARD_LINK)![0];

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    const context =
      viewport.width < 600 ? await phone(browser) : await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => page.locator('.counts a').first().textContent()).toBe('3全部');
    await expect.poll(() => page.locator('.counts a').nth(1).textContent()).toBe('1已提交');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(3);
    // Unsubmitted bodies first; each row shows its status.
    await expect.poll(() => page.locator('table.list tbody tr').last().textContent()).toContain('已提交');
    await page.getByRole('link', { name: '未开始' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(2);
    await context.close();
  }

  const page = await (await phone(browser)).newPage();
  await page.goto(link);
  await page.getByRole('link', { name: '东风镇' }).click();
  await page.fill('textarea[name=comment]', '第五部分请写明具体整改措施。');
  await page.getByRole('button', { name: '退回' }).click();
  await expect.poll(() => page.locator('.notice').textContent()).toContain('已退回');
  await expect.poll(() => page.locator('ol.history').textContent()).toContain('第五部分请写明具体整改措施。');
  await page.getByRole('link', { name: /返回看板/ }).click();
  await expect.poll(() => page.locator('.counts a').nth(3).textContent()).toBe('1已退回');
});
