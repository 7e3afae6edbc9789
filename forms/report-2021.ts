// The 2021 national format of the annual report (国办公开办函〔2021〕30号) as data: sections, tables,
// rows, columns, labels, canonical ids, who is asked what, and how the chat asks it. Every other part
// of the project (schema, checker, chat flow, web form, renderers) reads this through `defineForm`
// and lists no cell itself. A later format is a new file beside this one, added to the registry in
// index.ts; reports keep the version they were written in.
import { defineForm, type Form, type FormData } from './define';

export const DATA_2021 = {
  version: '2021',
  since: 2021,
  titleSuffix: '年政府信息公开工作年度报告',
  sections: [
    { id: 's1', no: '一', title: '总体情况' },
    { id: 's2', no: '二', title: '主动公开政府信息情况' },
    { id: 's3', no: '三', title: '收到和处理政府信息公开申请情况' },
    { id: 's4', no: '四', title: '政府信息公开行政复议、行政诉讼情况' },
    { id: 's5', no: '五', title: '存在的主要问题及改进情况' },
    { id: 's6', no: '六', title: '其他需要报告的事项' },
  ],

  // 一、总体情况: five free texts.
  s1: {
    parts: [
      {
        id: 'proactive',
        heading: '（一）主动公开',
        hint: '本年主动公开了哪些信息、通过什么渠道、共多少条，例如“累计主动公开信息 6 条，其中机构概况 1 条……”。',
      },
      {
        id: 'onRequest',
        heading: '（二）依申请公开',
        hint: '本年收到和办理政府信息公开申请的情况；没有收到申请，也请写明“本年度未收到政府信息公开申请”。',
      },
      {
        id: 'management',
        heading: '（三）政府信息管理',
        hint: '信息发布审核、保密审查、规范性文件清理、政策解读等管理工作。',
      },
      {
        id: 'platforms',
        heading: '（四）政府信息公开平台建设',
        hint: '政府网站、政务新媒体、公开专区、公示栏等平台的建设和发布情况。',
      },
      {
        id: 'oversight',
        heading: '（五）监督保障',
        hint: '组织领导、培训、考核、社会评议和责任追究等情况。',
      },
    ],
  },

  // 二、主动公开政府信息情况: four small tables titled by the article they report on.
  s2: {
    // Published reports print “/” or 不适用 where a body has no such power (规章 for a department,
    // 收费 for a township); the format keeps it apart from 0.
    notApplicable: true,
    tables: [
      {
        heading: '第二十条第（一）项',
        columnHeading: '信息内容',
        columns: [
          { key: 'issued', label: '本年制发件数' },
          { key: 'repealed', label: '本年废止件数' },
          { key: 'inForce', label: '现行有效件数' },
        ],
        rows: [
          // Only provincial governments and cities with districts may make 规章 (立法法): a township,
          // subdistrict or county department reports 0 by law and is not asked.
          { id: 'rules', label: '规章', askedOf: ['province', 'city', 'county'] },
          { id: 'normativeDocs', label: '行政规范性文件' },
        ],
      },
      {
        heading: '第二十条第（五）项',
        columnHeading: '信息内容',
        single: { label: '本年处理决定数量', kind: 'count' },
        rows: [{ id: 'licensing', label: '行政许可' }],
      },
      {
        heading: '第二十条第（六）项',
        columnHeading: '信息内容',
        single: { label: '本年处理决定数量', kind: 'count' },
        rows: [
          { id: 'penalties', label: '行政处罚' },
          { id: 'enforcement', label: '行政强制' },
        ],
      },
      {
        heading: '第二十条第（八）项',
        columnHeading: '信息内容',
        single: { label: '本年收费金额（单位：万元）', kind: 'amount' },
        rows: [{ id: 'fees', label: '行政事业性收费', hint: '单位为万元，可带小数，如 3.5；没有请填 0。' }],
      },
    ],
  },

  // 三、收到和处理政府信息公开申请情况: one table, seven columns.
  s3: {
    note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    columnHeading: '申请人情况',
    columns: [
      { id: 'natural', label: '自然人', short: '自然人' },
      { id: 'commercial', label: '商业企业', short: '商业企业', group: 'org' },
      { id: 'research', label: '科研机构', short: '科研机构', group: 'org' },
      { id: 'publicInterest', label: '社会公益组织', short: '社会公益组织', group: 'org' },
      { id: 'legal', label: '法律服务机构', short: '法律服务机构', group: 'org' },
      { id: 'otherOrg', label: '其他', short: '其他法人或组织', group: 'org' },
      { id: 'total', label: '总计', short: '总计', total: true },
    ],
    columnGroups: { org: '法人或其他组织' },
    resultsHeading: '三、本年度办理结果',
    groups: {
      withheld: '（三）不予公开',
      unavailable: '（四）无法提供',
      notProcessed: '（五）不予处理',
      other: '（六）其他处理',
    },
    rows: [
      { id: 'new', label: '一、本年新收政府信息公开申请数量', short: '新收', role: 'intake' },
      { id: 'carriedOver', label: '二、上年结转政府信息公开申请数量', short: '上年结转', role: 'intake' },
      { id: 'granted', label: '（一）予以公开', short: '予以公开', role: 'result' },
      {
        id: 'partial',
        label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
        short: '部分公开',
        role: 'result',
      },
      {
        id: 'withheld1',
        label: '1.属于国家秘密',
        short: '不予公开-国家秘密',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld2',
        label: '2.其他法律行政法规禁止公开',
        short: '不予公开-法律法规禁止',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld3',
        label: '3.危及“三安全一稳定”',
        short: '不予公开-危及三安全一稳定',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld4',
        label: '4.保护第三方合法权益',
        short: '不予公开-保护第三方权益',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld5',
        label: '5.属于三类内部事务信息',
        short: '不予公开-内部事务信息',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld6',
        label: '6.属于四类过程性信息',
        short: '不予公开-过程性信息',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld7',
        label: '7.属于行政执法案卷',
        short: '不予公开-行政执法案卷',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'withheld8',
        label: '8.属于行政查询事项',
        short: '不予公开-行政查询事项',
        role: 'result',
        group: 'withheld',
      },
      {
        id: 'unavailable1',
        label: '1.本机关不掌握相关政府信息',
        short: '无法提供-本机关不掌握',
        role: 'result',
        group: 'unavailable',
      },
      {
        id: 'unavailable2',
        label: '2.没有现成信息需要另行制作',
        short: '无法提供-需另行制作',
        role: 'result',
        group: 'unavailable',
      },
      {
        id: 'unavailable3',
        label: '3.补正后申请内容仍不明确',
        short: '无法提供-补正后仍不明确',
        role: 'result',
        group: 'unavailable',
      },
      {
        id: 'notProcessed1',
        label: '1.信访举报投诉类申请',
        short: '不予处理-信访举报投诉',
        role: 'result',
        group: 'notProcessed',
      },
      {
        id: 'notProcessed2',
        label: '2.重复申请',
        short: '不予处理-重复申请',
        role: 'result',
        group: 'notProcessed',
      },
      {
        id: 'notProcessed3',
        label: '3.要求提供公开出版物',
        short: '不予处理-公开出版物',
        role: 'result',
        group: 'notProcessed',
      },
      {
        id: 'notProcessed4',
        label: '4.无正当理由大量反复申请',
        short: '不予处理-大量反复申请',
        role: 'result',
        group: 'notProcessed',
      },
      {
        id: 'notProcessed5',
        label: '5.要求行政机关确认或重新出具已获取信息',
        short: '不予处理-要求确认或重新出具',
        role: 'result',
        group: 'notProcessed',
      },
      {
        id: 'other1',
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        short: '其他处理-逾期不补正',
        role: 'result',
        group: 'other',
      },
      {
        id: 'other2',
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        short: '其他处理-逾期未缴费',
        role: 'result',
        group: 'other',
      },
      { id: 'other3', label: '3.其他', short: '其他处理-其他', role: 'result', group: 'other' },
      { id: 'total', label: '（七）总计', short: '办理结果合计', role: 'total' },
      { id: 'carryForward', label: '四、结转下年度继续办理', short: '结转下年度', role: 'carryForward' },
    ],
  },

  // 四、政府信息公开行政复议、行政诉讼情况: three groups of five.
  s4: {
    groups: [
      { id: 'review', label: '行政复议', short: '行政复议', heading: '行政复议' },
      {
        id: 'suitDirect',
        label: '未经复议直接起诉',
        short: '行政诉讼（未经复议直接起诉）',
        heading: '行政诉讼',
      },
      {
        id: 'suitAfterReview',
        label: '复议后起诉',
        short: '行政诉讼（复议后起诉）',
        heading: '行政诉讼',
      },
    ],
    fields: [
      { id: 'upheld', label: '结果维持' },
      { id: 'corrected', label: '结果纠正' },
      { id: 'other', label: '其他结果' },
      { id: 'pending', label: '尚未审结' },
      { id: 'total', label: '总计', total: true },
    ],
  },

  // 五、六: free text.
  s5: { hint: '本年发现的主要问题、改进措施，以及上年问题的整改情况。' },
  s6: {
    hint: '须说明信息处理费的收取情况（没有收取请写“本年度，本机关未收取信息处理费。”）；可写人大代表建议和政协提案办理、年度工作要点落实等。',
    noFees: '本年度，本机关未收取信息处理费。',
  },

  ask: {
    s3Rows: {
      new: '本年新收的申请有多少件？',
      carriedOver: '上年结转（去年没办完）的申请有多少件？',
      carryForward: '结转下年度继续办理（年底还没办完）的有多少件？',
    },
    commonResults: ['granted', 'partial', 'unavailable1'],
  },
} as const satisfies FormData;

/** The data as written, for the report type derived from it (model.ts). */
export type Data2021 = typeof DATA_2021;

export const FORM_2021: Form = defineForm(DATA_2021);
