// What `npm run serve`, `npm run backup` and `npm run restore` share: the Worker as built for serve,
// the data directory's layout, Miniflare on that directory, the D1 migrations, the SQL export, the
// settings file, and the lock (a unix socket in the data directory) that keeps two of them from
// opening one database at once.
//
// The data directory:
//   nianbao.json   the local ids of the D1 database and the KV namespace, pinned at the first start
//                  (so a database_id later written into wrangler.toml for a Cloudflare deploy never
//                  points serve at a new, empty database)
//   nianbao.sock   present while serve (or a backup, a restore) holds the directory
//   v3/d1/, v3/kv/ D1 (SQLite) and KV, in the layout of `wrangler … --local --persist-to DIR`
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { quietEnv, root } from './env.mjs';

// No telemetry, no cf.json look-up, wrangler's config inside the project: set before anything loads.
Object.assign(process.env, quietEnv);

/** Where `serve` keeps the Worker it built (what `wrangler deploy` would upload) and its options. */
export const BUILD_DIR = path.join(root, '.wrangler', 'serve');
const BUILD_INFO = path.join(BUILD_DIR, 'worker.json');
/** worker.json's layout: a build of another layout is rebuilt, never misread. */
const BUILD_FORMAT = 1;

/** The files a build is made from: a build older than any of them is stale. */
const BUILD_INPUTS = ['src', 'forms', 'migrations', 'wrangler.toml', 'package-lock.json'];

// miniflare and wrangler as wrangler's own package resolves them (wrangler pins miniflare exactly).
const fromWrangler = createRequire(path.join(root, 'node_modules', 'wrangler', 'package.json'));
const fromRoot = createRequire(path.join(root, 'package.json'));

/** @returns {typeof import('miniflare')} */
export function miniflare() {
  return fromWrangler('miniflare');
}

/**
 * wrangler's programmatic API. Loading it installs SIGINT and SIGTERM handlers that exit at once
 * (status 0): they are removed again, so a signal does what the calling script says.
 * @returns {any}
 */
function wranglerApi() {
  const signals = ['SIGINT', 'SIGTERM'];
  const before = signals.map((s) => process.listeners(s));
  const api = fromRoot('wrangler');
  signals.forEach((s, i) => {
    for (const l of process.listeners(s)) if (!before[i].includes(l)) process.off(s, l);
  });
  return api;
}

/** A path given on the command line, relative to where the command was typed (npm run changes cwd). */
export function fromCaller(p) {
  const typedIn = process.env.npm_lifecycle_event && process.env.INIT_CWD;
  return path.resolve(typedIn || process.cwd(), p);
}

/** --data, else NIANBAO_DATA, else /var/lib/nianbao. */
/**
 * The command line of a backup/restore script: one FILE (`-` for stdin/stdout, else resolved from
 * the caller's directory) and the options given; prints USAGE and exits 2 when it does not parse.
 */
export function fileCommand(options, usage) {
  let parsed;
  try {
    parsed = parseArgs({ options: { data: { type: 'string' }, ...options }, allowPositionals: true });
  } catch (err) {
    console.error(`${err.message}\n${usage}`);
    process.exit(2);
  }
  if (parsed.positionals.length !== 1) {
    console.error(usage);
    process.exit(2);
  }
  const file = parsed.positionals[0] === '-' ? '-' : fromCaller(parsed.positionals[0]);
  return { file, dir: dataDir(parsed.values.data), values: parsed.values };
}

export function dataDir(flag) {
  return fromCaller(flag ?? process.env.NIANBAO_DATA ?? '/var/lib/nianbao');
}

