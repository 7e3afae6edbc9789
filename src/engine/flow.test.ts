// The chat flow, one turn at a time, as an official meets it: answers stored where they were meant,
// buttons from old messages never answering the current question, 「本节其余为0」 filling blanks only,
// a rule break reported the moment its sum is complete (and not before), figures confirmed when
// unusual, multiple choices ticked and answered, and submission refused while anything is missing.
import { describe, expect, it } from 'vitest';
import { emptyReport, getText, setCell, setText } from '../../forms/model';
import { FORM_2021 as F, DATA_2021 } from '../../forms/report-2021';
import { defineForm, type FormData } from '../../forms/define';
import type { OrgKind } from '../../forms';
import { checkReport } from './check';
import { cellValue, newDraft, setCells, toReport, type Draft, type DraftReport } from './draft';
import {
  fillTurn,
  openDraft,
  promptFor,
  repeatQuestion,
  REVIEW,
  sectionMenu,
  submitBlockers,
  type Session,
  type TurnContext,
  type TurnResult,
} from './flow';

type Live = Extract<Session, { mode: 'filling' | 'confirming' }>;

function township(flow: Draft['flow'] = {}): Draft {
  const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
  draft.flow = flow;
  return draft;
}

/** A conversation: each turn starts from the session and draft the previous one left. */
class Chat {
  ctx: TurnContext;
  last!: TurnResult;
  constructor(
    draft: Draft,
    step: string,
    opts: { kind?: OrgKind; previous?: DraftReport; session?: Partial<Live>; form?: typeof F } = {},
  ) {
    this.ctx = {
      session: { mode: 'filling', reportId: 7, year: 2024, step, ...opts.session } as Live,
      form: opts.form ?? F,
      draft,
      kind: opts.kind ?? 'township',
      previous: opts.previous,
    };
  }
  say(text: string, step?: string): TurnResult {
    this.last = fillTurn(this.ctx, { text, step });
    if (this.last.session.mode !== 'idle')
      this.ctx = { ...this.ctx, session: this.last.session, draft: this.last.draft };
    return this.last;
  }
  get session() {
    return this.ctx.session;
  }
  get step() {
    return this.ctx.session.mode === 'filling' ? this.ctx.session.step : REVIEW;
  }
  get draft() {
    return this.ctx.draft;
  }
  value(path: string) {
    return cellValue(F, this.ctx.draft.report, path);
  }
}

const texts = (r: TurnResult) => r.replies.map((x) => x.text);
/** The first line of the last reply: the question's heading and the progress count. */
const heading = (r: TurnResult) => r.replies.at(-1)!.text.split('\n')[0];
const datas = (r: TurnResult) =>
  r.replies
    .at(-1)!
    .buttons!.flat()
    .map((b) => b.data);

/** A township draft with every text of 一 written and table 二 answered: the next question is 三. */
function atTable3(flow: Draft['flow'] = {}): Draft {
  const draft = township(flow);
  for (const path of ['s1.proactive', 's1.onRequest', 's1.management', 's1.platforms', 's1.oversight'])
    setText(draft.report, path, '内容。');
  setCells(F, draft, Object.fromEntries(F.cellsOf('s2').map((c) => [c.path, 0])));
  return draft;
}

describe('openDraft', () => {
  it('opens a new draft at its first question, with the stable count', () => {
    const draft = township();
    const opened = openDraft({ form: F, draft, kind: 'township', reportId: 3, year: 2024 });
    expect(opened.session).toEqual({ mode: 'filling', reportId: 3, year: 2024, step: 's1.proactive' });
    expect(opened.changes).toEqual({});
    expect(opened.draft).toBe(draft);
    expect(opened.replies).toHaveLength(1);
    expect(heading(opened)).toBe('【一、总体情况 · （一）主动公开】（已填 0/170 项）');
  });

  it('resumes at the next unanswered question from where it was left, then from the start', () => {
    const draft = atTable3();
    delete (draft.report.s2 as Record<string, unknown>).licensing;
    delete (draft.report.s1 as Record<string, unknown>).platforms;
    const open = (at?: string) =>
      openDraft({ form: F, draft, kind: 'township', reportId: 3, year: 2024 }, at).session as Live;
    expect(open('s2.normativeDocs.issued')).toMatchObject({ step: 's2.licensing' });
    expect(open('s2.penalties')).toMatchObject({ step: 's3.any' });
    expect(open('s6')).toMatchObject({ step: 's6' });
    expect(open()).toMatchObject({ step: 's1.platforms' });
    expect(open('gone')).toMatchObject({ step: 's1.platforms' });
  });

  it('comes back round to a question left blank before the one it was left at', () => {
    const draft = atTable3({ s3Any: false, s3Columns: [], s3Rows: [], s4Any: false, s4Groups: [] });
    setCells(F, draft, Object.fromEntries(F.entered.map((c) => [c.path, 0])));
    setText(draft.report, 's5', '问题。');
    setText(draft.report, 's6', '未收费。');
    delete (draft.report.s1 as Record<string, unknown>).platforms;
    const opened = openDraft({ form: F, draft, kind: 'township', reportId: 3, year: 2024 }, 's5');
    expect(opened.session).toMatchObject({ step: 's1.platforms' });
  });

  it('opens a finished draft at the review', () => {
    const d = township();
    const full: Draft = {
      report: toReport(F, d),
      flow: { s3Any: false, s4Any: false, s3Columns: [], s3Rows: [], s4Groups: [] },
    };
    const opened = openDraft({ form: F, draft: full, kind: 'township', reportId: 3, year: 2024 }, 's3.any');
    expect(opened.session).toMatchObject({ step: REVIEW });
    expect(heading(opened)).toBe('【白营镇 2024 年度报告 · 汇总】');
  });
});

