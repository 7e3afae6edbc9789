// The chat flow: one turn of a person filling in a draft. Pure: takes the session, the draft and
// what the person sent, returns the new session and draft, the cell changes, and neutral replies
// (text + buttons) that a channel adapter renders. It never talks to a platform or the database.
import type { Form, OrgKind } from '../../forms';
import { cellEntry, getText, MAX_TEXT, NOT_APPLICABLE, setText, type CellValue } from '../../forms/model';
import { applyAnswer, fillBlanks } from './answers';
import { checkReport, isEmptyText, type CheckResult, type Finding } from './check';
import { FLOW_COPY as T } from './copy';
import { missingCells, setCells, type Changes, type Draft, type DraftReport } from './draft';
import { parseCell } from './numbers';
import { doubtAbout } from './plausible';
import { isAnswered, plan, progress, type Step } from './plan';
import { renderChoose, renderReview, renderRuleBroken, renderStep, showAnswer, textNoted } from './prompts';
import type { Reply } from './reply';
import { is, parseChoices, parseJump, parseSection, parseTag, parseToggle, parseYesNo } from './words';

export type Session =
  /** Not filling; `resume` remembers where a paused draft was left. */
  | { mode: 'idle'; resume?: { reportId: number; step: string } }
  | {
      mode: 'filling';
      reportId: number;
      year: number;
      step: string;
      /** Choices ticked so far in a multiple choice. */
      picked?: number[];
      /** A figure asked to be confirmed before it is stored. */
      unsure?: { step: string; value: number };
    }
  | { mode: 'confirming'; reportId: number; year: number }
  /**
   * Receiving a published report of `year` in chat (src/chat/import.ts): the text pasted so far over
   * `parts` messages; `read` once it was read and shown, waiting for the official's confirmation.
   */
  | {
      mode: 'importing';
      year: number;
      text: string;
      parts: number;
      read?: boolean;
      resume?: { reportId: number; step: string };
    };

export const REVIEW = 'review';

export interface TurnContext {
  session: Extract<Session, { mode: 'filling' | 'confirming' }>;
  /** The version of the format the draft is written in. */
  form: Form;
  draft: Draft;
  kind: OrgKind;
  previous?: DraftReport;
}

/** What the person sent: the text, and the question of the button pressed when the platform says. */
export interface TurnInput {
  text: string;
  step?: string;
}

/** Where the fill flow leaves a session: it never starts an import. */
export type FlowSession = Exclude<Session, { mode: 'importing' }>;

export interface TurnResult {
  session: FlowSession;
  draft: Draft;
  changes: Changes;
  replies: Reply[];
  /** The person confirmed submission and nothing stands in the way. */
  submit?: boolean;
  /** The check of `draft`, when the turn made one (so the summary written with it need not). */
  check?: CheckResult;
}

type PlanOf = Pick<TurnContext, 'form' | 'draft' | 'kind' | 'previous'>;

function stepsOf(ctx: PlanOf) {
  return plan({ form: ctx.form, draft: ctx.draft, kind: ctx.kind, previous: ctx.previous });
}

/** The first unanswered step from `from` on (then from the start), or the review. */
function nextUnanswered(steps: readonly Step[], draft: Draft, from = 0): string {
  const later = steps.slice(from).find((s) => !isAnswered(s, draft));
  return (later ?? steps.find((s) => !isAnswered(s, draft)))?.id ?? REVIEW;
}

/** The step after `id` in the current plan, or the first unanswered one if `id` is gone. */
function after(steps: readonly Step[], id: string, draft: Draft): string {
  const i = steps.findIndex((s) => s.id === id);
  if (i < 0) return nextUnanswered(steps, draft);
  return steps[i + 1]?.id ?? REVIEW;
}

function before(steps: readonly Step[], id: string): string | null {
  if (id === REVIEW) return steps.at(-1)?.id ?? null;
  const i = steps.findIndex((s) => s.id === id);
  return i > 0 ? steps[i - 1]!.id : null;
}

