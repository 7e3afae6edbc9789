// Renders a flow step, or the review, as a neutral reply: text plus buttons that send back what a
// person would type, each tagged with the question it belongs to. Channels turn these into Telegram
// keyboards, cards, dtmd links or typed choices.
import type { CellDef, Form, OrgKind } from '../../forms';
import { cellEntry, getText, NOT_APPLICABLE, type CellValue } from '../../forms/model';
import type { CheckResult, Finding } from './check';
import { FLOW_COPY as T } from './copy';
import { cellValue, missingCells, type Draft } from './draft';
import { formatAmount } from './numbers';
import type { Step } from './plan';
import type { Button, Reply } from './reply';
import { jumpData, toggleData } from './words';

type Progress = { done: number; total: number };
type Untagged = Omit<Button, 'step'>;

/** Buttons of one question: each carries the question, so a press from an old message is told apart. */
function tagged(step: Step, rows: Untagged[][]): Button[][] {
  const tag = { id: step.id, name: step.name };
  return rows.filter((row) => row.length > 0).map((row) => row.map((b) => ({ ...b, step: tag })));
}

const nav = (skip = true): Untagged[] => [
  ...(skip ? [{ label: T.skipButton, data: '跳过' }] : []),
  { label: T.backButton, data: '上一步' },
];

function head(form: Form, step: Step, p: Progress): string {
  const heading = step.kind === 'text' && step.heading ? ` · ${step.heading}` : '';
  const about = step.kind === 'number' && step.about ? ` · ${step.about}` : '';
  return `【${form.heading(step.section)}${heading}${about}】${T.progress(p.done, p.total)}`;
}

/** A cell's answer as the chat writes it: 12, 3.5 (「3.5 万元」 with `unit`), 不适用. */
export function showAnswer(cell: Pick<CellDef, 'kind'>, v: CellValue, unit = false): string {
  if (v === NOT_APPLICABLE) return T.notApplicable;
  if (cell.kind !== 'amount') return String(v);
  return unit ? T.amountShown(formatAmount(v)) : formatAmount(v);
}

export function renderStep(
  form: Form,
  step: Exclude<Step, { kind: 'choose' }>,
  draft: Draft,
  p: Progress,
): Reply {
  switch (step.kind) {
    case 'text': {
      const current = getText(draft.report, step.id);
      const lines = [head(form, step, p), T.textAsk(step.hint)];
      const rows: Untagged[][] = [];
      if (step.suggestion) rows.push([{ label: T.noFeesButton, data: step.suggestion }]);
      if (current) {
        lines.push(T.textCurrent(current));
        rows.push([
          { label: T.nextButton, data: '下一项' },
          { label: T.clearButton, data: '清空重写' },
        ]);
        rows.push(nav(false));
      } else {
        rows.push(nav());
      }
      return { text: lines.join('\n'), buttons: tagged(step, rows) };
    }
    case 'number': {
      const lines = [head(form, step, p), step.question];
      const value = cellEntry(draft.report, step.cell);
      if (step.cell.kind === 'amount') lines.push(T.amountUnit);
      const first: Untagged[] = [];
      if (value !== undefined) {
        lines.push(T.numberCurrent(showAnswer(step.cell, value)));
        first.push({ label: T.keepValueButton(showAnswer(step.cell, value)), data: '下一项' });
      }
      if (step.suggestion) {
        const v = step.suggestion.value;
        lines.push(step.suggestion.why === 'lastYear' ? T.suggestLastYear(v) : T.suggestBalance(v));
        if (v !== value)
          first.push({
            label:
              step.suggestion.why === 'lastYear' ? T.suggestLastYearButton(v) : T.suggestBalanceButton(v),
            data: String(v),
          });
      }
      if (value !== 0 && !first.some((b) => b.data === '0')) first.push({ label: '0', data: '0' });
      if (step.cell.notApplicable && value !== NOT_APPLICABLE)
        first.push({ label: T.notApplicable, data: T.notApplicable });
      const rows = [first];
      if (step.restZero) rows.push([{ label: T.restZeroButton, data: '本节其余为0' }]);
      rows.push(nav());
      return { text: lines.join('\n'), buttons: tagged(step, rows) };
    }
    case 'gate': {
      const lines = [head(form, step, p), step.id === 's3.any' ? T.s3Gate : T.s4Gate];
      if (step.carried) lines.push(T.s3GateCarried(step.carried));
      const rows = [
        [
          { label: T.yesButton, data: '是' },
          { label: T.noButton, data: '否' },
        ],
        nav(false),
      ];
      return { text: lines.join('\n'), buttons: tagged(step, rows) };
    }
  }
}

/**
 * A multiple choice: pressing a choice ticks or unticks it, 「选好了」 answers with what is ticked;
 * typing the numbers (1,3) answers at once. A single press never answers by surprise.
 */
export function renderChoose(
  form: Form,
  step: Extract<Step, { kind: 'choose' }>,
  p: Progress,
  picked: readonly number[],
): Reply {
  const mark = (no: number) => (picked.includes(no) ? '☑' : '☐');
  const question =
    step.id === 's3.columns' ? T.chooseColumns : step.id === 's3.rows' ? T.chooseRows : T.chooseGroups;
  const list = step.choices.map((c) => `${mark(c.no)} ${c.no}. ${c.label}`).join('\n');
  const offered = [...new Set([...step.common, ...picked])].sort((a, b) => a - b);
  const rows: Untagged[][] = [];
  for (let i = 0; i < offered.length; i += 2) {
    rows.push(
      offered.slice(i, i + 2).map((no) => {
        const c = step.choices.find((x) => x.no === no)!;
        return { label: `${mark(no)} ${c.no}. ${c.label}`, data: toggleData(no), toggle: true };
      }),
    );
  }
  rows.push([{ label: T.pickedButton(picked.length), data: '选好了', toggle: true }]);
  rows.push(nav(false));
  const chosen = picked.map((no) => step.choices.find((c) => c.no === no)!.label);
  const lines = [head(form, step, p), question, T.chooseHow, list];
  if (chosen.length) lines.push(T.pickedSoFar(chosen));
  return { text: lines.join('\n'), buttons: tagged(step, rows) };
}

