// The consistency rules (勾稽关系) as a person reads them: number, severity and title. Rules 1–4 are
// sums, expanded per version into one equation per row, column or group (define.ts); rules 5–10
// compare values of different kinds or last year's report and are implemented in the checker.
export type RuleId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17;
export type Severity = 'error' | 'warning';

export const RULES: Record<RuleId, { severity: Severity; title: string }> = {
  1: { severity: 'error', title: '表三：每行“总计”等于六类申请人之和' },
  2: { severity: 'error', title: '表三：“（七）总计”等于各项办理结果之和' },
  3: { severity: 'error', title: '表三：新收 + 上年结转 = 办理结果合计 + 结转下年度' },
  4: { severity: 'error', title: '表四：每组“总计”等于维持、纠正、其他、尚未审结之和' },
  5: { severity: 'error', title: '件数为非负整数，收费金额为非负数' },
  6: { severity: 'warning', title: '表三“上年结转”应等于上年报告的“结转下年度”' },
  7: { severity: 'warning', title: '现行有效规范性文件数 = 上年现行有效 + 本年制发 − 本年废止' },
  8: { severity: 'warning', title: '上年尚未审结的复议、诉讼通常在本年体现' },
  9: { severity: 'warning', title: '文字部分不应为空，也不应照搬上年' },
  10: { severity: 'warning', title: '“依申请公开”文字应与表三的申请数量相符' },
  11: { severity: 'warning', title: '正文写的数字应与表格一致（申请、结转、办结、复议、诉讼、规范性文件）' },
  12: {
    severity: 'warning',
    title: '“五”要写明问题和改进措施（至少 30 字），“六”要写明信息处理费的收取情况',
  },
  13: { severity: 'error', title: '乡镇、街道不制定规章（部门一般也不制定）' },
  14: { severity: 'warning', title: '正文把往年（或下一年）写成了本年度' },
  15: { severity: 'warning', title: '与上年对比：规章现行有效数衔接；文字与上年相似度达 80% 以上' },
  16: { severity: 'warning', title: '汇总报告：表三、表四应等于所属各单位报告之和' },
  17: { severity: 'error', title: '“不适用”（/）只用于表二中本单位没有职权的事项，合计时按 0 计' },
};
