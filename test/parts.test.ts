// Rule 16 through the dashboard with real D1: a body whose own report sums the bodies under it is
// compared, cell by cell of tables 三 and 四, with the reports they submitted — incomplete (naming
// who is missing) until every one has, a difference judged like any finding.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { county, putReport } from './helpers/admin';
import { dashboardPath } from './helpers/official';
import { reportWith } from './helpers/reports';
import { installFakeTelegram } from './helpers/telegram';
import { ORIGIN, send } from './worker';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

/** A report with `n` applications from natural persons, all granted, and `review` review cases upheld. */
const withApplications = (n: number, review = 0) =>
  reportWith({ 's3.new[0]': n, 's3.granted[0]': n, 's4.review.upheld': review });

const text = async (url: string) => (await send(url)).text();
const rule16 = (page: string) =>
  [...page.matchAll(/<li data-rule="16">\s*<p[^>]*>([^<]+)<\/p>/g)].map((m) => m[1]!);

it('compares a summing report with its parts, incomplete until all have submitted, judged like any finding', async () => {
  const c = await county(['甲镇', '乙镇', '丙镇']);
  const d = await dashboardPath(c.countyId);
  const own = `${d}/body/${c.countyId}?year=2023`;
  expect((await putReport(c.countyId, 2023, withApplications(6, 2))).status).toBe(200);
  expect((await putReport(c.ids['甲镇']!, 2023, withApplications(3, 1))).status).toBe(200);
  expect((await putReport(c.ids['乙镇']!, 2023, withApplications(2, 1))).status).toBe(200);

  // Off until the supervisor says the report sums the bodies under it.
  let page = await text(own);
  expect(page).toContain('汇总报告对照（规则 16）');
  expect(page).toContain('如果本单位的年报是汇总下级单位的');
  expect(rule16(page)).toEqual([]);
  const turn = (on: '0' | '1') =>
    send(`${d}/body/${c.countyId}/parts?year=2023`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ on }),
      redirect: 'manual',
    });
  expect((await turn('1')).status).toBe(303);

  // 丙镇 has not submitted: every difference says the comparison is incomplete, and who is missing.
  page = await text(own);
  expect(page).toContain('直属的 3 个单位中还有 1 个未提交（丙镇');
  expect(rule16(page)).toEqual([
    `新收·自然人：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
    `新收·总计：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
    `予以公开·自然人：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
    `予以公开·总计：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
    `办理结果合计·自然人：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
    `办理结果合计·总计：本报告填 6，已提交的所属单位报告合计 5，相差 1；还有 1 个单位未提交（丙镇${c.tag}），对照尚不完整。`,
  ]);

  // With 丙镇's report the parts add up: nothing to say.
  expect((await putReport(c.ids['丙镇']!, 2023, withApplications(1))).status).toBe(200);
  page = await text(own);
  expect(page).toContain('直属的 3 个单位都已提交，对照完整。');
  expect(rule16(page)).toEqual([]);

  // 丙镇 corrected to 0: a plain difference, which the supervisor can dismiss with a reason.
  expect((await putReport(c.ids['丙镇']!, 2023, withApplications(0))).status).toBe(200);
  page = await text(own);
  const found = rule16(page);
  expect(found).toHaveLength(6);
  expect(found[0]).toBe(
    '新收·自然人：本报告填 6，所属 3 个单位报告合计 5，相差 1。汇总报告应等于所属单位之和，请核对。',
  );
  const key = page.match(/name="key" value="(16[^"]+s3\.new\[0\][^"]*)"/)![1]!.replace(/&#124;|&#x7C;/g, '|');
  const judged = await send(`${d}/body/${c.countyId}/verdict?year=2023`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key, verdict: 'dismiss', reason: '县本级另有 1 件' }),
    redirect: 'manual',
  });
  expect(judged.headers.get('location')).toContain('done=verdict');
  expect(await text(own)).toContain('不采纳：县本级另有 1 件');

  // Turned off again: no rule 16; a township (nothing under it) has no such section.
  await turn('0');
  expect(rule16(await text(own))).toEqual([]);
  expect(await text(`${d}/body/${c.ids['甲镇']}?year=2023`)).not.toContain('汇总报告对照');
});