/** The prompt for where the session is now (`steps`: the plan of `ctx.draft`, when already made). */
export function promptFor(
  ctx: PlanOf & { picked?: number[] },
  stepId: string,
  steps: readonly Step[] = stepsOf(ctx),
): Reply {
  const step = steps.find((s) => s.id === stepId);
  const p = progress(ctx.form, ctx.kind, ctx.draft);
  if (!step) {
    const check = checkReport(ctx.form, ctx.draft.report, ctx.previous);
    return renderReview(ctx.form, ctx.kind, ctx.draft, check, p);
  }
  if (step.kind === 'choose') return renderChoose(ctx.form, step, p, ctx.picked ?? []);
  return renderStep(ctx.form, step, ctx.draft, p);
}

const filling = (
  ctx: TurnContext,
  step: string,
  extra: { picked?: number[]; unsure?: { step: string; value: number } } = {},
) => ({
  mode: 'filling' as const,
  reportId: ctx.session.reportId,
  year: ctx.session.year,
  step,
  ...extra,
});

/** To `step`; `steps` is the plan of `draft` when the caller has made it. */
function moveTo(
  ctx: TurnContext,
  draft: Draft,
  step: string,
  lead: string[],
  changes: Changes = {},
  steps?: readonly Step[],
): TurnResult {
  const prompt = promptFor({ ...ctx, draft }, step, steps);
  const replies: Reply[] = lead.length ? [{ text: lead.join('\n') }, prompt] : [prompt];
  return { session: filling(ctx, step), draft, changes, replies };
}

/** A message, then the current question again. */
export function repeatQuestion(ctx: TurnContext, message: string): TurnResult {
  return stay(ctx, message, ctx.session.mode === 'filling' ? ctx.session.step : REVIEW);
}

function stay(ctx: TurnContext, message: string, step: string): TurnResult {
  const picked = ctx.session.mode === 'filling' ? ctx.session.picked : undefined;
  const prompt = promptFor({ ...ctx, picked }, step);
  return { session: ctx.session, draft: ctx.draft, changes: {}, replies: [{ text: message }, prompt] };
}

/**
 * Errors in the sums an answer to `cell` is part of, among the equations the person has finished:
 * every cell of it that the flow asks comes at or before this question. (A sum whose other cells
 * are still to be asked is not judged yet, even if they hold zeros from an earlier answer; once its
 * last question is answered it is, even when that figure, or an earlier one, was there before.)
 */
function newErrors(steps: readonly Step[], check: CheckResult, cell: string): Finding[] {
  const order = new Map(steps.map((s, i) => [s.kind === 'number' ? s.cell.path : s.id, i]));
  const here = order.get(cell) ?? Infinity;
  const finished = (e: Finding) => e.cells.every((c) => (order.get(c) ?? -1) <= here);
  return check.errors.filter((e) => e.cells.includes(cell) && finished(e));
}

const shown = (step: Extract<Step, { kind: 'number' }>, v: CellValue) => showAnswer(step.cell, v, true);

function answerText(ctx: TurnContext, step: Extract<Step, { kind: 'text' }>, text: string): TurnResult {
  const draft = structuredClone(ctx.draft);
  if (is(text, 'clear')) {
    setText(draft.report, step.id, '');
    return {
      ...moveTo(ctx, draft, step.id, [T.textCleared]),
      changes: { [step.id]: [getText(ctx.draft.report, step.id), ''] },
    };
  }
  const old = getText(draft.report, step.id);
  // Text after a bare 「无」 replaces it: "无" followed by the real text is never what was meant.
  const replaces = old !== undefined && old.trim() !== '' && isEmptyText(old);
  const value = old && !replaces ? `${old}\n${text}` : text;
  // The format's limit holds in chat too: a text past it is not stored (nor half of it).
  if (value.length > MAX_TEXT) return stay(ctx, T.textTooLong(MAX_TEXT, value.length), step.id);
  setText(draft.report, step.id, value);
  const lead = replaces ? T.textReplacedNone(old!.trim()) : undefined;
  return {
    session: filling(ctx, step.id),
    draft,
    changes: { [step.id]: [old ?? null, value] },
    replies: [textNoted(step, lead)],
  };
}

