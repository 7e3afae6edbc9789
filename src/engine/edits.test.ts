// The web form's saves, merged cell by cell into the draft as it is now: an edit based on the value
// still there applies; the same change made elsewhere is no conflict; a different one is, never a
// silent overwrite; an answer never wipes figures the editor did not see. And what a save may hold.
import { describe, expect, it } from 'vitest';
import { getText } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { cellValue, newDraft, setCells, type Draft } from './draft';
import { draftFromValues, formValues, mergeEdits, validateEdits, type Edits } from './edits';

const township = (flow: Draft['flow'] = {}) => {
  const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
  draft.flow = flow;
  return draft;
};
const refused = (edits: unknown) => validateEdits(F, edits);

describe('formValues', () => {
  it('gives every entered cell, text and flow answer, null where unanswered', () => {
    const draft = township({ s3Any: true, s3Columns: [0, 2] });
    setCells(F, draft, { 's3.new[0]': 4, 's2.fees': 1.5 });
    draft.report.s5 = '问题。';
    const values = formValues(F, draft);
    expect(Object.keys(values)).toHaveLength(166 + 7 + 5);
    expect(values['s3.new[0]']).toBe(4);
    expect(values['s3.new[1]']).toBeNull();
    expect(values['s2.fees']).toBe(1.5);
    expect(values['s2.rules.issued']).toBe(0);
    expect(values['s5']).toBe('问题。');
    expect(values['s6']).toBeNull();
    expect(values['flow.s3Any']).toBe(true);
    expect(values['flow.s3Columns']).toEqual([0, 2]);
    expect(values['flow.s3Rows']).toBeNull();
    expect(values['flow.s4Any']).toBeNull();
    // Totals are computed, never edited.
    expect('s3.new[6]' in values).toBe(false);
    expect('s4.review.total' in values).toBe(false);
  });
});

