// Settings of the three workers: nianbao's from wrangler.toml (as a deploy reads it) with the test
// secrets of vitest.config.ts, every platform API pointing at the local fake; the peers' the same
// runtime (compatibility date and flags) and the two settings they use.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/env.mjs';
import { WEBHOOK_SECRET } from './telegram.mjs';

export const ADMIN_TOKEN = 'bench-admin-token-for-the-benchmark-000001';
const FAKE = (host) => `http://${host}.fake`;

/** nianbao's wrangler.toml as Miniflare options, read by the project's wrangler. */
export async function loadWrangler(workerRoot = root) {
  const wrangler = await import('wrangler');
  const configPath = path.join(workerRoot, 'wrangler.toml');
  const { workerOptions, main } = wrangler.unstable_getMiniflareWorkerOptions(configPath);
  const config = wrangler.unstable_readConfig({ config: configPath });
  return { workerOptions, main, config, splitSql: wrangler.unstable_splitSqlQuery };
}

export function nianbaoOptions(workerOptions) {
  return {
    ...workerOptions,
    bindings: {
      ...workerOptions.bindings,
      DEV_MODE: '',
      ADMIN_TOKEN,
      LINK_SECRET: 'bench-link-secret-for-the-benchmark-0000001',
      PUBLIC_BASE_URL: 'https://nianbao.example',
      TELEGRAM_BOT_TOKEN: 'bench-bot-token',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_BASE: FAKE('telegram'),
      WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
      WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
      WECOM_CORP_ID: 'ww1436e0e65a779aee',
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'bench-wecom-secret',
      WECOM_API_BASE: FAKE('wecom'),
      DINGTALK_APP_KEY: 'bench-ding-key',
      DINGTALK_APP_SECRET: 'bench-ding-secret',
      DINGTALK_ROBOT_CODE: 'dingbenchrobot',
      DINGTALK_API_BASE: FAKE('dingtalk'),
      DINGTALK_SESSION_BASE: 'http://ding-session.fake/',
      FEISHU_APP_ID: 'cli_bench',
      FEISHU_APP_SECRET: 'bench-feishu-secret',
      FEISHU_VERIFICATION_TOKEN: 'bench-feishu-token',
      FEISHU_ENCRYPT_KEY: 'bench feishu key',
      FEISHU_API_BASE: FAKE('feishu'),
    },
  };
}

export function peerOptions(workerOptions) {
  return {
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags ?? [],
    bindings: {
      TELEGRAM_BOT_TOKEN: 'bench-bot-token',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_BASE: FAKE('telegram'),
    },
    d1Databases: {},
  };
}

/** nianbao's migrations, in order, as SQL text. */
export function migrations(workerRoot = root) {
  const dir = path.join(workerRoot, 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
