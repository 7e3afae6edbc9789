// Every sentence the web pages show (link errors, the local chat page), in one place.
import type { NumberProblem } from '../engine/numbers';

export const WEB_COPY = {
  linkInvalidTitle: '链接无效',
  linkInvalid:
    '这个链接不完整或已被改动，无法打开。请回到聊天中重新获取链接（例如发送 /report 单位名 或 /link）。',
  linkExpiredTitle: '链接已过期',
  linkExpired: '为了安全，链接只在一段时间内有效。请回到聊天中重新获取链接。',
  reportMissingTitle: '报告不存在',
  reportMissing: '没有找到这份报告的这个版本，可能已被删除。请回到聊天中重新获取链接。',
  linksOffTitle: '暂时无法打开',
  linksOff:
    '系统设置不完整（链接密钥或公网地址未配置），网页链接暂不可用。请联系管理员；管理员可访问 /healthz 查看缺少哪些设置。',
  reportUnreadableTitle: '报告无法显示',
  reportUnreadable: '这份报告使用了本系统不认识的格式版本，无法显示。请联系管理员。',
  reportIrregular: (n: number) =>
    `这份报告有 ${n} 处内容不符合现行格式要求（例如某部分文字超过 20000 字），以下按提交时的原样显示，无法识别的数字显示为 0。`,
  badFormat: '不支持的格式，可选：html、text、json、docx。',
  inviteInvalidTitle: '邀请无法使用',
  devOnly: '这个页面只在本地开发模式（DEV_MODE=1）下提供。',
  devUnknownPlatform: '没有这个聊天平台',
  chatTitle: '年报助手 · 本地聊天测试',
  chatIntro:
    '这个页面模拟各聊天平台：消息按各自平台的格式签名（需要时加密）后送达 /hooks/…，机器人的回复和按钮显示在下面。',
  chatPlatform: '平台',
  chatUser: '用户编号',
  chatName: '名字',
  chatPlaceholder: '输入消息，例如 /start 邀请码',
  chatSend: '发送',
  chatReset: '换一个用户',
  badPostTitle: '提交的内容无法读取',
  badPost: '提交的内容格式不正确，无法读取。请回到上一页重新提交；如果一直出现，请换一个浏览器再试。',
  tooLargeTitle: '提交的内容过多',
  tooLarge: (kib: number) => `一次提交的内容不能超过 ${kib} KB，请分几次保存。`,
};

