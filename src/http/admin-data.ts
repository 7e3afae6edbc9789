// The admin export and import of everything: one JSON object per line, `{"table": …, "row": {…}}`,
// the tables in an order an import can follow (orgs, people, identities, reports, revisions,
// finding_verdicts), and a last line `{"end": {table: rows, …}}` so a file cut short (a dropped
// connection) is never taken for a whole one. The export streams page by page; the import reads line by line, checks every line and
// every reference first, and only then writes — into an empty database, in a few batches, taking
// back what it wrote if a later batch fails.
import { FORMS, ORG_KINDS } from '../../forms';
import { cellProblem, readCell } from '../../forms/model';
import {
  emptyAgain,
  emptyTables,
  EXPORT_TABLES,
  exportPage,
  insertRows,
  TABLES,
  type ExportTable,
  type Row,
} from '../db/export';
import { compactRowOf } from '../db/reports';
import { FLOW_PATHS } from '../engine/answers';
import type { Draft } from '../engine/draft';
import { validateEdits } from '../engine/edits';
import { countFindings } from '../engine/summary';
import { ADMIN_COPY as T } from './copy';

/** Rows per export page, and characters per page past its first row (~4 MB of JSON text). */
const PAGE_ROWS = 5000;
const PAGE_CHARS = 4_000_000;

