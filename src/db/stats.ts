// What the data view reads: for each body under a path, the cells its figures need (not the whole
// compact row) of its submitted report this year and last, a page at a time in tree order; and the
// subtree's sums of those cells per year, summed by D1. Cell indexes come from the format version's
// definition (src/services/stats.ts), so the queries never list a cell themselves.

/** `json_array(json_extract(r.figures, '$[3]'), …)`: the chosen cells of a compact row. */
const pick = (indexes: readonly number[]) =>
  `json_array(${indexes.map((i) => `json_extract(r.figures, '$[${i}]')`).join(', ')})`;

export interface StatsRow {
  id: number;
  name: string;
  path: string;
  year: number;
  status: string;
  submitted_at: string | null;
  /** The chosen cells, in the order asked for (JSON). */
  cells: string;
}

/** Up to `limit` bodies after `after` (an org path) under `path`, each with its reports of `years`. */
export async function statsPage(
  db: D1Database,
  path: string,
  years: readonly number[],
  version: string,
  indexes: readonly number[],
  after: string,
  limit: number,
): Promise<StatsRow[]> {
  const { results } = await db
    .prepare(
      `WITH page AS (
         SELECT o.id, o.name, o.path FROM orgs o
         WHERE o.path > ?1 AND o.path < ?1 || '~' AND o.path > ?2
         ORDER BY o.path LIMIT ?3
       )
       SELECT p.id, p.name, p.path, r.year, r.status, r.submitted_at, ${pick(indexes)} AS cells
       FROM page p JOIN reports r ON r.org_id = p.id
       WHERE r.year IN (SELECT value FROM json_each(?4)) AND r.status = 'submitted' AND r.figures IS NOT NULL
         AND r.figures_version = ?5
       UNION ALL
       SELECT p.id, p.name, p.path, 0, 'none', NULL, '[]' FROM page p
       ORDER BY 3, 4`,
    )
    .bind(path, after, limit, JSON.stringify(years), version)
    .all<StatsRow>();
  return results;
}

/** The subtree's sums of the chosen cells over its submitted reports, per year. */
export async function statsSums(
  db: D1Database,
  path: string,
  fromYear: number,
  toYear: number,
  version: string,
  indexes: readonly number[],
) {
  const { results } = await db
    .prepare(
      `SELECT r.year, j.key AS i, total(j.value) AS sum, count(DISTINCT r.id) AS reports
       FROM reports r, json_each(r.figures) j
       WHERE r.org_path > ?1 AND r.org_path < ?1 || '~' AND r.year BETWEEN ?2 AND ?3 AND r.status = 'submitted'
         AND r.figures_version = ?4 AND j.key IN (SELECT value FROM json_each(?5))
       GROUP BY r.year, j.key`,
    )
    .bind(path, fromYear, toYear, version, JSON.stringify(indexes))
    .all<{ year: number; i: number; sum: number; reports: number }>();
  return results;
}

/**
 * The chosen cells of the submitted reports over the years of one body (`of: 'body'`, its own
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
      `SELECT r.org_id, r.year, ${pick(indexes)} AS cells FROM orgs o JOIN reports r ON r.org_id = o.id
       WHERE ${of === 'body' ? 'o.id' : 'o.parent_id'} = ?1 AND r.year BETWEEN ?2 AND ?3
         AND r.status = 'submitted' AND r.figures_version = ?4
       ORDER BY r.year`,
    )
    .bind(id, fromYear, toYear, version)
    .all<{ org_id: number; year: number; cells: string }>();
  return results;
}
