// The questions a body is asked, in order: adapted to its kind (规章 only for counties), its answers
// (no applications → one yes/no; only the columns and outcomes that occurred) and last year's report;
// and the one stable progress count.
import { describe, expect, it } from 'vitest';
import { emptyReport, setCell, setText } from '../../forms/model';
import { defineForm, type FormData } from '../../forms/define';
import { DATA_2021, FORM_2021 as F } from '../../forms/report-2021';
import { newDraft, setCells, type Draft } from './draft';
import { isAnswered, plan, progress, type Step } from './plan';

const township = (flow: Draft['flow'] = {}) => {
  const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
  draft.flow = flow;
  return draft;
};
const ids = (steps: readonly Step[]) => steps.map((s) => s.id);
const TEXTS_1 = ['s1.proactive', 's1.onRequest', 's1.management', 's1.platforms', 's1.oversight'];
const S2_LOCAL = [
  's2.normativeDocs.issued',
  's2.normativeDocs.repealed',
  's2.normativeDocs.inForce',
  's2.licensing',
  's2.penalties',
  's2.enforcement',
  's2.fees',
];

describe('plan', () => {
  it('asks a township with nothing answered: texts, table 二 without 规章, two yes/no, texts', () => {
    const steps = plan({ form: F, draft: township(), kind: 'township' });
    expect(ids(steps)).toEqual([...TEXTS_1, ...S2_LOCAL, 's3.any', 's4.any', 's5', 's6']);
    expect(steps.map((s) => s.kind)).toEqual([
      ...Array(5).fill('text'),
      ...Array(7).fill('number'),
      'gate',
      'gate',
      'text',
      'text',
    ]);
  });

  it('asks 规章 of a county, and of nobody else', () => {
    const county = plan({ form: F, draft: township(), kind: 'county' });
    expect(ids(county).slice(5, 8)).toEqual(['s2.rules.issued', 's2.rules.repealed', 's2.rules.inForce']);
    expect(county).toHaveLength(19);
    for (const kind of ['subdistrict', 'department'] as const) {
      expect(ids(plan({ form: F, draft: township(), kind }))).not.toContain('s2.rules.issued');
    }
  });

  it('words each step as the official reads it', () => {
    const steps = plan({ form: F, draft: township(), kind: 'township' });
    const byId = new Map(steps.map((s) => [s.id, s]));
    expect(byId.get('s1.onRequest')).toEqual({
      kind: 'text',
      id: 's1.onRequest',
      section: 's1',
      name: '（二）依申请公开',
      heading: '（二）依申请公开',
      hint: '本年收到和办理政府信息公开申请的情况；没有收到申请，也请写明“本年度未收到政府信息公开申请”。',
    });
    expect(byId.get('s2.normativeDocs.repealed')).toEqual({
      kind: 'number',
      id: 's2.normativeDocs.repealed',
      section: 's2',
      name: '行政规范性文件·本年废止件数',
      cell: F.cellByPath.get('s2.normativeDocs.repealed'),
      question: '行政规范性文件：本年废止件数',
      restZero: true,
    });
    expect(byId.get('s2.penalties')).toMatchObject({
      question: '行政处罚：本年处理决定数量',
      name: '行政处罚·本年处理决定数量',
    });
    expect(byId.get('s2.fees')).toMatchObject({ question: '行政事业性收费：本年收费金额（单位：万元）' });
    expect(byId.get('s3.any')).toEqual({
      kind: 'gate',
      id: 's3.any',
      section: 's3',
      name: '是否收到申请',
      carried: undefined,
    });
    expect(byId.get('s4.any')).toEqual({ kind: 'gate', id: 's4.any', section: 's4', name: '是否有复议诉讼' });
    expect(byId.get('s5')).toEqual({
      kind: 'text',
      id: 's5',
      section: 's5',
      name: '五、存在的主要问题及改进情况',
      heading: '',
      hint: '本年发现的主要问题、改进措施，以及上年问题的整改情况。',
    });
    expect(byId.get('s6')).toMatchObject({
      name: '六、其他需要报告的事项',
      heading: '',
      suggestion: '本年度，本机关未收取信息处理费。',
    });
    expect('suggestion' in byId.get('s5')!).toBe(false);
  });

  it('after "yes, applications", asks which applicants, then which outcomes', () => {
    const yes = plan({ form: F, draft: township({ s3Any: true }), kind: 'township' });
    expect(ids(yes).slice(12, 15)).toEqual(['s3.any', 's3.columns', 's4.any']);
    expect(yes[13]).toEqual({
      kind: 'choose',
      id: 's3.columns',
      section: 's3',
      name: '申请人类型',
      choices: F.choices.s3Columns,
      common: [1, 2, 3, 4, 5, 6],
    });
    // No column ticked (yet): nothing more.
    const none = plan({ form: F, draft: township({ s3Any: true, s3Columns: [] }), kind: 'township' });
    expect(ids(none).slice(12, 15)).toEqual(['s3.any', 's3.columns', 's4.any']);

    const columns = plan({ form: F, draft: township({ s3Any: true, s3Columns: [0] }), kind: 'township' });
    const rows = columns.find((s) => s.id === 's3.rows')!;
    // Offered as buttons: 予以公开, 部分公开, 本机关不掌握; the others are typed by number.
    expect(rows).toEqual({
      kind: 'choose',
      id: 's3.rows',
      section: 's3',
      name: '办理结果',
      choices: F.choices.s3Rows,
      common: [1, 2, 11],
    });
  });

  it('asks each ticked applicant column its intake, the outcomes ticked and the carry-forward', () => {
    const draft = township({ s3Any: true, s3Columns: [2, 0], s3Rows: ['partial', 'granted'] });
    const steps = plan({ form: F, draft, kind: 'township' });
    const s3 = steps.filter((s) => s.section === 's3');
    expect(ids(s3)).toEqual([
      's3.any',
      's3.columns',
      's3.rows',
      's3.new[2]',
      's3.carriedOver[2]',
      's3.granted[2]',
      's3.partial[2]',
      's3.carryForward[2]',
      's3.new[0]',
      's3.carriedOver[0]',
      's3.granted[0]',
      's3.partial[0]',
      's3.carryForward[0]',
    ]);
    const byId = new Map(s3.map((s) => [s.id, s]));
    expect(byId.get('s3.new[2]')).toEqual({
      kind: 'number',
      id: 's3.new[2]',
      section: 's3',
      name: '新收·科研机构',
      cell: F.cellByPath.get('s3.new[2]'),
      about: '科研机构',
      question: '本年新收的申请有多少件？',
      restZero: false,
    });
    expect(byId.get('s3.carriedOver[0]')).toMatchObject({
      name: '上年结转·自然人',
      about: '自然人',
      question: '上年结转（去年没办完）的申请有多少件？',
    });
    expect(byId.get('s3.partial[0]')).toMatchObject({ question: '办理结果为「部分公开」的有多少件？' });
    expect(byId.get('s3.carryForward[0]')).toMatchObject({
      name: '结转下年度·自然人',
      question: '结转下年度继续办理（年底还没办完）的有多少件？',
    });
    // Nothing suggested without last year's report or this year's intake.
    expect(s3.some((s) => 'suggestion' in s && s.suggestion !== undefined)).toBe(false);
  });

  it('without the outcomes answered, asks intake and carry-forward only', () => {
    const steps = plan({ form: F, draft: township({ s3Any: true, s3Columns: [1] }), kind: 'township' });
    expect(ids(steps.filter((s) => s.section === 's3'))).toEqual([
      's3.any',
      's3.columns',
      's3.rows',
      's3.new[1]',
      's3.carriedOver[1]',
      's3.carryForward[1]',
    ]);
  });

  it('offers last year’s carry-forward for 上年结转, and says it at the gate', () => {
    const previous = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    setCell(previous, F.cellByPath.get('s3.carryForward[0]')!, 2);
    setCell(previous, F.cellByPath.get('s3.carryForward[6]')!, 2);
    const gate = plan({ form: F, draft: township(), kind: 'township', previous }).find(
      (s) => s.id === 's3.any',
    );
    expect(gate).toMatchObject({ kind: 'gate', carried: 2 });

    const draft = township({ s3Any: true, s3Columns: [0, 1] });
    const steps = plan({ form: F, draft, kind: 'township', previous });
    expect(steps.find((s) => s.id === 's3.carriedOver[0]')).toMatchObject({
      suggestion: { value: 2, why: 'lastYear' },
    });
    expect(steps.find((s) => s.id === 's3.carriedOver[1]')).toMatchObject({
      suggestion: { value: 0, why: 'lastYear' },
    });
    // Only 上年结转 is offered last year's figure.
    expect(steps.find((s) => s.id === 's3.new[0]')).not.toHaveProperty('suggestion');
    expect(steps.find((s) => s.id === 's3.carryForward[0]')).not.toHaveProperty('suggestion');
    // Last year's report without the figure: nothing offered.
    const partial = { formVersion: '2021', org: { name: '白营镇' }, year: 2023 };
    const without = plan({ form: F, draft, kind: 'township', previous: partial });
    expect(without.find((s) => s.id === 's3.carriedOver[0]')).not.toHaveProperty('suggestion');
    expect(without.find((s) => s.id === 's3.any')).toMatchObject({ carried: undefined });
  });

  it('offers the carry-forward the balance implies, once the intake is known and it is not negative', () => {
    const draft = township({ s3Any: true, s3Columns: [0, 1, 2], s3Rows: ['granted'] });
    setCells(F, draft, { 's3.new[0]': 5, 's3.carriedOver[0]': 1, 's3.granted[0]': 4 });
    setCells(F, draft, { 's3.new[1]': 1, 's3.granted[1]': 3 });
    setCells(F, draft, { 's3.carriedOver[2]': 2 });
    const steps = plan({ form: F, draft, kind: 'township' });
    expect(steps.find((s) => s.id === 's3.carryForward[0]')).toMatchObject({
      suggestion: { value: 2, why: 'balance' },
    });
    // Only 结转下年度 is offered the balance.
    expect(steps.find((s) => s.id === 's3.granted[0]')).not.toHaveProperty('suggestion');
    expect(steps.find((s) => s.id === 's3.carriedOver[0]')).not.toHaveProperty('suggestion');
    // More handled than received: no suggestion. No 新收 yet: none either.
    expect(steps.find((s) => s.id === 's3.carryForward[1]')).not.toHaveProperty('suggestion');
    expect(steps.find((s) => s.id === 's3.carryForward[2]')).not.toHaveProperty('suggestion');
    setCells(F, draft, { 's3.new[2]': 0 });
    const later = plan({ form: F, draft, kind: 'township' });
    expect(later.find((s) => s.id === 's3.carryForward[2]')).toMatchObject({
      suggestion: { value: 2, why: 'balance' },
    });
  });

  it('after "yes, cases", asks which groups, then each group’s four outcomes', () => {
    const yes = plan({ form: F, draft: township({ s4Any: true }), kind: 'township' });
    expect(yes.find((s) => s.id === 's4.groups')).toEqual({
      kind: 'choose',
      id: 's4.groups',
      section: 's4',
      name: '案件类型',
      choices: F.choices.s4Groups,
      common: [1, 2, 3],
    });
    const steps = plan({
      form: F,
      draft: township({ s4Any: true, s4Groups: ['suitAfterReview', 'nothing', 'review'] }),
      kind: 'township',
    });
    const s4 = steps.filter((s) => s.section === 's4');
    expect(ids(s4)).toEqual([
      's4.any',
      's4.groups',
      's4.suitAfterReview.upheld',
      's4.suitAfterReview.corrected',
      's4.suitAfterReview.other',
      's4.suitAfterReview.pending',
      's4.review.upheld',
      's4.review.corrected',
      's4.review.other',
      's4.review.pending',
    ]);
    expect(s4[2]).toEqual({
      kind: 'number',
      id: 's4.suitAfterReview.upheld',
      section: 's4',
      name: '行政诉讼（复议后起诉）·结果维持',
      cell: F.cellByPath.get('s4.suitAfterReview.upheld'),
      about: '行政诉讼（复议后起诉）',
      question: '结果维持的有多少件？',
      restZero: true,
    });
    expect(s4[9]).toMatchObject({ question: '尚未审结的有多少件？', about: '行政复议' });
  });

  it('a "no" asks nothing more of its table', () => {
    const steps = plan({
      form: F,
      draft: township({ s3Any: false, s3Columns: [], s3Rows: [], s4Any: false, s4Groups: [] }),
      kind: 'township',
    });
    expect(ids(steps)).toEqual([...TEXTS_1, ...S2_LOCAL, 's3.any', 's4.any', 's5', 's6']);
  });
});