describe('texts', () => {
  it('stores a text, adds the next message to it, and moves on with 下一项 without storing it', () => {
    const chat = new Chat(township(), 's1.proactive');
    let r = chat.say('主动公开信息 6 条。');
    expect(r.changes).toEqual({ 's1.proactive': [null, '主动公开信息 6 条。'] });
    expect(texts(r)).toEqual(['已记下。还有要补充的请继续发送；写完了点「下一项」。']);
    expect(chat.step).toBe('s1.proactive');
    r = chat.say('  其中机构概况 1 条。 ');
    expect(r.changes).toEqual({
      's1.proactive': ['主动公开信息 6 条。', '主动公开信息 6 条。\n其中机构概况 1 条。'],
    });
    for (const done of ['下一项', '好了', '写完了', '没了']) {
      const c = new Chat(structuredClone(chat.draft), 's1.proactive');
      r = c.say(done);
      expect(r.changes).toEqual({});
      expect(c.step).toBe('s1.onRequest');
      expect(getText(c.draft.report, 's1.proactive')).toBe('主动公开信息 6 条。\n其中机构概况 1 条。');
    }
    expect(heading(r)).toBe('【一、总体情况 · （二）依申请公开】（已填 1/170 项）');
  });

  it('replaces a bare 「无」 with the real text, and says so', () => {
    const draft = township();
    setText(draft.report, 's1.management', ' 无 ');
    const r = new Chat(draft, 's1.management').say('落实三级审核。');
    expect(r.changes).toEqual({ 's1.management': [' 无 ', '落实三级审核。'] });
    expect(texts(r)).toEqual([
      '原来写的是「无」，已换成这段文字。\n已记下。还有要补充的请继续发送；写完了点「下一项」。',
    ]);
  });

  it('adds to a text that only ends in 无, and to a cleared one starts afresh', () => {
    const draft = township();
    setText(draft.report, 's5', '本年度问题无');
    setText(draft.report, 's6', '');
    setText(draft.report, 's1.oversight', '  ');
    expect(new Chat(draft, 's5').say('下一步改进。').changes).toEqual({
      s5: ['本年度问题无', '本年度问题无\n下一步改进。'],
    });
    expect(new Chat(draft, 's6').say('未收费。').changes).toEqual({ s6: ['', '未收费。'] });
    expect(new Chat(draft, 's1.oversight').say('培训。').changes).toEqual({
      's1.oversight': ['  ', '  \n培训。'],
    });
  });

  it('clears a text on 清空重写 and asks it again', () => {
    const draft = township();
    setText(draft.report, 's5', '旧的。');
    const chat = new Chat(draft, 's5');
    const r = chat.say('清空重写');
    expect(r.changes).toEqual({ s5: ['旧的。', ''] });
    expect(getText(chat.draft.report, 's5')).toBe('');
    expect(texts(r)[0]).toBe('已清空，请重新填写。');
    expect(heading(r)).toBe('【五、存在的主要问题及改进情况】（已填 0/170 项）');
    expect(chat.step).toBe('s5');
  });

  it('stores a text of up to 20,000 characters, and none of one that would go past', () => {
    const draft = township();
    setText(draft.report, 's6', 'a'.repeat(19_998));
    expect(new Chat(draft, 's6').say('b').changes).toEqual({
      s6: ['a'.repeat(19_998), `${'a'.repeat(19_998)}\nb`],
    });
    const chat = new Chat(draft, 's6');
    const r = chat.say('bb');
    expect(r.changes).toEqual({});
    expect(texts(r)[0]).toBe(
      '这一部分最多 20000 字，加上刚发的这段共 20001 字，这段没有记下。请精简后再发；要整段重写，请发「清空重写」。',
    );
    expect(getText(chat.draft.report, 's6')).toBe('a'.repeat(19_998));
    expect(chat.step).toBe('s6');
  });

  it('offers section 六 the standard sentence, stored like any text', () => {
    const chat = new Chat(township(), 's6');
    expect(datas(chat.say('跳过', undefined))).toContain('/submit');
    const again = new Chat(township(), 's6');
    const r = again.say('本年度，本机关未收取信息处理费。', 's6');
    expect(r.changes).toEqual({ s6: [null, '本年度，本机关未收取信息处理费。'] });
  });
});

