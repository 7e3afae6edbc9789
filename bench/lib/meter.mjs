// D1 metering for the "metered" copy of a worker: a wrapped binding that stands in for DB, passes
// every call through to the real D1, and reports each call's meta (rows_read, rows_written) and the
// size of its results to this process. The copy shares the database with the worker it copies, so
// the timed runs (unmetered) and the metered run see the same data; only the metered run pays for
// the counting (it serialises every result to measure it).

/** The wrapped binding's module: `env.INNER` is the real D1, `env.SINK` a service in Node. */
export const METER_SOURCE = `
const enc = new TextEncoder();
const size = (v) => { try { return enc.encode(JSON.stringify(v ?? null)).byteLength; } catch { return 0; } };
export default function (env) {
  const originals = new WeakMap();
  const post = (op, stmts) => {
    const bySql = new Map();
    for (const s of stmts) {
      const g = bySql.get(s.sql) ?? { sql: s.sql, count: 0, rowsRead: 0, rowsWritten: 0, unknown: 0, rows: 0, bytes: 0, maxBytes: 0 };
      g.count++;
      if (s.rowsRead == null) g.unknown++;
      g.rowsRead += s.rowsRead ?? 0;
      g.rowsWritten += s.rowsWritten ?? 0;
      g.rows += s.rows;
      g.bytes += s.bytes;
      g.maxBytes = Math.max(g.maxBytes, s.bytes);
      bySql.set(s.sql, g);
    }
    return env.SINK.fetch('http://meter/record', {
      method: 'POST',
      body: JSON.stringify({ op, statements: stmts.length, groups: [...bySql.values()] }),
    });
  };
  const one = (sql, r) => ({
    sql,
    rowsRead: r?.meta?.rows_read,
    rowsWritten: r?.meta?.rows_written,
    rows: r?.results?.length ?? 0,
    bytes: size(r?.results),
  });
  const wrapStatement = (stmt, sql) => {
    const proxy = new Proxy(stmt, {
      get(t, prop) {
        if (prop === 'bind') return (...args) => wrapStatement(t.bind(...args), sql);
        if (prop === 'all' || prop === 'run')
          return async () => { const r = await t[prop](); await post(prop, [one(sql, r)]); return r; };
        if (prop === 'first')
          return async (col) => {
            // first() drops the meta: run all() (what first() does underneath) and pick the row.
            const r = await t.all();
            await post('first', [one(sql, r)]);
            const row = r.results[0];
            if (row === undefined) return null;
            if (col === undefined) return row;
            if (!(col in row)) throw new Error('D1_COLUMN_NOTFOUND: Column not found (' + col + ')');
            return row[col];
          };
        if (prop === 'raw')
          return async (opts) => {
            const r = await t.raw(opts);
            await post('raw', [{ sql, rows: r.length, bytes: size(r) }]);
            return r;
          };
        const v = Reflect.get(t, prop);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    originals.set(proxy, { stmt, sql });
    return proxy;
  };
  const wrapDb = (db) =>
    new Proxy(db, {
      get(t, prop) {
        if (prop === 'prepare') return (sql) => wrapStatement(t.prepare(sql), sql);
        if (prop === 'batch')
          return async (stmts) => {
            const r = await t.batch(stmts.map((s) => originals.get(s)?.stmt ?? s));
            await post('batch', r.map((x, i) => one(originals.get(stmts[i])?.sql ?? '?', x)));
            return r;
          };
        if (prop === 'exec')
          return async (sql) => { const r = await t.exec(sql); await post('exec', [{ sql, rows: 0, bytes: 0 }]); return r; };
        if (prop === 'withSession') return (...args) => wrapDb(t.withSession(...args));
        const v = Reflect.get(t, prop);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  return wrapDb(env.INNER);
}
`;

/** Collects the metered worker's D1 calls between begin() and end(). */
export function meterSink() {
  let calls = null;
  return {
    async handle(request) {
      const rec = await request.json();
      if (calls) calls.push(rec);
      return new Response('ok');
    },
    begin() {
      calls = [];
    },
    /** Round trips, statements, rows read and written, result bytes, and the queries that read most. */
    end() {
      const got = calls ?? [];
      calls = null;
      const groups = new Map();
      const sum = {
        calls: got.length,
        statements: 0,
        rowsRead: 0,
        rowsWritten: 0,
        unknown: 0,
        rows: 0,
        bytes: 0,
        maxBytes: 0,
      };
      for (const c of got) {
        sum.statements += c.statements;
        for (const g of c.groups) {
          sum.rowsRead += g.rowsRead;
          sum.rowsWritten += g.rowsWritten;
          sum.unknown += g.unknown;
          sum.rows += g.rows;
          sum.bytes += g.bytes;
          sum.maxBytes = Math.max(sum.maxBytes, g.maxBytes);
          const key = g.sql.replace(/\s+/g, ' ').trim();
          const t = groups.get(key) ?? { sql: key, count: 0, rowsRead: 0, bytes: 0, maxBytes: 0 };
          t.count += g.count;
          t.rowsRead += g.rowsRead;
          t.bytes += g.bytes;
          t.maxBytes = Math.max(t.maxBytes, g.maxBytes);
          groups.set(key, t);
        }
      }
      sum.top = [...groups.values()].sort((a, b) => b.rowsRead - a.rowsRead || b.bytes - a.bytes).slice(0, 3);
      return sum;
    },
  };
}
