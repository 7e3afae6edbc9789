import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_COPY } from './copy';
import {
  formatAmount,
  isNotApplicableWord,
  parseAmount,
  parseCell,
  parseChineseInteger,
  parseCount,
} from './numbers';

/** Every word an official may answer with for "none"; each must read as 0. */
const ZERO_WORDS = ['无', '没有', '没', '零', '〇', '暂无', '均无', '无此项', '没有发生', '未发生'];
const COUNT_UNITS = ['件', '个', '条', '项', '次', '份', '起', '宗', '例', '家', '篇', '部'];

/** Any one character: ASCII, CJK, non-BMP (CJK Extension B, emoji), combining sequences. */
const anyChar = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('😀', '👍🏽', '𠀀', 'é', '\u0301', '\u200b', '\ufeff'),
);
/** Characters that appear in numbers as officials type them, so random texts come close to numbers. */
const NUMBERISH =
  '0123456789０１２３.．,，-－−件个项万元十百千零〇一二两三四五六七八九壹贰叁佰仟点负无没有共计 \u3000。';
const numberish = fc.constantFrom(...NUMBERISH);
/** Random text: mostly number-like characters, with Chinese, non-BMP and other Unicode mixed in. */
const typed = (maxLength: number) => fc.string({ maxLength, unit: fc.oneof(numberish, anyChar) });

