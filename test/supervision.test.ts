// Supervising through the Worker with real D1: the dashboard, returning a report, the roll-up, the
// CSV export, reminders by cron and by command, and a county of 20,000 bodies.
import { REMIND_CHAT_COPY } from '../src/chat/copy';
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import worker from '../src/index';
import { county, getReport, invite, putReport } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import { heldQueue } from './helpers/queue';
import { installFakeTelegram, Person, sentTo } from './helpers/telegram';
import { call, ORIGIN } from './worker';
import { emptyReport, type Report } from '../forms/model';
import { fillTotals } from '../src/engine/compute';
import { signLink } from '../src/services/links';
import { DASHBOARD_COPY } from '../src/web/copy';
import { FORM_2021 as F } from '../forms/report-2021';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 20000;

function figures(name: string, year: number, n: number): Report {
  const r = emptyReport(F, { name, kind: 'township' }, year);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}${p}`;
  r.s2.licensing = n;
  r.s2.fees = 0.1 * n;
  r.s3.new[0] = n;
  r.s3.granted[0] = n;
  r.s4.review.upheld = 1;
  r.s5 = '问题';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

async function supervisedCounty(towns: string[]) {
  const c = await county(towns);
  const supervisor = new Person(++nextUser, fake);
  await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  const [m] = await supervisor.say('/dashboard');
  const path = m!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  return { ...c, supervisor, path };
}

const form = (path: string, fields: Record<string, string>) =>
  call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });

describe('the dashboard', () => {
  it('adds a body under the supervisor and keeps its full name for the title', async () => {
    const { path, tag } = await supervisedCounty([]);
    const added = await form(`${path}/orgs?year=2025`, {
      name: `新加${tag}镇`,
      kind: 'township',
      fullName: `示例县新加${tag}镇人民政府`,
    });
    expect(added.status).toBe(303);
    const at = added.headers.get('location')!;
    expect(at).toMatch(/\/body\/\d+\?year=2025&done=added$/);
    let page = await (await call(at)).text();
    expect(page).toContain(`已新增「新加${tag}镇」`);
    expect(page).toContain(`value="示例县新加${tag}镇人民政府"`);
    const again = await form(`${path}/orgs?year=2025`, { name: `新加${tag}镇`, kind: 'township' });
    expect(again.headers.get('location')).toContain('done=exists');
    const renamed = await form(`${at.split('?')[0]}/name?year=2025`, { fullName: `示例县新加${tag}镇政府` });
    page = await (await call(renamed.headers.get('location')!)).text();
    expect(page).toContain(`value="示例县新加${tag}镇政府"`);
    const refused = await form(`${path}/orgs?year=2025`, { name: '', kind: 'village' });
    expect(refused.status).toBe(400);
  });

  it('lists every body with status and progress, counts, and filters', async () => {
    const { path, ids, tag } = await supervisedCounty(['甲镇', '乙镇', '丙镇']);
    await putReport(ids['甲镇']!, 2025, figures(`甲镇${tag}`, 2025, 2));
    const official = new Person(++nextUser, fake);
    await official.say(`/start ${await invite(ids['乙镇']!)}`);
    await official.say('/fill 2025');
    await official.say('写了一段');

    const html = await (await call(`${path}?year=2025`)).text();
    expect(html).toContain('<b>3</b>全部');
    expect(html).toContain('<b>1</b>已提交');
    expect(html).toContain('<b>1</b>填报中');
    expect(html).toContain('<b>1</b>未开始');
    expect(html).toMatch(new RegExp(`乙镇${tag}</a>[\\s\\S]*?填报中[\\s\\S]*?1/170`));
    expect(html).toContain(DASHBOARD_COPY.deadline(2025));
    const filtered = await (await call(`${path}?year=2025&status=submitted`)).text();
    expect(filtered).toContain(`甲镇${tag}`);
    expect(filtered).not.toContain(`乙镇${tag}</a>`);
    const searched = await (await call(`${path}?year=2025&q=${encodeURIComponent('丙')}`)).text();
    expect(searched).toContain(`丙镇${tag}`);
    expect(searched).not.toContain(`甲镇${tag}</a>`);
    const none = await (await call(`${path}?year=2025&q=nothing`)).text();
    expect(none).toContain(DASHBOARD_COPY.none);
    expect(none).toContain('<b>3</b>全部');
  });

  it('is refused to officials, and to bodies outside the supervisor’s subtree', async () => {
    const { path, ids } = await supervisedCounty(['本镇']);
    const other = await county(['外镇']);
    expect((await call(`${path}/body/${other.ids['外镇']}?year=2025`)).status).toBe(404);
    expect((await call(`${path}/body/${ids['本镇']}?year=2025`)).status).toBe(200);
    const official = new Person(++nextUser, fake);
    await official.say(`/start ${await invite(ids['本镇']!)}`);
    expect((await official.say('/dashboard'))[0]!.text).toBe('这个命令只有上级管理人员可以使用。');
    const { results } = await env.DB.prepare('SELECT id FROM people ORDER BY id DESC LIMIT 1').all<{
      id: number;
    }>();
    const forged = await signLink(env.LINK_SECRET, { k: 'd', p: results[0]!.id }, 60, new Date());
    expect((await call(`/d/${forged}`)).status).toBe(403);
    expect((await call('/d/garbage')).status).toBe(403);
  });

  it('returns a submitted report with a comment: a new version, the official told, the history kept', async () => {
    const { path, ids, tag, supervisor } = await supervisedCounty(['退回镇']);
    const orgId = ids['退回镇']!;
    const official = new Person(++nextUser, fake);
    await official.say(`/start ${await invite(orgId)}`);
    await putReport(orgId, 2025, figures(`退回镇${tag}`, 2025, 1));
    const before = await getReport(orgId, 2025);

    const empty = await form(`${path}/body/${orgId}/return?year=2025`, { comment: ' ' });
    expect(empty.headers.get('location')).toContain('done=empty');
    const res = await form(`${path}/body/${orgId}/return?year=2025`, {
      comment: '表三新收数字与文字不符，请核对。',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('done=returned&n=1');
    const after = await getReport(orgId, 2025);
    expect(after).toMatchObject({ status: 'returned', version: before.version + 1 });
    const told = sentTo(fake, official.userId).at(-1)!;
    expect(told).toContain('退回了「退回镇');
    expect(told).toContain('表三新收数字与文字不符，请核对。');
    expect(told).toMatch(/https:\/\/nianbao\.example\/f\//);
    const page = await (await call(`${path}/body/${orgId}?year=2025`)).text();
    expect(page).toContain('已退回');
    expect(page).toMatch(/退回[\s\S]*表三新收数字与文字不符/);
    expect(page).toContain('导入');
    // A second return of a report that is no longer submitted is refused.
    const again = await form(`${path}/body/${orgId}/return?year=2025`, { comment: '再退' });
    expect(again.headers.get('location')).toContain('done=notSubmitted');
    // The official resubmits by chat; the supervisor's notice counts submissions, not saves.
    const resubmit = async () => {
      await official.say('/fill 2025');
      const m = await official.last('/submit');
      if (m.text.includes('提交前请核对')) await official.press('确认提交');
      return sentTo(fake, supervisor.userId).at(-1)!;
    };
    expect(await resubmit()).toMatch(/年度报告已提交。/);
    await form(`${path}/body/${orgId}/return?year=2025`, { comment: '再核对一次。' });
    expect(await resubmit()).toContain('年度报告已提交（第 2 次提交）');
  });

  it('does not greet a supervisor with a long-past deadline for a year nobody works on', async () => {
    const { path } = await supervisedCounty(['往年镇']);
    const old = await (await call(`${path}?year=2023`)).text();
    expect(old).not.toContain('已过截止日期');
    expect(old).toContain(DASHBOARD_COPY.deadline(2023));
  });

  it('rolls up the submitted reports under the supervisor, with checks and every format', async () => {
    const { path, ids, tag } = await supervisedCounty(['一镇', '二镇', '三镇']);
    await putReport(ids['一镇']!, 2025, figures(`一镇${tag}`, 2025, 2));
    await putReport(ids['二镇']!, 2025, figures(`二镇${tag}`, 2025, 3));
    const page = await (await call(`${path}/rollup?year=2025`)).text();
    expect(page).toContain('汇总了 3 个单位中已提交的 2 个');
    expect(page).toContain('汇总数据勾稽关系正确');
    const json = (await (await call(`${path}/rollup?year=2025&format=json`)).json()) as Report;
    expect(json.s2.licensing).toBe(5);
    expect(json.s2.fees).toBe(0.5);
    expect(json.s3.new).toEqual([5, 0, 0, 0, 0, 0, 5]);
    expect(json.s4.review).toEqual({ upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 });
    // Which bodies are included is said under 一 (test/rollup.test.ts), not written into a text.
    const text = await (await call(`${path}/rollup?year=2025&format=text`)).text();
    expect(text).toContain(`一镇${tag}、二镇${tag}`);
    for (const f of ['html', 'text', 'docx'])
      expect((await call(`${path}/rollup?year=2025&format=${f}`)).status).toBe(200);
  });

  it('exports every body’s figures as CSV, one column per cell id', async () => {
    const { path, ids, tag } = await supervisedCounty(['导出一镇', '导出二镇']);
    await putReport(ids['导出一镇']!, 2025, figures(`导出一镇${tag}`, 2025, 4));
    const res = await call(`${path}/export.csv?year=2025`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel and WPS read it as UTF-8
    const [header, ...rows] = new TextDecoder().decode(bytes).trim().split('\r\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 6)).toEqual(['orgId', 'name', 'kind', 'status', 'version', 'updatedAt']);
    expect(cols).toContain('s3.granted[0]');
    expect(cols).toContain('s4.suitAfterReview.total');
    expect(cols).toHaveLength(6 + 10 + 25 * 7 + 15); // table 二, 三 (25 rows × 7), 四
    expect(rows).toHaveLength(2);
    const first = rows[0]!.split(',');
    expect(first[cols.indexOf('s2.licensing')]).toBe('4');
    expect(first[cols.indexOf('s2.fees')]).toBe('0.4');
    expect(rows[1]!.split(',')[3]).toBe('none');
  });

  it('offers the Word document through the report links too', async () => {
    const { path, ids, tag } = await supervisedCounty(['文档镇']);
    await putReport(ids['文档镇']!, 2025, figures(`文档镇${tag}`, 2025, 1));
    const res = await call(`${path}/body/${ids['文档镇']}/report?year=2025&format=docx`);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain('.docx');
  });
});

describe('reminders', () => {
  /** The reminder cron at a time, and then the queue jobs it enqueued. */
  async function fire(iso: string, extra: Partial<Env> = {}) {
    const queue = heldQueue();
    const ctx = createExecutionContext();
    await worker.scheduled!(
      createScheduledController({ scheduledTime: new Date(iso).getTime(), cron: '0 1,7 * * *' }),
      { ...env, ...extra, OUTBOX: queue.binding },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    await queue.run(extra);
  }

  it('remind officials with unfinished drafts once a day, not before the window, not in quiet hours, not when opted out', async () => {
    const { ids, supervisor, path } = await supervisedCounty(['提醒镇', '已交镇', '关闭镇']);
    const slow = new Person(++nextUser, fake);
    await slow.say(`/start ${await invite(ids['提醒镇']!)}`);
    const done = new Person(++nextUser, fake);
    await done.say(`/start ${await invite(ids['已交镇']!)}`);
    await putReport(ids['已交镇']!, 2025, figures('已交镇', 2025, 1));
    const quiet = new Person(++nextUser, fake);
    await quiet.say(`/start ${await invite(ids['关闭镇']!)}`);
    await form(`${path}/body/${ids['关闭镇']}/reminders?year=2026`, { off: '1' });
    expect(await (await call(`${path}/body/${ids['关闭镇']}?year=2026`)).text()).toContain(
      DASHBOARD_COPY.remindersOffText,
    );

    const count = (p: Person) => sentTo(fake, p.userId).filter((t) => t.startsWith('【年报提醒】')).length;
    await fire('2026-01-01T01:00:00Z'); // 30 days before: too early for the default 21
    expect(count(slow)).toBe(0);
    await fire('2026-01-20T14:00:00Z'); // 22:00 in China: quiet hours
    expect(count(slow)).toBe(0);
    await fire('2026-01-20T01:00:00Z'); // 09:00 in China, 11 days left
    expect(count(slow)).toBe(1);
    expect(sentTo(fake, slow.userId).at(-1)).toContain('距 1 月 31 日截止还有 11 天');
    expect(sentTo(fake, slow.userId).at(-1)).toContain('发送 /fill 2025 继续填写');
    await fire('2026-01-20T07:00:00Z'); // the second cron of the same day
    expect(count(slow)).toBe(1);
    expect(count(done)).toBe(0);
    expect(count(quiet)).toBe(0);
    const boss = sentTo(fake, supervisor.userId).filter((t) => t.startsWith('【年报提醒】'));
    expect(boss).toHaveLength(1);
    expect(boss[0]).toContain('3 个单位中还有 2 个未提交');
    await fire('2026-01-21T01:00:00Z', { REMIND_DAYS_BEFORE: '5' } as Partial<Env>);
    expect(count(slow)).toBe(1); // 10 days left, the window is now 5 days
    await fire('2026-01-27T01:00:00Z', { REMIND_DAYS_BEFORE: '5' } as Partial<Env>);
    expect(count(slow)).toBe(2);
  });

  it('/remind lets a supervisor remind the missing ones now, not twice a day', async () => {
    const { ids, supervisor } = await supervisedCounty(['催办镇']);
    const slow = new Person(++nextUser, fake);
    await slow.say(`/start ${await invite(ids['催办镇']!)}`);
    const [m] = await supervisor.say('/remind');
    expect(m!.text).toBe('已提醒 1 个单位的 1 位填报人。');
    // Asked again the same day: nobody is reminded twice, and the supervisor is told so.
    const [again] = await supervisor.say('提醒');
    expect(again!.text).toBe(REMIND_CHAT_COPY.alreadyToday(1));
  });
});

describe('a county of 20,000 bodies', () => {
  it('reads what it shows: the status page reads its page and the kept counts, not the subtree', async () => {
    const { countyId, supervisor, path } = await supervisedCounty([]);
    const parent = await env.DB.prepare('SELECT path FROM orgs WHERE id = ?1')
      .bind(countyId)
      .first<{ path: string }>();
    const started = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO orgs (name, kind, parent_id, path) SELECT '大县第' || i || '镇', 'township', ?1, '' FROM n`,
      ).bind(countyId),
      env.DB.prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE parent_id = ?1").bind(
        countyId,
        parent!.path,
      ),
      env.DB.prepare(
        `INSERT INTO reports (org_id, year, status, answers, progress_done, progress_total)
         SELECT id, 2025, CASE id % 3 WHEN 0 THEN 'submitted' WHEN 1 THEN 'draft' ELSE 'returned' END, '{}', id % 16, 16
         FROM orgs WHERE parent_id = ?1 AND id % 4 <> 0`,
      ).bind(countyId),
      // The reminders the season has sent them, which the outbox keeps (a few failed among them).
      env.DB.prepare(
        `INSERT INTO outbox (platform, chat_id, payload, purpose, org_id, status, created_at)
         SELECT 'telegram', 'c' || id, '[]', 'reminder', id, CASE WHEN id % 5000 = 1 THEN 'failed' ELSE 'sent' END,
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         FROM orgs WHERE parent_id = ?1`,
      ).bind(countyId),
    ]);
    const seeded = Date.now() - started;

    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM orgs o WHERE o.path > ?1 AND o.path < ?1 || '~'`,
    )
      .bind(parent!.path)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX orgs_path/);

    const { db, counter } = countingDb(env.DB);
    const t0 = Date.now();
    const res = await worker.fetch(
      new Request(`${ORIGIN}${path}?year=2025`),
      { ...env, DB: db },
      createExecutionContext(),
    );
    const pageMs = Date.now() - t0;
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<b>20000</b>全部');
    expect(html).toContain('第 1–100 个，共 20000 个');
    // The person behind the link, the failed messages, the kept counts, then one batch for the page.
    expect(counter.trips).toBe(4);
    // It reads what it shows: the 100 rows of the page and a few more, not the 20,000 bodies (nor
    // the 20,000 messages sent to them: the failed ones are listed, and read, alone).
    expect(html).toContain('重新发送');
    expect(counter.rowsRead).toBeLessThan(1000);
    console.log(
      `dashboard page over 20,000 bodies: ${counter.queries} queries, ${counter.rowsRead} rows read`,
    );

    const t1 = Date.now();
    const [status] = await supervisor.say('/status 2025');
    const chatMs = Date.now() - t1;
    expect(status!.text).toContain('共 20000 个单位');
    expect(status!.text).toContain('未开始 5000');
    expect(status!.text.length).toBeLessThan(4000);
    console.log(`20,000 bodies: seeded in ${seeded} ms; dashboard page ${pageMs} ms; /status ${chatMs} ms`);
  });
});
