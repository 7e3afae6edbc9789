// Renders a flow step, or the review, as a neutral reply: text plus buttons that send back what a
// person would type. Channels turn these into Telegram keyboards, WeCom cards or numbered text.
import type { Form, OrgKind } from '../../forms';
import { getCell, getText } from '../../forms/model';
import type { CheckResult } from './check';
import { FLOW_COPY as T } from './copy';
import { cellValue, missingCells, type Draft } from './draft';
import { formatAmount } from './numbers';
import type { Step } from './plan';
import type { Button, Reply } from './reply';

const nav = (skip = true): Button[] => [
  ...(skip ? [{ label: T.skipButton, data: '跳过' }] : []),
  { label: T.backButton, data: '上一步' },
];

export function renderStep(form: Form, step: Step, draft: Draft, p: { done: number; total: number }): Reply {
  const heading = step.kind === 'text' && step.heading ? ` · ${step.heading}` : '';
  const about = step.kind === 'number' && step.about ? ` · ${step.about}` : '';
  const head = `【${form.heading(step.section)}${heading}${about}】${T.progress(p.done, p.total)}`;
  switch (step.kind) {
    case 'text': {
      const current = getText(draft.report, step.id);
      const lines = [head, T.textAsk(step.hint)];
      const buttons: Button[][] = [];
      if (step.suggestion) buttons.push([{ label: T.noFeesButton, data: step.suggestion }]);
      if (current) {
        lines.push(T.textCurrent(current));
        buttons.push([
          { label: T.nextButton, data: '下一项' },
          { label: T.clearButton, data: '清空重写' },
        ]);
        buttons.push(nav(false));
      } else {
        buttons.push(nav());
      }
      return { text: lines.join('\n'), buttons };
    }
    case 'number': {
      const lines = [head, step.question];
      const value = getCell(draft.report, step.cell);
      if (step.cell.kind === 'amount') lines.push(T.amountUnit);
      if (value !== undefined)
        lines.push(T.numberCurrent(step.cell.kind === 'amount' ? formatAmount(value) : String(value)));
      const first: Button[] = [];
      if (step.suggestion) {
        const v = step.suggestion.value;
        lines.push(step.suggestion.why === 'lastYear' ? T.suggestLastYear(v) : T.suggestBalance(v));
        first.push({
          label: step.suggestion.why === 'lastYear' ? T.suggestLastYearButton(v) : T.suggestBalanceButton(v),
          data: String(v),
        });
      }
      if (!step.suggestion || step.suggestion.value !== 0) first.push({ label: '0', data: '0' });
      const buttons: Button[][] = [first];
      if (step.restZero) buttons.push([{ label: T.restZeroButton, data: '本节其余为0' }]);
      buttons.push(nav());
      return { text: lines.join('\n'), buttons };
    }
    case 'gate': {
      const lines = [head, step.id === 's3.any' ? T.s3Gate : T.s4Gate];
      if (step.carried) lines.push(T.s3GateCarried(step.carried));
      return {
        text: lines.join('\n'),
        buttons: [
          [
            { label: T.yesButton, data: '是' },
            { label: T.noButton, data: '否' },
          ],
          nav(false),
        ],
      };
    }
    case 'choose': {
      const question =
        step.id === 's3.columns' ? T.chooseColumns : step.id === 's3.rows' ? T.chooseRows : T.chooseGroups;
      const list = step.choices.map((c) => `${c.no}. ${c.label}`).join('\n');
      const common = step.common.map((no) => step.choices.find((c) => c.no === no)!);
      const buttons: Button[][] = [];
      for (let i = 0; i < common.length; i += 2) {
        buttons.push(
          common.slice(i, i + 2).map((c) => ({ label: `${c.no}. ${c.label}`, data: String(c.no) })),
        );
      }
      buttons.push(nav(false));
      return { text: [head, question, T.chooseHow, list].join('\n'), buttons };
    }
  }
}

/** One line per section of the format, with the figures that say most about it. */
function summaryLines(form: Form, kind: OrgKind, draft: Draft): string[] {
  const r = draft.report;
  const n = (path: string) => {
    const v = cellValue(form, r, path);
    const cell = form.cellByPath.get(path);
    return v === undefined ? T.unknown : cell?.kind === 'amount' ? formatAmount(v) : String(v);
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
  p: { done: number; total: number },
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
  if (!missing && !check.errors.length && !check.warnings.length) blocks.push(T.reviewReady);
  return {
    text: blocks.join('\n\n'),
    buttons: [
      [{ label: T.submitButton, data: '/submit' }],
      [
        { label: T.editButton, data: '/edit' },
        { label: T.backButton, data: '上一步' },
      ],
    ],
  };
}
