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
