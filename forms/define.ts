// The shape of one version of the national format, and everything derived from it once: the cell
// catalogue (one path per numeric cell), the sum equations of rules 1–4, the text parts, the
// section headings and the asking order. A version file (report-2021.ts) writes only data; every
// other part of the project reads a `Form` and lists no cell, row or column itself.
import type { OrgKind } from './kinds';

export type ValueKind = 'count' | 'amount';
export type SectionId = 's1' | 's2' | 's3' | 's4' | 's5' | 's6';

export interface SectionData {
  id: SectionId;
  no: string;
  title: string;
}
export interface TextPartData {
  id: string;
  heading: string;
  hint: string;
}
export interface S2Column {
  key: string;
  label: string;
}
export interface S2Row {
  id: string;
  label: string;
  /** Kinds of body asked for this row; others have it as 0 by law. Absent: every kind. */
  askedOf?: readonly OrgKind[];
  hint?: string;
}
export interface S2Table {
  heading: string;
  columnHeading: string;
  /** Present when each row has several numbers; absent when a row is one number. */
  columns?: readonly S2Column[];
  single?: { label: string; kind: ValueKind };
  rows: readonly S2Row[];
}
export interface S3Column {
  id: string;
  label: string;
  /** Short name used in sentences ("自然人列"). */
  short: string;
  /** Columns under one shared header cell (法人或其他组织). */
  group?: string;
  /** The 总计 column: the sum of the others, computed. */
  total?: true;
}
export type S3Role = 'intake' | 'result' | 'total' | 'carryForward';
export interface S3Row {
  id: string;
  label: string;
  /** Short name used in sentences ("新收 3 + 上年结转 1"). */
  short: string;
  /** 'result' rows are the 办理结果 that add up to `total`. */
  role: S3Role;
  /** The sub-group of results it is printed under (（三）不予公开 …). */
  group?: string;
}
export interface S4Group {
  id: string;
  /** Its own header cell, printed only when its heading holds several groups. */
  label: string;
  short: string;
  /** The top header cell it sits under (行政复议, 行政诉讼). */
  heading: string;
}
export interface S4Field {
  id: string;
  label: string;
  /** The group's 总计: the sum of the others, computed. */
  total?: true;
}

/** What a version file writes. */
export interface FormData {
  version: string;
  /** The first reporting year this version is used for. */
  since: number;
  titleSuffix: string;
  sections: readonly SectionData[];
  s1: { parts: readonly TextPartData[] };
  s2: {
    tables: readonly S2Table[];
    /**
     * Whether a cell of table 二 may be marked 不适用 (“/” in published tables): a body without the
     * power a row is about (规章, 行政许可, 收费 …). Such a cell is printed as “/” and counts as 0.
     */
    notApplicable: boolean;
  };
  s3: {
    note: string;
    columnHeading: string;
    columns: readonly S3Column[];
    /** Labels of column groups, by group id. */
    columnGroups: Readonly<Record<string, string>>;
    /** The vertical label of the result rows. */
    resultsHeading: string;
    /** Labels of the result sub-groups, by group id, in printed order. */
    groups: Readonly<Record<string, string>>;
    rows: readonly S3Row[];
  };
  s4: { groups: readonly S4Group[]; fields: readonly S4Field[] };
  s5: { hint: string };
  s6: { hint: string; /** The standard sentence when no fees were charged. */ noFees: string };
  /** How the chat asks: questions per intake row, and the results offered as one-tap answers. */
  ask: {
    s3Rows: Readonly<Record<string, string>>;
    commonResults: readonly string[];
  };
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
  /** Table 二 row, table 三 row, or table 四 group it belongs to (where findings are shown). */
  row: string;
  /** It may be marked 不适用 (“/”), which counts as 0; otherwise only a figure stands in it. */
  notApplicable: boolean;
  /** Table 三 column index, table 四 field id, table 二 column key (or undefined). */
  column?: number | string;
}

export interface Term {
  path: CellPath;
  short: string;
}

/** sum(left) must equal sum(right). When `computes` is set, left is that one total cell. */
export interface Equation {
  rule: 1 | 2 | 3 | 4;
  /** Where the equation lives, as a person would say it: "自然人列", "「新收」行", "行政复议". */
  scope: string;
  left: Term[];
  right: Term[];
  computes?: CellPath;
}

