// The shape of one report (`report.json`), derived from a version's data so the type cannot drift
// from the definition, and the one cell walk of the project: reading, writing and clearing a cell by
// its place (`loc`), and whether a value may stand in it.
import type { CellDef, Form, FormData } from './define';
import type { OrgKind } from './kinds';
import type { Data2021 } from './report-2021';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type RowId<T> = T extends { rows: readonly { id: infer I extends string }[] } ? I : never;
type S2Value<T> = T extends { columns: readonly { key: infer K extends string }[] }
  ? Record<K, CellValue>
  : CellValue;
type S2Part<T> = T extends unknown ? { [Id in RowId<T>]: S2Value<T> } : never;

/** Table 二 of a version: a row with columns is a record of counts, a single row one number. */
export type S2Of<D extends FormData> = UnionToIntersection<S2Part<D['s2']['tables'][number]>>;

/** One report of a version of the format, as `report.json` holds it. */
export interface ReportOf<D extends FormData> {
  /** The version it was written in; read with that version's definition. */
  formVersion: string;
  org: { name: string; kind?: OrgKind };
  year: number;
  s1: Record<D['s1']['parts'][number]['id'], string>;
  s2: S2Of<D>;
  /** Each row: one number per column, 总计 included. */
  s3: Record<D['s3']['rows'][number]['id'], number[]>;
  s4: Record<D['s4']['groups'][number]['id'], Record<D['s4']['fields'][number]['id'], number>>;
  s5: string;
  s6: string;
}

/**
 * A report. Typed by the current (2021) format; reports of other versions have the same parts
 * and are only ever read through their own version's cells, never by literal ids.
 */
export type Report = ReportOf<Data2021>;

/**
 * 不适用 — the mark of a cell a body has no power for (“/” in published tables). Stored as such in
 * `report.json`, printed as “/”, and counted as 0 wherever figures are added or compared.
 */
export const NOT_APPLICABLE = '/';
export type NotApplicable = typeof NOT_APPLICABLE;
/** What a numeric cell holds once answered: a figure, or 不适用 where the cell allows it. */
export type CellValue = number | NotApplicable;

/** The largest figure a cell takes: a count or an amount in 万元 beyond this is a typing error. */
export const MAX_VALUE = 100_000_000;
/** The longest text a part of a report takes, in characters. */
export const MAX_TEXT = 20_000;
/** Decimals kept for amounts (万元). */
export const MAX_DECIMALS = 6;

/** The raw value at a cell's place, whatever it is (undefined where the report has nothing). */
export function readCell(report: unknown, cell: CellDef): unknown {
  let node: unknown = report;
  for (const key of cell.loc) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A cell's number; undefined when the report (e.g. a draft) does not have one there. A cell marked
 * 不适用 counts as 0.
 */
export function getCell(report: unknown, cell: CellDef): number | undefined {
  const v = readCell(report, cell);
  return typeof v === 'number' ? v : v === NOT_APPLICABLE && cell.notApplicable ? 0 : undefined;
}

/** A cell's answer as kept: its number, or 不适用 where the cell allows it; undefined otherwise. */
export function cellEntry(report: unknown, cell: CellDef): CellValue | undefined {
  const v = readCell(report, cell);
  return typeof v === 'number' ? v : v === NOT_APPLICABLE && cell.notApplicable ? v : undefined;
}

/** Whether a cell is marked 不适用. */
export const isNotApplicable = (report: unknown, cell: CellDef): boolean =>
  cellEntry(report, cell) === NOT_APPLICABLE;

/** Writes a cell in place, creating the containers on the way. */
export function setCell(report: object, cell: CellDef, value: CellValue): void {
  let node = report as Record<string | number, unknown>;
  cell.loc.forEach((key, i) => {
    if (i === cell.loc.length - 1) {
      node[key] = value;
      return;
    }
    const nextIsIndex = typeof cell.loc[i + 1] === 'number';
    if (node[key] === null || typeof node[key] !== 'object') node[key] = nextIsIndex ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}

/** Removes a cell's value (an unanswered cell in a draft); array slots become null. */
export function clearCell(report: object, cell: CellDef): void {
  let node: unknown = report;
  for (const key of cell.loc.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === null || typeof node !== 'object') return;
  const last = cell.loc.at(-1)!;
  if (Array.isArray(node)) node[last as number] = null;
  else delete (node as Record<string | number, unknown>)[last];
}

/**
 * Why a value cannot stand in a cell, or null when it can: a count is a whole number, an amount any
 * number; both at least 0 and at most MAX_VALUE; 不适用 only where the cell allows it. The one
 * definition of a valid figure: the schema, the checker (rules 5 and 17), the form's saves and the
 * parsers all use it.
 */
export function cellProblem(
  cell: Pick<CellDef, 'kind' | 'notApplicable'>,
  value: unknown,
): 'type' | 'negative' | 'tooLarge' | 'notApplicable' | null {
  if (value === NOT_APPLICABLE) return cell.notApplicable ? null : 'notApplicable';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'type';
  if (cell.kind === 'count' && !Number.isInteger(value)) return 'type';
  if (value < 0) return 'negative';
  if (value > MAX_VALUE) return 'tooLarge';
  return null;
}

/** A report with every number 0 and every text empty. */
export function emptyReport(form: Form, org: Report['org'], year: number): Report {
  const report = {
    formVersion: form.version,
    org,
    year,
    s1: Object.fromEntries(form.s1.parts.map((p) => [p.id, ''])),
    s2: {},
    s3: {},
    s4: {},
    s5: '',
    s6: '',
  } as unknown as Report;
  for (const cell of form.cells) setCell(report, cell, 0);
  return report;
}

/** A text part's value (`s1.proactive`, `s5`); undefined when not written. */
export function getText(report: object, path: string): string | undefined {
  const [head, part] = path.split('.');
  const node = (report as Record<string, unknown>)[head!];
  const v =
    part === undefined
      ? node
      : node && typeof node === 'object'
        ? (node as Record<string, unknown>)[part]
        : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * Characters no document may hold (controls other than tab and line breaks, U+FFFE/U+FFFF, halves of
 * a surrogate pair): a Word file with one does not open.
 */
const UNSHOWABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text as it may be stored and shown: without the characters no document can hold. */
export function showableText(text: string): string {
  return text.replace(UNSHOWABLE, '');
}

/** Writes a text part (creating section 一's object when needed), without unshowable characters. */
export function setText(report: object, path: string, text: string): void {
  const value = showableText(text);
  const r = report as Record<string, unknown>;
  const [head, part] = path.split('.');
  if (part === undefined) r[head!] = value;
  else r[head!] = { ...((r[head!] as object | undefined) ?? {}), [part]: value };
}

/** Removes a text part (unanswered). */
export function clearText(report: object, path: string): void {
  const r = report as Record<string, unknown>;
  const [head, part] = path.split('.');
  if (part === undefined) delete r[head!];
  else if (r[head!] && typeof r[head!] === 'object') delete (r[head!] as Record<string, unknown>)[part];
}

/** `s3.granted[2]`: a table 三 cell's path. */
export const s3Path = (row: string, col: number): string => `s3.${row}[${col}]`;
/** `s4.review.total`: a table 四 cell's path. */
export const s4Path = (group: string, field: string): string => `s4.${group}.${field}`;
