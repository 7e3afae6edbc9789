// A report's figures as one compact row: a JSON array of every cell of its format version, in the
// definition's order, totals computed, null for a blank, "/" for 不适用 (D1's total() counts it 0). Kept beside each report on every write, so
// that the CSV export and the roll-up read short rows (and D1 sums them) instead of parsing every
// draft and snapshot.
import type { Form } from '../../forms';
import { cellEntry } from '../../forms/model';
import { totalsReader } from './compute';

/** The figures of a (draft) report in `form`'s cell order: `[3,0,null,…]`. */
export function packFigures(form: Form, report: object): string {
  const total = totalsReader(form, report);
  return JSON.stringify(
    form.cells.map((cell) =>
      form.computedBy.has(cell.path) ? total(cell) : (cellEntry(report, cell) ?? null),
    ),
  );
}
