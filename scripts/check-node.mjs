// Stops early, with the reason, on a Node.js older than the one the project needs (package.json's
// engines), rather than failing later inside wrangler with a less clear message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './env.mjs';

const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node; // ">=20.19.0"
const [major, minor] = process.versions.node.split('.').map(Number);
const [wantMajor, wantMinor] = wanted.replace(/^>=/, '').split('.').map(Number);
if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
  console.error(`nianbao needs Node.js ${wanted}; this is ${process.version}. Install Node 20.19 or newer.`);
  process.exit(1);
}
