// Reports with chosen figures, every sum of tables 三 and 四 computed (rules 1–4 hold).
import example from '../fixtures/baiying-2023.report.json';
import { fillTotals } from '../../src/engine/compute';
import { setCell, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';

/** The published example with every figure of 三 and 四 zero, then `cells` (by path) set. */
export function reportWith(cells: Record<string, number>, year = 2023): Report {
  const r = structuredClone(example) as unknown as Report;
  r.year = year;
  for (const cell of [...F.cellsOf('s3'), ...F.cellsOf('s4')]) setCell(r, cell, 0);
  for (const [path, v] of Object.entries(cells)) setCell(r, F.cellByPath.get(path)!, v);
  return fillTotals(F, r);
}