export const FORM_COPY = {
  title: (org: string, year: number) => `${org} ${year} 年度报告`,
  progress: (done: number, total: number) => `已完成 ${done}/${total} 部分`,
  sections: '目录',
  review: '检查并提交',
  prev: '上一部分',
  saveAndNext: '保存，下一部分',
  saved: '已保存',
  saving: '保存中…',
  offline: '未保存（离线）',
  offlineNav: '现在没有网络：刚填的内容已保存在本机，联网后会自动保存。联网后再切换到其他部分。',
  unsaved: '未保存',
  invalid: (n: number) => `未保存：${n} 处填写有误`,
  conflicts: (n: number) => `有 ${n} 处改动待选择`,
  /** A number the form could not read, in the form's words (填, not 回复). */
  numberProblem: (problem: NumberProblem, typed: string): string => {
    const q = `“${typed.length > 12 ? `${typed.slice(0, 12)}…` : typed}”`;
    switch (problem) {
      case 'countExpected':
      case 'countEmpty':
        return '请填件数（数字），没有填 0。';
      case 'countNotNumber':
        return `${q}不是件数。请填数字，如 12；没有填 0。`;
      case 'wholeNumber':
        return '件数应为整数，如 3。';
      case 'negative':
        return '不能是负数；没有填 0。';
      case 'tooLarge':
        return '数字太大了，请核对。';
      case 'amountExpected':
      case 'amountEmpty':
        return '请填金额（万元）；没有填 0。';
      case 'amountNotNumber':
        return `${q}不是金额。请填以万元为单位的数字，如 3.5；按元填写请带“元”，如 35000元。`;
      case 'tooPrecise':
        return '小数位太多，最多保留 6 位。';
      case 'notApplicable':
        return '这一格不能填“/”（不适用）；没有填 0。';
    }
  },
  noScript: '当前浏览器未启用脚本：填写后请点“保存”。',
  insertNoFees: '填入：未收取信息处理费',
  rulesByLaw: '乡镇、街道和县级部门不制定规章，按规定填 0。',
  notApplicableHint:
    '本单位没有某项职权的（如无行政许可权），那一格填“/”或“-”，即“不适用”；有职权但本年没有发生的填 0。',
  total: '总计（自动计算）',
  computed: '自动计算',
  fillZero: '空白处全部填 0',
  s3Question: '本年是否收到政府信息公开申请，或有上年结转、还没办完的申请？',
  s4Question: '本年是否有涉及政府信息公开的行政复议或行政诉讼案件（含上年未审结的）？',
  yes: '有',
  no: '没有',
  noApplications: '本年没有收到申请，也没有上年结转的申请，表三全部为 0。',
  noCases: '本年没有行政复议和行政诉讼，表四全部为 0。',
  applicants: '申请人类型（只显示勾选的列，其余为 0）',
  showColumns: '更新显示',
  groups: '案件类型',
  normalised: (v: string) => `= ${v}`,
  conflict: (theirs: string, mine: string) =>
    `另一处（聊天或其他设备）已改为“${theirs}”，您填的是“${mine}”。`,
  keepMine: '用我的',
  keepTheirs: '用对方的',
  empty: '（空）',
  reviewTitle: '检查并提交',
  previewTitle: '报告预览',
  previewHint: '这是现在提交后公开的样子；还没填的数字按 0 显示。',
  missing: (n: number) => `还有 ${n} 项数字没有填写。`,
  missingIn: (section: string, n: number) => `${section}：${n} 项未填`,
  errorsTitle: '必须改正才能提交',
  warningsTitle: '请核对（确认后可以提交）',
  allGood: '没有发现问题，可以提交。',
  confirmWarnings: '我已核对以上提醒，确认提交',
  submit: '提交报告',
  submittedTitle: '报告已提交',
  submitted: (notified: number) =>
    notified > 0 ? `已通知 ${notified} 位上级。` : '没有找到需要通知的上级，请自行告知。',
  noReportLink: '报告已提交。查看链接暂不可用（系统设置不完整），请联系管理员。',
  viewReport: '查看和打印报告',
  viewText: '纯文本（复制到网站）',
  viewWord: '下载 Word 文档',
  alreadySubmitted: (at: string) =>
    `本年度报告已于 ${at} 提交。如需修改，请在聊天中发送“重新修改”，或联系上级退回。`,
  refused: '还不能提交：',
  mustConfirm: '请先勾选“我已核对以上提醒”。',
  saveFailed: '保存失败，请检查后重试。',
  /** A save that lost the race to other writes several times over (409): nothing was saved. */
  saveBusy:
    '刚才有其他人（或聊天中）同时在修改这份报告，这次没有保存；填写的内容仍保留在本页，稍后会自动重试。',
  saveBusyTitle: '这次没有保存',
  saveBusyPost: '刚才有其他人（或聊天中）同时在修改这份报告，这次没有保存。请返回上一页，再点一次“保存”。',
  /** Too many saves through one link in a minute (429). */
  tooManySaves: '保存过于频繁，请稍等一分钟；填写的内容仍保留在本页，稍后会自动保存。',
  tooManySavesTitle: '保存过于频繁',
  tooManySavesPost: '保存过于频繁，这次没有保存。请稍等一分钟，返回上一页再点“保存”。',
  badInput: (label: string, message: string) => `${label}：${message}`,
  staleLink: '这个链接对应的单位已变更，请回到聊天中发送 /link 获取新链接。',
  inviteTitle: (org: string) => `加入「${org}」`,
  inviteIntro: (org: string, role: string) => `这是「${org}」的${role}邀请。`,
  inviteChat: (code: string) => `在聊天软件中向年报助手发送：/start ${code}`,
  inviteWeb: '或者直接在网页中填写：',
  inviteStart: '在网页中开始填写',
  inviteWebNote: '在网页中开始后，这个邀请码就用掉了；之后要在聊天中使用，请向上级另要一个邀请码。',
};

