// Rule 16 as a pure function: a summing report against the sums of its parts, cell by cell of
// tables 三 and 四, with the wording for a complete and an incomplete set of parts.
import { describe, expect, it } from 'vitest';
import { emptyReport, getCell, setCell } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { fillTotals } from './compute';
import { partsFindings } from './parts';

function report(values: Record<string, number>) {
  const r = emptyReport(F, { name: '某市', kind: 'city' }, 2024);
  for (const [path, v] of Object.entries(values)) setCell(r, F.cellByPath.get(path)!, v);
  return fillTotals(F, r);
}

/** The sums of parts as a map, totals computed like a report's. */
function sums(values: Record<string, number>) {
  const r = report(values);
  return new Map([...F.cellsOf('s3'), ...F.cellsOf('s4')].map((c) => [c.path, getCell(r, c) ?? 0]));
}

describe('rule 16: a summing report against its parts', () => {
  it('finds nothing when every cell of 三 and 四 equals the parts’ sum', () => {
    const own = report({ 's3.new[0]': 4, 's3.granted[0]': 4, 's4.review.upheld': 2 });
    const parts = {
      sums: sums({ 's3.new[0]': 4, 's3.granted[0]': 4, 's4.review.upheld': 2 }),
      bodies: 3,
      missing: [],
    };
    expect(partsFindings(F, own, parts)).toEqual([]);
  });

  it('names each differing cell with both figures, as a warning of rule 16', () => {
    const own = report({ 's4.suitDirect.corrected': 3 });
    const parts = { sums: sums({ 's4.suitDirect.corrected': 1 }), bodies: 2, missing: [] };
    expect(partsFindings(F, own, parts)).toEqual([
      {
        rule: 16,
        severity: 'warning',
        cells: ['s4.suitDirect.corrected'],
        expected: 1,
        actual: 3,
        message:
          '行政诉讼（未经复议直接起诉）·结果纠正：本报告填 3，所属 2 个单位报告合计 1，相差 2。汇总报告应等于所属单位之和，请核对。',
      },
      {
        rule: 16,
        severity: 'warning',
        cells: ['s4.suitDirect.total'],
        expected: 1,
        actual: 3,
        message:
          '行政诉讼（未经复议直接起诉）·总计：本报告填 3，所属 2 个单位报告合计 1，相差 2。汇总报告应等于所属单位之和，请核对。',
      },
    ]);
  });

  it('says the comparison is incomplete while parts are missing, naming up to five', () => {
    const own = report({ 's3.carriedOver[1]': 2 });
    const missing = ['甲', '乙', '丙', '丁', '戊', '己', '庚'];
    const found = partsFindings(F, own, { sums: new Map(), bodies: 9, missing });
    expect(found.map((f) => f.message)).toEqual([
      '上年结转·商业企业：本报告填 2，已提交的所属单位报告合计 0，相差 2；还有 7 个单位未提交（甲、乙、丙、丁、戊等 7 个），对照尚不完整。',
      '上年结转·总计：本报告填 2，已提交的所属单位报告合计 0，相差 2；还有 7 个单位未提交（甲、乙、丙、丁、戊等 7 个），对照尚不完整。',
    ]);
    expect(partsFindings(F, own, { sums: new Map(), bodies: 9, missing: ['甲'] })[0]!.message).toContain(
      '还有 1 个单位未提交（甲）',
    );
  });

  it('a smaller own figure is a difference too; table 二 and blank cells are not compared', () => {
    const own = report({ 's3.new[2]': 1, 's2.licensing': 50 });
    const found = partsFindings(F, own, { sums: sums({ 's3.new[2]': 4 }), bodies: 1, missing: [] });
    expect(found.map((f) => [f.cells[0], f.actual, f.expected])).toEqual([
      ['s3.new[2]', 1, 4],
      ['s3.new[6]', 1, 4],
    ]);
    const draft = { formVersion: F.version, org: { name: '某市' }, year: 2024 };
    expect(partsFindings(F, draft, { sums: sums({ 's3.new[0]': 4 }), bodies: 1, missing: [] })).toEqual([]);
  });

  it('has nothing to compare without bodies under it', () => {
    const own = report({ 's3.new[0]': 4 });
    expect(partsFindings(F, own, { sums: new Map(), bodies: 0, missing: [] })).toEqual([]);
  });
});