describe('isAnswered', () => {
  // Planned inside each test (not while the file loads), so each test is what covers the plan.
  const step = (id: string) =>
    plan({ form: F, draft: township({ s3Any: true, s3Columns: [0], s4Any: true }), kind: 'township' }).find(
      (s) => s.id === id,
    )!;

  it('a text once written, even empty; a figure once given, 0 included', () => {
    const draft = township();
    expect(isAnswered(step('s5'), draft)).toBe(false);
    expect(isAnswered(step('s1.proactive'), draft)).toBe(false);
    setText(draft.report, 's5', '');
    setText(draft.report, 's1.proactive', '六条');
    expect(isAnswered(step('s5'), draft)).toBe(true);
    expect(isAnswered(step('s1.proactive'), draft)).toBe(true);
    expect(isAnswered(step('s1.onRequest'), draft)).toBe(false);
    expect(isAnswered(step('s2.licensing'), draft)).toBe(false);
    setCells(F, draft, { 's2.licensing': 0 });
    expect(isAnswered(step('s2.licensing'), draft)).toBe(true);
    expect(isAnswered(step('s2.fees'), draft)).toBe(false);
  });

  it('a yes/no or a choice once answered, "no" and "none" included', () => {
    const draft = township();
    for (const id of ['s3.any', 's4.any', 's3.columns', 's3.rows', 's4.groups']) {
      expect(isAnswered(step(id), draft)).toBe(false);
    }
    draft.flow = { s3Any: false };
    expect(isAnswered(step('s3.any'), draft)).toBe(true);
    expect(isAnswered(step('s4.any'), draft)).toBe(false);
    draft.flow = { s4Any: false };
    expect(isAnswered(step('s3.any'), draft)).toBe(false);
    expect(isAnswered(step('s4.any'), draft)).toBe(true);
    draft.flow = { s3Columns: [] };
    expect(ids(['s3.columns', 's3.rows', 's4.groups'].map(step).filter((s) => isAnswered(s, draft)))).toEqual(
      ['s3.columns'],
    );
    draft.flow = { s3Rows: [] };
    expect(ids(['s3.columns', 's3.rows', 's4.groups'].map(step).filter((s) => isAnswered(s, draft)))).toEqual(
      ['s3.rows'],
    );
    draft.flow = { s4Groups: [] };
    expect(ids(['s3.columns', 's3.rows', 's4.groups'].map(step).filter((s) => isAnswered(s, draft)))).toEqual(
      ['s4.groups'],
    );
  });
});

