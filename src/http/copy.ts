// Every sentence the HTTP API and the routes' own refusals show (JSON errors, admin API), in one place.

export const API_COPY = {
  notJson: '请求体不是有效的 JSON',
  invalidReport: '报告格式不正确',
  tooLarge: (kib: number) => `请求体过大，最多 ${kib} KB`,
  tooMany: '请求过于频繁，请稍后再试',
  badFormat: (formats: readonly string[]) => `不支持的格式，可选：${formats.join('、')}`,
  previousYear: (year: number) => `previous 应为 ${year} 年之前的报告（通常是 ${year - 1} 年）`,
  unauthorized: '需要管理员令牌（Authorization: Bearer …）',
  adminNotConfigured:
    '管理令牌 ADMIN_TOKEN 未设置或太弱（至少 32 字节），管理接口暂不可用。/healthz 列出需要补全的设置。',
  invalidInput: '请求内容不正确',
  orgName: '单位名称应为 1 到 100 字',
  fullName: '单位全称应为 1 到 100 字，如“汤阴县白营镇人民政府”',
  orgKind: '单位类型应为 province、city、county、township、subdistrict、department 之一',
  orgId: '单位编号应为整数',
  role: '角色应为 official 或 supervisor',
  noSuchOrg: (id: number) => `没有编号为 ${id} 的单位`,
  orgExists: (name: string) => `同一上级下已有名为「${name}」的单位`,
  badOrgYear: '地址中的单位编号或年度不正确',
  yearMismatch: (url: number, body: number) => `地址中的年度是 ${url}，报告中的 year 却是 ${body}`,
  noReport: '这个单位这一年度还没有报告',
  forbidden: '请求被拒绝：只接受从本站页面发出的提交',
  badRequest: '请求不正确',
  notFound: '没有这个地址',
  internal: '服务器出错了，请稍后再试；如果一直出错，请联系管理员',
  importType:
    '请以纯文本（text/plain）、网页（text/html）或 Word 文件（.docx）提交报告全文；PDF 请先复制出其中的文字',
  notDocx: '这不是能读取的 Word 文件（.docx）；旧版 .doc 请先另存为 .docx，或复制出其中的文字',
  importPdf:
    'PDF 不在服务端读取：请先取出其中的文字（npm run import 可以读 PDF，表单和核查页面会在浏览器里读取），再以 text/plain 发送',
  notAReport: '没有从这段文字中读出政府信息公开工作年度报告：找不到报告标题、章节或表格',
  badYear: '年度 year 应为 2008 到 2100 之间的整数',
};

/** The admin API's own sentences: revisions, the outbox, base versions, export and import. */
export const ADMIN_COPY = {
  tooLarge: (mib: number) => `请求体过大，最多 ${mib} MB`,
  badVersion: '版本号应为正整数',
  noRevision: (version: number) => `这份报告没有第 ${version} 版的记录`,
  badLimit: (max: number) => `limit 应为 1 到 ${max} 之间的整数`,
  badBefore: 'before 应为正整数（上一页最后一条的版本号）',
  badStatus: 'status 应为 failed、pending、sending、sent 之一',
  badPostId: '消息编号应为正整数',
  noPost: (id: number) => `没有编号为 ${id} 的消息`,
  postStatus: { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' } as Record<
    string,
    string
  >,
  notFailed: (id: number, status: string) =>
    `第 ${id} 条消息的状态是「${status}」，只有发送失败的消息可以重发`,
  badBase: 'base 应为非负整数：报告当前的版本号（还没有报告时为 0）',
  baseTwice: (query: number, body: number) =>
    `地址中的 base 是 ${query}，请求体中的 baseVersion 却是 ${body}`,
  wrapped: '请求体应为报告本身，或 {"baseVersion": 版本号, "report": 报告}',
  baseMismatch: (base: number, current: number) =>
    current === 0
      ? `这个单位这一年度还没有报告，base 应为 0，收到的是 ${base}`
      : `报告现在是第 ${current} 版，与 base=${base} 不符：请重新读取报告，确认后再提交`,
  draftInProgress: (version: number) =>
    `这份报告正在填报中（第 ${version} 版），直接导入会覆盖正在填写的内容。确需覆盖，请在地址中加上 ?base=${version}`,
  changedMeanwhile: '报告刚刚被修改过，请重新读取后再提交',
  notEmpty: (tables: readonly string[]) =>
    `数据库不是空的（${tables.join('、')} 中已有数据）：导入只能恢复到空数据库`,
  importInvalid: (count: number) => `导入文件有 ${count} 处错误，没有写入任何数据`,
  importFailed: '写入数据库时出错，本次导入已全部撤销，请稍后再试',
  notUtf8: '导入文件不是有效的 UTF-8 文本',
  line: (line: number, message: string) => `第 ${line} 行：${message}`,
  lineNotJson: '不是有效的 JSON',
  lineUnreadable: '这一行嵌套过深，无法读取',
  lineShape: '每行应为 {"table": 表名, "row": {…}}，最后一行为 {"end": {…}}',
  unknownTable: (table: string, known: readonly string[]) =>
    `没有可导入的表「${table}」，可选：${known.join('、')}`,
  missingField: (field: string) => `缺少字段 ${field}`,
  extraField: (field: string) => `多余的字段 ${field}`,
  field: (field: string, problem: string) => `${field} ${problem}`,
  int: (min: number, max: number) => `应为 ${min} 到 ${max} 之间的整数`,
  text: (min: number, max: number) =>
    min > 0 ? `应为 ${min} 到 ${max} 字的文字` : `应为不超过 ${max} 字的文字`,
  oneOf: (values: readonly string[]) => `应为 ${values.join('、')} 之一`,
  time: '应为时间，如 2025-01-31T08:00:00.000Z',
  object: '应为 JSON 对象',
  formVersion: (known: readonly string[]) => `不是已知的格式版本（可选：${known.join('、')}）`,
  draftYear: (year: number) => `中的年度应与 year（${year}）一致`,
  cell: '不是有效的数字',
  notText: '应为文字',
  rowTooLarge: '这一行太大，超过了数据库一行的上限',
  duplicate: (what: string, line: number) => `${what} 与第 ${line} 行重复`,
  rowKey: (table: string, key: Record<string, unknown>) =>
    `${table} 中 ${Object.entries(key)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join('、')} 的一行`,
  pathShape: 'path 应形如 /1/4/（从最上级到本单位的编号）',
  missingRef: (field: string, id: unknown) => `${field} = ${JSON.stringify(id)}，文件中没有这一行`,
  orgPath: (expected: string) => `path 应为 ${expected}（上级的 path 加上本单位编号）`,
  revisionAhead: (version: number) => `version 超过了报告当前的版本 ${version}`,
  afterEnd: '结尾行之后不应再有内容',
  noEnd: '文件不完整：缺少结尾行 {"end": {…}}，导出可能中途断开了',
  endCounts: (table: string, said: unknown, found: number) =>
    `结尾行记录 ${table} 有 ${JSON.stringify(said)} 行，文件中却有 ${found} 行`,
  exportBudget: '数据量超出单次导出的查询上限，导出未完成，请用 wrangler d1 export 备份整个数据库',
};
