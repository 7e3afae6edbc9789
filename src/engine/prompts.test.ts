// What the official sees for each question and at the review: the heading and progress, the
// question, the current value, the buttons (each tagged with its question), and a review that never
// says "ready" while something is blank.
import { describe, expect, it } from 'vitest';
import { emptyReport, setCell, setText } from '../../forms/model';
import { defineForm, type FormData } from '../../forms/define';
import { DATA_2021, FORM_2021 as F } from '../../forms/report-2021';
import { checkReport, type Finding } from './check';
import { newDraft, setCells, toReport, type Draft } from './draft';
import { plan, type Step } from './plan';
import { renderChoose, renderReview, renderRuleBroken, renderStep, textNoted } from './prompts';
import type { Button } from './reply';

type Number = Extract<Step, { kind: 'number' }>;
type Text = Extract<Step, { kind: 'text' }>;
type Choose = Extract<Step, { kind: 'choose' }>;

const township = (flow: Draft['flow'] = {}) => {
  const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
  draft.flow = flow;
  return draft;
};
const stepOf = <S extends Step>(draft: Draft, id: string, previous?: object) =>
  plan({ form: F, draft, kind: 'township', previous: previous as never }).find((s) => s.id === id) as S;
const p = { done: 3, total: 170 };

/** Buttons as [label, data]; every button must carry the question it belongs to. */
function pressable(buttons: Button[][] | undefined, step: { id: string; name: string }) {
  for (const b of buttons!.flat()) expect(b.step).toEqual(step);
  return buttons!.map((row) => row.map((b) => [b.label, b.data]));
}

describe('a text question', () => {
  it('asks with the hint, and offers 跳过 and 上一步 while it is empty', () => {
    const draft = township();
    const step = stepOf<Text>(draft, 's1.proactive');
    const reply = renderStep(F, step, draft, p);
    expect(reply.text).toBe(
      '【一、总体情况 · （一）主动公开】（已填 3/170 项）\n' +
        '请填写这一部分。本年主动公开了哪些信息、通过什么渠道、共多少条，例如“累计主动公开信息 6 条，其中机构概况 1 条……”。\n' +
        '可以分几条消息发送，写完点「下一项」。',
    );
    expect(pressable(reply.buttons, { id: 's1.proactive', name: '（一）主动公开' })).toEqual([
      [
        ['跳过', '跳过'],
        ['上一步', '上一步'],
      ],
    ]);
  });

  it('shows what is written and offers to keep it or start again', () => {
    const draft = township();
    setText(draft.report, 's5', '公开形式单一。');
    const reply = renderStep(F, stepOf<Text>(draft, 's5'), draft, { done: 1, total: 170 });
    expect(reply.text).toBe(
      '【五、存在的主要问题及改进情况】（已填 1/170 项）\n' +
        '请填写这一部分。本年发现的主要问题、改进措施，以及上年问题的整改情况。\n可以分几条消息发送，写完点「下一项」。\n' +
        '当前内容：\n公开形式单一。\n\n继续发送可以追加；点「下一项」保留现有内容。',
    );
    expect(pressable(reply.buttons, { id: 's5', name: '五、存在的主要问题及改进情况' })).toEqual([
      [
        ['下一项', '下一项'],
        ['清空重写', '清空重写'],
      ],
      [['上一步', '上一步']],
    ]);
  });

  it('offers section 六 the standard sentence on fees', () => {
    const draft = township();
    const reply = renderStep(F, stepOf<Text>(draft, 's6'), draft, p);
    expect(pressable(reply.buttons, { id: 's6', name: '六、其他需要报告的事项' })).toEqual([
      [['本年度未收取信息处理费', '本年度，本机关未收取信息处理费。']],
      [
        ['跳过', '跳过'],
        ['上一步', '上一步'],
      ],
    ]);
  });

  it('after a text is sent: noted, with how to go on, and what happened before it', () => {
    const step = stepOf<Text>(township(), 's1.management');
    const expected = [
      [
        ['下一项', '下一项'],
        ['清空重写', '清空重写'],
      ],
      [['上一步', '上一步']],
    ];
    const noted = textNoted(step);
    expect(noted.text).toBe('已记下。还有要补充的请继续发送；写完了点「下一项」。');
    expect(pressable(noted.buttons, { id: 's1.management', name: '（三）政府信息管理' })).toEqual(expected);
    expect(textNoted(step, '原来写的是「无」，已换成这段文字。').text).toBe(
      '原来写的是「无」，已换成这段文字。\n已记下。还有要补充的请继续发送；写完了点「下一项」。',
    );
  });
});

