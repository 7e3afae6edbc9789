// A supervisor's verdict on each finding of a submitted report: dismissed with a reason, or confirmed
// (the report goes back with the finding quoted); verdicts kept across versions and in the history.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { county, putReport } from './helpers/admin';
import { dashboardPath } from './helpers/official';
import { installFakeTelegram } from './helpers/telegram';
import { ORIGIN, send } from './worker';
import type { Report } from '../forms/model';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

/** The finding keys offered on the body page, in order. */
const keys = (page: string) =>
  [...page.matchAll(/name="key" value="([^"]+)"/g)].map((m) => m[1]!.replace(/&#124;|&#x7C;/g, '|'));

it('takes a verdict on each finding, keeps it across versions, and lists it in the history', async () => {
  const c = await county(['核实镇']);
  const town = c.ids['核实镇']!;
  const report = structuredClone(example) as unknown as Report;
  report.s1.onRequest = '本年度未收到政府信息公开申请。';
  report.s1.management = '严格落实信息发布审核制度。';
  report.s5 = '增强队伍凝聚力。';
  report.s6 = '本年度无其他需要报告的事项。';
  expect((await putReport(town, 2023, report)).status).toBe(200);
  const d = await dashboardPath(c.countyId);
  const bodyUrl = `${d}/body/${town}?year=2023`;
  const post = (fields: Record<string, string>) =>
    send(`${d}/body/${town}/verdict?year=2023`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });

  const listed = async () => (await (await send(`${d}?year=2023`)).text()).match(/\d+ 条待核实/g) ?? [];
  let page = await (await send(bodyUrl)).text();
  expect(page).toContain('检查发现的问题（2 条待核实）');
  // The dashboard's list counts them too, without opening the report.
  expect(await listed()).toEqual(['2 条待核实']);
  expect(page).toContain('五、存在的主要问题及改进情况只有 7 个字');
  expect(page).toContain('六、其他需要报告的事项没有说明信息处理费');
  const [s5Key, s6Key] = keys(page);
  expect(s5Key).toMatch(/^12\|s5\|/);

  // Dismissing needs a reason.
  const bare = await post({ key: s5Key!, verdict: 'dismiss', reason: ' ' });
  expect(bare.headers.get('location')).toContain('done=reason');
  expect(await (await send(bare.headers.get('location')!)).text()).toContain('不采纳时请写明理由');
  const dismissed = await post({ key: s5Key!, verdict: 'dismiss', reason: '本镇今年确无问题，已电话核实' });
  expect(dismissed.headers.get('location')).toContain('done=verdict');
  page = await (await send(bodyUrl)).text();
  expect(page).toContain('检查发现的问题（1 条待核实）');
  expect(await listed()).toEqual(['1 条待核实']);
  expect(page).toContain('不采纳：本镇今年确无问题，已电话核实');

  // Confirming sends the report back with the finding quoted.
  const confirmed = await post({ key: s6Key!, verdict: 'confirm', reason: '请补充收费说明' });
  expect(confirmed.headers.get('location')).toContain('done=returned');
  const row = await env.DB.prepare(
    `SELECT r.status, v.comment FROM reports r JOIN revisions v ON v.report_id = r.id AND v.version = r.version
     WHERE r.org_id = ?1 AND r.year = 2023`,
  )
    .bind(town)
    .first<{ status: string; comment: string }>();
  expect(row!.status).toBe('returned');
  expect(row!.comment).toBe(
    '核实确认的问题：六、其他需要报告的事项没有说明信息处理费：国家格式要求写明本年度是否收取信息处理费（如“本年度未收取信息处理费”）。\n说明：请补充收费说明',
  );
  // A verdict on a finding the current version does not have (or a report not submitted) is refused.
  expect((await post({ key: s5Key!, verdict: 'dismiss', reason: 'x' })).headers.get('location')).toContain(
    'done=notSubmitted',
  );

  // Submitted again with 五 unchanged and 六 fixed: 五's verdict stands; 六's finding is gone.
  report.s6 = '本年度未收取信息处理费。';
  const { version } = (await env.DB.prepare('SELECT version FROM reports WHERE org_id = ?1 AND year = 2023')
    .bind(town)
    .first<{ version: number }>())!;
  expect((await putReport(town, 2023, report, { base: version })).status).toBe(200);
  page = await (await send(bodyUrl)).text();
  expect(page).toContain('检查发现的问题');
  expect(page).not.toContain('条待核实');
  expect(page).toContain('不采纳：本镇今年确无问题，已电话核实');
  expect(keys(page)).toEqual([]);
  expect(
    await (await post({ key: s6Key!, verdict: 'dismiss', reason: 'x' })).headers.get('location'),
  ).toContain('done=gone');
  // Both verdicts in the history.
  const history = page.slice(page.indexOf('<ol class="history">'));
  expect(history).toContain('核实：不采纳「五、存在的主要问题及改进情况只有 7 个字');
  expect(history).toContain('核实：已确认并退回「六、其他需要报告的事项没有说明信息处理费');
});
