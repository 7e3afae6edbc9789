// The one cell walk (read, write, clear a cell by its place), the one test of a valid figure, and
// the empty report: every part of the project stores and reads figures through these.
import { describe, expect, it } from 'vitest';
import {
  cellProblem,
  clearCell,
  clearText,
  emptyReport,
  cellEntry,
  getCell,
  isNotApplicable,
  getText,
  MAX_DECIMALS,
  MAX_TEXT,
  MAX_VALUE,
  readCell,
  s3Path,
  s4Path,
  setCell,
  setText,
  showableText,
} from './model';
import { FORM_2021 as F } from './report-2021';

const cell = (path: string) => F.cellByPath.get(path)!;

describe('limits', () => {
  it('takes figures up to 100,000,000, texts up to 20,000 characters, 6 decimals', () => {
    expect(MAX_VALUE).toBe(100_000_000);
    expect(MAX_TEXT).toBe(20_000);
    expect(MAX_DECIMALS).toBe(6);
  });
});

describe('reading a cell', () => {
  it('reads by the cell’s place, whatever the value is', () => {
    const r = { s3: { granted: [1, 2, 'x', null] }, s4: { review: { total: 7 } }, s2: { fees: 0.5 } };
    expect(readCell(r, cell('s3.granted[1]'))).toBe(2);
    expect(readCell(r, cell('s3.granted[2]'))).toBe('x');
    expect(readCell(r, cell('s3.granted[3]'))).toBeNull();
    expect(readCell(r, cell('s4.review.total'))).toBe(7);
    expect(readCell(r, cell('s2.fees'))).toBe(0.5);
  });

  it('gives undefined where a draft has nothing on the way', () => {
    expect(readCell({}, cell('s3.granted[1]'))).toBeUndefined();
    expect(readCell({ s3: null }, cell('s3.granted[1]'))).toBeUndefined();
    expect(readCell({ s3: { granted: 5 } }, cell('s3.granted[1]'))).toBeUndefined();
    expect(readCell({ s3: 'text' }, cell('s3.granted[1]'))).toBeUndefined();
    expect(readCell(null, cell('s2.fees'))).toBeUndefined();
  });

  it('takes only numbers as a cell’s number', () => {
    const r = { s3: { granted: [1, '2', null] } };
    expect(getCell(r, cell('s3.granted[0]'))).toBe(1);
    expect(getCell(r, cell('s3.granted[1]'))).toBeUndefined();
    expect(getCell(r, cell('s3.granted[2]'))).toBeUndefined();
    expect(getCell(r, cell('s3.granted[3]'))).toBeUndefined();
    expect(getCell({ s2: { fees: 0 } }, cell('s2.fees'))).toBe(0);
  });

  it('counts 不适用 as 0 where table 二 allows it, and keeps it apart from 0', () => {
    const r = { s2: { fees: '/', rules: { issued: '/', repealed: 0 } }, s3: { granted: ['/'] } };
    expect(getCell(r, cell('s2.fees'))).toBe(0);
    expect(cellEntry(r, cell('s2.fees'))).toBe('/');
    expect(isNotApplicable(r, cell('s2.rules.issued'))).toBe(true);
    expect(isNotApplicable(r, cell('s2.rules.repealed'))).toBe(false);
    expect(cellEntry(r, cell('s2.rules.repealed'))).toBe(0);
    expect(cellEntry(r, cell('s2.rules.inForce'))).toBeUndefined();
    // Table 三 has no 不适用: a “/” there is no answer at all.
    expect(getCell(r, cell('s3.granted[0]'))).toBeUndefined();
    expect(cellEntry(r, cell('s3.granted[0]'))).toBeUndefined();
    expect(isNotApplicable(r, cell('s3.granted[0]'))).toBe(false);
    expect(getCell({ s2: { fees: '不适用' } }, cell('s2.fees'))).toBeUndefined();
    // Only “/” is the mark: any other word or a cleared cell is no answer.
    for (const fees of ['不适用', '0', null])
      expect(cellEntry({ s2: { fees } }, cell('s2.fees'))).toBeUndefined();
  });
});

