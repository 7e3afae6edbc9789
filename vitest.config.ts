// Two test projects: `worker` runs inside workerd with the Worker's real bindings (D1 with every
// migration applied); `browser` drives Debian's Chromium against a real `wrangler dev`.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// No telemetry or outbound look-ups from wrangler/miniflare during tests; config stays in the project.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.XDG_CONFIG_HOME = fileURLToPath(new URL('./.config', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(
                  fileURLToPath(new URL('./migrations', import.meta.url)),
                ),
                DEV_MODE: '',
                ADMIN_TOKEN: 'test-admin-token',
                LINK_SECRET: 'test-link-secret',
                PUBLIC_BASE_URL: 'https://nianbao.example',
                TELEGRAM_BOT_TOKEN: 'test-bot-token',
                TELEGRAM_WEBHOOK_SECRET: 'test-webhook-secret',
                // The fake Bot API of test/helpers/telegram.ts answers here; nothing leaves the machine.
                TELEGRAM_API_BASE: 'http://telegram.fake',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['src/**/*.test.ts', 'forms/**/*.test.ts', 'test/*.test.ts'],
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['./test/browser/server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
