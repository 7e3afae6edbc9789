// A PDF's text layer as lines: baselines, cell gaps, wrapped paragraphs, radicals as ideographs.
import { describe, expect, it } from 'vitest';
import { pdfPageText, pdfText, type PdfTextItem } from './pdf';
import { importReport } from './read';
import { plainIdeographs } from './text';

/** An item of `str` at (x, y), 10 points high, 10 points per character wide. */
const at = (str: string, x: number, y: number, size = 10): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * size,
  height: size,
});

describe('pdfPageText', () => {
  it('reads baselines top to bottom and items left to right, whatever their order in the file', () => {
    const text = pdfPageText([at('第二行', 50, 680), at('第一', 50, 700), at('行', 70, 700.5)]);
    expect(text).toBe('第一行\n第二行');
  });

  it('separates the cells of a table row by tabs, and joins the pieces of one cell', () => {
    const row = [at('行政', 50, 600), at('许可', 70, 600), at('3', 300, 600), at('12', 400, 600.2)];
    expect(pdfPageText(row)).toBe('行政许可\t3\t12');
  });

  it('puts a space between Latin words and digits split by a narrow gap, none between CJK pieces', () => {
    expect(pdfPageText([at('PDF', 50, 500), at('2023', 85, 500)])).toBe('PDF 2023');
    expect(pdfPageText([at('政府', 50, 500), at('信息', 72, 500)])).toBe('政府信息');
  });

  it('joins a paragraph wrapped at the right margin, and keeps a new paragraph (indented) apart', () => {
    const text = pdfPageText([
      at('一、总体情况', 50, 760),
      at('本年度我镇认真落实政府信息公开条例的要求，加强', 70, 740),
      at('领导，健全制度，做到应公开尽公开，按时发布。', 50, 720),
      at('二是加强培训。', 70, 700),
      at('三是加强监督，把政务公开工作纳入年度考核范围。', 70, 680),
    ]);
    expect(text).toBe(
      '一、总体情况\n本年度我镇认真落实政府信息公开条例的要求，加强领导，健全制度，做到应公开尽公开，按时发布。\n二是加强培训。\n三是加强监督，把政务公开工作纳入年度考核范围。',
    );
  });

  it('never joins table rows, and skips blank items and broken ones', () => {
    const text = pdfPageText([
      at('规章', 50, 600),
      at('0', 300, 600),
      at('   ', 200, 580),
      { str: '？', transform: [10, 0, 0, 10, Number.NaN, 580], width: 10, height: 10 },
      at('行政规范性文件', 50, 580),
      at('2', 300, 580),
    ]);
    expect(text).toBe('规章\t0\n行政规范性文件\t2');
  });

  it('puts a form feed between pages', () => {
    expect(pdfText([[at('甲', 50, 700)], [at('乙', 50, 700)]])).toBe('甲\n\f\n乙');
  });
});

describe('radicals in a PDF text layer', () => {
  it('reads Kangxi radicals and whole-character CJK radicals as the ideographs', () => {
    expect(plainIdeographs('⼀、总体情况 ⼈⺠政府 ⻓⻔⻋⻢')).toBe('一、总体情况 人民政府 长门车马');
    // Component forms are not characters of running text: left alone.
    expect(plainIdeographs('⺅⺡⺾')).toBe('⺅⺡⺾');
  });

  it('finds the sections and the title of a report whose text layer uses radicals', () => {
    const got = importReport(
      '某县某镇⼈⺠政府2023年政府信息公开⼯作年度报告\n⼀、总体情况\n本年度⼯作有序。\n五、存在的主要问题及改进情况\n⽆\n',
    );
    expect(got.report.org.name).toBe('某县某镇人民政府');
    expect(got.report.year).toBe(2023);
    expect(got.report.s1.proactive).toBe('本年度工作有序。');
  });
});
