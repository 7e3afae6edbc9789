// The configuration judged by the Worker's own declaration (src/lib/settings.ts), printed by name —
// never a value — for `npm start`, `npm run serve` and every build (`wrangler deploy` runs the build
// command first). `node scripts/settings.mjs` checks wrangler.toml's [vars] with .dev.vars (or the
// env file given with --env-file) and the process environment; with --build and no local secrets, the
// secrets are set with `wrangler secret put` and not visible here, so they are listed, not judged.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './env.mjs';

/** A TypeScript module of the project, bundled on the fly and loaded (for scripts run by Node). */
export async function importTs(...segments) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, ...segments)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The settings module (TypeScript, no imports of its own). */
export function loadSettings() {
  return importTs('src', 'lib', 'settings.ts');
}

/** `KEY = "value"` lines of wrangler.toml's [vars] table. */
export function tomlVars(file = path.join(root, 'wrangler.toml')) {
  const vars = {};
  let inVars = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (t.startsWith('[')) inVars = t === '[vars]';
    const m = inVars && /^([A-Z0-9_]+)\s*=\s*"(.*)"\s*(#.*)?$/.exec(t);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

/** `KEY=value` lines (.dev.vars, a self-hosted env file); # comments and blank lines skipped. */
export function envFile(file) {
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) vars[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return vars;
}

/**
 * Lines describing a settings report (checkSettings' result, which is also /healthz's body):
 * names and problems, with each setting's meaning when known.
 */
export function reportLines(report, meaning = () => '') {
  const line = (p) =>
    `  ${p.name}: ${p.problem === 'missing' ? 'missing' : p.problem}${meaning(p.name) ? ` — ${meaning(p.name)}` : ''}`;
  const out = [];
  if (report.core.length) out.push('Required settings missing or unusable:', ...report.core.map(line));
  for (const [platform, p] of Object.entries(report.platforms)) {
    if (p.state === 'incomplete')
      out.push(`${platform}: set up by half, its webhook answers 503:`, ...p.problems.map(line));
  }
  if (report.optional.length)
    out.push('Optional settings with unusable values (defaults used):', ...report.optional.map(line));
  const ready = Object.entries(report.platforms)
    .filter(([, p]) => p.state === 'ready')
    .map(([name]) => name);
  out.push(ready.length ? `Chat platforms ready: ${ready.join(', ')}` : 'No chat platform is set up yet.');
  return out;
}

/**
 * Lines describing a configuration. `hiddenSecrets`: the secrets (and whatever else is set with
 * `wrangler secret put`) live on Cloudflare, not here — only what is visible is judged, and the
 * secrets are listed for /healthz to check once deployed.
 */
export function describe(settings, values, { hiddenSecrets = false } = {}) {
  const meaning = (name) => settings.SETTINGS.find((s) => s.name === name)?.meaning ?? '';
  const report = settings.checkSettings({ DB: true, CACHE: true, OUTBOX: true, ...values });
  if (!hiddenSecrets) return { ok: report.ok, lines: reportLines(report, meaning) };
  const secret = new Set(settings.SETTINGS.filter((s) => s.secret).map((s) => s.name));
  const visible = {
    ...report,
    core: report.core.filter((p) => !secret.has(p.name)),
    platforms: {},
  };
  const lines = reportLines(visible, meaning).filter((l) => !l.startsWith('No chat platform'));
  const secrets = settings.SETTINGS.filter((s) => s.secret && s.group !== 'optional').map((s) => s.name);
  lines.push(
    `Secrets (\`wrangler secret put NAME\`; /healthz checks them once deployed): ${secrets.join(', ')}`,
  );
  return { ok: visible.core.length === 0 && visible.optional.length === 0, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const settings = await loadSettings();
  const at = process.argv.indexOf('--env-file');
  const local = at >= 0 ? process.argv[at + 1] : path.join(root, '.dev.vars');
  const known = Object.fromEntries(
    settings.SETTINGS.filter((s) => process.env[s.name] !== undefined).map((s) => [
      s.name,
      process.env[s.name],
    ]),
  );
  const haveLocal = existsSync(local);
  const values = { ...tomlVars(), ...(haveLocal ? envFile(local) : {}), ...known };
  const { ok, lines } = describe(settings, values, {
    hiddenSecrets: process.argv.includes('--build') && !haveLocal,
  });
  console.log(
    `Settings ${ok ? 'OK' : 'need attention'}${haveLocal ? ` (${path.relative(root, local)})` : ''}:`,
  );
  for (const l of lines) console.log(l);
}
