// The chat flow: one turn of a person filling in a draft. Pure: takes the session, the draft and
// what the person sent, returns the new session and draft, the cell changes, and neutral replies
// (text + buttons) that a channel adapter renders. It never talks to a platform or the database.
import type { Form, OrgKind, SectionId } from '../../forms';
import { getText, setText } from '../../forms/model';
import { applyAnswer, fillBlanks } from './answers';
import { checkReport, type Finding } from './check';
import { FLOW_COPY as T } from './copy';
import { missingCells, setCells, type Changes, type Draft, type DraftReport } from './draft';
import { parseAmount, parseCount } from './numbers';
import { isAnswered, plan, progress, type Step } from './plan';
import { renderReview, renderStep } from './prompts';
import type { Reply } from './reply';

export type Session =
  /** Not filling; `resume` remembers where a paused draft was left. */
  | { mode: 'idle'; resume?: { reportId: number; step: string } }
  | { mode: 'filling'; reportId: number; year: number; step: string }
  | { mode: 'confirming'; reportId: number; year: number };

export const REVIEW = 'review';

export interface TurnContext {
  session: Extract<Session, { mode: 'filling' | 'confirming' }>;
  /** The version of the format the draft is written in. */
  form: Form;
  draft: Draft;
  kind: OrgKind;
  previous?: DraftReport;
}

export interface TurnResult {
  session: Session;
  draft: Draft;
  changes: Changes;
  replies: Reply[];
  /** The person confirmed submission and nothing stands in the way. */
  submit?: boolean;
}

/** Words and commands the flow understands, each with its Chinese aliases. */
const WORDS = {
  back: ['/back', '上一步', '返回', '上一题'],
  skip: ['/skip', '跳过'],
  review: ['/review', '查看', '预览', '汇总'],
  submit: ['/submit', '提交'],
  confirm: ['确认提交'],
  keep: ['保留并继续', '下一项', '继续', '完成', '好了', '写完了'],
  clear: ['清空重写'],
  restZero: ['本节其余为0', '其余为0', '其余都是0'],
  cancel: ['/cancel', '取消', '退出'],
  edit: ['/edit', '修改'],
} as const;

export function is(text: string, word: keyof typeof WORDS): boolean {
  return (WORDS[word] as readonly string[]).includes(text);
}

const YES = new Set(['是', '有', '是的', '对', 'yes', 'y', '1']);
const NO = new Set(['否', '没有', '无', '不是', '没', 'no', 'n', '0']);

/** Which section a word names: 三, 3, s3, 三、, 第三部分. */
function parseSection(form: Form, word: string): SectionId | null {
  const w = word
    .replace(/^第|部分$|节$|、$/g, '')
    .trim()
    .toLowerCase();
  const found = form.sections.find((s, i) => w === s.no || w === String(i + 1) || w === s.id);
  return found ? found.id : null;
}

type PlanOf = Pick<TurnContext, 'form' | 'draft' | 'kind' | 'previous'>;

function stepsOf(ctx: PlanOf) {
  return plan({ form: ctx.form, draft: ctx.draft, kind: ctx.kind, previous: ctx.previous });
}

function firstUnanswered(steps: readonly Step[], draft: Draft): string {
  return steps.find((s) => !isAnswered(s, draft))?.id ?? REVIEW;
}

/** The step after `id` in the current plan, or the first unanswered one if `id` is gone. */
function after(steps: readonly Step[], id: string, draft: Draft): string {
  const i = steps.findIndex((s) => s.id === id);
  if (i < 0) return firstUnanswered(steps, draft);
  return steps[i + 1]?.id ?? REVIEW;
}

function before(steps: readonly Step[], id: string): string | null {
  if (id === REVIEW) return steps.at(-1)?.id ?? null;
  const i = steps.findIndex((s) => s.id === id);
  return i > 0 ? steps[i - 1]!.id : null;
}

/** The prompt for where the session is now. */
function promptFor(ctx: PlanOf, stepId: string): Reply {
  const steps = stepsOf(ctx);
  const step = steps.find((s) => s.id === stepId);
  const p = progress(steps, ctx.draft);
  if (!step)
    return renderReview(
      ctx.form,
      ctx.kind,
      ctx.draft,
      checkReport(ctx.form, ctx.draft.report, ctx.previous),
      p,
    );
  return renderStep(ctx.form, step, ctx.draft, p);
}

