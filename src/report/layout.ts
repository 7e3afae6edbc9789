// The compiled report as a neutral document: title, headings, paragraphs and the official tables
// with their merged cells, built from the report's own version of the format. The text, HTML and
// Word renderers all draw this one layout, so the order of every label and value is decided here.
import type { Form, SectionId } from '../../forms';
import { cellEntry, getText, NOT_APPLICABLE, showableText, type Report } from '../../forms/model';
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
  /** How many rows at the top are the table's header (repeated on every printed page). */
  headerRows: number;
  /** Per row: printed on the same page as the row after it (headings never end a page). */
  keepWithNext: boolean[];
  /** Relative widths of the columns, for renderers that set them. */
  widths: number[];
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraphs'; lines: string[] }
  | { kind: 'table'; id: 's2' | 's3' | 's4'; table: LayoutTable };

/**
 * How a report is laid out beyond its own figures and texts. A roll-up, which sums figures and has
 * no texts of its own, says which bodies it includes under 一 and leaves the empty parts out.
 */
export interface LayoutOptions {
  /** Paragraphs printed under a section's heading, before its own parts. */
  leads?: Partial<Record<SectionId, readonly string[]>>;
  /** Leave out text parts with no text, with their sub-headings, and a section left with nothing. */
  omitEmptyText?: boolean;
  /** A note to the reader above the report on a page (not part of the report itself). */
  notice?: string;
}

// Texts stored before they were cleaned on the way in (and names typed anywhere) may hold
// characters no document can (controls, U+FFFF, half a surrogate pair): every text is laid out
// without them, so the HTML, the plain text and the Word file all show what can be shown.

export function reportTitle(form: Form, report: Pick<Report, 'org' | 'year'>): string {
  return showableText(form.title(report.org.name, report.year));
}

