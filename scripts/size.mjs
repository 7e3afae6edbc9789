// Builds the Worker as it would be deployed (`wrangler deploy --dry-run`, whose [build] command runs
// scripts/build-worker.mjs) and prints its size, raw and gzipped, against the 300 KiB gzip budget;
// then what a Worker compiles when it starts (the entry and the modules it imports statically) and
// what it loads on first use. Exits non-zero when the budget is exceeded.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import './ensure-install.mjs';
import { root } from './env.mjs';
import { wrangler } from './wrangler.mjs';
import { startupModules, WORKER_META } from './build-worker.mjs';

const BUDGET_KIB = 300;
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
wrangler(['deploy', '--dry-run', '--outdir', outdir], { capture: true });

const kib = (n) => (n / 1024).toFixed(1);
let raw = 0;
let gz = 0;
for (const name of readdirSync(outdir, { recursive: true }).map(String)) {
  const file = path.join(outdir, name);
  if (!statSync(file).isFile() || !name.endsWith('.js')) continue;
  const bytes = readFileSync(file);
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
console.log(`worker bundle: ${kib(raw)} KiB raw, ${kib(gz)} KiB gzip (budget ${BUDGET_KIB} KiB gzip)`);

const metafile = JSON.parse(readFileSync(WORKER_META, 'utf8'));
const atStart = startupModules(metafile);
const startBytes = atStart.reduce((n, m) => n + m.bytes, 0);
console.log(
  `compiled when a Worker starts: ${kib(startBytes)} KiB in ${atStart.length} module(s) (the entry and ` +
    `what it imports); loaded on first use: ${kib(raw - startBytes)} KiB`,
);
if (gz > BUDGET_KIB * 1024) {
  console.error('over budget');
  process.exit(1);
}
