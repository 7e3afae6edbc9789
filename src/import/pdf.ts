// A PDF's text layer (the items pdf.js's getTextContent gives, page by page) as the importer's text:
// the items of one baseline make one line, in reading order left to right; a wide gap between two
// items (a table's column boundary) becomes a tab, a narrow one nothing (CJK glyph runs split by the
// font) or a space between Latin letters and digits. Pure, so the browser's import screen and the
// command line read a PDF the same way.

/** One text item as pdf.js reports it (only the fields used here). */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e and f are the item's origin in page space (y grows upwards). */
  transform: number[];
  width: number;
  height: number;
}

interface Placed {
  str: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

/** A gap wider than this many font sizes separates two cells of a table row. */
const CELL_GAP = 1.2;
/** A gap wider than this many font sizes between Latin letters or digits is a space. */
const WORD_GAP = 0.15;

function placed(items: readonly PdfTextItem[]): Placed[] {
  const out: Placed[] = [];
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str.trim() === '' || !Array.isArray(it.transform)) continue;
    const x = Number(it.transform[4]);
    const y = Number(it.transform[5]);
    const size = Math.abs(Number(it.height)) || Math.abs(Number(it.transform[3])) || 1;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const width = Number.isFinite(it.width) ? Math.max(0, it.width) : 0;
    out.push({ str: it.str, x, y, end: x + width, size });
  }
  return out;
}

/** One page's text: a line per baseline, top to bottom, cells of a row separated by tabs. */
export function pdfPageText(items: readonly PdfTextItem[]): string {
  const all = placed(items).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Placed[][] = [];
  for (const it of all) {
    const line = lines[lines.length - 1];
    // The same baseline, within a fraction of the text's size (superscripts and mixed fonts).
    if (line && Math.abs(line[0]!.y - it.y) <= Math.min(line[0]!.size, it.size) * 0.4) line.push(it);
    else lines.push([it]);
  }
  const rows = lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let prev: Placed | undefined;
    for (const it of line) {
      if (prev) {
        const gap = it.x - prev.end;
        const size = Math.max(prev.size, it.size);
        if (gap > size * CELL_GAP) text += '\t';
        else if (gap > size * WORD_GAP && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(it.str))
          text += ' ';
      }
      text += it.str;
      prev = it;
    }
    return { text: text.trim(), x: line[0]!.x, end: prev!.end, size: line[0]!.size };
  });
  // A paragraph wrapped by the page: a line that runs to the right margin, followed by one that
  // starts at the left margin (not indented), continues the same paragraph. Table rows (with tabs)
  // are never joined.
  const left = Math.min(...rows.map((r) => r.x));
  const right = Math.max(...rows.map((r) => r.end));
  // Only a real text block wraps: at least 20 characters wide (a page's body is 30–40).
  const block = rows.length > 0 && right - left >= Math.min(...rows.map((r) => r.size)) * 20;
  let out = '';
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const wrapped =
      block &&
      before !== undefined &&
      !before.text.includes('\t') &&
      !row.text.includes('\t') &&
      before.end >= right - before.size * 2 &&
      row.x <= left + row.size * 0.5;
    if (i > 0) out += wrapped ? (/[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(row.text) ? ' ' : '') : '\n';
    out += row.text;
  });
  return out;
}

/** The pages' texts as one document, a form feed between pages. */
export function pdfText(pages: readonly (readonly PdfTextItem[])[]): string {
  return pages.map(pdfPageText).join('\n\f\n');
}

/** The part of pdf.js used here (its browser and Node builds both have it). */
export interface PdfJs {
  getDocument(src: {
    data: Uint8Array;
    cMapUrl: string;
    cMapPacked: boolean;
    isEvalSupported: boolean;
    verbosity: number;
  }): { promise: Promise<PdfDocument> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
  destroy(): Promise<void>;
}

/** Most pages read from one file: a report is 5–30 pages; a whole gazette is not one report. */
export const MAX_PDF_PAGES = 200;

/**
 * A PDF file's text through pdf.js (`cMapUrl`: where its character maps are, which Chinese PDFs
 * without embedded fonts need). Rejects when pdf.js cannot open the file.
 */
export async function readPdf(pdfjs: PdfJs, data: Uint8Array, cMapUrl: string): Promise<string> {
  const doc = await pdfjs.getDocument({
    data,
    cMapUrl,
    cMapPacked: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PDF_PAGES); n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items.filter((it): it is PdfTextItem => typeof (it as PdfTextItem).str === 'string'),
      );
    }
    return pdfText(pages);
  } finally {
    await doc.destroy();
  }
}
