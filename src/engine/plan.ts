// The questions a body is asked, in order, given its kind, its answers so far and last year's
// report: recomputed after every answer, so the flow adapts (no applications → one yes/no instead
// of table 三; only the applicant columns and result rows that occurred are asked).
import type { CellDef, Choice, Form, OrgKind, SectionId } from '../../forms';
import { getCell, getText, s3Path, s4Path } from '../../forms/model';
import { carryForwardReader } from './compute';
import { FLOW_COPY as T } from './copy';
import { cellValue, type Draft, type DraftReport } from './draft';

/** What every step has: its id, its section, and the name a person knows it by. */
interface StepBase {
  id: string;
  section: SectionId;
  /** How the question is named in messages and on buttons sent as text ("行政许可·本年处理决定数量"). */
  name: string;
}

export type Step =
  | (StepBase & { kind: 'text'; heading: string; hint: string; suggestion?: string })
  | (StepBase & {
      kind: 'number';
      cell: CellDef;
      /** Who or what the question is about (an applicant column, a 复议/诉讼 group), if any. */
      about?: string;
      question: string;
      /** Offer "the rest of this section is 0". */
      restZero: boolean;
      suggestion?: { value: number; why: 'lastYear' | 'balance' };
    })
  | (StepBase & {
      kind: 'gate';
      id: 's3.any' | 's4.any';
      /** Applications carried over from last year. */ carried?: number;
    })
  | (StepBase & {
      kind: 'choose';
      id: 's3.columns' | 's3.rows' | 's4.groups';
      choices: readonly Choice[];
      /** Choices offered as buttons (the others are typed by number). */
      common: number[];
    });

export interface PlanContext {
  form: Form;
  draft: Draft;
  kind: OrgKind;
  /** Last year's report of the same body, when known. */
  previous?: DraftReport;
}

function textSteps(form: Form, section: SectionId): Step[] {
  return form.texts
    .filter((t) => t.section === section)
    .map((t) => ({
      kind: 'text',
      id: t.path,
      section,
      name: t.name,
      heading: t.heading,
      hint: t.hint,
      ...(t.path === 's6' ? { suggestion: form.s6.noFees } : {}),
    }));
}

function s2Steps(form: Form, kind: OrgKind): Step[] {
  return form.s2.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      form
        .cellsOf('s2')
        .filter((c) => c.row === row.id && (!c.askedOf || c.askedOf.includes(kind)))
        .map((cell): Step => {
          const column = table.columns?.find((col) => col.key === cell.column)?.label ?? table.single?.label;
          return {
            kind: 'number',
            id: cell.path,
            section: 's2',
            name: cell.label,
            cell,
            question: `${row.label}：${column}`,
            restZero: true,
          };
        }),
    ),
  );
}

function s3Steps({ form, draft, previous }: PlanContext): Step[] {
  const cell = (row: string, c: number) => form.cellByPath.get(s3Path(row, c))!;
  const total = form.s3Index.total;
  const carried = previous ? getCell(previous, cell('carryForward', total)) : undefined;
  const steps: Step[] = [{ kind: 'gate', id: 's3.any', section: 's3', name: T.s3GateName, carried }];
  const flow = draft.flow;
  if (!flow.s3Any) return steps;
  steps.push({
    kind: 'choose',
    id: 's3.columns',
    section: 's3',
    name: T.chooseColumnsName,
    choices: form.choices.s3Columns,
    common: form.choices.s3Columns.map((c) => c.no),
  });
  if (!flow.s3Columns?.length) return steps;
  steps.push({
    kind: 'choose',
    id: 's3.rows',
    section: 's3',
    name: T.chooseRowsName,
    choices: form.choices.s3Rows,
    common: form.choices.s3Rows.filter((c) => form.ask.commonResults.includes(c.key)).map((c) => c.no),
  });
  const rows = flow.s3Rows ?? [];
  // The balance is summed only when a carry-forward question can use it.
  let balance: ((c: number) => number | null) | undefined;
  for (const c of flow.s3Columns) {
    const about = form.s3.columns[c]!.short;
    const num = (row: string): Extract<Step, { kind: 'number' }> => ({
      kind: 'number',
      id: s3Path(row, c),
      section: 's3',
      name: cell(row, c).label,
      cell: cell(row, c),
      about,
      question: form.ask.s3Rows[row] ?? T.s3Result(form.s3Index.rowById.get(row)!.short),
      restZero: false,
    });
    for (const row of form.s3.rows) {
      if (row.role === 'total' || (row.role === 'result' && !rows.includes(row.id))) continue;
      const step = num(row.id);
      if (row.id === 'carriedOver' && previous) {
        const before = getCell(previous, cell('carryForward', c));
        if (before !== undefined) step.suggestion = { value: before, why: 'lastYear' };
      }
      if (row.role === 'carryForward') {
        const intakeKnown = cellValue(form, draft.report, s3Path('new', c)) !== undefined;
        const rest = intakeKnown ? (balance ??= carryForwardReader(form, draft.report))(c) : null;
        if (rest !== null) step.suggestion = { value: rest, why: 'balance' };
      }
      steps.push(step);
    }
  }
  return steps;
}

