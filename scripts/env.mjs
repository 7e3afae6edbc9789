// Environment for every wrangler/miniflare call the project makes: no telemetry, no
// outbound look-ups, and wrangler's config kept inside the project rather than the user's home.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const quietEnv = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  // The banner is where wrangler looks up whether a newer version exists (a request to npm).
  WRANGLER_HIDE_BANNER: 'true',
  XDG_CONFIG_HOME: path.join(root, '.config'),
};

export function applyQuietEnv() {
  Object.assign(process.env, quietEnv);
}
