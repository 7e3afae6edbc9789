// Reads numbers as township officials type them on a phone with a Chinese IME: full-width digits,
// units (12件, 3.5万元), words (无, 没有, 零, 十二, 一百零五, 一百五). Never throws: anything it cannot
// read comes back as a Chinese sentence saying what is expected.
import type { CellDef } from '../../forms';
import { MAX_DECIMALS, MAX_VALUE, NOT_APPLICABLE, type CellValue } from '../../forms/model';
import { NUMBER_COPY as T } from './copy';

/** Why a number could not be read, for a surface that words it its own way (the web form). */
export type NumberProblem =
  | 'countExpected'
  | 'countEmpty'
  | 'countNotNumber'
  | 'wholeNumber'
  | 'negative'
  | 'tooLarge'
  | 'amountExpected'
  | 'amountEmpty'
  | 'amountNotNumber'
  | 'tooPrecise'
  | 'notApplicable';

export type ParsedNumber =
  { ok: true; value: number; text: string } | { ok: false; problem: NumberProblem; message: string };

const MAX_INPUT = 40;

/**
 * How people mark a cell 不适用 (no such power): “/”, a dash, 不适用, 不涉及. A lone “-” is such a
 * mark, not a negative number.
 */
const NOT_APPLICABLE_WORDS = /^(\/{1,2}|\\|[-‐‑‒–—―－]{1,2}|不适用|不涉及|无此职权|无此职能)$/;

/** Whether a typed answer marks a cell 不适用. */
export function isNotApplicableWord(input: string): boolean {
  return typeof input === 'string' && NOT_APPLICABLE_WORDS.test(tidy(input));
}

const ZERO_WORDS = new Set(['无', '没有', '没', '零', '〇', '暂无', '均无', '无此项', '没有发生', '未发生']);
const COUNT_UNITS = /(件|个|条|项|次|份|起|宗|例|家|篇|部)$/;
const LEADING_WORDS = /^(共计|合计|总计|共有|共|计)/;

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Full-width to half-width, spaces and thousands separators out, leading "共" out. */
function tidy(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(LEADING_WORDS, '')
    .replace(/。$/, '');
}

/** Parses a whole number written in Chinese numerals (十二, 一百零五, 一百五, 两千三百万); null if it is not one. */
export function parseChineseInteger(s: string): number | null {
  if (s.length === 0 || s.length > 20) return null;
  let total = 0; // the part already multiplied by 万 or 亿
  let section = 0; // the part after the last 万 or 亿
  let digit: number | null = null; // a digit still waiting for its unit
  let unit = 0; // the unit written just before that digit: 0 at the start and after 零
  let lowest = Infinity; // 十, 百, 千 come in decreasing order within a section
  // A digit left without its unit: right after a unit it is one unit lower (一百五 = 150,
  // 两万五 = 25000), at the start or after 零 it is itself (五, 一百零五).
  const pending = () => (digit ?? 0) * Math.max(unit / 10, 1);
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0) return null; // "二三", "一零": two digits need a unit between them
      digit = DIGITS[ch]!;
      if (digit === 0) unit = 0;
    } else if (ch in SMALL_UNITS) {
      const u = SMALL_UNITS[ch]!;
      if (u >= lowest) return null; // "二十十", "五十百"
      if (!digit) {
        // Only 十 stands without its digit: "十二", "一千零十五" (一十); "百" alone is not a number.
        if (u !== 10) return null;
        digit = 1;
      }
      section += digit * u;
      lowest = unit = u;
      digit = null;
    } else if (ch in BIG_UNITS) {
      const u = BIG_UNITS[ch]!;
      section += pending();
      if (section === 0 && total === 0) return null;
      total = (total + section) * u;
      section = 0;
      digit = null;
      unit = u;
      lowest = Infinity;
    } else {
      return null;
    }
  }
  return total + section + pending();
}

function parseChineseDecimal(s: string): { value: number; text: string } | null {
  const [whole, frac, ...rest] = s.split('点');
  if (rest.length > 0 || whole === undefined) return null;
  // An empty whole part is 0 only before 点 (点五); nothing at all is not a number.
  const w = whole === '' && frac !== undefined ? 0 : parseChineseInteger(whole);
  if (w === null) return null;
  if (frac === undefined) return { value: w, text: String(w) };
  let digits = '';
  for (const ch of frac) {
    if (!(ch in DIGITS)) return null;
    digits += String(DIGITS[ch]);
  }
  if (digits === '') return null;
  const text = `${w}.${digits}`;
  return { value: Number(text), text };
}

function looksNegative(s: string): boolean {
  return /^[-−－负]/.test(s);
}

