// What an adversarial run found (issue 11, section 5), each as a test through the Worker with real
// D1: unreadable bodies answered 400 instead of 500, WeCom's character references, the form's save
// bounded by the definition, rate-limited and never a 500 when it loses a race, the largest draft
// the format allows taken and nothing larger, documents without XML-invalid characters, CSV cells
// that never run as formulas, and the compiled report's headers.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, county, putReport } from './helpers/admin';
import { complete, official, personByInvite, save, saveRaw } from './helpers/official';
import { installFakePlatforms, WECOM, wecomEnvelope, type Fake } from './helpers/platforms';
import { unzip } from './helpers/unzip';
import { ORIGIN, send } from './worker';
import { emptyReport, MAX_TEXT, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { wxEncrypt, wxKeyBytes, wxSignature } from '../src/chat/crypto/wxcrypt';
import { fillTotals } from '../src/engine/compute';
import { loadForm, saveEdits, SAVES_PER_MINUTE } from '../src/services/form';
import { signLink } from '../src/services/links';
import { FORM_COPY, WEB_COPY } from '../src/web/copy';

let fake: Fake;
beforeEach(() => {
  fake = installFakePlatforms();
});
afterEach(() => fake.restore());

/** Everything a request may write, in one row: unchanged by a refused request. */
const FINGERPRINT = `SELECT json_array(
  (SELECT count(*) FROM orgs), (SELECT total(length(full_name)) + total(reminders_off) FROM orgs),
  (SELECT count(*) FROM people), (SELECT count(*) FROM reports), (SELECT total(version) FROM reports),
  (SELECT total(length(answers)) FROM reports), (SELECT count(*) FROM revisions),
  (SELECT total(length(changes)) FROM revisions), (SELECT count(*) FROM inbound_events),
  (SELECT count(*) FROM outbox)
) AS f`;
const fingerprint = async () => (await env.DB.prepare(FINGERPRINT).first<{ f: string }>())!.f;

/** A supervisor of a county and their dashboard link. */
async function supervisor(towns: string[]) {
  const c = await county(towns);
  const personId = await personByInvite(c.countyId, 'supervisor');
  const token = await signLink(env.LINK_SECRET, { k: 'd', p: personId }, 3600, new Date());
  return { ...c, dash: `/d/${token}` };
}

const postForm = (path: string, fields: Record<string, string>) =>
  send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });

async function draftOf(orgId: number) {
  return env.DB.prepare('SELECT id, version, status, answers FROM reports WHERE org_id = ?1 AND year = 2025')
    .bind(orgId)
    .first<{ id: number; version: number; status: string; answers: string }>();
}

function figures(name: string, year = 2025): Report {
  const r = emptyReport(F, { name, kind: 'township' }, year);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}${p}`;
  r.s2.licensing = 3;
  r.s5 = '问题';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

describe('bodies that cannot be read', () => {
  const broken = [
    ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="comment"\r\n\r\nabc'],
    ['multipart/form-data; boundary=x', 'not multipart at all'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\nno headers\r\n--x--'],
  ] as const;

  it('are answered 400 with a Chinese page by every route that reads a form, and change nothing', async () => {
    const { path } = await official('读不懂镇');
    const s = await supervisor(['被退镇']);
    const body = `${s.dash}/body/${s.ids['被退镇']}`;
    for (const route of [
      path,
      `${path}/submit`,
      `${body}/return`,
      `${body}/reminders`,
      `${body}/name`,
      `${s.dash}/orgs`,
    ]) {
      for (const [type, payload] of broken) {
        const before = await fingerprint();
        const res = await send(route, {
          method: 'POST',
          headers: { 'Content-Type': type, Origin: ORIGIN },
          body: payload,
        });
        expect(res.status, `${route} ${type}`).toBe(400);
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toContain(WEB_COPY.badPost);
        expect(await fingerprint()).toBe(before);
      }
    }
  });

  it('past the form’s limit are refused with 413 before they are read', async () => {
    const { path, orgId } = await official('太大镇');
    const before = await draftOf(orgId);
    const huge = JSON.stringify({ edits: { s6: [null, 'x'.repeat(2 * 1024 * 1024)] } });
    const res = await saveRaw(path, huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe(WEB_COPY.tooLarge(2048));
    const page = await send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: `s6=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain(WEB_COPY.tooLargeTitle);
    expect(await draftOf(orgId)).toEqual(before);
  });
});