describe('numbers', () => {
  it('stores a figure and asks the next question', () => {
    const chat = new Chat(atTable3(), 's2.licensing');
    const r = chat.say('12');
    expect(r.changes).toEqual({ 's2.licensing': [0, 12] });
    expect(r.replies).toHaveLength(1);
    expect(chat.step).toBe('s2.penalties');
    expect(chat.session).toEqual({ mode: 'filling', reportId: 7, year: 2024, step: 's2.penalties' });
  });

  it('says how a figure not typed as digits was read', () => {
    const chat = new Chat(township(), 's2.licensing');
    let r = chat.say('十二件');
    expect(texts(r)[0]).toBe('记为 12。');
    expect(chat.value('s2.licensing')).toBe(12);
    r = new Chat(township(), 's2.fees').say('5000元');
    expect(texts(r)[0]).toBe('记为 0.5 万元。');
    expect(r.changes).toEqual({ 's2.fees': [null, 0.5] });
    // Plain digits, spaces around them included, are not echoed.
    expect(new Chat(township(), 's2.licensing').say(' 12 ').replies).toHaveLength(1);
  });

  it('keeps 不适用 in table 二 as such, says so, and moves on; counts it answered', () => {
    const chat = new Chat(township(), 's2.licensing');
    const r = chat.say('不适用');
    expect(r.changes).toEqual({ 's2.licensing': [null, '/'] });
    expect(texts(r)[0]).toBe('记为 不适用。');
    expect(chat.step).toBe('s2.penalties');
    expect(chat.value('s2.licensing')).toBe(0);
    expect(toReport(F, chat.ctx.draft).s2.licensing).toBe('/');
    // A fee is no exception, and a figure typed later replaces the mark.
    const fee = new Chat(township(), 's2.fees');
    expect(fee.say('/').changes).toEqual({ 's2.fees': [null, '/'] });
    const again = new Chat(chat.ctx.draft, 's2.licensing');
    expect(again.say('3').changes).toEqual({ 's2.licensing': ['/', 3] });
  });

  it('refuses 不适用 in table 三 and 四 and asks again', () => {
    const chat = new Chat(township({ s3Any: true, s3Columns: [0] }), 's3.new[0]');
    const r = chat.say('/');
    expect(r.changes).toEqual({});
    expect(texts(r)[0]).toBe('这一项不能填“不适用”；没有请回复 0 或“无”。');
    expect(chat.step).toBe('s3.new[0]');
  });

  it('explains a figure it cannot read and asks again', () => {
    const chat = new Chat(township(), 's2.licensing');
    const r = chat.say('很多');
    expect(r.changes).toEqual({});
    expect(texts(r)[0]).toBe('“很多”不是件数。请输入一个数字，如 0、12 或 十二；没有请回复 0 或“无”。');
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 0/170 项）');
    expect(chat.step).toBe('s2.licensing');
    expect(texts(new Chat(township(), 's2.fees').say('很多'))[0]).toMatch(/^“很多”不是金额。/);
  });

  it('asks to confirm a figure far beyond a township’s, and stores it once confirmed', () => {
    const chat = new Chat(township(), 's2.licensing');
    let r = chat.say('20001');
    expect(r.changes).toEqual({});
    expect(r.replies[0]).toEqual({
      text: '您填的是 20001，比一般单位的数字大很多。是不是多打了 0，或把元当成了万元？',
      buttons: [
        [
          {
            label: '确认是 20001',
            data: '20001',
            step: { id: 's2.licensing', name: '行政许可·本年处理决定数量' },
          },
        ],
      ],
    });
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 0/170 项）');
    expect(chat.session).toEqual({
      mode: 'filling',
      reportId: 7,
      year: 2024,
      step: 's2.licensing',
      unsure: { step: 's2.licensing', value: 20001 },
    });
    expect(chat.value('s2.licensing')).toBeUndefined();
    // Another figure is doubted afresh; the same one, however typed, is stored.
    r = chat.say('20002');
    expect(texts(r)[0]).toContain('您填的是 20002');
    r = chat.say('两万零二');
    expect(r.changes).toEqual({ 's2.licensing': [null, 20002] });
    expect(chat.step).toBe('s2.penalties');
    expect(chat.session).not.toHaveProperty('unsure');
  });

  it('a confirmation belongs to its question: the same figure elsewhere is doubted again', () => {
    const chat = new Chat(township(), 's2.penalties', {
      session: { unsure: { step: 's2.licensing', value: 20001 } },
    });
    expect(texts(chat.say('20001'))[0]).toContain('比一般单位的数字大很多');
  });

  it('asks to confirm ten times last year’s, and a fee in 万元 far beyond a township’s', () => {
    const previous = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    setCell(previous, F.cellByPath.get('s2.penalties')!, 2);
    const r = new Chat(township(), 's2.penalties', { previous }).say('25');
    expect(texts(r)[0]).toBe('您填的是 25，是上年（2）的十倍以上。请核对。');
    expect(new Chat(township(), 's2.penalties', { previous }).say('20').changes).toEqual({
      's2.penalties': [null, 20],
    });
    const fee = new Chat(township(), 's2.fees').say('1001');
    expect(fee.replies[0]!.text).toBe(
      '您填的是 1001 万元，比一般单位的数字大很多。是不是多打了 0，或把元当成了万元？',
    );
    expect(fee.replies[0]!.buttons![0]![0]!.label).toBe('确认是 1001 万元');
    // A county reports far more.
    expect(new Chat(township(), 's2.fees', { kind: 'county' }).say('1001').changes).toEqual({
      's2.fees': [null, 1001],
    });
  });
});

