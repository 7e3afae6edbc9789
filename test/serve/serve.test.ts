// `npm run serve` as a county's server runs it: the Worker under workerd on a data directory, talked
// to over HTTP as Telegram would, its Bot API calls answered by a fake on this machine. A report is
// submitted; a second conversation is cut off by SIGKILL (the whole process group: node and workerd)
// and the service restarted on the same directory; both are found whole. A cron scheduled every
// minute then reminds the official whose report is unfinished. Backup and restore round-trip it all.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/dev-server.mjs';
import { nextDeadline } from '../../src/engine/calendar';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPTS = path.join(ROOT, 'scripts');
const ADMIN_TOKEN = 'serve-test-admin-token-0123456789abcdef';
const WEBHOOK_SECRET = 'serve-test-webhook-secret-0123456789abcdef';
/** A year's window: the reminder cron has something to send whatever the date of the run. */
const REMIND_DAYS = 366;
const deadline = nextDeadline(new Date());
/** The year whose report is due next: the one the reminders are about. */
const YEAR = deadline.year;

// ---------------------------------------------------------------------------------------------
// The fake Telegram Bot API: records every call, answers as Telegram does.

interface Call {
  method: string;
  body: Record<string, any>;
}
const calls: Call[] = [];
let fakeServer: http.Server;
let fakeBase = '';

function startFakeTelegram(): Promise<void> {
  fakeServer = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw || '{}');
      } catch {}
      const method = (req.url ?? '').split('/').pop() ?? '';
      calls.push({ method, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          result:
            method === 'sendMessage'
              ? { message_id: calls.length, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id } }
              : true,
        }),
      );
    });
  });
  return new Promise((resolve) =>
    fakeServer.listen(0, '127.0.0.1', () => {
      const addr = fakeServer.address() as { port: number };
      fakeBase = `http://127.0.0.1:${addr.port}`;
      resolve();
    }),
  );
}

const sentTo = (chatId: number) =>
  calls
    .filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(chatId))
    .map((c) => String(c.body.text));

// ---------------------------------------------------------------------------------------------
// The service

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-serve-'));
const dataDir = path.join(work, 'data');
const envFile = path.join(work, 'nianbao.env');
let port = 0;
let base = '';

interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}
let service: Service | undefined;
/** Every run's output, written to artifacts/serve-test.log for a look after a failure. */
const outputs: (() => string)[] = [];

