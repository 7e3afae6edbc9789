// The compiled report as a neutral document: title, headings, paragraphs and the official tables
// with their merged cells. The text, HTML (and Word) renderers all draw this one layout, so the
// order of every label and value is decided here once.
import { S4_GROUPS, S4_FIELDS } from '../../forms/report-2021';
import {
  S1_PARTS,
  S2_TABLES,
  S3_COLUMNS,
  S3_COLUMN_HEADING,
  S3_GROUPS,
  S3_NOTE,
  S3_ORG_GROUP_LABEL,
  S3_RESULTS_HEADING,
  S3_ROWS,
  S4_REVIEW_HEADING,
  S4_SUIT_HEADING,
  SECTIONS,
  TITLE_SUFFIX,
  type S3GroupId,
  type SectionId,
} from '../../forms/report-2021';
import type { Report } from '../../forms/model';
import { formatAmount } from '../engine/numbers';

export interface LayoutCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** Header cells are centred and bold; value cells are centred figures. */
  role: 'header' | 'label' | 'value';
}

export interface LayoutTable {
  /** Column count after spans are expanded. */
  columns: number;
  rows: LayoutCell[][];
  /** Relative widths of the columns, for renderers that set them. */
  widths: number[];
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraphs'; lines: string[] }
  | { kind: 'table'; id: 's2' | 's3' | 's4'; table: LayoutTable };

export function reportTitle(report: Pick<Report, 'org' | 'year'>): string {
  return `${report.org.name}${report.year}${TITLE_SUFFIX}`;
}

function sectionHeading(id: SectionId): string {
  const s = SECTIONS.find((x) => x.id === id)!;
  return `${s.no}、${s.title}`;
}

/** Splits a free text into its non-empty lines, as paragraphs. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const h = (text: string, extra: Partial<LayoutCell> = {}): LayoutCell => ({ text, role: 'header', ...extra });
const label = (text: string, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  text,
  role: 'label',
  ...extra,
});
const v = (n: number): LayoutCell => ({ text: String(n), role: 'value' });

function s2Table(report: Report): LayoutTable {
  const rows: LayoutCell[][] = [];
  for (const table of S2_TABLES) {
    rows.push([h(table.heading, { colSpan: 4 })]);
    if ('columns' in table) {
      rows.push([h(table.columnHeading), ...table.columns.map((c) => h(c.label))]);
      for (const row of table.rows) {
        const values = report.s2[row.id];
        rows.push([label(row.label), ...table.columns.map((c) => v(values[c.key]))]);
      }
    } else {
      rows.push([h(table.columnHeading), h(table.single.label, { colSpan: 3 })]);
      for (const row of table.rows) {
        const n = report.s2[row.id];
        const text = table.single.kind === 'amount' ? formatAmount(n) : String(n);
        rows.push([label(row.label), { text, role: 'value', colSpan: 3 }]);
      }
    }
  }
  return { columns: 4, rows, widths: [28, 24, 24, 24] };
}

function s3Table(report: Report): LayoutTable {
  const rows: LayoutCell[][] = [
    [h(S3_NOTE, { colSpan: 3, rowSpan: 3 }), h(S3_COLUMN_HEADING, { colSpan: 7 })],
    [
      h(S3_COLUMNS[0].label, { rowSpan: 2 }),
      h(S3_ORG_GROUP_LABEL, { colSpan: 5 }),
      h(S3_COLUMNS[6].label, { rowSpan: 2 }),
    ],
    S3_COLUMNS.slice(1, 6).map((c) => h(c.label)),
  ];
  const resultRows = S3_ROWS.filter((r) => r.role === 'result' || r.role === 'total');
  const groupSize = (g: S3GroupId) => S3_ROWS.filter((r) => 'group' in r && r.group === g).length;
  let resultsOpened = false;
  let openGroup: S3GroupId | undefined;
  for (const row of S3_ROWS) {
    const values = report.s3[row.id].map(v);
    const labels: LayoutCell[] = [];
    if (row.role === 'intake' || row.role === 'carryForward') {
      labels.push(label(row.label, { colSpan: 3 }));
    } else {
      if (!resultsOpened) {
        labels.push(label(S3_RESULTS_HEADING, { rowSpan: resultRows.length }));
        resultsOpened = true;
      }
      const group = 'group' in row ? row.group : undefined;
      if (group === undefined) {
        labels.push(label(row.label, { colSpan: 2 }));
      } else {
        if (group !== openGroup) labels.push(label(S3_GROUPS[group], { rowSpan: groupSize(group) }));
        labels.push(label(row.label));
      }
      openGroup = group;
    }
    rows.push([...labels, ...values]);
  }
  return { columns: 10, rows, widths: [7, 10, 25, 8, 8, 8, 8, 8, 8, 8] };
}

function s4Table(report: Report): LayoutTable {
  const [review, ...suits] = S4_GROUPS;
  const fields = S4_FIELDS.map((f) => f.label);
  return {
    columns: 15,
    rows: [
      [h(S4_REVIEW_HEADING, { colSpan: 5 }), h(S4_SUIT_HEADING, { colSpan: 10 })],
      [...fields.map((f) => h(f, { rowSpan: 2 })), ...suits.map((g) => h(g.label, { colSpan: 5 }))],
      suits.flatMap(() => fields.map((f) => h(f))),
      [review, ...suits].flatMap((g) => S4_FIELDS.map((f) => v(report.s4[g.id][f.id]))),
    ],
    widths: Array(15).fill(1),
  };
}

/** The whole compiled report, in publishing order. */
export function layoutReport(report: Report): Block[] {
  const blocks: Block[] = [{ kind: 'title', text: reportTitle(report) }];
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s1') });
  for (const part of S1_PARTS) {
    blocks.push({ kind: 'heading', level: 2, text: part.heading });
    blocks.push({ kind: 'paragraphs', lines: paragraphs(report.s1[part.id]) });
  }
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s2') });
  blocks.push({ kind: 'table', id: 's2', table: s2Table(report) });
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s3') });
  blocks.push({ kind: 'table', id: 's3', table: s3Table(report) });
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s4') });
  blocks.push({ kind: 'table', id: 's4', table: s4Table(report) });
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s5') });
  blocks.push({ kind: 'paragraphs', lines: paragraphs(report.s5) });
  blocks.push({ kind: 'heading', level: 1, text: sectionHeading('s6') });
  blocks.push({ kind: 'paragraphs', lines: paragraphs(report.s6) });
  return blocks;
}

/**
 * Expands a table's spans into a full grid: each slot holds the cell that starts there, or null
 * where a span from above or the left covers it.
 */
export function tableGrid(table: LayoutTable): (LayoutCell | null)[][] {
  const grid: (LayoutCell | null | undefined)[][] = table.rows.map(() =>
    Array(table.columns).fill(undefined),
  );
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      const rs = cell.rowSpan ?? 1;
      const cs = cell.colSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          if (grid[r + dr]) grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? cell : null;
        }
      }
      c += cs;
    }
  });
  return grid.map((row) => row.map((slot) => slot ?? null));
}
