// The pure modules' tests (forms/, src/engine/) in plain Node: vitest.config.ts's `unit`, Stryker's runs.
import { defineConfig } from 'vitest/config';
import type {} from './test/fast-check.setup.ts';

/** Unit tests of modules that need no Worker runtime; the `worker` project leaves them out. */
export const UNIT_TESTS = ['forms/**/*.test.ts', 'src/engine/**/*.test.ts', 'src/import/**/*.test.ts'];

const DEFAULT_FC_SEED = 2021;

/** FC_SEED (to replay a failure or try other cases) when set, else the fixed default. */
function fastCheckSeed(): number {
  const raw = process.env.FC_SEED?.trim();
  if (!raw) return DEFAULT_FC_SEED;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new Error(`FC_SEED must be a 32-bit integer, not ${JSON.stringify(raw)}`);
  }
  return seed;
}

/** Spread into every test project: the fixed fast-check seed and the setup file that applies it. */
export const FAST_CHECK = {
  setupFiles: ['./test/fast-check.setup.ts'],
  provide: { fcSeed: fastCheckSeed() },
};

export default defineConfig({
  test: {
    name: 'unit',
    environment: 'node',
    include: UNIT_TESTS,
    // The property tests (hundreds of reports rendered and read back) take a few seconds alone and
    // several times that while the other projects run beside them on a 2-core machine; how long
    // they take is never what they test.
    testTimeout: 30_000,
    ...FAST_CHECK,
  },
});
