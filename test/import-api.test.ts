// POST /api/import: a published report's text (or web page) in, report.json with what was not read,
// what could be read several ways, what was assumed, and the rules checked on what was read.
import { describe, expect, it } from 'vitest';
import huaian from './fixtures/import/huaian-city-2024.txt?raw';
import expected from './fixtures/import/huaian-city-2024.report.json';
import { send } from './worker';
import { DOCX_MIME } from '../src/import/docx';

const post = (body: string, type: string, query = '') =>
  send(`/api/import${query}`, { method: 'POST', headers: { 'Content-Type': type }, body });

describe('POST /api/import', () => {
  it('reads a city report as PDF text, with the findings of the rules on it', async () => {
    const res = await post(huaian, 'text/plain; charset=utf-8');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.report.org.name).toBe('淮安市人民政府');
    expect(body.report.year).toBe(2024);
    expect(body.report.s3).toEqual(expected.s3);
    expect(body.report.s4).toEqual(expected.s4);
    expect(body.ambiguous).toEqual([]);
    expect(Array.isArray(body.findings.errors)).toBe(true);
    expect(Array.isArray(body.findings.warnings)).toBe(true);
  });

  it('reads a web page, and takes the year asked for', async () => {
    const page =
      '<html><body><p>示例镇2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>' +
      '<table><tr><td>行政处罚</td><td>7</td></tr><tr><td>行政强制</td><td></td></tr></table></body></html>';
    const res = await post(page, 'text/html', '?year=2023');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.report.s2.penalties).toBe(7);
    // An empty cell is a blank, not a 0.
    expect(body.report.s2.enforcement).toBeNull();
    expect(body.missing).toContain('s2.enforcement');
  });

  it('reads a Word file, such as the one nianbao compiles', async () => {
    const example = (await import('./fixtures/baiying-2023.report.json')).default;
    const word = await send('/api/compile?format=docx', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example),
    });
    const res = await send('/api/import', {
      method: 'POST',
      headers: { 'Content-Type': DOCX_MIME },
      body: await word.arrayBuffer(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.report.s3).toEqual(example.s3);
    expect(body.report.s2).toEqual(example.s2);
    expect(body.missing).toEqual([]);
    const broken = await send('/api/import', {
      method: 'POST',
      headers: { 'Content-Type': DOCX_MIME },
      body: 'PK not really',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/Word 文件/);
  });

  it('answers what it cannot take in Chinese, and never a 500', async () => {
    const notReport = await post('今天开了三次会，收到五封信。', 'text/plain');
    expect(notReport.status).toBe(400);
    expect(((await notReport.json()) as { error: string }).error).toMatch(/没有从这段文字中读出/);
    const pdf = await post('%PDF-1.7', 'application/pdf');
    expect(pdf.status).toBe(415);
    // A PDF's text is taken where pdf.js runs (the browser, the command line), and the answer says so.
    expect(((await pdf.json()) as { error: string }).error).toMatch(/PDF 不在服务端读取.*npm run import/);
    const image = await post('GIF89a', 'image/gif');
    expect(image.status).toBe(415);
    expect(((await image.json()) as { error: string }).error).toMatch(/纯文本/);
    const year = await post(huaian, 'text/plain', '?year=二〇二四');
    expect(year.status).toBe(400);
    const big = await post('字'.repeat(800_000), 'text/plain');
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/过大/);
  });
});
