// The roll-up as a county office would attach it: its texts are not summed, so 一、总体情况 says
// which bodies it includes and which have not submitted, and no heading stands over nothing — in
// the HTML page, the plain text and the Word file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { county, invite, putReport } from './helpers/admin';
import { installFakeTelegram, Person } from './helpers/telegram';
import { docxParagraphs, unzip } from './helpers/unzip';
import { env } from 'cloudflare:test';
import { call } from './worker';
import { rollup } from '../src/services/rollup';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { fillTotals } from '../src/engine/compute';
import { ROLLUP_COPY as T } from '../src/services/copy';
import { ROLLUP_LISTED, RollupPage } from '../src/web/dashboard';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 47000;

function submitted(name: string, n: number): Report {
  const r = emptyReport(F, { name, kind: 'township' }, 2025);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}的文字`;
  r.s2.licensing = n;
  r.s3.new[0] = n;
  r.s3.granted[0] = n;
  r.s5 = '问题';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

/** A county with three townships, two of which submitted; the supervisor's roll-up path. */
async function rollupOf() {
  const c = await county(['一镇', '二镇', '三镇']);
  await putReport(c.ids['一镇']!, 2025, submitted(`一镇${c.tag}`, 2));
  await putReport(c.ids['二镇']!, 2025, submitted(`二镇${c.tag}`, 3));
  const supervisor = new Person(++nextUser, fake);
  await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  const [m] = await supervisor.say('/dashboard');
  const path = m!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  const get = (format: string) => call(`${path}/rollup?year=2025&format=${format}`);
  return { ...c, get };
}

const HEADINGS = new Set([
  ...F.sections.map((s) => F.heading(s.id)),
  ...F.texts.map((t) => t.heading).filter(Boolean),
]);

/** Every heading in a sequence of blocks, with what follows it (undefined: nothing). */
function headingsAndNext(blocks: { heading: boolean; text: string }[]) {
  return blocks.flatMap((b, i) => (b.heading ? [[b.text, blocks[i + 1]?.text] as const] : []));
}

function expectEveryHeadingOverContent(blocks: { heading: boolean; text: string }[]) {
  const pairs = headingsAndNext(blocks);
  expect(pairs.length).toBeGreaterThan(0);
  for (const [heading, next] of pairs) {
    expect(next, `${heading} is followed by nothing`).toBeDefined();
    expect(HEADINGS.has(next!), `${heading} is followed by the heading ${next}`).toBe(false);
  }
}

describe('the roll-up', () => {
  it('says under 一 which bodies it includes and which have not submitted', async () => {
    const { get, tag } = await rollupOf();
    const text = await (await get('text')).text();
    const lines = text.split('\n').filter((l) => l.trim());
    const overview = [
      T.included([`一镇${tag}`, `二镇${tag}`], 2, 3),
      T.missing([`三镇${tag}`], 1),
      T.textsNotSummed,
    ];
    const at = lines.indexOf(F.heading('s1'));
    expect(lines.slice(at, at + 4)).toEqual([F.heading('s1'), ...overview]);
    expect(lines[at + 4]).toBe(F.heading('s2'));
    // The bodies' texts are not summed, and sections 五 and 六, empty, are left out.
    for (const heading of [
      ...F.texts.map((t) => t.heading).filter(Boolean),
      F.heading('s5'),
      F.heading('s6'),
    ])
      expect(lines).not.toContain(heading);
    // The figures are still the sum, and report.json carries no sentence in place of a body's text.
    const json = (await (await get('json')).json()) as Report;
    expect(json.s3.new[6]).toBe(5);
    expect(json.s6).toBe('');
  });

  it('has no heading followed by another heading or by nothing, in text, HTML and Word', async () => {
    const { get } = await rollupOf();

    const text = (await (await get('text')).text()).split('\n').filter((l) => l.trim());
    expectEveryHeadingOverContent(text.map((l) => ({ heading: HEADINGS.has(l), text: l })));

    const html = await (await get('html')).text();
    const body = html.slice(html.indexOf('<body'));
    const elements = [...body.matchAll(/<(h[1-3]|p|table)\b[^>]*>([^<]*)/g)].map(([, tag, content]) => ({
      heading: tag === 'h2' || tag === 'h3',
      text: tag === 'table' ? '(table)' : content!,
    }));
    expect(elements.filter((e) => e.heading).map((e) => e.text)).toEqual([
      F.heading('s1'),
      F.heading('s2'),
      F.heading('s3'),
      F.heading('s4'),
    ]);
    expectEveryHeadingOverContent(elements);

    const xml = (await unzip(await (await get('docx')).arrayBuffer())).get('word/document.xml')!;
    const blocks = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map(([block]) => (block.startsWith('<w:tbl>') ? '(table)' : docxParagraphs(block).join('')))
      .filter((t) => t !== '')
      .map((t) => ({ heading: HEADINGS.has(t), text: t }));
    expectEveryHeadingOverContent(blocks);
  });

  it('sums page by page exactly as in one page: decimals, 不适用 and an unreadable row', async () => {
    const c = await county(['甲镇', '乙镇', '丙镇', '丁镇']);
    const a = submitted(`甲镇${c.tag}`, 2);
    a.s2.fees = 0.1;
    const b = submitted(`乙镇${c.tag}`, 5);
    b.s2.fees = 0.2;
    b.s2.licensing = '/';
    await putReport(c.ids['甲镇']!, 2025, a);
    await putReport(c.ids['乙镇']!, 2025, b);
    await putReport(c.ids['丙镇']!, 2025, submitted(`丙镇${c.tag}`, 7));
    await putReport(c.ids['丁镇']!, 2025, submitted(`丁镇${c.tag}`, 11));
    // A compact row that cannot be read is named, not silently left out of the sum.
    await env.DB.prepare(`UPDATE reports SET figures = '[1,2' WHERE org_id = ?1 AND year = 2025`)
      .bind(c.ids['丁镇']!)
      .run();
    const org = (await env.DB.prepare('SELECT name, path FROM orgs WHERE id = ?1')
      .bind(c.countyId)
      .first<{ name: string; path: string }>())!;
    const whole = await rollup(env.DB, org, 2025);
    for (const pageSize of [1, 2, 3]) {
      const paged = await rollup(env.DB, org, 2025, { pageSize });
      expect(paged.report).toEqual(whole.report);
      expect(paged.included).toEqual(whole.included);
      expect(paged.unreadable).toEqual(whole.unreadable);
    }
    expect(whole.report.s3.new[0]).toBe(2 + 5 + 7);
    expect(whole.report.s2.licensing).toBe(2 + 7);
    expect(whole.report.s2.fees).toBe(0.3);
    expect(whole.included.map((x) => x.name)).toEqual([`甲镇${c.tag}`, `乙镇${c.tag}`, `丙镇${c.tag}`]);
    expect(whole.unreadable.map((x) => x.name)).toEqual([`丁镇${c.tag}`]);
  });

  it('names the first bodies under 一 and says how many more, as a province would need', async () => {
    const c = await county(['子镇', '丑镇', '寅镇', '卯镇', '辰镇']);
    for (const [name, n] of [
      ['子镇', 1],
      ['丑镇', 2],
      ['寅镇', 3],
    ] as const)
      await putReport(c.ids[name]!, 2025, submitted(`${name}${c.tag}`, n));
    const org = (await env.DB.prepare('SELECT name, path FROM orgs WHERE id = ?1')
      .bind(c.countyId)
      .first<{ name: string; path: string }>())!;
    const sum = await rollup(env.DB, org, 2025, { named: 2 });
    const overview = sum.layout.leads!.s1!;
    expect(overview[0]).toBe(
      `本汇总为所辖 5 个单位中已提交报告的 3 个单位的数字之和：子镇${c.tag}、丑镇${c.tag}等（其余 1 个单位见看板的单位列表）。`,
    );
    expect(overview[1]).toBe(`尚未提交报告、未计入汇总的 2 个单位：卯镇${c.tag}、辰镇${c.tag}。`);
    // Every submitted body is still summed and listed on the page.
    expect(sum.included).toHaveLength(3);
    expect(sum.report.s3.new[0]).toBe(6);
  });

  it('links the first bodies on its page and sends the rest to the status list', () => {
    const page = (n: number) =>
      String(
        RollupPage({
          base: '/d/t',
          year: 2025,
          included: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `第${i + 1}镇` })),
          all: n + 10,
          errors: [],
          warnings: [],
        }),
      );
    const links = (html: string) => html.match(/href="\/d\/t\/body\/\d+\?year=2025"/g) ?? [];
    const few = page(ROLLUP_LISTED);
    expect(links(few)).toHaveLength(ROLLUP_LISTED);
    expect(few).not.toContain('status=submitted');
    const many = page(ROLLUP_LISTED + 57);
    expect(links(many)).toHaveLength(ROLLUP_LISTED);
    expect(many).toContain(`第${ROLLUP_LISTED}镇`);
    expect(many).not.toContain(`第${ROLLUP_LISTED + 1}镇`);
    expect(many).toContain('href="/d/t?year=2025&amp;status=submitted">另有 57 个已提交的单位');
  });
});
