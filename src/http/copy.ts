// Every sentence the HTTP API and the routes' own refusals show (JSON errors, admin API), in one place.

export const API_COPY = {
  notJson: '请求体不是有效的 JSON',
  invalidReport: '报告格式不正确',
  tooLarge: (kib: number) => `请求体过大，最多 ${kib} KB`,
  badFormat: (formats: readonly string[]) => `不支持的格式，可选：${formats.join('、')}`,
  previousYear: (year: number) => `previous 应为 ${year} 年之前的报告（通常是 ${year - 1} 年）`,
  unauthorized: '需要管理员令牌（Authorization: Bearer …）',
  invalidInput: '请求内容不正确',
  orgName: '单位名称应为 1 到 100 字',
  orgKind: '单位类型应为 county、township、subdistrict、department 之一',
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
};
