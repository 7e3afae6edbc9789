// Every sentence the checking engine produces (number parsing, rule findings), in one place so the
// wording can be reviewed and the chat bot, the web form and the API all say the same thing.

const quote = (s: string) => `“${s.length > 12 ? `${s.slice(0, 12)}…` : s}”`;

/** Up to five names, then how many more: 「甲、乙、丙等 7 个」. */
const listNames = (names: readonly string[]) =>
  names.length <= 5 ? names.join('、') : `${names.slice(0, 5).join('、')}等 ${names.length} 个`;

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
  notApplicableHere: '这一项不能填“不适用”；没有请回复 0 或“无”。',
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
  notApplicable: (label: string) => `${label}：这一格不能填“/”（不适用），没有请填 0`,
  outOfRange: (label: string, value: unknown) => `${label}：${String(value)} 超出了可填的范围，请核对`,
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

const numbered = (items: readonly string[]) => items.map((m, i) => `${i + 1}. ${m}`).join('\n');

export const FLOW_COPY = {
  s3GateName: '是否收到申请',
  s4GateName: '是否有复议诉讼',
  chooseColumnsName: '申请人类型',
  chooseRowsName: '办理结果',
  chooseGroupsName: '案件类型',
  s3Result: (short: string) => `办理结果为「${short}」的有多少件？`,
  s4Field: (label: string) => `${label}的有多少件？`,
  progress: (done: number, total: number) => `（已填 ${done}/${total} 项）`,
  textAsk: (hint: string) => `请填写这一部分。${hint}\n可以分几条消息发送，写完点「下一项」。`,
  textCurrent: (content: string) => `当前内容：\n${content}\n\n继续发送可以追加；点「下一项」保留现有内容。`,
  textNoted: '已记下。还有要补充的请继续发送；写完了点「下一项」。',
  textCleared: '已清空，请重新填写。',
  textTooLong: (max: number, total: number) =>
    `这一部分最多 ${max} 字，加上刚发的这段共 ${total} 字，这段没有记下。请精简后再发；要整段重写，请发「清空重写」。`,
  noFeesButton: '本年度未收取信息处理费',
  numberCurrent: (v: string) => `（当前填的是 ${v}，回复新的数字可修改）`,
  amountUnit: '单位：万元，可带小数；按元填写请带“元”。',
  suggestLastYear: (v: number) => `上年报告“结转下年度”为 ${v} 件，通常本年“上年结转”就是这个数。`,
  suggestBalance: (v: number) => `按“新收 + 上年结转 − 办理结果”推算为 ${v} 件。`,
  suggestLastYearButton: (v: number) => `${v}（与上年结转一致）`,
  suggestBalanceButton: (v: number) => `${v}（按推算）`,
  s3Gate: '本年是否收到政府信息公开申请，或有上年结转、还没办完的申请？',
  s3GateCarried: (n: number) => `上年报告结转下年度 ${n} 件，所以请选「是」。`,
  s4Gate: '本年是否有涉及政府信息公开的行政复议或行政诉讼案件（含上年未审结的）？',
  chooseColumns: '申请人有哪些类型？',
  chooseRows: '办理结果有哪些（含上年结转的申请）？',
  chooseGroups: '有哪几类案件？',
  chooseHow:
    '可以选多项：点选项打勾（再点取消），选好了点「选好了」；也可以直接回复编号，多个用逗号隔开，如 1,3。',
  yesNoExpected: '请回复「是」或「否」。',
  choicesExpected: (n: number) => `请回复 1 到 ${n} 之间的编号，多个用逗号隔开，如 1,3。`,
  ruleBroken: (messages: readonly string[]) =>
    `已记下，但勾稽关系对不上：\n${messages.join('\n')}\n\n这是必须改正的错误：直接回复正确的数字，或点下面的按钮去改其他项；也可以先填后面的，提交前必须改正。`,
  restZeroDone: (n: number) => `已将本节 ${n} 项空白填为 0，已填的数字没有改动。`,
  restZeroNone: '本节没有空白项，已填的数字没有改动。',
  skippedRequired: '已跳过。这一项必须填写才能提交，提交前会提醒您。',
  skippedText: '已跳过。这一部分空着也能提交，但提交前会提醒您补上。',
  skipKept: (value: string) => `已保留原来的${value}，接着填下一项。`,
  textKeptShort: '内容',
  answerKept: '选择',
  buttonExpired: '这个按钮已过期（它属于前面的问题），没有记录。请回答当前的问题：',
  answeredEarlier: (name: string) => `已记下「${name}」。接着回答当前的问题：`,
  emptyMessage: '没有收到内容。请回答当前的问题：',
  textReplacedNone: (old: string) => `原来写的是「${old}」，已换成这段文字。`,
  readAs: (value: string) => `记为 ${value}。`,
  amountShown: (value: string) => `${value} 万元`,
  notApplicable: '不适用',
  doubtLarge: (value: string) =>
    `您填的是 ${value}，比一般单位的数字大很多。是不是多打了 0，或把元当成了万元？`,
  doubtJump: (value: string, before: number) => `您填的是 ${value}，是上年（${before}）的十倍以上。请核对。`,
  doubtConfirmButton: (value: string) => `确认是 ${value}`,
  chosen: (names: readonly string[]) => `已选：${names.join('、')}。`,
  nothingPicked: '还没有选。请点选项打勾，或回复编号，如 1,3。',
  pickedButton: (n: number) => (n ? `选好了（${n} 项）` : '选好了'),
  pickedSoFar: (names: readonly string[]) => `已勾选：${names.join('、')}`,
  keepValueButton: (value: string) => `保持不变（${value}）`,
  jumpButton: (label: string) => `改「${label}」`,
  laterButton: '先填后面的',
  reviewName: '汇总',
  atFirstStep: '已经是第一项了。',
  atReview: '已经填到最后。',
  chooseSection: '要修改哪一部分？',
  reviewTitle: (org: string, year: number) => `【${org} ${year} 年度报告 · 汇总】`,
  reviewProgress: (done: number, total: number) => `已填 ${done}/${total} 项。`,
  reviewParts: (heading: string, filled: number, parts: number) =>
    `${heading}：已填写 ${filled}/${parts} 部分`,
  reviewNumbers: (heading: string, items: readonly string[]) => `${heading}：${items.join('；')}`,
  reviewCount: (what: string, n: string) => `${what} ${n} 件`,
  reviewText: (heading: string, len: number) =>
    len > 0 ? `${heading}：已填写（${len} 字）` : `${heading}：未填写`,
  unknown: '未填',
  reviewMissing: (n: number) => `还有 ${n} 项数字没有填写。`,
  reviewErrors: (messages: readonly string[]) => `❌ 必须改正才能提交：\n${numbered(messages)}`,
  reviewWarnings: (messages: readonly string[]) => `⚠️ 请核对（确认后可以提交）：\n${numbered(messages)}`,
  reviewReady: '没有发现问题，可以提交。',
  submitRefused: (missing: number, errors: readonly string[]) =>
    [
      missing > 0 ? `还有 ${missing} 项数字没有填写，暂时不能提交。` : '',
      errors.length ? `以下问题必须先改正：\n${numbered(errors)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  confirmWarnings: (messages: readonly string[]) =>
    `提交前请核对以下提醒：\n${numbered(messages)}\n\n确认无误请点「确认提交」；要修改请点「查看汇总」。`,
  submitButton: '提交',
  confirmButton: '确认提交',
  reviewButton: '查看汇总',
  editButton: '修改某部分',
  nextButton: '下一项',
  clearButton: '清空重写',
  skipButton: '跳过',
  backButton: '上一步',
  restZeroButton: '本节其余为0',
  yesButton: '是',
  noButton: '否',
};

export const EDIT_COPY = {
  shape: '保存的数据格式不正确',
  tooMany: '一次保存的改动太多',
  unknownPath: (path: string) => `不认识的填报项：${path}`,
  text: (path: string, max: number) => `${path}：文字过长，最多 ${max} 字`,
  flow: (path: string) => `${path}：选择不正确`,
  count: (label: string) => `${label}：应为非负整数`,
  notApplicable: (label: string) => `${label}：这一格不能填“/”（不适用）`,
  amount: (label: string) => `${label}：应为非负数（万元）`,
};

/** The reviewer's rules (11–16, src/engine/review.ts and parts.ts). */
export const REVIEW_COPY = {
  partsDiffer: (label: string, own: number, sum: number, bodies: number) =>
    `${label}：本报告填 ${own}，所属 ${bodies} 个单位报告合计 ${sum}，相差 ${Math.abs(own - sum)}。汇总报告应等于所属单位之和，请核对。`,
  partsIncomplete: (label: string, own: number, sum: number, missing: readonly string[]) =>
    `${label}：本报告填 ${own}，已提交的所属单位报告合计 ${sum}，相差 ${Math.abs(own - sum)}；还有 ${missing.length} 个单位未提交（${listNames(missing)}），对照尚不完整。`,
  stated: {
    new: '本年新收申请',
    carriedOver: '上年结转申请',
    carryForward: '结转下年度的申请',
    answered: '办结（答复）的申请',
    granted: '予以公开',
    review: '行政复议',
    suits: '行政诉讼',
    issued: '本年制发的规范性文件',
    repealed: '本年废止的规范性文件',
    inForce: '现行有效的规范性文件',
  },
  textVsTable: (heading: string, sentence: string, what: string, said: number, table: number) =>
    `${heading}写的是「${sentence}」：${what} ${said} 件，但表格里是 ${table} 件。请核对文字和表格，以实际为准改正其中一处。`,
  s5Short: (heading: string, n: number, min: number) =>
    `${heading}只有 ${n} 个字（少于 ${min} 字）：请写明存在的主要问题和相应的改进措施。`,
  s5NoProblem: (heading: string) =>
    `${heading}没有写出存在的问题：评议时“暂无问题”会被扣分，请如实写明工作中的不足。`,
  s5NoMeasure: (heading: string) =>
    `${heading}写了问题，但没有写改进措施（如“下一步”“整改”“改进”）：请补上。`,
  boilerplate: (heading: string) =>
    `${heading}只写了填写提示或标题本身，没有写本单位的实际情况：请按实际工作填写。`,
  s6NoFee: (heading: string) =>
    `${heading}没有说明信息处理费：国家格式要求写明本年度是否收取信息处理费（如“本年度未收取信息处理费”）。`,
  rulesTownship: (values: readonly number[]) =>
    `乡镇、街道不制定规章，但表二“规章”一行填了 ${values.join('、')}：请改为 0。`,
  rulesDepartment: (values: readonly number[]) =>
    `部门一般不制定规章，但表二“规章”一行填了 ${values.join('、')}：如果不是本单位制定的规章，请改为 0。`,
  yearInText: (heading: string, sentence: string, said: number, year: number) =>
    `${heading}写的是「${sentence}」：这是 ${year} 年度的报告，正文却把 ${said} 年写成了本年度。请核对是否沿用了旧报告的文字。`,
  rulesInForce: (now: number, before: number, issued: number, repealed: number) =>
    `规章：上年现行有效 ${before} + 本年制发 ${issued} − 本年废止 ${repealed} = ${before + issued - repealed}，但本年现行有效填的是 ${now}。`,
  similar: (heading: string, percent: number) =>
    `${heading}与上年报告的文字相似度 ${percent}%：请按本年实际情况更新，不要只改几个字。`,
};

/** The figures of the data view (src/engine/stats.ts): name, and definition as the page states it. */
export const STATS_COPY = {
  figures: {
    received: ['新收申请', '表三“本年新收政府信息公开申请数量”总计'],
    substantive: [
      '实质公开率',
      '（予以公开 + 部分公开）÷（办理结果总计 − 不予处理 − 其他处理）；评估口径不一，这里用的是这一种',
    ],
    withheldRate: ['不予公开率', '不予公开 ÷（办理结果总计 − 不予处理 − 其他处理）'],
    unavailableRate: ['无法提供率', '无法提供 ÷（办理结果总计 − 不予处理 − 其他处理）'],
    carryRate: ['结转率', '结转下年度继续办理 ÷（新收 + 上年结转）'],
    reviewCorrection: ['复议纠错率', '行政复议 结果纠正 ÷（维持 + 纠正 + 其他结果）'],
    suitCorrection: ['诉讼纠错率', '行政诉讼（两类合计）结果纠正 ÷（维持 + 纠正 + 其他结果）'],
    correction: ['复议诉讼纠错率', '复议和诉讼合计：结果纠正 ÷（维持 + 纠正 + 其他结果）'],
    casesPer100: ['每百件申请的复议诉讼', '（复议总计 + 诉讼总计）÷ 新收申请 × 100'],
    normativeIssued: ['规范性文件制发', '表二 行政规范性文件 本年制发件数'],
    normativeInForce: ['规范性文件现行有效', '表二 行政规范性文件 现行有效件数'],
    licensing: ['行政许可', '表二 行政许可 本年处理决定数量'],
    penalties: ['行政处罚', '表二 行政处罚 本年处理决定数量'],
    enforcement: ['行政强制', '表二 行政强制 本年处理决定数量'],
    fees: ['行政事业性收费（万元）', '表二 行政事业性收费 本年收费金额'],
  } as const,
  risks: {
    correction: (name: string, value: string, against: string) =>
      `${name}：复议诉讼纠错率 ${value}，远高于全辖区的 ${against}。`,
    dropToZero: (name: string, before: number) =>
      `${name}：新收申请从上年的 ${before} 件降到 0 件，请核实是否漏报。`,
    substantiveHalved: (name: string, value: string, against: string) =>
      `${name}：实质公开率从上年的 ${against} 降到 ${value}，降了一半以上。`,
    carried: (name: string, value: string) => `${name}：结转率 ${value}，一半以上的申请结转到下年度。`,
  },
  zero: '—',
};
