import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellEntry, getCell, NOT_APPLICABLE, setCell } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { fillTotals, totalsReader } from './compute';
import { packFigures } from './figures';

/**
 * A report as drafts come: some cells blank, some 不适用 where allowed, and totals that may be
 * stale (a figure changed since they were summed) or missing.
 */
const draftReport = fc
  .array(
    fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 500 }),
      fc.constantFrom<number | typeof NOT_APPLICABLE>(NOT_APPLICABLE, 0.5, 12.25),
    ),
    { minLength: F.cells.length, maxLength: F.cells.length },
  )
  .map((values) => {
    const r: Record<string, unknown> = { formVersion: F.version, org: { name: '测试镇' }, year: 2025 };
    F.cells.forEach((cell, i) => {
      const v = values[i];
      if (v === undefined || (v === NOT_APPLICABLE && !cell.notApplicable)) return;
      setCell(r, cell, v);
    });
    return r;
  });

describe('compact rows of figures', () => {
  it('hold every cell in the definition’s order, totals computed, null for a blank', () => {
    const r: Record<string, unknown> = { formVersion: F.version, org: { name: '测试镇' }, year: 2025 };
    setCell(r, F.cellByPath.get('s2.licensing')!, 4);
    setCell(r, F.cellByPath.get('s2.fees')!, 0.35);
    setCell(r, F.cellByPath.get('s3.new[0]')!, 3);
    setCell(r, F.cellByPath.get('s3.new[1]')!, 2);
    const values = JSON.parse(packFigures(F, r)) as (number | null)[];
    expect(values).toHaveLength(F.cells.length);
    const at = (path: string) => values[F.cells.findIndex((c) => c.path === path)];
    expect(at('s2.licensing')).toBe(4);
    expect(at('s2.fees')).toBe(0.35);
    // The total column of 新收 is computed from its entered columns.
    expect(at('s3.new[6]')).toBe(5);
    // A cell nobody filled stays blank, not 0.
    expect(at('s2.penalties')).toBeNull();
    // The report itself is left as it was.
    expect(r).toEqual(
      (() => {
        const again: Record<string, unknown> = {
          formVersion: F.version,
          org: { name: '测试镇' },
          year: 2025,
        };
        setCell(again, F.cellByPath.get('s2.licensing')!, 4);
        setCell(again, F.cellByPath.get('s2.fees')!, 0.35);
        setCell(again, F.cellByPath.get('s3.new[0]')!, 3);
        setCell(again, F.cellByPath.get('s3.new[1]')!, 2);
        return again;
      })(),
    );
  });

  it('keep 不适用 as “/”, apart from 0', () => {
    const r: Record<string, unknown> = { formVersion: F.version, org: { name: '测试镇' }, year: 2025 };
    setCell(r, F.cellByPath.get('s2.licensing')!, '/');
    setCell(r, F.cellByPath.get('s2.penalties')!, 0);
    const values = JSON.parse(packFigures(F, r)) as unknown[];
    const at = (path: string) => values[F.cells.findIndex((c) => c.path === path)];
    expect(at('s2.licensing')).toBe('/');
    expect(at('s2.penalties')).toBe(0);
  });

  it('equal the totals summed into a copy, and leave the report alone (any draft, stale totals too)', () => {
    fc.assert(
      fc.property(draftReport, (r) => {
        const before = structuredClone(r);
        const filled = fillTotals(F, structuredClone(r));
        const read = totalsReader(F, r);
        for (const cell of F.cells) {
          if (F.computedBy.has(cell.path)) expect(read(cell)).toBe(getCell(filled, cell));
          else expect(read(cell)).toBe(getCell(r, cell) ?? 0);
        }
        expect(JSON.parse(packFigures(F, r))).toEqual(F.cells.map((c) => cellEntry(filled, c) ?? null));
        expect(r).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
