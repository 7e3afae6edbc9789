// The local chat page in a real browser: join with an invite and start filling, no Telegram needed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, base, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('joins with an invite, presses the buttons the bot offers, and answers a question', async () => {
  const county = await admin('/api/admin/orgs', { name: '浏览器县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: '浏览器镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });

  const page = await (await phone(browser)).newPage();
  await page.goto(`${base()}/dev/chat`);
  await page.fill('#user', '31337');
  await page.click('#switch');
  await page.fill('#text', `/start ${code}`);
  await page.press('#text', 'Enter');
  await expect
    .poll(() => page.locator('.bot').allTextContents())
    .toEqual(expect.arrayContaining([expect.stringContaining('绑定成功！您是「浏览器镇」的填报人')]));
  await page.getByRole('button', { name: '开始填报' }).click();
  await expect.poll(() => page.locator('.bot').last().textContent()).toContain('（一）主动公开');
  await page.getByRole('button', { name: '跳过' }).last().click();
  await expect.poll(() => page.locator('.bot').last().textContent()).toContain('（二）依申请公开');
  await page.fill('#text', '本年度未收到政府信息公开申请。');
  await page.press('#text', 'Enter');
  await expect.poll(() => page.locator('.bot').last().textContent()).toContain('已记下');
});

it.each([
  ['wecom', '企业微信'],
  ['dingtalk', '钉钉'],
  ['feishu', '飞书'],
])('speaks %s’s own format: join, see the choices, answer', async (platform) => {
  const county = await admin('/api/admin/orgs', { name: `${platform}县`, kind: 'county' });
  const town = await admin('/api/admin/orgs', {
    name: `${platform}镇`,
    kind: 'township',
    parentId: county.id,
  });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const page = await (await phone(browser)).newPage();
  await page.goto(`${base()}/dev/chat`);
  await page.selectOption('#platform', platform);
  await page.fill('#text', `/start ${code}`);
  await page.press('#text', 'Enter');
  await expect
    .poll(() => page.locator('.bot').allTextContents())
    .toEqual(expect.arrayContaining([expect.stringContaining(`绑定成功！您是「${platform}镇」的填报人`)]));
  await page.fill('#text', '/fill');
  await page.press('#text', 'Enter');
  await expect.poll(() => page.locator('.bot').last().textContent()).toContain('（一）主动公开');
  await page.locator('.bot').last().getByRole('button', { name: /跳过/ }).click();
  await expect.poll(() => page.locator('.bot').last().textContent()).toContain('（二）依申请公开');
});
