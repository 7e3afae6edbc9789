// The rules as the published format states them (report-format.md): 1–5 are errors, 6–10 warnings;
// 11–17 are what reviewers of published reports mark down (13 and 17 errors, the rest warnings).
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
    [11, 'warning', '正文写的数字应与表格一致（申请、结转、办结、复议、诉讼、规范性文件）'],
    [12, 'warning', '“五”要写明问题和改进措施（至少 30 字），“六”要写明信息处理费的收取情况'],
    [13, 'error', '乡镇、街道不制定规章（部门一般也不制定）'],
    [14, 'warning', '正文把往年（或下一年）写成了本年度'],
    [15, 'warning', '与上年对比：规章现行有效数衔接；文字与上年相似度达 80% 以上'],
    [16, 'warning', '汇总报告：表三、表四应等于所属各单位报告之和'],
    [17, 'error', '“不适用”（/）只用于表二中本单位没有职权的事项，合计时按 0 计'],
  ] as const)('rule %i is an %s: %s', (rule, severity, title) => {
    expect(RULES[rule]).toEqual({ severity, title });
  });

  it('has the ten rules of the format and the seven of reviewers, no more', () => {
    expect(Object.keys(RULES)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
    ]);
  });
});
