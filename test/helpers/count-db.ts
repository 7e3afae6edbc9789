// A D1 binding that counts round trips to the database (each batch, first, all, run, raw or exec
// is one), queries (each statement, in a batch or not) and the rows D1 read for them (its meta),
// passing everything through to the real D1.
export function countingDb(db: D1Database) {
  const counter = { trips: 0, queries: 0, rowsRead: 0 };
  const read = (result: unknown) => {
    const meta = (result as { meta?: { rows_read?: number } } | null)?.meta;
    counter.rowsRead += meta?.rows_read ?? 0;
    return result;
  };
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === 'first') {
          // Read through all() for its meta; the same row (or column) first() would answer.
          return async (column?: string) => {
            counter.trips++;
            counter.queries++;
            const { results } = read(await target.all()) as D1Result<Record<string, unknown>>;
            const row = results[0] ?? null;
            return column === undefined || row === null ? row : row[column];
          };
        }
        if (prop === 'all' || prop === 'run' || prop === 'raw') {
          return async (...args: unknown[]) => {
            counter.trips++;
            counter.queries++;
            const result = await (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            return prop === 'raw' ? result : read(result);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    originals.set(proxy, stmt);
    return proxy;
  };
  const counted = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (prop === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          counter.trips++;
          counter.queries += stmts.length;
          const results = await target.batch(stmts.map((s) => originals.get(s) ?? s));
          for (const r of results) read(r);
          return results;
        };
      }
      if (prop === 'exec') {
        return (sql: string) => {
          counter.trips++;
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: counted, counter };
}
