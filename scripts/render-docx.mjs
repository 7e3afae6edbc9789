// `npm run render:docx`: compiles the example township's report to .docx through a throw-away dev
// server, converts it to PDF with LibreOffice and page 1 to PNG with pdftoppm, for a person to look
// at. Needs Debian's libreoffice-writer, poppler-utils and fonts-noto-cjk.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
execFileSync(
  'pdftoppm',
  ['-png', '-r', '80', '-f', '1', '-l', '2', path.join(out, 'report.pdf'), path.join(out, 'page')],
  { stdio: 'inherit' },
);
console.log(`${docx}\n${path.join(out, 'report.pdf')}\n${path.join(out, 'page-1.png')}`);