export const DASHBOARD_COPY = {
  title: (org: string, year: number) => `${org} · ${year} 年度报告看板`,
  failed: {
    title: (n: number) => `有 ${n} 条消息没能发出`,
    hint: '对方的聊天平台多次拒收（例如对方已删除或屏蔽了机器人，或平台暂时故障）。可以重新发送；仍发不出时，请用电话等其他方式联系。',
    line: (org: string, purpose: string, platform: string, day: string) =>
      `${org} · ${purpose} · ${platform} · ${day}`,
    purposes: { reply: '聊天回复', notice: '提交通知', return: '退回通知', reminder: '截止提醒' } as Record<
      string,
      string
    >,
    resend: '重新发送',
    resent: '已重新排队发送，几分钟内送达。',
    gone: '这条消息已经重新发送过，或不在你的管理范围内。',
  },
  statusLabels: { none: '未开始', draft: '填报中', returned: '已退回', submitted: '已提交' } as Record<
    string,
    string
  >,
  all: '全部',
  daysLeft: (n: number) => (n > 0 ? `距 1 月 31 日截止还有 ${n} 天` : '今天截止'),
  overdue: (days: number, missing: number) => `已过截止日期 ${days} 天，还有 ${missing} 个单位未提交`,
  deadline: (year: number) => `${year + 1} 年 1 月 31 日前公开 ${year} 年度报告`,
  search: '搜索单位',
  sort: '排序',
  sorts: {
    name: '按名称',
    status: '未交的在前',
    progress: '进度低的在前',
    updated: '最近修改在前',
    errors: '问题多的在前',
  } as Record<string, string>,
  year: '年度',
  apply: '筛选',
  columns: {
    name: '单位',
    status: '状态',
    progress: '进度',
    problems: '问题',
    updated: '最后修改',
    actions: '',
  },
  problems: (errors: number, warnings: number) =>
    errors || warnings ? `${errors} 错 · ${warnings} 提醒` : '—',
  unjudged: (n: number) => ` · ${n} 条待核实`,
  progress: (done: number, total: number) => (total ? `${done}/${total}` : '—'),
  never: '—',
  /** Channels that are not chat platforms (those are named by their adapter). */
  channels: { web: '网页', admin: '管理接口导入', import: '从已公开的报告导入' } as Record<string, string>,
  details: '详情',
  report: '报告',
  word: 'Word',
  prevPage: '上一页',
  nextPage: '下一页',
  page: (from: number, to: number, of: number) => `第 ${from}–${to} 个，共 ${of} 个`,
  none: '没有符合条件的单位。',
  rollup: '汇总表',
  addUnit: '新增下级单位',
  unitName: '简称（聊天和看板里用的名称）',
  unitKind: '类型',
  unitFullName: '全称（报告标题用）',
  addUnitButton: '新增',
  kinds: {
    province: '省级',
    city: '市级',
    county: '县（区）',
    township: '乡镇',
    subdistrict: '街道',
    department: '部门',
  } as Record<string, string>,
  added: (name: string) => `已新增「${name}」。在聊天中发送 /invite ${name} 生成邀请码。`,
  addFailed: '没有新增：请写简称（1 到 100 字）并选择类型。',
  addExists: (name: string) => `「${name}」已经在您管理的范围内了。`,
  fullNameTitle: '单位全称',
  fullNameHint: '报告标题使用全称，如“汤阴县白营镇人民政府2025年政府信息公开工作年度报告”。',
  fullNameSaved: '已保存单位全称，之后提交的报告标题会使用它。',
  save: '保存',
  exportCsv: '导出 CSV',
  remind: '提醒未提交的单位',
  reminded: (people: number, bodies: number) =>
    `已提醒 ${bodies} 个单位的 ${people} 位填报人（今天已提醒过的不再重复）。`,
  remindQueued: (bodies: number) =>
    `正在提醒 ${bodies} 个单位的填报人（今天已提醒过的不再重复），几分钟内发完。`,
  remindersOff: '已关闭提醒',
  back: '返回看板',
  history: '修改记录',
  actions: {
    create: '开始填写',
    edit: '修改',
    submit: '提交',
    return: '退回',
    reopen: '重新打开',
    import: '导入',
  } as Record<string, string>,
  edits: (n: number) => (n > 1 ? `（${n} 次修改）` : ''),
  someone: (role: string | null) =>
    role === 'supervisor' ? '上级' : role === 'admin' ? '管理员' : role === 'official' ? '填报人' : '系统',
  verdictsTitle: (open: number) => (open ? `检查发现的问题（${open} 条待核实）` : '检查发现的问题'),
  verdictsHint:
    '逐条核实：确认的问题随报告退回该单位并引用原文；不采纳的请写明理由。核实结论在报告再次提交后、问题未变时保留。',
  verdictNone: '这份报告没有检查出问题。',
  verdictConfirm: '确认并退回',
  verdictDismiss: '不采纳',
  verdictReason: '说明或不采纳的理由',
  verdictStates: { confirmed: '已确认并退回', dismissed: '不采纳' } as Record<string, string>,
  verdictBy: (who: string, at: string) => `${who || '督办人'} · ${at.slice(0, 16).replace('T', ' ')}`,
  verdictHistory: (state: string, message: string, reason: string) =>
    `核实：${state}「${message.length > 40 ? `${message.slice(0, 40)}…` : message}」${reason ? `，理由：${reason}` : ''}`,
  verdictSaved: '核实结论已保存。',
  verdictGone: '这条问题在当前版本中已不存在（报告可能已修改），请刷新后再看。',
  verdictNeedsReason: '不采纳时请写明理由。',
  pendingCount: (n: number) => `${n} 条待核实`,
  compareLink: '与上年对比',
  compareTitle: (name: string, year: number) => `${name}：${year} 年度与 ${year - 1} 年度对比`,
  compareNone: (year: number) => `没有 ${year - 1} 年度的报告可以对比（上年未在本系统填报，也没有导入）。`,
  compareNoReport: (year: number) => `${year} 年度还没有报告。`,
  compareColumns: (year: number) => ['项目', `${year - 1} 年度`, `${year} 年度`, '变化'],
  compareTables: {
    s2: '二、主动公开政府信息情况',
    s3: '三、依申请公开（总计列）',
    s4: '四、行政复议、行政诉讼',
  } as Record<string, string>,
  compareChanged: (n: number) => `有变化的数字：${n} 项（已标出）`,
  compareAlike: (percent: number) => `与上年文字相似度 ${percent}%`,
  compareLegend: '绿色为本年新写的句子，删除线为上年有、本年没有的句子。',
  compareBlank: '未填',
  compareNotApplicable: '不适用',
  returnTitle: '退回修改',
  returnHint: '写明需要修改的地方，填报人会在聊天中收到这条意见。',
  returnButton: '退回',
  commentRequired: '请写明退回的原因。',
  returnedDone: (n: number) => `已退回，并通知了 ${n} 位填报人。`,
  notSubmitted: '这份报告不是已提交状态，不能退回。',
  conflict: '报告刚刚有变动，请刷新后再试。',
  partsTitle: '汇总报告对照（规则 16）',
  partsOn:
    '本单位的年报汇总了直属下级单位：表三、表四的每一格都与已提交的下级单位报告之和对照，差异列在“检查发现的问题”中。',
  partsOff:
    '如果本单位的年报是汇总下级单位的（如“全市”“全县”数字），请打开对照，表三、表四会与下级单位报告之和逐格比较。',
  partsComplete: (n: number) => `直属的 ${n} 个单位都已提交，对照完整。`,
  partsIncomplete: (n: number, missing: readonly string[]) =>
    `直属的 ${n} 个单位中还有 ${missing.length} 个未提交（${missing.slice(0, 10).join('、')}${missing.length > 10 ? '等' : ''}），对照尚不完整：差异可能来自未提交的单位。`,
  partsTurnOn: '本单位年报是汇总报告，打开对照',
  partsTurnOff: '不是汇总报告，关闭对照',
  remindersTitle: '提醒',
  remindersOn: '到截止日期前会自动提醒这个单位的填报人。',
  remindersOffText: '已关闭对这个单位的自动提醒。',
  turnOff: '关闭提醒',
  turnOn: '打开提醒',
  notInScope: '这个单位不在您管理的范围内。',
  supervisorsOnly: '看板只对上级管理人员开放。',
  noReport: '这个单位这一年度还没有提交报告。',
  rollupTitle: (year: number) => `${year} 年度汇总`,
  statsLink: '数据统计',
  statsTitle: (year: number) => `${year} 年度数据统计`,
  statsCsv: '下载统计数字（CSV）',
  statsPrint: '本页可直接打印（A4），附在年度工作总结后。',
  statsHeadline: (year: number) => `${year} 年度全辖区主要数字`,
  statsSubmitted: '已提交',
  statsOnTime: (onTime: number, late: number, returned: number) =>
    `按时 ${onTime} · 逾期 ${late} · 退回 ${returned}`,
  statsChange: (change: string) => `比上年 ${change}`,
  statsRisks: '需要关注的单位',
  statsNoRisks: '没有明显异常的单位。',
  statsYears: '近五年全辖区走势',
  statsLine: (figure: string) => `${figure}（近五年）`,
  statsYear: '年度',
  statsBodies: (n: number) => `各单位对比（已提交的 ${n} 个单位）`,
  statsTop: (n: number) => `每项只列出前 ${n} 个单位（图和表相同）；全部单位的数字请下载 CSV。`,
  statsBars: (figure: string, year: number) => `${year} 年度各单位${figure}，从高到低`,
  statsBody: '单位',
  statsLate: '逾期提交',
  statsAll: '全辖区',
  statsDefinitions: '各项数字的算法',
  statsNoDenominator: '分母为 0（例如没有收到申请）时，比率显示为“—”，不是 0%。',
  bodyLines: '本单位近五年的主要数字',
  bodyOwn: '本单位',
  peersMedian: '同级单位中位数',
  peersOf: (median: string, n: number) => `${median}（${n} 个单位）`,
  rollupIncluded: (n: number, all: number) => `汇总了 ${all} 个单位中已提交的 ${n} 个。`,
  rollupMore: (n: number) => `另有 ${n} 个已提交的单位，见单位列表中的“已提交”`,
  rollupChecks: '汇总数据的勾稽检查',
  rollupOk: '汇总数据勾稽关系正确。',
  formats: { html: '网页（打印）', docx: 'Word', text: '纯文本', json: 'report.json' } as Record<
    string,
    string
  >,
};