describe('progress: one stable count', () => {
  it('counts the figures and texts a body of its kind reports, whatever is asked so far', () => {
    const draft = township();
    expect(progress(F, 'township', draft)).toEqual({ done: 0, total: 170 });
    expect(progress(F, 'subdistrict', draft)).toEqual({ done: 0, total: 170 });
    // A county is asked 规章: the three cells a township has as 0 by law now count.
    expect(progress(F, 'county', draft)).toEqual({ done: 3, total: 173 });
    expect(progress(F, 'department', draft)).toEqual({ done: 0, total: 170 });
  });

  it('does not change its total as questions open up, and a "no" fills what it rules out', () => {
    const draft = township();
    draft.flow = { s3Any: true, s3Columns: [0] };
    expect(progress(F, 'township', draft)).toEqual({ done: 0, total: 170 });
    setCells(F, draft, { 's3.new[0]': 1 });
    expect(progress(F, 'township', draft)).toEqual({ done: 1, total: 170 });
    setCells(
      F,
      draft,
      Object.fromEntries(
        F.cellsOf('s4')
          .filter((c) => !c.computed)
          .map((c) => [c.path, 0]),
      ),
    );
    expect(progress(F, 'township', draft)).toEqual({ done: 13, total: 170 });
  });

  it('counts a text once it has more than spaces', () => {
    const draft = township();
    setText(draft.report, 's5', '   ');
    setText(draft.report, 's6', '无');
    setText(draft.report, 's1.oversight', ' 培训 ');
    expect(progress(F, 'township', draft)).toEqual({ done: 2, total: 170 });
  });
});

describe('another version of the format', () => {
  it('asks a row of a table with neither columns nor a unit by the row', () => {
    const bare = defineForm({
      ...(DATA_2021 as unknown as FormData),
      s2: {
        notApplicable: true,
        tables: [
          { heading: '第二十条第（九）项', columnHeading: '信息内容', rows: [{ id: 'x', label: '某事项' }] },
        ],
      },
    });
    const steps = plan({
      form: bare,
      draft: newDraft(bare, { name: '白营镇', kind: 'township' }, 2024),
      kind: 'township',
    });
    expect(steps.filter((s) => s.section === 's2')).toMatchObject([
      { kind: 'number', id: 's2.x', name: '某事项·' },
    ]);
  });
});
