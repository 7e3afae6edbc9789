// The three workers' code: nianbao exactly as `wrangler deploy --dry-run --outdir` bundles it (its
// [build] command included), the two peers bundled by esbuild with wrangler's settings for Workers.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { FOR_WORKERD } from '../../scripts/build-worker.mjs';
import { quietEnv, root } from '../../scripts/env.mjs';

const TYPES = [
  [/\.m?js$/, 'ESModule'],
  [/\.cjs$/, 'CommonJS'],
  [/\.wasm$/, 'CompiledWasm'],
  [/\.(txt|html|sql)$/, 'Text'],
  [/\.bin$/, 'Data'],
];

/**
 * Bundles nianbao (the project, or another checkout of it at `workerRoot`) as a deploy would, with
 * the project's wrangler; returns Miniflare modules (entry first), each with its source map.
 */
export function buildNianbao(workerRoot, main) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-build-'));
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir],
    { cwd: workerRoot, env: { ...process.env, ...quietEnv }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`wrangler deploy --dry-run failed in ${workerRoot} (exit ${result.status})`);
  }
  const entryName = `${path.basename(main ?? 'index.js').replace(/\.[cm]?[jt]sx?$/, '')}.js`;
  const modules = [];
  for (const name of readdirSync(outdir, { recursive: true }).map(String).sort()) {
    const type = TYPES.find(([re]) => re.test(name))?.[1];
    if (!type) continue; // README.md, source maps
    // A module's source map: beside it, or (a build wrangler uploads as it is, which it copies without
    // the maps) beside the file the build wrote into the checkout's build/worker/.
    const mapFile = [path.join(outdir, name), path.join(workerRoot, 'build', 'worker', name)]
      .map((f) => `${f}.map`)
      .find((f) => existsSync(f));
    const mod = { type, path: path.join(outdir, name), map: mapFile ? mapOf(mapFile) : null, mapFile };
    if (name === entryName) modules.unshift(mod);
    else modules.push(mod);
  }
  if (modules[0]?.path !== path.join(outdir, entryName))
    throw new Error(`no ${entryName} in the bundle (${outdir})`);
  return { outdir, modules, modulesRoot: outdir, size: sizeOf(modules) };
}

/** A peer worker (bench/minimal, bench/grammy) bundled for workerd. */
export async function buildPeer(dir, { minify = false } = {}) {
  const result = await build({
    ...FOR_WORKERD,
    entryPoints: [path.join(root, 'bench', dir, 'index.js')],
    minify,
    write: false,
    logLevel: 'silent',
  });
  const contents = result.outputFiles[0].contents;
  const modules = [{ type: 'ESModule', path: path.join(root, 'bench', dir, 'bundle.js'), contents }];
  return { modules, modulesRoot: path.join(root, 'bench', dir), size: sizeOf(modules) };
}

function sizeOf(modules) {
  let raw = 0;
  let gzip = 0;
  for (const m of modules) {
    const bytes = m.contents ?? readFileSync(m.path);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

function mapOf(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
