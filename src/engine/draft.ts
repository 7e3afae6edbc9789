// A draft: the report as far as it has been answered (a cell is present once answered) plus the
// answers to the flow's own questions (does this body have applications? which applicants?).
// Pure helpers to read and change it, shared by the chat flow, the web form and the API.
import type { CellPath, Form, OrgKind } from '../../forms';
import {
  cellEntry,
  emptyReport,
  getCell,
  getText,
  setCell,
  setText,
  type CellValue,
  type Report,
} from '../../forms/model';
import { fillTotals } from './compute';

export interface FlowAnswers {
  /** Table 三 has applications (this year or carried over). */
  s3Any?: boolean;
  /** Applicant columns with applications (indices into the columns). */
  s3Columns?: number[];
  /** Result rows that occurred. */
  s3Rows?: string[];
  /** Table 四 has cases. */
  s4Any?: boolean;
  s4Groups?: string[];
}

export type DraftReport = Partial<Report> & Pick<Report, 'formVersion' | 'org' | 'year'>;

export interface Draft {
  report: DraftReport;
  flow: FlowAnswers;
}

/** Cell changes of one edit: path → [before, after]. */
export type Changes = Record<string, [unknown, unknown]>;

/** A new, empty draft. Cells a body of this kind is not asked (规章 outside provinces and cities) are 0 by law. */
export function newDraft(form: Form, org: { name: string; kind: OrgKind }, year: number): Draft {
  const draft: Draft = { report: { formVersion: form.version, org, year }, flow: {} };
  for (const cell of form.cells)
    if (cell.askedOf && !cell.askedOf.includes(org.kind)) setCell(draft.report, cell, 0);
  return draft;
}

export function cellValue(form: Form, report: DraftReport, path: CellPath): number | undefined {
  const cell = form.cellByPath.get(path);
  return cell ? getCell(report, cell) : undefined;
}

/** Sets cells (keeping totals computed) and returns what changed. */
export function setCells(form: Form, draft: Draft, values: Record<CellPath, CellValue>): Changes {
  const changes: Changes = {};
  for (const [path, value] of Object.entries(values)) {
    const cell = form.cellByPath.get(path)!;
    const before = cellEntry(draft.report, cell);
    if (before !== value) changes[path] = [before ?? null, value];
    setCell(draft.report, cell, value);
  }
  fillTotals(form, draft.report);
  return changes;
}

/** Entered cells not answered yet. */
export function missingCells(form: Form, report: DraftReport): CellPath[] {
  return form.entered.filter((c) => getCell(report, c) === undefined).map((c) => c.path);
}

/** The draft as a complete report.json: unanswered cells 0, texts empty, totals computed. */
export function toReport(form: Form, draft: Draft): Report {
  const full = emptyReport(form, draft.report.org, draft.report.year);
  for (const cell of form.cells) {
    const v = cellEntry(draft.report, cell);
    if (v !== undefined) setCell(full, cell, v);
  }
  for (const path of form.textPaths) setText(full, path, getText(draft.report, path) ?? '');
  return fillTotals(form, full);
}
