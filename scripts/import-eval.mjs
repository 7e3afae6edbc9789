// `npm run import:eval -- DIR…`: reads every NAME.txt (or .html) that has a NAME.report.json beside it
// with the importer, and compares cell by cell with the expected figures (null = not in the text,
// not asserted). Prints per file and in total: cells expected, read exactly, read wrong, not read,
// ambiguous, and values invented (read where the expected is null); and the CPU time per report.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import './check-node.mjs';
import { importTs } from './settings.mjs';

/** Every figure of a report.json as path → value, by the same walk as the format's cell ids. */
function cells(report) {
  const out = new Map();
  const walk = (node, at) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k);
    else if (typeof node === 'number' || node === null) out.set(at, node);
  };
  for (const section of ['s2', 's3', 's4']) walk(report[section], section);
  return out;
}

/** Every cell of the format: path → value, a row given as one null counting as nulls. */
function expand(map, paths) {
  const out = new Map();
  for (const p of paths) {
    if (map.has(p)) out.set(p, map.get(p));
    else {
      const row = p.replace(/\[\d+\]$/, '');
      out.set(p, map.has(row) && map.get(row) === null ? null : undefined);
    }
  }
  return out;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npm run import:eval -- DIR…');
  process.exit(2);
}
const { importReport } = await importTs('src', 'import', 'read.ts');
const total = { expected: 0, exact: 0, wrong: 0, notRead: 0, ambiguous: 0, invented: 0 };
const times = [];
for (const dir of dirs) {
  for (const file of readdirSync(dir)
    .filter((f) => /\.(txt|html?)$/.test(f))
    .sort()) {
    const base = file.replace(/\.(txt|html?)$/, '');
    const want = path.join(dir, `${base}.report.json`);
    if (!existsSync(want)) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    const t0 = process.cpuUsage();
    const got = importReport(text);
    const used = process.cpuUsage(t0);
    times.push((used.user + used.system) / 1000);
    const paths = [...cells(got.report).keys(), ...cells(JSON.parse(readFileSync(want, 'utf8'))).keys()];
    const cellPaths = [...new Set(paths.filter((p) => !/\.(s3\.\w+)$/.test(p)))];
    const expected = expand(cells(JSON.parse(readFileSync(want, 'utf8'))), cellPaths);
    const read = expand(cells(got.report), cellPaths);
    const ambiguous = new Set(got.ambiguous.map((a) => a.path));
    const f = { expected: 0, exact: 0, wrong: 0, notRead: 0, ambiguous: 0, invented: 0 };
    const wrong = [];
    for (const [p, e] of expected) {
      if (e === undefined) continue;
      const value = read.get(p) ?? null;
      if (e === null) {
        if (value !== null) {
          f.invented++;
          wrong.push(`${p}: invented ${value}`);
        }
        continue;
      }
      f.expected++;
      if (value === e) f.exact++;
      else if (ambiguous.has(p)) f.ambiguous++;
      else if (value === null) {
        f.notRead++;
        wrong.push(`${p}: not read (${e})`);
      } else {
        f.wrong++;
        wrong.push(`${p}: ${value} instead of ${e}`);
      }
    }
    for (const k of Object.keys(total)) total[k] += f[k];
    console.log(
      `${base}: ${f.exact}/${f.expected} exact, ${f.wrong} wrong, ${f.notRead} not read, ${f.ambiguous} ambiguous, ${f.invented} invented`,
    );
    for (const w of wrong.slice(0, 12)) console.log(`  ${w}`);
    if (wrong.length > 12) console.log(`  … ${wrong.length - 12} more`);
  }
}
const pct = total.expected ? ((100 * total.exact) / total.expected).toFixed(1) : '—';
times.sort((a, b) => a - b);
console.log(
  `total: ${total.exact}/${total.expected} exact (${pct} %), ${total.wrong} wrong, ${total.notRead} not read, ${total.ambiguous} ambiguous, ${total.invented} invented; median CPU ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms per report`,
);
