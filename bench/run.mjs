// `npm run bench`: nianbao against a minimal Hono + D1 worker and a grammY bot, each in its own
// workerd under Miniflare, on the chat path; then nianbao's heavy paths at 1k, 20k and 100k bodies.
// Prints a Markdown table and writes it to artifacts/bench/last.md. See bench/README.md.
//
//   npm run bench                       everything (about 10 minutes on 2 cores)
//   npm run bench -- --quick            without the 100k size
//   npm run bench -- --only chat        the chat comparison only (or --only heavy, --only startup)
//   options: --officials 1600 --reps 3 --concurrency 8,32 --sizes 1000,20000,100000 --paths csv,cron
//            --startups 15 --cron-timeout 300 --no-profile --seed-chat webhook --worker-root <another checkout>
//            --out <file.md>
import '../scripts/ensure-install.mjs';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../scripts/dev-server.mjs';
import { applyQuietEnv, root } from '../scripts/env.mjs';

applyQuietEnv();
process.env.WRANGLER_LOG ??= 'warn';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    officials: { type: 'string', default: '1600' },
    reps: { type: 'string', default: '3' },
    startups: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '8,32' },
    sizes: { type: 'string' },
    'cron-timeout': { type: 'string', default: '300' },
    paths: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    'seed-chat': { type: 'string', default: 'sql' },
    'worker-root': { type: 'string', default: root },
    out: { type: 'string', default: path.join(root, 'artifacts', 'bench', 'last.md') },
  },
});
const OFFICIALS = Number(opts.officials);
const REPS = Number(opts.reps);
const CONCURRENCY = opts.concurrency.split(',').map(Number);
const SIZES = (opts.sizes ?? (opts.quick ? '1000,20000' : '1000,20000,100000')).split(',').map(Number);
const WORKER_ROOT = path.resolve(opts['worker-root']);
if (opts.only && !['chat', 'heavy', 'startup'].includes(opts.only))
  throw new Error(`--only ${opts.only}: one of chat, heavy, startup`);
const runStartup = !opts.only || opts.only === 'startup';
const runChat = !opts.only || opts.only === 'chat';
const runHeavy = !opts.only || opts.only === 'heavy';

const { loadWrangler, nianbaoOptions, peerOptions, migrations } = await import('./lib/workers.mjs');
const { buildNianbao, buildPeer } = await import('./lib/build.mjs');
const { startInstance } = await import('./lib/instance.mjs');
const { fakeBotApi } = await import('./lib/fake.mjs');
const { timedRound, median, pool } = await import('./lib/load.mjs');
const chat = await import('./lib/chat.mjs');
const heavy = await import('./lib/heavy.mjs');
const { heavyPaths, measure, cronRun } = await import('./lib/paths.mjs');
const { machine } = await import('./lib/procs.mjs');
const { inspect, summarise } = await import('./lib/profile.mjs');

const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (...a) => console.log(`[${clock()}]`, ...a);

// Every Miniflare instance started here is disposed on the way out, whatever happens.
const live = new Set();
async function start(args) {
  const inst = await startInstance(args);
  live.add(inst);
  return inst;
}
async function stop(inst) {
  live.delete(inst);
  // workerd's last output (console.log of the workers, uncaught errors), for when a number is odd.
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(
    path.join(path.dirname(opts.out), `workerd-${inst.name}-${++stopped}.log`),
    inst.logs.join('\n') + '\n',
  );
  await inst.dispose();
}
let stopped = 0;
async function stopAll() {
  for (const inst of [...live]) await stop(inst).catch(() => {});
}
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    console.error(`\n${sig}: stopping workerd…`);
    stopAll().finally(() => process.exit(130));
  });

const fmt = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const int = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const mb = (b) =>
  b === null || b === undefined
    ? 'n/a'
    : b >= 1e6
      ? `${(b / 1e6).toFixed(1)} MB`
      : `${(b / 1e3).toFixed(1)} kB`;

const m = machine();
const out = [];
const md = (line = '') => out.push(line);
md(`# nianbao benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
md();
md(
  `Machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}; load average at start ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}.`,
);
md(
  `Worker: ${WORKER_ROOT === root ? 'this checkout' : WORKER_ROOT}. Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`.`,
);
md();