describe('a rule break, the moment its sum is complete', () => {
  const column0 = () => atTable3({ s3Any: true, s3Columns: [0], s3Rows: ['granted'] });

  it('is reported when the last cell of the sum is answered, naming every cell and offering a button to each', () => {
    const chat = new Chat(column0(), 's3.new[0]');
    expect(chat.say('3').replies).toHaveLength(1);
    expect(chat.step).toBe('s3.carriedOver[0]');
    chat.say('1');
    chat.say('2');
    expect(chat.step).toBe('s3.carryForward[0]');
    const r = chat.say('1');
    expect(r.changes).toEqual({ 's3.carryForward[0]': [null, 1] });
    expect(chat.value('s3.carryForward[0]')).toBe(1);
    expect(chat.step).toBe('s3.carryForward[0]');
    expect(texts(r)).toEqual([
      '已记下，但勾稽关系对不上：\n' +
        '自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1 = 3，相差 1\n\n' +
        '这是必须改正的错误：直接回复正确的数字，或点下面的按钮去改其他项；也可以先填后面的，提交前必须改正。',
    ]);
    expect(datas(r)).toEqual(['改「新收·自然人」', '改「上年结转·自然人」', '先填后面的', '上一步']);
    // The same figure again: the sum still does not add up, and says so.
    expect(texts(chat.say('1'))[0]).toMatch(/^已记下，但勾稽关系对不上：\n自然人列：/);
    expect(chat.step).toBe('s3.carryForward[0]');
    // Corrected: the sum holds, and the flow goes on.
    chat.say('2');
    expect(chat.step).toBe('s4.any');
  });

  it('is not reported before: figures given out of order wait for the last question of the sum', () => {
    const draft = column0();
    setCells(F, draft, { 's3.carriedOver[0]': 0, 's3.granted[0]': 0, 's3.carryForward[0]': 0 });
    const chat = new Chat(draft, 's3.new[0]');
    const r = chat.say('3');
    // 3 + 0 ≠ 0 + 0, but 结转下年度 is asked later: no error yet.
    expect(r.replies).toHaveLength(1);
    expect(chat.step).toBe('s3.carriedOver[0]');
    chat.say('0');
    chat.say('0');
    expect(texts(chat.say('0'))[0]).toContain(
      '自然人列：新收 3 + 上年结转 0 = 3，但办理结果合计 0 + 结转下年度 0 = 0，相差 3',
    );
  });

  it('reports only errors this answer brought about', () => {
    const draft = atTable3({ s3Any: true, s3Columns: [0, 1], s3Rows: ['granted'] });
    // Column 1 is already out of balance; answering column 0 correctly says nothing about it.
    setCells(F, draft, {
      's3.new[1]': 2,
      's3.carriedOver[1]': 0,
      's3.granted[1]': 0,
      's3.carryForward[1]': 0,
    });
    setCells(F, draft, { 's3.new[0]': 1, 's3.carriedOver[0]': 0, 's3.granted[0]': 1 });
    const chat = new Chat(draft, 's3.carryForward[0]');
    expect(chat.say('0').replies).toHaveLength(1);
    // Answering a cell of the broken column anew, still wrong: reported, with its new figures.
    const again = new Chat(chat.draft, 's3.carryForward[1]');
    expect(texts(again.say('1'))[0]).toContain(
      '商业企业列：新收 2 + 上年结转 0 = 2，但办理结果合计 0 + 结转下年度 1 = 1，相差 1',
    );
  });

  it('hands on the check of the draft it leaves, the one written beside it, with or without last year', () => {
    const previous = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    setCell(previous, F.cellByPath.get('s3.carryForward[0]')!, 2);
    for (const prev of [undefined, previous]) {
      const chat = new Chat(column0(), 's3.new[0]', { previous: prev });
      // Through a balanced column, a wrong carry-forward (an error) and its correction.
      for (const answer of ['3', '1', '2', '1', '2']) {
        const r = chat.say(answer);
        expect(Object.keys(r.changes)).toHaveLength(1);
        expect(r.check).toEqual(checkReport(F, r.draft.report, prev));
      }
      // Last year's carry-forward of 2 against this year's 1: a rule-6 warning, in the check handed on.
      expect(chat.last.check!.warnings.some((w) => w.rule === 6)).toBe(prev !== undefined);
    }
  });

  it('says how the figure was read before the error', () => {
    const chat = new Chat(column0(), 's3.new[0]');
    chat.say('3');
    chat.say('0');
    chat.say('0');
    expect(texts(chat.say('一件'))[0]).toMatch(/^记为 1。\n已记下，但勾稽关系对不上：/);
  });
});

describe('「本节其余为0」', () => {
  it('fills only the blanks of the section from this question on, says how many, and goes to the next section', () => {
    const draft = township();
    setCells(F, draft, { 's2.normativeDocs.issued': 3, 's2.licensing': 7 });
    const chat = new Chat(draft, 's2.normativeDocs.repealed');
    const r = chat.say('本节其余为0');
    expect(r.changes).toEqual({
      's2.normativeDocs.repealed': [null, 0],
      's2.normativeDocs.inForce': [null, 0],
      's2.penalties': [null, 0],
      's2.enforcement': [null, 0],
      's2.fees': [null, 0],
    });
    expect(texts(r)[0]).toBe('已将本节 5 项空白填为 0，已填的数字没有改动。');
    expect(chat.value('s2.licensing')).toBe(7);
    expect(chat.value('s2.normativeDocs.issued')).toBe(3);
    expect(chat.step).toBe('s3.any');
  });

  it('says so when nothing is blank', () => {
    const chat = new Chat(atTable3(), 's2.penalties');
    for (const word of ['其余为0', '其余都是0']) {
      const r = new Chat(atTable3(), 's2.penalties').say(word);
      expect(r.changes).toEqual({});
      expect(texts(r)[0]).toBe('本节没有空白项，已填的数字没有改动。');
    }
    chat.say('本节其余为0');
    expect(chat.step).toBe('s3.any');
  });

  it('fills table 四’s blanks and goes to 五', () => {
    const draft = atTable3({ s3Any: false, s4Any: true, s4Groups: ['review'] });
    setCells(F, draft, { 's4.review.upheld': 1 });
    const chat = new Chat(draft, 's4.review.corrected');
    const r = chat.say('本节其余为0');
    expect(Object.keys(r.changes)).toEqual(['s4.review.corrected', 's4.review.other', 's4.review.pending']);
    expect(chat.step).toBe('s5');
  });

  it('leaves the blanks before this question, and the figures of other sections', () => {
    const draft = township({ s3Any: true, s3Columns: [0] });
    const chat = new Chat(draft, 's2.penalties');
    const r = chat.say('本节其余为0');
    expect(Object.keys(r.changes)).toEqual(['s2.penalties', 's2.enforcement', 's2.fees']);
    expect(chat.value('s2.licensing')).toBeUndefined();
    expect(chat.value('s3.new[0]')).toBeUndefined();
    expect(chat.step).toBe('s3.any');
  });

  it('is not offered in table 三, where it is read as a figure', () => {
    const chat = new Chat(atTable3({ s3Any: true, s3Columns: [0] }), 's3.new[0]');
    const r = chat.say('本节其余为0');
    expect(r.changes).toEqual({});
    expect(texts(r)[0]).toContain('不是件数');
    expect(chat.step).toBe('s3.new[0]');
  });

  it('goes to the review when its section is the last of the format', () => {
    const sections = [...DATA_2021.sections];
    const reordered = defineForm({
      ...(DATA_2021 as unknown as FormData),
      sections: [...sections.filter((s) => s.id !== 's4'), sections.find((s) => s.id === 's4')!],
    });
    const draft = newDraft(reordered, { name: '白营镇', kind: 'township' }, 2024);
    draft.flow = { s4Any: true, s4Groups: ['review'] };
    const chat = new Chat(draft, 's4.review.upheld', { form: reordered });
    chat.say('本节其余为0');
    expect(chat.step).toBe(REVIEW);
  });
});

