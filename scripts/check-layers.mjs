// `npm run check:layers`: the code's layers point one way and no module imports itself back.
// Every import between the project's modules is checked against the layer order below (a module
// may import its own layer or a lower one, never a sibling layer or a higher one), and the import
// graph is searched for cycles (type-only imports included). Run in CI before the tests.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root } from './env.mjs';

/** Lower layers first; layers on one line are siblings and may not import each other. */
const LAYERS = [
  ['forms', 'src/lib'],
  ['src/engine'],
  ['src/report', 'src/db', 'src/import'],
  ['src/services'],
  ['src/chat', 'src/web'],
  ['src/http'],
  ['src/app.ts'],
  ['src/index.ts'],
];

const rankOf = new Map(LAYERS.flatMap((names, rank) => names.map((name) => [name, rank])));

function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  for (const name of rankOf.keys()) if (rel === name || rel.startsWith(`${name}/`)) return name;
  return null;
}

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$|\.d\.ts$/.test(name)) out.push(full);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && /\.tsx?$/.test(c)) ?? null;
}

const all = [...files(path.join(root, 'src')), ...files(path.join(root, 'forms'))];
const graph = new Map();
const problems = [];
for (const file of all) {
  const text = readFileSync(file, 'utf8');
  const deps = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (!target) continue;
    deps.push(target);
    const [a, b] = [layerOf(file), layerOf(target)];
    if (!a || !b || a === b) continue;
    if (rankOf.get(b) >= rankOf.get(a)) {
      const rel = (f) => path.relative(root, f);
      problems.push(`${rel(file)} imports ${rel(target)}: ${b} is not below ${a}`);
    }
  }
  graph.set(file, deps);
}

// Cycles: strongly connected components of more than one module (or a module importing itself).
let index = 0;
const stack = [];
const meta = new Map();
const cycles = [];
function visit(v) {
  meta.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!meta.has(w)) {
      visit(w);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
    } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!meta.has(v)) visit(v);
for (const c of cycles) problems.push(`import cycle: ${c.map((f) => path.relative(root, f)).join(' ↔ ')}`);

if (problems.length) {
  console.error(`Layering: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Layering: ${graph.size} modules, no import cycle, every import points to a lower layer.`);
