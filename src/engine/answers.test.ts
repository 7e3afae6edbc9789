// What the flow's own answers do to the figures: "no applications" and the columns, outcomes and
// groups of cases ticked set the rest to 0; figures typed elsewhere widen the answers; a figure is
// never wiped without being seen; 「本节其余为0」 fills blanks only.
import { describe, expect, it } from 'vitest';
import { emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import {
  applyAnswer,
  draftFromReport,
  figuresInUse,
  fillBlanks,
  FLOW_PATHS,
  flowKey,
  isFlowPath,
  ruledOut,
  widenAnswers,
  wipedBy,
  withAnswer,
} from './answers';
import { cellValue, newDraft, type Draft } from './draft';

function report(values: Record<string, number>): Report {
  const r = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
  for (const [path, v] of Object.entries(values)) setCell(r, F.cellByPath.get(path)!, v);
  return r;
}

function draft(values: Record<string, number> = {}, flow: Draft['flow'] = {}): Draft {
  const d = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
  for (const [path, v] of Object.entries(values)) setCell(d.report, F.cellByPath.get(path)!, v);
  d.flow = flow;
  return d;
}

describe('flow paths', () => {
  it('are the five answers the form shows beside the figures', () => {
    expect(FLOW_PATHS).toEqual([
      'flow.s3Any',
      'flow.s3Columns',
      'flow.s3Rows',
      'flow.s4Any',
      'flow.s4Groups',
    ]);
    expect(flowKey('flow.s3Columns')).toBe('s3Columns');
    expect(flowKey('flow.s4Any')).toBe('s4Any');
    expect(isFlowPath('flow.s4Groups')).toBe(true);
    expect(isFlowPath('flow.s5')).toBe(false);
    expect(isFlowPath('s3Any')).toBe(false);
    expect(isFlowPath('s3.new[0]')).toBe(false);
  });
});

describe('figuresInUse', () => {
  it('names the applicant columns, outcomes and groups of cases that hold a figure', () => {
    const r = report({
      's3.new[0]': 2,
      's3.granted[2]': 1,
      's3.carryForward[4]': 1,
      's3.unavailable1[0]': 3,
      's4.suitDirect.pending': 1,
    });
    expect(figuresInUse(F, r)).toEqual({
      columns: [0, 2, 4],
      rows: ['granted', 'unavailable1'],
      groups: ['suitDirect'],
    });
  });

  it('ignores zeros, blanks and totals (a total alone says nothing about where it came from)', () => {
    expect(figuresInUse(F, report({}))).toEqual({ columns: [], rows: [], groups: [] });
    expect(figuresInUse(F, { s3: { new: [0, null] } })).toEqual({ columns: [], rows: [], groups: [] });
    const totalsOnly = report({ 's3.total[0]': 2, 's3.granted[6]': 4, 's4.review.total': 3 });
    expect(figuresInUse(F, totalsOnly)).toEqual({ columns: [], rows: [], groups: [] });
  });
});

describe('draftFromReport', () => {
  it('holds a copy of the report, with the answers its figures imply', () => {
    const r = report({ 's3.new[1]': 1, 's3.partial[1]': 1, 's4.review.upheld': 1 });
    const d = draftFromReport(F, r);
    expect(d.report).toEqual(r);
    expect(d.report).not.toBe(r);
    d.report.s3!.new[1] = 5;
    expect(r.s3.new[1]).toBe(1);
    expect(d.flow).toEqual({
      s3Any: true,
      s3Columns: [1],
      s3Rows: ['partial'],
      s4Any: true,
      s4Groups: ['review'],
    });
  });

  it('answers "no" to both tables for a report of zeros', () => {
    expect(draftFromReport(F, report({})).flow).toEqual({
      s3Any: false,
      s3Columns: [],
      s3Rows: [],
      s4Any: false,
      s4Groups: [],
    });
  });
});

describe('widenAnswers', () => {
  it('adds the columns, outcomes and groups that figures typed in the form use, in order', () => {
    const d = draft(
      { 's3.new[1]': 1, 's3.granted[1]': 1, 's4.suitDirect.upheld': 2 },
      { s3Any: false, s3Columns: [3, 0], s3Rows: ['partial'], s4Any: false, s4Groups: ['review'] },
    );
    widenAnswers(F, d);
    expect(d.flow).toEqual({
      s3Any: true,
      s3Columns: [0, 1, 3],
      s3Rows: ['partial', 'granted'],
      s4Any: true,
      s4Groups: ['review', 'suitDirect'],
    });
  });

  it('answers the questions not asked yet, except which outcomes (they are asked next)', () => {
    const d = draft({ 's3.carriedOver[2]': 1, 's4.suitAfterReview.other': 1 });
    widenAnswers(F, d);
    expect(d.flow).toEqual({ s3Any: true, s3Columns: [2], s4Any: true, s4Groups: ['suitAfterReview'] });
  });

  it('leaves a table’s answers alone while it has no figure', () => {
    const d = draft({ 's4.review.upheld': 1 }, { s3Any: false, s3Columns: [], s3Rows: [] });
    widenAnswers(F, d);
    expect(d.flow).toEqual({ s3Any: false, s3Columns: [], s3Rows: [], s4Any: true, s4Groups: ['review'] });
    const none = draft({ 's3.new[0]': 1 }, {});
    widenAnswers(F, none);
    expect(none.flow).toEqual({ s3Any: true, s3Columns: [0] });
    expect('s4Any' in none.flow).toBe(false);
  });

  it('never narrows: without figures the answers stay as they are', () => {
    const flow = { s3Any: true, s3Columns: [4], s3Rows: ['granted'], s4Any: false, s4Groups: [] };
    const d = draft({ 's3.new[4]': 0 }, structuredClone(flow));
    widenAnswers(F, d);
    expect(d.flow).toEqual(flow);
    const same = draft({ 's3.new[4]': 2, 's3.granted[4]': 2 }, structuredClone(flow));
    widenAnswers(F, same);
    expect(same.flow).toEqual(flow);
  });
});

describe('ruledOut', () => {
  const paths = (flow: Draft['flow'], section: 's3' | 's4') => ruledOut(F, flow, section).map((c) => c.path);

  it('"no applications" rules out every entered cell of table 三', () => {
    const cells = paths({ s3Any: false }, 's3');
    expect(cells).toHaveLength(24 * 6);
    expect(cells).toContain('s3.carryForward[5]');
    expect(cells).not.toContain('s3.new[6]');
  });

  it('the applicant columns ticked rule out the other columns, in every row', () => {
    const cells = paths({ s3Any: true, s3Columns: [0, 2] }, 's3');
    expect(cells).toHaveLength(24 * 4);
    expect(cells).toContain('s3.new[1]');
    expect(cells).toContain('s3.carriedOver[5]');
    expect(cells).not.toContain('s3.new[0]');
    expect(cells).not.toContain('s3.granted[2]');
  });

  it('the outcomes ticked rule out the other outcome rows, never 新收, 上年结转 or 结转下年度', () => {
    const cells = paths({ s3Any: true, s3Rows: ['granted'] }, 's3');
    expect(cells).toHaveLength(20 * 6);
    expect(cells).toContain('s3.partial[0]');
    expect(cells).toContain('s3.other3[5]');
    expect(cells).not.toContain('s3.granted[0]');
    expect(cells).not.toContain('s3.new[0]');
    expect(cells).not.toContain('s3.carryForward[0]');
  });

  it('columns and outcomes together rule out either', () => {
    const cells = paths({ s3Any: true, s3Columns: [0], s3Rows: ['granted'] }, 's3');
    // Columns 1–5 in all 24 rows, and the 20 other outcomes in column 0.
    expect(cells).toHaveLength(24 * 5 + 20);
    expect(cells).toContain('s3.partial[0]');
    expect(cells).toContain('s3.granted[1]');
    expect(cells).not.toContain('s3.granted[0]');
  });

  it('rules out nothing before anything is answered, or after a "yes" alone', () => {
    expect(paths({}, 's3')).toEqual([]);
    expect(paths({ s3Any: true }, 's3')).toEqual([]);
    expect(paths({}, 's4')).toEqual([]);
    expect(paths({ s4Any: true }, 's4')).toEqual([]);
  });

  it('"no cases" rules out table 四, the groups ticked the other groups', () => {
    expect(paths({ s4Any: false }, 's4')).toEqual([
      's4.review.upheld',
      's4.review.corrected',
      's4.review.other',
      's4.review.pending',
      's4.suitDirect.upheld',
      's4.suitDirect.corrected',
      's4.suitDirect.other',
      's4.suitDirect.pending',
      's4.suitAfterReview.upheld',
      's4.suitAfterReview.corrected',
      's4.suitAfterReview.other',
      's4.suitAfterReview.pending',
    ]);
    expect(paths({ s4Any: true, s4Groups: ['suitDirect'] }, 's4')).toEqual([
      's4.review.upheld',
      's4.review.corrected',
      's4.review.other',
      's4.review.pending',
      's4.suitAfterReview.upheld',
      's4.suitAfterReview.corrected',
      's4.suitAfterReview.other',
      's4.suitAfterReview.pending',
    ]);
    // Table 三's answers say nothing about table 四, and the reverse.
    expect(paths({ s3Any: false, s4Any: true }, 's4')).toEqual([]);
    expect(paths({ s4Any: false, s3Any: true }, 's3')).toEqual([]);
  });
});

describe('withAnswer', () => {
  it('records an answer without changing the answers given', () => {
    const flow = { s3Any: true };
    expect(withAnswer(flow, 's3Columns', [1])).toEqual({ s3Any: true, s3Columns: [1] });
    expect(flow).toEqual({ s3Any: true });
  });

  it('"no" also answers which: none', () => {
    expect(withAnswer({ s3Columns: [1], s3Rows: ['granted'] }, 's3Any', false)).toEqual({
      s3Any: false,
      s3Columns: [],
      s3Rows: [],
    });
    expect(withAnswer({ s4Groups: ['review'] }, 's4Any', false)).toEqual({ s4Any: false, s4Groups: [] });
    expect(withAnswer({ s3Columns: [1] }, 's3Any', true)).toEqual({ s3Any: true, s3Columns: [1] });
    expect(withAnswer({ s4Groups: ['review'] }, 's4Any', true)).toEqual({
      s4Any: true,
      s4Groups: ['review'],
    });
    // A "no" to one table leaves the other's answers alone.
    expect(withAnswer({ s4Groups: ['review'] }, 's3Any', false)).toEqual({
      s3Any: false,
      s3Columns: [],
      s3Rows: [],
      s4Groups: ['review'],
    });
    expect(withAnswer({ s3Columns: [1] }, 's4Any', false)).toEqual({
      s3Columns: [1],
      s4Any: false,
      s4Groups: [],
    });
  });

  it('forgets an answer cleared to null', () => {
    expect(withAnswer({ s3Any: true, s3Columns: [1] }, 's3Columns', null)).toEqual({ s3Any: true });
    expect(withAnswer({ s4Any: false, s4Groups: [] }, 's4Any', null)).toEqual({ s4Groups: [] });
  });
});

describe('applyAnswer', () => {
  it('sets to 0 the cells ruled out and returns exactly those that changed', () => {
    const d = draft({ 's3.new[1]': 2, 's3.new[2]': 0, 's3.new[0]': 4 }, { s3Any: true });
    const changes = applyAnswer(F, d, 's3Columns', [0]);
    expect(d.flow).toEqual({ s3Any: true, s3Columns: [0] });
    expect(Object.keys(changes)).toHaveLength(24 * 5 - 1);
    expect(changes['s3.new[1]']).toEqual([2, 0]);
    expect(changes['s3.granted[3]']).toEqual([null, 0]);
    expect(changes['s3.new[2]']).toBeUndefined();
    expect(changes['s3.new[0]']).toBeUndefined();
    expect(cellValue(F, d.report, 's3.new[6]')).toBe(4);
    expect(cellValue(F, d.report, 's3.granted[0]')).toBeUndefined();
  });

  it('an answer about table 四 changes only table 四', () => {
    const d = draft({}, { s3Any: false });
    const changes = applyAnswer(F, d, 's4Any', false);
    expect(Object.keys(changes)).toHaveLength(12);
    expect(Object.keys(changes).every((p) => p.startsWith('s4.'))).toBe(true);
    expect(cellValue(F, d.report, 's4.review.total')).toBe(0);
    expect(cellValue(F, d.report, 's3.new[0]')).toBeUndefined();
  });

  it('outcomes are table 三’s: ticking them zeroes the other outcome rows', () => {
    const d = draft({}, { s3Any: true, s3Columns: [0] });
    const changes = applyAnswer(F, d, 's3Rows', ['granted', 'partial']);
    // Columns 1–5 everywhere, the other 19 outcomes in column 0.
    expect(Object.keys(changes)).toHaveLength(24 * 5 + 19);
    expect(changes['s3.granted[0]']).toBeUndefined();
    expect(changes['s3.withheld1[0]']).toEqual([null, 0]);
  });
});

describe('wipedBy', () => {
  it('names the figures other than 0 that an answer would set to 0', () => {
    const d = draft(
      { 's3.new[1]': 2, 's3.new[2]': 0, 's3.granted[3]': 1, 's3.new[0]': 5 },
      { s3Any: true, s3Columns: [0, 1, 3] },
    );
    expect(wipedBy(F, d, 's3Columns', [0])).toEqual(['s3.new[1]', 's3.granted[3]']);
    expect(wipedBy(F, d, 's3Any', false)).toEqual(['s3.new[0]', 's3.new[1]', 's3.granted[3]']);
    expect(wipedBy(F, d, 's3Columns', [0, 1, 3])).toEqual([]);
    // Asking does not answer.
    expect(d.flow).toEqual({ s3Any: true, s3Columns: [0, 1, 3] });
    expect(cellValue(F, d.report, 's3.new[1]')).toBe(2);
  });

  it('looks at the table the answer is about', () => {
    const d = draft({ 's4.review.upheld': 1, 's3.new[0]': 1 }, {});
    expect(wipedBy(F, d, 's4Groups', ['suitDirect'])).toEqual(['s4.review.upheld']);
    expect(wipedBy(F, d, 's4Any', false)).toEqual(['s4.review.upheld']);
  });
});

describe('fillBlanks (「本节其余为0」)', () => {
  it('fills with 0 only the cells that have no figure yet', () => {
    const d = draft({ 's2.licensing': 7, 's2.penalties': 0 });
    const paths = ['s2.normativeDocs.issued', 's2.licensing', 's2.penalties', 's2.fees'];
    const changes = fillBlanks(F, d, paths);
    expect(changes).toEqual({ 's2.normativeDocs.issued': [null, 0], 's2.fees': [null, 0] });
    expect(getCell(d.report, F.cellByPath.get('s2.licensing')!)).toBe(7);
    expect(getCell(d.report, F.cellByPath.get('s2.fees')!)).toBe(0);
    expect(getCell(d.report, F.cellByPath.get('s2.enforcement')!)).toBeUndefined();
    expect(fillBlanks(F, d, paths)).toEqual({});
  });
});
