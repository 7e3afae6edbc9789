// The versions of the format the project can read, and which one a report is read with: its own
// (`formVersion`), so that reports kept for years stay readable after the national format changes.
// New reports use the version in force for their reporting year.
import type { Form } from './define';
import { FORM_2021 } from './report-2021';

export interface Registry {
  /** Every known version, oldest first. */
  readonly forms: readonly Form[];
  /** The version a report was written in; undefined when unknown. */
  of(version: unknown): Form | undefined;
  /** The version in force for a reporting year (the oldest known one before it existed). */
  forYear(year: number): Form;
  /** The newest version. */
  readonly current: Form;
}

export function registry(forms: readonly Form[]): Registry {
  const sorted = [...forms].sort((a, b) => a.since - b.since);
  const byVersion = new Map(sorted.map((f) => [f.version, f]));
  return {
    forms: sorted,
    of: (version) => (typeof version === 'string' ? byVersion.get(version) : undefined),
    forYear: (year) => sorted.filter((f) => f.since <= year).at(-1) ?? sorted[0]!,
    current: sorted.at(-1)!,
  };
}

export const FORMS = registry([FORM_2021]);

/**
 * The version a stored report or draft was written in. Only known versions are ever stored (every
 * write goes through them), so an unknown one is a broken invariant, not bad input.
 */
export function formOf(report: { formVersion: string }, forms: Registry = FORMS): Form {
  const form = forms.of(report.formVersion);
  if (!form) throw new Error(`unknown format version ${JSON.stringify(report.formVersion)}`);
  return form;
}

export type {
  CellDef,
  CellPath,
  Choice,
  Equation,
  Form,
  SectionId,
  Term,
  TextPart,
  ValueKind,
} from './define';
export type { OrgKind } from './kinds';
export { CHILD_KINDS, ORG_KINDS } from './kinds';
