// The compiled report of the real published example: same labels and values, same order.
import { describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import exampleText from './fixtures/baiying-town-2023.txt?raw';
import { checkReport } from '../src/engine/check';
import { renderHtml } from '../src/report/html';
import { normaliseReport, renderJson } from '../src/report/json';
import { parseReport } from '../src/report/schema';
import { renderText } from '../src/report/text';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';

function load(): Report {
  const parsed = parseReport(structuredClone(example));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.report;
}

/** The example's lines as a person reads them: non-blank, trimmed, a heading's closing colon dropped. */
function exampleTokens(): string[] {
  return exampleText
    .split('\n')
    .map((l) => l.trim().replace(/：$/, ''))
    .filter((l) => l !== '');
}

describe('the published example (汤阴县白营镇政府 2023)', () => {
  it('is a valid report.json and passes the check with no errors', () => {
    const result = checkReport(F, load());
    expect(result.errors).toEqual([]);
    // It does get the warnings a supervisor would raise: （二）（三） answered 无.
    expect(result.warnings.map((w) => w.cells[0])).toEqual(['s1.onRequest', 's1.management']);
  });

  it('compiles to text carrying every label and value of the original, in the same order', () => {
    const text = renderText(F, load());
    let at = 0;
    for (const token of exampleTokens()) {
      const found = text.indexOf(token, at);
      expect(found, `“${token}” after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + token.length;
    }
  });

  it('lays tables out as tab-separated rows that paste back into a table', () => {
    const lines = renderText(F, load()).split('\n');
    expect(lines[0]).toBe('汤阴县白营镇政府2023年政府信息公开工作年度报告');
    expect(lines).toContain('规章\t0\t0\t0');
    expect(lines).toContain('行政事业性收费\t0');
    expect(lines).toContain('一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0');
    expect(lines).toContain('三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0');
    expect(lines).toContain('\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0');
    expect(lines).toContain('\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0');
    expect(lines).toContain(Array(15).fill('0').join('\t'));
    // Every table-三 body row has 3 label slots and 7 figures.
    const s3Rows = lines.filter(
      (l) => /\t\d+\t\d+\t\d+\t\d+\t\d+\t\d+\t\d+$/.test(l) && l.split('\t').length === 10,
    );
    expect(s3Rows).toHaveLength(25);
  });
});

describe('compiled html', () => {
  it('has the official merged header cells of tables 三 and 四', () => {
    const html = renderHtml(F, load());
    expect(html).toContain(
      '<th colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>',
    );
    expect(html).toContain('<th colspan="7">申请人情况</th>');
    expect(html).toContain(
      '<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th>',
    );
    expect(html).toContain('<td class="label" rowspan="22">三、本年度办理结果</td>');
    expect(html).toContain('<td class="label" rowspan="8">（三）不予公开</td>');
    expect(html).toContain('<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>');
    expect(html).toContain('<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th>');
    expect(html).toMatch(/@page \{ size: A4;/);
    // Stylesheets are not HTML-escaped: the font names keep their quotes.
    expect(html).toContain('"FangSong", "仿宋"');
    expect(html.indexOf('一、总体情况')).toBeLessThan(html.indexOf('六、其他需要报告的事项'));
  });

  it('escapes everything the user typed', () => {
    const r = emptyReport(F, { name: '<b>某镇</b>' }, 2025);
    r.s1.proactive = '<script>alert(1)</script> & "quotes"';
    r.s6 = '<img src=x onerror=alert(1)>';
    const html = renderHtml(F, r);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>某镇');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<title>&lt;b&gt;某镇&lt;/b&gt;2025年政府信息公开工作年度报告</title>');
  });
});

describe('不适用 in the compiled report (rule 17)', () => {
  it('prints “/” where a cell is marked, 0 where it is 0, in the text, the page and the json', () => {
    const r = load();
    r.s2.rules = { issued: '/', repealed: '/', inForce: '/' };
    r.s2.fees = '/';
    const text = renderText(F, r);
    expect(text).toMatch(/规章\t\/\t\/\t\//);
    expect(text).toMatch(/行政事业性收费\t\//);
    expect(text).toMatch(/行政许可\t0/);
    const html = renderHtml(F, r);
    expect(html).toMatch(/>规章<\/t[dh]>(\s*<td[^>]*>\/<\/td>){3}/);
    const json = JSON.parse(renderJson(F, r)) as Report;
    expect(json.s2.rules).toEqual({ issued: '/', repealed: '/', inForce: '/' });
    expect(json.s2.fees).toBe('/');
    expect(parseReport(json).ok).toBe(true);
  });
});

describe('compiled json', () => {
  it('normalises key order, line endings and blanks, and keeps figures as given', () => {
    const r = load();
    const shuffled = Object.fromEntries(
      Object.entries({ ...r, s5: '  问题一\r\n问题二  \r\n' }).reverse(),
    ) as unknown as Report;
    shuffled.s3.total[0] = 9; // a wrong total stays, to be flagged rather than hidden
    const out = JSON.parse(renderJson(F, shuffled)) as Report;
    expect(Object.keys(out)).toEqual(['formVersion', 'org', 'year', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(out.s5).toBe('问题一\n问题二');
    expect(out.s3.total[0]).toBe(9);
    expect(normaliseReport(F, out)).toEqual(out);
  });
});