try {
  log(`building nianbao (wrangler deploy --dry-run) from ${WORKER_ROOT}`);
  const w = await loadWrangler(WORKER_ROOT);
  const nianbaoCode = buildNianbao(WORKER_ROOT, w.main);
  process.on('exit', () => rmSync(nianbaoCode.outdir, { recursive: true, force: true }));
  // nianbao's build (scripts/build-worker.mjs) minifies; the peers are bundled alike.
  const minify = true;
  const peers = {
    minimal: await buildPeer('minimal', { minify }),
    grammy: await buildPeer('grammy', { minify }),
  };
  const kib = (s) => `${(s.raw / 1024).toFixed(0)} KiB (${(s.gzip / 1024).toFixed(0)} KiB gzip)`;
  md(
    `Bundles${minify ? ' (minified)' : ''}: nianbao ${kib(nianbaoCode.size)} in ${nianbaoCode.modules.length} module(s), minimal ${kib(peers.minimal.size)}, grammY ${kib(peers.grammy.size)}.`,
  );
  md();

  const startNianbao = async (name, extra = {}) => {
    const inst = await start({
      name,
      code: nianbaoCode,
      workerOptions: nianbaoOptions(w.workerOptions),
      fake: await fakeBotApi(),
      splitSql: w.splitSql,
      ...extra,
    });
    for (const sql of migrations(WORKER_ROOT)) await inst.exec(sql);
    return inst;
  };

  if (runStartup) await startupSection(w, nianbaoCode, peers);
  if (runChat) await chatSection(w, startNianbao, peers);
  if (runChat && !opts['no-profile']) await profileSection(w, startNianbao, nianbaoCode, peers);
  // The reminders' trigger: a cron with a fixed minute and hour (not an every-few-minutes sweep).
  const crons = w.config.triggers?.crons ?? [];
  const cron = crons.find((c) => /^\d+ [\d,]+ /.test(c)) ?? crons[0] ?? '0 1,7 * * *';
  if (runHeavy) await heavySection(startNianbao, cron, nianbaoCode);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
  md();
  md(`**The run stopped with an error:** ${String(err?.message ?? err).slice(0, 500)}`);
} finally {
  await stopAll();
}

md();
md(`Took ${((Date.now() - started) / 60000).toFixed(1)} min.`);
const text = out.join('\n') + '\n';
console.log(`\n${text}`);
mkdirSync(path.dirname(opts.out), { recursive: true });
writeFileSync(opts.out, text);
log(`written to ${path.relative(process.cwd(), opts.out)}`);

// ---------------------------------------------------------------------------------------------

