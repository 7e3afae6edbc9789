// `npm run backup -- FILE [--data DIR]`: a consistent copy of all of nianbao's data — the D1 database
// as SQL, as `wrangler d1 export` writes it (FILE.gz is gzipped; - writes to stdout). D1 is all the
// data: KV holds only caches (platform access tokens) and the queue only pointers to D1 rows.
//
// While `npm run serve` runs on DIR, the export is made by that process (asked through DIR's control
// socket), in one statement inside workerd, so it is consistent with requests going on. Otherwise the
// database is opened here, with DIR held so that serve cannot start meanwhile.
import http from 'node:http';
import { existsSync } from 'node:fs';
import './check-node.mjs';
import {
  Busy,
  claim,
  countRows,
  describeCounts,
  exportSql,
  fileCommand,
  holder,
  layout,
  openDatabase,
  pinnedIds,
  readBuild,
  writeBackup,
} from './selfhost.mjs';

const USAGE = 'usage: npm run backup -- FILE [--data DIR]   (FILE.gz to gzip it, - for stdout)';

const { file: target, dir } = fileCommand({}, USAGE);
const say = (line) => process.stderr.write(`${line}\n`);

/** The export, from the serve process holding DIR. */
function fromService(socketPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: '/export' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(body)
          : reject(new Error(`serve answered ${res.statusCode}: ${body}`)),
      );
    });
    req.on('error', reject);
  });
}

async function offline() {
  if (!existsSync(layout(dir).d1)) throw new Error(`there is no database in ${dir}`);
  const ids = pinnedIds(dir, readBuild()?.info, { write: false });
  const binding = Object.keys(ids.d1)[0];
  if (!binding) throw new Error(`${dir} names no database (nianbao.json) and no build names one`);
  const lock = await claim(dir, 'backup');
  let mf;
  try {
    mf = await openDatabase(dir, ids);
    return await exportSql(await mf.getD1Database(binding));
  } finally {
    await mf?.dispose();
    await lock.release();
  }
}

let sql;
try {
  const held = await holder(dir);
  if (held?.role === 'serve') {
    say(`Exporting through the running service (pid ${held.pid})…`);
    sql = await fromService(layout(dir).socket);
  } else if (held) {
    throw new Busy(`${dir} is in use by a nianbao ${held.role} (pid ${held.pid})`);
  } else {
    sql = await offline();
  }
} catch (err) {
  say(`Backup failed: ${err.message}`);
  process.exit(1);
}

writeBackup(target, sql);
say(
  `Backed up ${dir} to ${target === '-' ? 'stdout' : target} (${Buffer.byteLength(sql)} bytes of SQL; ` +
    `${describeCounts(countRows(sql))}).`,
);
