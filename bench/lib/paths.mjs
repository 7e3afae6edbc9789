// The heavy paths of nianbao, each run once on the metered copy (D1 rows read and written, result
// bytes, round trips, outbound requests) and then timed on the worker itself (workerd CPU, wall).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/env.mjs';
import { median } from './load.mjs';
import { YEAR } from './heavy.mjs';

const isZip = (bytes) => bytes[0] === 0x50 && bytes[1] === 0x4b;

async function got(res) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes, text: () => new TextDecoder().decode(bytes) };
}

/** The paths at one size: `n` bodies under the supervisor, `counts` by status. */
export function heavyPaths(inst, h, { n, counts, submittedOrg }) {
  const fixture = readFileSync(path.join(root, 'test', 'fixtures', 'baiying-2023.report.json'), 'utf8');
  const page = (name, p, check) => ({
    name,
    async run(metered) {
      const r = await got(await inst.request(p, {}, { metered }));
      if (r.status !== 200) return { reason: `HTTP ${r.status}: ${r.text().slice(0, 200)}` };
      return { reason: check(r), bytes: r.bytes.length };
    },
  });
  const docx = (r) => (isZip(r.bytes) ? null : 'not a .docx (zip)');
  const mentions = (x) => (r) => (r.text().includes(String(x)) ? null : `does not mention ${x}`);
  return [
    {
      name: 'compile .docx (one report)',
      async run(metered) {
        const r = await got(
          await inst.request(
            '/api/compile?format=docx',
            { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: fixture },
            { metered },
          ),
        );
        return r.status === 200 ? { reason: docx(r), bytes: r.bytes.length } : { reason: `HTTP ${r.status}` };
      },
    },
    {
      name: 'check a report with last year’s (/api/check)',
      async run(metered) {
        const report = JSON.parse(fixture);
        const body = JSON.stringify({ report, previous: { ...report, year: report.year - 1 } });
        const r = await got(
          await inst.request(
            '/api/check',
            { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
            { metered },
          ),
        );
        if (r.status !== 200) return { reason: `HTTP ${r.status}` };
        const found = JSON.parse(r.text());
        return Array.isArray(found.errors) && Array.isArray(found.warnings)
          ? { reason: null, bytes: r.bytes.length }
          : { reason: 'no findings lists' };
      },
    },
    page(
      'body report .docx (dashboard)',
      `${h.dash}/body/${submittedOrg}/report?year=${YEAR}&format=docx`,
      docx,
    ),
    page('dashboard page', `${h.dash}?year=${YEAR}`, mentions(n)),
    {
      name: 'chat /status',
      async run(metered) {
        const r = await h.boss.say(`/status ${YEAR}`, { metered });
        const text = r.replies.map((m) => m.text).join('\n');
        if (r.status !== 200) return { reason: `HTTP ${r.status}` };
        return {
          reason: text.includes(String(n)) ? null : `no count ${n} in: ${text.slice(0, 200)}`,
          bytes: text.length,
        };
      },
    },
    page('CSV export', `${h.dash}/export.csv?year=${YEAR}`, (r) => {
      const rows = r.text().trim().split('\r\n').length - 1;
      return rows >= n && rows <= n + 1 ? null : `${rows} rows for ${n} bodies`;
    }),
    page('roll-up page', `${h.dash}/rollup?year=${YEAR}`, mentions(counts.submitted)),
    page('data view (数据统计)', `${h.dash}/stats?year=${YEAR}`, mentions(`${counts.submitted}/${n}`)),
    page('data view CSV', `${h.dash}/stats.csv?year=${YEAR}`, (r) => {
      const rows = r.text().trim().split('\r\n').length - 2;
      return rows === counts.submitted ? null : `${rows} rows for ${counts.submitted} submitted bodies`;
    }),
    page('roll-up .docx', `${h.dash}/rollup?year=${YEAR}&format=docx`, docx),
  ];
}

/**
 * Metered once (which also warms it up), then timed: one run when it takes a second or more, else
 * as many as fill about 1.5 s (at most 20), CPU averaged over them and wall the median.
 */
export async function measure(inst, p) {
  inst.sink.begin();
  const out0 = inst.fake.state.requests;
  let first;
  try {
    first = await p.run(true);
  } finally {
    first ??= { reason: 'threw' };
  }
  const d1 = inst.sink.end();
  const outbound = inst.fake.state.requests - out0;
  if (first.reason) return { name: p.name, failed: first.reason };

  const timedRun = async () => {
    const c0 = inst.cpu();
    const t0 = performance.now();
    const r = await p.run(false);
    if (r.reason) throw new Error(`${p.name}: ${r.reason}`);
    return { cpu: inst.cpu() - c0, wall: performance.now() - t0 };
  };
  const once = await timedRun();
  let runs = [once];
  if (once.wall < 1000) {
    const k = Math.min(20, Math.max(3, Math.ceil(1500 / Math.max(once.wall, 1))));
    runs = [];
    for (let i = 0; i < k; i++) runs.push(await timedRun());
  }
  // One more run under the inspector's sampling profiler: the Worker's own JavaScript, which is what a
  // deployed Worker's CPU limit counts (the process CPU above includes Miniflare's D1 and HTTP server).
  let isolate;
  if (inst.profileRun)
    try {
      isolate = await inst.profileRun(async () => {
        const r = await p.run(false);
        if (r.reason) throw new Error(`${p.name}: ${r.reason}`);
      });
    } catch (err) {
      console.error(`no profile of ${p.name}: ${err?.message ?? err}`);
    }
  return {
    name: p.name,
    isolate,
    runs: runs.length,
    cpuMs: runs.reduce((s, r) => s + r.cpu, 0) / runs.length,
    wallMs: median(runs.map((r) => r.wall)),
    bytes: first.bytes,
    outbound,
    d1,
  };
}

/** The last error workerd printed, if any (what a failed scheduled handler threw). */
function lastError(inst) {
  const lines = [...inst.logs].reverse().filter((l) => !/^\s*stack:|workerd@/.test(l));
  const line =
    lines.find((l) => /Error:|Uncaught|exceeded|limit/i.test(l)) ??
    lines.find((l) => /error|exception/i.test(l));
  const clean = line
    ?.replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\S+\.c\+\+:\d+: (error: (e = )?)?/g, '')
    .trim();
  return clean ? `: ${clean.slice(0, 200)}` : '';
}