async function chatSection(w, startNianbao, peers) {
  const steps = 1 + REPS * CONCURRENCY.length + 1; // warm-up, timed rounds, metered
  if (steps > chat.MAX_STEPS)
    throw new Error(`--reps ${REPS} needs ${steps} answers per official; at most ${chat.MAX_STEPS}`);
  log(`chat: starting three workerd (nianbao, minimal, grammY)`);
  const nianbao = await startNianbao('nianbao');
  const minimal = await start({
    name: 'minimal',
    code: peers.minimal,
    workerOptions: peerOptions(w.workerOptions),
    fake: await fakeBotApi(),
    splitSql: w.splitSql,
  });
  const grammy = await start({
    name: 'grammy',
    code: peers.grammy,
    workerOptions: peerOptions(w.workerOptions),
    fake: await fakeBotApi(),
    splitSql: w.splitSql,
  });
  const t0 = Date.now();
  log(
    `chat: seeding ${OFFICIALS} officials in nianbao (${opts['seed-chat'] === 'webhook' ? 'each through the webhook' : 'a template through the webhook, the rest cloned with SQL'})`,
  );
  const workers = [
    {
      label: 'nianbao',
      inst: nianbao,
      seeded: await chat.seedNianbaoChat(nianbao, { officials: OFFICIALS, steps, via: opts['seed-chat'] }),
    },
    { label: 'minimal', inst: minimal, seeded: await chat.seedPeerChat(minimal, 'minimal', OFFICIALS) },
    { label: 'grammY', inst: grammy, seeded: await chat.seedPeerChat(grammy, 'grammy', OFFICIALS) },
  ];
  log(`chat: seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s; warm-up round`);
  for (const x of workers) {
    const r = await timedRound(x.inst, x.seeded.officials, 8, chat.answerer(x.inst, x.seeded));
    if (r.failures) throw new Error(`${x.label} warm-up: ${r.failures} failures: ${r.reasons.join(' | ')}`);
  }

  const rounds = [];
  for (let rep = 0; rep < REPS; rep++) {
    for (const [ci, c] of CONCURRENCY.entries()) {
      const shift = (rep * CONCURRENCY.length + ci) % workers.length;
      const order = [...workers.slice(shift), ...workers.slice(0, shift)];
      for (const x of order) {
        const r = await timedRound(x.inst, x.seeded.officials, c, chat.answerer(x.inst, x.seeded));
        rounds.push({ rep, label: x.label, ...r });
        log(
          `chat: rep ${rep + 1} c=${c} ${x.label.padEnd(7)} ${r.failures ? `FAILED: ${r.failures} failures (${r.reasons[0]})` : `${fmt(r.rps)} req/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, CPU ${fmt(r.cpuPerReq, 2)} ms/req`}`,
        );
      }
    }
  }

  // D1 per update, from the metered copies (100 officials each).
  const d1 = {};
  for (const x of workers) {
    const some = x.seeded.officials.filter((o) => o.step >= 0).slice(0, 100);
    x.inst.sink.begin();
    const r = await timedRound(x.inst, some, 1, chat.answerer(x.inst, x.seeded, { metered: true }));
    const s = x.inst.sink.end();
    d1[x.label] = r.failures ? null : { ...s, n: some.length, outbound: null };
  }
  for (const x of workers) await stop(x.inst);

  md(
    `## Chat answer mid-table 三 (${OFFICIALS.toLocaleString('en-US')} officials, one answer each per round)`,
  );
  md();
  md(
    'Each worker in its own workerd with its own D1; rounds interleaved (the order rotates); every reply checked',
  );
  md(
    '(nianbao: equal to a probe official’s reply at the same question, whose answers were verified stored). CPU is',
  );
  md(
    'the workerd process’s utime + stime over the round divided by the requests. A round with a failure has no numbers.',
  );
  md();
  md(
    '| rep | concurrency | worker | req/s | p50 ms | p99 ms | workerd CPU ms/req | load generator CPU ms/req | failures |',
  );
  md('| --: | --: | --- | --: | --: | --: | --: | --: | --: |');
  for (const r of rounds)
    md(
      r.failures
        ? `| ${r.rep + 1} | ${r.concurrency} | ${r.label} | — | — | — | — | — | **${r.failures}** (${r.reasons[0]?.slice(0, 80)}) |`
        : `| ${r.rep + 1} | ${r.concurrency} | ${r.label} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.cpuPerReq, 2)} | ${fmt(r.nodeCpuPerReq, 2)} | 0 |`,
    );
  md();
  md(
    'Medians over the reps (ratios are per rep, between rounds of the same rep, then the median and range):',
  );
  md();
  md('| concurrency | worker | req/s | p50 ms | p99 ms | CPU ms/req | req/s ÷ minimal | CPU ÷ minimal |');
  md('| --: | --- | --: | --: | --: | --: | --: | --: |');
  for (const c of CONCURRENCY) {
    for (const label of ['nianbao', 'minimal', 'grammY']) {
      const ok = rounds.filter((r) => r.concurrency === c && r.label === label && !r.failures);
      const ratio = (key) => {
        const per = [];
        for (let rep = 0; rep < REPS; rep++) {
          const a = rounds.find(
            (r) => r.rep === rep && r.concurrency === c && r.label === label && !r.failures,
          );
          const b = rounds.find(
            (r) => r.rep === rep && r.concurrency === c && r.label === 'minimal' && !r.failures,
          );
          if (a && b) per.push(a[key] / b[key]);
        }
        if (!per.length || label === 'minimal') return '';
        return `${fmt(median(per), 2)} (${fmt(Math.min(...per), 2)}–${fmt(Math.max(...per), 2)})`;
      };
      const med = (key, d) => (ok.length ? fmt(median(ok.map((r) => r[key])), d) : 'n/a');
      md(
        `| ${c} | ${label} | ${med('rps', 0)} | ${med('p50', 1)} | ${med('p99', 1)} | ${med('cpuPerReq', 2)} | ${ratio('rps')} | ${ratio('cpuPerReq')} |`,
      );
    }
  }
  md();
  md(
    'D1 per update (metered copy, 100 updates): round trips, statements, rows read, rows written, result bytes:',
  );
  md();
  md('| worker | round trips | statements | rows read | rows written | result bytes |');
  md('| --- | --: | --: | --: | --: | --: |');
  for (const [label, s] of Object.entries(d1))
    md(
      s
        ? `| ${label} | ${fmt(s.calls / s.n, 2)} | ${fmt(s.statements / s.n, 2)} | ${fmt(s.rowsRead / s.n, 1)} | ${fmt(s.rowsWritten / s.n, 1)} | ${int(s.bytes / s.n)} |`
        : `| ${label} | failed | | | | |`,
    );
  md();
}

