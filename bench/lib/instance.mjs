// One worker in its own workerd: a Miniflare instance with the worker, a metered copy of it (same
// code, same D1, DB wrapped by the meter), its own D1 in a temp dir, outbound fetches to the fake.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { METER_SOURCE, meterSink } from './meter.mjs';
import { cpuMs, memoryMiB, workerdChildren } from './procs.mjs';

export const ORIGIN = 'https://nianbao.example';

export async function startInstance({ name, code, workerOptions, fake, splitSql, inspectorPort }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const dbId = workerOptions.d1Databases?.DB?.id ?? workerOptions.d1Databases?.DB ?? `${name}-db`;
  const sink = meterSink();
  const logs = [];
  const keep = (stream) =>
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(line);
      if (logs.length > 400) logs.splice(0, logs.length - 400);
    });
  const worker = {
    ...workerOptions,
    modules: code.modules.map(({ type, path, contents }) =>
      contents ? { type, path, contents } : { type, path },
    ),
    modulesRoot: code.modulesRoot,
    d1Databases: { ...(workerOptions.d1Databases ?? {}), DB: dbId },
    outboundService: fake.designator,
  };
  const otherD1 = Object.fromEntries(Object.entries(worker.d1Databases).filter(([k]) => k !== 'DB'));
  // The metered copy has queues of its own, so that work it enqueues is done (and metered) by it.
  const own = (q) => `${q}-metered`;
  const meteredQueues = {
    queueProducers: Object.fromEntries(
      Object.entries(worker.queueProducers ?? {}).map(([b, p]) => [
        b,
        typeof p === 'string' ? own(p) : { ...p, queueName: own(p.queueName) },
      ]),
    ),
    queueConsumers: Array.isArray(worker.queueConsumers)
      ? worker.queueConsumers.map(own)
      : Object.fromEntries(Object.entries(worker.queueConsumers ?? {}).map(([q, c]) => [own(q), c])),
  };
  const before = workerdChildren();
  const mf = new Miniflare({
    d1Persist: path.join(dir, 'd1'),
    kvPersist: path.join(dir, 'kv'),
    durableObjectsPersist: path.join(dir, 'do'),
    ...(inspectorPort ? { inspectorPort } : {}),
    handleRuntimeStdio: (stdout, stderr) => {
      keep(stdout);
      keep(stderr);
    },
    workers: [
      { ...worker, name },
      {
        ...worker,
        ...meteredQueues,
        name: `${name}-metered`,
        d1Databases: otherD1,
        wrappedBindings: { ...(worker.wrappedBindings ?? {}), DB: 'bench-d1-meter' },
      },
      {
        name: 'bench-d1-meter',
        modules: true,
        script: METER_SOURCE,
        d1Databases: { INNER: dbId },
        serviceBindings: { SINK: (request) => sink.handle(request) },
      },
    ],
  });
  let url;
  try {
    url = await mf.ready;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    await fake.close();
    throw err;
  }
  const pids = [...workerdChildren()].filter((p) => !before.has(p));
  if (pids.length !== 1)
    throw new Error(`expected one new workerd process for ${name}, found ${pids.length}`);
  const pid = pids[0];
  const db = await mf.getD1Database('DB', name);

  return {
    name,
    mf,
    url,
    pid,
    db,
    dir,
    fake,
    sink,
    logs,
    cpu: () => cpuMs(pid),
    memory: () => memoryMiB(pid),
    /** A request as the outside world sends it; `metered` sends it to the metered copy. */
    request(pathAndQuery, init = {}, { metered = false } = {}) {
      const headers = new Headers(init.headers);
      headers.set('MF-Original-URL', ORIGIN + pathAndQuery);
      headers.set('Accept-Encoding', 'identity');
      if (metered) headers.set('MF-Route-Override', `${name}-metered`);
      return fetch(new URL(pathAndQuery, url), { ...init, headers, redirect: 'manual' });
    },
    /** Runs SQL text (several statements; triggers kept whole) in one batch. */
    async exec(sqlText) {
      const statements = splitSql(sqlText).filter((s) => s.trim());
      if (statements.length) await db.batch(statements.map((s) => db.prepare(s)));
    },
    async dispose() {
      try {
        await mf.dispose();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await fake.close();
      }
    },
  };
}
