// Bundles the Worker (src/index.ts) into build/worker/: the entry module, the modules it imports at
// start, and the modules it loads on first use (the pages, the Word writer) as separate files, so a
// Worker started for a chat webhook compiles only the webhook's code. wrangler.toml points `main` at
// build/worker/index.js with `no_bundle`, and its [build] command runs this script before every
// `wrangler dev` and `wrangler deploy`; `npm run size` and the startup check measure its output.
// The tests run the sources directly (vitest), and test/serve/bundle.test.ts checks the split.
import { existsSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from './env.mjs';

export const WORKER_OUT = path.join(root, 'build', 'worker');
/** esbuild's account of the last build (which sources went into which file), beside the upload. */
export const WORKER_META = path.join(root, 'build', 'worker-meta.json');

/** esbuild's settings for code that runs in workerd, as wrangler bundles a Worker. */
export const FOR_WORKERD = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
};

/** esbuild's options for the Worker: for workerd, split into modules, minified. */
export function workerOptions(outdir) {
  return {
    ...FOR_WORKERD,
    absWorkingDir: root,
    entryPoints: { index: path.join(root, 'src', 'index.ts') },
    outdir,
    splitting: true,
    external: ['cloudflare:*'],
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * The output files a Worker compiles when it starts: the entry and every module it imports
 * statically, transitively (what it loads with import() is left out). Paths as esbuild's metafile
 * names them, with the source files bundled into each.
 */
export function startupModules(metafile) {
  // The Worker's entry (the modules loaded with import() are entry points of esbuild's too).
  const entry = Object.keys(metafile.outputs).find(
    (file) => metafile.outputs[file].entryPoint === 'src/index.ts',
  );
  if (!entry) throw new Error('no output for src/index.ts in the metafile');
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of metafile.outputs[file]?.imports ?? [])
      if (dep.kind === 'import-statement') visit(dep.path);
  };
  visit(entry);
  return [...seen].map((file) => ({
    file,
    bytes: metafile.outputs[file].bytes,
    inputs: Object.keys(metafile.outputs[file].inputs),
  }));
}

/** Builds into a fresh directory and swaps it in, so `wrangler dev` never sees half a build. */
export async function buildWorker(outdir = WORKER_OUT, meta = WORKER_META) {
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  let result;
  try {
    result = await build(workerOptions(tmp));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  // Paths as if built in place (the temporary directory's name is of no use to a reader).
  const metafile = JSON.parse(
    JSON.stringify(result.metafile).replaceAll(path.relative(root, tmp), path.relative(root, outdir)),
  );
  writeFileSync(meta, JSON.stringify(metafile));
  return { ...result, metafile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    await buildWorker();
  } catch (err) {
    // esbuild has printed its own errors; anything else (a file system error) is printed here.
    if (!Array.isArray(err?.errors)) console.error('could not build the Worker:', err);
    process.exit(1);
  }
}
