// What a supervisor sees of a draft at a glance — questions answered, open errors and warnings —
// written beside the report on every save so the status page need not open any draft.
import { formOf, type Form, type OrgKind } from '../../forms';
import { checkReport, type CheckResult } from './check';
import { findingKey } from './findings';
import type { Draft, DraftReport } from './draft';
import { progress } from './plan';

export interface Summary {
  done: number;
  total: number;
  errors: number;
  warnings: number;
  /** The warnings' keys, for counting those no supervisor's verdict covers yet. */
  warningKeys: string[];
}

/** `check`: the draft's check against `previous`, when the caller has made it. */
export function summarize(
  form: Form,
  draft: Draft,
  kind: OrgKind,
  previous?: DraftReport,
  check: CheckResult = checkReport(form, draft.report, previous),
): Summary {
  const p = progress(form, kind, draft);
  return { done: p.done, total: p.total, ...findingCounts(check) };
}

/** The part of a summary a check gives: its errors and warnings counted, the warnings' keys. */
export function findingCounts(check: CheckResult): Pick<Summary, 'errors' | 'warnings' | 'warningKeys'> {
  return {
    errors: check.errors.length,
    warnings: check.warnings.length,
    warningKeys: check.warnings.map(findingKey),
  };
}

/** A report's findings counted as the writers keep them: checked with last year's report, if any. */
export function countFindings(
  report: DraftReport,
  previous?: DraftReport,
): Pick<Summary, 'errors' | 'warnings' | 'warningKeys'> {
  return findingCounts(checkReport(formOf(report), report, previous));
}
