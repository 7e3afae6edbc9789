// The CSV of every figure under a supervisor, one row per body, one column per cell id of the
// year's format. Streamed a page at a time (no D1 result holds the whole subtree); each row is the
// report's compact row of figures (src/engine/figures.ts) written out as it is, except for a report
// kept before compact rows existed, or in another format version, which is read from its JSON.
import { FORMS, type Form, type Registry } from '../../forms';
import { cellEntry } from '../../forms/model';
import { exportPage, type ExportRow } from '../db/supervision';
import { figuresAsCsv } from '../engine/figures';
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

/** The figures of a row in `form`'s columns, as CSV fields. */
function figureFields(row: ExportRow, form: Form, forms: Registry): string {
  if (row.figures !== null && row.figures_version === form.version) return figuresAsCsv(row.figures);
  let source: unknown = null;
  const packedIn = row.figures !== null ? forms.of(row.figures_version) : undefined;
  if (packedIn) {
    // Another version's row: its cells by path, then this year's columns by path.
    const values = parseOrNull(row.figures);
    const byPath = new Map(
      Array.isArray(values) ? packedIn.cells.map((cell, i) => [cell.path, values[i]] as const) : [],
    );
    return form.cells.map((cell) => csvCell(byPath.get(cell.path) ?? null)).join(',');
  }
  source =
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
      const rows = await exportPage(db, path, year, after, CSV_PAGE);
      let text = '';
      for (const r of rows) {
        const fields = [r.org_id, r.name, r.kind, r.status ?? 'none', r.version ?? '', r.updated_at ?? '']
          .map(csvCell)
          .join(',');
        text += `${fields},${figureFields(r, form, forms)}\r\n`;
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < CSV_PAGE) {
        done = true;
        controller.close();
      } else after = rows.at(-1)!.path;
    },
  });
}
