// A draft: the report as far as it is answered, and the helpers that read and change it.
import { describe, expect, it } from 'vitest';
import { FORM_2021 as F } from '../../forms/report-2021';
import { cellValue, missingCells, newDraft, setCells, toReport } from './draft';

const RULES_CELLS = ['s2.rules.issued', 's2.rules.repealed', 's2.rules.inForce'];

describe('newDraft', () => {
  it('starts a township with nothing answered but 规章, which it reports as 0 by law', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    expect(draft).toEqual({
      report: {
        formVersion: '2021',
        org: { name: '白营镇', kind: 'township' },
        year: 2024,
        s2: { rules: { issued: 0, repealed: 0, inForce: 0 } },
      },
      flow: {},
    });
  });

  it('asks a county 规章 like everything else', () => {
    const draft = newDraft(F, { name: '汤阴县人民政府', kind: 'county' }, 2024);
    expect(draft.report).toEqual({
      formVersion: '2021',
      org: { name: '汤阴县人民政府', kind: 'county' },
      year: 2024,
    });
    expect(missingCells(F, draft.report)).toHaveLength(166);
  });
});

describe('cellValue', () => {
  it('reads a cell by its path, and nothing for a path that is no cell', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'subdistrict' }, 2024);
    expect(cellValue(F, draft.report, 's2.rules.issued')).toBe(0);
    expect(cellValue(F, draft.report, 's2.licensing')).toBeUndefined();
    expect(cellValue(F, draft.report, 's2.nothing')).toBeUndefined();
    expect(cellValue(F, { ...draft.report, s5: '文字' }, 's5')).toBeUndefined();
  });
});

describe('setCells', () => {
  it('returns what changed as [before, after], null for a cell not answered before', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    expect(setCells(F, draft, { 's3.new[0]': 3, 's2.rules.issued': 0, 's2.licensing': 0 })).toEqual({
      's3.new[0]': [null, 3],
      's2.licensing': [null, 0],
    });
    expect(setCells(F, draft, { 's3.new[0]': 5 })).toEqual({ 's3.new[0]': [3, 5] });
    expect(setCells(F, draft, { 's3.new[0]': 5 })).toEqual({});
  });

  it('keeps every total computed, counting what is not answered as 0', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    setCells(F, draft, {
      's3.granted[0]': 2,
      's3.granted[1]': 1,
      's3.partial[0]': 4,
      's4.review.pending': 2,
    });
    expect(cellValue(F, draft.report, 's3.granted[6]')).toBe(3);
    expect(cellValue(F, draft.report, 's3.total[0]')).toBe(6);
    expect(cellValue(F, draft.report, 's3.total[6]')).toBe(7);
    expect(cellValue(F, draft.report, 's4.review.total')).toBe(2);
    expect(cellValue(F, draft.report, 's4.suitDirect.total')).toBe(0);
  });
});

describe('missingCells', () => {
  it('lists the entered cells not answered yet, in printed order, never a total', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    const missing = missingCells(F, draft.report);
    expect(missing).toHaveLength(166 - 3);
    expect(missing.slice(0, 3)).toEqual([
      's2.normativeDocs.issued',
      's2.normativeDocs.repealed',
      's2.normativeDocs.inForce',
    ]);
    expect(missing).not.toContain('s3.new[6]');
    setCells(F, draft, { 's2.normativeDocs.issued': 1, 's4.suitAfterReview.pending': 0 });
    expect(missingCells(F, draft.report)).toHaveLength(166 - 5);
    expect(missingCells(F, draft.report).at(-1)).toBe('s4.suitAfterReview.other');
  });
});

describe('toReport', () => {
  it('gives a whole report.json: unanswered cells 0, texts empty, totals computed', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    setCells(F, draft, { 's3.new[0]': 2, 's3.new[2]': 1, 's2.fees': 1.5 });
    draft.report.s1 = { proactive: '六条' } as never;
    draft.report.s6 = '未收费。';
    const report = toReport(F, draft);
    expect(report.formVersion).toBe('2021');
    expect(report.org).toEqual({ name: '白营镇', kind: 'township' });
    expect(report.year).toBe(2024);
    expect(report.s1).toEqual({
      proactive: '六条',
      onRequest: '',
      management: '',
      platforms: '',
      oversight: '',
    });
    expect(report.s5).toBe('');
    expect(report.s6).toBe('未收费。');
    expect(report.s2.fees).toBe(1.5);
    expect(report.s2.licensing).toBe(0);
    expect(report.s3.new).toEqual([2, 0, 1, 0, 0, 0, 3]);
    expect(report.s3.granted).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(report.s4.review).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    for (const path of RULES_CELLS) expect(cellValue(F, report, path)).toBe(0);
  });

  it('recomputes totals a draft holds wrongly', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    draft.report.s3 = { new: [1, 1, 0, 0, 0, 0, 9] } as never;
    expect(toReport(F, draft).s3.new).toEqual([1, 1, 0, 0, 0, 0, 2]);
  });
});
