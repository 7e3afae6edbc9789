// Every sentence the services send on their own initiative — submission notices, returns,
// reminders — and the wording of the roll-up, in one place.

export const NOTICE_COPY = {
  linkUnavailable: '（链接暂不可用：系统设置不完整，请联系管理员）',
  submitted: (org: string, year: number, times: number, url: string) =>
    `【报告已提交】「${org}」${year} 年度报告已提交${times > 1 ? `（第 ${times} 次提交）` : ''}。\n查看：${url}`,
  returned: (by: string, org: string, year: number, comment: string, url: string) =>
    `【报告被退回】${by}退回了「${org}」${year} 年度报告，意见：\n${comment}\n\n请修改后重新提交：发送 /fill ${year} 在聊天中修改，或在手机浏览器中打开：\n${url}`,
  continueButton: '继续填报',
};

export const REMIND_COPY = {
  official: (org: string, year: number, status: string, done: number, total: number, days: number) =>
    [
      `【年报提醒】「${org}」${year} 年度政府信息公开工作年度报告${status === 'returned' ? '已被退回，请修改后重新提交' : '还没有提交'}。`,
      total ? `已完成 ${done}/${total} 项。` : '',
      days > 0
        ? `距 1 月 31 日截止还有 ${days} 天。`
        : days === 0
          ? '今天截止。'
          : `已过截止日期 ${-days} 天。`,
      `发送 /fill ${year} 继续填写。`,
    ]
      .filter(Boolean)
      .join('\n'),
  supervisor: (year: number, missing: number, all: number, names: readonly string[], days: number) =>
    [
      `【年报提醒】${year} 年度报告：${all} 个单位中还有 ${missing} 个未提交${days >= 0 ? `，距截止还有 ${days} 天` : ''}。`,
      names.join('、'),
      '发送 /missing 查看，/dashboard 打开看板。',
    ].join('\n'),
  more: (n: number) => `等 ${n} 个`,
};

/** Names in a roll-up's 一: all of them, or the first ones and how many more (a province has thousands). */
const listed = (names: readonly string[], count: number) =>
  count > names.length
    ? `${names.join('、')}等（其余 ${count - names.length} 个单位见看板的单位列表）`
    : names.join('、');

export const ROLLUP_COPY = {
  name: (org: string) => `${org}所辖单位汇总：`,
  // 一、总体情况 of the roll-up: which bodies it includes and which it does not.
  included: (names: readonly string[], count: number, all: number) =>
    count
      ? `本汇总为所辖 ${all} 个单位中已提交报告的 ${count} 个单位的数字之和：${listed(names, count)}。`
      : `所辖 ${all} 个单位暂无已提交的报告，各表数字均为 0。`,
  missing: (names: readonly string[], count: number) =>
    `尚未提交报告、未计入汇总的 ${count} 个单位：${listed(names, count)}。`,
  unreadable: (names: readonly string[]) =>
    `报告无法读取、未计入汇总的 ${names.length} 个单位：${names.join('、')}。`,
  textsNotSummed: '各单位报告中的文字部分不作汇总，请查阅各单位的报告。',
  irregular: (names: readonly string[]) =>
    `以下 ${names.length} 个单位的报告有不符合现行格式的内容，已按提交时的原样计入（无法识别的数字按 0 计）：${names.join('、')}。`,
};

/** Last year's report imported from its published text. */
export const IMPORT_COPY = {
  comment: (read: number, of: number) =>
    `从已公开的报告导入：读出 ${of} 项数字中的 ${read} 项，没读出的按 0 显示`,
};

/** A confirmed finding, as the comment the report goes back with. */
export const VERDICT_COPY = {
  returnComment: (message: string, note: string) =>
    `核实确认的问题：${message}${note ? `\n说明：${note}` : ''}`,
};
