// A body's report beside last year's, as a reviewer reads them: every figure of tables 二 and 四 and
// the 总计 column of table 三 with the change, and each text section as its sentences — kept, new
// this year, or gone since last year — with how alike the two texts are (rule 15's measure). Pure.
import type { Form } from '../../forms';
import { cellEntry, getText, type CellValue } from '../../forms/model';
import { similarity } from './review';

export interface FigureChange {
  path: string;
  label: string;
  /** A figure as given: a number, or 不适用 ('/') where the body has no such power. */
  before?: CellValue;
  now?: CellValue;
  changed: boolean;
}

export interface TextPiece {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

export interface TextChange {
  path: string;
  name: string;
  /** 0–100, null when either year has no text. */
  alike: number | null;
  pieces: TextPiece[];
}

export interface Comparison {
  tables: { section: 's2' | 's3' | 's4'; figures: FigureChange[] }[];
  texts: TextChange[];
}

/** Most sentences compared one by one in a section (longer texts are compared whole). */
const MAX_PIECES = 400;

/** A text as its sentences, each with the punctuation that ends it. */
export function pieces(text: string): string[] {
  return text.match(/[^。；;！!？?\n]+[。；;！!？?\n]*|[。；;！!？?\n]+/g) ?? [];
}

/** The sentences of last year's and this year's text in order, each kept, added or removed (LCS). */
export function diffSentences(before: string, now: string): TextPiece[] {
  const a = pieces(before);
  const b = pieces(now);
  if (a.length > MAX_PIECES || b.length > MAX_PIECES)
    return before === now
      ? [{ text: now, kind: 'same' }]
      : [
          { text: before, kind: 'removed' },
          { text: now, kind: 'added' },
        ];
  const key = (s: string) => s.replace(/[\s\u3000]+/g, '');
  // lcs[i][j]: the longest common run of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        key(a[i]!) === key(b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: TextPiece[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && key(a[i]!) === key(b[j]!)) {
      out.push({ text: b[j]!, kind: 'same' });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      out.push({ text: b[j++]!, kind: 'added' });
    else out.push({ text: a[i++]!, kind: 'removed' });
  }
  return out;
}

/** This year's report against last year's (either may be a draft with cells not yet given). */
export function compareReports(form: Form, now: object, before: object): Comparison {
  const tables = (['s2', 's3', 's4'] as const).map((section) => {
    const cells = form
      .cellsOf(section)
      .filter((c) => section !== 's3' || c.path.endsWith(`[${form.s3Index.total}]`));
    return {
      section,
      figures: cells.map((c) => {
        // 不适用 stays 不适用: a body without a power is not a body that used it 0 times.
        const was = cellEntry(before, c);
        const is = cellEntry(now, c);
        // Table 三 by its rows' printed labels (a sub-row under its group: （三）不予公开 1.属于国家秘密).
        const row = section === 's3' ? form.s3Index.rowById.get(c.row) : undefined;
        const group = row?.group ? form.s3.groups[row.group] : undefined;
        const label = row ? [group, row.label].filter(Boolean).join(' ') : c.label;
        return {
          path: c.path,
          label,
          ...(was === undefined ? {} : { before: was }),
          ...(is === undefined ? {} : { now: is }),
          changed: was !== is,
        };
      }),
    };
  });
  const texts = form.texts.map((part) => {
    const was = getText(before, part.path);
    const is = getText(now, part.path);
    const a = typeof was === 'string' ? was : '';
    const b = typeof is === 'string' ? is : '';
    return {
      path: part.path,
      name: part.name,
      alike: a.trim() && b.trim() ? Math.floor(similarity(a, b) * 100) : null,
      pieces: diffSentences(a, b),
    };
  });
  return { tables, texts };
}
