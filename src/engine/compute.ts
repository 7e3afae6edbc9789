// Computed cells: every total of tables 三 and 四 derived from the entered cells (never asked of a
// person), and this year's carry-forward as the balance rule suggests it.
import type { Form } from '../../forms';
import { getCell, s3Path, setCell } from '../../forms/model';

/** Fills every computed cell from the entered ones, in place; missing entered cells count as 0. */
export function fillTotals<T extends object>(form: Form, report: T): T {
  for (const eq of form.computed) {
    const sum = eq.right.reduce((s, t) => s + (getCell(report, form.cellByPath.get(t.path)!) ?? 0), 0);
    setCell(report, form.cellByPath.get(eq.computes)!, sum);
  }
  return report;
}

/**
 * Carry-forward per column as rule 3 implies it (intake − results), with totals computed first;
 * null for a column where that would be negative (the entries need fixing first).
 */
export function suggestCarryForward(form: Form, report: object): (number | null)[] {
  const filled = fillTotals(form, structuredClone(report));
  const at = (row: string, c: number) => getCell(filled, form.cellByPath.get(s3Path(row, c))!) ?? 0;
  const intake = form.s3.rows.filter((r) => r.role === 'intake');
  const total = form.s3.rows.find((r) => r.role === 'total');
  return form.s3.columns.map((_, c) => {
    const rest = intake.reduce((s, r) => s + at(r.id, c), 0) - (total ? at(total.id, c) : 0);
    return rest >= 0 ? rest : null;
  });
}
