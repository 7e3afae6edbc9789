// Computed cells: every total of tables 三 and 四 derived from the entered cells (never asked of a
// person), and this year's carry-forward as the balance rule suggests it.
import type { CellDef, Form } from '../../forms';
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
 * Cells' values as `fillTotals` would leave them, without copying or changing the report: a computed
 * cell is the sum of its parts (whatever it holds), a blank entered cell counts 0. Each total is
 * summed once per reader.
 */
export function totalsReader(form: Form, report: object): (cell: CellDef) => number {
  const sums = new Map<string, number>();
  const value = (cell: CellDef): number => {
    const eq = form.computedBy.get(cell.path);
    if (!eq) return getCell(report, cell) ?? 0;
    let sum = sums.get(cell.path);
    if (sum === undefined) {
      sum = eq.right.reduce((s, t) => s + value(form.cellByPath.get(t.path)!), 0);
      sums.set(cell.path, sum);
    }
    return sum;
  };
  return value;
}

/**
 * Carry-forward of column `c` as rule 3 implies it (intake − results), totals summed from their
 * parts; null where that would be negative (the entries need fixing first). Totals are summed once
 * per reader, and only those of the columns asked for.
 */
export function carryForwardReader(form: Form, report: object): (c: number) => number | null {
  const read = totalsReader(form, report);
  const at = (row: string, c: number) => read(form.cellByPath.get(s3Path(row, c))!);
  const intake = form.s3.rows.filter((r) => r.role === 'intake');
  const total = form.s3.rows.find((r) => r.role === 'total');
  return (c) => {
    const rest = intake.reduce((s, r) => s + at(r.id, c), 0) - (total ? at(total.id, c) : 0);
    return rest >= 0 ? rest : null;
  };
}

/** The carry-forward of every column (see `carryForwardReader`). */
export function suggestCarryForward(form: Form, report: object): (number | null)[] {
  const balance = carryForwardReader(form, report);
  return form.s3.columns.map((_, c) => balance(c));
}
