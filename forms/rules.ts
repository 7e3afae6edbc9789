// The consistency rules (勾稽关系) of the 2021 format as data. Rules 1–4 are sums, expanded here into
// one equation per row, column or group; the checker evaluates them, the web form shows them beside
// the cells and the totals they define are computed, never asked. Rules 5–10 are described here and
// implemented in the engine, since they compare values of different kinds or last year's report.
import { s3Path, s4Path, type CellPath } from './model';
import {
  S3_APPLICANT_COLUMNS,
  S3_COLUMNS,
  S3_ROWS,
  S3_TOTAL_COLUMN,
  S4_FIELDS,
  S4_GROUPS,
} from './report-2021';

export type RuleId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export type Severity = 'error' | 'warning';

export const RULES: Record<RuleId, { severity: Severity; title: string }> = {
  1: { severity: 'error', title: '表三：每行“总计”等于六类申请人之和' },
  2: { severity: 'error', title: '表三：“（七）总计”等于各项办理结果之和' },
  3: { severity: 'error', title: '表三：新收 + 上年结转 = 办理结果合计 + 结转下年度' },
  4: { severity: 'error', title: '表四：每组“总计”等于维持、纠正、其他、尚未审结之和' },
  5: { severity: 'error', title: '件数为非负整数，收费金额为非负数' },
  6: { severity: 'warning', title: '表三“上年结转”应等于上年报告的“结转下年度”' },
  7: { severity: 'warning', title: '现行有效规范性文件数 = 上年现行有效 + 本年制发 − 本年废止' },
  8: { severity: 'warning', title: '上年尚未审结的复议、诉讼通常在本年体现' },
  9: { severity: 'warning', title: '文字部分不应为空，也不应照搬上年' },
  10: { severity: 'warning', title: '“依申请公开”文字应与表三的申请数量相符' },
};

export interface Term {
  path: CellPath;
  short: string;
}

/** sum(left) must equal sum(right). When `computes` is set, left is that one total cell. */
export interface Equation {
  rule: 1 | 2 | 3 | 4;
  /** Where the equation lives, as a person would say it: "自然人列", "「新收」行", "行政复议". */
  scope: string;
  left: Term[];
  right: Term[];
  computes?: CellPath;
}

const S3_RESULT_ROWS = S3_ROWS.filter((r) => r.role === 'result');

function rowTotals(): Equation[] {
  return S3_ROWS.map((row) => {
    const total = s3Path(row.id, S3_TOTAL_COLUMN);
    const equation: Equation = {
      rule: 1,
      scope: `「${row.short}」行`,
      left: [{ path: total, short: '总计' }],
      right: S3_APPLICANT_COLUMNS.map((c) => ({ path: s3Path(row.id, c), short: S3_COLUMNS[c]!.short })),
    };
    // The 总计 row's 总计 cell is computed once, by rule 2 down its column; here it is only checked.
    if (row.role !== 'total') equation.computes = total;
    return equation;
  });
}

function resultTotals(): Equation[] {
  return S3_COLUMNS.map((col, c) => {
    const total = s3Path('total', c);
    return {
      rule: 2,
      scope: `${col.short}列`,
      left: [{ path: total, short: '办理结果合计' }],
      right: S3_RESULT_ROWS.map((r) => ({ path: s3Path(r.id, c), short: r.short })),
      computes: total,
    };
  });
}

function balance(): Equation[] {
  return S3_COLUMNS.map((col, c) => ({
    rule: 3,
    scope: `${col.short}列`,
    left: [
      { path: s3Path('new', c), short: '新收' },
      { path: s3Path('carriedOver', c), short: '上年结转' },
    ],
    right: [
      { path: s3Path('total', c), short: '办理结果合计' },
      { path: s3Path('carryForward', c), short: '结转下年度' },
    ],
  }));
}

function s4Totals(): Equation[] {
  return S4_GROUPS.map((g) => {
    const total = s4Path(g.id, 'total');
    return {
      rule: 4,
      scope: g.short,
      left: [{ path: total, short: '总计' }],
      right: S4_FIELDS.filter((f) => f.id !== 'total').map((f) => ({
        path: s4Path(g.id, f.id),
        short: f.label,
      })),
      computes: total,
    };
  });
}

/**
 * Every sum equation of rules 1–4. Rule 1 comes before rule 2 so that computing totals in this
 * order fills the row totals before the 总计 row sums them.
 */
export const EQUATIONS: readonly Equation[] = [
  ...rowTotals(),
  ...resultTotals(),
  ...balance(),
  ...s4Totals(),
];

/** The equations that define a computed cell, in evaluation order. */
export const COMPUTED: readonly (Equation & { computes: CellPath })[] = EQUATIONS.filter(
  (e): e is Equation & { computes: CellPath } => e.computes !== undefined,
);