describe('yes/no questions', () => {
  it('"no applications" sets table 三 to 0 and goes to table 四', () => {
    const chat = new Chat(atTable3(), 's3.any');
    const r = chat.say('否');
    expect(r.replies).toHaveLength(1);
    expect(Object.keys(r.changes)).toHaveLength(144);
    expect(r.changes['s3.carryForward[5]']).toEqual([null, 0]);
    expect(chat.draft.flow).toEqual({ s3Any: false, s3Columns: [], s3Rows: [] });
    expect(chat.step).toBe('s4.any');
    expect(heading(r)).toBe('【四、政府信息公开行政复议、行政诉讼情况】（已填 156/170 项）');
  });

  it('"yes" asks which applicants', () => {
    const chat = new Chat(atTable3(), 's3.any');
    const yes = chat.say('是');
    expect(yes.changes).toEqual({});
    expect(yes.replies).toHaveLength(1);
    expect(chat.draft.flow).toEqual({ s3Any: true });
    expect(chat.step).toBe('s3.columns');
    const cases = new Chat(atTable3(), 's4.any');
    cases.say('有');
    expect(cases.draft.flow).toEqual({ s4Any: true });
    expect(cases.step).toBe('s4.groups');
  });

  it('asks again for anything but yes or no', () => {
    const chat = new Chat(atTable3(), 's3.any');
    const r = chat.say('也许');
    expect(texts(r)[0]).toBe('请回复「是」或「否」。');
    expect(chat.step).toBe('s3.any');
    expect(r.changes).toEqual({});
  });
});

describe('multiple choices', () => {
  it('ticks and unticks with the buttons, and answers with 「选好了」', () => {
    const chat = new Chat(atTable3({ s3Any: true }), 's3.columns');
    let r = chat.say('选 3');
    expect(chat.session).toMatchObject({ step: 's3.columns', picked: [3] });
    expect(r.changes).toEqual({});
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]!.text).toContain('☑ 3. 科研机构');
    chat.say('选 1');
    expect(chat.session).toMatchObject({ picked: [1, 3] });
    chat.say('选 3');
    expect(chat.session).toMatchObject({ picked: [1] });
    chat.say('选 2');
    r = chat.say('选好了');
    expect(texts(r)[0]).toBe('已选：自然人、商业企业。');
    expect(chat.draft.flow).toEqual({ s3Any: true, s3Columns: [0, 1] });
    expect(Object.keys(r.changes)).toHaveLength(24 * 4);
    expect(chat.step).toBe('s3.rows');
    expect(chat.session).not.toHaveProperty('picked');
  });

  it('keeps the ticks through a message it cannot read', () => {
    const chat = new Chat(atTable3({ s3Any: true }), 's3.columns', { session: { picked: [2] } });
    const r = chat.say('都有');
    expect(texts(r)[0]).toBe('请回复 1 到 6 之间的编号，多个用逗号隔开，如 1,3。');
    expect(r.replies[1]!.text).toContain('☑ 2. 商业企业');
    expect(chat.session).toMatchObject({ picked: [2] });
  });

  it('answers at once when the numbers are typed', () => {
    const chat = new Chat(atTable3({ s3Any: true, s3Columns: [0] }), 's3.rows');
    const r = chat.say('1,11');
    expect(texts(r)[0]).toBe('已选：予以公开、无法提供-本机关不掌握。');
    expect(chat.draft.flow.s3Rows).toEqual(['granted', 'unavailable1']);
    expect(chat.step).toBe('s3.new[0]');
    const groups = new Chat(atTable3({ s3Any: false, s4Any: true }), 's4.groups');
    groups.say('3');
    expect(groups.draft.flow.s4Groups).toEqual(['suitAfterReview']);
    expect(groups.step).toBe('s4.suitAfterReview.upheld');
  });

  it('says nothing is ticked yet, and refuses a tick of no choice', () => {
    const chat = new Chat(atTable3({ s3Any: true }), 's3.columns');
    expect(texts(chat.say('选好了'))[0]).toBe('还没有选。请点选项打勾，或回复编号，如 1,3。');
    expect(texts(chat.say('选 9'))[0]).toBe('请回复 1 到 6 之间的编号，多个用逗号隔开，如 1,3。');
    expect(chat.session).not.toHaveProperty('picked');
    // 「下一项」 answers no multiple choice.
    expect(texts(chat.say('下一项'))[0]).toBe('请回复 1 到 6 之间的编号，多个用逗号隔开，如 1,3。');
    expect(chat.step).toBe('s3.columns');
  });
});

