// `npm run serve -- --data DIR --host ADDR --port PORT --env-file FILE`: the Worker as a service on a
// county's own server. The Worker is bundled as `wrangler deploy` would upload it and run under
// workerd through Miniflare, with D1 and KV kept in DIR, the D1 migrations not applied yet applied at
// start, settings (the Worker's vars and secrets, by the same names) read from FILE, the cron
// triggers of wrangler.toml fired on schedule in UTC as Cloudflare fires them, one log line per
// request and per cron run on stdout, and a graceful stop on SIGTERM or SIGINT. See README,
// "Self-hosting".
//
//   --data DIR       data directory (default: $NIANBAO_DATA, else /var/lib/nianbao)
//   --host ADDR      address to listen on (default 127.0.0.1: put nginx in front)
//   --port PORT      port (default 8787)
//   --env-file FILE  settings (default: $NIANBAO_ENV_FILE, else /etc/nianbao/nianbao.env)
//   --build-only     bundle the Worker and stop (an install step, where the service may not write)
//   --no-build       run the Worker bundled before (by --build-only or an earlier start)
//
// The env file may also set CRONS, a test setting: cron expressions separated by ";" that replace
// those of wrangler.toml (e.g. CRONS="* * * * *"). It is not passed to the Worker.
import { reportLines } from './settings.mjs';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import './check-node.mjs';
import { cronsToRun, nextRun } from './cron.mjs';
import {
  BUILD_DIR,
  Busy,
  applyMigrations,
  build,
  claim,
  dataDir,
  ensureDir,
  exportSql,
  fromCaller,
  log,
  miniflare,
  pinnedIds,
  readBuild,
  readSettings,
  readableByOthers,
  storage,
} from './selfhost.mjs';

const USAGE =
  'usage: npm run serve -- [--data DIR] [--host ADDR] [--port PORT] [--env-file FILE] [--no-build | --build-only]';

/** Headers of one connection, never passed on by the proxy in front of workerd. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);

const isLoopback = (addr) => addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';

/** Waits for a promise, or `ms` at most. */
function within(ms, promise) {
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function fail(message, code = 2) {
  console.error(message);
  process.exit(code);
}

// State shared by the start, the proxy, the crons and the stop.
let mf;
let server;
let lock;
let starting = true;
let stopping = false;
const cronRuns = new Set();
let cronTimer;

/**
 * SIGTERM and SIGINT are this process's: Miniflare's own handlers would stop workerd and exit at
 * once (status 130/143). Called again after Miniflare starts, since it installs them then; its exit
 * hook stays and still ends workerd on any other exit.
 */
function takeSignals() {
  for (const signal of ['SIGTERM', 'SIGINT']) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.off(signal, listener);
    }
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
  }
}

function onSignal(signal) {
  if (starting) void stopWhileStarting(signal);
  else void shutdown(signal);
}

/** A stop asked for before the service listens: nothing to finish, only to close. */
async function stopWhileStarting(signal) {
  if (stopping) process.exit(1);
  stopping = true;
  log(`${signal} while starting: stopping`);
  await mf?.dispose().catch(() => {});
  await lock?.release();
  log('stopped');
  process.exit(0);
}

takeSignals();

