// The compiled report as .docx: a real Word file whose XML carries every label and value of the
// published example in order, with the merged header cells and the fonts offices publish with.
import { describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import exampleText from './fixtures/baiying-town-2023.txt?raw';
import { docxParagraphs, unzip } from './helpers/unzip';
import { postJson } from './worker';
import { renderDocx } from '../src/report/docx';
import type { Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the report as a Word document', () => {
  it('carries every label and value of the published example, in order', async () => {
    const files = await unzip(await renderDocx(F, example as Report));
    const xml = files.get('word/document.xml')!;
    const text = docxParagraphs(xml).map(decodeEntities).join('\n');
    let at = 0;
    for (const token of exampleText
      .split('\n')
      .map((l) => l.trim().replace(/：$/, ''))
      .filter(Boolean)) {
      const found = text.indexOf(token, at);
      expect(found, `“${token}”`).toBeGreaterThanOrEqual(0);
      at = found + token.length;
    }
  });

  it('has A4 pages with 公文 margins, the official fonts and merged table headers', async () => {
    const xml = (await unzip(await renderDocx(F, example as Report))).get('word/document.xml')!;
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 37 mm top, 26 mm right, 35 mm bottom, 28 mm left (GB/T 9704).
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    // Three tables (二, 三, 四); table 三's note cell spans 3 columns and 3 rows, 申请人情况 7 columns.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(3);
    expect(xml).toMatch(/<w:gridSpan w:val="7"\/>[\s\S]*?申请人情况/);
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>[\s\S]*?三、本年度办理结果/);
    expect(xml).toMatch(/<w:gridSpan w:val="10"\/>[\s\S]*?行政诉讼/);
  });

  it('keeps headings and header rows with what follows and repeats the header rows on every page', async () => {
    const xml = (await unzip(await renderDocx(F, example as Report))).get('word/document.xml')!;
    const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);
    const paragraphs = (text: string) => all(/<w:p[ >][\s\S]*?<\/w:p>/g, text);
    const keeps = (text: string) => paragraphs(text).every((p) => p.includes('<w:keepNext/>'));
    const tables = all(/<w:tbl>[\s\S]*?<\/w:tbl>/g, xml).map((t) => all(/<w:tr>[\s\S]*?<\/w:tr>/g, t));
    const [s2, s3, s4] = tables as [string[], string[], string[]];
    const rowText = (row: string) => docxParagraphs(row).join('|');

    // No row is split across pages.
    for (const row of tables.flat()) expect(row).toContain('<w:cantSplit/>');
    // Tables 三 and 四: their three header rows repeat on every page and keep with the first row.
    for (const t of [s3, s4]) {
      expect(t.map((row) => row.includes('<w:tblHeader/>'))).toEqual(t.map((_, r) => r < 3));
      expect(t.slice(0, 3).every(keeps)).toBe(true);
      expect(keeps(t[3]!)).toBe(false);
    }
    expect(rowText(s3[0]!)).toContain('申请人情况');
    // Continuation cells of a vertical merge (the note under 申请人情况) keep too.
    expect(s3[1]).toMatch(/<w:vMerge w:val="continue"\/>/);
    // Table 二 is four small tables: no header repeats; each keeps its heading and columns with
    // its rows, and breaks only between small tables.
    expect(s2.some((row) => row.includes('<w:tblHeader/>'))).toBe(false);
    const headingRows = s2.flatMap((row, r) => (rowText(row).startsWith('第二十条') ? [r] : []));
    expect(headingRows).toHaveLength(4);
    for (const r of headingRows) {
      expect(keeps(s2[r]!), rowText(s2[r]!)).toBe(true);
      expect(rowText(s2[r + 1]!)).toMatch(/^信息内容/);
      expect(keeps(s2[r + 1]!)).toBe(true);
      if (r > 0) expect(keeps(s2[r - 1]!), rowText(s2[r - 1]!)).toBe(false);
    }
    expect(keeps(s2.at(-1)!)).toBe(false);

    // The title and every heading outside the tables keep with the next paragraph.
    const body = paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
    const headings = [
      F.title(example.org.name, example.year),
      ...F.sections.map((sec) => F.heading(sec.id)),
      ...F.texts.map((t) => t.heading).filter(Boolean),
    ];
    for (const heading of headings) {
      const p = body.find((p) => docxParagraphs(p).join('') === heading);
      expect(p, heading).toBeDefined();
      expect(p, heading).toContain('<w:keepNext/>');
    }
  });

  it('escapes what XML reserves and drops what it cannot hold, so Word opens any text', async () => {
    const report = structuredClone(example) as Report;
    report.s1.proactive = 'A<b>&"C"\u0007 D';
    const xml = (await unzip(await renderDocx(F, report))).get('word/document.xml')!;
    expect(xml).toContain('A&lt;b&gt;&amp;&quot;C&quot; D');
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain('\u0007');
    expect(docxParagraphs(xml).map(decodeEntities)).toContain('A<b>&"C" D');
  });

  it('is offered by /api/compile?format=docx as a download named after the report', async () => {
    const res = await postJson('/api/compile?format=docx', example);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent('汤阴县白营镇政府2023年政府信息公开工作年度报告.docx'),
    );
    const files = await unzip(await res.arrayBuffer());
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  });
});
