// The questions a body is asked, in order, given its kind, its answers so far and last year's
// report: recomputed after every answer, so the flow adapts (no applications → one yes/no instead
// of table 三; only the applicant columns and result rows that occurred are asked).
import {
  ASK_ORDER,
  S2_ASKED,
  S3_QUESTION,
  S3_RESULT_CHOICES,
  S3_COMMON_RESULTS,
  S4_ASKED_FIELDS,
  S4_CHOICES,
  s3ResultQuestion,
} from '../../forms/flow';
import { CELL_BY_PATH, getCell, s3Path, s4Path, type CellDef } from '../../forms/model';
import {
  S1_PARTS,
  S3_COLUMNS,
  S3_APPLICANT_COLUMNS,
  S3_TOTAL_COLUMN,
  S5_HINT,
  S6_HINT,
  S6_NO_FEES,
  type OrgKind,
  type SectionId,
} from '../../forms/report-2021';
import { suggestCarryForward } from './compute';
import { cellValue, getText, type Draft, type DraftReport, type TextPath } from './draft';

export interface Choice {
  key: string;
  no: number;
  label: string;
}

export type Step =
  | { kind: 'text'; id: TextPath; section: SectionId; heading: string; hint: string; suggestion?: string }
  | {
      kind: 'number';
      id: string;
      section: SectionId;
      cell: CellDef;
      /** Who or what the question is about (an applicant column, a 复议/诉讼 group), if any. */
      about?: string;
      question: string;
      /** Offer "the rest of this section is 0". */
      restZero: boolean;
      suggestion?: { value: number; why: 'lastYear' | 'balance' };
    }
  | {
      kind: 'gate';
      id: 's3.any' | 's4.any';
      section: SectionId;
      /** Applications carried over from last year. */ carried?: number;
    }
  | {
      kind: 'choose';
      id: 's3.columns' | 's3.rows' | 's4.groups';
      section: SectionId;
      choices: Choice[];
      common: number[];
    };

export interface PlanContext {
  draft: Draft;
  kind: OrgKind;
  /** Last year's report of the same body, when known. */
  previous?: DraftReport;
}

const S3_COLUMN_CHOICES: Choice[] = S3_APPLICANT_COLUMNS.map((c) => ({
  key: String(c),
  no: c + 1,
  label: S3_COLUMNS[c]!.short,
}));

function textSteps(section: SectionId): Step[] {
  if (section === 's1') {
    return S1_PARTS.map((p) => ({
      kind: 'text',
      id: `s1.${p.id}` as TextPath,
      section,
      heading: p.heading,
      hint: p.hint,
    }));
  }
  return section === 's5'
    ? [{ kind: 'text', id: 's5', section, heading: '', hint: S5_HINT }]
    : [{ kind: 'text', id: 's6', section, heading: '', hint: S6_HINT, suggestion: S6_NO_FEES }];
}

function s2Steps(kind: OrgKind): Step[] {
  return S2_ASKED.filter(
    (q) => !('askedOf' in q.row) || (q.row.askedOf as readonly OrgKind[]).includes(kind),
  ).map((q) => ({
    kind: 'number',
    id: q.path,
    section: 's2',
    cell: CELL_BY_PATH.get(q.path)!,
    question: q.question,
    restZero: true,
  }));
}

function s3Steps({ draft, previous }: PlanContext): Step[] {
  const carried = previous
    ? getCell(previous, CELL_BY_PATH.get(s3Path('carryForward', S3_TOTAL_COLUMN))!)
    : undefined;
  const steps: Step[] = [{ kind: 'gate', id: 's3.any', section: 's3', carried }];
  const flow = draft.flow;
  if (!flow.s3Any) return steps;
  steps.push({ kind: 'choose', id: 's3.columns', section: 's3', choices: S3_COLUMN_CHOICES, common: [1] });
  if (!flow.s3Columns?.length) return steps;
  steps.push({
    kind: 'choose',
    id: 's3.rows',
    section: 's3',
    choices: S3_RESULT_CHOICES.map((c) => ({ key: c.key, no: c.no, label: c.label })),
    common: S3_RESULT_CHOICES.filter((c) => S3_COMMON_RESULTS.includes(c.key)).map((c) => c.no),
  });
  const rows = flow.s3Rows ?? [];
  const suggested = suggestCarryForward(draft.report);
  for (const c of flow.s3Columns) {
    const about = S3_COLUMNS[c]!.short;
    const num = (
      row: 'new' | 'carriedOver' | 'carryForward' | (typeof rows)[number],
      question: string,
    ): Step => ({
      kind: 'number',
      id: s3Path(row, c),
      section: 's3',
      cell: CELL_BY_PATH.get(s3Path(row, c))!,
      about,
      question,
      restZero: false,
    });
    steps.push(num('new', S3_QUESTION.new!));
    const carried = num('carriedOver', S3_QUESTION.carriedOver!);
    const before = previous ? getCell(previous, CELL_BY_PATH.get(s3Path('carryForward', c))!) : undefined;
    if (carried.kind === 'number' && before !== undefined)
      carried.suggestion = { value: before, why: 'lastYear' };
    steps.push(carried);
    for (const row of rows) {
      const choice = S3_RESULT_CHOICES.find((x) => x.key === row)!;
      steps.push(num(row, s3ResultQuestion(choice.label)));
    }
    const forward = num('carryForward', S3_QUESTION.carryForward!);
    const rest = suggested[c];
    const intakeKnown = cellValue(draft.report, s3Path('new', c)) !== undefined;
    if (forward.kind === 'number' && rest !== null && rest !== undefined && intakeKnown) {
      forward.suggestion = { value: rest, why: 'balance' };
    }
    steps.push(forward);
  }
  return steps;
}

function s4Steps({ draft }: PlanContext): Step[] {
  const steps: Step[] = [{ kind: 'gate', id: 's4.any', section: 's4' }];
  if (!draft.flow.s4Any) return steps;
  steps.push({
    kind: 'choose',
    id: 's4.groups',
    section: 's4',
    choices: S4_CHOICES.map((c) => ({ ...c })),
    common: [1, 2, 3],
  });
  for (const g of draft.flow.s4Groups ?? []) {
    const about = S4_CHOICES.find((c) => c.key === g)!.label;
    for (const f of S4_ASKED_FIELDS) {
      steps.push({
        kind: 'number',
        id: s4Path(g, f.id),
        section: 's4',
        cell: CELL_BY_PATH.get(s4Path(g, f.id))!,
        about,
        question: `${f.label}的有多少件？`,
        restZero: true,
      });
    }
  }
  return steps;
}

/** Every step of the flow for this draft, in asking order. */
export function plan(ctx: PlanContext): Step[] {
  return ASK_ORDER.flatMap(({ section, how }) => {
    switch (how) {
      case 'texts':
      case 'text':
        return textSteps(section);
      case 'numbers':
        return s2Steps(ctx.kind);
      case 'applications':
        return s3Steps(ctx);
      case 'cases':
        return s4Steps(ctx);
    }
  });
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

export function progress(steps: readonly Step[], draft: Draft): { done: number; total: number } {
  return { done: steps.filter((s) => isAnswered(s, draft)).length, total: steps.length };
}
