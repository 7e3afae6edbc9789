// Rule 16: a report that sums the bodies under it (a city's 全市 report, a county's that includes its
// departments) against the reports those bodies filed. Tables 三 and 四 are compared cell by cell
// with the sum of the parts; a difference names the cell and both figures. While some parts have not
// submitted, the comparison is incomplete — said in every finding, never called an error.
import type { Form } from '../../forms';
import { REVIEW_COPY as T } from './copy';
import { finding, valueOf, type Finding } from './findings';

export interface Parts {
  /** Sum of each cell over the parts' submitted reports, by cell path. */
  sums: ReadonlyMap<string, number>;
  /** How many bodies are directly under this one. */
  bodies: number;
  /** Names of the parts without a submitted report (the comparison is incomplete while any). */
  missing: readonly string[];
}

/** Rule 16 findings of a summing report: one per cell of 三 and 四 that differs from its parts. */
export function partsFindings(form: Form, report: object, parts: Parts): Finding[] {
  if (parts.bodies === 0) return [];
  const incomplete = parts.missing.length > 0;
  const out: Finding[] = [];
  for (const cell of [...form.cellsOf('s3'), ...form.cellsOf('s4')]) {
    const own = valueOf(form, report, cell.path);
    if (own === undefined) continue;
    const sum = parts.sums.get(cell.path) ?? 0;
    if (own === sum) continue;
    const message = incomplete
      ? T.partsIncomplete(cell.label, own, sum, parts.missing)
      : T.partsDiffer(cell.label, own, sum, parts.bodies);
    out.push(finding(16, [cell.path], message, sum, own));
  }
  return out;
}
