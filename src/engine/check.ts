// The checker: rules 1–5 as errors, rules 6–10 as warnings given last year's report. Pure; takes a
// whole report or a draft (cells not yet entered are skipped), returns findings that name the rule,
// the cells, the expected and actual values, and a sentence a township official understands.
import { CELLS, CELL_BY_PATH, getCell, s3Path, s4Path, type CellPath, type Report } from '../../forms/model';
import { EQUATIONS, RULES, type Equation, type RuleId, type Severity, type Term } from '../../forms/rules';
import { S1_PARTS, S3_COLUMNS, S4_GROUPS, SECTIONS } from '../../forms/report-2021';
import { RULE_COPY as T } from './copy';
import { parseCount } from './numbers';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Cell paths (`s3.granted[2]`) or text paths (`s1.onRequest`) the finding is about. */
  cells: string[];
  expected?: number;
  actual?: number;
  message: string;
}

export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
}

/** A report as far as it has been filled in: any part may be missing. */
export type Draft = Partial<Report> | Report;

const MAX_LISTED_TERMS = 5;

function finding(
  rule: RuleId,
  cells: string[],
  message: string,
  expected?: number,
  actual?: number,
): Finding {
  const f: Finding = { rule, severity: RULES[rule].severity, cells, message };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  return f;
}

function valueOf(report: Draft, path: CellPath): number | undefined {
  const cell = CELL_BY_PATH.get(path);
  return cell ? getCell(report, cell) : undefined;
}

function describeTerms(terms: readonly { short: string; value: number }[]): string | null {
  const nonZero = terms.filter((t) => t.value !== 0);
  if (nonZero.length === 0) return null;
  const listed = nonZero.slice(0, MAX_LISTED_TERMS).map((t) => `${t.short} ${t.value}`);
  const more = nonZero.length > MAX_LISTED_TERMS ? T.moreTerms(nonZero.length) : '';
  return listed.join(' + ') + more;
}

function evaluate(eq: Equation, report: Draft): Finding | null {
  const read = (terms: readonly Term[]) => terms.map((t) => ({ ...t, value: valueOf(report, t.path) }));
  const left = read(eq.left);
  const right = read(eq.right);
  const all = [...left, ...right];
  // A draft whose cells are not all entered yet (or hold invalid values, which rule 5 reports)
  // cannot be judged by this equation.
  if (all.some((t) => typeof t.value !== 'number' || !Number.isFinite(t.value))) return null;
  const known = (ts: typeof left) => ts as { path: string; short: string; value: number }[];
  const l = known(left).reduce((s, t) => s + t.value, 0);
  const r = known(right).reduce((s, t) => s + t.value, 0);
  if (l === r) return null;
  const cells = all.map((t) => t.path);
  if (eq.computes !== undefined) {
    const parts = describeTerms(known(right));
    const message = T.total(eq.scope, eq.left[0]!.short, parts, r, l);
    return finding(eq.rule, cells, message, r, l);
  }
  const side = (ts: typeof left) =>
    known(ts)
      .map((t) => `${t.short} ${t.value}`)
      .join(' + ');
  return finding(eq.rule, cells, T.balance(eq.scope, side(left), l, side(right), r), l, r);
}

function checkValues(report: Draft): Finding[] {
  const out: Finding[] = [];
  for (const cell of CELLS) {
    let node: unknown = report;
    for (const key of cell.loc) {
      node =
        node !== null && typeof node === 'object'
          ? (node as Record<string | number, unknown>)[key]
          : undefined;
    }
    if (node === undefined || node === null) continue;
    const ok =
      typeof node === 'number' &&
      Number.isFinite(node) &&
      node >= 0 &&
      (cell.kind === 'amount' || Number.isInteger(node));
    if (!ok) {
      const message = cell.kind === 'count' ? T.count(cell.label, node) : T.amount(cell.label, node);
      out.push(finding(5, [cell.path], message));
    }
  }
  return out;
}

const NONE_TEXT = /^(无|没有|暂无|无此项|不涉及|空|略)$/;