describe('a number question', () => {
  it('asks a table 二 figure with 0, 「本节其余为0」 and the way on', () => {
    const draft = township();
    const reply = renderStep(F, stepOf<Number>(draft, 's2.licensing'), draft, { done: 0, total: 170 });
    expect(reply.text).toBe('【二、主动公开政府信息情况】（已填 0/170 项）\n行政许可：本年处理决定数量');
    expect(pressable(reply.buttons, { id: 's2.licensing', name: '行政许可·本年处理决定数量' })).toEqual([
      [
        ['0', '0'],
        ['不适用', '不适用'],
      ],
      [['本节其余为0', '本节其余为0']],
      [
        ['跳过', '跳过'],
        ['上一步', '上一步'],
      ],
    ]);
  });

  it('shows the figure given and offers to keep it', () => {
    const draft = township();
    setCells(F, draft, { 's2.penalties': 5 });
    const reply = renderStep(F, stepOf<Number>(draft, 's2.penalties'), draft, p);
    expect(reply.text).toBe(
      '【二、主动公开政府信息情况】（已填 3/170 项）\n行政处罚：本年处理决定数量\n（当前填的是 5，回复新的数字可修改）',
    );
    expect(pressable(reply.buttons, { id: 's2.penalties', name: '行政处罚·本年处理决定数量' })[0]).toEqual([
      ['保持不变（5）', '下一项'],
      ['0', '0'],
      ['不适用', '不适用'],
    ]);
    setCells(F, draft, { 's2.penalties': 0 });
    const zero = renderStep(F, stepOf<Number>(draft, 's2.penalties'), draft, p);
    expect(zero.buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['保持不变（0）', '下一项'],
      ['不适用', '不适用'],
    ]);
  });

  it('shows 不适用 as the answer given, and offers 0 instead of it again', () => {
    const draft = township();
    setCells(F, draft, { 's2.licensing': '/' });
    const reply = renderStep(F, stepOf<Number>(draft, 's2.licensing'), draft, p);
    expect(reply.text).toBe(
      '【二、主动公开政府信息情况】（已填 3/170 项）\n行政许可：本年处理决定数量\n（当前填的是 不适用，回复新的数字可修改）',
    );
    expect(reply.buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['保持不变（不适用）', '下一项'],
      ['0', '0'],
    ]);
  });

  it('offers no 不适用 for table 三 or 四, where every figure applies', () => {
    const draft = township({ s3Any: true, s3Columns: [0], s4Any: true, s4Groups: ['review'] });
    for (const id of ['s3.new[0]', 's4.review.upheld']) {
      const reply = renderStep(F, stepOf<Number>(draft, id), draft, p);
      expect(reply.buttons!.flat().map((b) => b.label)).not.toContain('不适用');
    }
  });

  it('asks a fee in 万元 and shows it as an amount', () => {
    const draft = township();
    const step = stepOf<Number>(draft, 's2.fees');
    expect(renderStep(F, step, draft, p).text).toBe(
      '【二、主动公开政府信息情况】（已填 3/170 项）\n行政事业性收费：本年收费金额（单位：万元）\n单位：万元，可带小数；按元填写请带“元”。',
    );
    setCells(F, draft, { 's2.fees': 0.1 + 0.2 });
    const reply = renderStep(F, step, draft, p);
    expect(reply.text).toContain('\n（当前填的是 0.3，回复新的数字可修改）');
    expect(reply.buttons![0]!.map((b) => b.label)).toEqual(['保持不变（0.3）', '0', '不适用']);
  });

  it('asks table 三 per applicant, without 「本节其余为0」', () => {
    const draft = township({ s3Any: true, s3Columns: [0] });
    const reply = renderStep(F, stepOf<Number>(draft, 's3.new[0]'), draft, p);
    expect(reply.text).toBe(
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 3/170 项）\n本年新收的申请有多少件？',
    );
    expect(pressable(reply.buttons, { id: 's3.new[0]', name: '新收·自然人' })).toEqual([
      [['0', '0']],
      [
        ['跳过', '跳过'],
        ['上一步', '上一步'],
      ],
    ]);
  });

  it('offers last year’s carry-forward as this year’s carry-over', () => {
    const previous = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    setCell(previous, F.cellByPath.get('s3.carryForward[0]')!, 2);
    const draft = township({ s3Any: true, s3Columns: [0, 1] });
    const step = stepOf<Number>(draft, 's3.carriedOver[0]', previous);
    const reply = renderStep(F, step, draft, p);
    expect(reply.text).toBe(
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 3/170 项）\n上年结转（去年没办完）的申请有多少件？\n' +
        '上年报告“结转下年度”为 2 件，通常本年“上年结转”就是这个数。',
    );
    expect(reply.buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['2（与上年结转一致）', '2'],
      ['0', '0'],
    ]);
    // Last year's was 0: its button is the 0.
    const zero = stepOf<Number>(draft, 's3.carriedOver[1]', previous);
    expect(renderStep(F, zero, draft, p).buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['0（与上年结转一致）', '0'],
    ]);
    // Already given as suggested: keep it, and 0.
    setCells(F, draft, { 's3.carriedOver[0]': 2 });
    const kept = renderStep(F, step, draft, p);
    expect(kept.text).toContain('（当前填的是 2，回复新的数字可修改）\n上年报告“结转下年度”为 2 件');
    expect(kept.buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['保持不变（2）', '下一项'],
      ['0', '0'],
    ]);
  });

  it('offers the carry-forward the balance implies', () => {
    const draft = township({ s3Any: true, s3Columns: [0], s3Rows: ['granted'] });
    setCells(F, draft, { 's3.new[0]': 5, 's3.carriedOver[0]': 0, 's3.granted[0]': 2 });
    const reply = renderStep(F, stepOf<Number>(draft, 's3.carryForward[0]'), draft, p);
    expect(reply.text).toBe(
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 3/170 项）\n结转下年度继续办理（年底还没办完）的有多少件？\n' +
        '按“新收 + 上年结转 − 办理结果”推算为 3 件。',
    );
    expect(reply.buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['3（按推算）', '3'],
      ['0', '0'],
    ]);
  });

  it('asks table 四 per group, with 「本节其余为0」', () => {
    const draft = township({ s4Any: true, s4Groups: ['review'] });
    const reply = renderStep(F, stepOf<Number>(draft, 's4.review.pending'), draft, p);
    expect(reply.text).toBe(
      '【四、政府信息公开行政复议、行政诉讼情况 · 行政复议】（已填 3/170 项）\n尚未审结的有多少件？',
    );
    expect(reply.buttons!.map((row) => row.map((b) => b.data))).toEqual([
      ['0'],
      ['本节其余为0'],
      ['跳过', '上一步'],
    ]);
  });
});