describe('buttons from an old message', () => {
  it('answer their own question when it is still blank, and the current one is asked again', () => {
    const chat = new Chat(township(), 's2.penalties');
    const r = chat.say('0', 's2.licensing');
    expect(r.changes).toEqual({ 's2.licensing': [null, 0] });
    expect(texts(r)[0]).toBe('已记下「行政许可·本年处理决定数量」。接着回答当前的问题：');
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 1/170 项）');
    expect(r.replies[1]!.text).toContain('行政处罚：本年处理决定数量');
    expect(chat.step).toBe('s2.penalties');
    expect(chat.value('s2.penalties')).toBeUndefined();
  });

  it('are told apart by a tag in the text where a platform sends a press as text', () => {
    const chat = new Chat(township(), 's2.penalties');
    const r = chat.say('0 〔行政许可·本年处理决定数量〕');
    expect(r.changes).toEqual({ 's2.licensing': [null, 0] });
    expect(chat.step).toBe('s2.penalties');
    // A tag naming no question is no tag: the whole text answers the current question.
    expect(new Chat(township(), 's2.penalties').say('0 〔不存在的问题〕').changes).toEqual({});
    // A tag naming the current question answers it.
    expect(new Chat(township(), 's2.penalties').say('4 〔行政处罚·本年处理决定数量〕').changes).toEqual({
      's2.penalties': [null, 4],
    });
  });

  it('answer a blank text of theirs', () => {
    const chat = new Chat(township(), 's1.management');
    const r = chat.say('本年度，本机关未收取信息处理费。', 's6');
    expect(r.changes).toEqual({ s6: [null, '本年度，本机关未收取信息处理费。'] });
    expect(texts(r)[0]).toBe('已记下「六、其他需要报告的事项」。接着回答当前的问题：');
    expect(chat.step).toBe('s1.management');
  });

  it.each([
    ['its question is answered already', 's2.licensing', '0'],
    ['it navigates', 's2.licensing', '跳过'],
    ['it goes back', 's1.proactive', '上一步'],
    ['it skips', 's1.proactive', '跳过'],
    ['it clears', 's1.proactive', '清空重写'],
    ['it fills the rest with 0', 's1.proactive', '本节其余为0'],
    ['it ends a multiple choice', 's1.proactive', '选好了'],
    ['it ticks a choice, even for a text', 's1.proactive', '选 1'],
    ['it says done', 's1.proactive', '下一项'],
    ['it ticks a choice', 's3.columns', '选 1'],
    ['it answers a yes/no', 's3.any', '否'],
    ['its question is gone from the plan', 's3.new[0]', '0'],
    ['its answer does not read', 's2.fees', '很多'],
    ['its question is no question', 'nothing', '0'],
  ])('are refused when %s', (_, step, text) => {
    const draft = township();
    setCells(F, draft, { 's2.licensing': 5 });
    const chat = new Chat(draft, 's2.penalties');
    const r = chat.say(text, step);
    expect(r.changes).toEqual({});
    expect(texts(r)[0]).toBe('这个按钮已过期（它属于前面的问题），没有记录。请回答当前的问题：');
    expect(r.replies[1]!.text).toContain('行政处罚：本年处理决定数量');
    expect(chat.step).toBe('s2.penalties');
    expect(chat.draft).toEqual(draft);
  });

  it('of the current question answer it as typed', () => {
    const chat = new Chat(township(), 's2.penalties');
    expect(chat.say('3', 's2.penalties').changes).toEqual({ 's2.penalties': [null, 3] });
    expect(chat.step).toBe('s2.enforcement');
  });

  it('jumps are never refused: 改「…」 goes to the question named', () => {
    const chat = new Chat(township(), 's2.penalties');
    const r = chat.say('改「行政许可·本年处理决定数量」', 's3.new[0]');
    expect(chat.step).toBe('s2.licensing');
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 0/170 项）');
    expect(r.replies[0]!.text).toContain('行政许可：本年处理决定数量');
  });
});

