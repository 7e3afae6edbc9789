// A worker's startup, measured as `wrangler check startup` does it (a fresh workerd whose first
// request imports the worker's main module, under the inspector's sampling profiler), repeated on
// fresh instances: what a cold start costs before the first request is served.
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { freePort } from '../../scripts/dev-server.mjs';
import { inspect } from './profile.mjs';

const NAME = 'startup';

/**
 * One cold start of `code` (Miniflare modules, entry first): CPU of the isolate from the import of
 * the entry until it has loaded, in µs — `compileUs` for the modules' compilation (frames of a worker
 * module at no line), `evaluateUs` for their top-level code, `otherUs` for the rest (the runtime's).
 */
async function coldStart(code, compatibilityDate) {
  const port = await freePort();
  const entry = `./${path.relative(code.modulesRoot, code.modules[0].path).split(path.sep).join('/')}`;
  const mf = new Miniflare({
    name: NAME,
    compatibilityDate,
    inspectorPort: port,
    modulesRoot: code.modulesRoot,
    modules: [
      {
        type: 'ESModule',
        path: path.join(code.modulesRoot, '__bench_startup__.js'),
        contents: `export default { async fetch() { await import(${JSON.stringify(entry)}); return new Response('ok'); } };`,
      },
      ...code.modules.map(({ type, path, contents }) =>
        contents ? { type, path, contents } : { type, path },
      ),
    ],
  });
  try {
    await mf.ready;
    const session = await inspect(port, NAME);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    // workerd acknowledges Profiler.start before the profiler runs; a request sent at once can
    // finish before the first sample.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await mf.dispatchFetch('http://startup.example/');
    if ((await res.text()) !== 'ok') throw new Error(`startup probe answered ${res.status}`);
    const { profile } = await session.send('Profiler.stop');
    session.close();
    return split(profile, code);
  } finally {
    await mf.dispose();
  }
}

function split(profile, code) {
  const ours = new Set(
    code.modules.map((m) => path.relative(code.modulesRoot, m.path).split(path.sep).join('/')),
  );
  const isOurs = (url) => [...ours].some((u) => url === u || url.endsWith(`/${u}`));
  const deltas = profile.timeDeltas ?? [];
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const out = { compileUs: 0, evaluateUs: 0, otherUs: 0 };
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const f = node.callFrame;
    if (!us || f.functionName === '(idle)') continue;
    if (f.url && isOurs(f.url)) out[f.lineNumber < 0 ? 'compileUs' : 'evaluateUs'] += us;
    else out.otherUs += us;
  }
  return out;
}

/** `runs` cold starts of each worker, one after another; per worker the list of results. */
export async function startups(workers, { runs, compatibilityDate }) {
  const results = Object.fromEntries(Object.keys(workers).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [label, code] of Object.entries(workers))
      results[label].push(await coldStart(code, compatibilityDate));
  return results;
}