function answerNumber(ctx: TurnContext, step: Extract<Step, { kind: 'number' }>, text: string): TurnResult {
  const parsed = parseCell(step.cell, text);
  if (!parsed.ok) return stay(ctx, parsed.message, step.id);
  const unsure = ctx.session.mode === 'filling' ? ctx.session.unsure : undefined;
  const confirmed = unsure?.step === step.id && unsure.value === parsed.value;
  const figure = parsed.value;
  // 不适用 is never doubted: it is no figure.
  const doubt =
    confirmed || figure === NOT_APPLICABLE ? null : doubtAbout(step.cell, figure, ctx.kind, ctx.previous);
  if (doubt && figure !== NOT_APPLICABLE) {
    const message =
      doubt.why === 'large'
        ? T.doubtLarge(shown(step, parsed.value))
        : T.doubtJump(shown(step, parsed.value), doubt.before);
    const prompt = promptFor(ctx, step.id);
    return {
      session: filling(ctx, step.id, { unsure: { step: step.id, value: figure } }),
      draft: ctx.draft,
      changes: {},
      replies: [
        {
          text: message,
          buttons: [
            [
              {
                label: T.doubtConfirmButton(shown(step, parsed.value)),
                data: parsed.text,
                step: { id: step.id, name: step.name },
              },
            ],
          ],
        },
        prompt,
      ],
    };
  }
  const draft = structuredClone(ctx.draft);
  const changes = setCells(ctx.form, draft, { [step.cell.path]: parsed.value });
  // Say how the figure was read whenever it was not typed as plain digits.
  const lead = parsed.text !== text.trim() ? [T.readAs(shown(step, parsed.value))] : [];
  const steps = stepsOf({ ...ctx, draft });
  const check = checkReport(ctx.form, draft.report, ctx.previous);
  const broken = newErrors(steps, check, step.cell.path);
  if (broken.length > 0) {
    return {
      session: filling(ctx, step.id),
      draft,
      changes,
      replies: [renderRuleBroken(ctx.form, step, steps, broken, lead)],
      check,
    };
  }
  return { ...moveTo(ctx, draft, after(steps, step.id, draft), lead, changes, steps), check };
}

function answerChoice(
  ctx: TurnContext,
  step: Extract<Step, { kind: 'choose' }>,
  picked: number[],
): TurnResult {
  const draft = structuredClone(ctx.draft);
  const keys = picked.map((no) => step.choices.find((c) => c.no === no)!.key);
  const changes =
    step.id === 's3.columns'
      ? applyAnswer(ctx.form, draft, 's3Columns', keys.map(Number))
      : applyAnswer(ctx.form, draft, step.id === 's3.rows' ? 's3Rows' : 's4Groups', keys);
  const names = picked.map((no) => step.choices.find((c) => c.no === no)!.label);
  const steps = stepsOf({ ...ctx, draft });
  return moveTo(ctx, draft, after(steps, step.id, draft), [T.chosen(names)], changes, steps);
}

function answer(ctx: TurnContext, step: Step, text: string): TurnResult {
  switch (step.kind) {
    case 'text':
      return answerText(ctx, step, text);
    case 'number':
      return answerNumber(ctx, step, text);
    case 'gate': {
      const yes = parseYesNo(text);
      if (yes === null) return stay(ctx, T.yesNoExpected, step.id);
      const draft = structuredClone(ctx.draft);
      const changes = applyAnswer(ctx.form, draft, step.id === 's3.any' ? 's3Any' : 's4Any', yes);
      const steps = stepsOf({ ...ctx, draft });
      return moveTo(ctx, draft, after(steps, step.id, draft), [], changes, steps);
    }
    case 'choose': {
      const picked = ctx.session.mode === 'filling' ? (ctx.session.picked ?? []) : [];
      const toggle = parseToggle(text);
      if (toggle !== null && step.choices.some((c) => c.no === toggle)) {
        const next = picked.includes(toggle)
          ? picked.filter((n) => n !== toggle)
          : [...picked, toggle].sort((a, b) => a - b);
        const reply = renderChoose(ctx.form, step, progress(ctx.form, ctx.kind, ctx.draft), next);
        return {
          session: filling(ctx, step.id, { picked: next }),
          draft: ctx.draft,
          changes: {},
          replies: [reply],
        };
      }
      if (is(text, 'picked')) {
        if (picked.length === 0) return stay(ctx, T.nothingPicked, step.id);
        return answerChoice(ctx, step, picked);
      }
      const typed = parseChoices(text, step);
      if (!typed) return stay(ctx, T.choicesExpected(step.choices.length), step.id);
      return answerChoice(ctx, step, typed);
    }
  }
}