/** A count of cases or documents: a whole number ≥ 0. */
export function parseCount(input: string): ParsedNumber {
  if (typeof input !== 'string') return { ok: false, problem: 'countExpected', message: T.countExpected };
  const raw = input.trim();
  if (raw === '') return { ok: false, problem: 'countEmpty', message: T.countEmpty };
  if (raw.length > MAX_INPUT) return { ok: false, problem: 'countExpected', message: T.countExpected };
  let s = tidy(raw);
  if (ZERO_WORDS.has(s)) return { ok: true, value: 0, text: '0' };
  if (NOT_APPLICABLE_WORDS.test(s))
    return { ok: false, problem: 'notApplicable', message: T.notApplicableHere };
  if (looksNegative(s)) return { ok: false, problem: 'negative', message: T.negative };
  s = s.replace(COUNT_UNITS, '');
  if (ZERO_WORDS.has(s)) return { ok: true, value: 0, text: '0' };

  let value: number | null = null;
  if (/^\d{1,3}(,\d{3})+$/.test(s) || /^\d+$/.test(s)) {
    value = Number(s.replace(/,/g, ''));
  } else if (/^\d+\.\d*$/.test(s)) {
    const n = Number(s);
    if (!Number.isInteger(n)) return { ok: false, problem: 'wholeNumber', message: T.wholeNumber };
    value = n;
  } else {
    value = parseChineseInteger(s);
    if (value === null && s.includes('点'))
      return { ok: false, problem: 'wholeNumber', message: T.wholeNumber };
  }
  if (value === null || !Number.isFinite(value))
    return { ok: false, problem: 'countNotNumber', message: T.countNotNumber(raw) };
  if (value > MAX_VALUE) return { ok: false, problem: 'tooLarge', message: T.tooLarge };
  return { ok: true, value, text: String(value) };
}

export type ParsedCell =
  { ok: true; value: CellValue; text: string } | { ok: false; problem: NumberProblem; message: string };

/**
 * An answer for one cell, as every surface reads it (chat, form, import): a count or an amount by
 * the cell's kind, or 不适用 (“/”) where the cell allows it.
 */
export function parseCell(cell: Pick<CellDef, 'kind' | 'notApplicable'>, input: string): ParsedCell {
  if (cell.notApplicable && isNotApplicableWord(input))
    return { ok: true, value: NOT_APPLICABLE, text: NOT_APPLICABLE };
  return cell.kind === 'amount' ? parseAmount(input) : parseCount(input);
}

/** Moves a non-negative decimal string's point `places` digits to the left (元 → 万元). */
function shiftLeft(digits: string, places: number): string {
  const [whole = '0', frac = ''] = digits.split('.');
  const padded = whole.padStart(places + 1, '0');
  const out = `${padded.slice(0, -places)}.${padded.slice(-places)}${frac}`;
  return trimDecimal(out);
}

function trimDecimal(s: string): string {
  let [whole = '0', frac = ''] = s.split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** An amount in 万元 (fees): a decimal ≥ 0, kept with the precision typed. 元 is converted. */
export function parseAmount(input: string): ParsedNumber {
  if (typeof input !== 'string') return { ok: false, problem: 'amountExpected', message: T.amountExpected };
  const raw = input.trim();
  if (raw === '') return { ok: false, problem: 'amountEmpty', message: T.amountEmpty };
  if (raw.length > MAX_INPUT) return { ok: false, problem: 'amountExpected', message: T.amountExpected };
  let s = tidy(raw);
  if (ZERO_WORDS.has(s)) return { ok: true, value: 0, text: '0' };
  if (NOT_APPLICABLE_WORDS.test(s))
    return { ok: false, problem: 'notApplicable', message: T.notApplicableHere };
  if (looksNegative(s)) return { ok: false, problem: 'negative', message: T.negative };

  let inYuan = false;
  if (/万元$|万$/.test(s)) s = s.replace(/万元$|万$/, '');
  else if (/元$/.test(s)) {
    s = s.slice(0, -1);
    inYuan = true;
  }
  if (ZERO_WORDS.has(s)) return { ok: true, value: 0, text: '0' };
  s = s.replace(/,(?=\d{3}(\D|$))/g, '');

  let text: string | null = null;
  if (/^\d+(\.\d+)?$/.test(s) || /^\.\d+$/.test(s)) {
    text = trimDecimal(s.startsWith('.') ? `0${s}` : s);
  } else {
    const chinese = parseChineseDecimal(s);
    if (chinese) text = trimDecimal(chinese.text);
  }
  if (text === null) return { ok: false, problem: 'amountNotNumber', message: T.amountNotNumber(raw) };
  if (inYuan) text = shiftLeft(text, 4);
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > MAX_DECIMALS)
    return { ok: false, problem: 'tooPrecise', message: T.tooPrecise(MAX_DECIMALS) };
  const value = Number(text);
  if (!Number.isFinite(value) || value > MAX_VALUE)
    return { ok: false, problem: 'tooLarge', message: T.tooLarge };
  return { ok: true, value, text };
}

/** Formats an amount in 万元 for display, without float noise (0.1 + 0.2). */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return trimDecimal(value.toFixed(MAX_DECIMALS));
}