let args;
try {
  args = parseArgs({
    options: {
      data: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8787' },
      'env-file': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'build-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

if (args['build-only']) {
  console.log('Bundling the Worker (wrangler deploy --dry-run)…');
  try {
    await build();
  } catch (err) {
    fail(`Could not bundle the Worker: ${err.message}`, 1);
  }
  console.log(`Built into ${BUILD_DIR}; start with: npm run serve -- --no-build …`);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`Not a port number: ${args.port}\n${USAGE}`);
const host = args.host;
const dir = dataDir(args.data);
const envFile = fromCaller(args['env-file'] ?? process.env.NIANBAO_ENV_FILE ?? '/etc/nianbao/nianbao.env');
if (!existsSync(envFile)) {
  fail(
    `The settings file ${envFile} does not exist. Copy deploy/nianbao.env.example there and fill ` +
      `it in (README, "Self-hosting"), or name another with --env-file.`,
  );
}

// The settings, and the crons to fire.
let settings;
let crons;
try {
  settings = readSettings(envFile);
  if (readableByOthers(envFile)) log(`warning: every user can read ${envFile}; chmod o-rwx it`);
} catch (err) {
  fail(`Cannot read the settings file ${envFile}: ${err.message}`);
}

// The Worker, bundled as wrangler deploys it.
let built;
if (args['no-build']) {
  built = readBuild();
  if (!built) fail(`No bundled Worker in ${BUILD_DIR}: run npm run serve -- --build-only first.`);
  if (built.changed.length) {
    log(
      `warning: ${built.changed.join(', ')} changed since the Worker was bundled (${built.info.builtAt}); ` +
        'run npm run serve -- --build-only and restart',
    );
  }
  built = built.info;
} else {
  log('bundling the Worker (wrangler deploy --dry-run)');
  try {
    built = await build();
  } catch (err) {
    fail(`Could not bundle the Worker: ${err.message}`, 1);
  }
  takeSignals(); // wrangler, loaded by the build, installed its own
}

const { CRONS, ...workerSettings } = settings;
try {
  crons = cronsToRun(built.crons, CRONS);
} catch (err) {
  fail(`${err.message}${CRONS !== undefined ? ` (CRONS in ${envFile})` : ' (wrangler.toml)'}`);
}

// The data directory, held by this process while it runs.
ensureDir(dir);
const { Miniflare } = miniflare();

/** The control socket: `npm run backup` asks the running service for a consistent export. */
async function control(req, res) {
  if (req.method !== 'GET' || req.url !== '/export' || !mf) return false;
  const binding = built.d1[0]?.binding ?? 'DB';
  const sql = await exportSql(await mf.getD1Database(binding));
  res.writeHead(200, { 'Content-Type': 'application/sql; charset=utf-8' }).end(sql);
  log(`backup: exported ${binding} through the control socket (${Buffer.byteLength(sql)} bytes)`);
  return true;
}

try {
  lock = await claim(dir, 'serve', control);
} catch (err) {
  fail(err instanceof Busy ? `Cannot start: ${err.message}.` : `Cannot use ${dir}: ${err.message}`, 1);
}
const ids = pinnedIds(dir, built);

const bindings = { ...built.vars, ...workerSettings };
const publicBase = (() => {
  try {
    return bindings.PUBLIC_BASE_URL ? new URL(bindings.PUBLIC_BASE_URL).origin : null;
  } catch {
    return null;
  }
})();

try {
  mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    cf: false,
    logRequests: false,
    liveReload: false,
    telemetry: { enabled: false },
    ...storage(dir),
    handleStructuredLogs: ({ level, message }) => log(`worker ${level}: ${message}`),
    workers: [
      {
        ...built.workerOptions,
        ...(built.workerOptions.assets && {
          assets: {
            ...built.workerOptions.assets,
            directory: path.join(BUILD_DIR, built.workerOptions.assets.directory),
          },
        }),
        name: built.name,
        modules: true,
        scriptPath: path.join(BUILD_DIR, built.main),
        modulesRoot: BUILD_DIR,
        bindings,
        d1Databases: ids.d1,
        kvNamespaces: ids.kv,
      },
    ],
  });
  takeSignals();
  const inner = await mf.ready;
  takeSignals();
  for (const d1 of built.d1) {
    const applied = await applyMigrations(await mf.getD1Database(d1.binding), d1);
    log(
      applied.length
        ? `D1 ${d1.binding}: applied ${applied.join(', ')}`
        : `D1 ${d1.binding}: migrations up to date`,
    );
  }
  server = await startProxy(new URL(inner));
} catch (err) {
  if (stopping) await new Promise(() => {}); // stopWhileStarting exits
  console.error(`Could not start: ${err?.message ?? err}`);
  await mf?.dispose().catch(() => {});
  await lock.release();
  process.exit(1);
}
starting = false;

const shown = host.includes(':') ? `[${host}]` : host;
log(`nianbao is listening on http://${shown}:${port} (data ${dir}, settings ${envFile})`);
if (publicBase) log(`public address (PUBLIC_BASE_URL): ${bindings.PUBLIC_BASE_URL}`);
else log('warning: PUBLIC_BASE_URL is not set (or not a URL); links will use the address of each request');
const now = new Date();
for (const cron of crons) {
  const next = nextRun(cron, now);
  log(`cron "${cron.expr}" (UTC): next run ${next ? next.toISOString() : 'never'}`);
}
scheduleCrons();
await reportHealth();

// ---------------------------------------------------------------------------------------------

/** What /healthz says about the settings: printed, never a reason not to start. */
async function reportHealth() {
  try {
    const res = await mf.dispatchFetch(new URL('/healthz', publicBase ?? `http://127.0.0.1:${port}`));
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      log(`/healthz: ${res.status} ${text.slice(0, 500)}`);
      return;
    }
    log(
      res.ok
        ? `/healthz: ${res.status}, settings OK`
        : `/healthz answers ${res.status}; settings to fix in ${envFile}:`,
    );
    for (const line of reportLines(body)) log(line);
  } catch (err) {
    log(`/healthz could not be read: ${err?.message ?? err}`);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP: a thin proxy in front of workerd, so the Worker sees the public address (as behind
// Cloudflare), Miniflare's own headers and /cdn-cgi/ pages are never reachable from outside, and
// every request is logged.

/** Signed links and invite codes are bearer secrets: logged by their first characters only. */
function redact(url) {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const parts = pathname.split('/');
  if (['f', 'r', 'd', 'i'].includes(parts[1] ?? '') && parts[2]) parts[2] = `${parts[2].slice(0, 4)}…`;
  return parts.join('/') + (q < 0 ? '' : '?…');
}

function clientIp(req) {
  const peer = req.socket.remoteAddress ?? '';
  if (!isLoopback(peer)) return peer;
  // Behind nginx on the same host: the address nginx saw (last entry of X-Forwarded-For).
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded.at(-1) || String(req.headers['x-real-ip'] ?? '') || peer;
}

/** The origin the Worker sees: PUBLIC_BASE_URL's, else the one the request was made to. */
function originOf(req) {
  if (publicBase) return publicBase;
  const proto = String(req.headers['x-forwarded-proto'] ?? 'http')
    .split(',')[0]
    .trim();
  try {
    return new URL(`${proto === 'https' ? 'https' : 'http'}://${req.headers.host ?? `127.0.0.1:${port}`}`)
      .origin;
  } catch {
    return null;
  }
}

function startProxy(inner) {
  // A new loopback connection per request: nothing to go stale between this process and workerd.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });
  const srv = http.createServer((req, res) => {
    try {
      proxy(req, res);
    } catch (err) {
      log(`proxy error: ${err?.stack ?? err}`);
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  function proxy(req, res) {
    const started = performance.now();
    const url = req.url ?? '/';
    const done = (status) =>
      log(`${req.method} ${redact(url)} ${status} ${Math.round(performance.now() - started)}ms`);
    if (!url.startsWith('/') || url.startsWith('/cdn-cgi/')) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"error":"not found"}');
      done(404);
      return;
    }
    const origin = originOf(req);
    if (!origin) {
      res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"error":"bad Host header"}');
      done(400);
      return;
    }
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (HOP_BY_HOP.has(name) || name.startsWith('mf-') || name === 'cf-connecting-ip' || name === 'host')
        continue;
      headers[name] = value;
    }
    headers.host = origin.replace(/^https?:\/\//, '');
    // Miniflare's entry worker takes this as the request's URL: the Worker sees the public address.
    headers['mf-original-url'] = origin + url;
    headers['mf-disable-pretty-error'] = 'true';
    const ip = clientIp(req);
    if (ip) headers['cf-connecting-ip'] = ip;
    const upstream = http.request(
      { host: inner.hostname, port: inner.port, method: req.method, path: url, headers, agent },
      (up) => {
        const out = [];
        for (let i = 0; i < up.rawHeaders.length; i += 2) {
          if (!HOP_BY_HOP.has(up.rawHeaders[i].toLowerCase()))
            out.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
        }
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
        up.on('end', () => done(up.statusCode));
        up.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end('{"error":"服务暂时不可用，请稍后再试"}');
      } else res.destroy();
      done(`502 (${err.code ?? err.message})`);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
  return new Promise((resolve, reject) => {
    srv.once('error', (err) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`${host}:${port} is already in use`) : err),
    );
    srv.listen(port, host, () => resolve(srv));
  });
}

// ---------------------------------------------------------------------------------------------
// Cron triggers: checked at the start of every UTC minute; the Worker's scheduled() runs with the
// minute as its scheduledTime and the expression as its cron, as on Cloudflare.

function scheduleCrons() {
  if (!crons.length || stopping) return;
  const delay = 60_000 - (Date.now() % 60_000) + 20;
  cronTimer = setTimeout(tick, delay);
}

function tick() {
  const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  for (const cron of crons) if (cron.matches(minute)) fire(cron.expr, minute);
  scheduleCrons();
}

function fire(expr, minute) {
  const started = performance.now();
  const run = (async () => {
    try {
      const worker = await mf.getWorker();
      const result = await worker.scheduled({ cron: expr, scheduledTime: minute });
      log(
        `cron "${expr}" ${minute.toISOString()}: ${result.outcome} (${Math.round(performance.now() - started)}ms)`,
      );
    } catch (err) {
      log(`cron "${expr}" ${minute.toISOString()}: failed (${err?.message ?? err})`);
    }
  })();
  cronRuns.add(run);
  run.finally(() => cronRuns.delete(run));
}

// ---------------------------------------------------------------------------------------------

async function shutdown(signal) {
  if (stopping) {
    log(`${signal} again: stopping now`);
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: no new requests; finishing the ones in progress`);
  clearTimeout(cronTimer);
  const closed = new Promise((r) => server.close(r));
  server.closeIdleConnections();
  await within(10_000, closed);
  server.closeAllConnections();
  await within(10_000, Promise.allSettled([...cronRuns]));
  await mf.dispose().catch((err) => log(`miniflare: ${err?.message ?? err}`));
  await lock.release();
  log('stopped');
  process.exit(0);
}