describe('moving through the flow', () => {
  it('跳过 says what happens: still needed, kept, or to be written before submitting', () => {
    const draft = township();
    setCells(F, draft, { 's2.licensing': 5, 's2.fees': 1.5 });
    setText(draft.report, 's5', '问题。');
    draft.flow = { s3Any: false };
    const skip = (step: string) => {
      const chat = new Chat(structuredClone(draft), step);
      const r = chat.say('跳过');
      expect(r.changes).toEqual({});
      return [texts(r)[0], chat.step];
    };
    expect(skip('s2.penalties')).toEqual([
      '已跳过。这一项必须填写才能提交，提交前会提醒您。',
      's2.enforcement',
    ]);
    expect(skip('s2.licensing')).toEqual(['已保留原来的5，接着填下一项。', 's2.penalties']);
    expect(skip('s2.fees')).toEqual(['已保留原来的1.5 万元，接着填下一项。', 's3.any']);
    expect(skip('s1.proactive')).toEqual([
      '已跳过。这一部分空着也能提交，但提交前会提醒您补上。',
      's1.onRequest',
    ]);
    expect(skip('s5')).toEqual(['已保留原来的内容，接着填下一项。', 's6']);
    expect(skip('s3.any')).toEqual(['已保留原来的选择，接着填下一项。', 's4.any']);
    expect(skip('s6')).toEqual(['已跳过。这一部分空着也能提交，但提交前会提醒您补上。', REVIEW]);
  });

  it('「下一项」 on a blank question is a skip, said as one; on an answered one it moves on', () => {
    const draft = township();
    setCells(F, draft, { 's2.licensing': 5 });
    const blank = new Chat(draft, 's2.penalties');
    expect(texts(blank.say('下一项'))[0]).toBe('已跳过。这一项必须填写才能提交，提交前会提醒您。');
    const kept = new Chat(draft, 's2.licensing');
    const r = kept.say('好的');
    expect(r.replies).toHaveLength(1);
    expect(kept.step).toBe('s2.penalties');
  });

  it('上一步 goes back one question, and says so at the first', () => {
    const chat = new Chat(township(), 's2.normativeDocs.issued');
    chat.say('上一步');
    expect(chat.step).toBe('s1.oversight');
    const first = new Chat(township(), 's1.proactive');
    const r = first.say('返回');
    expect(texts(r)[0]).toBe('已经是第一项了。');
    expect(first.step).toBe('s1.proactive');
    const review = new Chat(township(), REVIEW);
    review.say('上一题');
    expect(review.step).toBe('s6');
  });

  it('/edit jumps to a section, or shows the sections to choose from', () => {
    const chat = new Chat(township(), 's5');
    chat.say('修改 三');
    expect(chat.step).toBe('s3.any');
    chat.say('/edit   四');
    expect(chat.step).toBe('s4.any');
    chat.say('/edit 2');
    expect(chat.step).toBe('s2.normativeDocs.issued');
    const menu = chat.say('/edit');
    expect(menu.replies).toEqual([sectionMenu(F)]);
    expect(chat.step).toBe('s2.normativeDocs.issued');
    expect(chat.say('/edit 九').replies).toEqual([sectionMenu(F)]);
  });

  it('the section menu names every section by the start of its heading', () => {
    expect(sectionMenu(F)).toEqual({
      text: '要修改哪一部分？',
      buttons: [
        [
          { label: '一、总体情况', data: '/edit 一' },
          { label: '二、主动公开政府', data: '/edit 二' },
          { label: '三、收到和处理政', data: '/edit 三' },
        ],
        [
          { label: '四、政府信息公开', data: '/edit 四' },
          { label: '五、存在的主要问', data: '/edit 五' },
          { label: '六、其他需要报告', data: '/edit 六' },
        ],
      ],
    });
  });

  it('查看 shows the review; at the review, a section’s name goes there and anything else shows it again', () => {
    const chat = new Chat(township(), 's2.licensing');
    const r = chat.say('查看');
    expect(chat.step).toBe(REVIEW);
    expect(heading(r)).toBe('【白营镇 2024 年度报告 · 汇总】');
    chat.say('四');
    expect(chat.step).toBe('s4.any');
    const review = new Chat(township(), REVIEW);
    const again = review.say('12');
    expect(texts(again)[0]).toBe('已经填到最后。');
    expect(heading(again)).toBe('【白营镇 2024 年度报告 · 汇总】');
    expect(again.changes).toEqual({});
  });

  it('an empty message asks the current question again', () => {
    const chat = new Chat(township(), 's2.licensing');
    const r = chat.say('   ');
    expect(texts(r)[0]).toBe('没有收到内容。请回答当前的问题：');
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 0/170 项）');
    expect(r.session).toBe(chat.session);
  });

  it('repeatQuestion says a message and asks the current question, or shows the review', () => {
    const ctx = new Chat(township(), 's2.licensing').ctx;
    const r = repeatQuestion(ctx, '暂时无法处理图片。');
    expect(texts(r)[0]).toBe('暂时无法处理图片。');
    expect(r.replies[1]!.text).toContain('行政许可：本年处理决定数量');
    expect(r.session).toBe(ctx.session);
    const confirming = { ...ctx, session: { mode: 'confirming' as const, reportId: 7, year: 2024 } };
    expect(heading(repeatQuestion(confirming, '稍候。'))).toBe('【白营镇 2024 年度报告 · 汇总】');
  });

  it('promptFor shows a question, a multiple choice with its ticks, or the review', () => {
    const draft = atTable3({ s3Any: true });
    expect(promptFor({ form: F, draft, kind: 'township' }, 's3.any').text.split('\n')[0]).toBe(
      '【三、收到和处理政府信息公开申请情况】（已填 12/170 项）',
    );
    expect(promptFor({ form: F, draft, kind: 'township', picked: [4] }, 's3.columns').text).toContain(
      '☑ 4. 社会公益组织',
    );
    expect(promptFor({ form: F, draft, kind: 'township' }, 's3.columns').text).toContain('☐ 4. 社会公益组织');
    expect(promptFor({ form: F, draft, kind: 'township' }, REVIEW).text).toMatch(
      /^【白营镇 2024 年度报告 · 汇总】/,
    );
  });

  it('keeps one count through the whole of table 三, as questions open up', () => {
    const chat = new Chat(atTable3(), 's3.any');
    const counts = [
      chat.say('是'),
      chat.say('1'),
      chat.say('1'),
      chat.say('2'),
      chat.say('0'),
      chat.say('2'),
    ].map(heading);
    expect(counts).toEqual([
      '【三、收到和处理政府信息公开申请情况】（已填 12/170 项）',
      '【三、收到和处理政府信息公开申请情况】（已填 132/170 项）',
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 152/170 项）',
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 153/170 项）',
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 154/170 项）',
      '【三、收到和处理政府信息公开申请情况 · 自然人】（已填 155/170 项）',
    ]);
  });
});

