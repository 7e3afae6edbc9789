// The text of a Word (.docx) file, for the importer: paragraphs as lines, table rows as lines of
// tab-separated cells. A small ZIP reader of its own (central directory, stored or deflated entries)
// with limits, so a damaged or hostile file is refused rather than read without end.

/** Most bytes read out of one archive, inflated (a report's Word file is a few hundred KB). */
const MAX_XML_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 5000;

async function inflate(data: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Bytes as text: UTF-16 with a byte order mark, UTF-8 when they are (or `utf8` says so), else GB 18030 (the 「ANSI」 of Chinese
 * Windows: Notepad's .txt files, the names in archives made by its Explorer), else UTF-8 with
 * replacement characters.
 */
export function decodeText(bytes: Uint8Array, utf8 = false): string {
  if (!utf8) {
    // Notepad's 「Unicode」: UTF-16 with its byte order mark.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {}
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {}
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Every entry of a ZIP archive (stored or deflated), or null when it is not one, is damaged, or
 * inflates past the limit.
 */
export async function unzip(buffer: ArrayBuffer): Promise<Map<string, Uint8Array> | null> {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  if (bytes.length < 22) return null;
  let eocd = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 22 - 65_535);
  while (eocd >= stop && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < stop) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) return null;
  const files = new Map<string, Uint8Array>();
  let budget = MAX_XML_BYTES;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decodeText(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    if (local + 30 > bytes.length) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) return null;
    const data = bytes.subarray(start, start + size);
    let raw: Uint8Array | null = null;
    if (method === 0) raw = size <= budget ? data : null;
    else if (method === 8) raw = await inflate(data, budget).catch(() => null);
    if (!raw) return null;
    budget -= raw.byteLength;
    files.set(name, raw);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : '';
  });
}

/** The visible text of one paragraph (runs, tabs, line breaks). */
function paragraphText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g))
    out += m[1] !== undefined ? decode(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n';
  return out;
}

/** A document's body as text: each paragraph a line, each table row a line of tab-separated cells. */
function bodyText(xml: string): string {
  const lines: string[] = [];
  // Tables and paragraphs in document order (a table's own paragraphs belong to its cells).
  for (const m of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const block = m[0];
    if (block.startsWith('<w:tbl>')) {
      for (const row of block.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
        const cells = [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
          [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
            .map((p) => paragraphText(p[0]))
            .join(' ')
            .trim(),
        );
        lines.push(cells.join('\t'));
      }
    } else lines.push(paragraphText(block));
  }
  return lines.join('\n');
}

/** The text of a .docx file; null when it is not one (or cannot be read within the limits). */
export async function docxText(buffer: ArrayBuffer): Promise<string | null> {
  const xml = (await unzip(buffer))?.get('word/document.xml');
  if (!xml) return null;
  return bodyText(new TextDecoder().decode(xml));
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
