// Just enough XML for WeCom's flat messages: <xml><Tag><![CDATA[…]]></Tag><Tag>text</Tag></xml>.
// Anything else (nesting, unclosed tags, no root) is refused as malformed.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITIES[e.toLowerCase()]!,
  );
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