/** Importing last year's report from its published text, on the form. */
export const IMPORT_WEB_COPY = {
  offer: (year: number) =>
    `${year} 年度的报告已经在网上公开了？导入它，今年的“上年结转”和同比检查就有了依据。`,
  offerLink: (year: number) => `导入 ${year} 年度报告`,
  title: (year: number) => `导入 ${year} 年度已公开的报告`,
  how: '选择在政府网站公开的报告文件（网页 .html、Word .docx、PDF 或 .txt），或把报告全文粘贴到下面：网页上复制的文字、PDF 或 Word 里复制出来的文字都可以。先看读出了什么，确认后才保存。',
  file: '报告文件',
  field: '或粘贴报告全文',
  read: '读取',
  previewTitle: (year: number) => `从文字中读出的 ${year} 年度报告`,
  heading: (name: string, year: number | null) =>
    `标题：${name || '（没读出单位名称）'}${year ? ` ${year} 年度` : ''}`,
  tables: { s2: '表二 主动公开', s3: '表三 依申请公开', s4: '表四 复议诉讼' } as Record<string, string>,
  tableRead: (label: string, read: number, of: number) => `${label}：读出 ${read} / ${of} 项`,
  textsRead: (n: number) => `文字部分：读出 ${n} 段`,
  missing: (n: number, labels: readonly string[]) =>
    `以下 ${n} 项没能读出，导入后按 0 显示：${labels.join('、')}${n > labels.length ? ' 等' : ''}`,
  ambiguous: (label: string, candidates: readonly number[]) => `${label}：可能是 ${candidates.join(' 或 ')}`,
  ambiguousTitle: '这些数字连在一起，读法不止一种，没有读入：',
  notesTitle: '读取时的说明：',
  confirm: (year: number) => `确认导入为 ${year} 年度报告`,
  again: '重新粘贴',
  back: '返回填报',
  done: (year: number, read: number) =>
    `已导入 ${year} 年度报告（读出 ${read} 项数字）。今年的“上年结转”和同比检查会以它为准。`,
  exists: (year: number) => `本单位已有 ${year} 年度报告，不用导入。`,
  empty: '没有读出报告的内容：请选择报告文件，或粘贴报告全文。',
  conflict: '保存时有人同时改动了这份报告，请再试一次。',
};

