// A draft: the report as far as it has been answered (a cell is present once answered) plus the
// answers to the flow's own questions (does this body have applications? which applicants?).
// Pure helpers to read and change it, shared by the chat flow, the web form and the API.
import {
  CELLS,
  CELL_BY_PATH,
  emptyReport,
  getCell,
  s3Path,
  s4Path,
  setCell,
  type CellPath,
  type Report,
} from '../../forms/model';
import {
  S1_PARTS,
  S3_APPLICANT_COLUMNS,
  S3_ROWS,
  S3_TOTAL_COLUMN,
  S4_FIELDS,
  S4_GROUPS,
  type OrgKind,
  type S3RowId,
  type S4GroupId,
} from '../../forms/report-2021';
import { fillTotals } from './compute';

export interface FlowAnswers {
  /** Table 三 has applications (this year or carried over). */
  s3Any?: boolean;
  /** Applicant columns (0–5) with applications. */
  s3Columns?: number[];
  /** Result rows that occurred. */
  s3Rows?: S3RowId[];
  /** Table 四 has cases. */
  s4Any?: boolean;
  s4Groups?: S4GroupId[];
}

export type DraftReport = Partial<Report> & Pick<Report, 'formVersion' | 'org' | 'year'>;

export interface Draft {
  report: DraftReport;
  flow: FlowAnswers;
}

export type TextPath = `s1.${(typeof S1_PARTS)[number]['id']}` | 's5' | 's6';
export const TEXT_PATHS: readonly TextPath[] = [...S1_PARTS.map((p) => `s1.${p.id}` as TextPath), 's5', 's6'];

/** Cell changes of one edit: path → [before, after]. */
export type Changes = Record<string, [unknown, unknown]>;

/** A new, empty draft. Cells a body of this kind is not asked (规章 outside provinces and cities) are 0 by law. */
export function newDraft(org: { name: string; kind: OrgKind }, year: number): Draft {
  const draft: Draft = { report: { formVersion: '2021', org, year }, flow: {} };
  for (const cell of CELLS)
    if (cell.askedOf && !cell.askedOf.includes(org.kind)) setCell(draft.report, cell, 0);
  return draft;
}

export function getText(report: DraftReport, path: TextPath): string | undefined {
  if (path === 's5' || path === 's6') return report[path];
  return report.s1?.[path.slice(3) as keyof Report['s1']];
}

export function setText(report: DraftReport, path: TextPath, value: string): void {
  if (path === 's5' || path === 's6') report[path] = value;
  else report.s1 = { ...(report.s1 ?? {}), [path.slice(3)]: value } as Report['s1'];
}

export function cellValue(report: DraftReport, path: CellPath): number | undefined {
  return getCell(report, CELL_BY_PATH.get(path)!);
}

/** Sets cells (keeping totals computed) and returns what changed. */
export function setCells(draft: Draft, values: Record<CellPath, number>): Changes {
  const changes: Changes = {};
  for (const [path, value] of Object.entries(values)) {
    const cell = CELL_BY_PATH.get(path)!;
    const before = getCell(draft.report, cell);
    if (before !== value) changes[path] = [before ?? null, value];
    setCell(draft.report, cell, value);
  }
  fillTotals(draft.report);
  return changes;
}

/** Entered cells not answered yet. */
export function missingCells(report: DraftReport): CellPath[] {
  return CELLS.filter((c) => !c.computed && getCell(report, c) === undefined).map((c) => c.path);
}

/** The draft as a complete report.json: unanswered cells 0, texts empty, totals computed. */
export function toReport(draft: Draft): Report {
  const full = emptyReport(draft.report.org, draft.report.year);
  for (const cell of CELLS) {
    const v = getCell(draft.report, cell);
    if (v !== undefined) setCell(full, cell, v);
  }
  for (const path of TEXT_PATHS) setText(full, path, getText(draft.report, path) ?? '');
  return fillTotals(full);
}

/** A draft holding a whole report (imported, or last year's), every cell answered; the flow's
 *  own answers are read off the figures so that editing it asks the right questions. */
export function draftFromReport(report: Report): Draft {
  const r = structuredClone(report);
  const nonZero = (row: number[]) => row.slice(0, S3_TOTAL_COLUMN).some((v) => v > 0);
  const s3Columns = S3_APPLICANT_COLUMNS.filter((c) =>
    S3_ROWS.some((row) => row.role !== 'total' && r.s3[row.id][c]! > 0),
  );
  const s3Rows = S3_ROWS.filter((row) => row.role === 'result' && nonZero(r.s3[row.id])).map((row) => row.id);
  const s4Groups = S4_GROUPS.filter((g) => S4_FIELDS.some((f) => r.s4[g.id][f.id] > 0)).map((g) => g.id);
  const flow: FlowAnswers = {
    s3Any: s3Columns.length > 0,
    s3Columns: [...s3Columns],
    s3Rows,
    s4Any: s4Groups.length > 0,
    s4Groups,
  };
  return { report: r, flow };
}

/**
 * Zeroes table 三 outside the applicant columns (and, when given, the result rows) that occurred:
 * how "no applications" or "only 自然人" becomes figures.
 */
export function zeroApplications(
  draft: Draft,
  keepColumns: readonly number[],
  keepRows: readonly string[] | null,
): Changes {
  const values: Record<string, number> = {};
  for (const row of S3_ROWS) {
    if (row.role === 'total') continue;
    for (const c of S3_APPLICANT_COLUMNS) {
      const columnKept = keepColumns.includes(c);
      const rowKept = row.role !== 'result' || keepRows === null || keepRows.includes(row.id);
      if (!columnKept || !rowKept) values[s3Path(row.id, c)] = 0;
    }
  }
  return setCells(draft, values);
}

/** Zeroes table 四 outside the groups of cases that occurred. */
export function zeroCases(draft: Draft, keepGroups: readonly string[]): Changes {
  const values: Record<string, number> = {};
  for (const g of S4_GROUPS) {
    if (keepGroups.includes(g.id)) continue;
    for (const f of S4_FIELDS) if (f.id !== 'total') values[s4Path(g.id, f.id)] = 0;
  }
  return setCells(draft, values);
}
