// The supervisor's dashboard in Chromium, on a phone and on a desktop: counts, the list, a body's
// details, returning a report with a comment.
import { defaultYear } from '../../src/engine/calendar';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, base, launch, onPhoneAndDesktop, phone, say } from './browser';
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

  await onPhoneAndDesktop(browser, async (page, width) => {
    await page.goto(link);
    await expect.poll(() => page.locator('.counts a').first().textContent()).toBe('3全部');
    await expect.poll(() => page.locator('.counts a').nth(1).textContent()).toBe('1已提交');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(3);
    // Unsubmitted bodies first; each row shows its status.
    await expect.poll(() => page.locator('table.list tbody tr').last().textContent()).toContain('已提交');
    await page.getByRole('link', { name: '未开始' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(2);
  });

  const page = await (await phone(browser)).newPage();
  await page.goto(link);
  await page.getByRole('link', { name: '东风镇' }).click();
  // A verdict on the first finding: dismissed, with its reason, and the count goes down by one.
  const heading = page.locator('.findings h2');
  const pending = Number(/（(\d+) 条待核实）/.exec((await heading.textContent()) ?? '')![1]);
  expect(pending).toBeGreaterThan(0);
  const first = page.locator('.findings li').first();
  await first.locator('input[name=reason]').fill('已电话核实，属实际情况');
  await first.getByRole('button', { name: '不采纳' }).click();
  await expect.poll(() => page.locator('.notice').textContent()).toContain('核实结论已保存');
  await expect
    .poll(() => page.locator('.findings li').first().textContent())
    .toContain('不采纳：已电话核实，属实际情况');
  expect(await heading.textContent()).toBe(
    pending > 1 ? `检查发现的问题（${pending - 1} 条待核实）` : '检查发现的问题',
  );
  await page.fill('textarea[name=comment]', '第五部分请写明具体整改措施。');
  await page.getByRole('button', { name: '退回', exact: true }).click();
  await expect.poll(() => page.locator('.notice').textContent()).toContain('已退回');
  await expect.poll(() => page.locator('ol.history').textContent()).toContain('第五部分请写明具体整改措施。');
  await page.getByRole('link', { name: /返回看板/ }).click();
  await expect.poll(() => page.locator('.counts a').nth(3).textContent()).toBe('1已退回');

  // The year-over-year page, on the phone: last year's report (one figure and one sentence other).
  const last = structuredClone(report.default);
  last.s2.licensing = 4;
  last.s5 = '公开方式单一。下一步加强培训。';
  await fetch(`${base()}/api/admin/reports/${towns[0].id}/${year - 1}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
    body: JSON.stringify({ ...last, org: { name: '东风镇', kind: 'township' }, year: year - 1 }),
  });
  await page.getByRole('link', { name: '东风镇' }).click();
  await page.getByRole('link', { name: '与上年对比' }).click();
  await expect
    .poll(() => page.locator('h2').first().textContent())
    .toBe(`东风镇：${year} 年度与 ${year - 1} 年度对比`);
  const changed = page.locator('tr.changed[data-path="s2.licensing"] td');
  expect(await changed.allTextContents()).toEqual(['行政许可·本年处理决定数量', '4', '0', '-4']);
  // Marked as changed, and readable at 390 px without scrolling sideways.
  expect(await changed.first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
    'rgb(255, 247, 224)',
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.locator('[data-path="s5"] del').allTextContents()).toEqual([
    '公开方式单一。',
    '下一步加强培训。',
  ]);
});

it('draws the data view readable on a phone and a desktop: every chart with its table, the same numbers', async () => {
  const county = await admin('/api/admin/orgs', { name: '统计县', kind: 'county' });
  const year = defaultYear(new Date()) - 1;
  const put = async (orgId: number, y: number, cells: Record<string, number>) => {
    const { reportWith } = await import('../helpers/reports');
    const res = await fetch(`${base()}/api/admin/reports/${orgId}/${y}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
      body: JSON.stringify(reportWith(cells, y)),
    });
    expect(res.status).toBe(200);
  };
  const names = ['一号镇人民政府', '二号镇', '三号街道办事处'];
  const ids: number[] = [];
  for (const name of names)
    ids.push((await admin('/api/admin/orgs', { name, kind: 'township', parentId: county.id })).id);
  for (const [i, id] of ids.entries()) {
    await put(id, year - 1, { 's3.new[0]': 3 + i, 's3.granted[0]': 3 + i });
    // The third has no requests this year: its ratios cannot be computed.
    const n = i === 2 ? 0 : 6 + i;
    await put(id, year, {
      's3.new[0]': n,
      's3.granted[0]': n - (i === 0 ? 2 : 0),
      's3.withheld1[0]': i === 0 ? 2 : 0,
    });
  }
  const { code } = await admin('/api/admin/invites', { orgId: county.id, role: 'supervisor' });
  await say(4712, `/start ${code}`, /统计县/);
  const LINK = /http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_.-]+\/stats\?year=\d+/;
  const link = (await say(4712, `/stats ${year}`, LINK)).match(LINK)![0];

  await onPhoneAndDesktop(browser, async (page, width) => {
    await page.goto(link);
    await expect.poll(() => page.locator('[data-fig="received"]').textContent()).toBe('13');
    const charts = await page.locator('svg[data-chart]').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const drawn = [...svg.querySelectorAll('g')].map((g) => [
          g.getAttribute('data-label'),
          g.querySelector('text.val')!.textContent,
        ]);
        let next = svg.nextElementSibling;
        while (next && next.tagName !== 'TABLE') next = next.nextElementSibling;
        const rows = next
          ? [...next.querySelectorAll('tbody tr')].map((tr) =>
              [...tr.querySelectorAll('td')].map((td) => td.textContent),
            )
          : [];
        const box = svg.getBoundingClientRect();
        return {
          id: svg.getAttribute('data-chart'),
          title: svg.querySelector('title')?.textContent ?? '',
          drawn,
          rows,
          right: box.right,
        };
      }),
    );
    expect(charts.length).toBe(15 + 3);
    for (const c of charts) {
      // Accessible: a title; and every bar or point is in the table beneath, with the same number.
      expect(c.title).not.toBe('');
      expect(c.rows.slice(0, c.drawn.length).map((r) => r.slice(0, 2))).toEqual(c.drawn);
      expect(c.drawn.flat().join()).not.toMatch(/NaN|undefined|Infinity/);
      expect(c.right).toBeLessThanOrEqual(width);
    }
    const substantive = charts.find((c) => c.id === 'bars-substantive')!;
    expect(substantive.drawn).toEqual([
      ['二号镇', '100.0%'],
      ['一号镇人民政府', '66.7%'],
      ['三号街道办事处', '—'],
    ]);
    // The page is no wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
