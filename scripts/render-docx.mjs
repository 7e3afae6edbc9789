// `npm run render:docx`: compiles the example township's report to .docx through a throw-away dev
// server, converts it to PDF with LibreOffice and every page to PNG with pdftoppm, for a person to
// look at (where the tables break across pages). `npm run render:docx -- other.report.json` renders
// another report. Needs Debian's libreoffice-writer, poppler-utils and fonts-noto-cjk.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import './ensure-install.mjs';
import { root } from './env.mjs';
import { startDevServer } from './dev-server.mjs';

const out = path.join(root, 'artifacts', 'docx');
mkdirSync(out, { recursive: true });
const fixture = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'baiying-2023.report.json');
const { base, stop } = await startDevServer();
let docx;
try {
  const res = await fetch(`${base}/api/compile?format=docx`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: readFileSync(fixture),
  });
  if (!res.ok) throw new Error(`compile failed: ${res.status} ${await res.text()}`);
  docx = path.join(out, 'report.docx');
  writeFileSync(docx, Buffer.from(await res.arrayBuffer()));
} finally {
  stop();
}
const profile = `-env:UserInstallation=file://${path.join(out, '.lo-profile')}`;
execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
  stdio: 'inherit',
});
for (const old of readdirSync(out)) if (/^page-\d+\.png$/.test(old)) rmSync(path.join(out, old));
execFileSync('pdftoppm', ['-png', '-r', '80', path.join(out, 'report.pdf'), path.join(out, 'page')], {
  stdio: 'inherit',
});
const pages = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
console.log([docx, path.join(out, 'report.pdf'), ...pages.map((p) => path.join(out, p))].join('\n'));
