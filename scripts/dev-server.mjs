// Starts a throw-away `wrangler dev` (workerd, local D1 in a fresh temporary directory with the
// migrations applied) on a free loopback port, for the browser tests and the screenshots.
// stop() ends its whole process group (wrangler leaves workerd children otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, quietEnv } from './env.mjs';

export const DEV_SERVER_VARS = {
  ADMIN_TOKEN: 'local-admin-token',
  WEBHOOK_SECRET: 'local-webhook-secret',
};

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startDevServer() {
  const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-dev-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...quietEnv };
  const applied = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (applied.status !== 0) throw new Error(`migrations failed: ${applied.stdout}${applied.stderr}`);
  const vars = {
    DEV_MODE: '1',
    ADMIN_TOKEN: DEV_SERVER_VARS.ADMIN_TOKEN,
    LINK_SECRET: 'local-link-secret',
    TELEGRAM_BOT_TOKEN: '1:local',
    TELEGRAM_WEBHOOK_SECRET: DEV_SERVER_VARS.WEBHOOK_SECRET,
    TELEGRAM_API_BASE: `${base}/dev/telegram`,
    WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
    WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
    WECOM_CORP_ID: 'ww1436e0e65a779aee',
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'local-wecom-secret',
    WECOM_API_BASE: `${base}/dev/wecom`,
    DINGTALK_APP_KEY: 'local-ding-key',
    DINGTALK_APP_SECRET: 'local-ding-secret',
    DINGTALK_ROBOT_CODE: 'dinglocal',
    DINGTALK_API_BASE: `${base}/dev/dingtalk`,
    DINGTALK_SESSION_BASE: `${base}/dev/dingtalk/`,
    FEISHU_APP_ID: 'cli_local',
    FEISHU_APP_SECRET: 'local-feishu-secret',
    FEISHU_VERIFICATION_TOKEN: 'local-feishu-token',
    FEISHU_ENCRYPT_KEY: 'local feishu key',
    FEISHU_API_BASE: `${base}/dev/feishu`,
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
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      const up = await fetch(`${base}/healthz`);
      // 503: up, with settings to fix.
      if (up.ok || up.status === 503) break;
    } catch {}
    if (i > 120) {
      stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop };
}

/** Calls the admin API of a dev server (409 "exists" answers are fine for seeding). */
export async function adminPost(base, p, body) {
  const res = await fetch(base + p, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_SERVER_VARS.ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
