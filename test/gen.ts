// Generators of reports for property tests: random reports that satisfy every rule.
import fc from 'fast-check';
import type { Form } from '../forms';
import { emptyReport, s3Path, setCell, type Report } from '../forms/model';
import { FORM_2021 } from '../forms/report-2021';
import { fillTotals } from '../src/engine/compute';

const small = fc.integer({ min: 0, max: 40 });

/** A report of a version whose entered cells are random and whose totals and balance are consistent. */
export function consistentReportOf(form: Form): fc.Arbitrary<Report> {
  const results = form.s3Index.results;
  const applicants = form.s3Index.applicants;
  const s2 = form.cellsOf('s2');
  const s4 = form.cellsOf('s4').filter((c) => !c.computed);
  return fc
    .record({
      s2: fc.array(small, { minLength: s2.length, maxLength: s2.length }),
      fees: fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
      results: fc.array(fc.array(small, { minLength: applicants.length, maxLength: applicants.length }), {
        minLength: results.length,
        maxLength: results.length,
      }),
      carryForward: fc.array(small, { minLength: applicants.length, maxLength: applicants.length }),
      carriedOverShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: applicants.length,
        maxLength: applicants.length,
      }),
      s4: fc.array(small, { minLength: s4.length, maxLength: s4.length }),
    })
    .map((g) => {
      // A county: it is asked every row of table 二, 规章 too (a township's 规章 would be rule 13's error).
      const r = emptyReport(form, { name: '测试县人民政府', kind: 'county' }, 2025);
      const set = (path: string, v: number) => setCell(r, form.cellByPath.get(path)!, v);
      s2.forEach((cell, i) => setCell(r, cell, cell.kind === 'amount' ? g.fees : g.s2[i]!));
      results.forEach((row, k) => applicants.forEach((c, i) => set(s3Path(row.id, c), g.results[k]![i]!)));
      applicants.forEach((c, i) => {
        const handled = results.reduce((s, _, k) => s + g.results[k]![i]!, 0);
        const owed = handled + g.carryForward[i]!;
        const carried = Math.floor(owed * g.carriedOverShare[i]!);
        set(s3Path('carryForward', c), g.carryForward[i]!);
        set(s3Path('carriedOver', c), carried);
        set(s3Path('new', c), owed - carried);
      });
      s4.forEach((cell, i) => setCell(r, cell, g.s4[i]!));
      return fillTotals(form, r);
    });
}

/** A consistent report of the 2021 format. */
export const consistentReport: fc.Arbitrary<Report> = consistentReportOf(FORM_2021);