function s4Steps({ form, draft }: PlanContext): Step[] {
  const steps: Step[] = [{ kind: 'gate', id: 's4.any', section: 's4', name: T.s4GateName }];
  if (!draft.flow.s4Any) return steps;
  const choices = form.choices.s4Groups;
  steps.push({
    kind: 'choose',
    id: 's4.groups',
    section: 's4',
    name: T.chooseGroupsName,
    choices,
    common: choices.map((c) => c.no),
  });
  for (const g of draft.flow.s4Groups ?? []) {
    const about = form.s4.groups.find((x) => x.id === g)?.short;
    if (!about) continue;
    for (const f of form.s4.fields) {
      if (f.total) continue;
      const cell = form.cellByPath.get(s4Path(g, f.id))!;
      steps.push({
        kind: 'number',
        id: s4Path(g, f.id),
        section: 's4',
        name: cell.label,
        cell,
        about,
        question: T.s4Field(f.label),
        restZero: true,
      });
    }
  }
  return steps;
}

/** How each section is asked, in the order of the printed report. */
const HOW: Record<SectionId, (ctx: PlanContext, section: SectionId) => Step[]> = {
  s1: (ctx, s) => textSteps(ctx.form, s),
  s2: (ctx) => s2Steps(ctx.form, ctx.kind),
  s3: s3Steps,
  s4: s4Steps,
  s5: (ctx, s) => textSteps(ctx.form, s),
  s6: (ctx, s) => textSteps(ctx.form, s),
};

/** Every step of the flow for this draft, in asking order. */
export function plan(ctx: PlanContext): Step[] {
  return ctx.form.sections.flatMap((s) => HOW[s.id](ctx, s.id));
}

/** Whether a step has been answered in this draft. */
export function isAnswered(step: Step, draft: Draft): boolean {
  switch (step.kind) {
    case 'text':
      return getText(draft.report, step.id) !== undefined;
    case 'number':
      return getCell(draft.report, step.cell) !== undefined;
    case 'gate':
      return (step.id === 's3.any' ? draft.flow.s3Any : draft.flow.s4Any) !== undefined;
    case 'choose':
      return (
        (step.id === 's3.columns'
          ? draft.flow.s3Columns
          : step.id === 's3.rows'
            ? draft.flow.s3Rows
            : draft.flow.s4Groups) !== undefined
      );
  }
}

/**
 * How far a draft is, as one stable count: the figures and texts a body of this kind reports, and how
 * many of them are filled in (a "no" to a gate fills the figures it rules out). The total does not
 * change as questions open up.
 */
export function progress(form: Form, kind: OrgKind, draft: Draft): { done: number; total: number } {
  const cells = form.entered.filter((c) => !c.askedOf || c.askedOf.includes(kind));
  const cellsDone = cells.filter((c) => getCell(draft.report, c) !== undefined).length;
  const textsDone = form.texts.filter((t) => (getText(draft.report, t.path) ?? '').trim() !== '').length;
  return { done: cellsDone + textsDone, total: cells.length + form.texts.length };
}