export interface TextPart {
  /** `s1.proactive`, `s5`, `s6`. */
  path: string;
  section: SectionId;
  /** The sub-heading printed above it (（一）主动公开), '' for a section that is one text. */
  heading: string;
  /** How a person names it in a message: the sub-heading, or the section heading. */
  name: string;
  hint: string;
}

export interface Choice {
  key: string;
  no: number;
  label: string;
}

/** A version of the format with everything the project derives from it. */
export interface Form extends FormData {
  /** `一、总体情况`, by section id. */
  heading(id: SectionId): string;
  title(orgName: string, year: number): string;
  cells: readonly CellDef[];
  cellByPath: ReadonlyMap<CellPath, CellDef>;
  /** Cells a person enters (everything but totals). */
  entered: readonly CellDef[];
  /** The numeric cells of each section, in printed order. */
  cellsOf(section: 's2' | 's3' | 's4'): readonly CellDef[];
  texts: readonly TextPart[];
  textPaths: readonly string[];
  equations: readonly Equation[];
  /** The equations that define a computed cell, in evaluation order. */
  computed: readonly (Equation & { computes: CellPath })[];
  /** The same equations by the cell each computes. */
  computedBy: ReadonlyMap<CellPath, Equation & { computes: CellPath }>;
  s3Index: {
    total: number;
    applicants: readonly number[];
    results: readonly S3Row[];
    rowById: ReadonlyMap<string, S3Row>;
  };
  /** Choices the chat offers: applicant columns, result rows, groups of cases. */
  choices: { s3Columns: readonly Choice[]; s3Rows: readonly Choice[]; s4Groups: readonly Choice[] };
}

const s3Path = (row: string, col: number): CellPath => `s3.${row}[${col}]`;
const s4Path = (group: string, field: string): CellPath => `s4.${group}.${field}`;

function s2Cells(data: FormData): CellDef[] {
  return data.s2.tables.flatMap((table) =>
    table.rows.flatMap((row): CellDef[] =>
      table.columns
        ? table.columns.map((col) => ({
            path: `s2.${row.id}.${col.key}`,
            section: 's2',
            kind: 'count',
            loc: ['s2', row.id, col.key],
            label: `${row.label}·${col.label}`,
            computed: false,
            askedOf: row.askedOf,
            row: row.id,
            notApplicable: data.s2.notApplicable,
            column: col.key,
          }))
        : [
            {
              path: `s2.${row.id}`,
              section: 's2',
              kind: table.single?.kind ?? 'count',
              loc: ['s2', row.id],
              label: `${row.label}·${table.single?.label ?? ''}`,
              computed: false,
              askedOf: row.askedOf,
              row: row.id,
              notApplicable: data.s2.notApplicable,
            },
          ],
    ),
  );
}

function s3Cells(data: FormData): CellDef[] {
  return data.s3.rows.flatMap((row) =>
    data.s3.columns.map((col, i) => ({
      path: s3Path(row.id, i),
      section: 's3' as const,
      kind: 'count' as const,
      loc: ['s3', row.id, i],
      label: `${row.short}·${col.short}`,
      computed: row.role === 'total' || col.total === true,
      row: row.id,
      notApplicable: false,
      column: i,
    })),
  );
}

function s4Cells(data: FormData): CellDef[] {
  return data.s4.groups.flatMap((g) =>
    data.s4.fields.map((f) => ({
      path: s4Path(g.id, f.id),
      section: 's4' as const,
      kind: 'count' as const,
      loc: ['s4', g.id, f.id],
      label: `${g.short}·${f.label}`,
      computed: f.total === true,
      row: g.id,
      notApplicable: false,
      column: f.id,
    })),
  );
}

/**
 * Every sum equation of rules 1–4. Rule 1 comes before rule 2 so that computing totals in this
 * order fills the row totals before the 总计 row sums them.
 */
