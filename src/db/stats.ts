// What the data view reads: for each body under a path, the cells its figures need from the compact
// row of its submitted report this year and last, a page at a time in tree order; and the subtree's
// sums of those cells per year, summed by D1. Cell indexes come from the format version's definition
// (src/services/stats.ts), so the queries never list a cell themselves.

/** A cell of a report's compact row, by its index in the format version's cells. */
const cell = (index: number) => `json_extract(r.figures, '$[${Math.trunc(index)}]')`;
/** The cells at `indexes` of a report's compact row, as a JSON array in that order (null without one). */
const picked = (indexes: readonly number[]) =>
  `CASE WHEN r.figures IS NOT NULL THEN json_array(${indexes.map(cell).join(', ')}) END`;

export interface StatsRow {
  id: number;
  name: string;
  path: string;
  /** Null for a body of the page without a submitted report of the years asked. */
  year: number | null;
  submitted_at: string | null;
  /** The cells asked for from the report's compact row, in the order asked (a JSON array; with a year). */
  cells: string;
}

/**
 * Up to `limit` bodies after `after` (an org path) under `path`, each with its submitted reports of
 * `fromYear`–`toYear` (one row per report, or one row without a year).
 */
export async function statsPage(
  db: D1Database,
  path: string,
  fromYear: number,
  toYear: number,
  version: string,
  indexes: readonly number[],
  after: string,
  limit: number,
): Promise<StatsRow[]> {
  const { results } = await db
    .prepare(
      `WITH page AS (
         SELECT o.id, o.name, o.path FROM orgs o
         WHERE o.path > ?2 AND o.path < ?1 || '~'
         ORDER BY o.path LIMIT ?3
       )
       SELECT p.id, p.name, p.path, r.year, r.submitted_at, ${picked(indexes)} AS cells
       FROM page p LEFT JOIN reports r
         ON r.org_id = p.id AND r.year BETWEEN ?4 AND ?5
         AND r.status = 'submitted' AND r.figures IS NOT NULL AND r.figures_version = ?6
       ORDER BY p.path, r.year`,
    )
    // One lower bound, so the index range starts where the last page ended (never at the subtree's start).
    .bind(path, after > path ? after : path, limit, fromYear, toYear, version)
    .all<StatsRow>();
  return results;
}

/**
 * The subtree's sums of the chosen cells over its submitted reports, per year: one row per year,
 * the sums as a JSON array in the order asked for (D1 reads each report once; 不适用 adds 0).
 */
export async function statsSums(
  db: D1Database,
  path: string,
  fromYear: number,
  toYear: number,
  version: string,
  indexes: readonly number[],
) {
  const sums = indexes.map((i) => `total(${cell(i)})`).join(', ');
  const { results } = await db
    .prepare(
      `SELECT r.year, json_array(${sums}) AS sums, count(*) AS reports
       FROM reports r
       WHERE r.year BETWEEN ?2 AND ?3 AND r.status = 'submitted' AND r.org_path > ?1 AND r.org_path < ?1 || '~'
         AND r.figures_version = ?4
       GROUP BY r.year ORDER BY r.year`,
    )
    .bind(path, fromYear, toYear, version)
    .all<{ year: number; sums: string; reports: number }>();
  return results;
}

/**
 * The cells at `indexes` of the submitted reports over the years of one body (`of: 'body'`, its own
 * lines) or of every body under one (`of: 'children'`, its peers).
 */
export async function cellsOverYears(
  db: D1Database,
  of: 'body' | 'children',
  id: number,
  fromYear: number,
  toYear: number,
  version: string,
  indexes: readonly number[],
) {
  const { results } = await db
    .prepare(
      `SELECT r.org_id, r.year, ${picked(indexes)} AS cells FROM orgs o JOIN reports r ON r.org_id = o.id
       WHERE ${of === 'body' ? 'o.id' : 'o.parent_id'} = ?1 AND r.year BETWEEN ?2 AND ?3
         AND r.status = 'submitted' AND r.figures_version = ?4
       ORDER BY r.year`,
    )
    .bind(id, fromYear, toYear, version)
    .all<{ org_id: number; year: number; cells: string }>();
  return results;
}