export function log(line) {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// The build

/**
 * Bundles the Worker as `wrangler deploy` would (`wrangler deploy --dry-run --outdir`, which runs
 * the [build] command too) and records the Miniflare options wrangler derives from wrangler.toml
 * (compatibility date and flags, module rules, D1, KV, queues) with the crons and migrations.
 */
export async function build() {
  const tmp = `${BUILD_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const bin = path.join(root, 'node_modules', '.bin', 'wrangler');
  const res = spawnSync(bin, ['deploy', '--dry-run', '--outdir', tmp], {
    cwd: root,
    env: { ...process.env, ...quietEnv },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    process.stderr.write(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`wrangler deploy --dry-run failed (exit ${res.status ?? res.signal})`);
  }
  const wrangler = wranglerApi();
  const configPath = path.join(root, 'wrangler.toml');
  const config = wrangler.unstable_readConfig({ config: configPath });
  // Settings come from the env file at start, never from a .dev.vars of the machine that built it.
  const { workerOptions } = wrangler.unstable_getMiniflareWorkerOptions(configPath, undefined, {
    envFiles: [path.join(tmp, 'no-settings-at-build.env')],
  });
  delete workerOptions.bindings;
  // The static files (pdf.js for the import screens) travel with the build, found beside it at start.
  if (workerOptions.assets?.directory) {
    cpSync(workerOptions.assets.directory, path.join(tmp, 'public'), { recursive: true });
    workerOptions.assets.directory = 'public';
  }
  // The entry module wrangler wrote: named after wrangler.toml's `main`.
  const main = `${path.parse(config.main ?? 'index').name}.js`;
  if (!existsSync(path.join(tmp, main))) throw new Error(`wrangler wrote no ${main} into ${tmp}`);
  const info = {
    format: BUILD_FORMAT,
    builtAt: new Date().toISOString(),
    name: config.name,
    main,
    vars: Object.fromEntries(
      Object.entries(config.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
    crons: config.triggers?.crons ?? [],
    d1: (config.d1_databases ?? []).map((d) => ({
      binding: d.binding,
      id: d.preview_database_id ?? d.database_id ?? d.binding,
      migrationsTable: d.migrations_table ?? 'd1_migrations',
      migrations: readMigrations(path.resolve(root, d.migrations_dir ?? 'migrations'), wrangler),
    })),
    kv: (config.kv_namespaces ?? []).map((k) => ({ binding: k.binding, id: k.preview_id ?? k.id })),
    workerOptions,
  };
  const json = JSON.stringify(
    info,
    (key, value) => {
      if (typeof value === 'function' || typeof value === 'symbol') {
        throw new Error(`serve cannot carry the option "${key}" of wrangler.toml (not plain data)`);
      }
      return value;
    },
    2,
  );
  writeFileSync(path.join(tmp, 'worker.json'), `${json}\n`);
  rmSync(BUILD_DIR, { recursive: true, force: true });
  renameSync(tmp, BUILD_DIR);
  return info;
}

/**
 * The migrations of a D1 database in the order `wrangler d1 migrations apply` applies them, each
 * split into statements by wrangler's own splitter (so serve never loads wrangler when it starts:
 * wrangler, once loaded, ends the process on SIGTERM).
 */
function readMigrations(dir, wrangler) {
  if (!existsSync(dir)) return [];
  const number = (name) => parseInt(name.split('_')[0], 10);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .sort((a, b) => number(a) - number(b))
    .map((name) => ({
      name,
      statements: wrangler.unstable_splitSqlQuery(readFileSync(path.join(dir, name), 'utf8')),
    }));
}

function newestMtime(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** The last build, and the inputs changed since (empty when it is current). */
export function readBuild() {
  if (!existsSync(BUILD_INFO)) return null;
  const info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  if (info.format !== BUILD_FORMAT) return null;
  const builtAt = statSync(BUILD_INFO).mtimeMs;
  const changed = BUILD_INPUTS.filter((p) => {
    const full = path.join(root, p);
    return existsSync(full) && newestMtime(full) > builtAt;
  });
  return { info, changed };
}

// ---------------------------------------------------------------------------------------------
// The data directory

export function layout(dir) {
  return {
    dir,
    ids: path.join(dir, 'nianbao.json'),
    socket: path.join(dir, 'nianbao.sock'),
    d1: path.join(dir, 'v3', 'd1'),
    kv: path.join(dir, 'v3', 'kv'),
  };
}

/**
 * The local ids of the D1 databases and KV namespaces: pinned in nianbao.json at the first start,
 * new bindings added; ids from the build (wrangler.toml) only for what is not pinned yet.
 */
export function pinnedIds(dir, info, { write = true } = {}) {
  const file = layout(dir).ids;
  const pinned = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const ids = { d1: { ...pinned.d1 }, kv: { ...pinned.kv } };
  for (const d of info?.d1 ?? []) ids.d1[d.binding] ??= d.id;
  for (const k of info?.kv ?? []) ids.kv[k.binding] ??= k.id;
  if (write && JSON.stringify(ids) !== JSON.stringify({ d1: pinned.d1 ?? {}, kv: pinned.kv ?? {} })) {
    writeFileSync(
      file,
      `${JSON.stringify({ ...ids, note: 'local ids, pinned at the first start' }, null, 2)}\n`,
    );
  }
  return ids;
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Thrown when another process holds the data directory. */
export class Busy extends Error {}

function probe(socketPath) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/status', timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve({ role: 'unknown' });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) =>
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? null : { role: 'unknown' }),
    );
  });
}

/** Who holds the data directory now: { pid, role, … } from its socket, or null. */
export function holder(dir) {
  const { socket } = layout(dir);
  return existsSync(socket) ? probe(socket) : Promise.resolve(null);
}

function listen(server, socketPath) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(socketPath, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Takes the data directory: listens on its socket (answering GET /status, and whatever `handle`
 * answers). A socket left by a process that was killed is removed; a live one means the directory is
 * in use, and Busy is thrown with who holds it.
 * @param {string} dir
 * @param {string} role
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>} [handle]
 */
export async function claim(dir, role, handle) {
  const { socket } = layout(dir);
  if (Buffer.byteLength(socket) > 100) {
    throw new Error(`the data directory's path is too long for its control socket (${socket})`);
  }
  const status = { pid: process.pid, role, since: new Date().toISOString() };
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/status') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(status));
      } else if (!(handle && (await handle(req, res)))) {
        res.writeHead(404).end();
      }
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err?.message ?? err));
    }
  });
  for (let attempt = 0; ; attempt++) {
    try {
      const old = process.umask(0o077);
      try {
        await listen(server, socket);
      } finally {
        process.umask(old);
      }
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || attempt > 0) throw err;
      const other = await probe(socket);
      if (other) {
        throw new Busy(
          `${dir} is in use by ${other.role === 'serve' ? 'nianbao serve' : `a nianbao ${other.role}`}` +
            (other.pid ? ` (pid ${other.pid}, since ${other.since})` : ''),
        );
      }
      unlinkSync(socket); // left by a process that was killed
    }
  }
  chmodSync(socket, 0o600);
  return {
    status,
    release: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
        try {
          unlinkSync(socket);
        } catch {}
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Miniflare on the data directory

/** Miniflare's options for the data directory's storage. */
export function storage(dir) {
  const l = layout(dir);
  return { d1Persist: l.d1, kvPersist: l.kv, cachePersist: false };
}

/** A Miniflare with only the D1 databases of the data directory (for backup and restore). */
export async function openDatabase(dir, ids) {
  const { Miniflare } = miniflare();
  const mf = new Miniflare({
    modules: true,
    script: 'export default {}',
    cf: false,
    logRequests: false,
    d1Databases: ids.d1,
    ...storage(dir),
  });
  await mf.ready;
  return mf;
}

/** The SQL splitter of `wrangler d1 execute` (loads wrangler: for the short-lived commands only). */
export function splitSql(sql) {
  return wranglerApi().unstable_splitSqlQuery(sql);
}

/**
 * Applies the migrations (those bundled by the build, read from migrations/) not applied yet, and
 * records them as `wrangler d1 migrations apply` does (the d1_migrations table): each migration and
 * its record in one batch, so a failure applies nothing of it.
 * @returns {Promise<string[]>} the names applied
 */
export async function applyMigrations(db, d1) {
  const table = d1.migrationsTable;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`odd migrations table name: ${table}`);
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS ${table}(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`,
    )
    .run();
  const applied = new Set((await db.prepare(`SELECT name FROM ${table}`).all()).results.map((r) => r.name));
  const pending = d1.migrations.filter((m) => !applied.has(m.name));
  for (const { name, statements } of pending) {
    await db.batch([
      ...statements.map((s) => db.prepare(s)),
      db.prepare(`INSERT INTO ${table} (name) values (?1)`).bind(name),
    ]);
  }
  return pending.map((m) => m.name);
}

/** The whole database as SQL, as `wrangler d1 export --local` writes it: one statement, one read. */
export async function exportSql(db) {
  const rows = await db.prepare('PRAGMA miniflare_d1_export(?,?,?);').bind(false, false).raw();
  return `${rows[0].join('\n')}\n`;
}

/** Rows per table of a dump (its INSERT statements), for the summaries of backup and restore. */
export function countRows(sql) {
  const counts = {};
  for (const m of sql.matchAll(/^INSERT INTO "?([^"\s(]+)"? /gm)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  return counts;
}

export function describeCounts(counts) {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([t, n]) => `${t} ${n}`).join(', ') : 'no rows';
}

/** Rows per user table of a database (the migrations' record and internal tables left out). */
export async function tableRows(db) {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`,
    )
    .all();
  const counts = {};
  for (const { name } of results) {
    const row = await db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).first();
    counts[name] = row.n;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * The settings file (dotenv format, like .dev.vars): names → values.
 * @param {string} file
 */
export function readSettings(file) {
  const text = readFileSync(file, 'utf8');
  return parseEnv(text);
}

/** Whether every user of the machine can read a settings file (it holds secrets). */
export function readableByOthers(file) {
  return (statSync(file).mode & 0o004) !== 0;
}

export function writeBackup(file, sql) {
  const data = file.endsWith('.gz') ? gzipSync(sql) : Buffer.from(sql);
  if (file === '-') {
    process.stdout.write(data);
    return;
  }
  const tmp = `${file}.partial`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

export function readBackup(file) {
  const data = readFileSync(file === '-' ? 0 : file);
  return (data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data).toString('utf8');
}