function restOfSectionZero(ctx: TurnContext, step: Extract<Step, { kind: 'number' }>): TurnResult {
  const steps = stepsOf(ctx);
  const draft = structuredClone(ctx.draft);
  const from = steps.findIndex((s) => s.id === step.id);
  const rest = steps
    .slice(from)
    .flatMap((s) => (s.section === step.section && s.kind === 'number' ? [s.cell.path] : []));
  const changes = fillBlanks(ctx.form, draft, rest);
  const next = steps.slice(from).find((s) => s.section !== step.section)?.id ?? REVIEW;
  const filled = Object.keys(changes).filter((p) => rest.includes(p)).length;
  return moveTo(ctx, draft, next, [filled ? T.restZeroDone(filled) : T.restZeroNone], changes);
}

/** 「跳过」: what really happens — the value kept, or a reminder that it is still to be given. */
function skip(ctx: TurnContext, steps: readonly Step[], step: Step): TurnResult {
  const next = after(steps, step.id, ctx.draft);
  if (isAnswered(step, ctx.draft)) {
    const kept =
      step.kind === 'number'
        ? shown(step, cellEntry(ctx.draft.report, step.cell)!)
        : step.kind === 'text'
          ? T.textKeptShort
          : T.answerKept;
    return moveTo(ctx, ctx.draft, next, [T.skipKept(kept)], {}, steps);
  }
  return moveTo(ctx, ctx.draft, next, [step.kind === 'text' ? T.skippedText : T.skippedRequired], {}, steps);
}

/** Whether submission may go ahead: nothing missing, no error. */
export function submitBlockers(
  form: Form,
  draft: Draft,
  previous?: DraftReport,
): { missing: string[]; errors: Finding[]; warnings: Finding[] } {
  const result = checkReport(form, draft.report, previous);
  return { missing: missingCells(form, draft.report), ...result };
}

function trySubmit(ctx: TurnContext, confirmed: boolean): TurnResult {
  const { missing, errors, warnings } = submitBlockers(ctx.form, ctx.draft, ctx.previous);
  if (missing.length > 0 || errors.length > 0) {
    const steps = stepsOf(ctx);
    const target = steps.find((s) => s.kind !== 'text' && !isAnswered(s, ctx.draft))?.id ?? REVIEW;
    const step = missing.length ? target : REVIEW;
    return {
      session: filling(ctx, step),
      draft: ctx.draft,
      changes: {},
      replies: [
        {
          text: T.submitRefused(
            missing.length,
            errors.map((e) => e.message),
          ),
        },
        promptFor(ctx, step),
      ],
    };
  }
  if (warnings.length > 0 && !confirmed) {
    return {
      session: { mode: 'confirming', reportId: ctx.session.reportId, year: ctx.session.year },
      draft: ctx.draft,
      changes: {},
      replies: [
        {
          text: T.confirmWarnings(warnings.map((w) => w.message)),
          buttons: [
            [{ label: T.confirmButton, data: '确认提交' }],
            [{ label: T.reviewButton, data: '/review' }],
          ],
        },
      ],
    };
  }
  return {
    // The submitted report stays the one this chat talks about (查看 and 提交 answer with its link).
    session: { mode: 'idle', resume: { reportId: ctx.session.reportId, step: REVIEW } },
    draft: ctx.draft,
    changes: {},
    replies: [],
    submit: true,
  };
}

/** The question a press belongs to: the platform's hidden tag, or a name written after the data. */
function pressOf(steps: readonly Step[], input: TurnInput): { text: string; step?: string } {
  const text = input.text.trim();
  if (input.step) return { text, step: input.step };
  const tag = parseTag(text);
  const named = tag && steps.find((s) => s.name === tag.name);
  return named ? { text: tag.text, step: named.id } : { text };
}

/** Words that move through the flow rather than answer a question. */
const navigates = (text: string) =>
  is(text, 'back') ||
  is(text, 'skip') ||
  is(text, 'keep') ||
  is(text, 'clear') ||
  is(text, 'restZero') ||
  is(text, 'picked');

/**
 * A button from an earlier message, pressed now that another question is current: it answers its
 * own question when that is safe (a figure or text still blank, in the current plan), otherwise it
 * is refused and the current question asked again. It never answers the current question.
 */
