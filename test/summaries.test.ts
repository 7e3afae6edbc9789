// The counts a supervisor sees beside each body (problems, 待核实) come from the summary kept with the
// report. Whoever writes the report — an administrator loading it, a supervisor returning it, an
// official importing it — keeps the same summary the checks give with last year's report, so the
// year-on-year warnings (rules 6–9: carried over, copied texts) are never dropped from the counts.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { county, putReport } from './helpers/admin';
import { complete, dashboardPath, official, save } from './helpers/official';
import { installFakeTelegram } from './helpers/telegram';
import { ORIGIN, send } from './worker';
import { formOf } from '../forms';
import type { Report } from '../forms/model';
import { checkReport } from '../src/engine/check';
import type { Draft } from '../src/engine/draft';
import { findingKey } from '../src/engine/findings';
import { compileReport } from '../src/report/compile';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

interface Kept {
  status: string;
  answers: string;
  warning_count: number;
  warning_keys: string;
}

const kept = (orgId: number, year: number) =>
  env.DB.prepare(
    'SELECT status, answers, warning_count, warning_keys FROM reports WHERE org_id = ?1 AND year = ?2',
  )
    .bind(orgId, year)
    .first<Kept>();

/** The warnings' keys of the stored draft of `year`, checked with and without last year's report. */
async function expected(orgId: number, year: number) {
  const now = JSON.parse((await kept(orgId, year))!.answers) as Draft;
  const before = JSON.parse((await kept(orgId, year - 1))!.answers) as Draft;
  const form = formOf(now.report);
  return {
    withLastYear: checkReport(form, now.report, before.report).warnings.map(findingKey),
    alone: checkReport(form, now.report).warnings.map(findingKey),
  };
}

async function expectCountsWithLastYear(orgId: number, year: number) {
  const row = (await kept(orgId, year))!;
  const { withLastYear, alone } = await expected(orgId, year);
  // The case means something: last year's report adds warnings to this one.
  expect(withLastYear.length).toBeGreaterThan(alone.length);
  expect(JSON.parse(row.warning_keys)).toEqual(withLastYear);
  expect(row.warning_count).toBe(withLastYear.length);
}

/** This year's report (the example), and last year's: carried forward differently, the same texts. */
function reports() {
  const now = structuredClone(example) as unknown as Report;
  const last = structuredClone(example) as unknown as Report;
  last.year = 2022;
  last.s3.carryForward = [3, 0, 0, 0, 0, 0, 3];
  return { now, last };
}

/** A published report (the text nianbao compiles) kept by the supervisor's audit for the body named. */
async function auditImport(dashboard: string, body: string, report: Report) {
  const published = (await compileReport(formOf(report), report, 'text')).body as string;
  const res = await send(`${dashboard}/audit/assign?year=${report.year}`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ body, text: published }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

it('keeps last year’s warnings in the counts after an administrator’s load and after a return', async () => {
  const c = await county(['同比镇']);
  const town = c.ids['同比镇']!;
  const { now, last } = reports();
  expect((await putReport(town, 2022, last)).status).toBe(200);
  expect((await putReport(town, 2023, now)).status).toBe(200);
  await expectCountsWithLastYear(town, 2023);

  // The dashboard's 待核实 count is the body page's (which checks with last year's report).
  const d = await dashboardPath(c.countyId);
  const body = await (await send(`${d}/body/${town}?year=2023`)).text();
  const onBody = body.match(/检查发现的问题（(\d+) 条待核实）/)?.[1];
  expect(onBody).toBeDefined();
  const list = await (await send(`${d}?year=2023`)).text();
  expect(list).toContain(`${onBody} 条待核实`);

  // Returned with a comment: a new version, the same warnings counted.
  const returned = await send(`${d}/body/${town}/return?year=2023`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ comment: '请核对上年结转数' }),
    redirect: 'manual',
  });
  expect(returned.headers.get('location')).toContain('done=returned');
  expect((await kept(town, 2023))!.status).toBe('returned');
  await expectCountsWithLastYear(town, 2023);
});

it('keeps last year’s warnings in the counts of a published report the audit imports', async () => {
  const c = await county(['审计镇']);
  const town = c.ids['审计镇']!;
  const { now, last } = reports();
  expect((await putReport(town, 2022, last)).status).toBe(200);
  await auditImport(await dashboardPath(c.countyId), `审计镇${c.tag}`, now);
  expect((await kept(town, 2023))!.status).toBe('submitted');
  await expectCountsWithLastYear(town, 2023);
});

it('checks this year’s counts again when last year’s report arrives after it, loaded or imported', async () => {
  const c = await county(['后补镇', '补录镇']);
  const { now, last } = reports();
  for (const town of Object.values(c.ids)) {
    expect((await putReport(town, 2023, now)).status).toBe(200);
    expect((await kept(town, 2023))!.warning_count).toBe(checkReport(formOf(now), now).warnings.length);
  }
  // One gets last year's report from an administrator, the other from the audit of 2022.
  expect((await putReport(c.ids['后补镇']!, 2022, last)).status).toBe(200);
  await auditImport(await dashboardPath(c.countyId), `补录镇${c.tag}`, last);
  for (const town of Object.values(c.ids)) {
    const row = (await kept(town, 2023))!;
    expect(row.status).toBe('submitted');
    await expectCountsWithLastYear(town, 2023);
  }
});

it('checks next year’s counts again when an official submits this year’s report after it', async () => {
  const o = await official('迟报镇');
  // 2026's report is in (loaded) while 2025's is still an empty draft: nothing to compare yet.
  const next = structuredClone(example) as unknown as Report;
  next.year = 2026;
  next.s3.carriedOver = [3, 0, 0, 0, 0, 0, 3];
  next.s3.new = [0, 0, 0, 0, 0, 0, 0];
  expect((await putReport(o.orgId, 2026, next)).status).toBe(200);
  // Then 2025 is filled in on the form (nothing carried forward) and submitted.
  expect((await save(o.path, complete())).status).toBe(200);
  const done = await send(`${o.path}/submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ confirm: '1' }),
  });
  expect(done.status).toBe(200);
  expect((await kept(o.orgId, 2025))!.status).toBe('submitted');
  await expectCountsWithLastYear(o.orgId, 2026);
});