describe('writing and clearing a cell', () => {
  it('creates the containers on the way: an array for table 三’s rows, objects elsewhere', () => {
    const r = {};
    setCell(r, cell('s3.granted[2]'), 4);
    setCell(r, cell('s4.review.pending'), 1);
    setCell(r, cell('s2.normativeDocs.issued'), 3);
    setCell(r, cell('s2.fees'), 1.5);
    const expected: unknown[] = [];
    expected[2] = 4;
    expect(r).toEqual({
      s3: { granted: expected },
      s4: { review: { pending: 1 } },
      s2: { normativeDocs: { issued: 3 }, fees: 1.5 },
    });
    expect(Array.isArray((r as { s3: { granted: unknown } }).s3.granted)).toBe(true);
  });

  it('keeps what is there and replaces a null or a non-object on the way', () => {
    const r: Record<string, unknown> = { s3: { granted: [1, 2, 3] }, s4: null, s2: 'x' };
    setCell(r, cell('s3.granted[1]'), 9);
    setCell(r, cell('s4.review.total'), 2);
    setCell(r, cell('s2.licensing'), 5);
    expect(r).toEqual({ s3: { granted: [1, 9, 3] }, s4: { review: { total: 2 } }, s2: { licensing: 5 } });
  });

  it('clears a table 三 cell to null and removes any other', () => {
    const r = { s3: { granted: [1, 2, 3] }, s4: { review: { upheld: 1, total: 1 } } };
    clearCell(r, cell('s3.granted[1]'));
    clearCell(r, cell('s4.review.upheld'));
    expect(r).toEqual({ s3: { granted: [1, null, 3] }, s4: { review: { total: 1 } } });
    expect('upheld' in r.s4.review).toBe(false);
  });

  it('clears nothing, and does not throw, where there is nothing', () => {
    const r = { s3: null, s4: { review: 'x' } };
    clearCell(r, cell('s3.granted[1]'));
    clearCell(r, cell('s4.review.total'));
    clearCell(r, cell('s2.normativeDocs.issued'));
    expect(r).toEqual({ s3: null, s4: { review: 'x' } });
    // The row itself is null, or a string whose characters cannot be deleted.
    const rows = { s3: { granted: 'abc' }, s4: { review: null } };
    expect(() => clearCell(rows, cell('s3.granted[1]'))).not.toThrow();
    expect(() => clearCell(rows, cell('s4.review.total'))).not.toThrow();
    expect(rows).toEqual({ s3: { granted: 'abc' }, s4: { review: null } });
  });
});

describe('cellProblem: the one test of a valid figure', () => {
  const count = { kind: 'count', notApplicable: false } as const;
  const amount = { kind: 'amount', notApplicable: false } as const;
  const countNA = { kind: 'count', notApplicable: true } as const;
  const amountNA = { kind: 'amount', notApplicable: true } as const;

  it.each([
    [count, 0, null],
    [count, 12, null],
    [count, 100_000_000, null],
    [count, 100_000_001, 'tooLarge'],
    [count, -1, 'negative'],
    [count, 0.5, 'type'],
    [count, -0.5, 'type'],
    [count, Number.NaN, 'type'],
    [count, Number.POSITIVE_INFINITY, 'type'],
    [count, '3', 'type'],
    [count, null, 'type'],
    [amount, 5949.088667, null],
    [amount, 0, null],
    [amount, 100_000_000, null],
    [amount, 100_000_000.5, 'tooLarge'],
    [amount, -0.1, 'negative'],
    [amount, Number.NaN, 'type'],
    [amount, Number.NEGATIVE_INFINITY, 'type'],
    [amount, undefined, 'type'],
    // 不适用 stands only where the format allows it (table 二), and only as “/”.
    [countNA, '/', null],
    [amountNA, '/', null],
    [count, '/', 'notApplicable'],
    [amount, '/', 'notApplicable'],
    [countNA, '不适用', 'type'],
    [countNA, '—', 'type'],
    [countNA, -1, 'negative'],
  ])('%o with %o → %s', (kind, value, problem) => {
    expect(cellProblem(kind, value)).toBe(problem);
  });
});