describe('a yes/no question', () => {
  it('asks about applications, saying when last year carried some over', () => {
    const draft = township();
    const gate = stepOf<Step>(draft, 's3.any') as Exclude<Step, Choose>;
    const reply = renderStep(F, gate, draft, p);
    expect(reply.text).toBe(
      '【三、收到和处理政府信息公开申请情况】（已填 3/170 项）\n本年是否收到政府信息公开申请，或有上年结转、还没办完的申请？',
    );
    expect(pressable(reply.buttons, { id: 's3.any', name: '是否收到申请' })).toEqual([
      [
        ['是', '是'],
        ['否', '否'],
      ],
      [['上一步', '上一步']],
    ]);
    expect(renderStep(F, { ...gate, kind: 'gate', id: 's3.any', carried: 2 }, draft, p).text).toBe(
      '【三、收到和处理政府信息公开申请情况】（已填 3/170 项）\n本年是否收到政府信息公开申请，或有上年结转、还没办完的申请？\n' +
        '上年报告结转下年度 2 件，所以请选「是」。',
    );
    expect(renderStep(F, { ...gate, kind: 'gate', id: 's3.any', carried: 0 }, draft, p).text).not.toContain(
      '上年报告',
    );
  });

  it('asks about cases', () => {
    const draft = township();
    const gate = stepOf<Step>(draft, 's4.any') as Exclude<Step, Choose>;
    const reply = renderStep(F, gate, draft, p);
    expect(reply.text).toBe(
      '【四、政府信息公开行政复议、行政诉讼情况】（已填 3/170 项）\n本年是否有涉及政府信息公开的行政复议或行政诉讼案件（含上年未审结的）？',
    );
    expect(pressable(reply.buttons, { id: 's4.any', name: '是否有复议诉讼' })[0]).toEqual([
      ['是', '是'],
      ['否', '否'],
    ]);
  });
});

