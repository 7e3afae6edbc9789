// The web form on small phones (360 and 390 px wide) as the field test used it: table 三 with all six
// applicant columns keeps every cell's row and column in sight, a figure being typed is saved only
// once it reads, the header never says 已保存 while something is pending, and tap targets are big.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultYear } from '../../src/engine/calendar';
import { admin, base, launch } from './browser';
import { DEV_SERVER_VARS } from '../../scripts/dev-server.mjs';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const shots = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const status = (page: Page) => page.locator('#status').textContent();
const field = (page: Page, p: string) => page.locator(`[data-path="${p}"]`);

let n = 0;
/** A new township and the form link of its official, opened on a phone of the given width. */
async function open(width: number) {
  const county = await admin('/api/admin/orgs', { name: `手机县${++n}`, kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: `手机镇${n}`, kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${base()}/i/${code}`);
  await page.getByRole('button', { name: '在网页中开始填写' }).click();
  await page.waitForURL(/\/f\//);
  return { page, orgId: town.id as number, formUrl: page.url().split('?')[0]! };
}

async function storedLicensing(orgId: number): Promise<number> {
  const res = await fetch(`${base()}/api/admin/reports/${orgId}/${defaultYear(new Date())}`, {
    headers: { Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
  });
  return ((await res.json()) as { report: { s2: { licensing: number } } }).report.s2.licensing;
}

it('saves a figure only once it reads; 「25x」 stays unsaved with its reason, also after a reload', async () => {
  const { page, orgId, formUrl } = await open(390);
  await page.goto(`${formUrl}?s=2`);
  await field(page, 's2.licensing').pressSequentially('25x', { delay: 30 });
  await expect.poll(() => status(page)).toBe('未保存：1 处填写有误');
  await expect.poll(() => page.locator('[data-norm="s2.licensing"]').textContent()).toContain('不是件数');
  await expect.poll(() => page.locator('[data-norm="s2.licensing"]').textContent()).toContain('没有填 0');
  await page.waitForTimeout(2500); // longer than the autosave delay: nothing may be sent meanwhile
  expect(await storedLicensing(orgId)).toBe(0);
  await page.reload();
  await expect.poll(() => field(page, 's2.licensing').inputValue()).toBe('25x');
  await expect.poll(() => status(page)).toBe('未保存：1 处填写有误');
  await field(page, 's2.licensing').fill('25');
  await expect.poll(() => status(page), { timeout: 15_000 }).toBe('已保存');
  expect(await storedLicensing(orgId)).toBe(25);
});

it.each([360, 390])(
  'table 三 with six columns at %i px: every cell on screen shows its row and its column',
  async (width) => {
    const { page, formUrl } = await open(width);
    await page.goto(`${formUrl}?s=3`);
    await page.getByLabel('有', { exact: true }).check();
    for (const label of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']) {
      await page.getByLabel(label, { exact: true }).check();
    }
    const box = page.locator('.scroll');
    await box.scrollIntoViewIfNeeded();
    // The page itself never scrolls sideways: the table scrolls inside its box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    mkdirSync(shots, { recursive: true });
    const checked = await page.evaluate(async () => {
      const scroller = document.querySelector('.scroll') as HTMLElement;
      const problems: string[] = [];
      let inputs = 0;
      const visibleAt = (el: Element) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + Math.min(r.width, 20) / 2 + 1, r.top + r.height / 2);
        return hit !== null && (hit === el || el.contains(hit));
      };
      for (const [left, top] of [
        [0, 0],
        [10_000, 0],
        [10_000, 400],
        [120, 900],
      ] as const) {
        scroller.scrollTo(left, top);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const view = scroller.getBoundingClientRect();
        for (const input of Array.from(scroller.querySelectorAll('input[data-path]'))) {
          const r = input.getBoundingClientRect();
          // Only the inputs fully on screen inside the box, not under the sticky label or header.
          const cx = r.left + r.width / 2;
          const cy = r.top + r.height / 2;
          if (cx < view.left || cx > view.right || cy < view.top || cy > view.bottom) continue;
          if (document.elementFromPoint(cx, cy) !== input) continue;
          inputs++;
          const row = input.closest('tr')!.querySelector('th.rowlabel')!;
          const col = Number(input.closest('td')!.getAttribute('data-col'));
          const head = Array.from(scroller.querySelectorAll('thead th')).find(
            (th) => th.getAttribute('data-col') === String(col),
          )!;
          if (!visibleAt(row)) problems.push(`${input.getAttribute('data-path')}: row label hidden`);
          if (!visibleAt(head)) problems.push(`${input.getAttribute('data-path')}: column label hidden`);
        }
      }
      return { inputs, problems };
    });
    expect(checked.problems).toEqual([]);
    expect(checked.inputs).toBeGreaterThan(20);
    // The README's picture: scrolled right and down, labels still in sight.
    await page.evaluate(() => (document.querySelector('.scroll') as HTMLElement).scrollTo(10_000, 300));
    await page.screenshot({ path: path.join(shots, `form-3-six-columns-${width}.png`) });
  },
);

it('tap targets are at least 44×44 px, legends sit inside their box, errors speak the form’s words', async () => {
  const { page, formUrl } = await open(390);
  await page.goto(`${formUrl}?s=3`);
  const small = async (selector: string) =>
    page.evaluate(
      (sel) =>
        Array.from(document.querySelectorAll(sel))
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.width < 44 || r.height < 44)).length,
      selector,
    );
  expect(await small('nav.sections a')).toBe(0);
  expect(await small('.gate label')).toBe(0);
  const legendInside = await page.evaluate(() => {
    const fs = document.querySelector('fieldset.gate')!;
    const legend = fs.querySelector('legend')!;
    return legend.getBoundingClientRect().top >= fs.getBoundingClientRect().top;
  });
  expect(legendInside).toBe(true);

  // Someone else (the bot, another phone) sets 行政许可 while this page still shows it blank.
  await page.goto(`${formUrl}?s=2`);
  const other = await fetch(`${formUrl}/save`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base() },
    body: JSON.stringify({ edits: { 's2.licensing': [null, 7] } }),
  });
  expect(other.status).toBe(200);
  await field(page, 's2.licensing').fill('9');
  await expect.poll(() => page.locator('.conflict button').count(), { timeout: 15_000 }).toBe(2);
  await expect.poll(() => status(page)).toBe('有 1 处改动待选择');
  expect(await small('.conflict button')).toBe(0);
  await page.getByRole('button', { name: '用我的' }).click();
  await expect.poll(() => status(page), { timeout: 15_000 }).toBe('已保存');
});

it('a blank table 三 is not a table of zeros, and a column’s error sits by the cell typed in', async () => {
  const { page, formUrl } = await open(390);
  await field(page, 's1.onRequest').fill('本年收到政府信息公开申请 3 件。');
  await page.waitForTimeout(300);
  expect(await page.locator('[data-findings="s1.onRequest"] p').count()).toBe(0);
  await page.goto(`${formUrl}?s=3`);
  await page.getByLabel('有', { exact: true }).check();
  await page.getByLabel('商业企业', { exact: true }).check();
  await field(page, 's3.new[1]').fill('2');
  await page.getByRole('button', { name: '空白处全部填 0' }).click();
  await field(page, 's3.new[1]').fill('3');
  const near = page.locator('[data-findings="s3.new"] p');
  await expect.poll(() => near.allTextContents()).toContainEqual(expect.stringContaining('商业企业列'));
});

it('the review screen shows the report as it would be published, before submitting', async () => {
  const { page, formUrl } = await open(390);
  await field(page, 's1.proactive').fill('本年主动公开信息 12 条。');
  await expect.poll(() => status(page), { timeout: 15_000 }).toBe('已保存');
  await page.goto(`${formUrl}?s=review`);
  const preview = page.locator('.preview .report');
  await expect
    .poll(() => preview.locator('h1').textContent())
    .toMatch(/^手机镇\d+\d{4}年政府信息公开工作年度报告$/);
  await expect.poll(() => preview.locator('table').count()).toBe(3);
  await expect.poll(() => preview.textContent()).toContain('本年主动公开信息 12 条。');
  // The page stays a phone page: the preview scrolls inside its frame.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.locator('.preview > h2').evaluate((h) => {
    h.scrollIntoView();
    window.scrollBy(0, -70);
  });
  await page.screenshot({ path: path.join(shots, 'form-review-preview.png') });
});