function moveTo(
  ctx: TurnContext,
  draft: Draft,
  step: string,
  lead: string[] = [],
  changes: Changes = {},
): TurnResult {
  const session = { mode: 'filling' as const, reportId: ctx.session.reportId, year: ctx.session.year, step };
  const prompt = promptFor({ ...ctx, draft }, step);
  const replies: Reply[] = lead.length ? [{ text: lead.join('\n') }, prompt] : [prompt];
  return { session, draft, changes, replies };
}

function stay(ctx: TurnContext, message: string, step: string): TurnResult {
  const prompt = promptFor(ctx, step);
  return { session: ctx.session, draft: ctx.draft, changes: {}, replies: [{ text: message }, prompt] };
}

function parseYesNo(text: string): boolean | null {
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** "1,3" "1 3" "1、3" "自然人 商业企业" → choice numbers; null if anything is not a choice. */
function parseChoices(text: string, step: Extract<Step, { kind: 'choose' }>): number[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/[\s,，、;；和及]+/)
    .filter(Boolean);
  if (parts.length === 0) return null;
  const picked = new Set<number>();
  for (const part of parts) {
    const byNo = /^\d+$/.test(part) ? step.choices.find((c) => c.no === Number(part)) : undefined;
    const byLabel = step.choices.find((c) => c.label === part);
    const choice = byNo ?? byLabel;
    if (!choice) return null;
    picked.add(choice.no);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * New errors that an answer to `cell` brought about, among the equations the person has finished:
 * every cell of it that the flow asks comes at or before this question. (A sum whose other cells
 * are still to be asked is not judged yet, even if they hold zeros from an earlier answer.)
 */
function newErrors(
  form: Form,
  steps: readonly Step[],
  beforeDraft: Draft,
  afterDraft: Draft,
  cell: string,
  previous?: DraftReport,
): Finding[] {
  const order = new Map(steps.map((s, i) => [s.kind === 'number' ? s.cell.path : s.id, i]));
  const here = order.get(cell) ?? Infinity;
  const finished = (e: Finding) => e.cells.every((c) => (order.get(c) ?? -1) <= here);
  const known = new Set(checkReport(form, beforeDraft.report, previous).errors.map((e) => e.message));
  return checkReport(form, afterDraft.report, previous).errors.filter(
    (e) => !known.has(e.message) && e.cells.includes(cell) && finished(e),
  );
}

function answer(ctx: TurnContext, step: Step, text: string): TurnResult {
  const draft = structuredClone(ctx.draft);
  switch (step.kind) {
    case 'text': {
      if (is(text, 'clear')) {
        setText(draft.report, step.id, '');
        return {
          ...moveTo(ctx, draft, step.id, [T.textCleared]),
          changes: { [step.id]: [getText(ctx.draft.report, step.id), ''] },
        };
      }
      const old = getText(draft.report, step.id);
      const value = old ? `${old}\n${text}` : text;
      setText(draft.report, step.id, value);
      const result = moveTo(ctx, draft, step.id, [], { [step.id]: [old ?? null, value] });
      result.replies = [
        {
          text: T.textNoted,
          buttons: [
            [
              { label: T.nextButton, data: '下一项' },
              { label: T.clearButton, data: '清空重写' },
            ],
            [{ label: T.backButton, data: '上一步' }],
          ],
        },
      ];
      return result;
    }
    case 'number': {
      const parsed = step.cell.kind === 'amount' ? parseAmount(text) : parseCount(text);
      if (!parsed.ok) return stay(ctx, parsed.message, step.id);
      const changes = setCells(ctx.form, draft, { [step.cell.path]: parsed.value });
      const broken = newErrors(
        ctx.form,
        stepsOf({ ...ctx, draft }),
        ctx.draft,
        draft,
        step.cell.path,
        ctx.previous,
      );
      if (broken.length > 0) {
        const session = { ...ctx.session, mode: 'filling' as const, step: step.id };
        return {
          session,
          draft,
          changes,
          replies: [
            {
              text: T.ruleBroken(broken.map((e) => e.message)),
              buttons: [
                [
                  { label: T.keepButton, data: '保留并继续' },
                  { label: T.backButton, data: '上一步' },
                ],
              ],
            },
          ],
        };
      }
      return moveTo(ctx, draft, after(stepsOf({ ...ctx, draft }), step.id, draft), [], changes);
    }
    case 'gate': {
      const yes = parseYesNo(text);
      if (yes === null) return stay(ctx, T.yesNoExpected, step.id);
      const changes = applyAnswer(ctx.form, draft, step.id === 's3.any' ? 's3Any' : 's4Any', yes);
      return moveTo(ctx, draft, after(stepsOf({ ...ctx, draft }), step.id, draft), [], changes);
    }
    case 'choose': {
      const picked = parseChoices(text, step);
      if (!picked) return stay(ctx, T.choicesExpected(step.choices.length), step.id);
      const keys = picked.map((no) => step.choices.find((c) => c.no === no)!.key);
      const changes =
        step.id === 's3.columns'
          ? applyAnswer(ctx.form, draft, 's3Columns', keys.map(Number))
          : applyAnswer(ctx.form, draft, step.id === 's3.rows' ? 's3Rows' : 's4Groups', keys);
      return moveTo(ctx, draft, after(stepsOf({ ...ctx, draft }), step.id, draft), [], changes);
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
  return moveTo(ctx, draft, next, [T.restZeroDone(Object.keys(changes).length)], changes);
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
    const session = {
      mode: 'filling' as const,
      reportId: ctx.session.reportId,
      year: ctx.session.year,
      step: missing.length ? target : REVIEW,
    };
    return {
      session,
      draft: ctx.draft,
      changes: {},
      replies: [
        {
          text: T.submitRefused(
            missing.length,
            errors.map((e) => e.message),
          ),
        },
        promptFor(ctx, session.step),
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
  return { session: { mode: 'idle' }, draft: ctx.draft, changes: {}, replies: [], submit: true };
}

/** One turn while a person is filling in (or confirming) a draft. `text` is trimmed. */
export function fillTurn(ctx: TurnContext, text: string): TurnResult {
  const steps = stepsOf(ctx);
  const current = ctx.session.mode === 'filling' ? ctx.session.step : REVIEW;
  const step = steps.find((s) => s.id === current);

  if (is(text, 'review')) return moveTo(ctx, ctx.draft, REVIEW);
  if (is(text, 'submit')) return trySubmit(ctx, false);
  if (is(text, 'confirm')) return trySubmit(ctx, ctx.session.mode === 'confirming');
  if (is(text, 'back')) {
    const prev = before(steps, current);
    return prev ? moveTo(ctx, ctx.draft, prev) : stay(ctx, T.atFirstStep, current);
  }
  const [word, arg] = text.split(/\s+/, 2);
  if (word && is(word, 'edit')) {
    const section = arg ? parseSection(ctx.form, arg) : null;
    if (!section)
      return { session: ctx.session, draft: ctx.draft, changes: {}, replies: [sectionMenu(ctx.form)] };
    const first = steps.find((s) => s.section === section)!;
    return moveTo(ctx, ctx.draft, first.id);
  }
  if (ctx.session.mode === 'confirming' || !step) {
    // At the review: a section name jumps there; anything else shows the review again.
    const section = parseSection(ctx.form, text);
    if (section) return moveTo(ctx, ctx.draft, steps.find((s) => s.section === section)!.id);
    return moveTo(ctx, ctx.draft, REVIEW, [T.atReview]);
  }
  if (is(text, 'skip')) return moveTo(ctx, ctx.draft, after(steps, step.id, ctx.draft), [T.skipped]);
  if (is(text, 'keep')) return moveTo(ctx, ctx.draft, after(steps, step.id, ctx.draft));
  if (step.kind === 'number' && is(text, 'restZero') && step.restZero) return restOfSectionZero(ctx, step);
  return answer(ctx, step, text);
}

/** Opens (or resumes) a draft: where to start, and the prompt. */
export function openDraft(
  ctx: Omit<TurnContext, 'session'> & { reportId: number; year: number },
  resumeAt?: string,
): TurnResult {
  const steps = stepsOf(ctx);
  const at =
    resumeAt && (resumeAt === REVIEW || steps.some((s) => s.id === resumeAt))
      ? resumeAt
      : firstUnanswered(steps, ctx.draft);
  const session = { mode: 'filling' as const, reportId: ctx.reportId, year: ctx.year, step: at };
  return { session, draft: ctx.draft, changes: {}, replies: [promptFor(ctx, at)] };
}

function sectionMenu(form: Form): Reply {
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
