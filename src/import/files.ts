// Files as the importer's text, whatever a body published: plain text (UTF-8, GB 18030 or UTF-16),
// a web page, a Word .docx, or a ZIP of these. A PDF is read where pdf.js runs (the browser's import
// screen, the command line), so here it is set aside with its reason, as is an old .doc.
import { decodeText, docxText, unzip } from './docx';

export type Unreadable = 'pdf' | 'doc' | 'type' | 'damaged' | 'empty';

export interface FileIn {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

export interface FilesRead {
  read: { name: string; text: string }[];
  unread: { name: string; reason: Unreadable }[];
}

/** Most files read out of one ZIP (a city's departments and counties fit). */
export const MAX_ZIP_FILES = 500;

type Kind = 'text' | 'docx' | 'pdf' | 'doc' | 'zip' | 'other';

/** By the type first (a PDF read in the browser comes as text/plain under its own name), else by the name. */
function kindOf(name: string, type: string): Kind {
  if (/^text\/(plain|html)\b/.test(type)) return 'text';
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'txt' || ext === 'html' || ext === 'htm' || ext === 'text') return 'text';
  if (ext === 'docx' || type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    return 'docx';
  if (ext === 'pdf' || type === 'application/pdf') return 'pdf';
  if (ext === 'doc' || ext === 'wps' || type === 'application/msword') return 'doc';
  if (ext === 'zip' || type === 'application/zip' || type === 'application/x-zip-compressed') return 'zip';
  if (/^text\//.test(type)) return 'text';
  return 'other';
}

/** The texts of the files (a ZIP's entries in their place when `zip`), and the ones not read, why. */
export async function readFiles(files: readonly FileIn[], opts: { zip: boolean }): Promise<FilesRead> {
  const out: FilesRead = { read: [], unread: [] };
  const one = async (name: string, type: string, bytes: ArrayBuffer, inZip: boolean) => {
    const kind = kindOf(name, type);
    if (kind === 'zip' && opts.zip && !inZip) {
      const entries = await unzip(bytes);
      if (!entries) return void out.unread.push({ name, reason: 'damaged' });
      let n = 0;
      for (const [entry, data] of entries) {
        if (entry.endsWith('/') || /(^|\/)(__MACOSX\/|\.)/.test(entry)) continue;
        if (++n > MAX_ZIP_FILES) break;
        const copy = data.slice().buffer;
        await one(`${name}/${entry}`, '', copy, true);
      }
      if (n === 0) out.unread.push({ name, reason: 'empty' });
      return;
    }
    if (bytes.byteLength === 0) return void out.unread.push({ name, reason: 'empty' });
    if (kind === 'text') return void out.read.push({ name, text: decodeText(new Uint8Array(bytes)) });
    if (kind === 'docx') {
      const text = await docxText(bytes);
      return void (text === null
        ? out.unread.push({ name, reason: 'damaged' })
        : out.read.push({ name, text }));
    }
    out.unread.push({ name, reason: kind === 'pdf' ? 'pdf' : kind === 'doc' ? 'doc' : 'type' });
  };
  for (const f of files) await one(f.name, f.type, f.bytes, false);
  return out;
}