/** D1 queries one export may make (Workers: 1,000 per invocation paid, 50 free), with a margin. */
function queryBudget(env: { FREE_PLAN?: string }): number {
  return env.FREE_PLAN === '1' ? 45 : 900;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A stored JSON column as a JSON value (as its text if it is not JSON: the import will say so). */
function jsonValue(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function exportLine(table: ExportTable, row: Row): string {
  const out: Row = {};
  for (const col of TABLES[table].columns)
    out[col] = TABLES[table].json.includes(col) ? jsonValue(row[col]) : row[col];
  return `${JSON.stringify({ table, row: out })}\n`;
}

/** Everything, as NDJSON, read from D1 a page at a time while the client reads the response. */
export function exportStream(db: D1Database, env: { FREE_PLAN?: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const counts = Object.fromEntries(EXPORT_TABLES.map((t) => [t, 0])) as Record<ExportTable, number>;
  const budget = queryBudget(env);
  let table = 0;
  let after = 0;
  let queries = 0;
  /** The next lines to send ('' for an empty page), or null when everything was sent. */
  const next = async (): Promise<string | null> => {
    if (table > EXPORT_TABLES.length) return null;
    if (table === EXPORT_TABLES.length) {
      table++;
      return `${JSON.stringify({ end: counts })}\n`;
    }
    if (queries >= budget) {
      // No end line: an import of this file refuses it as incomplete.
      table = EXPORT_TABLES.length + 1;
      return `${JSON.stringify({ error: T.exportBudget })}\n`;
    }
    const name = EXPORT_TABLES[table]!;
    const page = await exportPage(db, name, after, PAGE_ROWS, PAGE_CHARS);
    queries++;
    counts[name] += page.rows.length;
    if (page.after === null) {
      table++;
      after = 0;
    } else after = page.after;
    return page.rows.map((r) => exportLine(name, r)).join('');
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A pull must enqueue something (or close), or the stream waits for ever: empty pages are skipped.
      for (;;) {
        const lines = await next();
        if (lines === null) return controller.close();
        if (lines) return controller.enqueue(encoder.encode(lines));
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Import: checks

export interface ImportIssue {
  line: number;
  message: string;
}

type Check = (v: unknown) => string | null;

const MAX_ID = Number.MAX_SAFE_INTEGER;
const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? null : T.int(min, max);
const text =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max ? null : T.text(min, max);
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : T.oneOf(values);
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?$/;
const time: Check = (v) => (typeof v === 'string' && TIME.test(v) ? null : T.time);
const id = int(1, MAX_ID);
const count = int(0, 1_000_000);
const object: Check = (v) => (isObject(v) ? null : T.object);
const knownVersions = () => FORMS.forms.map((f) => f.version);
/** A snapshot as stored then: any report of a known format version (today's schema may refuse it). */
const snapshot: Check = (v) =>
  v === null
    ? null
    : !isObject(v)
      ? T.object
      : FORMS.of(v.formVersion)
        ? null
        : T.formVersion(knownVersions());

const COLUMNS: Record<ExportTable, Record<string, Check>> = {
  orgs: {
    id,
    name: text(1, 200),
    full_name: text(0, 200),
    kind: oneOf(ORG_KINDS),
    parent_id: nullable(id),
    path: (v) => (typeof v === 'string' && /^\/(\d+\/)+$/.test(v) && v.length <= 2000 ? null : T.pathShape),
    reminders_off: int(0, 1),
    sums_children: int(0, 1),
    created_at: time,
  },
  people: {
    id,
    org_id: id,
    role: oneOf(['official', 'supervisor', 'admin']),
    display_name: text(0, 200),
    created_at: time,
  },
  identities: {
    platform: text(1, 50),
    user_id: text(1, 500),
    person_id: id,
    chat_id: text(0, 500),
    created_at: time,
  },
  reports: {
    id,
    org_id: id,
    year: int(2008, 2100),
    status: oneOf(['draft', 'submitted', 'returned']),
    answers: object,
    version: int(1, 1_000_000_000),
    updated_at: time,
    updated_by: nullable(id),
    updated_channel: text(0, 50),
    submitted_at: nullable(time),
    progress_done: count,
    progress_total: count,
    error_count: count,
    warning_count: count,
  },
  revisions: {
    id,
    report_id: id,
    version: int(1, 1_000_000_000),
    action: oneOf(['create', 'edit', 'submit', 'return', 'reopen', 'import']),
    person_id: nullable(id),
    channel: text(0, 50),
    changes: object,
    comment: text(0, 20_000),
    snapshot,
    at: time,
  },
  finding_verdicts: {
    report_id: id,
    finding_key: text(1, 2000),
    verdict: oneOf(['confirmed', 'dismissed']),
    message: text(1, 20_000),
    reason: text(0, 500),
    person_id: nullable(id),
    at: time,
  },
};

/** What is wrong with a stored draft (`answers` of a report of `year`), or null. */
function draftProblem(answers: Json, year: number): string | null {
  const f = (path: string, problem: string) => T.field(`answers.${path}`, problem);
  for (const key of Object.keys(answers))
    if (key !== 'report' && key !== 'flow') return T.field('answers', T.extraField(key));
  const { report, flow } = answers;
  if (!isObject(report)) return f('report', T.object);
  if (!isObject(flow)) return f('flow', T.object);
  const form = FORMS.of(report.formVersion);
  if (!form) return f('report.formVersion', T.formVersion(knownVersions()));
  if (report.year !== year) return `answers.report.year ${T.draftYear(year)}`;
  const org = report.org;
  if (!isObject(org) || typeof org.name !== 'string') return f('report.org', T.object);
  if (org.kind !== undefined && !(ORG_KINDS as readonly unknown[]).includes(org.kind))
    return f('report.org.kind', T.oneOf(ORG_KINDS));
  for (const cell of form.cells) {
    const v = readCell(report, cell);
    if (v !== undefined && v !== null && cellProblem(cell, v) !== null)
      return f(`report.${cell.path}`, T.cell);
  }
  for (const path of form.textPaths) {
    const [head, part] = path.split('.') as [string, string | undefined];
    const node = report[head];
    const v = part === undefined ? node : isObject(node) ? node[part] : undefined;
    if (v !== undefined && typeof v !== 'string') return f(`report.${path}`, T.notText);
  }
  const known = FLOW_PATHS.map((p) => p.slice(5));
  for (const [key, value] of Object.entries(flow)) {
    if (!known.includes(key)) return T.field('answers.flow', T.extraField(key));
    const checked = validateEdits(form, { [`flow.${key}`]: [null, value ?? null] });
    if (!checked.ok) return f(`flow.${key}`, checked.message);
  }
  return null;
}

/** Columns added after exports were first written: a file from before has them at their default. */
const LATER: Partial<Record<ExportTable, Record<string, unknown>>> = { orgs: { sums_children: 0 } };

function rowProblem(table: ExportTable, row: unknown): string | null {
  if (!isObject(row)) return T.field('row', T.object);
  const spec = COLUMNS[table];
  for (const key of Object.keys(row)) if (!Object.hasOwn(spec, key)) return T.extraField(key);
  for (const [col, check] of Object.entries(spec)) {
    if (!Object.hasOwn(row, col) && LATER[table] && Object.hasOwn(LATER[table], col)) continue;
    if (!Object.hasOwn(row, col)) return T.missingField(col);
    const problem = check(row[col]);
    if (problem) return T.field(col, problem);
  }
  if (table === 'reports') return draftProblem(row.answers as Json, row.year as number);
  return null;
}

/** A row's values in column order, JSON columns as text (as D1 stores them). */
function toValues(table: ExportTable, row: Json): unknown[] {
  const def = TABLES[table];
  return def.columns.map((col) => {
    const value = Object.hasOwn(row, col) ? row[col] : LATER[table]?.[col];
    return def.json.includes(col) && value !== null ? JSON.stringify(value) : value;
  });
}

/** UTF-8 length of a string, without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** D1 stores a row of at most 2 MB; one statement's JSON parameter is a string of at most 2 MB. */
const MAX_ROW_BYTES = 1_800_000;
const MAX_ISSUES = 20;

interface Line {
  line: number;
  values: unknown[];
}

type Rows = Record<ExportTable, Line[]>;

class Reader {
  rows = Object.fromEntries(EXPORT_TABLES.map((t) => [t, []])) as unknown as Rows;
  issues: ImportIssue[] = [];
  end: { line: number; counts: unknown } | null = null;
  lines = 0;

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  issue(line: number, message: string) {
    if (!this.full) this.issues.push({ line, message: T.line(line, message) });
  }

  read(raw: string, line: number) {
    this.lines = line;
    try {
      this.readLine(raw, line);
    } catch {
      // Nested past what the runtime can walk (a stack overflow), or otherwise unreadable.
      this.issue(line, T.lineUnreadable);
    }
  }

  private readLine(raw: string, line: number) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (this.end) return this.issue(line, T.afterEnd);
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return this.issue(line, T.lineNotJson);
    }
    if (!isObject(v)) return this.issue(line, T.lineShape);
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'end') {
      this.end = { line, counts: v.end };
      return;
    }
    if (keys.length !== 2 || !Object.hasOwn(v, 'table') || !Object.hasOwn(v, 'row'))
      return this.issue(line, T.lineShape);
    const table = v.table;
    if (typeof table !== 'string' || !(EXPORT_TABLES as readonly string[]).includes(table))
      return this.issue(line, T.unknownTable(String(table).slice(0, 40), EXPORT_TABLES));
    const name = table as ExportTable;
    const problem = rowProblem(name, v.row);
    if (problem) return this.issue(line, problem);
    const values = toValues(name, v.row as Json);
    if (utf8Length(JSON.stringify(values)) > MAX_ROW_BYTES) return this.issue(line, T.rowTooLarge);
    this.rows[name].push({ line, values });
  }

  /** The end line's counts against the rows read. */
  finish() {
    if (!this.end) return this.issue(this.lines + 1, T.noEnd);
    const said = this.end.counts;
    if (!isObject(said)) return this.issue(this.end.line, T.field('end', T.object));
    for (const key of Object.keys(said))
      if (!(EXPORT_TABLES as readonly string[]).includes(key))
        return this.issue(this.end.line, T.unknownTable(key.slice(0, 40), EXPORT_TABLES));
    for (const t of EXPORT_TABLES)
      if (said[t] !== this.rows[t].length)
        this.issue(this.end.line, T.endCounts(t, said[t] ?? null, this.rows[t].length));
  }
}

const col = (table: ExportTable, name: string) => TABLES[table].columns.indexOf(name);
const at = (r: Line, table: ExportTable, name: string) => r.values[col(table, name)];

/** References between the rows: every id unique, every reference to a row in the file. */
function crossCheck(rows: Rows, issue: (line: number, message: string) => void) {
  const index = <K>(table: ExportTable, key: (r: Line) => K, what: (r: Line) => string) => {
    const seen = new Map<K, Line>();
    for (const r of rows[table]) {
      const k = key(r);
      const first = seen.get(k);
      if (first) issue(r.line, T.duplicate(what(r), first.line));
      else seen.set(k, r);
    }
    return seen;
  };
  const byId = (table: ExportTable) =>
    index(
      table,
      (r) => at(r, table, 'id') as number,
      (r) => T.rowKey(table, { id: at(r, table, 'id') }),
    );
  const orgs = byId('orgs');
  const people = byId('people');
  const reports = byId('reports');
  byId('revisions');
  const ref = (r: Line, table: ExportTable, field: string, target: Map<number, Line>, optional = false) => {
    const v = at(r, table, field);
    if (optional && v === null) return null;
    const found = target.get(v as number);
    if (!found) issue(r.line, T.missingRef(field, v));
    return found ?? null;
  };

  for (const r of rows.orgs) {
    const parent = ref(r, 'orgs', 'parent_id', orgs, true);
    if (at(r, 'orgs', 'parent_id') !== null && !parent) continue;
    const expected = `${parent ? (at(parent, 'orgs', 'path') as string) : '/'}${at(r, 'orgs', 'id')}/`;
    if (at(r, 'orgs', 'path') !== expected) issue(r.line, T.orgPath(expected));
  }
  index(
    'orgs',
    (r) => `${at(r, 'orgs', 'parent_id') ?? 0}\u0000${at(r, 'orgs', 'name')}`,
    (r) => T.rowKey('orgs', { parent_id: at(r, 'orgs', 'parent_id'), name: at(r, 'orgs', 'name') }),
  );
  for (const r of rows.people) ref(r, 'people', 'org_id', orgs);
  for (const r of rows.identities) ref(r, 'identities', 'person_id', people);
  index(
    'identities',
    (r) => `${at(r, 'identities', 'platform')}\u0000${at(r, 'identities', 'user_id')}`,
    (r) =>
      T.rowKey('identities', {
        platform: at(r, 'identities', 'platform'),
        user_id: at(r, 'identities', 'user_id'),
      }),
  );
  for (const r of rows.reports) {
    ref(r, 'reports', 'org_id', orgs);
    ref(r, 'reports', 'updated_by', people, true);
  }
  index(
    'reports',
    (r) => `${at(r, 'reports', 'org_id')}\u0000${at(r, 'reports', 'year')}`,
    (r) => T.rowKey('reports', { org_id: at(r, 'reports', 'org_id'), year: at(r, 'reports', 'year') }),
  );
  for (const r of rows.revisions) {
    const report = ref(r, 'revisions', 'report_id', reports);
    ref(r, 'revisions', 'person_id', people, true);
    const current = report ? (at(report, 'reports', 'version') as number) : null;
    if (current !== null && (at(r, 'revisions', 'version') as number) > current)
      issue(r.line, T.revisionAhead(current));
  }
  for (const r of rows.finding_verdicts) {
    ref(r, 'finding_verdicts', 'report_id', reports);
    ref(r, 'finding_verdicts', 'person_id', people, true);
  }
  index(
    'finding_verdicts',
    (r) => `${at(r, 'finding_verdicts', 'report_id')}\u0000${at(r, 'finding_verdicts', 'finding_key')}`,
    (r) =>
      T.rowKey('finding_verdicts', {
        report_id: at(r, 'finding_verdicts', 'report_id'),
        finding_key: at(r, 'finding_verdicts', 'finding_key'),
      }),
  );
  index(
    'revisions',
    (r) => `${at(r, 'revisions', 'report_id')}\u0000${at(r, 'revisions', 'version')}`,
    (r) =>
      T.rowKey('revisions', {
        report_id: at(r, 'revisions', 'report_id'),
        version: at(r, 'revisions', 'version'),
      }),
  );
}

/** Splits a UTF-8 body into lines as it arrives (invalid UTF-8 throws a TypeError). */
async function* bodyLines(body: ReadableStream<Uint8Array> | null): AsyncGenerator<string> {
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      yield rest.slice(start, nl);
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (done) break;
  }
  if (rest) yield rest;
}

export type ReadResult =
  | { ok: true; rows: Rows }
  | { ok: false; reason: 'encoding' }
  | { ok: false; reason: 'invalid'; issues: ImportIssue[] };

/** Reads and checks a whole import; nothing is written. */
export async function readImport(body: ReadableStream<Uint8Array> | null): Promise<ReadResult> {
  const reader = new Reader();
  let line = 0;
  try {
    for await (const raw of bodyLines(body)) {
      reader.read(raw, ++line);
      if (reader.full) break;
    }
  } catch (err) {
    if (err instanceof TypeError) return { ok: false, reason: 'encoding' };
    throw err;
  }
  if (!reader.full) reader.finish();
  if (reader.issues.length === 0) crossCheck(reader.rows, (l, m) => reader.issue(l, m));
  return reader.issues.length
    ? { ok: false, reason: 'invalid', issues: reader.issues }
    : { ok: true, rows: reader.rows };
}

// ---------------------------------------------------------------------------------------------
// Import: writes

/** One statement's JSON parameter, and one batch, in bytes (D1: a string ≤ 2 MB). */
const STATEMENT_BYTES = 900_000;
const BATCH_BYTES = 8_000_000;

/** Parents before children (a deeper path after a shallower one), then by id. */
function depth(r: Line): number {
  return (at(r, 'orgs', 'path') as string).split('/').length;
}

function inWriteOrder(rows: Rows): Rows {
  const byId = (t: ExportTable) => (a: Line, b: Line) =>
    (at(a, t, 'id') as number) - (at(b, t, 'id') as number);
  return {
    orgs: [...rows.orgs].sort((a, b) => depth(a) - depth(b) || byId('orgs')(a, b)),
    people: [...rows.people].sort(byId('people')),
    // Identities keep the file's order: the order they are exported in.
    identities: rows.identities,
    reports: [...rows.reports].sort(byId('reports')),
    revisions: [...rows.revisions].sort(byId('revisions')),
    finding_verdicts: rows.finding_verdicts,
  };
}

/**
 * Each report's derived columns (TABLES.reports.derived), as the writers keep them: its compact row of
 * figures (from the current version's snapshot where it has one, else the draft) and its warnings'
 * keys, checked with last year's report of the same body when the file has it. The exported counts
 * stand as they are, so an import gives back exactly what was exported.
 */
function withDerived(rows: Rows): Rows {
  const text = (r: Line, table: ExportTable, name: string) => at(r, table, name) as string | null;
  const drafts = new Map<string, Draft>();
  for (const r of rows.reports)
    drafts.set(
      `${at(r, 'reports', 'org_id')}/${at(r, 'reports', 'year')}`,
      JSON.parse(text(r, 'reports', 'answers')!),
    );
  const snapshots = new Map<string, unknown>();
  for (const r of rows.revisions) {
    const snapshot = text(r, 'revisions', 'snapshot');
    if (snapshot !== null)
      snapshots.set(
        `${at(r, 'revisions', 'report_id')}/${at(r, 'revisions', 'version')}`,
        JSON.parse(snapshot),
      );
  }
  const reports = rows.reports.map((r) => {
    const draft = drafts.get(`${at(r, 'reports', 'org_id')}/${at(r, 'reports', 'year')}`)!;
    const previous = drafts.get(`${at(r, 'reports', 'org_id')}/${(at(r, 'reports', 'year') as number) - 1}`);
    const counts = countFindings(draft.report, previous?.report);
    const snapshot = snapshots.get(`${at(r, 'reports', 'id')}/${at(r, 'reports', 'version')}`);
    return {
      line: r.line,
      values: [...r.values, ...compactRowOf(draft, snapshot), JSON.stringify(counts.warningKeys)],
    };
  });
  return { ...rows, reports };
}

/** Writes checked rows into an empty database; answers how many of each were written. */
export async function writeImport(db: D1Database, checked: Rows): Promise<Record<ExportTable, number>> {
  const rows = inWriteOrder(withDerived(checked));
  const batches: D1PreparedStatement[][] = [[]];
  let batchBytes = 0;
  for (const table of EXPORT_TABLES) {
    let chunk: string[] = [];
    let bytes = 2;
    const flush = () => {
      if (!chunk.length) return;
      if (batchBytes + bytes > BATCH_BYTES && batches.at(-1)!.length) {
        batches.push([]);
        batchBytes = 0;
      }
      batches.at(-1)!.push(insertRows(db, table, `[${chunk.join(',')}]`));
      batchBytes += bytes;
      chunk = [];
      bytes = 2;
    };
    for (const r of rows[table]) {
      const json = JSON.stringify(r.values);
      const size = utf8Length(json) + 1;
      if (bytes + size > STATEMENT_BYTES) flush();
      chunk.push(json);
      bytes += size;
    }
    flush();
  }
  // What was empty before the first write is emptied again if a later batch fails.
  const empty = batches.length > 1 ? await emptyTables(db) : [];
  let done = 0;
  try {
    for (const batch of batches) {
      if (batch.length) await db.batch(batch);
      done++;
    }
  } catch (err) {
    // A batch is all or nothing; the ones before it are taken back.
    if (done > 0) await undo(db, empty);
    throw err;
  }
  return Object.fromEntries(EXPORT_TABLES.map((t) => [t, rows[t].length])) as Record<ExportTable, number>;
}

/** Takes back an import that failed half-way: the database is empty again, as it was. */
async function undo(db: D1Database, empty: readonly string[]) {
  try {
    await db.batch(emptyAgain(db, empty));
  } catch (err) {
    console.error('import: could not take back a partial import', err);
  }
}
