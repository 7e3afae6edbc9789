// The data view through the Worker with real D1: the figures reviewers compute for a county's
// bodies and for the county, as SVG charts whose numbers equal their tables, the bodies that stand
// out, the CSV, and a body's own lines over the years.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { county, invite, putReport } from './helpers/admin';
import { dashboardPath } from './helpers/official';
import { reportWith } from './helpers/reports';
import { installFakeTelegram, Person } from './helpers/telegram';
import { send } from './worker';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

const text = async (url: string) => (await send(url)).text();

/** A chart's bars or points as [label, value] pairs, in drawing order. */
const chart = (page: string, id: string) => {
  const svg = page.match(new RegExp(`<svg[^>]*data-chart="${id}"[\\s\\S]*?</svg>`))![0];
  return [...svg.matchAll(/<g data-label="([^"]*)" data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
};
/** The table that follows a chart, as [first cell, second cell] pairs. */
const tableAfter = (page: string, id: string) => {
  const from = page.indexOf(`data-chart="${id}"`);
  const table = page.slice(from).match(/<table class="nums">[\s\S]*?<\/table>/)![0];
  return [...table.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
};

it('shows the figures per body and for the county, with the bodies that stand out, and exports them', async () => {
  const c = await county(['甲镇', '乙镇', '丙镇']);
  const [jia, yi] = [c.ids['甲镇']!, c.ids['乙镇']!];
  const jiaName = `甲镇${c.tag}`;
  const yiName = `乙镇${c.tag}`;
  // 甲镇: 10 new requests, 6 granted, 2 in part, 2 withheld; two reviews, one corrected.
  const jia2024 = {
    's3.new[0]': 10,
    's3.granted[0]': 6,
    's3.partial[0]': 2,
    's3.withheld4[0]': 2,
    's4.review.upheld': 1,
    's4.review.corrected': 1,
  };
  expect((await putReport(jia, 2024, reportWith(jia2024, 2024))).status).toBe(200);
  expect((await putReport(jia, 2023, reportWith({ 's3.new[0]': 5, 's3.granted[0]': 5 }, 2023))).status).toBe(
    200,
  );
  // 乙镇: 12 requests last year, none this year (a ratio of nothing is "—", and a risk).
  expect((await putReport(yi, 2023, reportWith({ 's3.new[0]': 12, 's3.granted[0]': 12 }, 2023))).status).toBe(
    200,
  );
  expect((await putReport(yi, 2024, reportWith({}, 2024))).status).toBe(200);
  // 丙镇 has not submitted.

  const d = await dashboardPath(c.countyId);
  expect(await text(`${d}?year=2024`)).toContain(`${d}/stats?year=2024`);
  const page = await text(`${d}/stats?year=2024`);
  expect(page).toContain('2024 年度全辖区主要数字');
  expect(page).toMatch(/data-fig="submitted">\s*2\s*\/\s*3/);
  // Put in by the admin API today, long after 31 January 2025: late.
  expect(page).toContain('按时 0 · 逾期 2 · 退回 0');
  expect(page).toContain('data-fig="received">10<');
  // 10 this year against 5 + 12 last year.
  expect(page).toContain('比上年 −41.2%');
  expect(page).toContain('data-fig="substantive">80.0%<');
  expect(page).toContain('data-fig="correction">50.0%<');
  expect(page).toContain('data-fig="carryRate">0.0%<');

  // Each body's bars, largest first; a body without requests has no ratio: "—", never 0%.
  expect(chart(page, 'bars-received')).toEqual([
    [jiaName, '10'],
    [yiName, '0'],
  ]);
  expect(chart(page, 'bars-substantive')).toEqual([
    [jiaName, '80.0%'],
    [yiName, '—'],
  ]);
  expect(chart(page, 'bars-withheldRate')).toEqual([
    [jiaName, '20.0%'],
    [yiName, '—'],
  ]);
  // The table beneath has the same numbers, and the county's.
  expect(tableAfter(page, 'bars-substantive')).toEqual([
    [jiaName, '80.0%'],
    [yiName, '—'],
    ['全辖区', '80.0%'],
  ]);
  for (const id of ['bars-received', 'bars-correction', 'bars-fees', 'years-received']) {
    expect(tableAfter(page, id).slice(0, chart(page, id).length)).toEqual(chart(page, id));
  }
  // Five years of the county: the two with reports.
  expect(chart(page, 'years-received')).toEqual([
    ['2023', '17'],
    ['2024', '10'],
  ]);
  // 乙镇's drop is a risk card, saying why with the figures.
  expect(page).toContain(`${yiName}：新收申请从上年的 12 件降到 0 件，请核实是否漏报。`);

  const csv = await send(`${d}/stats.csv?year=2024`);
  expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'orgId,单位,逾期提交,新收申请,实质公开率,不予公开率,无法提供率,结转率,复议纠错率,诉讼纠错率,复议诉讼纠错率,每百件申请的复议诉讼,规范性文件制发,规范性文件现行有效,行政许可,行政处罚,行政强制,行政事业性收费（万元）',
  );
  expect(lines[1]).toBe(`${jia},${jiaName},1,10,80.0%,20.0%,0.0%,0.0%,50.0%,—,50.0%,20.0,0,0,0,0,0,0`);
  expect(lines[2]).toBe(`${yi},${yiName},1,0,—,—,—,—,—,—,—,—,0,0,0,0,0,0`);
  expect(lines[3]).toBe(',全辖区,,10,80.0%,20.0%,0.0%,0.0%,50.0%,—,50.0%,20.0,0,0,0,0,0,0');

  // A body's page: its own lines over the years, beside the county's.
  const body = await text(`${d}/body/${jia}?year=2024`);
  expect(body).toContain('本单位近五年的主要数字');
  expect(chart(body, 'body-received')).toEqual([
    ['2023', '5'],
    ['2024', '10'],
  ]);
  // Beside it, the median of the bodies under the same county (甲镇 5 and 乙镇 12 in 2023).
  expect(body).toContain('<tr><td>2023</td><td>5</td><td>8.5（2 个单位）</td></tr>');
  expect(body).toContain('<tr><td>2024</td><td>10</td><td>5（2 个单位）</td></tr>');
  // 乙镇 had no requests in 2024: its 实质公开率 is no part of the median (甲镇's 80% is).
  expect(body).toContain('<tr><td>2024</td><td>80.0%</td><td>80.0%（1 个单位）</td></tr>');
  // 丙镇 has no report: no lines.
  expect(await text(`${d}/body/${c.ids['丙镇']}?year=2024`)).not.toContain('本单位近五年的主要数字');
});

