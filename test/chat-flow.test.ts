// Whole conversations through /hooks/telegram with real D1: invite to submitted report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { county, getReport, invite, putReport, createOrg } from './helpers/admin';
import { installFakeTelegram, Person, sentTo } from './helpers/telegram';
import { call } from './worker';
import { emptyReport, type Report } from '../forms/model';
import { fillTotals } from '../src/engine/compute';
import { FORM_2021 as F } from '../forms/report-2021';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 5000;
const person = () => new Person(++nextUser, fake);

/** The /r/ link in a message. */
function linkIn(text: string): string {
  const m = text.match(/https:\/\/nianbao\.example(\/r\/[A-Za-z0-9_.-]+)/);
  if (!m) throw new Error(`no report link in: ${text}`);
  return m[1]!;
}

describe('the example township, all zeros, by chat', () => {
  it('goes from invite to a submitted report equal to the published one, in at most 30 messages', async () => {
    const countyId = await createOrg(`汤阴县${Date.now()}`, 'county');
    const townId = await createOrg('汤阴县白营镇政府', 'township', countyId);
    const supervisor = person();
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);

    const official = person();
    const s1 = example.s1;
    const joined = await official.say(`/start ${await invite(townId)}`);
    expect(joined[0]!.text).toContain('绑定成功！您是「汤阴县白营镇政府」的填报人');

    let m = await official.last('/fill 2023');
    expect(m.text).toContain('【一、总体情况 · （一）主动公开】');
    for (const part of [s1.proactive, s1.onRequest, s1.management, s1.platforms, s1.oversight]) {
      m = await official.last(part);
      expect(m.text).toContain('已记下');
      m = await official.last('下一项', { press: true });
    }
    // Table 二: the township is not asked about 规章 (made only by provinces and cities).
    expect(m.text).toContain('行政规范性文件：本年制发件数');
    expect(m.buttons.map((b) => b.label)).toContain('本节其余为0');
    m = await official.last('本节其余为0', { press: true });
    expect(m.text).toContain('本年是否收到政府信息公开申请');
    m = await official.last('否', { press: true });
    expect(m.text).toContain('行政复议或行政诉讼');
    m = await official.last('否', { press: true });
    expect(m.text).toContain('【五、存在的主要问题及改进情况】');
    await official.say(example.s5);
    m = await official.last('下一项', { press: true });
    expect(m.text).toContain('【六、其他需要报告的事项】');
    await official.say(example.s6);
    m = await official.last('下一项', { press: true });
    expect(m.text).toContain('【汤阴县白营镇政府 2023 年度报告 · 汇总】');
    expect(m.text).toContain('⚠️ 请核对');

    m = await official.last('/submit', { press: true });
    expect(m.text).toContain('提交前请核对以下提醒');
    expect(m.text).toContain('（二）依申请公开：还没有填写内容（或只写了“无”）');
    m = await official.last('确认提交', { press: true });
    expect(m.text).toContain('「汤阴县白营镇政府」2023 年度报告已提交');
    expect(m.text).toContain('已通知 1 位上级');
    expect(official.sentCount).toBeLessThanOrEqual(30);

    // The supervisor got a link; the compiled report equals the published one.
    const notice = sentTo(fake, supervisor.userId).at(-1)!;
    expect(notice).toContain('【报告已提交】「汤阴县白营镇政府」2023 年度报告已提交');
    const res = await call(`${linkIn(notice)}?format=json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(example);
    const html = await call(linkIn(m.text));
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<h1>汤阴县白营镇政府2023年政府信息公开工作年度报告</h1>');

    const stored = await getReport(townId, 2023);
    expect(stored.status).toBe('submitted');
  });
});

/** A consistent report with applications and cases, as the chat below fills it. */
function busyReport(name: string): Report {
  const r = emptyReport(F, { name, kind: 'township' }, 2025);
  r.s1 = {
    proactive: '本年主动公开信息 42 条。',
    onRequest: '本年收到政府信息公开申请 7 件，均按期答复。',
    management: '落实三级审核。',
    platforms: '通过政府网站和公示栏发布。',
    oversight: '开展培训两次。',
  };
  r.s2.normativeDocs = { issued: 2, repealed: 1, inForce: 6 };
  r.s2.licensing = 15;
  r.s2.penalties = 3;
  r.s2.enforcement = 0;
  r.s2.fees = 1.25;
  r.s3.new = [5, 2, 0, 0, 0, 0, 0];
  r.s3.carriedOver = [1, 0, 0, 0, 0, 0, 0];
  r.s3.granted = [3, 1, 0, 0, 0, 0, 0];
  r.s3.partial = [1, 0, 0, 0, 0, 0, 0];
  r.s3.unavailable1 = [1, 1, 0, 0, 0, 0, 0];
  r.s3.carryForward = [1, 0, 0, 0, 0, 0, 0];
  r.s4.review = { upheld: 1, corrected: 0, other: 0, pending: 1, total: 0 };
  r.s4.suitDirect = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 0 };
  r.s5 = '信息公开形式较单一，更新不够及时。下一步将拓宽公开渠道，加强培训，按时更新各类信息。';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

describe('a township with applications and cases', () => {
  it('asks only what applies, pre-fills carry-over from last year, and compiles the figures given', async () => {
    const { countyId, ids } = await county(['繁忙镇']);
    const townId = ids['繁忙镇']!;
    const expected = busyReport(Object.keys(ids).length ? await getOrgName(townId) : '');
    // Last year's report: one application carried forward, five normative documents in force.
    const lastYear = emptyReport(F, { name: expected.org.name, kind: 'township' }, 2024);
    lastYear.s3.carryForward = [1, 0, 0, 0, 0, 0, 1];
    lastYear.s3.new = [1, 0, 0, 0, 0, 0, 1];
    lastYear.s2.normativeDocs.inForce = 5;
    lastYear.s1 = { proactive: 'a', onRequest: 'b', management: 'c', platforms: 'd', oversight: 'e' };
    expect((await putReport(townId, 2024, lastYear)).status).toBe(200);

    const supervisor = person();
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    const official = person();
    await official.say(`/start ${await invite(townId)}`);
    await official.say('/fill 2025');
    for (const part of Object.values(expected.s1)) {
      await official.say(part);
      await official.press('下一项');
    }
    for (const v of ['2', '1', '6', '15', '3', '0']) await official.say(v);
    let m = await official.last('1.25万元');
    expect(m.text).toContain('本年是否收到政府信息公开申请');
    expect(m.text).toContain('上年报告结转下年度 1 件，所以请选「是」');
    m = await official.last('是', { press: true });
    expect(m.text).toContain('申请人有哪些类型');
    m = await official.last('1,2');
    expect(m.text).toContain('办理结果有哪些');
    m = await official.last('1 2 11');
    expect(m.text).toContain('【三、收到和处理政府信息公开申请情况 · 自然人】');
    expect(m.text).toContain('本年新收的申请有多少件');
    m = await official.last('５件');
    expect(m.text).toContain('上年报告“结转下年度”为 1 件');
    expect(m.buttons[0]).toMatchObject({ label: '1（与上年结转一致）', data: '1' });
    await official.press('1');
    await official.say('3');
    await official.say('一');
    m = await official.last('1');
    expect(m.text).toContain('结转下年度继续办理');
    expect(m.text).toContain('按“新收 + 上年结转 − 办理结果”推算为 1 件');
    m = await official.last('1', { press: true });
    expect(m.text).toContain('· 商业企业】');
    for (const v of ['2', '0', '1', '0', '1']) m = await official.last(v);
    expect(m.text).toContain('推算为 0 件');
    m = await official.last('0', { press: true });
    expect(m.text).toContain('行政复议或行政诉讼');
    await official.press('是');
    m = await official.last('1,2');
    expect(m.text).toContain('· 行政复议】');
    for (const v of ['1', '0', '0', '1', '1', '0', '0']) m = await official.last(v);
    m = await official.last('0');
    expect(m.text).toContain('【五、存在的主要问题及改进情况】');
    await official.say(expected.s5);
    await official.press('下一项');
    m = await official.last('本年度，本机关未收取信息处理费。', { press: true });
    expect(m.text).toContain('已记下');
    m = await official.last('下一项', { press: true });
    expect(m.text).toContain('没有发现问题，可以提交');
    m = await official.last('/submit', { press: true });
    expect(m.text).toContain('年度报告已提交');

    const res = await call(`${linkIn(m.text)}?format=json`);
    expect(await res.json()).toEqual(expected);
    expect(sentTo(fake, supervisor.userId).at(-1)).toContain('【报告已提交】');
  });

  it('reports a rule broken by an answer at once, and takes the correction', async () => {
    const { ids } = await county(['纠错镇']);
    const official = person();
    await official.say(`/start ${await invite(ids['纠错镇']!)}`);
    await official.say('/fill 2025');
    await official.say('/edit 三');
    await official.press('是');
    await official.say('1');
    await official.say('1');
    await official.say('5'); // new
    await official.say('1'); // carried over
    let m = await official.last('5'); // granted
    expect(m.text).toContain('结转下年度继续办理');
    m = await official.last('2');
    expect(m.text).toContain('勾稽关系对不上');
    expect(m.text).toContain(
      '自然人列：新收 5 + 上年结转 1 = 6，但办理结果合计 5（予以公开 5） + 结转下年度 2 = 7，相差 1',
    );
    // An error is never offered as "keep it": the cells it names, "later", or back.
    expect(m.buttons.map((b) => b.label)).toEqual([
      '改「新收·自然人」',
      '改「上年结转·自然人」',
      '先填后面的',
      '上一步',
    ]);
    m = await official.last('1');
    expect(m.text).toContain('行政复议或行政诉讼');
    const stored = await getReport(ids['纠错镇']!, 2025);
    expect(stored.report.s3.carryForward[0]).toBe(1);
    expect(stored.status).toBe('draft');
  });
});

async function getOrgName(id: number): Promise<string> {
  const { env } = await import('cloudflare:test');
  const row = await env.DB.prepare('SELECT name FROM orgs WHERE id = ?1').bind(id).first<{ name: string }>();
  return row!.name;
}