describe('validateEdits: what one save may hold', () => {
  it('takes cells, texts and answers, each as [based on, new value]', () => {
    const edits = {
      's3.new[0]': [null, 3],
      's2.fees': [0, 5949.088667],
      's4.review.upheld': [1, null],
      's1.proactive': [null, '六条。'],
      s5: ['旧', null],
      'flow.s3Any': [null, true],
      'flow.s4Any': [true, false],
      'flow.s3Columns': [null, [0, 2, 5]],
      'flow.s3Rows': [null, ['granted', 'other3']],
      'flow.s4Groups': [['review'], ['suitAfterReview', 'review']],
    };
    expect(validateEdits(F, edits)).toEqual({ ok: true, edits });
    expect(
      validateEdits(F, { 'flow.s3Columns': [null, null], 'flow.s3Rows': [['granted'], []] }),
    ).toMatchObject({
      ok: true,
    });
  });

  it.each([null, undefined, 'x', 3, [], [['s3.new[0]', [null, 1]]]])('refuses %j as a save', (edits) => {
    expect(refused(edits)).toEqual({ ok: false, message: '保存的数据格式不正确' });
  });

  it.each([
    [{ 's3.new[0]': 3 }],
    [{ 's3.new[0]': [3] }],
    [{ 's3.new[0]': [null, 3, 4] }],
    [{ 's3.new[0]': '3' }],
  ])('refuses an edit that is not [based on, new value]: %j', (edits) => {
    expect(refused(edits)).toEqual({ ok: false, message: '保存的数据格式不正确' });
  });

  it('takes at most 400 edits in one save', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, [null, 1]]));
    // 400 are looked at one by one (and these are no cells); 401 are refused as too many at once.
    expect(refused(many(400))).toEqual({ ok: false, message: '不认识的填报项：x0' });
    expect(refused(many(401))).toEqual({ ok: false, message: '一次保存的改动太多' });
  });

  it('takes a text of up to 20,000 characters', () => {
    expect(validateEdits(F, { s6: [null, '字'.repeat(20_000)] })).toMatchObject({ ok: true });
    expect(refused({ s6: [null, '字'.repeat(20_001)] })).toEqual({
      ok: false,
      message: 's6：文字过长，最多 20000 字',
    });
    // Anything but a string (or null) is no text either.
    expect(refused({ s5: [null, ['文字']] })).toEqual({ ok: false, message: 's5：文字过长，最多 20000 字' });
    expect(refused({ 's1.onRequest': [null, 5] })).toEqual({
      ok: false,
      message: 's1.onRequest：文字过长，最多 20000 字',
    });
  });

  it('bounds the value an edit was based on as strictly as the new one (a text only by its type)', () => {
    const zeros = Array<number>(400_000).fill(0);
    expect(refused({ 'flow.s3Columns': [null, zeros] })).toEqual({
      ok: false,
      message: 'flow.s3Columns：选择不正确',
    });
    expect(refused({ 'flow.s3Columns': [zeros, null] })).toEqual({
      ok: false,
      message: 'flow.s3Columns：选择不正确',
    });
    expect(refused({ 'flow.s3Rows': [[1], []] })).toMatchObject({ ok: false });
    // A text's base may be longer than today's limit (a text stored before the limit was set can
    // still be edited down); only its type is checked.
    expect(validateEdits(F, { s6: ['字'.repeat(20_001), '短'] })).toMatchObject({ ok: true });
    expect(refused({ s6: [5, '短'] })).toMatchObject({ ok: false });
    expect(refused({ 's2.licensing': [-1, 3] })).toMatchObject({ ok: false });
    expect(refused({ 's2.licensing': ['3', 3] })).toMatchObject({ ok: false });
    expect(refused({ 's3.new[0]': [1.5, 3] })).toMatchObject({ ok: false });
    expect(refused({ 'flow.s3Any': [{ deep: [1, 2, 3] }, true] })).toEqual({
      ok: false,
      message: 'flow.s3Any：选择不正确',
    });
    expect(validateEdits(F, { 's2.licensing': [3, null], s6: ['字'.repeat(20_000), '字'] })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['flow.s3Any', 'yes'],
    ['flow.s4Any', 0],
    ['flow.s3Columns', [6]],
    ['flow.s3Columns', [0, 0]],
    ['flow.s3Columns', ['0']],
    ['flow.s3Columns', 0],
    ['flow.s3Columns', [0, 1, 2, 3, 4, 5, 5]],
    ['flow.s3Rows', ['total']],
    ['flow.s3Rows', ['granted', 'granted']],
    ['flow.s3Rows', 'granted'],
    ['flow.s4Groups', ['review', 'appeal']],
    ['flow.s4Groups', [0]],
    ['flow.s4Groups', true],
  ])('refuses %s = %j: a bounded list of distinct known choices', (path, value) => {
    expect(refused({ [path]: [null, value] })).toEqual({ ok: false, message: `${path}：选择不正确` });
  });

  it.each([
    ['s3.new[6]', 1, '不认识的填报项：s3.new[6]'],
    ['s4.review.total', 1, '不认识的填报项：s4.review.total'],
    ['s3.new', 1, '不认识的填报项：s3.new'],
    ['flow.other', true, '不认识的填报项：flow.other'],
    ['s3.new[0]', -1, '新收·自然人：应为非负整数'],
    ['s3.granted[2]', 1.5, '予以公开·科研机构：应为非负整数'],
    ['s4.suitDirect.pending', '2', '行政诉讼（未经复议直接起诉）·尚未审结：应为非负整数'],
    ['s2.licensing', 100_000_001, '行政许可·本年处理决定数量：应为非负整数'],
    ['s2.fees', -0.5, '行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元）'],
    ['s2.fees', true, '行政事业性收费·本年收费金额（单位：万元）：应为非负数（万元）'],
    ['s3.new[0]', '/', '新收·自然人：这一格不能填“/”（不适用）'],
    ['s4.review.upheld', '/', '行政复议·结果维持：这一格不能填“/”（不适用）'],
    ['s2.licensing', '不适用', '行政许可·本年处理决定数量：应为非负整数'],
  ])('refuses %s = %j', (path, value, message) => {
    expect(refused({ [path]: [null, value] })).toEqual({ ok: false, message });
  });

  it('takes 不适用 (“/”) in table 二', () => {
    expect(refused({ 's2.licensing': [null, '/'], 's2.fees': [0, '/'] })).toMatchObject({ ok: true });
  });

  it('says the first problem', () => {
    expect(refused({ 's3.new[0]': [null, 1], 's3.new[1]': [null, -1], 's3.new[2]': [null, -2] })).toEqual({
      ok: false,
      message: '新收·商业企业：应为非负整数',
    });
  });
});

