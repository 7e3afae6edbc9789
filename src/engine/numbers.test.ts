import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_COPY } from './copy';
import { formatAmount, parseAmount, parseCount } from './numbers';

describe('parseCount', () => {
  it.each([
    ['12', 12],
    ['１２', 12],
    ['12件', 12],
    ['12 件', 12],
    ['１２　件', 12],
    ['共12件', 12],
    ['十二', 12],
    ['一百零五', 105],
    ['两千三百', 2300],
    ['一万零五百', 10500],
    ['十', 10],
    ['无', 0],
    ['没有', 0],
    ['零', 0],
    ['0', 0],
    ['0件', 0],
    ['1,234', 1234],
    ['1，234', 1234],
    ['3.0', 3],
    ['7。', 7],
  ])('reads %s as %d', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value, text: String(value) });
  });

  it.each([
    ['', NUMBER_COPY.countEmpty],
    ['   ', NUMBER_COPY.countEmpty],
    ['-1', NUMBER_COPY.negative],
    ['负三', NUMBER_COPY.negative],
    ['1.5', NUMBER_COPY.wholeNumber],
    ['一点五', NUMBER_COPY.wholeNumber],
    ['999999999999', NUMBER_COPY.tooLarge],
    ['abc', NUMBER_COPY.countNotNumber('abc')],
    ['二三', NUMBER_COPY.countNotNumber('二三')],
    ['好的', NUMBER_COPY.countNotNumber('好的')],
  ])('refuses %j with a Chinese explanation', (input, message) => {
    expect(parseCount(input)).toEqual({ ok: false, message });
  });

  it('never throws, and either reads a whole number ≥ 0 or explains in Chinese', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 60,
          unit: fc.constantFrom(
            ...'0123456789１２３.．,，-件个万元十百千零一二三四五六七八九两无没有 \u3000点负'.split(''),
            'grapheme',
          ),
        }),
        (s) => {
          const r = parseCount(s);
          if (r.ok) {
            expect(Number.isInteger(r.value) && r.value >= 0).toBe(true);
            expect(r.text).toBe(String(r.value));
          } else {
            expect(r.message).toMatch(/[\u4e00-\u9fff]/);
          }
        },
      ),
    );
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => void parseCount(s)));
  });

  it('reads back any whole number written in ASCII or full-width digits, with or without 件', () => {
    const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.boolean(), fc.boolean(), (n, wide, unit) => {
        let s = String(n);
        if (wide) s = fullWidth(s);
        if (unit) s += ' 件';
        expect(parseCount(s)).toEqual({ ok: true, value: n, text: String(n) });
      }),
    );
  });

  it('reads back any number written in Chinese numerals', () => {
    // An independent writer of Chinese numerals, digit by digit, with 零 for gaps.
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
    const write = (n: number) => {
      if (n === 0) return '零';
      const high = Math.floor(n / 10000);
      const low = n % 10000;
      if (high === 0) return fourDigits(low, false);
      return fourDigits(high, false) + '万' + (low === 0 ? '' : fourDigits(low, low < 1000));
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(parseCount(write(n))).toEqual({ ok: true, value: n, text: String(n) });
      }),
    );
  });
});

describe('parseAmount', () => {
  it.each([
    ['3.5', 3.5, '3.5'],
    ['３．５万元', 3.5, '3.5'],
    ['3.5万', 3.5, '3.5'],
    ['0', 0, '0'],
    ['无', 0, '0'],
    ['5949.088667', 5949.088667, '5949.088667'],
    ['35000元', 3.5, '3.5'],
    ['120元', 0.012, '0.012'],
    ['.5', 0.5, '0.5'],
    ['三点五', 3.5, '3.5'],
    ['1,200.5', 1200.5, '1200.5'],
  ])('reads %s as %d 万元', (input, value, text) => {
    expect(parseAmount(input)).toEqual({ ok: true, value, text });
  });

  it.each([
    ['-3', NUMBER_COPY.negative],
    ['0.1234567', NUMBER_COPY.tooPrecise(6)],
    ['三块', NUMBER_COPY.amountNotNumber('三块')],
    ['', NUMBER_COPY.amountEmpty],
  ])('refuses %j', (input, message) => {
    expect(parseAmount(input)).toEqual({ ok: false, message });
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

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => void parseAmount(s)));
  });
});
