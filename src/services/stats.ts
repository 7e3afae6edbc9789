// The data view of a supervisor's subtree for a year: every body's figures this year and last
// (src/engine/stats.ts), the subtree's totals over five years, how complete the year is, and the
// bodies that stand out. Reads only the cells the figures need, a page of bodies at a time.
import { FORMS, type Form, type Registry } from '../../forms';
import { cellsOverYears, statsPage, statsSums } from '../db/stats';
import { statusRows, type StatusCounts } from '../db/status';
import { csvCell } from './csv';
import { deadlineOf } from '../engine/calendar';
import { STATS_COPY } from '../engine/copy';
import {
  addCounts,
  countsReader,
  FIGURE_IDS,
  figuresOf,
  median,
  showFigure,
  NO_COUNTS,
  risksOf,
  type BodyStats,
  type Counts,
  type Risk,
} from '../engine/stats';

/** Years a line covers, this one included. */
export const LINE_YEARS = 5;
/** Bodies read per query. */
const PAGE = 2_000;

const readers = new WeakMap<Form, ReturnType<typeof countsReader> & { indexes: number[] }>();

/**
 * How counts are read from `form`'s reports: the cells they need, by index in its compact row (the
 * queries pick just those, in this order), and the reader of a row of them.
 */
function readerOf(form: Form) {
  let r = readers.get(form);
  if (!r) {
    const reader = countsReader(form);
    const index = new Map(form.cells.map((c, i) => [c.path, i]));
    const indexes = reader.paths.map((p) => {
      const i = index.get(p);
      if (i === undefined)
        throw new Error(`the figures read ${p}, which is not a cell of format ${form.version}`);
      return i;
    });
    readers.set(form, (r = { ...reader, indexes }));
  }
  return r;
}

/** Counts from a row of the picked cells (a JSON array in the reader's order). */
const countsFrom = (form: Form, cells: string): Counts => readerOf(form).read(JSON.parse(cells) as unknown[]);

export interface YearTotal {
  year: number;
  counts: Counts;
  reports: number;
}

export interface BodyRow extends BodyStats {
  submittedAt: string | null;
  late: boolean;
}

export interface SubtreeStats {
  year: number;
  form: Form;
  /** Bodies that submitted this year, with last year's counts when they submitted then too. */
  bodies: BodyRow[];
  subtree: Counts;
  lastYear: Counts;
  /** The subtree's totals, oldest first, for the years that have any submitted report. */
  years: YearTotal[];
  status: StatusCounts;
  late: number;
  risks: Risk[];
}

/** Sums per year of the subtree's submitted reports, as counts. */
export async function yearTotals(
  db: D1Database,
  path: string,
  year: number,
  form: Form,
): Promise<YearTotal[]> {
  const rows = await statsSums(db, path, year - LINE_YEARS + 1, year, form.version, readerOf(form).indexes);
  return rows.map((r) => ({ year: r.year, reports: r.reports, counts: countsFrom(form, r.sums) }));
}

export async function subtreeStats(
  db: D1Database,
  path: string,
  year: number,
  forms: Registry = FORMS,
): Promise<SubtreeStats> {
  const form = forms.forYear(year);
  const deadline = deadlineOf(year);
  const bodies: BodyRow[] = [];
  const before = new Map<number, Counts>();
  let after = '';
  for (;;) {
    const rows = await statsPage(db, path, year - 1, year, form.version, readerOf(form).indexes, after, PAGE);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.path > after ? r.path : after;
      if (r.year === year - 1) before.set(r.id, countsFrom(form, r.cells));
      else if (r.year === year) {
        const late = r.submitted_at !== null && r.submitted_at > deadline;
        bodies.push({
          id: r.id,
          name: r.name,
          now: countsFrom(form, r.cells),
          submittedAt: r.submitted_at,
          late,
        });
      }
    }
    if (new Set(rows.map((r) => r.id)).size < PAGE) break;
  }
  for (const b of bodies) {
    const last = before.get(b.id);
    if (last) b.before = last;
  }
  const subtree = bodies.reduce((sum, b) => addCounts(sum, b.now), NO_COUNTS);
  const lastYear = [...before.values()].reduce((sum, c) => addCounts(sum, c), NO_COUNTS);
  const [years, status] = await Promise.all([
    yearTotals(db, path, year, form),
    statusRows(db, path, year, { sort: 'status', limit: 0 }),
  ]);
  return {
    year,
    form,
    bodies,
    subtree,
    lastYear,
    years,
    status: status.counts,
    late: bodies.filter((b) => b.late).length,
    risks: risksOf(bodies, subtree),
  };
}

/** The figures a body's page draws over the years. */
export const LINE_FIGURES = ['received', 'substantive', 'correction'] as const;

export interface PeerMedians {
  year: number;
  /** Per figure: the median over the bodies under the same parent (itself included) that have it. */
  median: Record<(typeof LINE_FIGURES)[number], { value: number | null; bodies: number }>;
}

/**
 * One body's counts over the last years, oldest first (its own lines), and for each year the median
 * of each line's figure over the bodies under the same parent (its peers: the townships of its
 * county) — a few hundred bodies at most, whatever the size of the whole tree.
 */
export async function bodyLines(
  db: D1Database,
  body: { id: number; parentId: number | null },
  year: number,
  forms: Registry = FORMS,
): Promise<{ own: { year: number; counts: Counts }[]; peers: PeerMedians[] }> {
  const form = forms.forYear(year);
  const from = year - LINE_YEARS + 1;
  const [rows, peerRows] = await Promise.all([
    cellsOverYears(db, 'body', body.id, from, year, form.version, readerOf(form).indexes),
    body.parentId === null
      ? []
      : cellsOverYears(db, 'children', body.parentId, from, year, form.version, readerOf(form).indexes),
  ]);
  const byYear = new Map<number, Counts[]>();
  for (const r of peerRows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), countsFrom(form, r.cells)]);
  const peers = [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([y, all]) => {
      const figures = all.map(figuresOf);
      const of = (id: (typeof LINE_FIGURES)[number]) => {
        const known = figures.map((f) => f[id]).filter((v): v is number => v !== null);
        return { value: median(known), bodies: known.length };
      };
      return {
        year: y,
        median: { received: of('received'), substantive: of('substantive'), correction: of('correction') },
      };
    });
  return { own: rows.map((r) => ({ year: r.year, counts: countsFrom(form, r.cells) })), peers };
}

/** The data view's figures as CSV (UTF-8 with BOM): one row per body that submitted, then the whole. */
export function statsCsv(stats: SubtreeStats, labels: { body: string; all: string; late: string }): string {
  const header = ['orgId', labels.body, labels.late, ...FIGURE_IDS.map((id) => STATS_COPY.figures[id][0])];
  const line = (cells: readonly unknown[]) => cells.map(csvCell).join(',');
  const values = (c: Counts) => {
    const f = figuresOf(c);
    return FIGURE_IDS.map((id) => showFigure(id, f[id]));
  };
  const rows = stats.bodies.map((b) => line([b.id, b.name, b.late ? 1 : 0, ...values(b.now)]));
  return `\uFEFF${[line(header), ...rows, line(['', labels.all, '', ...values(stats.subtree)])].join('\r\n')}\r\n`;
}
