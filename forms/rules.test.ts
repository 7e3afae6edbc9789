// The rules as the published format states them (report-format.md): 1–5 are errors, 6–10 warnings.
// The form colours a finding by its rule's severity, so each one is written out here.
import { describe, expect, it } from 'vitest';
import { RULES } from './rules';

describe('RULES', () => {
  it.each([
    [1, 'error', '表三：每行“总计”等于六类申请人之和'],
    [2, 'error', '表三：“（七）总计”等于各项办理结果之和'],
    [3, 'error', '表三：新收 + 上年结转 = 办理结果合计 + 结转下年度'],
    [4, 'error', '表四：每组“总计”等于维持、纠正、其他、尚未审结之和'],
    [5, 'error', '件数为非负整数，收费金额为非负数'],
    [6, 'warning', '表三“上年结转”应等于上年报告的“结转下年度”'],
    [7, 'warning', '现行有效规范性文件数 = 上年现行有效 + 本年制发 − 本年废止'],
    [8, 'warning', '上年尚未审结的复议、诉讼通常在本年体现'],
    [9, 'warning', '文字部分不应为空，也不应照搬上年'],
    [10, 'warning', '“依申请公开”文字应与表三的申请数量相符'],
  ] as const)('rule %i is an %s: %s', (rule, severity, title) => {
    expect(RULES[rule]).toEqual({ severity, title });
  });

  it('has exactly the ten rules of the format', () => {
    expect(Object.keys(RULES)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });
});