/** After a text is sent: noted, and how to go on. */
export function textNoted(step: Extract<Step, { kind: 'text' }>, lead?: string): Reply {
  const rows = [
    [
      { label: T.nextButton, data: '下一项' },
      { label: T.clearButton, data: '清空重写' },
    ],
    [{ label: T.backButton, data: '上一步' }],
  ];
  return { text: lead ? `${lead}\n${T.textNoted}` : T.textNoted, buttons: tagged(step, rows) };
}

/** A sum that stopped adding up: every cell named, a button to each, and never "keep it" for an error. */
export function renderRuleBroken(
  form: Form,
  step: Extract<Step, { kind: 'number' }>,
  steps: readonly Step[],
  broken: readonly Finding[],
  lead: readonly string[],
): Reply {
  const names = new Map(steps.map((s) => [s.id, s.name]));
  const targets: Untagged[] = [...new Set(broken.flatMap((e) => e.cells))]
    .filter((c) => c !== step.cell.path && names.has(c))
    .slice(0, 6)
    .map((c) => ({
      label: T.jumpButton(form.cellByPath.get(c)?.label ?? names.get(c)!),
      data: jumpData(names.get(c)!),
    }));
  const rows: Untagged[][] = [];
  for (let i = 0; i < targets.length; i += 2) rows.push(targets.slice(i, i + 2));
  rows.push([
    { label: T.laterButton, data: '先填后面的' },
    { label: T.backButton, data: '上一步' },
  ]);
  const text = [...lead, T.ruleBroken(broken.map((e) => e.message))].join('\n');
  return { text, buttons: tagged(step, rows) };
}

/** One line per section of the format, with the figures that say most about it. */
function summaryLines(form: Form, kind: OrgKind, draft: Draft): string[] {
  const r = draft.report;
  const n = (path: string) => {
    const cell = form.cellByPath.get(path)!;
    const v = cellEntry(r, cell);
    return v === undefined ? T.unknown : showAnswer(cell, v);
  };
  const sum = (paths: readonly string[]) => {
    const values = paths.map((p) => cellValue(form, r, p));
    return values.some((v) => v === undefined) ? T.unknown : String(values.reduce((a, b) => a! + b!, 0));
  };
  const written = (path: string) => (getText(r, path) ?? '').trim().length;
  return form.sections.map((section) => {
    const heading = form.heading(section.id);
    const texts = form.texts.filter((t) => t.section === section.id);
    switch (section.id) {
      case 's2': {
        const rows = form.s2.tables.flatMap((t) =>
          t.rows
            .filter((row) => !row.askedOf || row.askedOf.includes(kind))
            .map((row) => {
              const cells = form.cellsOf('s2').filter((c) => c.row === row.id);
              const values = t.columns
                ? t.columns.map((col, i) => `${col.label} ${n(cells[i]!.path)}`).join('、')
                : `${n(cells[0]!.path)}${t.single?.kind === 'amount' ? ' 万元' : ''}`;
              return `${row.label} ${values}`;
            }),
        );
        return T.reviewNumbers(heading, rows);
      }
      case 's3': {
        const total = form.s3Index.total;
        const rows = form.s3.rows
          .filter((row) => row.role !== 'result')
          .map((row) => T.reviewCount(row.short, n(`s3.${row.id}[${total}]`)));
        return T.reviewNumbers(heading, rows);
      }
      case 's4': {
        const headings = [...new Set(form.s4.groups.map((g) => g.heading))];
        const total = form.s4.fields.find((f) => f.total)!.id;
        const rows = headings.map((h) =>
          T.reviewCount(
            h,
            sum(form.s4.groups.filter((g) => g.heading === h).map((g) => `s4.${g.id}.${total}`)),
          ),
        );
        return T.reviewNumbers(heading, rows);
      }
      default:
        if (texts.length > 1) {
          const filled = texts.filter((t) => written(t.path) > 0).length;
          return T.reviewParts(heading, filled, texts.length);
        }
        return T.reviewText(heading, texts[0] ? written(texts[0].path) : 0);
    }
  });
}

export function renderReview(
  form: Form,
  kind: OrgKind,
  draft: Draft,
  check: CheckResult,
  p: Progress,
): Reply {
  const r = draft.report;
  const lines = [
    T.reviewTitle(r.org.name, r.year),
    T.reviewProgress(p.done, p.total),
    '',
    ...summaryLines(form, kind, draft),
  ];
  const missing = missingCells(form, r).length;
  const blocks = [lines.join('\n')];
  if (missing > 0) blocks.push(T.reviewMissing(missing));
  if (check.errors.length) blocks.push(T.reviewErrors(check.errors.map((e) => e.message)));
  if (check.warnings.length) blocks.push(T.reviewWarnings(check.warnings.map((w) => w.message)));
  // "Nothing to fix" only when nothing is blank either.
  if (!missing && p.done >= p.total && !check.errors.length && !check.warnings.length)
    blocks.push(T.reviewReady);
  return {
    text: blocks.join('\n\n'),
    buttons: [
      [{ label: T.submitButton, data: '/submit' }],
      [
        { label: T.editButton, data: '/edit' },
        { label: T.backButton, data: '上一步', step: { id: 'review', name: T.reviewName } },
      ],
    ],
  };
}
