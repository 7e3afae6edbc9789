// Global setup of the browser tests: a real `wrangler dev` (workerd, local D1 in a fresh temporary
// directory, migrations applied) on a free loopback port, stopped with its whole process group.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');
const quiet = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: path.join(root, '.config'),
};

export const ADMIN_TOKEN = 'browser-admin-token';
export const WEBHOOK_SECRET = 'browser-webhook-secret';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-browser-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...quiet };
  const applied = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (applied.status !== 0) throw new Error(`migrations failed: ${applied.stdout}${applied.stderr}`);
  const vars = {
    DEV_MODE: '1',
    ADMIN_TOKEN,
    LINK_SECRET: 'browser-link-secret',
    TELEGRAM_BOT_TOKEN: '1:browser',
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_BASE: `${base}/dev/telegram`,
    PUBLIC_BASE_URL: base,
  };
  const args = [
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    dir,
    '--show-interactive-dev-session=false',
  ];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(wrangler, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (i > 120) {
      stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', base);
  return stop;
}