/** Splits a free text into its non-empty lines, as paragraphs. */
function paragraphs(text: string | undefined): string[] {
  return showableText(text ?? '')
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

function valueCell(form: Form, report: Report, path: string, extra: Partial<LayoutCell> = {}): LayoutCell {
  const cell = form.cellByPath.get(path)!;
  const n = cellEntry(report, cell) ?? 0;
  const text = n === NOT_APPLICABLE ? n : cell.kind === 'amount' ? formatAmount(n) : String(n);
  return { text, role: 'value', ...extra };
}

function s2Table(form: Form, report: Report): LayoutTable {
  const width = 1 + Math.max(...form.s2.tables.map((t) => t.columns?.length ?? 1));
  const rows: LayoutCell[][] = [];
  const keepWithNext: boolean[] = [];
  for (const table of form.s2.tables) {
    const first = rows.length;
    rows.push([h(table.heading, { colSpan: width })]);
    const cells = form.cellsOf('s2');
    if (table.columns) {
      rows.push([h(table.columnHeading), ...table.columns.map((c) => h(c.label))]);
      for (const row of table.rows) {
        const values = cells.filter((c) => c.row === row.id).map((c) => valueCell(form, report, c.path));
        rows.push([label(row.label), ...values]);
      }
    } else {
      rows.push([h(table.columnHeading), h(table.single?.label ?? '', { colSpan: width - 1 })]);
      for (const row of table.rows) {
        const cell = cells.find((c) => c.row === row.id)!;
        rows.push([label(row.label), valueCell(form, report, cell.path, { colSpan: width - 1 })]);
      }
    }
    // Each small table stays on one page: a few rows, and a row alone would lose its headings.
    for (let r = first; r < rows.length; r++) keepWithNext[r] = r < rows.length - 1;
  }
  // Table 二 is four small tables, each with its own heading and columns: no header row repeats on
  // a new page (the first table's columns would head another table's rows).
  return {
    columns: width,
    rows,
    headerRows: 0,
    keepWithNext,
    widths: [28, ...Array(width - 1).fill(72 / (width - 1))],
  };
}

/** Consecutive items sharing a key, as runs: [key, items]. */
function runs<T>(items: readonly T[], key: (t: T) => string | undefined): [string | undefined, T[]][] {
  const out: [string | undefined, T[]][] = [];
  for (const item of items) {
    const k = key(item);
    const last = out.at(-1);
    if (last && last[0] === k && k !== undefined) last[1].push(item);
    else out.push([k, [item]]);
  }
  return out;
}

/** The header rows keep with the first row under them. */
const keepHeader = (rows: number, headerRows: number) =>
  Array.from({ length: rows }, (_, r) => r < headerRows);

function s3Table(form: Form, report: Report): LayoutTable {
  const { columns, rows: defRows } = form.s3;
  const grouped = columns.some((c) => c.group);
  const headerRows = grouped ? 3 : 2;
  const top: LayoutCell[] = [
    h(form.s3.note, { colSpan: 3, rowSpan: headerRows }),
    h(form.s3.columnHeading, { colSpan: columns.length }),
  ];
  const second: LayoutCell[] = [];
  const third: LayoutCell[] = [];
  for (const [group, cols] of runs(columns, (c) => c.group)) {
    if (group === undefined) {
      second.push(...cols.map((c) => h(c.label, grouped ? { rowSpan: 2 } : {})));
    } else {
      second.push(h(form.s3.columnGroups[group] ?? group, { colSpan: cols.length }));
      third.push(...cols.map((c) => h(c.label)));
    }
  }
  const rows: LayoutCell[][] = grouped ? [top, second, third] : [top, second];
  const resultBlock = defRows.filter((r) => r.role === 'result' || r.role === 'total');
  const groupSize = (g: string) => defRows.filter((r) => r.group === g).length;
  let resultsOpened = false;
  let openGroup: string | undefined;
  for (const row of defRows) {
    const values = columns.map((_, c) => valueCell(form, report, `s3.${row.id}[${c}]`));
    const labels: LayoutCell[] = [];
    if (row.role === 'intake' || row.role === 'carryForward') {
      labels.push(label(row.label, { colSpan: 3 }));
    } else {
      if (!resultsOpened) {
        labels.push(label(form.s3.resultsHeading, { rowSpan: resultBlock.length }));
        resultsOpened = true;
      }
      if (row.group === undefined) {
        labels.push(label(row.label, { colSpan: 2 }));
      } else {
        if (row.group !== openGroup)
          labels.push(label(form.s3.groups[row.group] ?? row.group, { rowSpan: groupSize(row.group) }));
        labels.push(label(row.label));
      }
      openGroup = row.group;
    }
    rows.push([...labels, ...values]);
  }
  return {
    columns: 3 + columns.length,
    rows,
    headerRows,
    keepWithNext: keepHeader(rows.length, headerRows),
    widths: [7, 10, 25, ...columns.map(() => 8)],
  };
}

function s4Table(form: Form, report: Report): LayoutTable {
  const { groups, fields } = form.s4;
  const headings = runs(groups, (g) => g.heading);
  const split = headings.some(([, gs]) => gs.length > 1);
  const top = headings.map(([heading, gs]) => h(heading ?? '', { colSpan: gs.length * fields.length }));
  const second: LayoutCell[] = [];
  const third: LayoutCell[] = [];
  for (const [, gs] of headings) {
    if (gs.length === 1 && split) second.push(...fields.map((f) => h(f.label, { rowSpan: 2 })));
    else if (gs.length === 1) second.push(...fields.map((f) => h(f.label)));
    else {
      second.push(...gs.map((g) => h(g.label, { colSpan: fields.length })));
      third.push(...gs.flatMap(() => fields.map((f) => h(f.label))));
    }
  }
  const values = groups.flatMap((g) => fields.map((f) => valueCell(form, report, `s4.${g.id}.${f.id}`)));
  const header = split ? [top, second, third] : [top, second];
  const columns = groups.length * fields.length;
  return {
    columns,
    rows: [...header, values],
    headerRows: header.length,
    keepWithNext: keepHeader(header.length + 1, header.length),
    widths: Array(columns).fill(1),
  };
}

const TABLES = { s2: s2Table, s3: s3Table, s4: s4Table } as const;

/**
 * The whole compiled report, in publishing order; by default every heading of the format, even over
 * an empty text (a report is published as the format has it).
 */
export function layoutReport(form: Form, report: Report, options: LayoutOptions = {}): Block[] {
  const { leads = {}, omitEmptyText = false } = options;
  const blocks: Block[] = [{ kind: 'title', text: reportTitle(form, report) }];
  for (const section of form.sections) {
    const body: Block[] = [];
    const lead = leads[section.id] ?? [];
    if (lead.length) body.push({ kind: 'paragraphs', lines: lead.map(showableText) });
    if (section.id === 's2' || section.id === 's3' || section.id === 's4') {
      body.push({ kind: 'table', id: section.id, table: TABLES[section.id](form, report) });
    }
    for (const part of form.texts.filter((t) => t.section === section.id)) {
      const lines = paragraphs(getText(report, part.path));
      if (omitEmptyText && lines.length === 0) continue;
      if (part.heading) body.push({ kind: 'heading', level: 2, text: part.heading });
      body.push({ kind: 'paragraphs', lines });
    }
    if (omitEmptyText && body.length === 0) continue;
    blocks.push({ kind: 'heading', level: 1, text: form.heading(section.id) }, ...body);
  }
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