it('gives a supervisor the headline figures in chat with /stats (统计), and the data view’s link', async () => {
  const c = await county(['丁镇', '戊镇']);
  const boss = new Person(31_001, fake);
  await boss.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  let [m] = await boss.say('/stats 2024');
  expect(m!.text).toBe('2024 年度还没有单位提交报告，暂无统计数字。');
  await putReport(c.ids['丁镇']!, 2023, reportWith({ 's3.new[0]': 4, 's3.granted[0]': 4 }, 2023));
  await putReport(
    c.ids['丁镇']!,
    2024,
    reportWith(
      { 's3.new[0]': 5, 's3.granted[0]': 3, 's3.notProcessed2[0]': 1, 's3.carryForward[0]': 1 },
      2024,
    ),
  );
  [m] = await boss.say('统计 2024');
  const lines = m!.text.split('\n');
  expect(lines.slice(0, 7)).toEqual([
    '【2024 年度全辖区主要数字】',
    '已提交：1/2 个单位',
    '新收申请：5（比上年 +25.0%）',
    // 3 granted of 4 decided less 1 not processed.
    '实质公开率：100.0%',
    '复议诉讼纠错率：—',
    '结转率：20.0%',
    '图表、各单位对比和需要关注的单位（7 天内有效，请勿转发）：',
  ]);
  const url = new URL(lines[7]!);
  expect(url.pathname).toMatch(/^\/d\/[^/]+\/stats$/);
  expect(url.searchParams.get('year')).toBe('2024');
  expect(await text(url.pathname + url.search)).toContain('2024 年度全辖区主要数字');
  // Officials have no such command.
  const official = new Person(31_002, fake);
  await official.say(`/start ${await invite(c.ids['戊镇']!)}`);
  [m] = await official.say('/stats');
  expect(m!.text).not.toContain('全辖区主要数字');
});
