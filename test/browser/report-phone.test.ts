// The compiled HTML report and the local chat page on a phone (390×844): the report's text keeps
// clear of the screen's edges and its title never leaves one character alone on a line; a long
// link in the chat wraps instead of widening the page.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, base, launch, phone, PHONE } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const example = JSON.parse(
  readFileSync(new URL('../fixtures/baiying-2023.report.json', import.meta.url), 'utf8'),
) as { org: { name: string } };

/** The characters of an element's text, per rendered line (by their top edge). */
function lines(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((el) => {
    const range = document.createRange();
    const byTop = new Map<number, string>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        byTop.set(top, (byTop.get(top) ?? '') + text[i]);
      }
    }
    return [...byTop.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
  });
}

// 汤阴县 makes a 20-character title, which at 390 px wraps with its last character alone.
it.each(['汤阴县', example.org.name])(
  'shows the report of %s with side margins and a balanced title',
  async (name) => {
    const res = await fetch(`${base()}/api/compile?format=html`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...example, org: { ...example.org, name } }),
    });
    expect(res.status).toBe(200);
    const page = await (await phone(browser)).newPage();
    await page.setContent(await res.text());

    const edges = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('body :is(h1, h2, h3, p, table)')].map((e) =>
        e.getBoundingClientRect(),
      );
      return {
        left: Math.min(...boxes.map((b) => b.left)),
        right: Math.max(...boxes.map((b) => b.right)),
        width: document.documentElement.scrollWidth,
      };
    });
    expect(edges.left).toBeGreaterThanOrEqual(8);
    expect(edges.right).toBeLessThanOrEqual(PHONE.width - 8);
    expect(edges.width).toBeLessThanOrEqual(PHONE.width);

    const title = await lines(page, 'h1');
    expect(title.join('')).toBe(`${name}2023年政府信息公开工作年度报告`);
    expect(title.length).toBeGreaterThan(1);
    expect(title.at(-1)!.length, title.join(' / ')).toBeGreaterThan(1);
  },
);

it('wraps a long link in the chat page instead of widening it', async () => {
  const county = await admin('/api/admin/orgs', { name: '链接县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: '链接镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const page = await (await phone(browser)).newPage();
  await page.goto(`${base()}/dev/chat`);
  await page.fill('#user', '41414');
  await page.click('#switch');
  await page.fill('#text', `/start ${code}`);
  await page.press('#text', 'Enter');
  await expect
    .poll(() => page.locator('.bot').allTextContents())
    .toContainEqual(expect.stringContaining('链接镇'));
  await page.fill('#text', '/link');
  await page.press('#text', 'Enter');
  await expect.poll(() => page.locator('.bot').last().textContent()).toMatch(/\/f\/\S{40,}/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const bubble = await page.locator('.bot').last().boundingBox();
  expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(PHONE.width);
});
