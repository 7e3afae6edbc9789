// The year-over-year page of a body on the dashboard: last year's and this year's figures side by
// side with the changes marked, and each text with the sentences new this year and gone since.
import { afterEach, beforeEach, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { county, putReport } from './helpers/admin';
import { dashboardPath } from './helpers/official';
import { installFakeTelegram } from './helpers/telegram';
import { send } from './worker';
import type { Report } from '../forms/model';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

it('shows last year beside this year, the changed figures marked and the texts sentence by sentence', async () => {
  const c = await county(['对比镇']);
  const town = c.ids['对比镇']!;
  const before = structuredClone(example) as unknown as Report;
  const now = structuredClone(example) as unknown as Report;
  now.year = 2024;
  now.s2.licensing = 12;
  // 行政强制: no such power any more (不适用), which is not 0.
  (now.s2 as Record<string, unknown>).enforcement = '/';
  now.s5 = `${example.s5}\n4.今年新增：开设政策解读专栏。`;
  expect((await putReport(town, 2023, before)).status).toBe(200);
  expect((await putReport(town, 2024, now)).status).toBe(200);
  const d = await dashboardPath(c.countyId);

  const body = await (await send(`${d}/body/${town}?year=2024`)).text();
  expect(body).toContain(`${d}/body/${town}/compare?year=2024`);
  const res = await send(`${d}/body/${town}/compare?year=2024`);
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page).toContain('2024 年度与 2023 年度对比');
  // 行政许可 went from 0 to 12: marked, with the change; 行政处罚 did not change.
  expect(page).toMatch(
    /<tr class="changed" data-path="s2.licensing"><td class="name">行政许可·本年处理决定数量<\/td><td[^>]*>0<\/td><td[^>]*>12<\/td><td[^>]*>\+12<\/td><\/tr>/,
  );
  expect(page).toMatch(/<tr data-path="s2.penalties">/);
  expect(page).toMatch(
    /<tr class="changed" data-path="s2.enforcement"><td class="name">[^<]*<\/td><td[^>]*>0<\/td><td[^>]*>不适用<\/td><td[^>]*><\/td><\/tr>/,
  );
  expect(page).toContain('有变化的数字：2 项');
  // The new sentence of 五 is marked; the rest is kept as it was.
  expect(page).toContain('<ins>4.今年新增：开设政策解读专栏。</ins>');
  expect(page).not.toContain('<del>');
  expect(page).toMatch(/与上年文字相似度 (8|9)\d%/);

  // Without last year's report: said so, not an empty comparison.
  const none = await send(`${d}/body/${town}/compare?year=2023`);
  expect(none.status).toBe(404);
  expect(await none.text()).toContain('没有 2022 年度的报告可以对比');
});
