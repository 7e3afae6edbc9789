/// <reference types="node" />
// The importer over real published reports (test/fixtures/import: each NAME.txt with the figures a
// careful reader takes from it), over nianbao's own outputs (a round trip), and over the layouts
// met in publications: run-together digits, pipe tables, one cell per line, HTML dumps.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCell, getText, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { consistentReport } from '../../test/gen';
import { renderHtml } from '../report/html';
import { renderText } from '../report/text';
import { importReport } from './read';

const DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'import');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.report.json'))
  .map((f) => f.replace('.report.json', ''));

/** The figures of a report.json by cell id (a row given as one null: each of its cells null). */
function figures(report: unknown): Map<string, number | null> {
  return new Map(
    F.cells.map((c) => [c.path, (getCell(report as object, c) as number | null | undefined) ?? null]),
  );
}

describe('published reports', () => {
  it.each(fixtures)('%s: never a wrong or invented figure', (name) => {
    const expected = figures(JSON.parse(readFileSync(path.join(DIR, `${name}.report.json`), 'utf8')));
    const got = importReport(readFileSync(path.join(DIR, `${name}.txt`), 'utf8'));
    const read = figures(got.report);
    const ambiguous = new Set(got.ambiguous.map((a) => a.path));
    for (const [p, want] of expected) {
      const value = read.get(p) ?? null;
      if (want === null) expect(value, `${p} invented`).toBeNull();
      else if (value !== null) expect(value, p).toBe(want);
      else expect(got.missing.includes(p) || ambiguous.has(p), p).toBe(true);
    }
  });

  // huaian-city-2024 (PDF text) is still read only in part: tables 二 and 四 and the first 18 rows
  // of 三; the rows after a figure that PDF text puts before its label are not read yet.
  it.each(['songmutang-town-2022-opening', 'xizhen-town-2022-opening', 'hainan-province-dept-2022-opening'])(
    '%s: every figure in the text read exactly, with the title’s name and year',
    (name) => {
      const want = JSON.parse(readFileSync(path.join(DIR, `${name}.report.json`), 'utf8')) as Report;
      const got = importReport(readFileSync(path.join(DIR, `${name}.txt`), 'utf8'));
      expect(figures(got.report)).toEqual(figures(want));
      expect(got.report.org.name).toBe(want.org.name);
      expect(got.report.year).toBe(want.year);
    },
  );

  it('names the 2019 table 二 it cannot read, and reads the rest', () => {
    const got = importReport(readFileSync(path.join(DIR, 'xizhen-town-2022-opening.txt'), 'utf8'));
    expect(got.notes).toContain('表二是 2019 年旧版格式，未读取');
    expect(got.report.s1.proactive).toContain('主动公开政务文件11份');
  });
});

const same = (got: ReturnType<typeof importReport>, r: Report) => {
  expect(figures(got.report)).toEqual(figures(r));
  for (const p of F.textPaths) expect(getText(got.report as unknown as Report, p), p).toBe(getText(r, p));
  expect(got.report.org.name).toBe(r.org.name);
  expect(got.report.year).toBe(r.year);
  expect(got.ambiguous).toEqual([]);
};
const texts = (r: Report): Report => {
  for (const [i, part] of F.s1.parts.entries())
    (r.s1 as Record<string, string>)[part.id] = `第${i + 1}部分的文字。\n第二段。`;
  r.s5 = '存在的问题。\n改进措施。';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return r;
};

describe('nianbao’s own outputs read back', () => {
  it('as text (the CMS paste): every figure and text', () => {
    fc.assert(
      fc.property(consistentReport, (r) => same(importReport(renderText(F, texts(r))), r)),
      { numRuns: 40 },
    );
  });

  it('as the HTML page', () => {
    fc.assert(
      fc.property(consistentReport, (r) => same(importReport(renderHtml(F, texts(r))), r)),
      { numRuns: 40 },
    );
  });
});

