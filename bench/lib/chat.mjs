// The chat path: ~1,600 officials each at a number question in table 三, then timed rounds where
// each sends one valid number answer. nianbao is seeded through its admin API and its webhook (the
// officials join with invite codes and walk to the question as a person would); the peers get the
// same officials' sessions with SQL. Every answer is checked against the expected reply.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/env.mjs';
import { cloneSql, perReportTables, tableInfo } from './clone.mjs';
import { pool } from './load.mjs';
import { deliver, Person, textUpdate } from './telegram.mjs';
import { ADMIN_TOKEN } from './workers.mjs';

/** Answer k of an official: 1, 0, 1, 0… (新收 1, 上年结转 0, 予以公开 1, 结转下年度 0: every sum holds). */
export const answerAt = (k) => (k % 2 === 0 ? '1' : '0');
const FIELDS = ['new', 'carriedOver', 'granted', 'carryForward'];
/** Number questions in table 三 with six applicant columns and one outcome. */
export const MAX_STEPS = 24;
const USER_BASE = 7_000_000;

export function admin(inst) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` };
  const call = async (method, p, body, ok = [200, 201]) => {
    const res = await inst.request(p, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!ok.includes(res.status)) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  return {
    org: async (name, kind, parentId) => (await call('POST', '/api/admin/orgs', { name, kind, parentId })).id,
    invite: async (orgId, role = 'official') =>
      (await call('POST', '/api/admin/invites', { orgId, role })).code,
    putReport: (orgId, year, report) => call('PUT', `/api/admin/reports/${orgId}/${year}`, report),
    getReport: (orgId, year) => call('GET', `/api/admin/reports/${orgId}/${year}`),
  };
}

const normalise = (replies, orgName) => JSON.stringify(replies).split(orgName).join('{org}');

/** Walks one joined official from /fill to the first number question of table 三. */
async function walkToTable3(p) {
  await p.say('/fill 2025');
  await p.say('/edit 三');
  await p.press('是');
  await p.say('1,2,3,4,5,6');
  return p.say('1');
}

/**
 * Seeds nianbao: a county with `officials` townships, each with an official (a Telegram user) whose
 * draft is at the first number question of table 三. A template official gets there through the
 * webhook (/start CODE, /fill 2025, /edit 三, 是, 1,2,3,4,5,6, 1); the others are cloned from its
 * rows with SQL (`via: 'sql'`, the default) or walk the same way (`via: 'webhook'`, slower). A
 * probe official (not timed) walks `steps` answers ahead, so every official's reply to answer k
 * must equal the probe's; the probe's answers are checked to be stored as sent.
 */
export async function seedNianbaoChat(inst, { officials, steps, via = 'sql', concurrency = 8 }) {
  if (steps > MAX_STEPS) throw new Error(`at most ${MAX_STEPS} answers per official (asked for ${steps})`);
  const a = admin(inst);
  const county = await a.org('基准县', 'county');
  const join = async (name, userId) => {
    const orgId = await a.org(name, 'township', county);
    const p = new Person(inst, userId);
    const r = await p.say(`/start ${await a.invite(orgId)}`);
    if (r.status !== 200 || !r.replies.length)
      throw new Error(`/start answered ${r.status}: ${r.body.slice(0, 300)}`);
    return { p, orgId, name, userId };
  };

  const probe = await join('基准探针镇', USER_BASE - 1);
  const start = await walkToTable3(probe.p);
  if (!/新收/.test(probe.p.lastText()))
    throw new Error(`not at a number question of table 三: ${probe.p.lastText()}`);
  const atStart = normalise(start.replies, probe.name);
  const expected = [];
  for (let k = 0; k < steps; k++) {
    const r = await probe.p.say(answerAt(k));
    if (r.status !== 200) throw new Error(`probe answer ${k}: HTTP ${r.status}`);
    expected.push(normalise(r.replies, probe.name));
  }
  const stored = (await a.getReport(probe.orgId, 2025)).report.s3;
  for (let k = 0; k < steps; k++) {
    const [col, field] = [Math.floor(k / 4), FIELDS[k % 4]];
    if (stored[field]?.[col] !== Number(answerAt(k)))
      throw new Error(
        `probe answer ${k} (${field}[${col}] = ${answerAt(k)}) was not stored: ${JSON.stringify(stored[field])}`,
      );
  }

  const list = Array.from({ length: officials }, (_, j) => ({
    userId: USER_BASE + j + 1,
    name: `基准县第${j + 1}镇`,
    step: 0,
  }));
  if (via === 'webhook') {
    await pool(list, concurrency, async (o) => {
      const { p } = await join(o.name, o.userId);
      const at = await walkToTable3(p);
      if (normalise(at.replies, o.name) !== atStart)
        throw new Error(
          `${o.name} did not reach table 三's first number question: ${JSON.stringify(at.replies).slice(0, 300)}`,
        );
    });
  } else {
    const template = await join('基准模板镇', USER_BASE - 2);
    const at = await walkToTable3(template.p);
    if (normalise(at.replies, template.name) !== atStart)
      throw new Error('the template official is not where the probe was');
    await cloneOfficials(inst, county, template, officials);
  }
  return {
    officials: list,
    expect: (o, k, replies) => {
      const got = normalise(replies, o.name);
      return got === expected[k]
        ? null
        : `answer ${k} of ${o.name}: expected ${expected[k].slice(0, 160)}, got ${got.slice(0, 160)}`;
    },
  };
}

