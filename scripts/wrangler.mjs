// Runs the project's pinned wrangler with the quiet environment: `node scripts/wrangler.mjs <args>`.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, quietEnv } from './env.mjs';

export function wrangler(args, options = {}) {
  const bin = path.join(root, 'node_modules', '.bin', 'wrangler');
  const result = spawnSync(bin, args, {
    cwd: root,
    env: { ...process.env, ...quietEnv },
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (options.capture) process.stderr.write(result.stdout + result.stderr);
    throw new Error(`wrangler ${args.join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await import('./ensure-install.mjs');
  try {
    wrangler(process.argv.slice(2));
  } catch {
    process.exit(1);
  }
}
