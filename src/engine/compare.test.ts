// This year's report beside last year's: the figures with their changes, the texts sentence by sentence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyReport, NOT_APPLICABLE, setCell, setText } from '../../forms/model';
import { FORM_2021 as F } from '../../forms/report-2021';
import { compareReports, diffSentences, pieces } from './compare';

describe('diffSentences', () => {
  it('keeps the sentences both years have, and marks the new and the gone ones in their places', () => {
    expect(diffSentences('甲。乙。丙。', '甲。丁。丙。')).toEqual([
      { text: '甲。', kind: 'same' },
      { text: '丁。', kind: 'added' },
      { text: '乙。', kind: 'removed' },
      { text: '丙。', kind: 'same' },
    ]);
  });

  it('takes a sentence with other spacing for the same one, and shows this year’s', () => {
    expect(diffSentences('加强 培训。', '加强培训。')).toEqual([{ text: '加强培训。', kind: 'same' }]);
  });

  it('marks everything new when last year had no text, and everything gone when this year has none', () => {
    expect(diffSentences('', '新写的。')).toEqual([{ text: '新写的。', kind: 'added' }]);
    expect(diffSentences('旧的。', '')).toEqual([{ text: '旧的。', kind: 'removed' }]);
  });

  it('cuts a text after every 。；！？ and line break, keeping them', () => {
    expect(pieces('一是培训；二是考核！三？\n四')).toEqual(['一是培训；', '二是考核！', '三？\n', '四']);
  });

  it('keeps the longest run of sentences both years share, whatever moved around it', () => {
    expect(diffSentences('甲。乙。丙。', '乙。丙。甲。')).toEqual([
      { text: '甲。', kind: 'removed' },
      { text: '乙。', kind: 'same' },
      { text: '丙。', kind: 'same' },
      { text: '甲。', kind: 'added' },
    ]);
    expect(diffSentences('甲。乙。丙。丁。', '戊。乙。丁。己。')).toEqual([
      { text: '戊。', kind: 'added' },
      { text: '甲。', kind: 'removed' },
      { text: '乙。', kind: 'same' },
      { text: '丙。', kind: 'removed' },
      { text: '丁。', kind: 'same' },
      { text: '己。', kind: 'added' },
    ]);
  });

  it('keeps a run of breaks and marks together, and has no sentence in no text', () => {
    expect(pieces('\n\n甲')).toEqual(['\n\n', '甲']);
    expect(pieces('。。')).toEqual(['。。']);
    expect(pieces('')).toEqual([]);
  });

  it('compares 400 sentences one by one, and a text of more whole', () => {
    const long = (n: number) => Array.from({ length: n }, (_, i) => `句${i}。`).join('');
    expect(diffSentences(long(400), long(400))).toHaveLength(400);
    expect(diffSentences('甲。乙。', long(401)).map((p) => p.kind)).toEqual(['removed', 'added']);
    expect(diffSentences(long(401), '甲。乙。').map((p) => p.kind)).toEqual(['removed', 'added']);
  });

  it('compares a very long text whole', () => {
    const long = (c: string) => Array.from({ length: 401 }, (_, i) => `${c}${i}。`).join('');
    expect(diffSentences(long('甲'), long('甲'))).toEqual([{ text: long('甲'), kind: 'same' }]);
    expect(diffSentences(long('甲'), long('乙')).map((p) => p.kind)).toEqual(['removed', 'added']);
  });
});

describe('diffSentences against a reference', () => {
  /** The length of the longest common subsequence, by plain recursion with a memo. */
  function lcsLength(a: readonly string[], b: readonly string[]): number {
    const memo = new Map<string, number>();
    const go = (i: number, j: number): number => {
      if (i === a.length || j === b.length) return 0;
      const k = `${i},${j}`;
      if (!memo.has(k))
        memo.set(k, a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1)));
      return memo.get(k)!;
    };
    return go(0, 0);
  }

  it('keeps as many sentences as the two texts have in common, in order, and loses none', () => {
    const sentence = fc.constantFrom('甲。', '乙。', '丙。', '丁；', '戊！');
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 9 }), fc.array(sentence, { maxLength: 9 }), (a, b) => {
        const out = diffSentences(a.join(''), b.join(''));
        const texts = (kinds: string[]) => out.filter((p) => kinds.includes(p.kind)).map((p) => p.text);
        // Last year's text is what was kept and what went; this year's, what was kept and what came.
        expect(texts(['same', 'removed'])).toEqual(a);
        expect(texts(['same', 'added'])).toEqual(b);
        expect(texts(['same']).length).toBe(lcsLength(a, b));
      }),
    );
  });
});