describe('mergeEdits', () => {
  it('applies an edit based on the value still there, keeps totals computed, and leaves the draft given alone', () => {
    const current = township();
    setCells(F, current, { 's3.new[0]': 1 });
    const merged = mergeEdits(F, current, {
      's3.new[0]': [1, 3],
      's3.new[1]': [null, 2],
      s5: [null, '问题。'],
    });
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual({ 's3.new[0]': [1, 3], 's3.new[1]': [null, 2], s5: [null, '问题。'] });
    expect(cellValue(F, merged.draft.report, 's3.new[6]')).toBe(5);
    expect(merged.draft.report.s5).toBe('问题。');
    expect(cellValue(F, current.report, 's3.new[0]')).toBe(1);
    expect(current.report.s5).toBeUndefined();
  });

  it('takes the same change made elsewhere as no conflict and no change', () => {
    const current = township();
    setCells(F, current, { 's2.licensing': 7 });
    current.report.s6 = '未收费。';
    const merged = mergeEdits(F, current, { 's2.licensing': [3, 7], s6: ['旧', '未收费。'] });
    expect(merged).toMatchObject({ conflicts: [], changes: {} });
    expect(merged.draft).toEqual(current);
  });

  it('reports a cell changed differently elsewhere as a conflict, and keeps the other value', () => {
    const current = township();
    setCells(F, current, { 's2.licensing': 7, 's2.penalties': 1 });
    const merged = mergeEdits(F, current, { 's2.licensing': [3, 5], 's2.penalties': [1, 2] });
    expect(merged.conflicts).toEqual([{ path: 's2.licensing', mine: 5, theirs: 7 }]);
    expect(merged.changes).toEqual({ 's2.penalties': [1, 2] });
    expect(cellValue(F, merged.draft.report, 's2.licensing')).toBe(7);
    // A text the bot wrote meanwhile, a figure given meanwhile: conflicts too.
    current.report.s5 = '机器人记下的。';
    const texts = mergeEdits(F, current, { s5: [null, '网页写的。'], 's2.penalties': [null, 4] });
    expect(texts.conflicts).toEqual([
      { path: 's5', mine: '网页写的。', theirs: '机器人记下的。' },
      { path: 's2.penalties', mine: 4, theirs: 1 },
    ]);
  });

  it('clears a cell or a text set to null', () => {
    const current = township();
    setCells(F, current, { 's4.review.upheld': 2, 's4.review.pending': 1 });
    current.report.s1 = { proactive: '六条。' } as never;
    const merged = mergeEdits(F, current, {
      's4.review.upheld': [2, null],
      's1.proactive': ['六条。', null],
    });
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual({ 's4.review.upheld': [2, null], 's1.proactive': ['六条。', null] });
    expect(cellValue(F, merged.draft.report, 's4.review.upheld')).toBeUndefined();
    expect(merged.draft.report.s4!.review).toEqual({ pending: 1, total: 1 });
    expect(cellValue(F, merged.draft.report, 's4.review.total')).toBe(1);
    expect(getText(merged.draft.report, 's1.proactive')).toBeUndefined();
  });

  it('an answer applies its zeros first, so a figure typed in the same save lands after them', () => {
    const current = township({ s3Any: true, s3Columns: [0, 1] });
    setCells(F, current, { 's3.new[1]': 0 });
    // Typed first in the save, but the answer is applied first: otherwise it would wipe the figure.
    const edits: Edits = { 's3.new[1]': [0, 2], 'flow.s3Columns': [[0, 1], [0]] };
    const merged = mergeEdits(F, current, edits);
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual({ 'flow.s3Columns': [[0, 1], [0]], 's3.new[1]': [0, 2] });
    expect(cellValue(F, merged.draft.report, 's3.new[1]')).toBe(2);
    expect(cellValue(F, merged.draft.report, 's3.granted[1]')).toBe(0);
    expect(cellValue(F, merged.draft.report, 's3.granted[0]')).toBeUndefined();
    // The figure in column 1 widens the answer again.
    expect(merged.draft.flow).toEqual({ s3Any: true, s3Columns: [0, 1] });
  });

  it('an answer that would wipe figures the editor did not see is a conflict', () => {
    const current = township({ s3Any: true, s3Columns: [0, 1] });
    setCells(F, current, { 's3.new[1]': 2 });
    const merged = mergeEdits(F, current, { 'flow.s3Columns': [[0, 1], [0]] });
    expect(merged.conflicts).toEqual([{ path: 'flow.s3Columns', mine: [0], theirs: [0, 1] }]);
    expect(merged.changes).toEqual({});
    expect(cellValue(F, merged.draft.report, 's3.new[1]')).toBe(2);
    expect(merged.draft.flow).toEqual({ s3Any: true, s3Columns: [0, 1] });
    // A "no" to table 四 while cases were entered elsewhere: the same.
    setCells(F, current, { 's4.review.upheld': 1 });
    current.flow.s4Any = true;
    expect(mergeEdits(F, current, { 'flow.s4Any': [true, false] }).conflicts).toEqual([
      { path: 'flow.s4Any', mine: false, theirs: true },
    ]);
  });

  it('an answer whose wiped figures the same save sets to 0 applies', () => {
    const current = township({ s3Any: true, s3Columns: [0, 1] });
    setCells(F, current, { 's3.new[1]': 2, 's3.granted[1]': 2 });
    const merged = mergeEdits(F, current, {
      'flow.s3Columns': [[0, 1], [0]],
      's3.new[1]': [2, 0],
      's3.granted[1]': [2, 0],
    });
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual({ 'flow.s3Columns': [[0, 1], [0]] });
    expect(cellValue(F, merged.draft.report, 's3.new[1]')).toBe(0);
    expect(merged.draft.flow.s3Columns).toEqual([0]);
    // Only some of them set to 0 in the save: still a conflict.
    const partly = mergeEdits(F, current, { 'flow.s3Columns': [[0, 1], [0]], 's3.new[1]': [2, 0] });
    expect(partly.conflicts).toEqual([{ path: 'flow.s3Columns', mine: [0], theirs: [0, 1] }]);
    // A figure changed rather than set to 0 does not count.
    const changed = mergeEdits(F, current, {
      'flow.s3Columns': [[0, 1], [0]],
      's3.new[1]': [2, 1],
      's3.granted[1]': [2, 0],
    });
    expect(changed.conflicts).toContainEqual({ path: 'flow.s3Columns', mine: [0], theirs: [0, 1] });
  });

  it('a "no" with nothing to wipe applies and answers which: none', () => {
    const merged = mergeEdits(F, township(), { 'flow.s3Any': [null, false] });
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual({ 'flow.s3Any': [null, false] });
    expect(merged.draft.flow).toEqual({ s3Any: false, s3Columns: [], s3Rows: [] });
    expect(cellValue(F, merged.draft.report, 's3.carryForward[5]')).toBe(0);
    expect(cellValue(F, merged.draft.report, 's3.new[6]')).toBe(0);
  });

  it('widens the answers to figures typed in the form', () => {
    const current = township({ s3Any: true, s3Columns: [0], s3Rows: ['granted'] });
    const merged = mergeEdits(F, current, { 's3.partial[2]': [null, 1] });
    expect(merged.draft.flow).toEqual({ s3Any: true, s3Columns: [0, 2], s3Rows: ['granted', 'partial'] });
  });
});