function olderPress(
  ctx: TurnContext,
  steps: readonly Step[],
  current: string,
  pressed: string,
  text: string,
): TurnResult {
  const target = steps.find((s) => s.id === pressed);
  const safe =
    target &&
    (target.kind === 'number' || target.kind === 'text') &&
    !isAnswered(target, ctx.draft) &&
    !navigates(text) &&
    parseToggle(text) === null;
  if (!safe) return stay(ctx, T.buttonExpired, current);
  const result = answer({ ...ctx, session: filling(ctx, target.id) }, target, text);
  const stored = Object.keys(result.changes).length > 0;
  if (!stored) return stay(ctx, T.buttonExpired, current);
  const prompt = promptFor({ ...ctx, draft: result.draft }, current);
  return {
    session: filling(ctx, current),
    draft: result.draft,
    changes: result.changes,
    replies: [{ text: T.answeredEarlier(target.name) }, prompt],
  };
}

/** One turn while a person is filling in (or confirming) a draft. */
export function fillTurn(ctx: TurnContext, input: TurnInput): TurnResult {
  const steps = stepsOf(ctx);
  const current = ctx.session.mode === 'filling' ? ctx.session.step : REVIEW;
  const { text, step: pressed } = pressOf(steps, input);
  const step = steps.find((s) => s.id === current);
  // A move that changes nothing in the draft: its plan is this one.
  const go = (to: string, lead: string[] = []) => moveTo(ctx, ctx.draft, to, lead, {}, steps);

  if (text === '') return stay(ctx, T.emptyMessage, current);
  if (is(text, 'review')) return go(REVIEW);
  if (is(text, 'submit')) return trySubmit(ctx, false);
  if (is(text, 'confirm')) return trySubmit(ctx, ctx.session.mode === 'confirming');
  const [word, arg] = text.split(/\s+/, 2);
  if (word && is(word, 'edit')) {
    const section = arg ? parseSection(ctx.form, arg) : null;
    if (!section)
      return { session: ctx.session, draft: ctx.draft, changes: {}, replies: [sectionMenu(ctx.form)] };
    return go(steps.find((s) => s.section === section)!.id);
  }
  const jump = parseJump(text);
  const jumpTo = jump === null ? undefined : steps.find((s) => s.name === jump);
  if (jumpTo) return go(jumpTo.id);
  if (pressed !== undefined && pressed !== current) return olderPress(ctx, steps, current, pressed, text);
  if (is(text, 'back')) {
    const prev = before(steps, current);
    return prev ? go(prev) : stay(ctx, T.atFirstStep, current);
  }
  if (ctx.session.mode === 'confirming' || !step) {
    // At the review: a section name jumps there; anything else shows the review again.
    const section = parseSection(ctx.form, text);
    if (section) return go(steps.find((s) => s.section === section)!.id);
    return go(REVIEW, [T.atReview]);
  }
  if (is(text, 'skip')) return skip(ctx, steps, step);
  if (is(text, 'keep') && step.kind !== 'choose') {
    // "Done" on a question with nothing in it is a skip, said as one.
    if (!isAnswered(step, ctx.draft)) return skip(ctx, steps, step);
    return go(after(steps, step.id, ctx.draft));
  }
  if (step.kind === 'number' && is(text, 'restZero') && step.restZero) return restOfSectionZero(ctx, step);
  return answer(ctx, step, text);
}

/** Opens (or resumes) a draft: at the next unanswered question from where it was left. */
export function openDraft(
  ctx: Omit<TurnContext, 'session'> & { reportId: number; year: number },
  resumeAt?: string,
): TurnResult {
  const steps = stepsOf(ctx);
  const from = resumeAt ? steps.findIndex((s) => s.id === resumeAt) : -1;
  const at = nextUnanswered(steps, ctx.draft, Math.max(from, 0));
  const session = { mode: 'filling' as const, reportId: ctx.reportId, year: ctx.year, step: at };
  return { session, draft: ctx.draft, changes: {}, replies: [promptFor(ctx, at)] };
}

export function sectionMenu(form: Form): Reply {
  const button = (s: Form['sections'][number]) => ({
    label: form.heading(s.id).slice(0, 8),
    data: `/edit ${s.no}`,
  });
  const half = Math.ceil(form.sections.length / 2);
  return {
    text: T.chooseSection,
    buttons: [form.sections.slice(0, half).map(button), form.sections.slice(half).map(button)],
  };
}