/** `n` bodies under the county, each a copy of the template official's rows (user USER_BASE + i). */
async function cloneOfficials(inst, county, template, n) {
  const db = inst.db;
  const t = await db
    .prepare(
      `SELECT o.id AS org, o.path AS path, p.id AS person, r.id AS report FROM orgs o
       JOIN people p ON p.org_id = o.id JOIN reports r ON r.org_id = o.id AND r.year = 2025 WHERE o.id = ?1`,
    )
    .bind(template.orgId)
    .first();
  const countyPath = (await db.prepare('SELECT path FROM orgs WHERE id = ?1').bind(county).first()).path;
  const before = (await db.prepare('SELECT ifnull(max(id), 0) AS m FROM orgs').first()).m;
  const user = `CAST(${USER_BASE} + o.id - ${before} AS TEXT)`;
  const ids = [
    { value: t.org, expr: 'o.id' },
    { value: t.person, expr: 'p.id' },
    { value: t.report, expr: 'r.id' },
  ];
  const mine = `o.parent_id = ${county} AND o.id > ${before}`;
  const person = `JOIN people p ON p.org_id = o.id`;
  const toNew = (fk) => (c) =>
    c.name === fk
      ? 'r.id'
      : c.ref === 'orgs' || c.name === 'org_id'
        ? 'o.id'
        : c.ref === 'people'
          ? `CASE WHEN t.${c.name} IS NULL THEN NULL ELSE p.id END`
          : undefined;
  const row = async (sql, ...args) =>
    (await db
      .prepare(sql)
      .bind(...args)
      .first()) ?? {};
  const identity = await row(
    "SELECT * FROM identities WHERE platform = 'telegram' AND user_id = ?1",
    String(template.userId),
  );
  const session = await row(
    "SELECT * FROM chat_sessions WHERE platform = 'telegram' AND user_id = ?1",
    String(template.userId),
  );
  const report = await row('SELECT * FROM reports WHERE id = ?1', t.report);
  const statements = [
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
     INSERT INTO orgs (name, kind, parent_id, path) SELECT '基准县第' || i || '镇', 'township', ${county}, '' FROM n`,
    `UPDATE orgs SET path = '${countyPath}' || id || '/' WHERE parent_id = ${county} AND id > ${before}`,
    cloneSql('people', await tableInfo(inst, 'people'), {
      set: (c) => (c.name === 'org_id' ? 'o.id' : undefined),
      from: `FROM orgs o JOIN people t ON t.id = ${t.person} JOIN orgs tor ON tor.id = ${t.org} WHERE ${mine}`,
    }),
    cloneSql('identities', await tableInfo(inst, 'identities'), {
      set: (c) =>
        c.name === 'user_id' || c.name === 'chat_id' ? user : c.ref === 'people' ? 'p.id' : undefined,
      row: identity,
      ids,
      from: `FROM orgs o ${person} JOIN identities t ON t.platform = 'telegram' AND t.user_id = '${template.userId}'
             JOIN orgs tor ON tor.id = ${t.org} WHERE ${mine}`,
    }),
    cloneSql('reports', await tableInfo(inst, 'reports'), {
      set: toNew(null),
      row: report,
      ids,
      from: `FROM orgs o ${person} JOIN reports t ON t.id = ${t.report} JOIN orgs tor ON tor.id = ${t.org} WHERE ${mine}`,
    }),
    ...(await perReportTables(inst)).map(({ table, info, fk }) =>
      cloneSql(table, info, {
        set: toNew(fk),
        from: `FROM orgs o ${person} JOIN reports r ON r.org_id = o.id AND r.year = 2025
               JOIN ${table} t ON t.${fk} = ${t.report} JOIN orgs tor ON tor.id = ${t.org} WHERE ${mine}`,
      }),
    ),
    cloneSql('chat_sessions', await tableInfo(inst, 'chat_sessions'), {
      set: (c) => (c.name === 'user_id' ? user : undefined),
      row: session,
      ids,
      from: `FROM orgs o ${person} JOIN reports r ON r.org_id = o.id AND r.year = 2025
             JOIN chat_sessions t ON t.platform = 'telegram' AND t.user_id = '${template.userId}'
             JOIN orgs tor ON tor.id = ${t.org} WHERE ${mine}`,
    }),
  ];
  await db.batch(statements.map((s) => db.prepare(s)));
}

/** The peers' reply to answer k (their sessions start at step 0). */
const peerReply = (k) => `已记下 ${Number(answerAt(k))}。第 ${k + 2} 题：本年新收的申请有多少件？`;

/** Seeds a peer (bench/minimal or bench/grammy) with the same officials' sessions. */
export async function seedPeerChat(inst, kind, officials) {
  await inst.exec(readFileSync(path.join(root, 'bench', kind, 'schema.sql'), 'utf8'));
  const sql =
    kind === 'minimal'
      ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO sessions (user_id, step, answers, updated_at) SELECT CAST(CAST(?1 AS INTEGER) + i AS TEXT), 0, '', '' FROM n`
      : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO sessions (key, value) SELECT CAST(CAST(?1 AS INTEGER) + i AS TEXT), '{"step":0,"answers":[]}' FROM n`;
  await inst.db.prepare(sql).bind(USER_BASE, officials).run();
  return {
    officials: Array.from({ length: officials }, (_, j) => ({
      userId: USER_BASE + j + 1,
      name: '',
      step: 0,
    })),
    expect: (o, k, replies) => {
      const texts = replies.map((m) => m.text);
      return texts.length === 1 && texts[0] === peerReply(k)
        ? null
        : `answer ${k} of ${o.userId}: expected ${peerReply(k)}, got ${JSON.stringify(texts).slice(0, 160)}`;
    },
  };
}

/** Sends each official's next answer and checks the reply; an official that failed stays failed. */
export function answerer(inst, seeded, { metered = false } = {}) {
  return async (o) => {
    if (o.step < 0) return `${o.userId} failed before`;
    const k = o.step;
    const r = await deliver(inst, textUpdate(o.userId, answerAt(k)), { metered });
    if (r.status !== 200) {
      o.step = -1;
      return `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
    }
    const reason = seeded.expect(o, k, r.replies);
    o.step = reason ? -1 : k + 1;
    return reason;
  };
}
