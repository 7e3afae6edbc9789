// The checker: rules 1–5 as errors, rules 6–10 as warnings given last year's report. Pure; takes a
// whole report or a draft (cells not yet entered are skipped), reads it with its version's
// definition, and returns findings that name the rule, the cells, the expected and actual values,
// and a sentence a township official understands.
import type { Equation, Form, Term } from '../../forms';
import { cellProblem, getText, readCell, s3Path, s4Path } from '../../forms/model';
import { RULE_COPY as T } from './copy';
import { finding, inForceGap, valueOf, type CheckResult, type Finding } from './findings';
import { parseCount } from './numbers';
import { reviewFindings } from './review';
import { isEmptyText, normaliseText } from './texts';

export { isEmptyText } from './texts';

export type { CheckResult, Finding } from './findings';

/** The non-zero terms of a sum, every one named: "予以公开 4 + 部分公开 1"; null when all are 0. */
function describeTerms(terms: readonly { short: string; value: number }[]): string | null {
  const nonZero = terms.filter((t) => t.value !== 0);
  return nonZero.length === 0 ? null : nonZero.map((t) => `${t.short} ${t.value}`).join(' + ');
}

type Known = Term & { value: number };

/** The sum of the terms' figures; null while one is not entered (or holds no finite number). */
function sumOf(form: Form, report: object, terms: readonly Term[]): number | null {
  let sum = 0;
  for (const t of terms) {
    const v = valueOf(form, report, t.path);
    if (!Number.isFinite(v)) return null;
    sum += v!;
  }
  return sum;
}

function evaluate(form: Form, eq: Equation, report: object): Finding | null {
  // A draft whose cells are not all entered yet (or hold invalid values, which rule 5 reports)
  // cannot be judged by this equation. Most equations hold: they are summed before anything is named.
  const l = sumOf(form, report, eq.left);
  const r = sumOf(form, report, eq.right);
  if (l === null || r === null || l === r) return null;
  const read = (terms: readonly Term[]): Known[] =>
    terms.map((t) => ({ ...t, value: valueOf(form, report, t.path) ?? 0 }));
  const left = read(eq.left);
  const right = read(eq.right);
  const cells = [...eq.left, ...eq.right].map((t) => t.path);
  if (eq.computes !== undefined) {
    const message = T.total(eq.scope, eq.left[0]!.short, describeTerms(right), r, l);
    return finding(eq.rule, cells, message, r, l);
  }
  // A total on either side is named with what it adds up, so every cell behind the sum is named.
  const term = (t: Known) => {
    const parts = form.computedBy.get(t.path);
    const listed = parts && describeTerms(read(parts.right));
    return listed ? `${t.short} ${t.value}（${listed}）` : `${t.short} ${t.value}`;
  };
  const side = (ts: readonly Known[]) => ts.map(term).join(' + ');
  return finding(eq.rule, cells, T.balance(eq.scope, side(left), l, side(right), r), l, r);
}

function checkValues(form: Form, report: object): Finding[] {
  const out: Finding[] = [];
  for (const cell of form.cells) {
    const value = readCell(report, cell);
    // Not entered yet (a cleared cell is stored as null).
    if (value === undefined || value === null) continue;
    const problem = cellProblem(cell, value);
    if (problem === null) continue;
    if (problem === 'notApplicable') {
      out.push(finding(17, [cell.path], T.notApplicable(cell.label)));
      continue;
    }
    const message =
      problem === 'tooLarge'
        ? T.outOfRange(cell.label, value)
        : cell.kind === 'count'
          ? T.count(cell.label, value)
          : T.amount(cell.label, value);
    out.push(finding(5, [cell.path], message));
  }
  return out;
}

function checkTexts(form: Form, report: object, previous: object | undefined): Finding[] {
  const out: Finding[] = [];
  for (const part of form.texts) {
    const now = getText(report, part.path);
    if (isEmptyText(now)) {
      out.push(finding(9, [part.path], T.textEmpty(part.name)));
    } else if (previous && normaliseText(now) === normaliseText(getText(previous, part.path))) {
      out.push(finding(9, [part.path], T.textCopied(part.name)));
    }
  }
  return out;
}

/** Numbers of cases an 依申请公开 text mentions ("收到申请 3 件"). */
function mentionedCases(text: string): number {
  let most = 0;
  for (const m of text.normalize('NFKC').matchAll(/([0-9]+|[一二两三四五六七八九十百]+)\s*(件|份)/g)) {
    const parsed = parseCount(m[1]!);
    if (parsed.ok) most = Math.max(most, parsed.value);
  }
  return most;
}

function checkOnRequest(form: Form, report: object): Finding[] {
  const newTotal = s3Path('new', form.s3Index.total);
  const received = valueOf(form, report, newTotal);
  const text = getText(report, 's1.onRequest');
  // A blank table is not a table of zeros: judge only once every applicant's 新收 is given.
  const entered = form.s3Index.applicants.every((c) => valueOf(form, report, s3Path('new', c)) !== undefined);
  if (received === undefined || text === undefined || !entered) return [];
  const cells = ['s1.onRequest', newTotal];
  if (received > 0 && isEmptyText(text))
    return [finding(10, cells, T.onRequestSaysNone(received), received, 0)];
  if (received === 0) {
    const n = mentionedCases(text);
    if (n > 0) return [finding(10, cells, T.onRequestMentionsCases(n), n, 0)];
  }
  return [];
}

function checkAgainstLastYear(form: Form, report: object, previous: object): Finding[] {
  const out: Finding[] = [];
  form.s3.columns.forEach((col, c) => {
    const now = valueOf(form, report, s3Path('carriedOver', c));
    const before = valueOf(form, previous, s3Path('carryForward', c));
    if (now !== undefined && before !== undefined && now !== before) {
      out.push(finding(6, [s3Path('carriedOver', c)], T.carriedOver(col.short, now, before), before, now));
    }
  });

  const gap = inForceGap(form, report, previous, 'normativeDocs');
  if (gap) {
    const { inForce, before, issued, repealed, expected } = gap;
    out.push(
      finding(
        7,
        ['s2.normativeDocs.inForce'],
        T.inForce(inForce, before, issued, repealed),
        expected,
        inForce,
      ),
    );
  }

  for (const g of form.s4.groups) {
    const pending = valueOf(form, previous, s4Path(g.id, 'pending'));
    const total = valueOf(form, report, s4Path(g.id, 'total'));
    if (pending !== undefined && total !== undefined && pending > 0 && total < pending) {
      out.push(finding(8, [s4Path(g.id, 'total')], T.pendingCases(g.short, pending, total), pending, total));
    }
  }
  return out;
}

/**
 * Checks a report or draft with its version's definition; `previous` is last year's report of the
 * same body, when known (read by its own version's cell paths, which are stable across versions).
 */
export function checkReport(form: Form, report: object, previous?: object): CheckResult {
  const errors: Finding[] = [...checkValues(form, report)];
  for (const eq of form.equations) {
    const f = evaluate(form, eq, report);
    if (f) errors.push(f);
  }
  const warnings: Finding[] = [
    ...(previous ? checkAgainstLastYear(form, report, previous) : []),
    ...checkTexts(form, report, previous),
    ...checkOnRequest(form, report),
  ];
  // The reviewer's rules (11–15): most are warnings; 规章 figures of a township are an error.
  for (const f of reviewFindings(form, report, previous))
    (f.severity === 'error' ? errors : warnings).push(f);
  return { errors, warnings };
}