const withSeparators = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('parseCount', () => {
  it.each([
    ['12', 12],
    ['１２', 12],
    ['12件', 12],
    ['12 件', 12],
    ['１２　件', 12],
    ['共12件', 12],
    ['共计 12 件', 12],
    ['合计12件', 12],
    ['共有3件', 3],
    ['计5条', 5],
    ['7。', 7],
    ['0', 0],
    ['0件', 0],
    ['007', 7],
    ['3.0', 3],
    ['3.', 3],
    ['12.00', 12],
  ])('reads digits as typed: %s → %d', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value, text: String(value) });
  });

  it.each([
    ['1,234', 1234],
    ['1，234', 1234],
    ['１，２３４', 1234],
    ['12,345', 12345],
    ['123,456', 123456],
    ['1,234,567', 1234567],
    ['100,000,000', 100000000],
  ])('reads thousands separators: %s → %d', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value, text: String(value) });
  });

  it.each(['1,2345', '1234,567', '12,34', ',123'])('refuses misplaced separators: %s', (input) => {
    expect(parseCount(input)).toMatchObject({ ok: false, message: NUMBER_COPY.countNotNumber(input) });
  });

  it.each([
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百十', 110],
    ['两千三百', 2300],
    ['一万零五百', 10500],
    ['十二万', 120000],
    ['两千三百万', 23000000],
    ['两千三百万五千', 23005000],
    ['一亿', 100000000],
    ['一万万', 100000000],
    // The everyday 零十 for 零一十.
    ['一千零十五', 1015],
    ['两百零十', 210],
    ['一万零十', 10010],
    // A last digit right after its unit is one unit lower, as people say it.
    ['一百五', 150],
    ['三千五', 3500],
    ['两万五', 25000],
    ['一万五', 15000],
    ['两千三万', 23000000],
    // Financial (大写) numerals.
    ['壹佰零伍', 105],
    ['贰拾', 20],
    ['叁仟陆佰', 3600],
    ['玖', 9],
    ['十二件', 12],
  ])('reads Chinese numerals: %s → %d', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value, text: String(value) });
  });

  it.each(ZERO_WORDS)('reads the zero word %s as 0', (word) => {
    expect(parseCount(word)).toEqual({ ok: true, value: 0, text: '0' });
  });

  it.each(['无件', '零件', '〇 件', '没有 项'])('reads a zero word with a unit, %s, as 0', (input) => {
    expect(parseCount(input)).toEqual({ ok: true, value: 0, text: '0' });
  });

  it.each(COUNT_UNITS)('reads 3%s as 3', (unit) => {
    expect(parseCount(`3${unit}`)).toEqual({ ok: true, value: 3, text: '3' });
  });

  it.each([
    // Two digits with no unit between them: never a silent 0 or a dropped digit.
    '一零',
    '二〇',
    '一百二零',
    '二三',
    // Units out of order, or a unit without its digit.
    '二十十',
    '五十百',
    '百',
    '万',
    '零万',
    // A unit, a leading word or a full stop is only read at the end or the start.
    '3件12',
    '3共5',
    '1。5',
    // Nothing left once the unit or leading word is taken away.
    '件',
    '共计',
    '。',
    // Not numbers.
    'abc',
    '好的',
    '约3.0',
    '1.0.0',
    '3-5',
    '三块',
  ])('refuses %j with a Chinese explanation that quotes it', (input) => {
    expect(parseCount(input)).toMatchObject({ ok: false, message: NUMBER_COPY.countNotNumber(input) });
  });

  it('explains a refusal in words the official can act on', () => {
    expect(parseCount('好的')).toEqual({
      ok: false,
      problem: 'countNotNumber',
      message: '“好的”不是件数。请输入一个数字，如 0、12 或 十二；没有请回复 0 或“无”。',
    });
    expect(parseCount('')).toMatchObject({ ok: false, message: '请输入一个数字；没有请回复 0 或“无”。' });
  });

  it.each([
    ['', NUMBER_COPY.countEmpty],
    ['   ', NUMBER_COPY.countEmpty],
    ['\u3000', NUMBER_COPY.countEmpty],
    ['-1', NUMBER_COPY.negative],
    ['－1', NUMBER_COPY.negative],
    ['−1', NUMBER_COPY.negative],
    ['-0', NUMBER_COPY.negative],
    ['负三', NUMBER_COPY.negative],
    ['1.5', NUMBER_COPY.wholeNumber],
    ['一点五', NUMBER_COPY.wholeNumber],
    ['100,000,001', NUMBER_COPY.tooLarge],
    ['100000001', NUMBER_COPY.tooLarge],
    ['999999999999', NUMBER_COPY.tooLarge],
    ['一亿零一', NUMBER_COPY.tooLarge],
    ['一亿万', NUMBER_COPY.tooLarge],
  ])('refuses %j with the reason', (input, message) => {
    expect(parseCount(input)).toMatchObject({ ok: false, message });
  });

  it('reads up to 40 characters and refuses longer input', () => {
    const forty = `${'0'.repeat(38)}42`;
    expect(forty).toHaveLength(40);
    expect(parseCount(forty)).toEqual({ ok: true, value: 42, text: '42' });
    expect(parseCount(`  ${forty}  `)).toEqual({ ok: true, value: 42, text: '42' });
    expect(parseCount(`0${forty}`)).toMatchObject({ ok: false, message: NUMBER_COPY.countExpected });
  });

  it('answers a value that is not text (a cleared field) with an explanation, not an exception', () => {
    for (const v of [undefined, null, 12]) {
      expect(parseCount(v as unknown as string)).toMatchObject({
        ok: false,
        message: NUMBER_COPY.countExpected,
      });
    }
  });

  it('never throws, and either reads a whole number from 0 to 100,000,000 or explains in Chinese', () => {
    fc.assert(
      fc.property(typed(60), (s) => {
        const r = parseCount(s);
        if (r.ok) {
          expect(Number.isInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(100_000_000);
          expect(r.text).toBe(String(r.value));
        } else {
          expect(r.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
    );
  });

  it('reads back any whole number in ASCII or full-width digits, with or without separators and 件', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (n, separators, wide, unit) => {
          let s = separators ? withSeparators(n) : String(n);
          if (wide) s = fullWidth(s);
          if (unit) s += ' 件';
          expect(parseCount(s)).toEqual({ ok: true, value: n, text: String(n) });
        },
      ),
    );
  });

  it('reads back any number written in Chinese numerals, formally or as people write them', () => {
    // An independent writer of Chinese numerals, digit by digit, with 零 for gaps (一千零一十五).
    const D = '零一二三四五六七八九';
    const U = ['', '十', '百', '千'];
    const fourDigits = (n: number, leadingZero: boolean) => {
      let out = '';
      let zero = leadingZero;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(n / 10 ** i) % 10;
        if (d === 0) {
          zero = out !== '' || zero;
          continue;
        }
        if (zero && out !== '') out += '零';
        else if (zero && leadingZero) out += '零';
        zero = false;
        out += (d === 1 && i === 1 && out === '' && !leadingZero ? '' : D[d]!) + U[i]!;
      }
      return out;
    };
    const formal = (n: number) => {
      if (n === 0) return '零';
      const high = Math.floor(n / 10000);
      const low = n % 10000;
      if (high === 0) return fourDigits(low, false);
      return fourDigits(high, false) + '万' + (low === 0 ? '' : fourDigits(low, low < 1000));
    };
    // The everyday forms: 零十 for 零一十 (一千零十五), the last unit dropped (一百五, 两万五),
    // 两 before 百/千/万, and financial numerals (壹佰零伍).
    type Style = { zeroTen: boolean; short: boolean; liang: boolean; capital: boolean };
    const styles: fc.Arbitrary<Style> = fc.record({
      zeroTen: fc.boolean(),
      short: fc.boolean(),
      liang: fc.boolean(),
      capital: fc.boolean(),
    });
    const CAPITAL = new Map(
      [...'一二三四五六七八九十百千'].map((c, i) => [c, '壹贰叁肆伍陆柒捌玖拾佰仟'[i]!]),
    );
    const write = (n: number, style: Style) => {
      let s = formal(n);
      if (style.zeroTen) s = s.replace(/零一十/g, '零十');
      if (style.short) s = s.replace(/([十百千万])([一二三四五六七八九])[十百千]$/, '$1$2');
      if (style.liang) s = s.replace(/(?<!十)二(?=[百千万])/g, '两');
      if (style.capital) s = s.replace(/[一二三四五六七八九十百千]/g, (c) => CAPITAL.get(c)!);
      return s;
    };
    expect(write(1015, { zeroTen: true, short: false, liang: false, capital: false })).toBe('一千零十五');
    expect(write(25000, { zeroTen: false, short: true, liang: true, capital: false })).toBe('两万五');
    expect(write(105, { zeroTen: false, short: false, liang: false, capital: true })).toBe('壹佰零伍');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 99_999_999 }),
          // Numbers with a 零一十 in them, so the everyday 零十 is written often.
          fc
            .tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(10, 1012, 1015, 2010))
            .map(([high, low]) => high * 10000 + low),
        ),
        styles,
        (n, style) => {
          expect(parseCount(write(n, style))).toEqual({ ok: true, value: n, text: String(n) });
        },
      ),
    );
  });
});

