// The web form through the Worker with real D1: links, saving with and without scripts, merging with
// the bot's edits, submitting, and the protections around it.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { county, getReport, invite } from './helpers/admin';
import { installFakeTelegram, Person, sentTo } from './helpers/telegram';
import { call, ORIGIN } from './worker';
import { signLink } from '../src/services/links';
import { FORM_COPY, WEB_COPY } from '../src/web/copy';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 12000;

/** An official bound by chat, with the form link the bot gives for /link. */
async function officialWithLink(name = '网页镇') {
  const { countyId, ids } = await county([name]);
  const orgId = ids[name]!;
  const official = new Person(++nextUser, fake);
  await official.say(`/start ${await invite(orgId)}`);
  await official.say('/fill 2025');
  const [m] = await official.say('/link');
  const path = m!.text.match(/https:\/\/nianbao\.example(\/f\/[A-Za-z0-9_.-]+)/)![1]!;
  return { official, orgId, countyId, path };
}

const save = (path: string, edits: Record<string, [unknown, unknown]>) =>
  call(`${path}/save`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({ edits }),
  });

const postForm = (path: string, fields: Record<string, string | string[]>, origin = ORIGIN) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body,
    redirect: 'manual',
  });
};

describe('form links', () => {
  it('open the draft the bot fills, one section per screen', async () => {
    const { official, path } = await officialWithLink();
    await official.say('主动公开 8 条');
    const res = await call(`${path}?s=1`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>一、总体情况</h1>');
    expect(html).toMatch(/<textarea name="s1.proactive"[^>]*>主动公开 8 条<\/textarea>/);
    expect(html).toContain('已完成 0/6 部分');
  });

  it('answer a tampered, expired or foreign token with a Chinese page, not the form', async () => {
    const { path, orgId } = await officialWithLink();
    const [payload, sig] = path.slice(3).split('.');
    const tampered = await call(`/f/${payload}x.${sig}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain(WEB_COPY.linkInvalid);
    const expired = await signLink(env.LINK_SECRET, { k: 'f', o: orgId, y: 2025, p: 1 }, -1, new Date());
    expect((await call(`/f/${expired}`)).status).toBe(410);
    // A genuine token naming a person who does not belong to that body.
    const foreign = await signLink(
      env.LINK_SECRET,
      { k: 'f', o: orgId + 1000, y: 2025, p: 1 },
      60,
      new Date(),
    );
    const res = await call(`/f/${foreign}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(FORM_COPY.staleLink);
    const reportToken = await signLink(env.LINK_SECRET, { k: 'r', r: 1, v: 1 }, 60, new Date());
    expect((await call(`/f/${reportToken}`)).status).toBe(403);
  });

  it('carry security headers, and refuse cross-site posts', async () => {
    const { path } = await officialWithLink();
    const res = await call(path);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const forged = await postForm(
      path,
      { base: '1', section: '2', go: 'next', 's2.licensing': '9' },
      'https://evil.example',
    );
    expect(forged.status).toBe(403);
  });

  it('load under 60 KB compressed, page and script together', async () => {
    const { path } = await officialWithLink();
    const gz = async (body: string) => {
      const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
      return (await new Response(stream).arrayBuffer()).byteLength;
    };
    let largest = 0;
    for (const s of ['1', '2', '3', '4', '5', '6', 'review']) {
      largest = Math.max(largest, await gz(await (await call(`${path}?s=${s}`)).text()));
    }
    const script = await (await call('/static/form.js')).text();
    const total = largest + (await gz(script));
    console.log(`form first load: largest page ${largest} B + script ${total - largest} B = ${total} B gzip`);
    expect(total).toBeLessThan(60 * 1024);
  });
});

describe('saving', () => {
  it('autosaves edits and answers with every value', async () => {
    const { path, orgId } = await officialWithLink();
    const res = await save(path, { 's2.licensing': [null, 12], 's1.oversight': [null, '纳入考核'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      version: number;
      values: Record<string, unknown>;
      conflicts: unknown[];
    };
    expect(body.values['s2.licensing']).toBe(12);
    expect(body.conflicts).toEqual([]);
    const stored = await getReport(orgId, 2025);
    expect(stored.report.s2.licensing).toBe(12);
    expect(stored.report.s1.oversight).toBe('纳入考核');
    expect(stored.version).toBe(body.version);
  });

  it('refuses what is not a figure, with a reason, storing nothing', async () => {
    const { path, orgId } = await officialWithLink();
    const before = (await getReport(orgId, 2025)).version;
    for (const edits of [
      { 's2.licensing': [null, -1] },
      { 's2.licensing': [null, 1.5] },
      { 's3.total[0]': [null, 1] },
      { nope: [null, 1] },
      'x',
    ]) {
      const res = await call(`${path}/save`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ edits }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await getReport(orgId, 2025)).version).toBe(before);
  });

  it('works without scripts: a plain form post saves and moves on', async () => {
    const { path, orgId } = await officialWithLink();
    const res = await postForm(path, {
      base: '1',
      section: '2',
      go: 'next',
      's2.normativeDocs.issued': '２',
      'was.s2.normativeDocs.issued': '',
      's2.licensing': '十二',
      'was.s2.licensing': '',
      's2.fees': '',
      'was.s2.fees': '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\?s=3$/);
    const stored = await getReport(orgId, 2025);
    expect(stored.report.s2.normativeDocs.issued).toBe(2);
    expect(stored.report.s2.licensing).toBe(12);
  });

  it('without scripts, saves a change to a text of several lines (browsers send CRLF)', async () => {
    const { path, orgId } = await officialWithLink();
    await save(path, { s5: [null, '第一行\n第二行'] });
    const res = await postForm(path, {
      section: '5',
      go: 'next',
      s5: '第一行\r\n第二行\r\n第三行',
      'was.s5': '第一行\r\n第二行',
    });
    expect(res.status).toBe(303);
    expect((await getReport(orgId, 2025)).report.s5).toBe('第一行\n第二行\n第三行');
  });

  it('without scripts, keeps what could not be read and says why', async () => {
    const { path, orgId } = await officialWithLink();
    const res = await postForm(path, {
      section: '2',
      go: 'next',
      's2.licensing': '很多',
      'was.s2.licensing': '',
      's2.penalties': '3',
      'was.s2.penalties': '',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('行政许可·本年处理决定数量：“很多”不是件数');
    expect(html).toMatch(/name="s2.licensing"[^>]*value="很多"/);
    expect((await getReport(orgId, 2025)).report.s2.penalties).toBe(3);
  });
});

describe('不适用 in the form (rule 17)', () => {
  it('keeps “/” or 不适用 in table 二 as 不适用, shows it, and takes a figure over it later', async () => {
    const { path, orgId } = await officialWithLink();
    let res = await postForm(path, {
      section: '2',
      go: 'stay',
      's2.licensing': '不适用',
      'was.s2.licensing': '',
      's2.fees': '/',
      'was.s2.fees': '',
      's2.penalties': '0',
      'was.s2.penalties': '',
    });
    expect(res.status).toBe(303);
    let stored = await getReport(orgId, 2025);
    expect(stored.report.s2.licensing).toBe('/');
    expect(stored.report.s2.fees).toBe('/');
    expect(stored.report.s2.penalties).toBe(0);
    const page = await (await call(`${path}?s=2`)).text();
    expect(page).toMatch(/name="s2.licensing"[^>]*value="\/"/);
    expect(page).toContain('填“/”或“-”，即“不适用”');
    // The value it was based on is “/”: a figure typed over it is a change, not a conflict.
    res = await postForm(path, { section: '2', go: 'stay', 's2.licensing': '4', 'was.s2.licensing': '/' });
    expect(res.status).toBe(303);
    stored = await getReport(orgId, 2025);
    expect(stored.report.s2.licensing).toBe(4);
  });

  it('refuses 不适用 in table 三 with a reason, storing nothing', async () => {
    const { path, orgId } = await officialWithLink();
    const before = (await getReport(orgId, 2025)).version;
    const res = await save(path, { 's3.new[0]': [null, '/'] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('新收·自然人：这一格不能填“/”（不适用）');
    const posted = await postForm(path, { section: '3', go: 'stay', 's3.new[0]': '/', 'was.s3.new[0]': '' });
    expect(posted.status).toBe(422);
    expect(await posted.text()).toContain('这一格不能填“/”（不适用）；没有填 0。');
    expect((await getReport(orgId, 2025)).version).toBe(before);
  });
});

describe('the bot and the form on one draft', () => {
  it('edit at the same time without losing either edit', async () => {
    const { official, path, orgId } = await officialWithLink();
    await official.say('/edit 二');
    // The form was opened at this version; the bot and the form save at once.
    const [chat, web] = await Promise.all([
      official.say('7'),
      save(path, { 's2.licensing': [null, 15], 's2.fees': [null, 2.5] }),
    ]);
    expect(chat.at(-1)!.text).toContain('本年废止件数');
    expect(web.status).toBe(200);
    const stored = (await getReport(orgId, 2025)).report;
    expect(stored.s2.normativeDocs.issued).toBe(7);
    expect(stored.s2.licensing).toBe(15);
    expect(stored.s2.fees).toBe(2.5);
  });

  it('a change to the same cell from both sides is a conflict for the person, not an overwrite', async () => {
    const { official, path, orgId } = await officialWithLink();
    await official.say('/edit 二');
    await official.say('7');
    // The form still shows the old (empty) value and types 9.
    const res = await save(path, { 's2.normativeDocs.issued': [null, 9], 's2.licensing': [null, 4] });
    const body = (await res.json()) as { conflicts: unknown[]; values: Record<string, unknown> };
    expect(body.conflicts).toEqual([{ path: 's2.normativeDocs.issued', mine: 9, theirs: 7 }]);
    expect(body.values['s2.licensing']).toBe(4);
    expect((await getReport(orgId, 2025)).report.s2.normativeDocs.issued).toBe(7);
    // Choosing "mine" sends the edit based on what is there now.
    await save(path, { 's2.normativeDocs.issued': [7, 9] });
    expect((await getReport(orgId, 2025)).report.s2.normativeDocs.issued).toBe(9);
  });

  it('saying "no applications" in the form does not wipe a figure the bot stored meanwhile', async () => {
    const { official, path, orgId } = await officialWithLink();
    await official.say('/edit 三');
    await official.press('是');
    await official.say('1');
    await official.say('1');
    await official.say('4'); // 自然人 new = 4, from chat
    const res = await save(path, { 'flow.s3Any': [null, false] });
    const body = (await res.json()) as { conflicts: { path: string }[] };
    expect(body.conflicts.map((c) => c.path)).toEqual(['flow.s3Any']);
    expect((await getReport(orgId, 2025)).report.s3.new[0]).toBe(4);
    // Seen and zeroed by the same save, the answer goes through.
    const ok = await save(path, { 'flow.s3Any': [true, false], 's3.new[0]': [4, 0] });
    expect(((await ok.json()) as { conflicts: unknown[] }).conflicts).toEqual([]);
    const report = (await getReport(orgId, 2025)).report;
    expect(report.s3.new).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('figures typed in the form make the bot ask about them', async () => {
    const { official, path } = await officialWithLink();
    await save(path, {
      'flow.s3Any': [null, true],
      'flow.s3Columns': [null, [0, 1]],
      's3.new[1]': [null, 2],
    });
    const m = await official.last('/edit 三');
    expect(m.text).toContain('本年是否收到政府信息公开申请');
    const after = await official.say('是', { press: true });
    expect(after.at(-1)!.text).toContain('申请人有哪些类型');
  });
});

describe('submitting from the form', () => {
  it('refuses while figures are missing, and submits with the same notification as chat', async () => {
    const { path, orgId, countyId } = await officialWithLink();
    const supervisor = new Person(++nextUser, fake);
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    const refused = await postForm(`${path}/submit`, { confirm: '1' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(FORM_COPY.refused);

    const edits: Record<string, [unknown, unknown]> = {
      'flow.s3Any': [null, false],
      'flow.s4Any': [null, false],
      s5: [null, '问题与改进。'],
      s6: [null, '本年度，本机关未收取信息处理费。'],
    };
    for (const p of ['proactive', 'onRequest', 'platforms', 'oversight'])
      edits[`s1.${p}`] = [null, `${p} 的情况。`];
    edits['s1.management'] = [null, '无']; // a warning: confirmed before submitting
    for (const p of [
      'normativeDocs.issued',
      'normativeDocs.repealed',
      'normativeDocs.inForce',
      'licensing',
      'penalties',
      'enforcement',
      'fees',
    ])
      edits[`s2.${p}`] = [null, 0];
    expect((await save(path, edits)).status).toBe(200);
    const review = await (await call(`${path}?s=review`)).text();
    expect(review).toContain('请核对（确认后可以提交）');
    const unconfirmed = await postForm(`${path}/submit`, {});
    expect(await unconfirmed.text()).toContain(FORM_COPY.mustConfirm);
    const done = await postForm(`${path}/submit`, { confirm: '1' });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('报告已提交');
    expect(page).toContain('已通知 1 位上级');
    expect((await getReport(orgId, 2025)).status).toBe('submitted');
    expect(sentTo(fake, supervisor.userId).at(-1)).toContain('【报告已提交】');
    // Saving into a submitted report is refused.
    expect((await save(path, { s5: ['问题与改进。', '改'] })).status).toBe(409);
  });
});

describe('invite links', () => {
  it('show the invite, start the form in the browser, and work once', async () => {
    const { ids } = await county(['邀请镇']);
    const code = await invite(ids['邀请镇']!);
    const page = await call(`/i/${code}`);
    expect(await page.text()).toContain(`/start ${code}`);
    const started = await postForm(`/i/${code}`, {});
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toMatch(/^https:\/\/nianbao\.example\/f\//);
    expect((await call(`/i/${code}`)).status).toBe(410);
    expect((await call('/i/NOSUCH99')).status).toBe(404);
  });
});