describe('emptyReport', () => {
  it('has every number 0, every text empty, and the org and year given', () => {
    const r = emptyReport(F, { name: '白营镇', kind: 'township' }, 2024);
    expect(r).toEqual({
      formVersion: '2021',
      org: { name: '白营镇', kind: 'township' },
      year: 2024,
      s1: { proactive: '', onRequest: '', management: '', platforms: '', oversight: '' },
      s2: {
        rules: { issued: 0, repealed: 0, inForce: 0 },
        normativeDocs: { issued: 0, repealed: 0, inForce: 0 },
        licensing: 0,
        penalties: 0,
        enforcement: 0,
        fees: 0,
      },
      s3: Object.fromEntries(
        [
          'new',
          'carriedOver',
          'granted',
          'partial',
          ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `withheld${i}`),
          ...[1, 2, 3].map((i) => `unavailable${i}`),
          ...[1, 2, 3, 4, 5].map((i) => `notProcessed${i}`),
          ...[1, 2, 3].map((i) => `other${i}`),
          'total',
          'carryForward',
        ].map((row) => [row, [0, 0, 0, 0, 0, 0, 0]]),
      ),
      s4: {
        review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
        suitDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
        suitAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      },
      s5: '',
      s6: '',
    });
  });
});

describe('texts', () => {
  it('reads a part of 一 or a whole section, and only strings', () => {
    const r = { s1: { proactive: '六条', onRequest: 3 }, s5: '问题', s6: null };
    expect(getText(r, 's1.proactive')).toBe('六条');
    expect(getText(r, 's1.onRequest')).toBeUndefined();
    expect(getText(r, 's1.management')).toBeUndefined();
    expect(getText(r, 's5')).toBe('问题');
    expect(getText(r, 's6')).toBeUndefined();
    expect(getText({}, 's1.proactive')).toBeUndefined();
    expect(getText({ s1: '一段' }, 's1.proactive')).toBeUndefined();
    expect(getText({ s1: { proactive: 'x' } }, 's1')).toBeUndefined();
  });

  it('writes a part of 一 beside the others, creating section 一 when needed', () => {
    const r: Record<string, unknown> = {};
    setText(r, 's1.proactive', '六条');
    setText(r, 's1.onRequest', '无申请');
    setText(r, 's5', '问题');
    expect(r).toEqual({ s1: { proactive: '六条', onRequest: '无申请' }, s5: '问题' });
    setText(r, 's1.proactive', '七条');
    expect(r.s1).toEqual({ proactive: '七条', onRequest: '无申请' });
  });

  it('stores only characters a document can hold', () => {
    const r: Record<string, unknown> = {};
    setText(r, 's1.proactive', '六条\u0000。');
    setText(r, 's5', '问题\u0007与\uFFFF改进');
    expect(r).toEqual({ s1: { proactive: '六条。' }, s5: '问题与改进' });
  });

  it('clears a part of 一 or a section, and nothing where there is nothing', () => {
    const r: Record<string, unknown> = { s1: { proactive: '六条', onRequest: '无' }, s5: '问题', s6: '费' };
    clearText(r, 's1.proactive');
    clearText(r, 's5');
    expect(r).toEqual({ s1: { onRequest: '无' }, s6: '费' });
    const empty: Record<string, unknown> = { s1: null };
    clearText(empty, 's1.proactive');
    clearText({}, 's1.proactive');
    expect(empty).toEqual({ s1: null });
  });
});

describe('paths', () => {
  it('names a table 三 cell by row and column, a table 四 cell by group and field', () => {
    expect(s3Path('granted', 2)).toBe('s3.granted[2]');
    expect(s4Path('review', 'total')).toBe('s4.review.total');
  });
});

describe('showableText', () => {
  it.each([
    ['\u0000', ''],
    ['a\u0008b', 'ab'],
    ['a\u000Bb\u000Cc', 'abc'],
    ['a\u000Eb\u001Fc', 'abc'],
    ['a\uFFFEb\uFFFFc', 'abc'],
    // A half of a surrogate pair alone, at either end or the wrong way round.
    ['a\uD83Db', 'ab'],
    ['a\uD83D', 'a'],
    ['\uDE00b', 'b'],
    ['a\uDE00', 'a'],
    ['\uDE00\uD83D', ''],
    ['\uD83D\uD83D\uDE00', '\uD83D\uDE00'],
  ])('takes the unshowable out of %j', (text, shown) => {
    expect(showableText(text)).toBe(shown);
  });

  it.each([
    '本年度，本机关未收取信息处理费。',
    '第一行\n第二行\r\n\t第三行',
    ' \u3000空格\u00A0',
    '\uFFFD\uFFFC\u0020\u007F',
    // Characters outside the BMP: an emoji, and 𠀀 from CJK Extension B.
    '好😀',
    '\uD840\uDC00',
    '\uDBFF\uDFFF\uD800\uDC00',
  ])('keeps %j as it is', (text) => {
    expect(showableText(text)).toBe(text);
  });
});