describe('parseAmount', () => {
  it.each([
    ['3.5', 3.5, '3.5'],
    ['３．５万元', 3.5, '3.5'],
    ['3.5万', 3.5, '3.5'],
    ['3.5 万元', 3.5, '3.5'],
    ['共计3.5万元', 3.5, '3.5'],
    ['0', 0, '0'],
    ['0.000001', 0.000001, '0.000001'],
    ['5949.088667', 5949.088667, '5949.088667'],
    ['3.500', 3.5, '3.5'],
    ['003.50', 3.5, '3.5'],
    ['00.5', 0.5, '0.5'],
    ['.5', 0.5, '0.5'],
    ['.25', 0.25, '0.25'],
    ['1,200', 1200, '1200'],
    ['1,200.5', 1200.5, '1200.5'],
    ['１，２００．５万元', 1200.5, '1200.5'],
    ['100,000,000', 100000000, '100000000'],
    ['100000000万元', 100000000, '100000000'],
  ])('reads %s as %d 万元', (input, value, text) => {
    expect(parseAmount(input)).toEqual({ ok: true, value, text });
  });

  it.each([
    ['35000元', 3.5, '3.5'],
    ['120元', 0.012, '0.012'],
    ['12,000元', 1.2, '1.2'],
    ['0.5元', 0.00005, '0.00005'],
    ['0.01元', 0.000001, '0.000001'],
    ['12345678901元', 1234567.8901, '1234567.8901'],
    ['三千五百元', 0.35, '0.35'],
    ['一万五元', 1.5, '1.5'],
    ['一万零五百元', 1.05, '1.05'],
    ['一万五千万元', 15000, '15000'],
  ])('converts %s to %d 万元', (input, value, text) => {
    expect(parseAmount(input)).toEqual({ ok: true, value, text });
  });

  it.each([
    ['三', 3, '3'],
    ['三点五', 3.5, '3.5'],
    ['点五', 0.5, '0.5'],
    ['三点五零', 3.5, '3.5'],
    ['零点零五', 0.05, '0.05'],
    ['十二点五万元', 12.5, '12.5'],
    ['两万五', 25000, '25000'],
  ])('reads Chinese numerals: %s → %d 万元', (input, value, text) => {
    expect(parseAmount(input)).toEqual({ ok: true, value, text });
  });

  it.each([...ZERO_WORDS, '无元', '无万元', '零元', '0元', '0万元'])('reads %s as 0', (input) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: 0, text: '0' });
  });

  it.each([
    ['-3', NUMBER_COPY.negative],
    ['－3', NUMBER_COPY.negative],
    ['负三点五', NUMBER_COPY.negative],
    ['0.1234567', NUMBER_COPY.tooPrecise(6)],
    ['0.001元', NUMBER_COPY.tooPrecise(6)],
    ['100000000.5', NUMBER_COPY.tooLarge],
    ['100,000,001', NUMBER_COPY.tooLarge],
    ['', NUMBER_COPY.amountEmpty],
    ['   ', NUMBER_COPY.amountEmpty],
  ])('refuses %j with the reason', (input, message) => {
    expect(parseAmount(input)).toMatchObject({ ok: false, message });
  });

  it('says how many decimal places are allowed', () => {
    expect(parseAmount('0.1234567')).toMatchObject({ ok: false, message: '小数位太多，最多保留 6 位。' });
  });

  it.each([
    '三块',
    '三点',
    '一点二点三',
    '三点五块',
    '3.5.1',
    '.5.5',
    '约3.5',
    '3元5',
    '1。5',
    '万元',
    '元',
    '共计',
    // Only the unit at the end is taken off: not a 万元 from the middle.
    '万元三万',
  ])('refuses %j with a Chinese explanation that quotes it', (input) => {
    expect(parseAmount(input)).toMatchObject({ ok: false, message: NUMBER_COPY.amountNotNumber(input) });
  });

  it('reads up to 40 characters and refuses longer input', () => {
    const forty = `${'0'.repeat(36)}3.5元`;
    expect(forty).toHaveLength(40);
    expect(parseAmount(forty)).toEqual({ ok: true, value: 0.00035, text: '0.00035' });
    expect(parseAmount(`  ${forty}  `)).toEqual({ ok: true, value: 0.00035, text: '0.00035' });
    expect(parseAmount(`0${forty}`)).toMatchObject({ ok: false, message: NUMBER_COPY.amountExpected });
  });

  it('answers a value that is not text with an explanation, not an exception', () => {
    for (const v of [undefined, null, 3.5]) {
      expect(parseAmount(v as unknown as string)).toMatchObject({
        ok: false,
        message: NUMBER_COPY.amountExpected,
      });
    }
  });

  it('keeps the precision typed for any decimal of up to 6 places', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
        (whole, frac, places) => {
          const typed =
            places === 0 ? String(whole) : `${whole}.${String(frac).padStart(6, '0').slice(0, places)}`;
          const r = parseAmount(typed);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value).toBe(Number(typed));
          expect(formatAmount(r.value)).toBe(r.text);
        },
      ),
    );
  });

  it('converts any whole number of 元 to 万元 exactly, with or without separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.boolean(), (yuan, separators) => {
        const value = yuan / 10000;
        const typed = `${separators ? withSeparators(yuan) : String(yuan)}元`;
        expect(parseAmount(typed)).toEqual({ ok: true, value, text: String(value) });
      }),
    );
  });

  it('never throws, and either reads an amount from 0 to 100,000,000 万元 or explains in Chinese', () => {
    fc.assert(
      fc.property(typed(60), (s) => {
        const r = parseAmount(s);
        if (r.ok) {
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(100_000_000);
          expect(Number(r.text)).toBe(r.value);
        } else {
          expect(r.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
    );
  });
});

describe('formatAmount', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [3.5, '3.5'],
    [1200, '1200'],
    [0.000001, '0.000001'],
    [0, '0'],
  ])('shows %d 万元 as %s', (value, text) => {
    expect(formatAmount(value)).toBe(text);
  });
});