describe('WeCom character references', () => {
  const key = wxKeyBytes(WECOM.aesKey)!;

  it('an out-of-range reference in an unsigned envelope is refused, not a 500', async () => {
    for (const ref of ['&#99999999;', '&#x110000;', '&#0;', '&#xD800;', '&#99999999999999999999;']) {
      const res = await send('/hooks/wecom?msg_signature=abc&timestamp=1&nonce=1', {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: `<xml><ToUserName>x</ToUserName><Encrypt>${ref}</Encrypt></xml>`,
      });
      expect(res.status, ref).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/签名/);
    }
  });

  it('are kept as written in a signed message, and the message is answered', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const inner = `<xml><ToUserName>${WECOM.corpId}</ToUserName><FromUserName>wxref</FromUserName><CreateTime>${ts}</CreateTime><MsgType>text</MsgType><Content>&#99999999;&#x4E2D;&amp;</Content><MsgId>${Date.now()}</MsgId></xml>`;
    const encrypted = await wxEncrypt(key, inner, WECOM.corpId);
    const signature = await wxSignature(WECOM.token, ts, '7', encrypted);
    const res = await send(`/hooks/wecom?msg_signature=${signature}&timestamp=${ts}&nonce=7`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: `<xml><Encrypt>${encrypted}</Encrypt></xml>`,
    });
    expect(res.status).toBe(200);
    // An ordinary message still goes through as before.
    const { path, body } = await wecomEnvelope('wxordinary', '你好');
    expect((await send(path, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body })).status).toBe(
      200,
    );
  });
});

