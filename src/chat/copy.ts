// Every sentence the chat bot says outside the filling flow (joining, commands, supervision,
// notifications), in one place. The flow's own questions are in src/engine/copy.ts.

/** What a webhook answers when it refuses a request (read by the platform's logs and its admins). */
export const HOOK_COPY = {
  badSignature: '签名校验失败，请求被拒绝',
  staleRequest: '请求时间戳过旧或不正确，请求被拒绝',
  badUpdate: '无法识别的消息格式',
  notJson: '请求体不是有效的 JSON',
  notConfigured: (platform: string) =>
    `${platform}接入的设置不完整，暂不能使用。请管理员补全设置（/healthz 列出缺少的项）。`,
};

const ROLE_NAMES = { official: '填报人', supervisor: '上级管理人员', admin: '管理员' } as const;

export const CHAT_COPY = {
  roleName: (role: keyof typeof ROLE_NAMES) => ROLE_NAMES[role],
  stranger:
    '您好，这里是政府信息公开工作年度报告填报助手。\n您还没有绑定单位：请向上级（县政务公开办）索取邀请码，然后发送「/start 邀请码」，例如 /start ABCD2345。',
  inviteMissing: '请在 /start 后面加上邀请码，例如 /start ABCD2345。',
  inviteUnknown: '这个邀请码不存在，请核对后重新发送（注意区分字母和数字）。',
  inviteUsed: '这个邀请码已经用过了。每个邀请码只能用一次，请向上级重新索取。',
  inviteExpired: '这个邀请码已过期，请向上级重新索取。',
  joined: (org: string, role: keyof typeof ROLE_NAMES) => `绑定成功！您是「${org}」的${ROLE_NAMES[role]}。`,
  alreadyBound: (org: string, role: keyof typeof ROLE_NAMES) =>
    `您已绑定「${org}」（${ROLE_NAMES[role]}），不需要再用邀请码。要在其他聊天软件上使用同一账号，请发送 /bind 获取绑定码。`,
  bindCode: (code: string, days: number) =>
    `您的个人绑定码：${code}\n在其他聊天软件（如企业微信、钉钉、飞书）中向本助手发送「/start ${code}」，即可绑定到同一账号，草稿共用。${days} 天内有效，只能用一次。`,
  officialHelp: (year: number) =>
    [
      '可用的命令：',
      `/fill（填报）开始或继续填写 ${year} 年度报告；/fill 2024 填写指定年度`,
      '/back（上一步） /skip（跳过） /edit 三（修改第三部分）',
      '/review（查看）汇总和问题检查；/submit（提交）',
      '/link 在手机浏览器中继续填写；/cancel（取消）暂停填写，草稿会保存',
      `/import（导入去年报告）把 ${year - 1} 年度已公开的报告导入，结转数和同比检查就有了依据`,
    ].join('\n'),
  supervisorHelp: [
    '上级管理命令：',
    '/status [年度]（进度）各单位填报情况',
    '/missing（未交）还没提交的单位',
    '/report 单位名（报告）查看某单位的报告',
    '/invite 单位名 [official|supervisor]（邀请）生成邀请码',
    '/addunit 单位名 [乡镇|街道|部门] [全称]（新增单位）',
    '/remind（提醒）提醒还没提交的单位',
    '/dashboard（看板）打开网页看板：退回、汇总、导出',
    '/stats [年度]（统计）全辖区主要数字和数据统计页',
  ].join('\n'),
  startButton: '开始填报',
  startFilling: (org: string, year: number) =>
    `开始填写「${org}」${year} 年度报告。一次只问一个问题，随时可以发 /back 返回上一步。`,
  resumeFilling: (org: string, year: number) =>
    `继续填写「${org}」${year} 年度报告，草稿已保存到上次的位置。`,
  badYear: (max: number) => `年度请写四位数字，2008 到 ${max} 之间，例如 /fill ${max}。`,
  alreadySubmitted: (year: number, at: string, url: string) =>
    `${year} 年度报告已于 ${at} 提交。\n查看和打印：${url}\n如需修改，点「重新修改」后改完再次提交（上级会收到通知）。`,
  reopenButton: '重新修改',
  reopened: (year: number) => `${year} 年度报告已重新打开，改完请再次提交。`,
  notFilling: '您现在没有在填写报告。发送 /fill 开始或继续填写。',
  cancelled: '已暂停填写，草稿已保存。发送 /fill 可以从这里继续。',
  importAsk: (year: number, url: string) =>
    `请把 ${year} 年度已在网上公开的报告发给我：\n` +
    `· 直接发送报告文件：Word（.docx）、网页（.html）或文字（.txt）；\n` +
    `· 或者复制报告全文粘贴过来，太长可以分几条发，发完回复「读取」。\n` +
    `先看读出了什么，确认后才保存。PDF 文件请在手机浏览器里打开这个链接导入：\n${url}\n回复「取消」放弃导入。`,
  importGot: (parts: number, chars: number) =>
    `已收到第 ${parts} 段（共 ${chars} 字）。还有就继续粘贴，发完回复「读取」。`,
  importFull: (max: number) =>
    `已收到的内容超过 ${max / 10_000} 万字，这一段没有收下。回复「读取」读取已收到的部分，或回复「取消」重来。`,
  importNothing: '还没有收到报告内容：请粘贴报告全文，或直接发送报告文件。回复「取消」放弃导入。',
  importEmpty:
    '没有从收到的内容里读出报告（找不到报告标题、章节或表格），已清空。请重新粘贴报告全文或发送文件，或回复「取消」。',
  importRead: (heading: string, lines: readonly string[], year: number) =>
    `读取到：${heading}\n${lines.join('\n')}\n\n回复「确认」保存为本单位 ${year} 年度报告；回复「取消」放弃。`,
  importHeading: (name: string, year: number) => `${name || '（没读出单位名称）'} ${year} 年度报告`,
  importNotes: (notes: readonly string[]) => `读取时的说明：${notes.join('；')}`,
  importTable: (label: string, read: number, of: number) => `${label}：读出 ${read} / ${of} 项`,
  importTables: { s2: '表二 主动公开', s3: '表三 依申请公开', s4: '表四 复议诉讼' } as Record<string, string>,
  importTexts: (n: number) => `文字部分：读出 ${n} 段`,
  importMissing: (n: number, labels: readonly string[]) =>
    `以下 ${n} 项没能读出，导入后按 0 显示：${labels.join('、')}${n > labels.length ? ' 等' : ''}`,
  importAmbiguous: (items: readonly string[]) =>
    `这些数字连在一起，读法不止一种，没有读入：${items.join('；')}`,
  importAmbiguousItem: (label: string, candidates: readonly number[]) =>
    `${label} 可能是 ${candidates.join(' 或 ')}`,
  importConfirmButton: '确认',
  importCancelButton: '取消',
  importWaiting: '请回复「确认」保存读出的报告，或回复「取消」放弃；要换一份，先回复「取消」再重新发送。',
  importDone: (year: number, read: number) =>
    `已导入 ${year} 年度报告（读出 ${read} 项数字）。今年的“上年结转”和同比检查会以它为准。发送 /fill 继续填报。`,
  importCancelled: '已取消导入，什么也没有保存。',
  importConflict: '保存时有人同时改动了这份报告，请回复「确认」再试一次。',
  fileTooBig: (name: string, mb: number) =>
    `「${name}」超过 ${mb} MB，太大了：请发送报告本身，或复制全文粘贴过来。`,
  fileFailed: (name: string) => `「${name}」没有下载成功，请再发送一次。`,
  fileUnreadable: (name: string, reason: 'pdf' | 'doc' | 'type' | 'damaged' | 'empty', url: string) =>
    ({
      pdf: `「${name}」是 PDF，在聊天里读不了：请在手机浏览器里打开这个链接导入 PDF，或复制其中的全文粘贴过来：\n${url}`,
      doc: `「${name}」是旧版 Word 文件（.doc/.wps），请用 Word 或 WPS 另存为 .docx 后再发送，或复制全文粘贴过来。`,
      type: `「${name}」不是能读取的报告文件：请发送 .docx、.html 或 .txt 文件，或复制全文粘贴过来。`,
      damaged: `「${name}」打不开，文件可能已损坏：请重新下载后再发送。`,
      empty: `「${name}」是空的，没有内容可读。`,
    })[reason],
  fileNotImporting:
    '收到了文件。要导入去年已公开的报告，请先发送 /import（导入去年报告）；正在填报的话，请继续回答上面的问题。',
  importHas: (year: number) => `本单位已有 ${year} 年度报告，不用导入。`,
  linkReady: (url: string) =>
    `在手机浏览器中打开下面的链接，可以看到整张表并继续填写（与聊天中的是同一份草稿）：\n${url}\n链接 14 天内有效，请勿转发给他人。`,
  submitted: (org: string, year: number, url: string, notified: number) =>
    `「${org}」${year} 年度报告已提交。\n查看和打印：${url}\n${notified > 0 ? `已通知 ${notified} 位上级。` : '没有找到需要通知的上级，请自行告知。'}`,
  supervisorsOnly: '这个命令只有上级管理人员可以使用。',
  statusTitle: (year: number, total: number) => `【${year} 年度填报情况】共 ${total} 个单位`,
  statusCounts: (submitted: number, drafting: number, returned: number, notStarted: number) =>
    `已提交 ${submitted} · 填报中 ${drafting} · 已退回 ${returned} · 未开始 ${notStarted}`,
  statusGroup: (label: string, count: number, names: readonly string[]) =>
    `${label}（${count}）：${names.join('、')}`,
  andMore: (n: number) => `等另外 ${n} 个`,
  seeDashboard: '完整列表、退回和汇总请发送 /dashboard 打开看板。',
  statusLabels: { submitted: '已提交', draft: '填报中', returned: '已退回', none: '未开始' },
  noBodies: '您管理的范围内还没有下级单位。',
  allSubmitted: (year: number) => `${year} 年度所有单位都已提交。`,
  missingTitle: (year: number, n: number) => `【${year} 年度还未提交的单位】${n} 个`,
  reportWhich: '请写单位名称，例如 /report 白营镇。',
  reportNotFound: (name: string) => `在您管理的范围内没有找到「${name}」。`,
  howToAdd: (name: string) =>
    `如果这是新的单位，请先新增：/addunit ${name} 乡镇（或 街道、部门），也可以在看板中新增，然后再发送 /invite ${name}。`,
  addUnitHow:
    '请写单位名称和类型，例如 /addunit 白营镇 乡镇，或 /addunit 财政局 部门；可以在最后加上单位全称。',
  addUnitKind: (name: string, words: readonly string[]) =>
    `请写明「${name}」的类型：/addunit ${name} ${words[0]}${words.length > 1 ? `（或 ${words.slice(1).join('、')}）` : ''}。`,
  addUnitNone: '您所在的单位下不能再新增下级单位。',
  addUnitExists: (name: string) => `「${name}」已经在您管理的范围内了。发送 /invite ${name} 可以生成邀请码。`,
  addUnitDone: (name: string, kind: string, fullName: string) =>
    `已新增${kind}「${name}」（报告标题用的全称：${fullName}）。\n发送 /invite ${name} 生成填报人的邀请码。`,
  kindNames: {
    province: '省级单位',
    city: '市',
    county: '县（区）',
    township: '乡镇',
    subdistrict: '街道',
    department: '部门',
  } as Record<string, string>,
  reportAmbiguous: (names: readonly string[]) => `找到多个单位，请写完整名称：${names.join('、')}`,
  reportNotSubmitted: (org: string, year: number, status: string) =>
    `「${org}」${year} 年度报告还没有提交（${status}）。`,
  reportLink: (org: string, year: number, url: string) => `「${org}」${year} 年度报告：\n${url}`,
  inviteWhich: '请写单位名称，例如 /invite 白营镇 或 /invite 白营镇 supervisor。',
  inviteRole: '角色只能是 official（填报人）或 supervisor（上级管理人员）。',
  inviteCreated: (org: string, role: keyof typeof ROLE_NAMES, code: string, expires: string, url: string) =>
    `已为「${org}」生成${ROLE_NAMES[role]}邀请码：${code}\n请对方向本助手发送「/start ${code}」，或在手机浏览器中打开：${url}\n有效期至 ${expires}，只能用一次。`,
  unsupported: '目前只能处理文字消息，请直接输入文字。',
  privateOnly: '为保护报告和链接，请在与本助手的单独对话（私聊）中使用，不要在群里使用。',
  busy: '刚才有别的修改同时进行，请再发一次。',
  changedMeanwhile: (now: string) =>
    `这一项刚刚在别处（网页或另一台设备）被改成了「${now}」，为免覆盖，你刚才的回答没有记下。如仍要修改，请再回答一次。`,
  emptyValue: '空',
};

