// Generators of reports for property tests: random reports that satisfy every rule.
import fc from 'fast-check';
import { emptyReport, s3Path, setCell, CELL_BY_PATH, type Report } from '../forms/model';
import { S2_TABLES, S3_APPLICANT_COLUMNS, S3_ROWS, S4_FIELDS, S4_GROUPS } from '../forms/report-2021';
import { fillTotals } from '../src/engine/compute';

const small = fc.integer({ min: 0, max: 40 });
const RESULT_ROWS = S3_ROWS.filter((r) => r.role === 'result');

/** A report whose entered cells are random and whose totals and balance are consistent. */
export const consistentReport: fc.Arbitrary<Report> = fc
  .record({
    s2: fc.array(small, { minLength: 9, maxLength: 9 }),
    fees: fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
    results: fc.array(fc.array(small, { minLength: 6, maxLength: 6 }), {
      minLength: RESULT_ROWS.length,
      maxLength: RESULT_ROWS.length,
    }),
    carryForward: fc.array(small, { minLength: 6, maxLength: 6 }),
    carriedOverShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    s4: fc.array(small, { minLength: 12, maxLength: 12 }),
  })
  .map((g) => {
    const r = emptyReport({ name: '测试镇人民政府', kind: 'township' }, 2025);
    let i = 0;
    for (const table of S2_TABLES) {
      for (const row of table.rows) {
        if ('columns' in table)
          for (const col of table.columns)
            (r.s2[row.id] as unknown as Record<string, number>)[col.key] = g.s2[i++]!;
        else if (table.single.kind === 'count')
          (r.s2 as unknown as Record<string, number>)[row.id] = g.s2[i++]!;
      }
    }
    r.s2.fees = g.fees;
    RESULT_ROWS.forEach((row, k) =>
      S3_APPLICANT_COLUMNS.forEach((c) => (r.s3[row.id][c] = g.results[k]![c]!)),
    );
    for (const c of S3_APPLICANT_COLUMNS) {
      const handled = RESULT_ROWS.reduce((s, row) => s + r.s3[row.id][c]!, 0);
      const owed = handled + g.carryForward[c]!;
      const carried = Math.floor(owed * g.carriedOverShare[c]!);
      setCell(r, CELL_BY_PATH.get(s3Path('carryForward', c))!, g.carryForward[c]!);
      setCell(r, CELL_BY_PATH.get(s3Path('carriedOver', c))!, carried);
      setCell(r, CELL_BY_PATH.get(s3Path('new', c))!, owed - carried);
    }
    let j = 0;
    for (const group of S4_GROUPS)
      for (const f of S4_FIELDS) if (f.id !== 'total') r.s4[group.id][f.id] = g.s4[j++]!;
    return fillTotals(r);
  });
