// Concurrency-limited request loops and the numbers taken from them.

/** Runs fn over items with at most `concurrency` in flight; resolves when all are done. */
export async function pool(items, concurrency, fn) {
  let next = 0;
  const out = new Array(items.length);
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return out;
}

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) => percentile(values, 50);

/**
 * One timed round: every item sent once at `concurrency`, each answer checked by `send` (which
 * resolves to null when the answer is right, or to the reason it is not). CPU is the workerd
 * process's utime + stime over the round.
 */
export async function timedRound(inst, items, concurrency, send) {
  const latencies = [];
  const reasons = [];
  let failures = 0;
  const cpu0 = inst.cpu();
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(items, concurrency, async (item) => {
    const s = performance.now();
    let reason;
    try {
      reason = await send(item);
    } catch (err) {
      reason = String(err?.message ?? err);
    }
    latencies.push(performance.now() - s);
    if (reason) {
      failures++;
      if (reasons.length < 3) reasons.push(reason);
    }
  });
  const wall = performance.now() - t0;
  const cpu = inst.cpu() - cpu0;
  const node = process.cpuUsage(node0);
  return {
    n: items.length,
    concurrency,
    failures,
    reasons,
    wallMs: wall,
    rps: (items.length * 1000) / wall,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuPerReq: cpu / items.length,
    nodeCpuPerReq: (node.user + node.system) / 1000 / items.length,
  };
}
