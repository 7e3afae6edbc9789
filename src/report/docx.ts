// The compiled report as a Word document an office can open, tweak and publish: the official layout
// from the shared layout model, A4 with 公文 margins, 小标宋 title, 黑体/楷体 headings, 仿宋 body,
// tables 二, 三, 四 with their merged header cells. Built inside the Worker with `docx`.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Form } from '../../forms';
import type { Report } from '../../forms/model';
import { layoutReport, reportTitle, type Block, type LayoutTable } from './layout';

const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体_GB2312',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
};

/** Sizes in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt, 小五 9pt. */
const SIZE = { title: 44, body: 32, table: 21, smallTable: 18 };
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const font = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin });
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt, as 公文 body text
const PAGE_WIDTH = mm(210) - mm(28) - mm(26);

function run(text: string, eastAsia: string, size: number, bold = false) {
  return new TextRun({ text, font: font(eastAsia), size, bold });
}

function table(t: LayoutTable, id: string): Table {
  const size = id === 's2' ? SIZE.table : SIZE.smallTable;
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / sum) * PAGE_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: PAGE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: t.rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: row.map(
            (cell) =>
              new TableCell({
                columnSpan: cell.colSpan,
                rowSpan: cell.rowSpan,
                verticalAlign: VerticalAlign.CENTER,
                margins: { top: 30, bottom: 30, left: 50, right: 50 },
                children: [
                  new Paragraph({
                    alignment: cell.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
                    children: [
                      run(cell.text, cell.role === 'header' ? FONTS.heading : FONTS.body, size, false),
                    ],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

function blockChildren(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 560, line: 700, lineRule: LineRuleType.EXACT },
          children: [run(block.text, FONTS.title, SIZE.title)],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          spacing: LINE,
          indent: { firstLine: 640 },
          keepNext: true,
          children: [run(block.text, block.level === 1 ? FONTS.heading : FONTS.subheading, SIZE.body)],
        }),
      ];
    case 'paragraphs':
      return block.lines.map(
        (line) =>
          new Paragraph({
            spacing: LINE,
            indent: { firstLine: 640 },
            alignment: AlignmentType.JUSTIFIED,
            children: [run(line, FONTS.body, SIZE.body)],
          }),
      );
    case 'table':
      return [table(block.table, block.id), new Paragraph({ spacing: LINE, children: [] })];
  }
}

export async function renderDocx(form: Form, report: Report): Promise<ArrayBuffer> {
  const doc = new Document({
    creator: 'nianbao',
    title: reportTitle(form, report),
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children: layoutReport(form, report).flatMap(blockChildren),
      },
    ],
  });
  return Packer.toArrayBuffer(doc);
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
