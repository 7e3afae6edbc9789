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
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Form } from '../../forms';
import type { Report } from '../../forms/model';
import {
  layoutReport,
  reportTitle,
  tableGrid,
  type Block,
  type LayoutCell,
  type LayoutOptions,
  type LayoutTable,
} from './layout';

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

/** A cell as Word writes it: where it starts, or continued from the row above. */
interface WordCell {
  cell: LayoutCell;
  continued: boolean;
}

/**
 * The cells Word draws in each row: a cell where it starts (vertically merged from there when it
 * spans rows), and a continuation cell in every row a span from above covers. Built here rather than
 * left to `docx`'s rowSpan, so that every paragraph of a row, continuations included, can carry the
 * row's keep-with-next.
 */
function wordRows(t: LayoutTable): WordCell[][] {
  const owners: (LayoutCell | undefined)[][] = t.rows.map(() => []);
  const grid = tableGrid(t);
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) if (owners[r + dr]) owners[r + dr]![c + dc] = cell;
    }),
  );
  return grid.map((row, r) =>
    row.flatMap((cell, c): WordCell[] => {
      if (cell) return [{ cell, continued: false }];
      const owner = owners[r]![c]!;
      // A span from above, at its first column (the other columns are in its gridSpan).
      const fromAbove = owners[r - 1]?.[c] === owner && owners[r]![c - 1] !== owner;
      return fromAbove ? [{ cell: owner, continued: true }] : [];
    }),
  );
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
    // A row is never split across pages and the header rows repeat at the top of every page. A row
    // kept with the next (the header rows, table 二's small tables) has keepNext on the paragraph
    // of every cell, which is how Word and LibreOffice keep a table row with the row after it.
    rows: wordRows(t).map(
      (row, r) =>
        new TableRow({
          cantSplit: true,
          tableHeader: r < t.headerRows,
          children: row.map(
            ({ cell, continued }) =>
              new TableCell({
                columnSpan: cell.colSpan,
                verticalMerge:
                  (cell.rowSpan ?? 1) > 1
                    ? continued
                      ? VerticalMergeType.CONTINUE
                      : VerticalMergeType.RESTART
                    : undefined,
                verticalAlign: VerticalAlign.CENTER,
                margins: { top: 30, bottom: 30, left: 50, right: 50 },
                children: [
                  new Paragraph({
                    alignment: cell.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
                    keepNext: t.keepWithNext[r] ?? false,
                    children: continued
                      ? []
                      : [run(cell.text, cell.role === 'header' ? FONTS.heading : FONTS.body, size, false)],
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
          keepNext: true,
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

export async function renderDocx(
  form: Form,
  report: Report,
  options: LayoutOptions = {},
): Promise<ArrayBuffer> {
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
        children: layoutReport(form, report, options).flatMap(blockChildren),
      },
    ],
  });
  return Packer.toArrayBuffer(doc);
}