async function startupSection(w, nianbaoCode, peers) {
  const runs = Number(opts.startups);
  log(`startup: ${runs} cold starts of each worker`);
  const { startups } = await import('./lib/startup.mjs');
  const code = { nianbao: nianbaoCode, minimal: peers.minimal, grammY: peers.grammy };
  const results = await startups(code, { runs, compatibilityDate: w.workerOptions.compatibilityDate });
  // What nianbao compiles at start: the entry and what it imports statically (its build's account).
  let atStart = null;
  try {
    const meta = JSON.parse(readFileSync(path.join(WORKER_ROOT, 'build', 'worker-meta.json'), 'utf8'));
    const { startupModules } = await import('../scripts/build-worker.mjs');
    atStart = startupModules(meta);
  } catch {
    // Another checkout without the split build: every module counts.
  }
  const kib = (n) => fmt(n / 1024, 0);
  md(`## Startup (${runs} cold starts of each worker)`);
  md();
  md(
    'As `wrangler check startup` measures it: a fresh workerd whose first request imports the worker’s main module,',
  );
  md(
    'sampled every 0.1 ms; CPU of the isolate until the import is done. Compile: the modules’ compilation; top level:',
  );
  md('their top-level code; runtime: the rest (the probe’s own request, the runtime’s JavaScript).');
  md();
  md('| worker | compiled at start | CPU ms, median (range) | compile | top level | runtime |');
  md('| --- | --: | --: | --: | --: | --: |');
  for (const [label, list] of Object.entries(results)) {
    const c = code[label];
    const sizes =
      label === 'nianbao' && atStart
        ? `${kib(atStart.reduce((n, m) => n + m.bytes, 0))} KiB in ${atStart.length} of ${c.modules.length} modules`
        : `${kib(c.size.raw)} KiB in ${c.modules.length} module(s)`;
    const ms = (key) => fmt(median(list.map((r) => r[key] / 1000)), 1);
    const totals = list.map((r) => (r.compileUs + r.evaluateUs + r.otherUs) / 1000);
    md(
      `| ${label} | ${sizes} | ${fmt(median(totals), 1)} (${fmt(Math.min(...totals), 1)}–${fmt(Math.max(...totals), 1)}) | ${ms('compileUs')} | ${ms('evaluateUs')} | ${ms('otherUs')} |`,
    );
    log(`startup: ${label} median ${fmt(median(totals), 1)} ms`);
  }
  md();
}

/** Samples the isolate of one worker over `steps` rounds of answers; returns the profile. */
async function profileWorker(label, startWorker, seed, officials, steps) {
  const port = await freePort();
  const inst = await startWorker(port);
  try {
    const seeded = await seed(inst, officials, steps + 1);
    const warm = await timedRound(inst, seeded.officials, 8, chat.answerer(inst, seeded));
    if (warm.failures) throw new Error(`${label} profile warm-up: ${warm.reasons[0]}`);
    const session = await inspect(port, inst.name);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    let failures = 0;
    for (let k = 0; k < steps; k++)
      failures += (await timedRound(inst, seeded.officials, 8, chat.answerer(inst, seeded))).failures;
    const { profile } = await session.send('Profiler.stop');
    session.close();
    if (failures) throw new Error(`${label}: ${failures} failed answers while profiling`);
    return profile;
  } finally {
    await stop(inst);
  }
}