function equationsOf(data: FormData, total: number, applicants: readonly number[]): Equation[] {
  const { columns, rows } = data.s3;
  const results = rows.filter((r) => r.role === 'result');
  const totalRow = rows.find((r) => r.role === 'total');
  const rowTotals: Equation[] = rows.map((row) => {
    const equation: Equation = {
      rule: 1,
      scope: `「${row.short}」行`,
      left: [{ path: s3Path(row.id, total), short: columns[total]!.short }],
      right: applicants.map((c) => ({ path: s3Path(row.id, c), short: columns[c]!.short })),
    };
    // The 总计 row's 总计 cell is computed once, by rule 2 down its column; here it is only checked.
    if (row.role !== 'total') equation.computes = s3Path(row.id, total);
    return equation;
  });
  const resultTotals: Equation[] = totalRow
    ? columns.map((col, c) => ({
        rule: 2,
        scope: `${col.short}列`,
        left: [{ path: s3Path(totalRow.id, c), short: totalRow.short }],
        right: results.map((r) => ({ path: s3Path(r.id, c), short: r.short })),
        computes: s3Path(totalRow.id, c),
      }))
    : [];
  const intake = rows.filter((r) => r.role === 'intake');
  const outcome = rows.filter((r) => r.role === 'total' || r.role === 'carryForward');
  const balance: Equation[] = columns.map((col, c) => ({
    rule: 3,
    scope: `${col.short}列`,
    left: intake.map((r) => ({ path: s3Path(r.id, c), short: r.short })),
    right: outcome.map((r) => ({ path: s3Path(r.id, c), short: r.short })),
  }));
  const totalField = data.s4.fields.find((f) => f.total);
  const s4Totals: Equation[] = totalField
    ? data.s4.groups.map((g) => ({
        rule: 4,
        scope: g.short,
        left: [{ path: s4Path(g.id, totalField.id), short: totalField.label }],
        right: data.s4.fields
          .filter((f) => !f.total)
          .map((f) => ({ path: s4Path(g.id, f.id), short: f.label })),
        computes: s4Path(g.id, totalField.id),
      }))
    : [];
  return [...rowTotals, ...resultTotals, ...balance, ...s4Totals];
}

function textsOf(data: FormData, heading: (id: SectionId) => string): TextPart[] {
  return [
    ...data.s1.parts.map((p) => ({
      path: `s1.${p.id}`,
      section: 's1' as const,
      heading: p.heading,
      name: p.heading,
      hint: p.hint,
    })),
    { path: 's5', section: 's5', heading: '', name: heading('s5'), hint: data.s5.hint },
    { path: 's6', section: 's6', heading: '', name: heading('s6'), hint: data.s6.hint },
  ];
}

/** Builds a version of the format from its data, deriving everything else once. */
export function defineForm(data: FormData): Form {
  const headings = new Map(data.sections.map((s) => [s.id, `${s.no}、${s.title}`]));
  const heading = (id: SectionId) => headings.get(id) ?? id;
  const cells = [...s2Cells(data), ...s3Cells(data), ...s4Cells(data)];
  const total = data.s3.columns.findIndex((c) => c.total);
  if (total < 0) throw new Error(`form ${data.version}: table 三 has no total column`);
  const applicants = data.s3.columns.map((_, i) => i).filter((i) => i !== total);
  const equations = equationsOf(data, total, applicants);
  const texts = textsOf(data, heading);
  const results = data.s3.rows.filter((r) => r.role === 'result');
  const bySection = (s: string) => cells.filter((c) => c.section === s);
  const cellsOfSection = { s2: bySection('s2'), s3: bySection('s3'), s4: bySection('s4') };
  const computed = equations.filter((e): e is Equation & { computes: CellPath } => e.computes !== undefined);
  return {
    ...data,
    heading,
    title: (orgName, year) => `${orgName}${year}${data.titleSuffix}`,
    cells,
    cellByPath: new Map(cells.map((c) => [c.path, c])),
    entered: cells.filter((c) => !c.computed),
    cellsOf: (section) => cellsOfSection[section],
    texts,
    textPaths: texts.map((t) => t.path),
    equations,
    computed,
    computedBy: new Map(computed.map((e) => [e.computes, e])),
    s3Index: {
      total,
      applicants,
      results,
      rowById: new Map(data.s3.rows.map((r) => [r.id, r])),
    },
    choices: {
      s3Columns: applicants.map((c, i) => ({
        key: String(c),
        no: i + 1,
        label: data.s3.columns[c]!.short,
      })),
      s3Rows: results.map((r, i) => ({ key: r.id, no: i + 1, label: r.short })),
      s4Groups: data.s4.groups.map((g, i) => ({ key: g.id, no: i + 1, label: g.short })),
    },
  };
}
