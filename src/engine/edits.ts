// Edits from the web form, merged cell by cell into the draft as it is now. Each edit carries the
// value it was based on: where nobody else changed that cell (or changed it the same way) the edit
// applies; where someone did, it is a conflict for the person to resolve, never a silent overwrite.
import { CELL_BY_PATH, getCell, setCell, type CellDef, type CellPath } from '../../forms/model';
import {
  S3_APPLICANT_COLUMNS,
  S3_ROWS,
  S4_FIELDS,
  S4_GROUPS,
  S3_TOTAL_COLUMN,
} from '../../forms/report-2021';
import { fillTotals } from './compute';
import {
  getText,
  setCells,
  setText,
  TEXT_PATHS,
  zeroApplications,
  zeroCases,
  type Changes,
  type Draft,
  type FlowAnswers,
  type TextPath,
} from './draft';
import { EDIT_COPY as T } from './copy';

export type Value = number | string | boolean | number[] | string[] | null;
/** path → [the value it was based on, the new value]. */
export type Edits = Record<string, [Value, Value]>;

export interface Conflict {
  path: string;
  mine: Value;
  theirs: Value;
}

export const FLOW_PATHS = ['flow.s3Any', 'flow.s3Columns', 'flow.s4Any', 'flow.s4Groups'] as const;
type FlowPath = (typeof FLOW_PATHS)[number];

const MAX_TEXT = 20_000;
const S3_ROW_IDS = new Set<string>(S3_ROWS.map((r) => r.id));
const S4_GROUP_IDS = new Set<string>(S4_GROUPS.map((g) => g.id));

const same = (a: Value, b: Value) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The value of a path in the draft, as the form sees it (null when unanswered). */
export function valueAt(draft: Draft, path: string): Value {
  if ((TEXT_PATHS as readonly string[]).includes(path))
    return getText(draft.report, path as TextPath) ?? null;
  if (path.startsWith('flow.')) {
    const v = draft.flow[path.slice(5) as keyof FlowAnswers];
    return v === undefined ? null : (v as Value);
  }
  const cell = CELL_BY_PATH.get(path);
  return cell ? (getCell(draft.report, cell) ?? null) : null;
}

/** Every value the form shows: entered cells, texts and the flow's answers. */
export function formValues(draft: Draft): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [path, cell] of CELL_BY_PATH) if (!cell.computed) out[path] = valueAt(draft, path);
  for (const path of TEXT_PATHS) out[path] = valueAt(draft, path);
  for (const path of FLOW_PATHS) out[path] = valueAt(draft, path);
  return out;
}

function validValue(path: string, v: Value): string | null {
  if ((TEXT_PATHS as readonly string[]).includes(path)) {
    return v === null || (typeof v === 'string' && v.length <= MAX_TEXT) ? null : T.text(path, MAX_TEXT);
  }
  if ((FLOW_PATHS as readonly string[]).includes(path)) return validFlow(path as FlowPath, v);
  const cell = CELL_BY_PATH.get(path as CellPath);
  if (cell === undefined || cell.computed) return T.unknownPath(path);
  return validCell(cell, v);
}

function validFlow(path: FlowPath, v: Value): string | null {
  switch (path) {
    case 'flow.s3Any':
    case 'flow.s4Any':
      return v === null || typeof v === 'boolean' ? null : T.flow(path);
    case 'flow.s3Columns':
      return Array.isArray(v) && v.every((c) => (S3_APPLICANT_COLUMNS as readonly unknown[]).includes(c))
        ? null
        : T.flow(path);
    case 'flow.s4Groups':
      return Array.isArray(v) && v.every((g) => S4_GROUP_IDS.has(g as string)) ? null : T.flow(path);
  }
}

function validCell(cell: CellDef, v: Value): string | null {
  if (v === null) return null;
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= 0 &&
    v <= 1e8 &&
    (cell.kind === 'amount' || Number.isInteger(v));
  return ok ? null : cell.kind === 'count' ? T.count(cell.label) : T.amount(cell.label);
}

/** Checks a whole set of edits; the first problem, in Chinese, or null. */
export function validateEdits(edits: unknown): { ok: true; edits: Edits } | { ok: false; message: string } {
  if (edits === null || typeof edits !== 'object' || Array.isArray(edits))
    return { ok: false, message: T.shape };
  const entries = Object.entries(edits as Record<string, unknown>);
  if (entries.length > 400) return { ok: false, message: T.tooMany };
  for (const [path, pair] of entries) {
    if (!Array.isArray(pair) || pair.length !== 2) return { ok: false, message: T.shape };
    const problem = validValue(path, pair[1] as Value);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, edits: edits as Edits };
}

