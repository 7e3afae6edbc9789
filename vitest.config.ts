// Four test projects: `unit` runs the pure modules' tests in plain Node (vitest.unit.config.ts);
// `worker` runs inside workerd with the Worker's real bindings (D1 with every migration applied);
// `browser` drives Debian's Chromium against a real `wrangler dev`; `serve` runs the self-hosted
// service (`npm run serve`) as a county's server would, killed and restarted.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import unit, { FAST_CHECK, UNIT_TESTS } from './vitest.unit.config.ts';

// No telemetry or outbound look-ups from wrangler/miniflare during tests; config stays in the project.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.XDG_CONFIG_HOME = fileURLToPath(new URL('./.config', import.meta.url));
// Wrangler's info lines ("Using secrets defined in .dev.vars", once per test file) are not test output.
process.env.WRANGLER_LOG = 'warn';

// workerd reports the test runner's socket closing at the end of every test file as an exception.
// It is not one (vitest-pool-workers already hides its sibling messages), and printed 20 times it
// buries a real failure, so that one line is left out of the output.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && chunk.includes('disconnected: WebSocket peer disconnected')
      ? true
      : write(chunk, ...rest)) as typeof stream.write;
}

// The worker tests run the Worker's own configuration without its queue consumer: a test drives the
// queue itself (test/helpers/queue.ts, test/worker.ts), so what is delivered when is deterministic.
// The consumer runs for real under `wrangler dev` (the browser tests) and `npm run serve`.
function withoutQueueConsumer(): string {
  const dir = fileURLToPath(new URL('./.wrangler/test/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const toml = readFileSync(new URL('./wrangler.toml', import.meta.url), 'utf8')
    .replace(/^\[\[queues\.consumers\]\]\n(?:\w+ = .*\n)*/m, '')
    .replace(/^main = "/m, 'main = "../../')
    .replace(/^migrations_dir = "/m, 'migrations_dir = "../../')
    .replace(/^directory = "\.\//m, 'directory = "../../')
    .replace(/^\[build\]\n(?:\w+ = .*\n)*/m, '')
    // The tests run src/index.ts through vite, not the built modules wrangler uploads as they are.
    .replace(/^no_bundle = .*\n/m, '')
    .replace(/^rules = .*\n/m, '');
  if (/^(no_bundle|rules) =/m.test(toml))
    throw new Error('wrangler.toml: no_bundle or rules was not left out');
  if (/queues\.consumers/.test(toml)) throw new Error('wrangler.toml: the queue consumer was not left out');
  writeFileSync(`${dir}wrangler.toml`, toml);
  return `${dir}wrangler.toml`;
}

export default defineConfig({
  test: {
    projects: [
      unit,
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/index.ts',
            wrangler: { configPath: withoutQueueConsumer() },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(
                  fileURLToPath(new URL('./migrations', import.meta.url)),
                ),
                DEV_MODE: '',
                ADMIN_TOKEN: 'test-admin-token-for-the-worker-tests-0001',
                LINK_SECRET: 'test-link-secret-for-the-worker-tests-0001',
                PUBLIC_BASE_URL: 'https://nianbao.example',
                TELEGRAM_BOT_TOKEN: 'test-bot-token',
                TELEGRAM_WEBHOOK_SECRET: 'test-webhook-secret-for-the-worker-tests-01',
                // The fake Bot API of test/helpers/telegram.ts answers here; nothing leaves the machine.
                TELEGRAM_API_BASE: 'http://telegram.fake',
                // WeCom: the official SDK sample's token, key and corp id.
                WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
                WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
                WECOM_CORP_ID: 'ww1436e0e65a779aee',
                WECOM_AGENT_ID: '1000002',
                WECOM_SECRET: 'test-wecom-secret',
                WECOM_API_BASE: 'http://wecom.fake',
                DINGTALK_APP_KEY: 'test-ding-key',
                DINGTALK_APP_SECRET: 'test-ding-secret',
                DINGTALK_ROBOT_CODE: 'dingtestrobot',
                DINGTALK_API_BASE: 'http://dingtalk.fake',
                DINGTALK_SESSION_BASE: 'http://ding-session.fake/',
                FEISHU_APP_ID: 'cli_test',
                FEISHU_APP_SECRET: 'test-feishu-secret',
                FEISHU_VERIFICATION_TOKEN: 'test-feishu-token',
                FEISHU_ENCRYPT_KEY: 'test feishu key',
                FEISHU_API_BASE: 'http://feishu.fake',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['src/**/*.test.ts', 'test/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_TESTS],
          setupFiles: ['./test/setup.ts', ...FAST_CHECK.setupFiles],
          provide: FAST_CHECK.provide,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['./test/browser/server.ts'],
          ...FAST_CHECK,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A page saves a second after the last keystroke and retries after five; the default
          // one-second poll would race those timers on a loaded machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'serve',
          environment: 'node',
          include: ['test/serve/**/*.test.ts'],
          // Bundles the Worker, starts it under workerd three times and waits for a cron minute.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
