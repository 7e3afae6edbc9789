// The CSV of every figure under a supervisor, one row per body, one column per cell id of the
// year's format. Streamed a page at a time (no D1 result holds the whole subtree); each row is the
// report's compact row of figures (src/engine/figures.ts) written out by SQLite as it is, except for
// a report kept before compact rows existed, or in another format version, which the Worker writes.
import { FORMS, type Form, type Registry } from '../../forms';
import { cellEntry } from '../../forms/model';
import { exportLines, exportRows, type ExportRow } from '../db/supervision';
import { parseOrNull } from '../lib/json';

/** Bodies per D1 query: a page of compact rows stays around a megabyte. */
export const CSV_PAGE = 2000;

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (= + - @, or a tab or carriage return
 * first) is prefixed with ' so it is shown as text; figures are numbers and never negative.
 */
export const csvCell = (v: unknown) => {
  const raw = v === null || v === undefined ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A body's line, written by the Worker: for a report kept before compact rows existed (read from its
 * JSON) or in another format version (its cells by path). SQLite writes every other line
 * (exportLines), by the same rules.
 */
export function lineOf(row: ExportRow, form: Form, forms: Registry): string {
  const fields = [
    row.org_id,
    row.name,
    row.kind,
    row.status ?? 'none',
    row.version ?? '',
    row.updated_at ?? '',
  ]
    .map(csvCell)
    .join(',');
  return `${fields},${figureFields(row, form, forms)}`;
}

function figureFields(row: ExportRow, form: Form, forms: Registry): string {
  const packedIn = row.figures !== null ? forms.of(row.figures_version) : undefined;
  if (packedIn) {
    // A compact row: its cells by path, then this year's columns by path.
    const values = parseOrNull(row.figures);
    const byPath = new Map(
      Array.isArray(values) ? packedIn.cells.map((cell, i) => [cell.path, values[i]] as const) : [],
    );
    return form.cells.map((cell) => csvCell(byPath.get(cell.path) ?? null)).join(',');
  }
  const source =
    parseOrNull(row.snapshot) ?? (parseOrNull(row.answers) as { report?: unknown } | null)?.report ?? null;
  return form.cells
    .map((cell) => csvCell(source !== null && typeof source === 'object' ? cellEntry(source, cell) : null))
    .join(',');
}

/** The CSV (with a byte-order mark, so that Excel and WPS read the names as UTF-8), page by page. */
export function csvStream(
  db: D1Database,
  path: string,
  year: number,
  forms: Registry = FORMS,
): ReadableStream<Uint8Array> {
  const form = forms.forYear(year);
  const encoder = new TextEncoder();
  let after = '';
  let done = false;
  const blank = ','.repeat(form.cells.length - 1);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const header = [
        'orgId',
        'name',
        'kind',
        'status',
        'version',
        'updatedAt',
        ...form.cells.map((x) => x.path),
      ];
      controller.enqueue(encoder.encode('\ufeff' + header.join(',') + '\r\n'));
    },
    async pull(controller) {
      if (done) return;
      const page = await exportLines(db, path, year, after, CSV_PAGE, form.version, blank);
      // Read by id: a body moved to another parent since the page was read is still written.
      const left = page.filter((r) => r.line === null).map((r) => r.org_id);
      const written = new Map(
        left.length ? (await exportRows(db, year, left)).map((r) => [r.org_id, lineOf(r, form, forms)]) : [],
      );
      let text = '';
      for (const r of page) {
        // A body deleted between the two reads has no line.
        const line = r.line ?? written.get(r.org_id);
        if (line !== undefined) text += `${line}\r\n`;
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (page.length < CSV_PAGE) {
        done = true;
        controller.close();
      } else after = page.at(-1)!.path;
    },
  });
}