describe('why a number was refused, for surfaces that word it their own way', () => {
  it.each([
    [parseCount, '', 'countEmpty'],
    [parseCount, '好多', 'countNotNumber'],
    [parseCount, '3.5', 'wholeNumber'],
    [parseCount, '-3', 'negative'],
    [parseCount, '100000001', 'tooLarge'],
    [parseCount, '1'.repeat(41), 'countExpected'],
    [parseCount, 12 as unknown as string, 'countExpected'],
    [parseCount, '一点五', 'wholeNumber'],
    [parseAmount, '1'.repeat(41), 'amountExpected'],
    [parseAmount, null as unknown as string, 'amountExpected'],
    [parseAmount, '', 'amountEmpty'],
    [parseAmount, '好多元', 'amountNotNumber'],
    [parseAmount, '0.1234567', 'tooPrecise'],
    [parseAmount, '-1', 'negative'],
    [parseAmount, '200000000', 'tooLarge'],
  ] as const)('%o %s → %s', (parse, input, problem) => {
    expect(parse(input)).toMatchObject({ ok: false, problem });
  });
});

describe('parseChineseInteger', () => {
  it('reads at most 20 numeral characters', () => {
    expect(parseChineseInteger(`${'零'.repeat(19)}五`)).toBe(5);
    expect(parseChineseInteger(`${'零'.repeat(20)}五`)).toBeNull();
    expect(parseChineseInteger('')).toBeNull();
  });
});

