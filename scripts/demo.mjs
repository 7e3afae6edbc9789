// Prints what to try on a locally running Worker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './env.mjs';

export async function printDemo(base) {
  const example = path.join('test', 'fixtures', 'baiying-2023.report.json');
  JSON.parse(readFileSync(path.join(root, example), 'utf8'));
  console.log(`
nianbao is running at ${base}

  Health:            ${base}/healthz
  Check a report:    curl -s -X POST ${base}/api/check -H 'Content-Type: application/json' --data @${example}
  Compile (text):    curl -s -X POST '${base}/api/compile?format=text' -H 'Content-Type: application/json' --data @${example}
  Compile (html):    curl -s -X POST '${base}/api/compile?format=html' -H 'Content-Type: application/json' --data @${example} > report.html

Press Ctrl+C to stop.
`);
}
