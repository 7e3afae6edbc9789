// Edits from the web form, merged cell by cell into the draft as it is now. Each edit carries the
// value it was based on: where nobody else changed that cell (or changed it the same way) the edit
// applies; where someone did, it is a conflict for the person to resolve, never a silent overwrite.
import type { Form } from '../../forms';
import {
  cellProblem,
  clearCell,
  clearText,
  cellEntry,
  getText,
  MAX_TEXT,
  setCell,
  setText,
  type CellValue,
} from '../../forms/model';
import {
  applyAnswer,
  FLOW_PATHS,
  flowKey,
  isFlowPath,
  widenAnswers,
  wipedBy,
  type FlowPath,
  type FlowValue,
} from './answers';
import { fillTotals } from './compute';
import { EDIT_COPY as T } from './copy';
import { setCells, type Changes, type Draft, type DraftReport } from './draft';

export type Value = number | string | boolean | number[] | string[] | null;
/** path → [the value it was based on, the new value]. */
export type Edits = Record<string, [Value, Value]>;

export interface Conflict {
  path: string;
  mine: Value;
  theirs: Value;
}

/** At most this many edits in one save (a whole section of table 三 is 150 cells). */
const MAX_EDITS = 400;

const same = (a: Value, b: Value) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isText = (form: Form, path: string) => form.textPaths.includes(path);

/** The value of a path in the draft, as the form sees it (null when unanswered). */
function valueAt(form: Form, draft: Draft, path: string): Value {
  if (isText(form, path)) return getText(draft.report, path) ?? null;
  if (isFlowPath(path)) return (draft.flow[flowKey(path)] as Value | undefined) ?? null;
  const cell = form.cellByPath.get(path);
  return cell ? (cellEntry(draft.report, cell) ?? null) : null;
}

/** Every value the form shows: entered cells, texts and the flow's answers. */
export function formValues(form: Form, draft: Draft): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const cell of form.entered) out[cell.path] = valueAt(form, draft, cell.path);
  for (const path of form.textPaths) out[path] = valueAt(form, draft, path);
  for (const path of FLOW_PATHS) out[path] = valueAt(form, draft, path);
  return out;
}

/** A list of distinct choices, each one of `allowed`. */
function choiceList(v: Value, allowed: readonly unknown[]): boolean {
  if (!Array.isArray(v)) return false;
  const items = v as readonly unknown[];
  return (
    items.length <= allowed.length &&
    new Set(items).size === items.length &&
    items.every((x) => allowed.includes(x))
  );
}

function validFlow(form: Form, path: FlowPath, v: Value): boolean {
  if (v === null) return true;
  switch (path) {
    case 'flow.s3Any':
    case 'flow.s4Any':
      return typeof v === 'boolean';
    case 'flow.s3Columns':
      return choiceList(v, form.s3Index.applicants);
    case 'flow.s3Rows':
      return choiceList(
        v,
        form.s3Index.results.map((r) => r.id),
      );
    case 'flow.s4Groups':
      return choiceList(
        v,
        form.s4.groups.map((g) => g.id),
      );
  }
}

function validValue(form: Form, path: string, v: Value): string | null {
  if (isText(form, path)) {
    return v === null || (typeof v === 'string' && v.length <= MAX_TEXT) ? null : T.text(path, MAX_TEXT);
  }
  if (isFlowPath(path)) return validFlow(form, path, v) ? null : T.flow(path);
  const cell = form.cellByPath.get(path);
  if (cell === undefined || cell.computed) return T.unknownPath(path);
  const problem = v === null ? null : cellProblem(cell, v);
  if (problem === null) return null;
  if (problem === 'notApplicable') return T.notApplicable(cell.label);
  return cell.kind === 'count' ? T.count(cell.label) : T.amount(cell.label);
}

/** Checks a whole set of edits; the first problem, in Chinese, or null. */
export function validateEdits(
  form: Form,
  edits: unknown,
): { ok: true; edits: Edits } | { ok: false; message: string } {
  if (edits === null || typeof edits !== 'object' || Array.isArray(edits))
    return { ok: false, message: T.shape };
  const entries = Object.entries(edits as Record<string, unknown>);
  if (entries.length > MAX_EDITS) return { ok: false, message: T.tooMany };
  for (const [path, pair] of entries) {
    if (!Array.isArray(pair) || pair.length !== 2) return { ok: false, message: T.shape };
    // The value an edit was based on is bounded by the definition as strictly as the new one — but a
    // text's base only as long as the body limit allows: a text stored before today's limit can then
    // still be shortened.
    const base = isText(form, path) && typeof pair[0] === 'string' ? null : (pair[0] as Value);
    const problem = validValue(form, path, pair[1] as Value) ?? validValue(form, path, base);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, edits: edits as Edits };
}

function setValue(form: Form, draft: Draft, path: string, v: Value): void {
  if (isText(form, path)) {
    if (v === null) clearText(draft.report, path);
    else setText(draft.report, path, v as string);
    return;
  }
  if (isFlowPath(path)) {
    applyAnswer(form, draft, flowKey(path), v as FlowValue);
    return;
  }
  const cell = form.cellByPath.get(path)!;
  if (v === null) {
    clearCell(draft.report, cell);
    fillTotals(form, draft.report);
  } else {
    setCells(form, draft, { [path]: v as CellValue });
  }
}

export interface Merged {
  draft: Draft;
  changes: Changes;
  conflicts: Conflict[];
}

/** Applies the edits that do not clash with someone else's change; reports those that do. */
export function mergeEdits(form: Form, current: Draft, edits: Edits): Merged {
  const draft = structuredClone(current);
  const changes: Changes = {};
  const conflicts: Conflict[] = [];
  // Flow answers first: they zero whole columns, which typed figures may then fill.
  const ordered = Object.entries(edits).sort(([a], [b]) => Number(isFlowPath(b)) - Number(isFlowPath(a)));
  for (const [path, [base, mine]] of ordered) {
    const theirs = valueAt(form, draft, path);
    if (same(theirs, mine)) continue;
    // An answer that would zero figures the editor did not see (entered elsewhere meanwhile, and
    // not set to 0 by this same save) is a conflict, never a silent wipe.
    const wipes =
      isFlowPath(path) &&
      wipedBy(form, draft, flowKey(path), mine as FlowValue).some((p) => !(edits[p] && edits[p]![1] === 0));
    if (!same(theirs, base) || wipes) {
      conflicts.push({ path, mine, theirs });
      continue;
    }
    setValue(form, draft, path, mine);
    changes[path] = [theirs, mine];
  }
  widenAnswers(form, draft);
  return { draft, changes, conflicts };
}

/** A draft holding exactly the given form values (for the browser's live totals and checks). */
export function draftFromValues(
  form: Form,
  base: Pick<DraftReport, 'org' | 'year'>,
  values: Record<string, Value>,
): Draft {
  const draft: Draft = { report: { formVersion: form.version, org: base.org, year: base.year }, flow: {} };
  for (const path of Object.keys(values)) {
    const v = values[path];
    if (v === null || v === undefined) continue;
    if (isText(form, path)) setText(draft.report, path, v as string);
    else if (isFlowPath(path)) (draft.flow as Record<string, unknown>)[flowKey(path)] = v;
    else {
      const cell = form.cellByPath.get(path);
      if (cell && !cell.computed && cellProblem(cell, v) === null)
        setCell(draft.report, cell, v as CellValue);
    }
  }
  fillTotals(form, draft.report);
  return draft;
}