describe('draftFromValues', () => {
  it('holds exactly the form’s values, with totals computed', () => {
    const draft = draftFromValues(
      F,
      { org: { name: '白营镇', kind: 'township' }, year: 2024 },
      {
        's3.new[0]': 2,
        's3.new[1]': 1,
        's3.new[2]': null,
        's3.new[6]': 9,
        's3.nothing': 4,
        's2.licensing': '5' as never,
        's1.proactive': undefined as never,
        s5: '问题。',
        s6: null,
        'flow.s3Any': true,
        'flow.s3Columns': [0, 1],
        'flow.s4Any': null,
      },
    );
    expect(draft).toEqual({
      report: expect.objectContaining({
        formVersion: '2021',
        org: { name: '白营镇', kind: 'township' },
        year: 2024,
        s5: '问题。',
      }),
      flow: { s3Any: true, s3Columns: [0, 1] },
    });
    expect(draft.report.s3!.new).toEqual([2, 1, undefined, undefined, undefined, undefined, 3]);
    expect(draft.report.s2).toBeUndefined();
    expect(draft.report.s1).toBeUndefined();
    expect(cellValue(F, draft.report, 's4.review.total')).toBe(0);
    expect('s6' in draft.report).toBe(false);
    expect('s4Any' in draft.flow).toBe(false);
  });
});
