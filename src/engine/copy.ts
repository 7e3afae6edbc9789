// Every sentence the checking engine produces (number parsing, rule findings), in one place so the
// wording can be reviewed and the chat bot, the web form and the API all say the same thing.

const quote = (s: string) => `“${s.length > 12 ? `${s.slice(0, 12)}…` : s}”`;

export const NUMBER_COPY = {
  countEmpty: '请输入一个数字；没有请回复 0 或“无”。',
  countExpected: '请输入件数，如 0、12 或 十二；没有请回复 0 或“无”。',
  countNotNumber: (input: string) =>
    `${quote(input)}不是件数。请输入一个数字，如 0、12 或 十二；没有请回复 0 或“无”。`,
  wholeNumber: '件数应为整数，如 3。',
  negative: '不能是负数，请输入 0 或更大的数。',
  tooLarge: '数字太大了，请核对后重新输入。',
  amountEmpty: '请输入金额（单位：万元）；没有请回复 0 或“无”。',
  amountExpected: '请输入金额（单位：万元），如 0、3.5 或 3.5万元；没有请回复 0 或“无”。',
  amountNotNumber: (input: string) =>
    `${quote(input)}不是金额。请输入以万元为单位的数字，如 0、3.5 或 3.5万元；按元填写请带“元”，如 35000元。`,
  tooPrecise: (n: number) => `小数位太多，最多保留 ${n} 位。`,
};

export const RULE_COPY = {
  /** "自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2 + 结转下年度 1 = 3，相差 1" */
  balance: (scope: string, left: string, l: number, right: string, r: number) =>
    `${scope}：${left} = ${l}，但${right} = ${r}，相差 ${Math.abs(l - r)}`,
  /** "自然人列：予以公开 2 + 部分公开 1 = 3，但办理结果合计填的是 2，相差 1" */
  total: (scope: string, totalName: string, parts: string | null, sum: number, actual: number) =>
    parts === null
      ? `${scope}：各项均为 0，但${totalName}填的是 ${actual}，相差 ${actual}`
      : `${scope}：${parts} = ${sum}，但${totalName}填的是 ${actual}，相差 ${Math.abs(sum - actual)}`,
  moreTerms: (n: number) => `等 ${n} 项`,
  count: (label: string, value: unknown) => `${label}：应为非负整数，现在是 ${String(value)}`,
  amount: (label: string, value: unknown) => `${label}：应为非负数（万元），现在是 ${String(value)}`,
  carriedOver: (col: string, now: number, before: number) =>
    `${col}列：本年“上年结转”为 ${now}，但上年报告的“结转下年度”是 ${before}，相差 ${Math.abs(now - before)}。两者通常应相等，请核对。`,
  inForce: (now: number, before: number, issued: number, repealed: number) =>
    `行政规范性文件：上年现行有效 ${before} + 本年制发 ${issued} − 本年废止 ${repealed} = ${before + issued - repealed}，但本年现行有效填的是 ${now}。如有其他原因（如清理失效），可以确认后提交。`,
  pendingCases: (group: string, pending: number, total: number) =>
    `${group}：上年有 ${pending} 件尚未审结，本年总计只有 ${total} 件。上年未审结的案件审结后通常计入本年，请核对。`,
  textEmpty: (heading: string) =>
    `${heading}：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。`,
  textCopied: (heading: string) => `${heading}：与上年报告的内容完全相同，请按本年实际情况更新。`,
  onRequestSaysNone: (n: number) =>
    `（二）依申请公开写的是“无”，但表三本年新收申请 ${n} 件。请在文字中说明申请的收到和办理情况。`,
  onRequestMentionsCases: (n: number) =>
    `（二）依申请公开提到了 ${n} 件申请，但表三本年新收申请为 0。请核对表三或文字。`,
};