function setValue(draft: Draft, path: string, v: Value): void {
  if ((TEXT_PATHS as readonly string[]).includes(path)) {
    if (v === null) {
      if (path === 's5' || path === 's6') delete draft.report[path];
      else if (draft.report.s1) delete (draft.report.s1 as Record<string, string>)[path.slice(3)];
    } else setText(draft.report, path as TextPath, v as string);
    return;
  }
  if (path.startsWith('flow.')) {
    const key = path.slice(5) as keyof FlowAnswers;
    if (v === null) delete draft.flow[key];
    else (draft.flow as Record<string, unknown>)[key] = v;
    if (key === 's3Any' && v === false) {
      draft.flow.s3Columns = [];
      draft.flow.s3Rows = [];
      zeroApplications(draft, [], []);
    }
    if (key === 's3Columns') zeroApplications(draft, v as number[], null);
    if (key === 's4Any' && v === false) {
      draft.flow.s4Groups = [];
      zeroCases(draft, []);
    }
    if (key === 's4Groups') zeroCases(draft, v as string[]);
    return;
  }
  const cell = CELL_BY_PATH.get(path)!;
  if (v === null) {
    let node = draft.report as unknown as Record<string | number, unknown>;
    for (const key of cell.loc.slice(0, -1)) node = (node?.[key] ?? {}) as Record<string | number, unknown>;
    const last = cell.loc.at(-1)!;
    if (Array.isArray(node)) (node as unknown[])[last as number] = undefined;
    else delete node[last];
    fillTotals(draft.report);
  } else {
    setCells(draft, { [path]: v as number });
  }
}

/** Keeps the chat's own answers in step with figures typed in the form, so the bot asks about them. */
function syncFlow(draft: Draft): void {
  const r = draft.report;
  const s3 = r.s3;
  if (s3) {
    const cols = S3_APPLICANT_COLUMNS.filter((c) =>
      S3_ROWS.some((row) => row.role !== 'total' && (s3[row.id]?.[c] ?? 0) > 0),
    );
    const rows = S3_ROWS.filter(
      (row) =>
        row.role === 'result' && (s3[row.id]?.slice(0, S3_TOTAL_COLUMN) ?? []).some((v) => (v ?? 0) > 0),
    ).map((row) => row.id);
    if (cols.length > 0) {
      draft.flow.s3Any = true;
      draft.flow.s3Columns = [...new Set([...(draft.flow.s3Columns ?? []), ...cols])].sort((a, b) => a - b);
      if (draft.flow.s3Rows)
        draft.flow.s3Rows = [...new Set([...draft.flow.s3Rows, ...rows])].filter((id) => S3_ROW_IDS.has(id));
    }
  }
  const s4 = r.s4;
  if (s4) {
    const groups = S4_GROUPS.filter((g) =>
      S4_FIELDS.some((f) => f.id !== 'total' && (s4[g.id]?.[f.id] ?? 0) > 0),
    ).map((g) => g.id);
    if (groups.length > 0) {
      draft.flow.s4Any = true;
      draft.flow.s4Groups = [...new Set([...(draft.flow.s4Groups ?? []), ...groups])];
    }
  }
}

/**
 * Whether answering a flow question (no applications, fewer applicant columns, no cases) would zero
 * figures the editor did not see: cells non-zero now that the same save does not itself set to 0.
 */
function wipesUnseen(draft: Draft, path: string, value: Value, edits: Edits): boolean {
  const trial = structuredClone(draft);
  setValue(trial, path, value);
  for (const [cellPath, cell] of CELL_BY_PATH) {
    if (cell.computed) continue;
    const now = getCell(draft.report, cell) ?? 0;
    if (
      now !== 0 &&
      (getCell(trial.report, cell) ?? 0) === 0 &&
      !(edits[cellPath] && edits[cellPath]![1] === 0)
    )
      return true;
  }
  return false;
}

export interface Merged {
  draft: Draft;
  changes: Changes;
  conflicts: Conflict[];
}

/** Applies the edits that do not clash with someone else's change; reports those that do. */
export function mergeEdits(current: Draft, edits: Edits): Merged {
  const draft = structuredClone(current);
  const changes: Changes = {};
  const conflicts: Conflict[] = [];
  // Flow answers first: they zero whole columns, which typed figures may then fill.
  const ordered = Object.entries(edits).sort(
    ([a], [b]) => Number(b.startsWith('flow.')) - Number(a.startsWith('flow.')),
  );
  for (const [path, [base, mine]] of ordered) {
    const theirs = valueAt(draft, path);
    if (same(theirs, mine)) continue;
    if (!same(theirs, base) || (path.startsWith('flow.') && wipesUnseen(draft, path, mine, edits))) {
      conflicts.push({ path, mine, theirs });
      continue;
    }
    setValue(draft, path, mine);
    changes[path] = [theirs, mine];
  }
  syncFlow(draft);
  return { draft, changes, conflicts };
}

/** A draft holding exactly the given form values (for the browser's live totals and checks). */
export function draftFromValues(
  base: Pick<Draft['report'], 'formVersion' | 'org' | 'year'>,
  values: Record<string, Value>,
): Draft {
  const draft: Draft = {
    report: { formVersion: base.formVersion, org: base.org, year: base.year },
    flow: {},
  };
  for (const path of Object.keys(values)) {
    const v = values[path];
    if (v === null || v === undefined) continue;
    if ((TEXT_PATHS as readonly string[]).includes(path))
      setText(draft.report, path as TextPath, v as string);
    else if (path.startsWith('flow.')) (draft.flow as Record<string, unknown>)[path.slice(5)] = v;
    else {
      const cell = CELL_BY_PATH.get(path);
      if (cell && !cell.computed && typeof v === 'number') setCell(draft.report, cell, v);
    }
  }
  fillTotals(draft.report);
  return draft;
}
