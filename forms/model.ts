// The shape of one report (`report.json`), derived from the definition's ids, and the catalogue of
// its numeric cells: one path notation (`s2.rules.issued`, `s3.granted[2]`, `s4.review.total`)
// used by the schema, the checker, the chat flow, the web form and the exports.
import {
  FORM_VERSION,
  S1_PARTS,
  S2_TABLES,
  S3_COLUMNS,
  S3_ROWS,
  S3_TOTAL_COLUMN,
  S4_FIELDS,
  S4_GROUPS,
  type OrgKind,
  type S1PartId,
  type S3RowId,
  type S4FieldId,
  type S4GroupId,
  type ValueKind,
} from './report-2021';

export interface TripleCounts {
  issued: number;
  repealed: number;
  inForce: number;
}
export interface S2 {
  rules: TripleCounts;
  normativeDocs: TripleCounts;
  licensing: number;
  penalties: number;
  enforcement: number;
  /** 万元, decimal, kept with the precision typed. */
  fees: number;
}
export type S4Group = Record<S4FieldId, number>;

export interface Report {
  formVersion: typeof FORM_VERSION;
  org: { name: string; kind?: OrgKind };
  year: number;
  s1: Record<S1PartId, string>;
  s2: S2;
  /** Each row: 7 numbers in column order, 总计 last. */
  s3: Record<S3RowId, number[]>;
  s4: Record<S4GroupId, S4Group>;
  s5: string;
  s6: string;
}

export type CellPath = string;

export interface CellDef {
  path: CellPath;
  section: 's2' | 's3' | 's4';
  kind: ValueKind;
  /** Where it sits in report.json, e.g. ['s3', 'granted', 2]. */
  loc: readonly (string | number)[];
  /** The full label, as a person would name the cell. */
  label: string;
  /** Totals are derived from entered cells and never asked. */
  computed: boolean;
  /** Kinds of body asked for it; absent: every kind. */
  askedOf?: readonly OrgKind[];
}

function s2Cells(): CellDef[] {
  const cells: CellDef[] = [];
  for (const table of S2_TABLES) {
    for (const row of table.rows) {
      const askedOf = 'askedOf' in row ? row.askedOf : undefined;
      if ('columns' in table) {
        for (const col of table.columns) {
          cells.push({
            path: `s2.${row.id}.${col.key}`,
            section: 's2',
            kind: 'count',
            loc: ['s2', row.id, col.key],
            label: `${row.label}·${col.label}`,
            computed: false,
            askedOf,
          });
        }
      } else {
        cells.push({
          path: `s2.${row.id}`,
          section: 's2',
          kind: table.single.kind,
          loc: ['s2', row.id],
          label: `${row.label}·${table.single.label}`,
          computed: false,
          askedOf,
        });
      }
    }
  }
  return cells;
}

function s3Cells(): CellDef[] {
  return S3_ROWS.flatMap((row) =>
    S3_COLUMNS.map((col, i) => ({
      path: `s3.${row.id}[${i}]`,
      section: 's3' as const,
      kind: 'count' as const,
      loc: ['s3', row.id, i],
      label: `${row.short}·${col.short}`,
      computed: row.role === 'total' || i === S3_TOTAL_COLUMN,
    })),
  );
}

function s4Cells(): CellDef[] {
  return S4_GROUPS.flatMap((g) =>
    S4_FIELDS.map((f) => ({
      path: `s4.${g.id}.${f.id}`,
      section: 's4' as const,
      kind: 'count' as const,
      loc: ['s4', g.id, f.id],
      label: `${g.short}·${f.label}`,
      computed: f.id === 'total',
    })),
  );
}

/** Every numeric cell of the report, in the order of the published tables. */
export const CELLS: readonly CellDef[] = [...s2Cells(), ...s3Cells(), ...s4Cells()];
export const CELL_BY_PATH: ReadonlyMap<CellPath, CellDef> = new Map(CELLS.map((c) => [c.path, c]));

/** Cells a person enters (everything but totals). */
export const ENTERED_CELLS = CELLS.filter((c) => !c.computed);

export function s3Path(row: S3RowId, col: number): CellPath {
  return `s3.${row}[${col}]`;
}
export function s4Path(group: S4GroupId, field: S4FieldId): CellPath {
  return `s4.${group}.${field}`;
}

/** Reads a cell; undefined when the report (e.g. a draft) does not have it. */
export function getCell(report: unknown, cell: CellDef): number | undefined {
  let node: unknown = report;
  for (const key of cell.loc) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'number' ? node : undefined;
}

/** Writes a cell in place, creating the containers on the way. */
export function setCell(report: object, cell: CellDef, value: number): void {
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

/** A report with every number 0 and every text empty. */
export function emptyReport(org: Report['org'], year: number): Report {
  const report = {
    formVersion: FORM_VERSION,
    org,
    year,
    s1: Object.fromEntries(S1_PARTS.map((p) => [p.id, ''])),
    s2: {},
    s3: {},
    s4: {},
    s5: '',
    s6: '',
  } as unknown as Report;
  for (const cell of CELLS) setCell(report, cell, 0);
  return report;
}
