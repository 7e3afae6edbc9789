// `npm run restore -- FILE [--data DIR] [--force]`: loads a backup (from `npm run backup`, or
// `wrangler d1 export --remote` of the Cloudflare database; gzipped or not) into the data directory,
// in one transaction, with nianbao stopped. Refuses a database that holds data unless --force, which
// keeps the old one beside it (v3/d1.replaced-<time>) rather than deleting it. The migrations newer
// than the backup are applied by the next `npm run serve`.
import { existsSync, renameSync, rmSync } from 'node:fs';
import './check-node.mjs';
import {
  Busy,
  claim,
  countRows,
  describeCounts,
  ensureDir,
  fileCommand,
  layout,
  openDatabase,
  pinnedIds,
  readBackup,
  readBuild,
  splitSql,
  tableRows,
} from './selfhost.mjs';

const USAGE = 'usage: npm run restore -- FILE [--data DIR] [--force]';

const { file: source, dir, values } = fileCommand({ force: { type: 'boolean', default: false } }, USAGE);
const force = values.force;

function fail(message) {
  console.error(message);
  process.exit(1);
}

let sql;
try {
  sql = readBackup(source);
} catch (err) {
  fail(`Cannot read ${source}: ${err.message}`);
}
if (!/^PRAGMA defer_foreign_keys=TRUE;/.test(sql) || !/^CREATE TABLE /m.test(sql)) {
  fail(`${source} is not a D1 export (npm run backup, wrangler d1 export): nothing restored.`);
}

ensureDir(dir);
let lock;
try {
  lock = await claim(dir, 'restore');
} catch (err) {
  fail(
    err instanceof Busy
      ? `Cannot restore: ${err.message}. Stop it first (systemctl stop nianbao, docker stop …).`
      : `Cannot use ${dir}: ${err.message}`,
  );
}

const ids = pinnedIds(dir, readBuild()?.info);
const binding = Object.keys(ids.d1)[0];
let mf;
try {
  if (!binding) throw new Error('no D1 database is configured (wrangler.toml, or a build of serve)');
  const d1Dir = layout(dir).d1;
  if (existsSync(d1Dir)) {
    mf = await openDatabase(dir, ids);
    const rows = await tableRows(await mf.getD1Database(binding));
    await mf.dispose();
    mf = undefined;
    const { d1_migrations: _, ...data } = rows;
    const held = Object.entries(data).filter(([, n]) => n > 0);
    if (held.length && !force) {
      throw new Error(
        `${dir} already holds data (${describeCounts(Object.fromEntries(held))}).\n` +
          'Restore into an empty data directory (--data), or add --force to replace this database ' +
          '(it is kept beside the new one, not deleted).',
      );
    }
    if (held.length) {
      const aside = `${d1Dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(d1Dir, aside);
      console.log(`The database that was there is kept in ${aside}.`);
    } else {
      rmSync(d1Dir, { recursive: true, force: true }); // tables without rows: nothing to keep
    }
  }
  mf = await openDatabase(dir, ids);
  const db = await mf.getD1Database(binding);
  // Every table before any row: a dump lists tables in the order they were (re)created, and a
  // row whose foreign key names a table not created yet cannot be inserted.
  const statements = splitSql(sql);
  const rank = (s) => (/^\s*PRAGMA/i.test(s) ? 0 : /^\s*CREATE\s+TABLE/i.test(s) ? 1 : 2);
  const ordered = statements.map((s, i) => [rank(s), i, s]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  await db.batch(ordered.map(([, , s]) => db.prepare(s)));
  const expected = countRows(sql);
  const restored = await tableRows(db);
  const short = Object.entries(expected).filter(([t, n]) => restored[t] !== n && t !== 'sqlite_sequence');
  if (short.length) {
    throw new Error(
      `restored rows differ from the backup: ${short.map(([t, n]) => `${t} ${restored[t]}/${n}`)}`,
    );
  }
  console.log(
    `Restored ${source} into ${dir} (${describeCounts(expected)}). KV (caches) starts empty; ` +
      'start nianbao to apply any newer migrations.',
  );
} catch (err) {
  console.error(`Restore failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await mf?.dispose();
  await lock.release();
}
