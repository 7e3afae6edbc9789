// Just enough XML for WeCom's flat messages: <xml><Tag><![CDATA[…]]></Tag><Tag>text</Tag></xml>.
// Anything else (nesting, unclosed tags, no root) is refused as malformed.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Whether a code point is a character XML may hold (the `Char` production of XML 1.0). */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Entities and character references; never throws. A reference to something that is not an XML
 * character (`&#99999999;`, `&#0;`, a surrogate) is kept as it was written.
 */
function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,8}|#x[0-9a-f]{1,8});/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()]!;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return xmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

export function parseFlatXml(input: string): Record<string, string> | null {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(input);
  if (!m) return null;
  const out: Record<string, string> = {};
  let rest = m[1]!.trim();
  while (rest.length) {
    const el = /^<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>\s*/.exec(rest);
    if (!el) return null;
    out[el[1]!] = el[2] !== undefined ? el[2] : decode(el[3] ?? '');
    rest = rest.slice(el[0].length);
  }
  return out;
}

export const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function flatXml(fields: Record<string, string | number>): string {
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`)
    .join('')}</xml>`;
}
