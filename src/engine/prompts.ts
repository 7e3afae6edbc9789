// Renders a flow step, or the review, as a neutral reply: text plus buttons that send back what a
// person would type. Channels turn these into Telegram keyboards, WeCom cards or numbered text.
import { S3_TOTAL_COLUMN, SECTIONS } from '../../forms/report-2021';
import { getCell, s3Path, s4Path } from '../../forms/model';
import type { CheckResult } from './check';
import { FLOW_COPY as T } from './copy';
import { cellValue, getText, missingCells, TEXT_PATHS, type Draft } from './draft';
import type { Button, Reply } from './flow';
import { formatAmount } from './numbers';
import type { Step } from './plan';

const nav = (skip = true): Button[] => [
  ...(skip ? [{ label: T.skipButton, data: '跳过' }] : []),
  { label: T.backButton, data: '上一步' },
];

function sectionTitle(id: string): string {
  const s = SECTIONS.find((x) => x.id === id)!;
  return `${s.no}、${s.title}`;
}

export function renderStep(step: Step, draft: Draft, p: { done: number; total: number }): Reply {
  const heading = step.kind === 'text' && step.heading ? ` · ${step.heading}` : '';
  const about = step.kind === 'number' && step.about ? ` · ${step.about}` : '';
  const head = `【${sectionTitle(step.section)}${heading}${about}】${T.progress(p.done, p.total)}`;
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

export function renderReview(draft: Draft, check: CheckResult, p: { done: number; total: number }): Reply {
  const r = draft.report;
  const n = (path: string) => {
    const v = cellValue(r, path);
    return v === undefined ? T.unknown : String(v);
  };
  const fees = cellValue(r, 's2.fees');
  const texts = TEXT_PATHS.slice(0, 5).filter((t) => (getText(r, t) ?? '').trim() !== '').length;
  const suits = ['suitDirect', 'suitAfterReview'] as const;
  const suitTotal = suits.map((g) => cellValue(r, s4Path(g, 'total')));
  const lines = [
    T.reviewTitle(r.org.name, r.year),
    T.reviewProgress(p.done, p.total),
    '',
    T.reviewS1(texts),
    T.reviewS2(
      `${n('s2.normativeDocs.issued')}、废止 ${n('s2.normativeDocs.repealed')}、现行有效 ${n('s2.normativeDocs.inForce')}`,
      n('s2.licensing'),
      n('s2.penalties'),
      n('s2.enforcement'),
      fees === undefined ? T.unknown : formatAmount(fees),
    ),
    T.reviewS3(
      n(s3Path('new', S3_TOTAL_COLUMN)),
      n(s3Path('carriedOver', S3_TOTAL_COLUMN)),
      n(s3Path('total', S3_TOTAL_COLUMN)),
      n(s3Path('carryForward', S3_TOTAL_COLUMN)),
    ),
    T.reviewS4(
      n(s4Path('review', 'total')),
      suitTotal.some((v) => v === undefined) ? T.unknown : String(suitTotal.reduce((a, b) => a! + b!, 0)),
    ),
    T.reviewText('五、存在的主要问题及改进情况', (r.s5 ?? '').trim().length),
    T.reviewText('六、其他需要报告的事项', (r.s6 ?? '').trim().length),
  ];
  const missing = missingCells(r).length;
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
