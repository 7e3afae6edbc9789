// A published report's text made regular before it is read: an HTML page or table dump turned into
// lines and tab-separated cells, full-width digits and punctuation made half-width, page numbers and
// form feeds dropped. Nothing is guessed here; the lines keep their order.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** What an empty table cell of an HTML page becomes: read as a blank, never as a figure. */
export const BLANK = '∅';

/** Whether a text is markup rather than copied text. */
export function looksLikeHtml(text: string): boolean {
  return /<(table|tr|td|th|p|div|br|body|html)\b/i.test(text);
}

/** An HTML page as text: cells separated by tabs, rows and blocks by line breaks. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // An empty cell keeps its place in its row (a blank in the published table).
      .replace(/<t([dh])\b[^>]*>(?:\s|&nbsp;|<(?!\/t[dh])[^>]*>)*<\/t\1>/gi, `${BLANK}\t`)
      .replace(/<\/t[dh]>/gi, '\t')
      .replace(/<(br|\/tr|\/p|\/div|\/h[1-6]|\/li|\/table)\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** Full-width digits, letters and the punctuation that separates figures and labels, made half-width. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u00a0\u2002-\u200b\ufeff]/g, (c) => (c === '\u200b' || c === '\ufeff' ? '' : ' '));
}

/** A line as published (for texts) and made regular (for matching figures and labels). */
export interface Line {
  raw: string;
  norm: string;
}

/**
 * The CJK radicals that are whole simplified characters, as those characters (Unicode gives most of
 * them no compatibility mapping): ⺠ is 民, ⻓ is 长, ⻔ is 门. Component-only forms (亻, 氵, 艹) never
 * stand alone in text and are left as they are.
 */
const RADICALS = new Map(
  [
    '⺁厂⺇几⺌小⺝月⺟母⺠民⺧牛⺩王⺮竹⺶羊⻁虎⻄西⻅见⻆角⻉贝⻊足⻋车⻓长⻔门⻗雨⻘青⻙韦⻚页⻛风⻜飞',
    '⻝食⻡首⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟',
  ]
    .join('')
    .match(/../gu)!
    .map((pair) => [pair[0]!, pair[1]!] as const),
);

/**
 * Radicals as the ideographs they look like: PDFs made by browsers and office suites often map their
 * glyphs to the Kangxi radicals (⼀ U+2F00, ⼯, ⼈: NFKC gives the ideograph) or to the CJK radicals
 * supplement (⺠), so a copied 「⼀、总体情况」 is not 「一、总体情况」 and 「⼈⺠政府」 is not 「人民政府」.
 */
export function plainIdeographs(s: string): string {
  return s.replace(/[\u2e80-\u2fdf]/g, (c) => RADICALS.get(c) ?? c.normalize('NFKC'));
}

/** The lines of a report: page marks, form feeds and empty lines dropped; cells kept apart. */
export function reportLines(input: string): Line[] {
  const text = plainIdeographs(looksLikeHtml(input) ? htmlToText(input) : input);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .split('\n')
    .map((raw) => raw.replace(/[ \t\u3000]+$/g, ''))
    .map((raw) => ({ raw, norm: halfWidth(raw).replace(/^ +/, '') }))
    .filter(
      (l) => l.norm.trim() !== '' && !/^\s*-\s*\d+\s*-\s*$/.test(l.norm) && !/^\s*第\s*\d+\s*页/.test(l.norm),
    );
}