export const REMIND_CHAT_COPY = {
  sent: (people: number, bodies: number, before: number) =>
    `已提醒 ${bodies} 个单位的 ${people} 位填报人。${before ? `另有 ${before} 位今天已提醒过，不再重复。` : ''}`,
  queued: (bodies: number) => `正在提醒 ${bodies} 个单位的填报人（今天已提醒过的不再重复），几分钟内发完。`,
  alreadyToday: (people: number) =>
    `今天已提醒过这些单位的 ${people} 位填报人，每人每天最多提醒一次，明天可以再提醒。`,
  nobodyBound:
    '没有可以提醒的人：还没提交的单位都还没有填报人绑定（或已关闭提醒）。请发送 /invite 单位名 生成邀请码发给他们。',
  dashboard: (url: string) => `看板（7 天内有效，请勿转发）：\n${url}`,
  stats: (year: number, lines: readonly string[], url: string) =>
    [
      `【${year} 年度全辖区主要数字】`,
      ...lines,
      `图表、各单位对比和需要关注的单位（7 天内有效，请勿转发）：`,
      url,
    ].join('\n'),
  statsSubmitted: (submitted: number, all: number) => `已提交：${submitted}/${all} 个单位`,
  statsFigure: (name: string, value: string, change?: string) =>
    `${name}：${value}${change ? `（比上年 ${change}）` : ''}`,
  statsNone: (year: number) => `${year} 年度还没有单位提交报告，暂无统计数字。`,
};