describe('submitting', () => {
  /** Every figure and text given; table 三 and 四 answered "no". */
  function complete(): Draft {
    const draft = atTable3({ s3Any: false, s3Columns: [], s3Rows: [], s4Any: false, s4Groups: [] });
    setCells(F, draft, Object.fromEntries(F.entered.map((c) => [c.path, 0])));
    setText(
      draft.report,
      's5',
      '存在的问题：公开方式单一，更新不够及时。改进措施：下一步加强培训，完善制度。',
    );
    setText(draft.report, 's6', '本年度，本机关未收取信息处理费。');
    // One warning (rule 9): （三） says only 无.
    setText(draft.report, 's1.management', '无');
    return draft;
  }

  it('is refused while figures are missing, at the first question still blank', () => {
    const chat = new Chat(township(), 's5');
    const r = chat.say('/submit');
    expect(texts(r)[0]).toBe('还有 163 项数字没有填写，暂时不能提交。');
    expect(chat.step).toBe('s2.normativeDocs.issued');
    expect(heading(r)).toBe('【二、主动公开政府信息情况】（已填 0/170 项）');
    expect(r.submit).toBeUndefined();
  });

  it('is refused while an error stands, at the review, naming it', () => {
    const draft = complete();
    setCells(F, draft, { 's2.fees': -1 });
    const chat = new Chat(draft, 's6');
    const r = chat.say('提交');
    expect(texts(r)[0]).toBe(
      '以下问题必须先改正：\n1. 行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元），现在是 -1',
    );
    expect(chat.step).toBe(REVIEW);
    const both = complete();
    setCells(F, both, { 's2.fees': -1 });
    delete (both.report.s2 as Record<string, unknown>).licensing;
    const refused = new Chat(both, 's6').say('/submit');
    expect(texts(refused)[0]).toBe(
      '还有 1 项数字没有填写，暂时不能提交。\n\n以下问题必须先改正：\n1. 行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元），现在是 -1',
    );
    expect(refused.session).toMatchObject({ step: 's2.licensing' });
  });

  it('with warnings, asks for 确认提交 and submits on it', () => {
    const chat = new Chat(complete(), REVIEW);
    const r = chat.say('/submit');
    expect(chat.session).toEqual({ mode: 'confirming', reportId: 7, year: 2024 });
    expect(r.replies).toEqual([
      {
        text:
          '提交前请核对以下提醒：\n' +
          '1. （三）政府信息管理：还没有填写内容（或只写了“无”）。没有相关工作也请写明具体情况。\n\n' +
          '确认无误请点「确认提交」；要修改请点「查看汇总」。',
        buttons: [[{ label: '确认提交', data: '确认提交' }], [{ label: '查看汇总', data: '/review' }]],
      },
    ]);
    expect(r.submit).toBeUndefined();
    const done = chat.say('确认提交');
    expect(done).toMatchObject({ submit: true, replies: [], changes: {} });
    expect(done.session).toEqual({ mode: 'idle', resume: { reportId: 7, step: REVIEW } });
  });

  it('确认提交 outside the confirmation asks for it again', () => {
    const chat = new Chat(complete(), REVIEW);
    chat.say('确认提交');
    expect(chat.session.mode).toBe('confirming');
  });

  it('without warnings, submits at once', () => {
    const draft = complete();
    setText(draft.report, 's1.management', '落实三级审核。');
    const r = new Chat(draft, REVIEW).say('/submit');
    expect(r.submit).toBe(true);
    expect(r.session).toEqual({ mode: 'idle', resume: { reportId: 7, step: REVIEW } });
  });

  it('in confirmation or at the review, 上一步 (its button too) goes back to the last question', () => {
    const chat = new Chat(complete(), REVIEW);
    chat.ctx = { ...chat.ctx, session: { mode: 'confirming', reportId: 7, year: 2024 } };
    chat.say('上一步');
    expect(chat.session).toEqual({ mode: 'filling', reportId: 7, year: 2024, step: 's6' });
    const review = new Chat(complete(), REVIEW);
    const r = review.say('上一步', 'review');
    expect(review.step).toBe('s6');
    expect(heading(r)).toBe('【六、其他需要报告的事项】（已填 170/170 项）');
  });

  it('in confirmation, a section’s name goes back to it', () => {
    const chat = new Chat(complete(), REVIEW);
    chat.ctx = { ...chat.ctx, session: { mode: 'confirming', reportId: 7, year: 2024 } };
    chat.say('五');
    expect(chat.session).toEqual({ mode: 'filling', reportId: 7, year: 2024, step: 's5' });
  });

  it('submitBlockers lists the figures missing, the errors and the warnings', () => {
    const draft = township();
    const blockers = submitBlockers(F, draft);
    expect(blockers.missing).toHaveLength(163);
    expect(blockers.missing[0]).toBe('s2.normativeDocs.issued');
    expect(blockers.errors).toEqual([]);
    expect(blockers.warnings).toHaveLength(7);
    const previous = { ...toReport(F, draft), s5: '同样的。' };
    setText(draft.report, 's5', '同样的。');
    expect(submitBlockers(F, draft, previous).warnings.map((w) => w.cells[0])).toContain('s5');
  });
});