function normaliseText(text: unknown): string {
  return typeof text === 'string' ? text.replace(/[\s\u3000]+/g, '').replace(/[。．.，,；;：:]+$/, '') : '';
}

function isEmptyText(text: unknown): boolean {
  const t = normaliseText(text);
  return t === '' || NONE_TEXT.test(t);
}

interface TextPart {
  path: string;
  heading: string;
  get: (r: Draft) => unknown;
}

const s5 = SECTIONS.find((s) => s.id === 's5')!;
const s6 = SECTIONS.find((s) => s.id === 's6')!;

const TEXT_PARTS: readonly TextPart[] = [
  ...S1_PARTS.map((p) => ({ path: `s1.${p.id}`, heading: p.heading, get: (r: Draft) => r.s1?.[p.id] })),
  { path: 's5', heading: `${s5.no}、${s5.title}`, get: (r: Draft) => r.s5 },
  { path: 's6', heading: `${s6.no}、${s6.title}`, get: (r: Draft) => r.s6 },
];

function checkTexts(report: Draft, previous: Draft | undefined): Finding[] {
  const out: Finding[] = [];
  for (const part of TEXT_PARTS) {
    const now = part.get(report);
    if (isEmptyText(now)) {
      out.push(finding(9, [part.path], T.textEmpty(part.heading)));
    } else if (previous && normaliseText(now) === normaliseText(part.get(previous))) {
      out.push(finding(9, [part.path], T.textCopied(part.heading)));
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

function checkOnRequest(report: Draft): Finding[] {
  const received = valueOf(report, s3Path('new', 6));
  const text = report.s1?.onRequest;
  if (received === undefined || typeof text !== 'string') return [];
  const cells = ['s1.onRequest', s3Path('new', 6)];
  if (received > 0 && isEmptyText(text))
    return [finding(10, cells, T.onRequestSaysNone(received), received, 0)];
  if (received === 0) {
    const n = mentionedCases(text);
    if (n > 0) return [finding(10, cells, T.onRequestMentionsCases(n), n, 0)];
  }
  return [];
}

function checkAgainstLastYear(report: Draft, previous: Draft): Finding[] {
  const out: Finding[] = [];
  S3_COLUMNS.forEach((col, c) => {
    const now = valueOf(report, s3Path('carriedOver', c));
    const before = valueOf(previous, s3Path('carryForward', c));
    if (now !== undefined && before !== undefined && now !== before) {
      out.push(finding(6, [s3Path('carriedOver', c)], T.carriedOver(col.short, now, before), before, now));
    }
  });

  const inForce = valueOf(report, 's2.normativeDocs.inForce');
  const issued = valueOf(report, 's2.normativeDocs.issued');
  const repealed = valueOf(report, 's2.normativeDocs.repealed');
  const before = valueOf(previous, 's2.normativeDocs.inForce');
  if (inForce !== undefined && issued !== undefined && repealed !== undefined && before !== undefined) {
    const expected = before + issued - repealed;
    if (expected !== inForce) {
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
  }

  for (const g of S4_GROUPS) {
    const pending = valueOf(previous, s4Path(g.id, 'pending'));
    const total = valueOf(report, s4Path(g.id, 'total'));
    if (pending !== undefined && total !== undefined && pending > 0 && total < pending) {
      out.push(finding(8, [s4Path(g.id, 'total')], T.pendingCases(g.short, pending, total), pending, total));
    }
  }
  return out;
}

/** Checks a report or draft; `previous` is last year's report of the same body, when known. */
export function checkReport(report: Draft, previous?: Draft): CheckResult {
  const errors: Finding[] = [...checkValues(report)];
  for (const eq of EQUATIONS) {
    const f = evaluate(eq, report);
    if (f) errors.push(f);
  }
  const warnings: Finding[] = [
    ...(previous ? checkAgainstLastYear(report, previous) : []),
    ...checkTexts(report, previous),
    ...checkOnRequest(report),
  ];
  return { errors, warnings };
}