describe('compareReports', () => {
  const before = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
  const now = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
  setCell(before, F.cellByPath.get('s2.licensing')!, 7);
  setCell(now, F.cellByPath.get('s2.licensing')!, 9);
  setCell(before, F.cellByPath.get('s2.penalties')!, 3);
  setCell(now, F.cellByPath.get('s2.penalties')!, 3);
  setCell(now, F.cellByPath.get('s3.new[6]')!, 4);
  setText(before, 's5', '公开形式单一。下一步加强培训。');
  setText(now, 's5', '公开形式单一。下一步开设专栏。');
  // Compared inside each test, never while the tests are collected.
  const compared = () => compareReports(F, now, before);

  it('gives every figure of tables 二 and 四 and the 总计 column of table 三, with what changed', () => {
    const s2 = compared().tables.find((t) => t.section === 's2')!.figures;
    expect(s2.find((f) => f.path === 's2.licensing')).toEqual({
      path: 's2.licensing',
      label: '行政许可·本年处理决定数量',
      before: 7,
      now: 9,
      changed: true,
    });
    expect(s2.find((f) => f.path === 's2.penalties')).toMatchObject({ before: 3, now: 3, changed: false });
    const s3 = compared().tables.find((t) => t.section === 's3')!.figures;
    expect(s3).toHaveLength(F.s3.rows.length);
    expect(s3[0]).toEqual({
      path: 's3.new[6]',
      label: '一、本年新收政府信息公开申请数量',
      before: 0,
      now: 4,
      changed: true,
    });
    expect(compared().tables.find((t) => t.section === 's4')!.figures).toHaveLength(15);
    // A sub-row under its group, as printed.
    expect(s3.find((f) => f.path === 's3.withheld1[6]')!.label).toBe('（三）不予公开 1.属于国家秘密');
  });

  it('keeps 不适用 as 不适用, not 0, and counts it as a change from a number', () => {
    const none = structuredClone(now);
    setCell(none, F.cellByPath.get('s2.licensing')!, NOT_APPLICABLE);
    const s2 = compareReports(F, none, before).tables.find((t) => t.section === 's2')!.figures;
    expect(s2.find((f) => f.path === 's2.licensing')).toMatchObject({ before: 7, now: '/', changed: true });
    const both = compareReports(F, none, none).tables.find((t) => t.section === 's2')!.figures;
    expect(both.find((f) => f.path === 's2.licensing')).toMatchObject({
      before: '/',
      now: '/',
      changed: false,
    });
    // 0 last year and 不适用 now are not the same answer.
    const zero = structuredClone(before);
    setCell(zero, F.cellByPath.get('s2.licensing')!, 0);
    expect(
      compareReports(F, none, zero).tables[0]!.figures.find((f) => f.path === 's2.licensing')!.changed,
    ).toBe(true);
  });

  it('leaves out a figure a year does not have, rather than showing it as blank', () => {
    const draft = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
    delete (draft.s2 as Record<string, unknown>).licensing;
    const f = compareReports(F, draft, before)
      .tables.find((t) => t.section === 's2')!
      .figures.find((x) => x.path === 's2.licensing')!;
    expect(Object.keys(f)).toEqual(['path', 'label', 'before', 'changed']);
    // And the other way round: a figure only this year has.
    const g = compareReports(F, now, draft)
      .tables.find((t) => t.section === 's2')!
      .figures.find((x) => x.path === 's2.licensing')!;
    expect(Object.keys(g)).toEqual(['path', 'label', 'now', 'changed']);
    expect(f).toMatchObject({ before: 7, changed: true });
  });

  it('gives no likeness when a year’s text is missing or blank', () => {
    const draft = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
    delete (draft as unknown as Record<string, unknown>).s6;
    setText(draft, 's5', '   ');
    const texts = compareReports(F, draft, { ...before, s6: '本年度未收取信息处理费。' }).texts;
    expect(texts.find((t) => t.path === 's6')).toEqual({
      path: 's6',
      name: '六、其他需要报告的事项',
      alike: null,
      pieces: [{ text: '本年度未收取信息处理费。', kind: 'removed' }],
    });
    expect(texts.find((t) => t.path === 's5')!.alike).toBeNull();
    // The same when it is last year's text that is missing or blank.
    const lastYear = emptyReport(F, { name: '白营镇', kind: 'township' }, 2023);
    delete (lastYear as unknown as Record<string, unknown>).s6;
    setText(lastYear, 's5', ' \n ');
    const back = compareReports(F, { ...now, s6: '本年度未收取信息处理费。' }, lastYear).texts;
    expect(back.find((t) => t.path === 's6')).toEqual({
      path: 's6',
      name: '六、其他需要报告的事项',
      alike: null,
      pieces: [{ text: '本年度未收取信息处理费。', kind: 'added' }],
    });
    expect(back.find((t) => t.path === 's5')!.alike).toBeNull();
  });

  it('gives each text with its likeness to last year’s and its sentences', () => {
    const s5 = compared().texts.find((t) => t.path === 's5')!;
    expect(s5.name).toBe('五、存在的主要问题及改进情况');
    expect(s5.alike).toBeGreaterThan(40);
    expect(s5.alike).toBeLessThan(80);
    expect(s5.pieces).toEqual([
      { text: '公开形式单一。', kind: 'same' },
      { text: '下一步开设专栏。', kind: 'added' },
      { text: '下一步加强培训。', kind: 'removed' },
    ]);
    expect(compared().texts.find((t) => t.path === 's6')!.alike).toBeNull();
  });
});