function writeSettings(crons: string) {
  const lines = [
    'DEV_MODE=',
    `ADMIN_TOKEN=${ADMIN_TOKEN}`,
    'LINK_SECRET=serve-test-link-secret-0123456789abcdef0123',
    `PUBLIC_BASE_URL=${base}`,
    'TELEGRAM_BOT_TOKEN=123456:serve-test',
    `TELEGRAM_WEBHOOK_SECRET=${WEBHOOK_SECRET}`,
    `TELEGRAM_API_BASE=${fakeBase}`,
    // Nothing leaves the machine: the other platforms' APIs point at the fake too (and are unused).
    `WECOM_API_BASE=${fakeBase}/wecom`,
    `DINGTALK_API_BASE=${fakeBase}/dingtalk`,
    `DINGTALK_SESSION_BASE=${fakeBase}/ding-session/`,
    `FEISHU_API_BASE=${fakeBase}/feishu`,
    `REMIND_DAYS_BEFORE=${REMIND_DAYS}`,
    'QUIET_HOURS=0-0',
    `CRONS="${crons}"`,
  ];
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** Starts serve in its own process group, from another working directory, and waits until it listens. */
async function startServe(dir: string, extra: string[] = []): Promise<Service> {
  const child = spawn(
    process.execPath,
    [
      // "--": Node 20 itself reads an --env-file anywhere on its command line, even after the script.
      '--',
      path.join(SCRIPTS, 'serve.mjs'),
      '--data',
      dir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--env-file',
      envFile,
      ...extra,
    ],
    { cwd: work, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const s: Service = { child, output: () => out, exited };
  outputs.push(() => `--- serve --data ${dir} ${extra.join(' ')}\n${out}`);
  const deadline = Date.now() + 150_000;
  while (!out.includes('nianbao is listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      killGroup(s, 'SIGKILL');
      throw new Error(`serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return s;
}

function killGroup(s: Service, signal: NodeJS.Signals) {
  try {
    process.kill(-s.child.pid!, signal);
  } catch {}
}

/** Polls `check` until it holds; on timeout, says what was awaited (`what` is read then). */
async function waitFor<T>(
  what: string | (() => string),
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const awaited = typeof what === 'function' ? what() : what;
      throw new Error(`timed out waiting for ${awaited}\n--- serve output ---\n${service?.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to it

async function admin(method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

let updateId = 500_000;

/**
 * One message from a person over the webhook, as Telegram delivers it. Returns what the bot said to
 * this chat because of it (the webhook's own answer, and what reached the Bot API), waiting for a
 * message containing `expect` when given (messages sent through the outbox arrive a little later).
 */
async function say(userId: number, text: string, expect?: string): Promise<string[]> {
  const before = sentTo(userId).length;
  const id = ++updateId;
  const res = await fetch(`${base}/hooks/telegram`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET },
    body: JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        from: { id: userId, is_bot: false, first_name: '测试' },
        chat: { id: userId, type: 'private' },
        text,
      },
    }),
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status} to ${text}: ${await res.text()}`);
  const inline = (await res.json()) as Record<string, any>;
  const own = inline.method === 'sendMessage' ? [String(inline.text)] : [];
  const said = () => [...own, ...sentTo(userId).slice(before)];
  if (expect !== undefined) {
    await waitFor(
      () => `「${expect}」 in the answer to 「${text}」 (got ${JSON.stringify(said())})`,
      () => said().some((t) => t.includes(expect)),
      15_000,
    );
  }
  return said();
}

const S1 = [
  '本年主动公开信息 12 条，包括机构概况、政策文件和工作动态。',
  '本年未收到政府信息公开申请。',
  '落实信息发布三级审核制度。',
  '通过政府网站和镇政务公开栏发布信息。',
  '开展政务公开培训一次。',
];
const S1_B = S1.map((t) => t.replace('本年', '本年度'));

let countyId = 0;
let townA = 0;
let townB = 0;
const SUPERVISOR = 7000;
const OFFICIAL_A = 7001;
const OFFICIAL_B = 7002;

beforeAll(async () => {
  await startFakeTelegram();
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The first run fires no cron (31 February never comes), so nobody is reminded before the test
  // looks for the reminder; the restart runs them every minute.
  writeSettings('0 0 31 2 *');
});

afterAll(async () => {
  if (service) killGroup(service, 'SIGKILL');
  mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(path.join(ROOT, 'artifacts', 'serve-test.log'), outputs.map((o) => o()).join('\n'));
  await new Promise((r) => fakeServer?.close(r));
  rmSync(work, { recursive: true, force: true });
});

describe('npm run serve', () => {
  it('bundles and starts the Worker on an empty data directory, with the migrations applied', async () => {
    service = await startServe(dataDir);
    const out = service.output();
    expect(out).toMatch(/D1 DB: applied 0001_init\.sql, /);
    expect(out).toContain(`nianbao is listening on ${base}`);
    // Printed just after the listening line, and maybe read a moment after it.
    await expect.poll(() => service!.output()).toContain('cron "0 0 31 2 *" (UTC): next run never');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // Miniflare's own pages are not reachable through the service.
    expect((await fetch(`${base}/cdn-cgi/explorer`)).status).toBe(404);
    // The static files travel with the build: pdf.js for reading PDFs on the import screens.
    const { PDFJS_BASE } = await import('../../src/web/client/form-bundle.js');
    const pdfjs = await fetch(`${base}${PDFJS_BASE}pdf.min.mjs`);
    expect(pdfjs.status).toBe(200);
    expect(pdfjs.headers.get('content-type')).toMatch(/javascript/);
    expect((await pdfjs.text()).length).toBeGreaterThan(100_000);
    await expect.poll(() => service!.output()).toMatch(/GET \/healthz 200 \d+ms/);
  });

  it('takes a conversation over the Telegram webhook to a submitted report', async () => {
    countyId = (await admin('POST', '/api/admin/orgs', { name: '服务县', kind: 'county' })).json.id;
    townA = (await admin('POST', '/api/admin/orgs', { name: '甲镇', kind: 'township', parentId: countyId }))
      .json.id;
    townB = (await admin('POST', '/api/admin/orgs', { name: '乙镇', kind: 'township', parentId: countyId }))
      .json.id;
    const supervisorCode = (
      await admin('POST', '/api/admin/invites', { orgId: countyId, role: 'supervisor' })
    ).json.code;
    const codeA = (await admin('POST', '/api/admin/invites', { orgId: townA, role: 'official' })).json.code;
    await say(SUPERVISOR, `/start ${supervisorCode}`, '绑定成功');

    await say(OFFICIAL_A, `/start ${codeA}`, '绑定成功');
    await say(OFFICIAL_A, `/fill ${YEAR}`, '（一）主动公开');
    for (const text of S1) {
      await say(OFFICIAL_A, text, '已记下');
      await say(OFFICIAL_A, '下一项');
    }
    await say(OFFICIAL_A, '本节其余为0', '本年是否收到政府信息公开申请');
    await say(OFFICIAL_A, '否', '行政复议或行政诉讼');
    await say(OFFICIAL_A, '否', '【五、存在的主要问题及改进情况】');
    await say(OFFICIAL_A, '信息公开的形式还比较单一。', '已记下');
    await say(OFFICIAL_A, '下一项', '【六、其他需要报告的事项】');
    await say(OFFICIAL_A, '本年度未收取信息处理费。', '已记下');
    await say(OFFICIAL_A, '下一项', '汇总');
    const submitted = await say(OFFICIAL_A, '/submit');
    // With warnings the bot asks to confirm; without, it submits at once.
    if (!submitted.some((t) => t.includes('年度报告已提交')))
      await say(OFFICIAL_A, '确认提交', '年度报告已提交');
    const stored = await admin('GET', `/api/admin/reports/${townA}/${YEAR}`);
    expect(stored.status).toBe(200);
    expect(stored.json.status).toBe('submitted');
    await waitFor(
      'the supervisor’s notice',
      () => sentTo(SUPERVISOR).some((t) => t.includes('【报告已提交】')),
      15_000,
    );
  });

  it('loses nothing of a conversation cut off by SIGKILL, and carries on after a restart', async () => {
    const codeB = (await admin('POST', '/api/admin/invites', { orgId: townB, role: 'official' })).json.code;
    await say(OFFICIAL_B, `/start ${codeB}`, '绑定成功');
    await say(OFFICIAL_B, `/fill ${YEAR}`, '（一）主动公开');
    for (const text of S1_B) {
      await say(OFFICIAL_B, text, '已记下');
      await say(OFFICIAL_B, '下一项');
    }
    await say(OFFICIAL_B, '2', '本年废止件数'); // 行政规范性文件：本年制发件数
    await say(OFFICIAL_B, '1', '现行有效件数');
    await say(OFFICIAL_B, '6');

    // Killed mid-way, node and workerd together, as a power cut or the OOM killer would.
    killGroup(service!, 'SIGKILL');
    await service!.exited;
    expect(existsSync(path.join(dataDir, 'nianbao.sock'))).toBe(true); // left behind, cleaned up at start

    writeSettings('* * * * *');
    service = await startServe(dataDir, ['--no-build']);
    expect(service.output()).toContain('D1 DB: migrations up to date');
    await expect.poll(() => service!.output()).toContain('cron "* * * * *" (UTC): next run');

    const a = await admin('GET', `/api/admin/reports/${townA}/${YEAR}`);
    expect(a.json.status).toBe('submitted');
    expect(Object.values(a.json.report.s1)).toEqual(S1);
    expect(a.json.report.s5).toBe('信息公开的形式还比较单一。');

    const b = await admin('GET', `/api/admin/reports/${townB}/${YEAR}`);
    expect(b.status).toBe(200);
    expect(b.json.status).toBe('draft');
    expect(Object.values(b.json.report.s1)).toEqual(S1_B);
    expect(b.json.report.s2.normativeDocs).toEqual({ issued: 2, repealed: 1, inForce: 6 });

    // The conversation resumes where it was cut off.
    await say(OFFICIAL_B, `/fill ${YEAR}`, '行政许可');
  });

  it('fires a cron scheduled every minute (test settings) on time', async () => {
    await waitFor(
      'a cron run',
      () => /cron "\* \* \* \* \*" \S+:00\.000Z: ok \(\d+ms\)/.test(service!.output()),
      75_000,
    );
  });

  it('reminds the official with an unfinished draft, through the cron', async () => {
    await waitFor(
      'a 【年报提醒】 to the official of 乙镇',
      () => sentTo(OFFICIAL_B).some((t) => t.includes('【年报提醒】') && t.includes('乙镇')),
      75_000,
    );
    // The submitted body's official is not reminded.
    expect(sentTo(OFFICIAL_A).some((t) => t.includes('【年报提醒】'))).toBe(false);
  });

  it('backs up while serving, stops gracefully on SIGTERM, and restores into an empty directory', async () => {
    const backup = path.join(work, 'nightly.sql.gz');
    const made = spawnSync(process.execPath, [path.join(SCRIPTS, 'backup.mjs'), backup, '--data', dataDir], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toContain('through the running service');
    expect(readFileSync(backup)[0]).toBe(0x1f); // gzipped

    killGroup(service!, 'SIGTERM');
    expect(await service!.exited).toBe(0);
    expect(service!.output()).toContain('stopped');
    expect(existsSync(path.join(dataDir, 'nianbao.sock'))).toBe(false);

    const restored = path.join(work, 'restored');
    const restore = (dir: string) =>
      spawnSync(process.execPath, [path.join(SCRIPTS, 'restore.mjs'), backup, '--data', dir], {
        cwd: work,
        encoding: 'utf8',
      });
    const first = restore(restored);
    expect(first.status, first.stderr).toBe(0);
    const again = restore(restored);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds data');

    writeSettings('0 0 31 2 *');
    service = await startServe(restored, ['--no-build']);
    const a = await admin('GET', `/api/admin/reports/${townA}/${YEAR}`);
    expect(a.json.status).toBe('submitted');
    expect(Object.values(a.json.report.s1)).toEqual(S1);
    const b = await admin('GET', `/api/admin/reports/${townB}/${YEAR}`);
    expect(b.json.report.s2.normativeDocs).toEqual({ issued: 2, repealed: 1, inForce: 6 });
    killGroup(service, 'SIGTERM');
    expect(await service.exited).toBe(0);
    service = undefined;
  });
});
