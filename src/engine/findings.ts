// A finding of the checker (rules 1–10, src/engine/check.ts) or the reviewer's rules (11–15,
// src/engine/review.ts): the rule, its severity, the cells or texts it is about, and its sentence.
import type { Form } from '../../forms';
import { getCell } from '../../forms/model';
import { RULES, type RuleId, type Severity } from '../../forms/rules';

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

/** A finding of `rule` with the rule's severity (or `severity`, where the rule's depends on the body). */
export function finding(
  rule: RuleId,
  cells: string[],
  message: string,
  expected?: number,
  actual?: number,
  severity: Severity = RULES[rule].severity,
): Finding {
  const f: Finding = { rule, severity, cells, message };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  return f;
}

/** A cell's number in a report or draft (undefined when not entered or not a number). */
export function valueOf(form: Form, report: object, path: string): number | undefined {
  const cell = form.cellByPath.get(path);
  return cell ? getCell(report, cell) : undefined;
}

/**
 * A row of table 二 against last year's (rule 7 for 行政规范性文件, 15 for 规章): in force now should be
 * last year's in force + issued − repealed. The figures when they disagree; null when they agree or
 * one of them is not known.
 */
export function inForceGap(
  form: Form,
  report: object,
  previous: object,
  row: 'normativeDocs' | 'rules',
): { inForce: number; before: number; issued: number; repealed: number; expected: number } | null {
  const inForce = valueOf(form, report, `s2.${row}.inForce`);
  const issued = valueOf(form, report, `s2.${row}.issued`);
  const repealed = valueOf(form, report, `s2.${row}.repealed`);
  const before = valueOf(form, previous, `s2.${row}.inForce`);
  if (inForce === undefined || issued === undefined || repealed === undefined || before === undefined)
    return null;
  const expected = before + issued - repealed;
  return expected === inForce ? null : { inForce, before, issued, repealed, expected };
}

/** What identifies a finding across versions: its rule, its cells and its figures. */
export function findingKey(f: Finding): string {
  return `${f.rule}|${f.cells.join(',')}|${f.expected ?? ''}|${f.actual ?? ''}`;
}