/**
 * Waits until the worker is done: no outbound request and no workerd CPU to speak of for `quietMs`
 * (work it queued runs after the handler returns, and a queue batches for up to a second or so).
 * Returns when the last activity was seen.
 */
async function settle(inst, deadline, quietMs = 2500) {
  let last = inst.fake.state.requests;
  let cpu = inst.cpu();
  let lastAt = performance.now();
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = performance.now();
    const c = inst.cpu();
    if (inst.fake.state.requests !== last || c - cpu > 20) {
      last = inst.fake.state.requests;
      lastAt = now;
      cpu = c;
    } else if (now - lastAt >= quietMs) return lastAt;
  }
  return null;
}

/**
 * One cron run (the scheduled handler at 09:00 China time on `day`, as trigger `cron`), until the
 * worker is idle again (queued work included); checks that every official of an unsubmitted body got exactly one message.
 */
export async function cronRun(inst, day, expectedChats, { metered, cron, timeoutMs = 300_000 }) {
  const worker = await inst.mf.getWorker(metered ? `${inst.name}-metered` : inst.name);
  inst.fake.reset();
  if (metered) inst.sink.begin();
  const c0 = inst.cpu();
  const t0 = performance.now();
  const result = await worker.scheduled({ scheduledTime: new Date(`${day}T01:00:00Z`), cron });
  const handlerDone = performance.now();
  const lastOut = await settle(inst, t0 + timeoutMs);
  const cpu = inst.cpu() - c0;
  const d1 = metered ? inst.sink.end() : null;
  const expected = new Set(expectedChats);
  let missing = 0;
  let twice = 0;
  for (const chat of expected) {
    const k = inst.fake.sentTo(chat).length;
    if (k === 0) missing++;
    if (k > 1) twice++;
  }
  let others = 0;
  for (const [chat, list] of inst.fake.state.byChat) if (!expected.has(chat)) others += list.length;
  const reason =
    result?.outcome !== 'ok'
      ? `outcome ${result?.outcome}${lastError(inst)}`
      : lastOut === null
        ? `still busy after ${timeoutMs / 1000} s (${expected.size - missing} of ${expected.size} officials reminded by then)`
        : missing || twice
          ? `${missing} officials not reminded, ${twice} reminded more than once (of ${expected.size})`
          : null;
  return {
    name: 'cron run (reminders)',
    failed: reason,
    runs: 1,
    cpuMs: cpu,
    wallMs: Math.max(handlerDone, lastOut ?? performance.now()) - t0,
    unfinished: lastOut === null,
    outbound: inst.fake.state.requests,
    reminded: expected.size - missing,
    others,
    d1,
  };
}
