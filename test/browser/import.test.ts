// Published reports as PDFs, read in the browser: an official imports last year's report on the
// form's import screen, a supervisor audits several bodies' files at once. The PDFs are printed by
// Chromium from compiled reports, as a body's office prints its Word file to PDF for the website.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import example from '../fixtures/baiying-2023.report.json';
import { defaultYear } from '../../src/engine/calendar';
import { admin, base, launch, phone, say } from './browser';
import { DEV_SERVER_VARS } from '../../scripts/dev-server.mjs';

let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-import-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A compiled report of `name` for `year`, printed to an A4 PDF; its path. */
async function printed(name: string, year: number, change: (r: typeof example) => void = () => {}) {
  const report = structuredClone(example);
  report.org.name = name;
  report.year = year;
  change(report);
  const res = await fetch(`${base()}/api/compile?format=html`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(report),
  });
  expect(res.status).toBe(200);
  const page = await browser.newPage();
  await page.setContent(await res.text());
  const file = path.join(dir, `${name}${year}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  await page.close();
  return file;
}

it("imports last year's report from its PDF on a phone, reading it in the browser", async () => {
  const county = await admin('/api/admin/orgs', { name: 'PDF县', kind: 'county' });
  const town = await admin('/api/admin/orgs', { name: 'PDF镇', kind: 'township', parentId: county.id });
  const { code } = await admin('/api/admin/invites', { orgId: town.id, role: 'official' });
  const last = defaultYear(new Date()) - 1;
  const pdf = await printed('PDF县PDF镇人民政府', last, (r) => {
    // Columns: 自然人, five kinds of 法人或其他组织, 总计.
    r.s3.new = [3, 1, 0, 0, 0, 0, 4];
    r.s3.granted = [2, 1, 0, 0, 0, 0, 3];
    r.s3.total = [2, 1, 0, 0, 0, 0, 3];
    r.s3.carryForward = [1, 0, 0, 0, 0, 0, 1];
  });

  const page = await (await phone(browser)).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${base()}/i/${code}`);
  await page.getByRole('button', { name: '在网页中开始填写' }).click();
  await page.waitForURL(/\/f\//);
  await page.getByRole('link', { name: `导入 ${last} 年度报告` }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(`导入 ${last} 年度已公开的报告`);
  // pdf.js is not part of the form: nothing of it is loaded before a PDF is chosen.
  expect(fetched.filter((p) => p.includes('pdfjs'))).toEqual([]);

  await page.locator('input[type="file"]').setInputFiles(pdf);
  await page.getByRole('button', { name: '读取' }).click();
  await expect
    .poll(() => page.locator('h1').textContent(), { timeout: 30_000 })
    .toBe(`从文字中读出的 ${last} 年度报告`);
  // The server refuses a PDF itself (test/form-import.test.ts): this preview was read from the text the
  // browser took out of it, with pdf.js from this Worker's static files.
  expect(fetched.some((p) => /^\/static\/pdfjs-[\d.]+\/pdf\.min\.mjs$/.test(p))).toBe(true);
  const preview = await page.locator('main').textContent();
  expect(preview).toContain('标题：PDF县PDF镇人民政府');
  expect(preview).toContain('表二 主动公开：读出 10 / 10 项');
  expect(preview).toContain('表三 依申请公开：读出 175 / 175 项');
  expect(preview).toContain('表四 复议诉讼：读出 15 / 15 项');
  expect(preview).not.toContain('没能读出');

  await page.getByRole('button', { name: `确认导入为 ${last} 年度报告` }).click();
  await expect.poll(() => page.locator('main').textContent()).toContain(`已导入 ${last} 年度报告`);
  // This year's draft now carries last year's 结转 over.
  const stored = await (
    await fetch(`${base()}/api/admin/reports/${town.id}/${last}`, {
      headers: { Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
    })
  ).json();
  expect(stored.report.s3.carryForward).toEqual([1, 0, 0, 0, 0, 0, 1]);
  expect(stored.report.s3.new).toEqual([3, 1, 0, 0, 0, 0, 4]);
  expect(errors).toEqual([]);
});

it("audits several bodies' published PDFs and a web page at once", async () => {
  const county = await admin('/api/admin/orgs', { name: '核查县', kind: 'county' });
  for (const name of ['甲镇', '乙镇', '丙街道'])
    await admin('/api/admin/orgs', {
      name,
      kind: name.endsWith('街道') ? 'subdistrict' : 'township',
      parentId: county.id,
    });
  const year = defaultYear(new Date()) - 1;
  const files = [
    await printed('核查县甲镇人民政府', year),
    await printed('核查县乙镇人民政府', year, (r) => {
      // A published report with an arithmetic slip: the audit finds it.
      r.s3.total[6] = 5;
    }),
  ];
  const html = await (
    await fetch(`${base()}/api/compile?format=html`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...example, org: { name: '核查县丙街道办事处' }, year }),
    })
  ).text();
  const page3 = path.join(dir, '丙街道.html');
  writeFileSync(page3, html);
  files.push(page3);

  const { code } = await admin('/api/admin/invites', { orgId: county.id, role: 'supervisor' });
  await say(4811, `/start ${code}`, /核查县/);
  const LINK = /http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_.-]+/;
  const link = (await say(4811, '/dashboard', LINK)).match(LINK)![0];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${link}/audit?year=${year}`);
  await page.locator('input[type="file"]').setInputFiles(files);
  await page.getByRole('button', { name: '读取并核查' }).click();
  await expect
    .poll(() => page.locator('main').textContent(), { timeout: 30_000 })
    .toContain(`${year} 年度：读取了 3 份报告`);
  expect(await page.locator('table tbody tr').count()).toBe(3);
  // Columns: file, body in the title, body matched, figures read, errors, warnings, outcome.
  const row = (title: string) =>
    page.locator('table tbody tr', { hasText: title }).locator('td').allTextContents();
  const jia = await row('核查县甲镇人民政府');
  expect(jia[0]).toBe('核查县甲镇人民政府' + year + '.pdf');
  expect(jia.slice(2)).toEqual(['甲镇', '200 / 200', '0', expect.any(String), '已保存为该单位的报告']);
  const bing = await row('核查县丙街道办事处');
  expect(bing.slice(2)).toEqual(['丙街道', '200 / 200', '0', expect.any(String), '已保存为该单位的报告']);
  // 乙镇's slip (总计 5 where its rows sum to 0) is an error on its row.
  const yi = await row('核查县乙镇人民政府');
  expect(yi[2]).toBe('乙镇');
  expect(Number(yi[4])).toBeGreaterThan(0);
});
