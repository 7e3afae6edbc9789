// What the flow's own answers mean for the figures, in one place: "no applications", the applicant
// columns and outcomes that occurred, "no cases" and the groups of cases each rule cells out (they
// are 0); figures typed elsewhere imply answers; 「本节其余为0」 fills blanks. The chat flow, the form's
// merge, the no-script form and the browser script all call these.
import type { CellDef, CellPath, Form } from '../../forms';
import { getCell, type Report } from '../../forms/model';
import { setCells, type Changes, type Draft, type FlowAnswers } from './draft';

export const FLOW_PATHS = [
  'flow.s3Any',
  'flow.s3Columns',
  'flow.s3Rows',
  'flow.s4Any',
  'flow.s4Groups',
] as const;
export type FlowPath = (typeof FLOW_PATHS)[number];
export type FlowKey = keyof FlowAnswers;
export type FlowValue = boolean | number[] | string[] | null;

export const flowKey = (path: FlowPath) => path.slice(5) as FlowKey;
export const isFlowPath = (path: string): path is FlowPath =>
  (FLOW_PATHS as readonly string[]).includes(path);

const sectionOf = (key: FlowKey) => (key.startsWith('s3') ? 's3' : 's4');
const nonZero = (v: number | undefined) => v !== undefined && v !== 0;

/** Applicant columns, result rows and groups of cases that hold a non-zero figure. */
export function figuresInUse(
  form: Form,
  report: object,
): { columns: number[]; rows: string[]; groups: string[] } {
  const s3 = form.cellsOf('s3').filter((c) => !c.computed && nonZero(getCell(report, c)));
  const s4 = form.cellsOf('s4').filter((c) => !c.computed && nonZero(getCell(report, c)));
  const rowIsResult = (id: string) => form.s3Index.rowById.get(id)?.role === 'result';
  return {
    columns: form.s3Index.applicants.filter((col) => s3.some((c) => c.column === col)),
    rows: form.s3Index.results
      .map((r) => r.id)
      .filter((id) => rowIsResult(id) && s3.some((c) => c.row === id)),
    groups: form.s4.groups.map((g) => g.id).filter((id) => s4.some((c) => c.row === id)),
  };
}

/** The answers a whole report implies (an imported report, last year's). */
function answersFromFigures(form: Form, report: object): FlowAnswers {
  const used = figuresInUse(form, report);
  return {
    s3Any: used.columns.length > 0,
    s3Columns: used.columns,
    s3Rows: used.rows,
    s4Any: used.groups.length > 0,
    s4Groups: used.groups,
  };
}

/** A draft holding a whole report (imported, or last year's), every cell answered; the flow's
 *  own answers are read off the figures so that editing it asks the right questions. */
export function draftFromReport(form: Form, report: Report): Draft {
  return { report: structuredClone(report), flow: answersFromFigures(form, report) };
}

/** Brings the answers in step with figures typed in the form, only ever widening them. */
export function widenAnswers(form: Form, draft: Draft): void {
  const used = figuresInUse(form, draft.report);
  const flow = draft.flow;
  if (used.columns.length > 0) {
    flow.s3Any = true;
    flow.s3Columns = [...new Set([...(flow.s3Columns ?? []), ...used.columns])].sort((a, b) => a - b);
    if (flow.s3Rows) flow.s3Rows = [...new Set([...flow.s3Rows, ...used.rows])];
  }
  if (used.groups.length > 0) {
    flow.s4Any = true;
    flow.s4Groups = [...new Set([...(flow.s4Groups ?? []), ...used.groups])];
  }
}

/** The entered cells of a section that the answers rule out: they are 0. */
export function ruledOut(form: Form, flow: FlowAnswers, section: 's3' | 's4'): CellDef[] {
  const cells = form.cellsOf(section).filter((c) => !c.computed);
  if (section === 's3') {
    if (flow.s3Any === false) return cells;
    return cells.filter((c) => {
      const column = flow.s3Columns && !flow.s3Columns.includes(c.column as number);
      const row =
        flow.s3Rows && form.s3Index.rowById.get(c.row)?.role === 'result' && !flow.s3Rows.includes(c.row);
      return column || row;
    });
  }
  if (flow.s4Any === false) return cells;
  return flow.s4Groups ? cells.filter((c) => !flow.s4Groups!.includes(c.row)) : [];
}

/** The answers after one more: "no" also answers which columns, outcomes or groups (none). */
export function withAnswer(flow: FlowAnswers, key: FlowKey, value: FlowValue): FlowAnswers {
  const next = { ...flow } as Record<string, unknown>;
  if (value === null) delete next[key];
  else next[key] = value;
  if (key === 's3Any' && value === false) {
    next.s3Columns = [];
    next.s3Rows = [];
  }
  if (key === 's4Any' && value === false) next.s4Groups = [];
  return next as FlowAnswers;
}

/** Records an answer and sets to 0 the cells it rules out; returns the cells that changed. */
export function applyAnswer(form: Form, draft: Draft, key: FlowKey, value: FlowValue): Changes {
  draft.flow = withAnswer(draft.flow, key, value);
  const zeros = Object.fromEntries(ruledOut(form, draft.flow, sectionOf(key)).map((c) => [c.path, 0]));
  return setCells(form, draft, zeros);
}

/** Cells holding a figure other than 0 that an answer would set to 0 (to ask before wiping them). */
export function wipedBy(form: Form, draft: Draft, key: FlowKey, value: FlowValue): CellPath[] {
  const after = withAnswer(draft.flow, key, value);
  return ruledOut(form, after, sectionOf(key))
    .filter((c) => nonZero(getCell(draft.report, c)))
    .map((c) => c.path);
}

/** Fills with 0 the cells among `paths` that have no figure yet, never one that has. */
export function fillBlanks(form: Form, draft: Draft, paths: readonly CellPath[]): Changes {
  const blanks = paths.filter((p) => getCell(draft.report, form.cellByPath.get(p)!) === undefined);
  return setCells(form, draft, Object.fromEntries(blanks.map((p) => [p, 0])));
}