function summariseFor(profile, code) {
  return summarise(profile, {
    modules: code.modules.map((m) => ({
      url: path.relative(code.modulesRoot, m.path),
      map: m.map,
      // A source map names its sources relative to where the map was written.
      sourcePath: (source) =>
        path.relative(WORKER_ROOT, path.resolve(path.dirname(m.mapFile ?? m.path), source)),
    })),
  });
}

async function profileSection(w, startNianbao, code, peers) {
  const officials = 200;
  const steps = 20;
  const n = officials * steps;
  log(`profile: each worker with the inspector, ${officials} officials × ${steps} answers`);
  const peer = (name, peerCode) => async (port) =>
    start({
      name,
      code: peerCode,
      workerOptions: peerOptions(w.workerOptions),
      fake: await fakeBotApi(),
      splitSql: w.splitSql,
      inspectorPort: port,
    });
  const seedNianbao = (inst, k, s) => chat.seedNianbaoChat(inst, { officials: k, steps: s });
  const seedPeer = (kind) => (inst, k) => chat.seedPeerChat(inst, kind, k);
  const workers = [
    ['nianbao', (port) => startNianbao('nianbao', { inspectorPort: port }), seedNianbao],
    ['minimal', peer('minimal', peers.minimal), seedPeer('minimal')],
    ['grammY', peer('grammy', peers.grammy), seedPeer('grammy')],
  ];
  const profiles = {};
  for (const [label, run, seed] of workers)
    profiles[label] = await profileWorker(label, run, seed, officials, steps);
  const file = path.join(path.dirname(opts.out), 'nianbao-chat.cpuprofile');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profiles.nianbao));
  const s = summariseFor(profiles.nianbao, code);
  const perAnswer = (sum) => sum.totalUs / 1000 / n;
  const own = {
    nianbao: perAnswer(s),
    minimal: perAnswer(summariseFor(profiles.minimal, peers.minimal)),
    grammY: perAnswer(summariseFor(profiles.grammY, peers.grammy)),
  };

  md(`## Where the chat time goes (sampling profiles, ${n.toLocaleString('en-US')} answers per worker)`);
  md();
  md('JavaScript time in each worker’s isolate per answer — what a deployed Worker’s CPU time counts —');
  md(
    'from a sampling profile of each, one after the other, the same answers. Unlike the workerd process CPU',
  );
  md('above, it leaves out D1’s SQLite (which Miniflare runs in the same process, and Cloudflare elsewhere)');
  md('and the HTTP server. A sample counts the time to the next one, at most twice the usual gap, since the');
  md('isolate is not sampled while it waits. The profiler slows every worker alike: compare, not absolute.');
  md();
  md('| worker | isolate JS ms per answer | ÷ minimal |');
  md('| --- | --: | --: |');
  for (const [label, ms] of Object.entries(own))
    md(`| ${label} | ${fmt(ms, 3)} | ${label === 'minimal' ? '' : fmt(ms / own.minimal, 2)} |`);
  md();
  md(`nianbao’s by source file and function. Open \`${path.relative(root, file)}\` in Chrome DevTools`);
  md('(Performance) for the call tree.');
  md();
  md('| source | share | ms per answer |');
  md('| --- | --: | --: |');
  for (const [f, us] of s.byFile.filter(([x]) => !/^\((idle|program|root)\)$/.test(x)).slice(0, 15))
    md(`| ${f} | ${fmt((100 * us) / s.totalUs, 1)} % | ${fmt(us / 1000 / n, 3)} |`);
  md();
  md('| function (self time) | share |');
  md('| --- | --: |');
  for (const [fn, us] of s.byFunction.slice(0, 15))
    md(`| ${fn.replace(/\|/g, '\\|')} | ${fmt((100 * us) / s.totalUs, 1)} % |`);
  md();
}

/**
 * The Worker's own JavaScript time while `run` runs, from a sampling profile of its isolate: in all,
 * and the source files that took the most.
 */
