// `npm run types`: regenerates src/worker-configuration.d.ts (the `Env` type) from wrangler.toml.
// wrangler.toml's `main` is the built bundle (build/worker/index.js, see scripts/build-worker.mjs);
// the types name the source entry it is built from, so they hold before any build.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import './ensure-install.mjs';
import { root } from './env.mjs';
import { wrangler } from './wrangler.mjs';

const out = path.join('src', 'worker-configuration.d.ts');
wrangler(['types', out, '--include-runtime=false', '--strict-vars=false', '--env-file=.dev.vars.example']);
const file = path.join(root, out);
const text = readFileSync(file, 'utf8');
const fixed = text.replace(/typeof import\("[^"]*build\/worker\/index"\)/, 'typeof import("./index")');
if (fixed === text && !text.includes('typeof import("./index")'))
  throw new Error(`${out}: no mainModule import to point at src/index.ts`);
writeFileSync(file, fixed);
