// The tables an admin export holds and an import restores: the org tree, people, their chat
// identities, reports, every revision and the supervisors' verdicts on findings. Read a page at a time (by id, bounded in rows and in
// bytes, so a large county stays within a Worker's memory and D1's result size); written back with
// one JSON parameter per statement (D1 binds at most 100 parameters, a string up to 2 MB).
// Invites (their codes are credentials), chat sessions, the outbox and the bookkeeping tables are
// not exported.

export const EXPORT_TABLES = [
  'orgs',
  'people',
  'identities',
  'reports',
  'revisions',
  'finding_verdicts',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

interface TableDef {
  /** Every column exported, in order; nothing secret is among them. */
  columns: readonly string[];
  /**
   * Columns an import writes after those, derived from the row rather than read from the file (a
   * report's compact row of figures and its warnings' keys), so a file cannot make them disagree
   * with the report they describe.
   */
  derived?: readonly string[];
  /** Columns holding JSON text: exported as JSON values, stored back as text. */
  json: readonly string[];
  /** What pages follow: the id, or the rowid of a table keyed otherwise (its insertion order). */
  key: 'id' | 'rowid';
  /** An estimate of a row's size in characters, for the page's byte budget. */
  size: string;
}

export const TABLES: Record<ExportTable, TableDef> = {
  orgs: {
    columns: [
      'id',
      'name',
      'full_name',
      'kind',
      'parent_id',
      'path',
      'reminders_off',
      'sums_children',
      'created_at',
    ],
    json: [],
    key: 'id',
    size: '200',
  },
  people: {
    columns: ['id', 'org_id', 'role', 'display_name', 'created_at'],
    json: [],
    key: 'id',
    size: '200',
  },
  identities: {
    columns: ['platform', 'user_id', 'person_id', 'chat_id', 'created_at'],
    json: [],
    key: 'rowid',
    size: '200',
  },
  reports: {
    columns: [
      'id',
      'org_id',
      'year',
      'status',
      'answers',
      'version',
      'updated_at',
      'updated_by',
      'updated_channel',
      'submitted_at',
      'progress_done',
      'progress_total',
      'error_count',
      'warning_count',
    ],
    json: ['answers'],
    derived: ['figures', 'figures_version', 'warning_keys'],
    key: 'id',
    size: '200 + length(answers)',
  },
  revisions: {
    columns: [
      'id',
      'report_id',
      'version',
      'action',
      'person_id',
      'channel',
      'changes',
      'comment',
      'snapshot',
      'at',
    ],
    json: ['changes', 'snapshot'],
    key: 'id',
    size: '200 + length(changes) + length(comment) + ifnull(length(snapshot), 0)',
  },
  finding_verdicts: {
    columns: ['report_id', 'finding_key', 'verdict', 'message', 'reason', 'person_id', 'at'],
    json: [],
    key: 'rowid',
    size: '200 + length(message) + length(reason)',
  },
};

export type Row = Record<string, unknown>;

export interface Page {
  rows: Row[];
  /** Where the next page starts (the last key read), or null when the table is done. */
  after: number | null;
}

/**
 * The rows of a table after key `after`: at most `limit` rows, and no more than `budget` characters
 * past the first row (a page always holds at least one row).
 */
export async function exportPage(
  db: D1Database,
  table: ExportTable,
  after: number,
  limit: number,
  budget: number,
): Promise<Page> {
  const def = TABLES[table];
  const cols = def.columns.join(', ');
  const { results } = await db
    .prepare(
      `SELECT k, n, ${cols} FROM (
         SELECT *, sum(sz) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) - sz AS before_sz,
           count(*) OVER () AS n
         FROM (
           SELECT ${def.key} AS k, ${cols}, ${def.size} AS sz FROM ${table}
           WHERE ${def.key} > ?1 ORDER BY ${def.key} LIMIT ?2
         )
       ) WHERE before_sz < ?3 ORDER BY k`,
    )
    .bind(after, limit, budget)
    .all<Row & { k: number; n: number }>();
  const rows = results.map(({ k: _k, n: _n, ...row }) => row);
  const last = results.at(-1);
  // The table is done when fewer rows than asked were there and the budget kept them all.
  const done = !last || (last.n < limit && results.length === last.n);
  return { rows, after: done ? null : last.k };
}

/** Tables that must be empty for an import (the exported ones, and what points at them). */
const MUST_BE_EMPTY = [...EXPORT_TABLES, 'invites', 'chat_sessions'] as const;

/** The tables that hold rows already (an import restores into an empty database only). */
export async function tablesInUse(db: D1Database): Promise<string[]> {
  const row = await db
    .prepare(`SELECT ${MUST_BE_EMPTY.map((t) => `EXISTS (SELECT 1 FROM ${t}) AS ${t}`).join(', ')}`)
    .first<Record<string, number>>();
  return MUST_BE_EMPTY.filter((t) => row?.[t] === 1);
}

/**
 * Inserts rows given as arrays of column values (in TABLES order, the derived columns last), all
 * bound as one JSON text.
 */
export function insertRows(db: D1Database, table: ExportTable, json: string): D1PreparedStatement {
  const cols = [...TABLES[table].columns, ...(TABLES[table].derived ?? [])];
  const values = cols.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  return db
    .prepare(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${values} FROM json_each(?1) ORDER BY key`)
    .bind(json);
}

/** Every table of the app (not SQLite's, D1's or the migrations' own). */
async function appTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'd1\\_%' ESCAPE '\\'`,
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The app's tables that hold no row now: what an import that fails half-way empties again (its own
 * rows, and those triggers derived from them), leaving every table that had rows before as it was.
 */
export async function emptyTables(db: D1Database): Promise<string[]> {
  const tables = await appTables(db);
  if (!tables.length) return [];
  const row = await db
    .prepare(`SELECT ${tables.map((t, i) => `EXISTS (SELECT 1 FROM ${quoted(t)}) AS t${i}`).join(', ')}`)
    .first<Record<string, number>>();
  return tables.filter((_, i) => row?.[`t${i}`] === 0);
}

/** Empties tables again, in one transaction, whatever order their foreign keys need. */
export function emptyAgain(db: D1Database, tables: readonly string[]): D1PreparedStatement[] {
  return [
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...tables.map((t) => db.prepare(`DELETE FROM ${quoted(t)}`)),
  ];
}
