// `npm run import -- FILE… [--out DIR]`: reads published reports (.txt, .html or .docx; the text of
// a PDF saved as .txt) into report.json with what was not read, what could be read several
// ways and what was assumed. Without --out, prints one JSON document per file; with it, writes
// DIR/NAME.report.json and prints a line per file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import './check-node.mjs';
import { importTs } from './settings.mjs';

const USAGE = 'usage: npm run import -- FILE… [--out DIR]   (.txt, .html or .docx)';
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
const { docxText } = await importTs('src', 'import', 'docx.ts');
const caller = process.env.INIT_CWD ?? process.cwd();
let failed = 0;
for (const file of parsed.positionals) {
  const full = path.resolve(caller, file);
  if (!/\.(txt|html?|docx)$/i.test(full)) {
    console.error(`${file}: only .txt, .html and .docx are read here; save a PDF's text as .txt first`);
    failed++;
    continue;
  }
  const text = /\.docx$/i.test(full)
    ? await docxText(new Uint8Array(readFileSync(full)).buffer)
    : readFileSync(full, 'utf8');
  if (text === null) {
    console.error(`${file}: not a Word file that can be read (an old .doc? save it as .docx)`);
    failed++;
    continue;
  }
  const got = importReport(text);
  if (parsed.values.out) {
    const dir = path.resolve(caller, parsed.values.out);
    mkdirSync(dir, { recursive: true });
    const name = path.basename(full).replace(/\.(txt|html?|docx)$/i, '.report.json');
    writeFileSync(path.join(dir, name), JSON.stringify(got, null, 2) + '\n');
    console.log(
      `${file}: ${got.report.org.name || '?'} ${got.report.year ?? '?'} — ${got.missing.length} cells not read, ${got.ambiguous.length} ambiguous → ${path.join(parsed.values.out, name)}`,
    );
  } else console.log(JSON.stringify({ file, ...got }, null, 2));
}
process.exit(failed ? 1 : 0);
