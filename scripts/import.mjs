// `npm run import -- FILE… [--out DIR]`: reads published reports (.txt, .html, .docx or .pdf, the
// last through pdf.js) into report.json with what was not read, what could be read several ways,
// what was assumed, and the findings of the rules on what was read. Without --out, prints one JSON
// document per file; with it, writes DIR/NAME.report.json and prints a line per file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import './check-node.mjs';
import { root } from './env.mjs';
import { importTs } from './settings.mjs';

const USAGE = 'usage: npm run import -- FILE… [--out DIR]   (.txt, .html, .docx or .pdf)';
let parsed;
try {
  parsed = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
} catch (err) {
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.positionals.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
const { importReport } = await importTs('src', 'import', 'read.ts');
const { readFiles } = await importTs('src', 'import', 'files.ts');
const { readPdf } = await importTs('src', 'import', 'pdf.ts');
const { checkReport } = await importTs('src', 'engine', 'check.ts');
const { FORMS } = await importTs('forms', 'index.ts');
const caller = process.env.INIT_CWD ?? process.cwd();
const WHY = {
  doc: 'an old Word file (.doc/.wps): save it as .docx first',
  type: 'not a report file: .txt, .html, .docx or .pdf',
  damaged: 'cannot be opened (a damaged file?)',
  empty: 'empty',
};
let failed = 0;
for (const file of parsed.positionals) {
  const full = path.resolve(caller, file);
  let bytes;
  try {
    bytes = readFileSync(full);
  } catch (err) {
    console.error(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    failed++;
    continue;
  }
  let text;
  if (/\.pdf$/i.test(full)) {
    // pdf.js in Node, with its character maps (Chinese PDFs without embedded fonts need them).
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const cmaps = path.join(root, 'node_modules', 'pdfjs-dist', 'cmaps') + path.sep;
    text = await readPdf(pdfjs, new Uint8Array(bytes), cmaps).catch(() => null);
    if (!text?.trim()) {
      console.error(`${file}: no text could be read from this PDF (a scan, or encrypted?)`);
      failed++;
      continue;
    }
  } else {
    const got = await readFiles(
      [{ name: path.basename(full), type: '', bytes: new Uint8Array(bytes).buffer }],
      {
        zip: false,
      },
    );
    if (!got.read[0]) {
      console.error(`${file}: ${WHY[got.unread[0]?.reason] ?? WHY.type}`);
      failed++;
      continue;
    }
    text = got.read[0].text;
  }
  const imported = importReport(text);
  const form = FORMS.of(imported.report.formVersion) ?? FORMS.current;
  const { errors, warnings } = checkReport(form, imported.report);
  const got = { ...imported, findings: { errors, warnings } };
  if (parsed.values.out) {
    const dir = path.resolve(caller, parsed.values.out);
    mkdirSync(dir, { recursive: true });
    const name = path.basename(full).replace(/\.(txt|html?|docx|pdf)$/i, '.report.json');
    writeFileSync(path.join(dir, name), JSON.stringify(got, null, 2) + '\n');
    console.log(
      `${file}: ${got.report.org.name || '?'} ${got.report.year ?? '?'} — ${got.missing.length} cells not read, ${got.ambiguous.length} ambiguous → ${path.join(parsed.values.out, name)}`,
    );
  } else console.log(JSON.stringify({ file, ...got }, null, 2));
}
process.exit(failed ? 1 : 0);