describe('the form’s save, bounded by the definition', () => {
  it('refuses 400,000 choices in the new or the base position; the database does not grow', async () => {
    const { path, orgId } = await official('无界镇');
    const zeros = Array<number>(400_000).fill(0);
    const before = await fingerprint();
    const draft = await draftOf(orgId);
    for (const pair of [
      [null, zeros],
      [zeros, null],
      [zeros, [0, 1]],
    ]) {
      const res = await save(path, { 'flow.s3Columns': pair as [unknown, unknown] });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('flow.s3Columns：选择不正确');
    }
    // A base of the wrong type, and a base that is no figure, are refused too. (A text base longer
    // than today's limit is allowed: a text stored before the limit can still be shortened.)
    expect((await save(path, { s6: [5, '短'] })).status).toBe(400);
    expect((await save(path, { 's2.licensing': [{ x: zeros.slice(0, 1000) }, 3] })).status).toBe(400);
    expect(await draftOf(orgId)).toEqual(draft);
    expect(await fingerprint()).toBe(before);
  });

  it('takes the largest draft the format allows, and nothing larger, by every way in', async () => {
    const { path, orgId } = await official('最大镇');
    // 20,000 UTF-16 units each, with characters outside the basic plane (two units each).
    const longest = (seed: string) => {
      const text = (seed + '𠮷文字，'.repeat(MAX_TEXT)).slice(0, MAX_TEXT);
      // Never half a pair at the end: that half is no character and would not be stored.
      return /[\uD800-\uDBFF]$/.test(text) ? `${text.slice(0, -1)}字` : text;
    };
    const edits: Record<string, [unknown, unknown]> = complete();
    for (const p of F.textPaths) edits[p] = [null, longest(p)];
    const ok = await save(path, edits);
    expect(ok.status).toBe(200);
    const stored = JSON.parse((await draftOf(orgId))!.answers);
    expect(stored.report.s6).toHaveLength(MAX_TEXT);
    expect(stored.report.s1.proactive).toHaveLength(MAX_TEXT);
    // The whole draft stays well under what D1 and the runtime handle with ease.
    expect(JSON.stringify(stored).length).toBeLessThan(8 * MAX_TEXT * 2);
    const before = await fingerprint();
    const larger = await save(path, { s5: [longest('s5'), longest('s5') + '字'] });
    expect(larger.status).toBe(400);
    expect(await fingerprint()).toBe(before);

    // Without a script: section 一's five texts at the limit, and their bases, percent-encoded.
    const fields: Record<string, string> = { section: '1', go: 'next' };
    for (const p of F.textPaths.filter((x) => x.startsWith('s1.'))) {
      fields[p] = longest(`${p}!`);
      fields[`was.${p}`] = longest(p);
    }
    const posted = await postForm(path, fields);
    expect(posted.status).toBe(303);
    expect(JSON.parse((await draftOf(orgId))!.answers).report.s1.oversight).toBe(longest('s1.oversight!'));

    // An import, and the API, take the same report; one character more is refused.
    const report = figures('最大镇');
    for (const p of F.textPaths) {
      const [head, part] = p.split('.') as [string, string | undefined];
      if (part) (report as any)[head][part] = longest(p);
      else (report as any)[head] = longest(p);
    }
    const other = (await county(['导入镇'])).ids['导入镇']!;
    expect((await putReport(other, 2025, report)).status).toBe(200);
    const compiled = await send('/api/compile?format=docx', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(compiled.status).toBe(200);
    report.s6 += '字';
    const refused = await send('/api/compile?format=json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(refused.status).toBe(400);
    expect((await putReport(other, 2025, report)).status).toBe(400);
  });
});

describe('saves per link', () => {
  it('are limited per minute: 429 in Chinese, the draft untouched', async () => {
    const { path, orgId, personId } = await official('频繁镇');
    expect((await save(path, { 's2.licensing': [null, 1] })).status).toBe(200);
    // The link's counter stands at the limit for this minute and the next (the test may cross one).
    const now = Date.now();
    for (const t of [now, now + 60_000]) {
      await env.DB.prepare(
        `INSERT INTO rate_counts (key, window, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (key, window) DO UPDATE SET count = ?3`,
      )
        .bind(`form:${orgId}:2025:${personId}`, new Date(t).toISOString().slice(0, 16), SAVES_PER_MINUTE)
        .run();
    }
    const draft = await draftOf(orgId);
    const res = await save(path, { 's2.licensing': [1, 2] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toEqual({ error: FORM_COPY.tooManySaves, retryAfter: 60 });
    const page = await postForm(path, { section: '2', 's2.licensing': '5', 'was.s2.licensing': '1' });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain(FORM_COPY.tooManySavesPost);
    expect(await draftOf(orgId)).toEqual(draft);
    // Reading the form is not a save.
    expect((await send(path)).status).toBe(200);
  });
});

describe('a save losing its races', () => {
  it('answers busy after its retries, and submitted when the report was submitted meanwhile', async () => {
    const { orgId, personId } = await official('抢写镇');
    const link = { o: orgId, y: 2025, p: personId };
    // Another writer wins every time: the version moves on before each write of the save.
    const racing = (after: (db: D1Database) => Promise<unknown>) =>
      new Proxy(env.DB, {
        get(target, prop) {
          if (prop === 'batch')
            return async (stmts: D1PreparedStatement[]) => {
              await after(target);
              return target.batch(stmts);
            };
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const bump = (db: D1Database) =>
      db
        .prepare('UPDATE reports SET version = version + 1 WHERE org_id = ?1 AND year = 2025')
        .bind(orgId)
        .run();
    const ctx = (await loadForm(env.DB, link))!;
    const busy = await saveEdits(racing(bump), ctx, { 's2.licensing': [null, 4] }, new Date());
    expect(busy).toMatchObject({ ok: false, reason: 'busy' });
    const submitted = await saveEdits(
      racing((db) =>
        db
          .prepare(
            "UPDATE reports SET version = version + 1, status = 'submitted' WHERE org_id = ?1 AND year = 2025",
          )
          .bind(orgId)
          .run(),
      ),
      (await loadForm(env.DB, link))!,
      { 's2.licensing': [null, 4] },
      new Date(),
    );
    expect(submitted).toMatchObject({ ok: false, reason: 'submitted' });
    expect(JSON.parse((await draftOf(orgId))!.answers).report.s2?.licensing).toBeUndefined();
  });

  it('concurrent saves are each stored or answered 409, never a 500 and never lost', async () => {
    const { path, orgId } = await official('并发保存镇');
    // Figures of table 二 that a township fills (规章 are 0 for townships whatever is typed).
    const cells = F.entered.filter((c) => c.section === 's2' && !c.path.includes('rules')).slice(0, 12);
    const answers = await Promise.all(cells.map((c, i) => save(path, { [c.path]: [null, i + 1] })));
    const stored = JSON.parse((await draftOf(orgId))!.answers);
    for (const [i, res] of answers.entries()) {
      expect([200, 409]).toContain(res.status);
      const body = (await res.json()) as { error?: string; retryAfter?: number };
      const value = cells[i]!.loc.reduce((node: any, k) => node?.[k], stored.report);
      if (res.status === 200) expect(value, cells[i]!.path).toBe(i + 1);
      else expect(body).toEqual({ error: FORM_COPY.saveBusy, retryAfter: 5 });
    }
  });

  it('a save racing 确认提交 gets 200 or 409, and what was acknowledged is in the submitted report', async () => {
    const submit = (token: string) =>
      send(`/f/${token}/submit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
        body: 'confirm=1',
      });
    for (let round = 0; round < 4; round++) {
      const { path, orgId, token } = await official(`竞速镇${round}`);
      expect((await save(path, complete())).status).toBe(200);
      const [saved, submitted] = await Promise.all([save(path, { 's2.licensing': [0, 7] }), submit(token)]);
      expect([200, 409]).toContain(saved.status);
      expect([200, 422]).toContain(submitted.status);
      if (saved.status === 409)
        expect(((await saved.json()) as { error: string }).error).toMatch(/提交|修改/);
      // Whoever lost, submitting again now goes through, and the report holds every acknowledged save.
      if ((await draftOf(orgId))!.status !== 'submitted') expect((await submit(token)).status).toBe(200);
      const row = (await draftOf(orgId))!;
      expect(row.status).toBe('submitted');
      const snap = await env.DB.prepare(
        'SELECT snapshot FROM revisions WHERE report_id = ?1 AND version = ?2',
      )
        .bind(row.id, row.version)
        .first<{ snapshot: string }>();
      expect(JSON.parse(snap!.snapshot).s2.licensing).toBe(saved.status === 200 ? 7 : 0);
    }
  });
});

describe('what no document can hold', () => {
  // Controls, noncharacters, and halves of surrogate pairs (a low one alone, then a high one alone).
  const BAD = '\u0000\u0008\u000B\uFFFE\uFFFF\uDFFF\uD800';

  it('is left out of the Word file, the HTML and the text of a report stored with it', async () => {
    const { ids, tag } = await county(['旧数据镇']);
    const orgId = ids['旧数据镇']!;
    expect((await putReport(orgId, 2025, figures(`旧数据镇${tag}`))).status).toBe(200);
    const row = (await draftOf(orgId))!;
    // A snapshot stored before texts were cleaned on the way in (written directly, as old data is).
    const legacy = figures(`旧${BAD}数据镇${tag}`);
    legacy.s5 = `问题${BAD}一\u0001二`;
    legacy.s1.proactive = `主动${BAD}公开`;
    await env.DB.prepare('UPDATE revisions SET snapshot = ?3 WHERE report_id = ?1 AND version = ?2')
      .bind(row.id, row.version, JSON.stringify(legacy))
      .run();
    const token = await signLink(env.LINK_SECRET, { k: 'r', r: row.id, v: row.version }, 3600, new Date());
    const invalid =
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const docx = await send(`/r/${token}?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('attachment');
    const files = await unzip(await docx.arrayBuffer());
    for (const [name, xml] of files) expect(xml, name).not.toMatch(invalid);
    expect(files.get('word/document.xml')).toContain('问题一二');
    for (const format of ['html', 'text']) {
      const res = await send(`/r/${token}?format=${format}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text, format).not.toMatch(invalid);
      expect(text).toContain('主动公开');
    }
  });
});

describe('the CSV export', () => {
  it('prefixes text that a spreadsheet would run as a formula, and leaves figures alone', async () => {
    const s = await supervisor([]);
    const names = ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)', '普通镇'];
    for (const name of names) {
      const res = await send('/api/admin/orgs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...ADMIN },
        body: JSON.stringify({
          name: `${name}${s.tag}`.slice(0, 100),
          kind: 'township',
          parentId: s.countyId,
        }),
      });
      expect(res.status).toBe(201);
    }
    const csv = await (await send(`${s.dash}/export.csv?year=2025`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")${s.tag}"`);
    expect(csv).toContain(`,'+1+1${s.tag},`);
    expect(csv).toContain(`,'-2+3${s.tag},`);
    expect(csv).toContain(`,'@SUM(A1)${s.tag},`);
    expect(csv).toContain(`,普通镇${s.tag},`);
    for (const line of csv.trim().split('\r\n').slice(1)) {
      // No cell of a line starts a formula; the id and the figures are plain numbers.
      expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
      expect(line).toMatch(/^\d+,/);
    }
  });
});

describe('compiled reports in a browser', () => {
  const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

  it('/r/<token> carries the form’s CSP and nosniff', async () => {
    const { ids, tag } = await county(['头镇']);
    expect((await putReport(ids['头镇']!, 2025, figures(`头镇${tag}`))).status).toBe(200);
    const row = (await draftOf(ids['头镇']!))!;
    const token = await signLink(env.LINK_SECRET, { k: 'r', r: row.id, v: row.version }, 3600, new Date());
    for (const format of ['html', 'text', 'json']) {
      const res = await send(`/r/${token}?format=${format}`);
      expect(res.status).toBe(200);
      expect(csp(res)).toContain("script-src 'self'");
      expect(csp(res)).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('/api/compile answers HTML as a download unless format=html is asked for', async () => {
    const body = JSON.stringify(figures('接口镇'));
    const post = (q: string) =>
      send(`/api/compile${q}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const plain = await post('');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('text/html');
    expect(plain.headers.get('content-disposition')).toMatch(
      /^attachment; filename="report\.html"; filename\*=UTF-8''/,
    );
    const asked = await post('?format=html');
    expect(asked.headers.get('content-disposition')).toBeNull();
    for (const res of [plain, asked, await post('?format=text'), await post('?format=json')]) {
      expect(csp(res)).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