describe('不适用: the mark of a cell a body has no power for (rule 17)', () => {
  const marks = [
    '/',
    '／',
    '//',
    '\\',
    '-',
    '－',
    '--',
    '—',
    '——',
    '–',
    '―',
    ' / ',
    '不适用',
    '不涉及',
    '无此职权',
    '不适用。',
  ];
  const tableTwo = { kind: 'count', notApplicable: true } as const;
  const fees = { kind: 'amount', notApplicable: true } as const;
  const tableThree = { kind: 'count', notApplicable: false } as const;

  it.each(marks)('reads %o as 不适用 where the cell allows it, for counts and amounts', (mark) => {
    expect(isNotApplicableWord(mark)).toBe(true);
    expect(parseCell(tableTwo, mark)).toEqual({ ok: true, value: '/', text: '/' });
    expect(parseCell(fees, mark)).toEqual({ ok: true, value: '/', text: '/' });
  });

  it.each(marks)('refuses %o where the cell does not allow it, saying to answer 0', (mark) => {
    expect(parseCell(tableThree, mark)).toEqual({
      ok: false,
      problem: 'notApplicable',
      message: '这一项不能填“不适用”；没有请回复 0 或“无”。',
    });
    // Read as a plain figure it is refused the same way, never as a negative number.
    expect(parseCount(mark)).toMatchObject({ ok: false, problem: 'notApplicable' });
    expect(parseAmount(mark)).toMatchObject({ ok: false, problem: 'notApplicable' });
  });

  it.each(['-1', '－3', '负2', '-0.5', '/2', '1/2', '不适用1', '---', '不'])(
    'does not take %o for 不适用',
    (typed) => {
      expect(isNotApplicableWord(typed)).toBe(false);
      expect(parseCell(tableTwo, typed)).not.toMatchObject({ ok: true, value: '/' });
    },
  );

  it('takes nothing but text for a mark', () => {
    for (const value of [null, undefined, 0, ['/'], { text: '/' }])
      expect(isNotApplicableWord(value as unknown as string)).toBe(false);
  });

  it('still reads figures and the words for none in a cell that allows 不适用', () => {
    expect(parseCell(tableTwo, '12件')).toEqual({ ok: true, value: 12, text: '12' });
    expect(parseCell(tableTwo, '无')).toEqual({ ok: true, value: 0, text: '0' });
    expect(parseCell(fees, '3500元')).toEqual({ ok: true, value: 0.35, text: '0.35' });
    expect(parseCell(tableThree, '-1')).toMatchObject({ ok: false, problem: 'negative' });
  });

  it('answers anything typed in a table 二 cell with a figure, 不适用, or a Chinese reason', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(numberish, anyChar), { maxLength: 12 }), (chars) => {
        const got = parseCell(tableTwo, chars.join(''));
        if (got.ok) expect(got.value === '/' || (Number.isInteger(got.value) && got.value >= 0)).toBe(true);
        else expect(got.message).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });
});
