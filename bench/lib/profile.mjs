// Sampling CPU profile of a worker through workerd's inspector (Miniflare's inspectorPort), summed
// by source file through the bundle's source map: where the chat path's time goes.
import { WebSocket } from 'undici';

/** Opens a DevTools protocol session with the worker named `name`. */
export async function inspect(port, name) {
  const list = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const target = list.find((t) => t.id === `core:user:${name}` || t.id.endsWith(`-${name}`));
  if (!target) throw new Error(`no inspector target for ${name}: ${list.map((t) => t.id).join(', ')}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const m = JSON.parse(String(ev.data));
    // workerd answers some commands (Profiler.enable, .start) with the command itself, not a result.
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      pending.set(i, (m) =>
        m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
      );
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return { send, close: () => ws.close() };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a v3 source map into per-line segments [generatedColumn, sourceIndex, sourceLine]. */
function decodeMap(map) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  for (const line of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length > 1) {
        src += values[1];
        srcLine += values[2];
        segs.push([col, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/**
 * Maps a (0-based) position in the bundle to a short source name: src/chat/service.ts, or the
 * package (zod, hono). `sourcePath` turns a source map entry into a path relative to the project.
 */
export function sourceNamer(map, sourcePath = (s) => s, { withLine = false } = {}) {
  if (!map) return () => 'bundle';
  const lines = decodeMap(map);
  return (line, column) => {
    const segs = lines[line];
    if (!segs?.length) return 'bundle';
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid][0] <= column) lo = mid;
      else hi = mid - 1;
    }
    const source = map.sources[segs[lo][1]];
    if (source === undefined) return 'bundle';
    const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const file = pkg ? `${pkg[1]} (package)` : sourcePath(source);
    return withLine && !pkg ? `${file}:${segs[lo][2] + 1}` : file;
  };
}

/**
 * Self time of a .cpuprofile by source file and by function, largest first. Frames in one of the
 * worker's modules (`modules`: each a module's path as the runtime names it, its source map, and how
 * to turn a source of that map into a project path) are named by their source file; the runtime's own
 * JavaScript (D1's client, tracing) by its module, native code as such.
 *
 * A sample stands for the time to the next one, but at most twice the usual gap between samples:
 * the isolate is not sampled while it waits (for D1, for the next request), so the gap after the
 * last sample before a wait is waiting, not work of that frame (without the cap, the native fetch
 * that sends a D1 query is charged with the query's whole round trip).
 */
export function summarise(profile, { modules }) {
  const namers = modules.map((m) => ({
    url: m.url,
    name: sourceNamer(m.map, m.sourcePath),
    nameAt: sourceNamer(m.map, m.sourcePath, { withLine: true }),
  }));
  const moduleOf = (f) => f.url && namers.find((m) => f.url === m.url || f.url.endsWith(`/${m.url}`));
  const where = (f) => {
    const m = moduleOf(f);
    if (m) return m.name(f.lineNumber, f.columnNumber);
    if (/^\((idle|program|root|garbage collector)\)$/.test(f.functionName)) return f.functionName;
    if (f.url) return `runtime: ${f.url}`;
    return `runtime (native): ${f.functionName || 'anonymous'}`;
  };
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  const usual = [...deltas].sort((x, y) => x - y)[deltas.length >> 1] ?? 0;
  const cap = 2 * usual;
  profile.samples.forEach((nodeId, i) =>
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + Math.min(cap, deltas[i + 1] ?? deltas[i] ?? 0)),
  );
  const byFile = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const f = node.callFrame;
    const file = where(f);
    if (file === '(idle)' || file === '(program)' || file === '(root)') {
      byFile.set(file, (byFile.get(file) ?? 0) + us);
      continue;
    }
    total += us;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const m = moduleOf(f);
    const fn = `${f.functionName || '(anonymous)'} — ${m ? m.nameAt(f.lineNumber, f.columnNumber) : file}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalUs: total, capUs: cap, byFile: top(byFile), byFunction: top(byFunction) };
}
