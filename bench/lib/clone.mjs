// Cloning rows with plain SQL: every column a table has (PRAGMA table_info) is copied from a
// template row, except an integer primary key and the columns given; so columns added by later
// migrations come along. Names of the template body inside text (JSON snapshots, drafts) become
// the new body's, and ids of the template inside JSON (keys ending in "id") become the clone's.

export async function tableInfo(inst, table) {
  const cols = (await inst.db.prepare(`PRAGMA table_info(${table})`).all()).results;
  const fks = (await inst.db.prepare(`PRAGMA foreign_key_list(${table})`).all()).results;
  const pks = cols.filter((c) => c.pk > 0);
  return cols.map((c) => ({
    name: c.name,
    text: /CHAR|CLOB|TEXT/i.test(c.type),
    pk: c.pk > 0 && pks.length === 1 && /INT/i.test(c.type),
    ref: fks.find((f) => f.from === c.name)?.table ?? null,
  }));
}

export async function tables(inst) {
  const rows = await inst.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
    )
    .all();
  return rows.results.map((r) => r.name);
}

/** Row count of every table. */
export async function tableCounts(inst) {
  const out = {};
  for (const t of await tables(inst))
    out[t] = (await inst.db.prepare(`SELECT count(*) AS n FROM ${t}`).first()).n;
  return out;
}

/** JSON paths ($."a"."b"[0]) under keys ending in "id" whose value is one of the template's ids. */
function idPaths(text, ids) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const out = [];
  const walk = (v, p, key) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`, key));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${p}."${k.replace(/"/g, '\\"')}"`, k);
    else if (typeof v === 'number' && /id$/i.test(key ?? '')) {
      const hit = ids.find((i) => i.value === v);
      if (hit) out.push([p, hit.expr]);
    }
  };
  if (value && typeof value === 'object') walk(value, '$');
  return out;
}

/**
 * INSERT … SELECT of template rows (alias t, the template body tor, the new body o). `set(col)`
 * gives a column's SQL or undefined to copy it; `row` (the template row) and `ids` remap ids
 * inside JSON text columns.
 */
export function cloneSql(table, cols, { set, from, row, ids = [] }) {
  const use = cols.filter((c) => !c.pk);
  const expr = (c) => {
    const given = set(c);
    if (given !== undefined) return given;
    if (!c.text) return `t.${c.name}`;
    const base = `replace(t.${c.name}, tor.name, o.name)`;
    const paths = row && typeof row[c.name] === 'string' ? idPaths(row[c.name], ids) : [];
    return paths.length ? `json_set(${base}, ${paths.map(([p, e]) => `'${p}', ${e}`).join(', ')})` : base;
  };
  return `INSERT INTO ${table} (${use.map((c) => c.name).join(', ')}) SELECT ${use.map(expr).join(', ')} ${from}`;
}

/** Tables with a foreign key to reports (revisions, and any added later), with that column. */
export async function perReportTables(inst) {
  const out = [];
  for (const t of await tables(inst)) {
    if (t === 'reports') continue;
    const info = await tableInfo(inst, t);
    const fk = info.find((c) => c.ref === 'reports');
    if (fk) out.push({ table: t, info, fk: fk.name });
  }
  return out;
}