/** Why a chosen file was not read (the form's import screen and the audit). */
export const FILE_COPY = {
  unreadable: (name: string, reason: 'pdf' | 'doc' | 'type' | 'damaged' | 'empty') =>
    ({
      pdf: `「${name}」是 PDF，要在浏览器里读出文字：请直接选择这个 PDF（不要放在压缩包里），浏览器太旧读不了时，打开 PDF 复制全部文字粘贴到下面。`,
      doc: `「${name}」是旧版 Word 文件（.doc/.wps），请用 Word 或 WPS 另存为 .docx 后再选择。`,
      type: `「${name}」不是能读取的报告文件：请选择 .txt、.html、.docx 或 .pdf（核查时也可以是它们的 .zip 压缩包）。`,
      damaged: `「${name}」打不开，文件可能已损坏：请重新下载后再试。`,
      empty: `「${name}」是空的，没有内容可读。`,
    })[reason],
  pdfReading: (name: string) => `正在读取「${name}」中的文字…`,
  pdfFailed: (name: string) =>
    `「${name}」读不出文字（可能是扫描件或已加密）：请打开它复制全部文字粘贴到下面。`,
};

/** The supervisor's audit of reports the bodies already published. */
export const AUDIT_COPY = {
  link: '核查已公开的报告',
  title: (year: number) => `核查 ${year} 年度已公开的报告`,
  how: '选择各单位已公开的报告文件（.txt、.html、Word .docx 或 PDF，可多选，也可以是它们的 .zip 压缩包），或把一份报告全文粘贴到下面。每份报告按标题里的单位名称对应到您管理范围内的单位，读出数字、检查勾稽关系；该单位这一年度还没有报告的，就保存为它的报告。',
  files: '报告文件',
  paste: '或粘贴一份报告全文',
  submit: '读取并核查',
  back: '返回看板',
  resultTitle: (year: number, n: number) => `${year} 年度：读取了 ${n} 份报告`,
  columns: ['文件', '标题中的单位', '对应单位', '读出数字', '错误', '提醒', '结果'],
  outcomes: {
    kept: '已保存为该单位的报告',
    unmatched: '没有找到同名单位，未保存',
    ambiguous: '有多个同名单位，未保存',
    exists: '该单位已有这一年度的报告，未覆盖',
    empty: '没有读出报告内容',
    conflict: '保存时有人同时改动，请重试',
  } as Record<string, string>,
  open: '查看',
  nothing: '没有收到报告：请选择文件或粘贴报告全文。',
  pasted: '粘贴的文字',
  assign: '指定单位',
  assignPlaceholder: '单位名称，如 松木塘镇',
  assignButton: '保存为该单位的报告',
  noSuchBody: (name: string) => `您管理的范围内没有名为「${name}」的单位（或有多个），未保存。`,
};
