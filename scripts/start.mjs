// `npm start`: installs what is missing, prepares local secrets and the local D1 database
// (migrations and demo data), runs the Worker on 127.0.0.1 and prints the URLs to try.
import { copyFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import './ensure-install.mjs';
import { root, quietEnv } from './env.mjs';
import { wrangler } from './wrangler.mjs';

// The port: `npm start -- --port 8788`, or PORT=8788 npm start; 8787 otherwise.
const flag = process.argv.indexOf('--port');
const asked = flag >= 0 ? process.argv[flag + 1] : process.env.PORT;
const PORT = Number(asked ?? 8787);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) {
  console.error(`Not a port number: ${asked}. Use e.g. npm start -- --port 8788, or PORT=8788 npm start.`);
  process.exit(2);
}
const HOST = '127.0.0.1';
const base = `http://${HOST}:${PORT}`;

const devVars = path.join(root, '.dev.vars');
if (!existsSync(devVars)) {
  copyFileSync(path.join(root, '.dev.vars.example'), devVars);
  console.log('Created .dev.vars from .dev.vars.example (local secrets).');
}

console.log('Applying D1 migrations to the local database…');
wrangler(['d1', 'migrations', 'apply', 'DB', '--local'], { capture: true });

const dev = spawn(
  path.join(root, 'node_modules', '.bin', 'wrangler'),
  ['dev', '--local', '--ip', HOST, '--port', String(PORT), '--show-interactive-dev-session=false'],
  { cwd: root, env: { ...process.env, ...quietEnv }, stdio: 'inherit', detached: true },
);

// wrangler dev leaves workerd children behind unless its whole process group is stopped.
const stop = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM');
  } catch {}
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', stop);
dev.on('exit', (code) => process.exit(code ?? 0));

async function waitUntilUp() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      // 503: up, with settings to fix (printed below).
      if (res.ok || res.status === 503) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

if (await waitUntilUp()) {
  const { printDemo } = await import('./demo.mjs');
  await printDemo(base);
  // The same list as /healthz, by name: what a deploy would still need.
  const { reportLines } = await import('./settings.mjs');
  const health = await (await fetch(`${base}/healthz`)).json();
  console.log(`\nSettings (${base}/healthz):`);
  for (const line of reportLines(health)) console.log(line);
} else {
  console.error(`The worker did not answer on ${base}/healthz within a minute.`);
}