async function isolateTime(port, name, run, code) {
  const session = await inspect(port, name);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 250 });
    await session.send('Profiler.start');
    await run();
    const { profile } = await session.send('Profiler.stop');
    const s = summariseFor(profile, code);
    const files = s.byFile
      .filter(([f]) => !/^\((idle|program|root)\)$/.test(f))
      .slice(0, 4)
      .map(([f, us]) => `${f} ${((100 * us) / s.totalUs).toFixed(0)} %`);
    return { ms: s.totalUs / 1000, files };
  } finally {
    session.close();
  }
}

/** `--paths csv,cron`: only the heavy paths whose name contains one of these words. */
function wanted(name) {
  return (
    !opts.paths || opts.paths.split(',').some((w) => name.toLowerCase().includes(w.trim().toLowerCase()))
  );
}

async function heavySection(startNianbao, cron, code) {
  log('heavy: starting nianbao; template bodies through the admin API, chat and dashboard');
  const inspectorPort = await freePort();
  const inst = await startNianbao('nianbao', { inspectorPort });
  inst.profileRun = (run) => isolateTime(inspectorPort, inst.name, run, code);
  const h = await heavy.setupHeavy(inst);
  const results = [];
  let day = 12;
  const cronTimeout = Number(opts['cron-timeout']) * 1000;
  let busy = null; // a cron run that did not finish: its queued work may still be running
  for (const size of SIZES) {
    log(`heavy: growing to ${size.toLocaleString('en-US')} bodies with SQL`);
    const t0 = Date.now();
    const before = await heavy.tableCounts(inst);
    const info = await heavy.growTo(inst, h, size, (line) => log(line));
    const after = await heavy.tableCounts(inst);
    const idle = Object.keys(after).filter(
      (t) =>
        after[t] <= (before[t] ?? 0) &&
        !['invites', 'inbound_events', 'chat_sessions', 'reminders_sent', 'dev_outbox'].includes(t),
    );
    log(
      `heavy: ${size.toLocaleString('en-US')} bodies ${JSON.stringify(info.counts)} in ${((Date.now() - t0) / 1000).toFixed(0)} s${idle.length ? `; tables not seeded: ${idle.join(', ')}` : ''}`,
    );
    const n = size;
    if (busy)
      results.push({
        size,
        note: `measured while the unfinished cron run at ${int(busy)} bodies may still be working`,
      });
    for (const p of heavyPaths(inst, h, { n, ...info }).filter((x) => wanted(x.name))) {
      const r = await measure(inst, p);
      results.push({ size, ...r });
      log(
        `heavy ${size}: ${r.name}: ${r.failed ? `FAILED: ${r.failed}` : `CPU ${fmt(r.cpuMs, 1)} ms (isolate ${fmt(r.isolate?.ms, 1)} ms), wall ${fmt(r.wallMs, 1)} ms (${r.runs} run(s)), rows read ${int(r.d1?.rowsRead)}`}`,
      );
    }
    if (!wanted('cron run')) continue;
    if (busy) {
      results.push({
        size,
        name: 'cron run (reminders)',
        failed: `not run: the one at ${int(busy)} bodies did not finish`,
      });
      continue;
    }
    const chats = await heavy.unsubmittedChats(inst, h);
    const metered = await cronRun(inst, `2026-01-${day++}`, chats, {
      metered: true,
      cron,
      timeoutMs: cronTimeout,
    });
    const timed = metered.failed
      ? metered
      : await cronRun(inst, `2026-01-${day++}`, chats, { metered: false, cron, timeoutMs: cronTimeout });
    if (timed.unfinished) busy = size;
    const reminders = { size, ...timed, d1: metered.d1, failed: metered.failed ?? timed.failed };
    results.push(reminders);
    log(
      `heavy ${size}: cron: ${reminders.failed ? `FAILED: ${reminders.failed}` : `CPU ${fmt(reminders.cpuMs, 0)} ms, wall ${fmt(reminders.wallMs, 0)} ms, ${int(reminders.outbound)} outbound requests (${int(reminders.reminded)} officials + ${int(reminders.others)} others)`}`,
    );
    if (idle.length)
      results.push({
        size,
        note: `tables the seeding did not grow: ${idle.join(', ')} (derived data? add SQL to bench/after-seed.sql)`,
      });
  }
  await stop(inst);

  md('## Heavy paths of nianbao');
  md();
  md(
    'Bodies under one supervisor (a quarter not started, a quarter each submitted, drafting and returned, as the',
  );
  md(
    '20,000-body test seeds them), cloned with SQL from template bodies made through the Worker’s own routes. Each',
  );
  md('path runs once on the metered copy (D1 columns: rows read and written from D1’s `meta`, round trips /');
  md(
    'statements, result bytes in all and of the largest single statement) and is then timed on the worker itself',
  );
  md(
    '(workerd process CPU and wall time, averaged over the runs shown). Cron: the scheduled handler until its',
  );
  md('outbound requests stop, checked that every official of an unsubmitted body got exactly one message.');
  md(
    'Isolate JS: one more run under the inspector’s sampling profiler, the Worker’s own JavaScript — what a',
  );
  md(
    'deployed Worker’s CPU limit counts; the process CPU also has Miniflare’s D1 (SQLite and its results) in it.',
  );
  md();
  md(
    '| bodies | path | CPU ms | isolate JS ms | wall ms | runs | D1 rows read | rows written | round trips / statements | D1 result bytes (largest) | response | outbound | over a limit |',
  );
  md('| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |');
  for (const r of results) {
    if (r.note) continue;
    if (r.failed) {
      md(
        `| ${int(r.size)} | ${r.name} | **failed**: ${r.failed.slice(0, 240).replace(/\|/g, '\\|')} | | | | | | | | | | |`,
      );
      continue;
    }
    const d = r.d1;
    const flags = [];
    if ((r.isolate?.ms ?? r.cpuMs) > 10) flags.push('CPU > 10 ms (free plan)');
    if (d?.maxBytes > 50e6) flags.push('D1 result > 50 MB');
    else if (d?.maxBytes > 10e6) flags.push('D1 result > 10 MB');
    if (d?.statements > 1000) flags.push('> 1,000 D1 queries');
    if (r.outbound > 10000) flags.push('> 10,000 subrequests');
    else if (r.outbound > 50) flags.push('> 50 subrequests (free)');
    if (r.failed) flags.unshift(`**failed: ${r.failed}**`);
    md(
      `| ${int(r.size)} | ${r.name} | ${fmt(r.cpuMs, r.cpuMs < 100 ? 1 : 0)} | ${r.isolate ? fmt(r.isolate.ms, r.isolate.ms < 100 ? 1 : 0) : ''} | ${fmt(r.wallMs, r.wallMs < 100 ? 1 : 0)} | ${r.runs} | ${int(d?.rowsRead)}${d?.unknown ? '+' : ''} | ${int(d?.rowsWritten)} | ${d ? `${int(d.calls)} / ${int(d.statements)}` : 'n/a'} | ${d ? `${mb(d.bytes)} (${mb(d.maxBytes)})` : 'n/a'} | ${r.bytes === undefined ? '' : mb(r.bytes)} | ${int(r.outbound)} | ${flags.join('; ')} |`,
    );
  }
  md();
  const notes = results.filter((r) => r.note);
  for (const r of notes) md(`- ${int(r.size)} bodies: ${r.note}`);
  const biggest = SIZES.at(-1);
  md(`Where the isolate’s time goes at ${int(biggest)} bodies (source files, share of its JavaScript):`);
  md();
  for (const r of results.filter((x) => x.size === biggest && x.isolate?.files.length))
    md(`- ${r.name}: ${r.isolate.files.join(', ')}`);
  md();
  md(`Queries reading the most rows at ${int(biggest)} bodies:`);
  md();
  for (const r of results.filter((x) => x.size === biggest && x.d1?.top?.length)) {
    const q = r.d1.top[0];
    md(
      `- ${r.name}: ${int(q.rowsRead)} rows, ${mb(q.bytes)} — \`${q.sql.slice(0, 160).replace(/`/g, "'")}${q.sql.length > 160 ? '…' : ''}\``,
    );
  }
  md();
}