describe('a multiple choice', () => {
  it('lists every choice with its box, ticks with buttons, and answers with 「选好了」', () => {
    const draft = township({ s3Any: true });
    const step = stepOf<Choose>(draft, 's3.columns');
    const reply = renderChoose(F, step, p, [2]);
    expect(reply.text).toBe(
      [
        '【三、收到和处理政府信息公开申请情况】（已填 3/170 项）',
        '申请人有哪些类型？',
        '可以选多项：点选项打勾（再点取消），选好了点「选好了」；也可以直接回复编号，多个用逗号隔开，如 1,3。',
        '☐ 1. 自然人\n☑ 2. 商业企业\n☐ 3. 科研机构\n☐ 4. 社会公益组织\n☐ 5. 法律服务机构\n☐ 6. 其他法人或组织',
        '已勾选：商业企业',
      ].join('\n'),
    );
    expect(pressable(reply.buttons, { id: 's3.columns', name: '申请人类型' })).toEqual([
      [
        ['☐ 1. 自然人', '选 1'],
        ['☑ 2. 商业企业', '选 2'],
      ],
      [
        ['☐ 3. 科研机构', '选 3'],
        ['☐ 4. 社会公益组织', '选 4'],
      ],
      [
        ['☐ 5. 法律服务机构', '选 5'],
        ['☐ 6. 其他法人或组织', '选 6'],
      ],
      [['选好了（1 项）', '选好了']],
      [['上一步', '上一步']],
    ]);
    const toggles = reply.buttons!.flat().filter((b) => b.toggle);
    expect(toggles.map((b) => b.data)).toEqual(['选 1', '选 2', '选 3', '选 4', '选 5', '选 6', '选好了']);
  });

  it('offers the common outcomes as buttons, and any other once ticked', () => {
    const draft = township({ s3Any: true, s3Columns: [0] });
    const step = stepOf<Choose>(draft, 's3.rows');
    const none = renderChoose(F, step, p, []);
    expect(none.text).toContain('\n办理结果有哪些（含上年结转的申请）？\n');
    expect(none.text).toContain('\n☐ 11. 无法提供-本机关不掌握\n');
    expect(none.text).toMatch(/☐ 21\. 其他处理-其他$/);
    expect(none.buttons!.map((row) => row.map((b) => b.data))).toEqual([
      ['选 1', '选 2'],
      ['选 11'],
      ['选好了'],
      ['上一步'],
    ]);
    expect(none.buttons![2]![0]!.label).toBe('选好了');
    const some = renderChoose(F, step, p, [1, 3]);
    expect(some.buttons!.map((row) => row.map((b) => b.label))).toEqual([
      ['☑ 1. 予以公开', '☐ 2. 部分公开'],
      ['☑ 3. 不予公开-国家秘密', '☐ 11. 无法提供-本机关不掌握'],
      ['选好了（2 项）'],
      ['上一步'],
    ]);
    expect(some.text).toMatch(/\n已勾选：予以公开、不予公开-国家秘密$/);
  });

  it('asks which groups of cases', () => {
    const draft = township({ s4Any: true });
    const reply = renderChoose(F, stepOf<Choose>(draft, 's4.groups'), p, []);
    expect(reply.text).toBe(
      [
        '【四、政府信息公开行政复议、行政诉讼情况】（已填 3/170 项）',
        '有哪几类案件？',
        '可以选多项：点选项打勾（再点取消），选好了点「选好了」；也可以直接回复编号，多个用逗号隔开，如 1,3。',
        '☐ 1. 行政复议\n☐ 2. 行政诉讼（未经复议直接起诉）\n☐ 3. 行政诉讼（复议后起诉）',
      ].join('\n'),
    );
  });
});

