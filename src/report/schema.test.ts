import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../forms/model';
import { FORM_2021 } from '../../forms/report-2021';
import { issueLines, parseReport } from './schema';

const valid = () =>
  JSON.parse(JSON.stringify(emptyReport(FORM_2021, { name: '白营镇人民政府', kind: 'township' }, 2025)));

function linesFor(mutate: (r: any) => void): string[] {
  const r = valid();
  mutate(r);
  const parsed = parseReport(r);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : issueLines(parsed.issues);
}

describe('report.json schema', () => {
  it('accepts a complete report', () => {
    expect(parseReport(valid()).ok).toBe(true);
  });

  it.each<[string, (r: any) => void, string]>([
    ['a fraction of a case', (r) => (r.s3.granted[2] = 1.5), 's3.granted[2]: 应为非负整数'],
    ['a negative count', (r) => (r.s4.review.pending = -1), 's4.review.pending: 应为非负整数'],
    ['a number as text', (r) => (r.s2.licensing = '3'), 's2.licensing: 应为非负整数'],
    ['a negative fee', (r) => (r.s2.fees = -2), 's2.fees: 应为非负数（单位：万元，可带小数）'],
    [
      'a short row',
      (r) => r.s3.new.pop(),
      's3.new: 应为 7 个非负整数（依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）',
    ],
    ['a missing row', (r) => delete r.s3.carryForward, 's3.carryForward: 缺少此项'],
    ['a missing text', (r) => delete r.s1.oversight, 's1.oversight: 缺少此项'],
    ['an unknown field', (r) => (r.s2.extra = 1), 's2: 不认识的字段：extra'],
    ['an unknown row', (r) => (r.s3.granted2 = [0, 0, 0, 0, 0, 0, 0]), 's3: 不认识的字段：granted2'],
    [
      'another format version',
      (r) => (r.formVersion = '2019'),
      'formVersion: 应为 "2021"（2021 年起的全国统一格式）',
    ],
    ['a blank organisation name', (r) => (r.org.name = '  '), 'org.name: 应为机关名称，1 到 100 字'],
    [
      'an unknown kind of body',
      (r) => (r.org.kind = 'village'),
      'org.kind: 机关类型应为 province、city、county、township、subdistrict、department 之一',
    ],
    ['a year as text', (r) => (r.year = '2025'), 'year: 应为报告年度，如 2025'],
  ])('rejects %s, naming the path', (_, mutate, line) => {
    expect(linesFor(mutate)).toEqual([line]);
  });

  it('accepts 不适用 (“/”) in table 二 and nowhere else (rule 17)', () => {
    const r = valid();
    r.s2.rules = { issued: '/', repealed: '/', inForce: '/' };
    r.s2.fees = '/';
    expect(parseReport(r).ok).toBe(true);
    expect(linesFor((x) => (x.s3.granted[1] = '/'))).toEqual(['s3.granted[1]: 应为非负整数']);
    expect(linesFor((x) => (x.s4.suitDirect.upheld = '/'))).toEqual(['s4.suitDirect.upheld: 应为非负整数']);
    // Only the mark itself: a word, or a figure out of range, is named as a figure's problem.
    expect(linesFor((x) => (x.s2.licensing = '不适用'))).toEqual(['s2.licensing: 应为非负整数']);
    expect(linesFor((x) => (x.s2.fees = -1))).toEqual(['s2.fees: 应为非负数（单位：万元，可带小数）']);
    expect(linesFor((x) => (x.s2.rules.issued = 100_000_001))).toEqual([
      's2.rules.issued: 超出了可填的范围（最大 100000000）',
    ]);
    expect(linesFor((x) => delete x.s2.fees)).toEqual(['s2.fees: 缺少此项']);
  });

  it('rejects something that is not a report at all', () => {
    for (const input of [null, 42, 'report', []]) {
      const parsed = parseReport(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(issueLines(parsed.issues)).toEqual(['格式不对，应为一组字段']);
    }
  });

  it('lists every problem at once', () => {
    const lines = linesFor((r) => {
      r.s3.granted[0] = -1;
      r.s5 = 5;
    });
    expect(lines).toEqual(['s3.granted[0]: 应为非负整数', 's5: 应为文字']);
  });
});