describe('layouts met in publications', () => {
  const wrap = (s2: string, s3: string, s4: string) =>
    `示例镇2023年政府信息公开工作年度报告\n一、总体情况\n文字。\n二、主动公开政府信息情况\n${s2}\n三、收到和处理政府信息公开申请情况\n${s3}\n四、政府信息公开行政复议、行政诉讼情况\n${s4}\n五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。`;

  it('splits digits run together by the format’s sums, and lists a split it cannot decide', () => {
    const got = importReport(
      wrap('规章000\n行政规范性文件77132470', '一、本年新收政府信息公开申请数量801000081', '110024001510102'),
    );
    expect(got.report.s2.rules).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(got.report.s3.new).toEqual([80, 1, 0, 0, 0, 0, 81]);
    // The notes a person reads name the rows as the format prints them, never an internal id.
    expect(got.notes).toContain('「一、本年新收政府信息公开申请数量」的数字连在一起，已按合计拆分');
    expect(got.notes.join()).not.toMatch(/s[234]\./);
    // Fifteen digits for fifteen cells: one each, and each group adds up.
    expect(got.report.s4.review).toEqual({ upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 });
    // 77132470 as three figures has many readings and no sum to choose: not guessed.
    expect(got.report.s2.normativeDocs).toEqual({ issued: null, repealed: null, inForce: null });
    expect(got.ambiguous.map((a) => a.path)).toContain('s2.normativeDocs.issued');
  });

  it('reads pipe tables with merged cells, and table 二’s not-applicable marks as 不适用', () => {
    const got = importReport(
      wrap(
        '| 第二十条第(一)项 | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | / | / | / |\n| 行政规范性文件 | 3 | 1 | 20 |',
        '',
        '',
      ),
    );
    expect(got.report.s2.rules).toEqual({ issued: '/', repealed: '/', inForce: '/' });
    expect(got.report.s2.normativeDocs).toEqual({ issued: 3, repealed: 1, inForce: 20 });
    expect(got.notes.join()).toContain('表二中填写为“/”“—”“不适用”的单元格按“不适用”读取');
    // Marked cells were read: they are not among the cells missing.
    expect(got.missing).not.toContain('s2.rules.issued');
  });

  it('tells a web page’s empty cell (a blank) from a “/” (不适用) in table 二', () => {
    const got = importReport(
      '<p>示例镇2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>' +
        '<tr><td>规章</td><td>/</td><td>/</td><td>/</td></tr>' +
        '<tr><td>行政规范性文件</td><td>2</td><td></td><td>9</td></tr></table>',
    );
    expect(got.report.s2.rules).toEqual({ issued: '/', repealed: '/', inForce: '/' });
    expect(got.report.s2.normativeDocs).toEqual({ issued: 2, repealed: null, inForce: 9 });
    expect(got.missing).toContain('s2.normativeDocs.repealed');
    expect(got.missing).not.toContain('s2.rules.repealed');
  });

  it('reads one cell per line, and an HTML table dump', () => {
    const lines = importReport(wrap('规章\n\n0\n\n0\n\n0\n\n行政许可\n\n12', '', ''));
    expect(lines.report.s2.rules).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(lines.report.s2.licensing).toBe(12);
    const html = importReport(
      `<html><body><p>示例镇2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table><tr><td>行政处罚</td><td>7</td></tr><tr><td>行政强制</td><td>0</td></tr></table></body></html>`,
    );
    expect(html.report.s2.penalties).toBe(7);
    expect(html.report.s2.enforcement).toBe(0);
    expect(html.report.year).toBe(2023);
  });

  it('takes the section titles a preamble lists for a list, and reads the sections from the report’s own 一', () => {
    const got = importReport(
      [
        '某乡人民政府2025年政府信息公开工作年度报告',
        '本报告分为六个部分:一、总体情况,二、主动公开政府信息情况,三、收到和处理政府信息公开申请情况,四、政府信息公开行政复议、行政诉讼情况,五、存在的主要问题及改进措施,六、其他需要报告的事项。',
        '一、总体情况',
        '本年度我乡主动公开政府信息2条。',
      ].join('\n'),
    );
    expect(got.report.s1.proactive).toBe('本年度我乡主动公开政府信息2条。');
    // 五 and 六 are not in this text: nothing is taken for them.
    expect(got.report.s5).toBeNull();
    expect(got.report.s6).toBeNull();
  });

  it('invents nothing from a text that is no report', () => {
    const got = importReport('今天天气很好，我们开了3次会，收到5封信。');
    expect(got.missing).toHaveLength(F.cells.length);
    expect(got.report.year).toBeNull();
  });
});

describe('Word files', () => {
  it('reads nianbao’s own Word file back: every figure and text', async () => {
    const { renderDocx } = await import('../report/docx');
    const { docxText } = await import('./docx');
    for (const r of fc.sample(consistentReport, { numRuns: 8, seed: 7 })) {
      const text = await docxText(await renderDocx(F, texts(r)));
      expect(text).not.toBeNull();
      same(importReport(text!), r);
    }
  });

  it('refuses what is not a Word file', async () => {
    const { docxText } = await import('./docx');
    expect(await docxText(new TextEncoder().encode('not a zip').buffer as ArrayBuffer)).toBeNull();
    expect(await docxText(new ArrayBuffer(0))).toBeNull();
  });
});

describe('any input', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '规章',
      '行政许可',
      '（一）予以公开',
      '1.属于国家秘密',
      '3.其他',
      '（七）总计',
      '|',
      '\t',
      '\n',
      '  ',
      '/',
      '不适用',
      '<td>',
      '</td>',
      '&#99999999;',
      '2023年政府信息公开工作年度报告',
    ),
    fc.stringMatching(/^\d{1,12}(\.\d{1,3})?$/),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  const text = fc.array(piece, { maxLength: 200 }).map((p) => p.join(''));

  it('never throws, and answers a report of the format’s shape with every figure read or null', () => {
    fc.assert(
      fc.property(text, (t) => {
        const got = importReport(t);
        for (const [path, value] of figures(got.report))
          expect(value === null || (Number.isFinite(value) && value >= 0), path).toBe(true);
        expect(got.missing.every((p) => F.cellByPath.has(p))).toBe(true);
        for (const a of got.ambiguous) expect(a.candidates.length).toBeGreaterThan(1);
      }),
      { numRuns: 300 },
    );
  });

  it('reads no Word file out of arbitrary bytes, and never throws', async () => {
    const { docxText } = await import('./docx');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const zipLike = new Uint8Array([...bytes, 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0xff)]);
        expect(await docxText(bytes.slice().buffer as ArrayBuffer)).toBeNull();
        await docxText(zipLike.buffer as ArrayBuffer);
      }),
      { numRuns: 200 },
    );
  });
});
