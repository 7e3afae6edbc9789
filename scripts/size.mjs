// Builds the Worker as it would be deployed (minified) and prints its size, raw and gzipped,
// against the 300 KiB gzip budget. Exits non-zero when the budget is exceeded.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import './ensure-install.mjs';
import { root } from './env.mjs';
import { wrangler } from './wrangler.mjs';

const BUDGET_KIB = 300;
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
wrangler(['deploy', '--dry-run', '--minify', '--outdir', outdir], { capture: true });

let raw = 0;
let gz = 0;
for (const name of readdirSync(outdir)) {
  const file = path.join(outdir, name);
  if (!statSync(file).isFile() || name.endsWith('.map')) continue;
  const bytes = readFileSync(file);
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kib = (n) => (n / 1024).toFixed(1);
console.log(`worker bundle: ${kib(raw)} KiB raw, ${kib(gz)} KiB gzip (budget ${BUDGET_KIB} KiB gzip)`);
if (gz > BUDGET_KIB * 1024) {
  console.error('over budget');
  process.exit(1);
}