describe('a rule broken by an answer', () => {
  it('names the error, offers a button to each other cell behind it, never "keep it"', () => {
    const draft = township({ s3Any: true, s3Columns: [0], s3Rows: ['granted'] });
    setCells(F, draft, {
      's3.new[0]': 3,
      's3.carriedOver[0]': 1,
      's3.granted[0]': 2,
      's3.carryForward[0]': 1,
    });
    const steps = plan({ form: F, draft, kind: 'township' });
    const step = steps.find((s) => s.id === 's3.carryForward[0]') as Number;
    const broken = checkReport(F, draft.report).errors.filter((e) => e.cells.includes('s3.carryForward[0]'));
    const reply = renderRuleBroken(F, step, steps, broken, ['记为 1。']);
    expect(reply.text).toBe(
      '记为 1。\n已记下，但勾稽关系对不上：\n' +
        '自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1 = 3，相差 1\n\n' +
        '这是必须改正的错误：直接回复正确的数字，或点下面的按钮去改其他项；也可以先填后面的，提交前必须改正。',
    );
    // 办理结果合计 is computed (no question): 新收 and 上年结转 are the cells to go to.
    expect(pressable(reply.buttons, { id: 's3.carryForward[0]', name: '结转下年度·自然人' })).toEqual([
      [
        ['改「新收·自然人」', '改「新收·自然人」'],
        ['改「上年结转·自然人」', '改「上年结转·自然人」'],
      ],
      [
        ['先填后面的', '先填后面的'],
        ['上一步', '上一步'],
      ],
    ]);
  });

  it('offers at most six cells, two to a row, each once', () => {
    const draft = township({ s3Any: true, s3Columns: [0], s3Rows: F.s3Index.results.map((r) => r.id) });
    const steps = plan({ form: F, draft, kind: 'township' });
    const step = steps.find((s) => s.id === 's3.other3[0]') as Number;
    const cells = F.s3Index.results.map((r) => `s3.${r.id}[0]`);
    const broken: Finding[] = [
      { rule: 2, severity: 'error', cells: ['s3.total[0]', ...cells], message: '甲' },
      { rule: 3, severity: 'error', cells: ['s3.new[0]', 's3.granted[0]'], message: '乙' },
    ];
    const reply = renderRuleBroken(F, step, steps, broken, []);
    expect(reply.text).toBe(
      '已记下，但勾稽关系对不上：\n甲\n乙\n\n这是必须改正的错误：直接回复正确的数字，或点下面的按钮去改其他项；也可以先填后面的，提交前必须改正。',
    );
    expect(reply.buttons!.map((row) => row.map((b) => b.label))).toEqual([
      ['改「予以公开·自然人」', '改「部分公开·自然人」'],
      ['改「不予公开-国家秘密·自然人」', '改「不予公开-法律法规禁止·自然人」'],
      ['改「不予公开-危及三安全一稳定·自然人」', '改「不予公开-保护第三方权益·自然人」'],
      ['先填后面的', '上一步'],
    ]);
  });

  it('names a text behind a finding by its question', () => {
    const draft = township({ s3Any: true, s3Columns: [0] });
    const steps = plan({ form: F, draft, kind: 'township' });
    const step = steps.find((s) => s.id === 's3.new[0]') as Number;
    const broken: Finding[] = [
      { rule: 10, severity: 'warning', cells: ['s1.onRequest', 's3.new[0]', 's3.new[6]'], message: '丙' },
    ];
    expect(renderRuleBroken(F, step, steps, broken, []).buttons![0]!.map((b) => [b.label, b.data])).toEqual([
      ['改「（二）依申请公开」', '改「（二）依申请公开」'],
    ]);
  });
});

