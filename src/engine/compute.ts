// Computed cells: every total of tables 三 and 四 derived from the entered cells (never asked of a
// person), and this year's carry-forward as the balance rule suggests it.
import { CELL_BY_PATH, getCell, s3Path, setCell, type Report } from '../../forms/model';
import { COMPUTED } from '../../forms/rules';
import { S3_COLUMNS } from '../../forms/report-2021';
import type { Draft } from './check';

/** Fills every computed cell from the entered ones, in place; missing entered cells count as 0. */
export function fillTotals<T extends Draft>(report: T): T {
  for (const eq of COMPUTED) {
    const sum = eq.right.reduce((s, t) => s + (getCell(report, CELL_BY_PATH.get(t.path)!) ?? 0), 0);
    setCell(report, CELL_BY_PATH.get(eq.computes)!, sum);
  }
  return report;
}

/**
 * Carry-forward per column as rule 3 implies it (新收 + 上年结转 − 办理结果合计), with totals
 * computed first; null for a column where that would be negative (the entries need fixing first).
 */
export function suggestCarryForward(report: Draft): (number | null)[] {
  const filled = fillTotals(structuredClone(report));
  return S3_COLUMNS.map((_, c) => {
    const at = (row: 'new' | 'carriedOver' | 'total') =>
      getCell(filled, CELL_BY_PATH.get(s3Path(row, c))!) ?? 0;
    const rest = at('new') + at('carriedOver') - at('total');
    return rest >= 0 ? rest : null;
  });
}
