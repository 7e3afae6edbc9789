// The compiled report as a Word document an office can open, tweak and publish: the official layout
// from the shared layout model, A4 with 公文 margins, 小标宋 title, 黑体/楷体 headings, 仿宋 body,
// tables 二, 三, 四 with their merged header cells. WordprocessingML written directly as text (a
// report is a few paragraphs and three tables), then zipped with the runtime's deflate: a few
// milliseconds of CPU, where an object model of every run and cell took tens.
import type { Form } from '../../forms';
import { showableText, type Report } from '../../forms/model';
import {
  layoutReport,
  reportTitle,
  tableGrid,
  type Block,
  type LayoutCell,
  type LayoutOptions,
  type LayoutTable,
} from './layout';
import { zipParts } from './zip';

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
const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const PAGE_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 28 pt exactly, as 公文 body text; the first line indented two characters. */
const BODY_SPACING = '<w:spacing w:line="560" w:lineRule="exact"/>';
const INDENT = '<w:ind w:firstLine="640"/>';
const KEEP = '<w:keepNext/>';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Text as XML character data: what XML cannot hold dropped, the five specials escaped. */
function esc(text: string): string {
  return showableText(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const fonts = (eastAsia: string) =>
  `<w:rFonts w:ascii="${FONTS.latin}" w:eastAsia="${eastAsia}" w:hAnsi="${FONTS.latin}"/>`;

function run(text: string, eastAsia: string, size: number): string {
  return (
    `<w:r><w:rPr>${fonts(eastAsia)}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>` +
    `<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`
  );
}

/** A paragraph; its properties in the schema's order (keepNext, spacing, ind, jc). */
function paragraph(
  props: { keep?: boolean; spacing?: string; indent?: boolean; align?: 'center' | 'left' | 'both' },
  runs = '',
): string {
  const pPr =
    (props.keep ? KEEP : '') +
    (props.spacing ?? '') +
    (props.indent ? INDENT : '') +
    (props.align ? `<w:jc w:val="${props.align}"/>` : '');
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A cell as Word writes it: where it starts, or continued from the row above. */
interface WordCell {
  cell: LayoutCell;
  continued: boolean;
  /** The grid column it starts at. */
  at: number;
}

/**
 * The cells Word draws in each row: a cell where it starts (vertically merged from there when it
 * spans rows), and a continuation cell in every row a span from above covers. Built here rather than
 * left to a renderer's rowSpan, so that every paragraph of a row, continuations included, can carry the
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
      if (cell) return [{ cell, continued: false, at: c }];
      const owner = owners[r]![c]!;
      // A span from above, at its first column (the other columns are in its gridSpan).
      const fromAbove = owners[r - 1]?.[c] === owner && owners[r]![c - 1] !== owner;
      return fromAbove ? [{ cell: owner, continued: true, at: c }] : [];
    }),
  );
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';
const CELL_MARGINS =
  '<w:tcMar><w:top w:w="30" w:type="dxa"/><w:left w:w="50" w:type="dxa"/>' +
  '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="50" w:type="dxa"/></w:tcMar>';

function table(t: LayoutTable, id: string): string {
  const size = id === 's2' ? SIZE.table : SIZE.smallTable;
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / sum) * PAGE_WIDTH));
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} ${BORDER}/>`)
    .join('');
  let xml =
    `<w:tbl><w:tblPr><w:tblW w:w="${PAGE_WIDTH}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
    '</w:tblPr><w:tblGrid>' +
    widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
    '</w:tblGrid>';
  // A row is never split across pages and the header rows repeat at the top of every page. A row
  // kept with the next (the header rows, table 二's small tables) has keepNext on the paragraph
  // of every cell, which is how Word and LibreOffice keep a table row with the row after it.
  wordRows(t).forEach((row, r) => {
    const keep = t.keepWithNext[r] ?? false;
    xml += `<w:tr><w:trPr><w:cantSplit/>${r < t.headerRows ? '<w:tblHeader/>' : ''}</w:trPr>`;
    for (const { cell, continued, at } of row) {
      const span = cell.colSpan ?? 1;
      const width = widths.slice(at, at + span).reduce((a, b) => a + b, 0);
      const merge =
        (cell.rowSpan ?? 1) > 1 ? `<w:vMerge w:val="${continued ? 'continue' : 'restart'}"/>` : '';
      const font = cell.role === 'header' ? FONTS.heading : FONTS.body;
      xml +=
        `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>` +
        (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
        `${merge}${CELL_MARGINS}<w:vAlign w:val="center"/></w:tcPr>` +
        paragraph(
          { keep, align: cell.role === 'label' ? 'left' : 'center' },
          continued ? '' : run(cell.text, font, size),
        ) +
        '</w:tc>';
    }
    xml += '</w:tr>';
  });
  return `${xml}</w:tbl>`;
}

function blockXml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return paragraph(
        {
          keep: true,
          spacing: '<w:spacing w:after="560" w:line="700" w:lineRule="exact"/>',
          align: 'center',
        },
        run(block.text, FONTS.title, SIZE.title),
      );
    case 'heading':
      return paragraph(
        { keep: true, spacing: BODY_SPACING, indent: true },
        run(block.text, block.level === 1 ? FONTS.heading : FONTS.subheading, SIZE.body),
      );
    case 'paragraphs':
      return block.lines
        .map((line) =>
          paragraph({ spacing: BODY_SPACING, indent: true, align: 'both' }, run(line, FONTS.body, SIZE.body)),
        )
        .join('');
    case 'table':
      return table(block.table, block.id) + paragraph({ spacing: BODY_SPACING });
  }
}

const CONTENT_TYPES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/settings" Target="settings.xml"/>` +
  '</Relationships>';

/** The defaults every run starts from: 仿宋 三号, Chinese. */
const STYLES =
  `${XML_HEAD}<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>${fonts(FONTS.body)}` +
  `<w:sz w:val="${SIZE.body}"/><w:szCs w:val="${SIZE.body}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>` +
  '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>' +
  '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>' +
  '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>';

/** Current Word's layout rules, not a compatibility mode. */
const SETTINGS =
  `${XML_HEAD}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="720"/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '</w:settings>';

function coreProperties(title: string): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${esc(title)}</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>`
  );
}

export async function renderDocx(
  form: Form,
  report: Report,
  options: LayoutOptions = {},
): Promise<ArrayBuffer> {
  const body = layoutReport(form, report, options).map(blockXml).join('');
  const section =
    `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}"` +
    ' w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';
  const document = `${XML_HEAD}<w:document xmlns:w="${W_NS}"><w:body>${body}${section}</w:body></w:document>`;
  return zipParts([
    { name: '[Content_Types].xml', text: CONTENT_TYPES },
    { name: '_rels/.rels', text: PACKAGE_RELS },
    { name: 'word/document.xml', text: document },
    { name: 'word/_rels/document.xml.rels', text: DOCUMENT_RELS },
    { name: 'word/styles.xml', text: STYLES },
    { name: 'word/settings.xml', text: SETTINGS },
    { name: 'docProps/core.xml', text: coreProperties(reportTitle(form, report)) },
  ]);
}
