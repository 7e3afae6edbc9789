import { describe, expect, it } from 'vitest';
import { setText } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { newDraft, setCells } from './draft';
import { countFindings, summarize } from './summary';

/** A 五 as reviewers want it (rule 12): a problem and its measures, in 30 characters or more. */
const S5 = '存在的问题：公开方式单一，更新不够及时。改进措施：下一步加强培训，完善制度，按时更新。';

describe('summarize', () => {
  it('counts the answered items of a body’s kind, and the open errors and warnings', () => {
    const draft = newDraft(F, { name: '白营镇', kind: 'township' }, 2024);
    // A township is not asked 规章: 166 cells less 3, and 7 texts, each still empty (rule 9).
    const first = summarize(F, draft, 'township');
    expect(first).toMatchObject({ done: 0, total: 170, errors: 0, warnings: 7 });
    // Each warning by its key (rule, cells, figures), for the verdicts the dashboard counts against.
    expect(first.warningKeys).toEqual(F.texts.map((t) => `9|${t.path}||`));

    setText(draft.report, 's5', S5);
    setCells(F, draft, { 's4.review.upheld': 2, 's4.review.corrected': 0, 's4.review.other': 0 });
    setCells(F, draft, { 's4.review.pending': 1 });
    // 4 cells and one text answered; table 四 adds up.
    expect(summarize(F, draft, 'township')).toMatchObject({ done: 5, total: 170, errors: 0, warnings: 6 });

    setCells(F, draft, { 's2.licensing': -1 });
    // 「无」 is written (progress) but says nothing (rule 9 still warns).
    setText(draft.report, 's6', '无');
    expect(summarize(F, draft, 'township')).toMatchObject({ done: 7, total: 170, errors: 1, warnings: 6 });
  });

  it('compares with last year’s report when given', () => {
    const draft = newDraft(F, { name: '县政府', kind: 'county' }, 2024);
    setText(draft.report, 's5', S5);
    const previous = { formVersion: '2021', org: { name: '县政府' }, year: 2023, s5: S5 };
    // Six texts still empty, and 五 copied from last year.
    expect(summarize(F, draft, 'county', previous)).toMatchObject({
      done: 1,
      total: 173,
      errors: 0,
      warnings: 7,
    });
    expect(summarize(F, draft, 'county')).toMatchObject({ done: 1, total: 173, errors: 0, warnings: 6 });
  });

  it('counts a report’s findings alone as the summary does, with or without last year’s report', () => {
    const draft = newDraft(F, { name: '县政府', kind: 'county' }, 2024);
    setText(draft.report, 's5', S5);
    setCells(F, draft, { 's2.licensing': -1 });
    const previous = { formVersion: '2021', org: { name: '县政府' }, year: 2023, s5: S5 };
    const { done: _d, total: _t, ...withLastYear } = summarize(F, draft, 'county', previous);
    expect(countFindings(draft.report, previous)).toEqual(withLastYear);
    expect(withLastYear).toMatchObject({ errors: 1, warnings: 7 });
    const { done: _d2, total: _t2, ...alone } = summarize(F, draft, 'county');
    expect(countFindings(draft.report)).toEqual(alone);
    expect(alone.warnings).toBe(6);
  });
});
