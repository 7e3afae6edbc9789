import { describe, expect, it } from 'vitest';
import { setCell } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { figuresAsCsv, packFigures } from './figures';

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

  it('are written out as CSV fields without parsing: blank for null, / for 不适用', () => {
    expect(figuresAsCsv('[3,null,0.5,null,null,12]')).toBe('3,,0.5,,,12');
    expect(figuresAsCsv('["/",0,null,"/"]')).toBe('/,0,,/');
    expect(figuresAsCsv('[]')).toBe('');
  });
});