describe('the review', () => {
  // Texts as an official writes them; 五 and 六 as reviewers want them (rule 12).
  const texts = (d: Draft) => {
    for (const path of F.textPaths) setText(d.report, path, `${path}的内容。`);
    setText(d.report, 's5', '问题：公开形式单一，更新不及时。措施：下一步加强培训，完善制度，按时更新。');
    setText(d.report, 's6', '本年度未收取信息处理费。');
  };
  const review = (d: Draft, kind: 'township' | 'county' = 'township', previous?: object) => {
    const check = checkReport(F, d.report, previous);
    return renderReview(F, kind, d, check, { done: 9, total: 170 });
  };

  it('sums up a blank draft section by section, and lists what is missing', () => {
    const reply = review(township());
    expect(reply.text).toBe(
      [
        '【白营镇 2024 年度报告 · 汇总】',
        '已填 9/170 项。',
        '',
        '一、总体情况：已填写 0/5 部分',
        '二、主动公开政府信息情况：行政规范性文件 本年制发件数 未填、本年废止件数 未填、现行有效件数 未填；行政许可 未填；行政处罚 未填；行政强制 未填；行政事业性收费 未填 万元',
        '三、收到和处理政府信息公开申请情况：新收 未填 件；上年结转 未填 件；办理结果合计 未填 件；结转下年度 未填 件',
        '四、政府信息公开行政复议、行政诉讼情况：行政复议 未填 件；行政诉讼 未填 件',
        '五、存在的主要问题及改进情况：未填写',
        '六、其他需要报告的事项：未填写',
        '',
        '还有 163 项数字没有填写。',
        '',
        '⚠️ 请核对（确认后可以提交）：',
        '1. （一）主动公开：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '2. （二）依申请公开：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '3. （三）政府信息管理：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '4. （四）政府信息公开平台建设：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '5. （五）监督保障：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '6. 五、存在的主要问题及改进情况：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
        '7. 六、其他需要报告的事项：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。',
      ].join('\n'),
    );
    expect(reply.buttons).toEqual([
      [{ label: '提交', data: '/submit' }],
      [
        { label: '修改某部分', data: '/edit' },
        { label: '上一步', data: '上一步', step: { id: 'review', name: '汇总' } },
      ],
    ]);
  });

  it('shows the figures given, 规章 for a county, fees in 万元, and the errors to fix', () => {
    const d = newDraft(F, { name: '汤阴县', kind: 'county' }, 2024);
    texts(d);
    setText(d.report, 's1.platforms', '   ');
    setCells(F, d, {
      's2.rules.issued': 1,
      's2.normativeDocs.issued': 2,
      's2.licensing': 7,
      's2.fees': 1.25,
      's3.new[0]': 3,
      's3.carriedOver[0]': 0,
      's3.granted[0]': 2,
      's3.carryForward[0]': 0,
      's4.review.upheld': 1,
      's4.suitDirect.pending': 2,
      's4.suitAfterReview.other': 1,
    });
    const lines = review(d, 'county').text.split('\n');
    expect(lines.slice(3, 9)).toEqual([
      '一、总体情况：已填写 4/5 部分',
      '二、主动公开政府信息情况：规章 本年制发件数 1、本年废止件数 未填、现行有效件数 未填；行政规范性文件 本年制发件数 2、本年废止件数 未填、现行有效件数 未填；行政许可 7；行政处罚 未填；行政强制 未填；行政事业性收费 1.25 万元',
      '三、收到和处理政府信息公开申请情况：新收 3 件；上年结转 0 件；办理结果合计 2 件；结转下年度 0 件',
      '四、政府信息公开行政复议、行政诉讼情况：行政复议 1 件；行政诉讼 3 件',
      '五、存在的主要问题及改进情况：已填写（37 字）',
      '六、其他需要报告的事项：已填写（12 字）',
    ]);
    expect(review(d, 'county').text).toContain(
      '\n\n❌ 必须改正才能提交：\n1. 自然人列：新收 3 + 上年结转 0 = 3，但办理结果合计 2（予以公开 2） + 结转下年度 0 = 2，相差 1\n2. 总计列：',
    );
  });

  it('says "ready" only when nothing is blank, wrong or to check', () => {
    const d = township();
    texts(d);
    setCells(F, d, Object.fromEntries(F.entered.map((c) => [c.path, 0])));
    const ready = (done: number) =>
      renderReview(F, 'township', d, checkReport(F, d.report), { done, total: 170 }).text;
    expect(ready(170)).toMatch(/\n\n没有发现问题，可以提交。$/);
    expect(ready(170)).not.toContain('项数字没有填写');
    expect(ready(170)).toContain('；行政事业性收费 0 万元\n');
    // The count says something is still open: not ready.
    expect(ready(169)).not.toContain('没有发现问题');
    // A figure blank (the count notwithstanding): not ready.
    delete (d.report.s2 as Record<string, unknown>).licensing;
    expect(ready(170)).toMatch(/\n\n还有 1 项数字没有填写。$/);
    // A warning: not ready.
    setCells(F, d, { 's2.licensing': 0 });
    setText(d.report, 's6', '无');
    expect(ready(170)).toMatch(
      /\n\n⚠️ 请核对（确认后可以提交）：\n1\. 六、其他需要报告的事项：还没有填写内容/,
    );
    expect(ready(170)).not.toContain('没有发现问题');
    // An error: not ready.
    setText(d.report, 's6', '未收费。');
    setCells(F, d, { 's2.licensing': 0.5 });
    expect(ready(170)).toMatch(
      /\n\n❌ 必须改正才能提交：\n1\. 行政许可·本年处理决定数量：应为非负整数，现在是 0.5$/,
    );
  });

  it('shows a fee as an amount in 万元, and a sum of table 四 with a group not given as 未填', () => {
    const d = township();
    setCells(F, d, { 's2.fees': 0.1 + 0.2 });
    d.report.s4 = { suitDirect: { total: 1 }, review: { total: 2 } } as never;
    const lines = review(d).text.split('\n');
    expect(lines[4]).toMatch(/；行政事业性收费 0\.3 万元$/);
    expect(lines[6]).toBe('四、政府信息公开行政复议、行政诉讼情况：行政复议 2 件；行政诉讼 未填 件');
  });

  it('sums up a table 二 row of another version that has neither columns nor a unit', () => {
    const bare = defineForm({
      ...(DATA_2021 as unknown as FormData),
      s2: {
        notApplicable: true,
        tables: [
          { heading: '第二十条第（九）项', columnHeading: '信息内容', rows: [{ id: 'x', label: '某事项' }] },
        ],
      },
    });
    const d = newDraft(bare, { name: '白营镇', kind: 'township' }, 2024);
    setCells(bare, d, { 's2.x': 4 });
    const text = renderReview(bare, 'township', d, checkReport(bare, d.report), p).text;
    expect(text.split('\n')[4]).toBe('二、主动公开政府信息情况：某事项 4');
  });

  it('a whole report turned back into a draft is ready', () => {
    const d = township();
    texts(d);
    const full = { report: toReport(F, d), flow: {} };
    expect(
      renderReview(F, 'township', full, checkReport(F, full.report), { done: 170, total: 170 }).text,
    ).toContain('没有发现问题，可以提交。');
  });
});
