// The heavy paths at scale. A few template bodies are made through the public routes (admin API,
// chat, dashboard) so that their rows are exactly what the Worker writes; thousands of bodies are
// then cloned from them with plain SQL against the migrations' tables. Cloning copies every column
// the tables have (read from PRAGMA table_info), so columns added later come along; a table that
// references reports (revisions, and any added later with a foreign key) is cloned per report.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/env.mjs';
import { admin } from './chat.mjs';
import { ORIGIN } from './instance.mjs';
import { Person } from './telegram.mjs';
import { cloneSql, perReportTables, tableInfo } from './clone.mjs';

export { tableCounts } from './clone.mjs';

export const YEAR = 2025;
const FIXTURE = path.join(root, 'test', 'fixtures', 'baiying-2023.report.json');
const AFTER_SEED = path.join(root, 'bench', 'after-seed.sql');
const VARIANTS = 4;
const CHUNK = 10_000;

/** The published example as a 2025 report of `name`, with figures varied by k (all rules hold). */
function variant(name, k) {
  const r = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  r.year = YEAR;
  r.org = { name, kind: 'township' };
  r.s2.normativeDocs = { issued: k, repealed: 0, inForce: k + 2 };
  r.s2.licensing = 10 + 7 * k;
  r.s2.penalties = 2 + k;
  r.s2.enforcement = k;
  r.s2.fees = k / 2;
  for (const row of ['new', 'granted', 'total']) {
    r.s3[row][0] = k + 1;
    r.s3[row][6] = k + 1;
  }
  r.s4.review.upheld = k;
  r.s4.review.total = k;
  return r;
}

async function dashboardPath(person) {
  const r = await person.say('/dashboard');
  const m = JSON.stringify(r.replies).match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/);
  if (!m) throw new Error(`no dashboard link in: ${JSON.stringify(r.replies).slice(0, 300)}`);
  return m[1];
}

let nextUser = 8_000_000;

async function join(inst, a, orgId, role = 'official') {
  const p = new Person(inst, ++nextUser);
  const r = await p.say(`/start ${await a.invite(orgId, role)}`);
  if (r.status !== 200) throw new Error(`/start: HTTP ${r.status} ${r.body.slice(0, 200)}`);
  return p;
}

/** Imports a report, then reopens and submits it by chat, as an official would. */
async function submitted(inst, a, official, orgId, report) {
  await a.putReport(orgId, YEAR, report);
  await official.say(`/reopen ${YEAR}`);
  await official.say('/submit');
  if (/提交前请核对/.test(official.lastText())) await official.press('确认提交');
  const { status } = await a.getReport(orgId, YEAR);
  if (status !== 'submitted') throw new Error(`template report of ${orgId} is ${status} after /submit`);
}

async function reportId(inst, orgId) {
  const row = await inst.db
    .prepare('SELECT id FROM reports WHERE org_id = ?1 AND year = ?2')
    .bind(orgId, YEAR)
    .first();
  if (!row) throw new Error(`no ${YEAR} report for org ${orgId}`);
  return row.id;
}

/** The supervised root (基准省) with its supervisor, and the template bodies (in 模板县). */
export async function setupHeavy(inst) {
  const a = admin(inst);
  const rootId = await a.org('基准省', 'county');
  const boss = await join(inst, a, rootId, 'supervisor');
  const dash = await dashboardPath(boss);
  const tplCounty = await a.org('模板县', 'county');
  const tplBoss = await join(inst, a, tplCounty, 'supervisor');
  const tplDash = await dashboardPath(tplBoss);

  const check = async (report) => {
    const res = await inst.request('/api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
    const out = await res.json();
    if (res.status !== 200 || out.errors?.length)
      throw new Error(`template report does not check: ${JSON.stringify(out).slice(0, 300)}`);
  };

  const submittedIds = [];
  let official;
  for (let k = 0; k < VARIANTS; k++) {
    const name = `模板镇提交${k}`;
    const orgId = await a.org(name, 'township', tplCounty);
    official = await join(inst, a, orgId);
    const report = variant(name, k);
    await check(report);
    await submitted(inst, a, official, orgId, report);
    submittedIds.push(await reportId(inst, orgId));
  }

  const draftOrg = await a.org('模板镇填报中', 'township', tplCounty);
  const drafter = await join(inst, a, draftOrg);
  await drafter.say(`/fill ${YEAR}`);
  const s1 = JSON.parse(readFileSync(FIXTURE, 'utf8')).s1;
  for (const part of [s1.proactive, s1.onRequest]) {
    await drafter.say(part);
    await drafter.press('下一项');
  }
  if ((await a.getReport(draftOrg, YEAR)).status !== 'draft')
    throw new Error('template draft is not a draft');

  const returnedOrg = await a.org('模板镇退回', 'township', tplCounty);
  const returner = await join(inst, a, returnedOrg);
  await submitted(inst, a, returner, returnedOrg, variant('模板镇退回', 1));
  const back = await inst.request(`${tplDash}/body/${returnedOrg}/return?year=${YEAR}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ comment: '表三新收数字与文字不符，请核对。' }),
  });
  if (back.status !== 303 || !/done=returned/.test(back.headers.get('location') ?? ''))
    throw new Error(`return: HTTP ${back.status} ${back.headers.get('location')}`);

  const person = await inst.db
    .prepare(
      "SELECT p.id, i.user_id FROM people p JOIN identities i ON i.person_id = p.id WHERE p.org_id = ?1 AND p.role = 'official'",
    )
    .bind(draftOrg)
    .first();
  const rootPath = (await inst.db.prepare('SELECT path FROM orgs WHERE id = ?1').bind(rootId).first()).path;
  return {
    rootId,
    rootPath,
    boss,
    dash,
    seeded: 0,
    templates: {
      submitted: submittedIds,
      draft: await reportId(inst, draftOrg),
      returned: await reportId(inst, returnedOrg),
      person: person.id,
      identity: person.user_id,
    },
  };
}

/** Which template report a new body o gets: a quarter none, then submitted / draft / returned. */
function templateOf(h, o) {
  const sub = h.templates.submitted.map((id, k) => `WHEN ${k} THEN ${id}`).join(' ');
  return `CASE WHEN ${o} % 3 = 0 THEN CASE (${o} / 3) % ${h.templates.submitted.length} ${sub} END WHEN ${o} % 3 = 1 THEN ${h.templates.draft} ELSE ${h.templates.returned} END`;
}

/** Grows the root's subtree to `total` bodies with SQL, in chunks of CHUNK, and returns the counts. */
export async function growTo(inst, h, total, log = () => {}) {
  const people = await tableInfo(inst, 'people');
  const identities = await tableInfo(inst, 'identities');
  const reports = await tableInfo(inst, 'reports');
  const perReport = await perReportTables(inst);
  const toPerson = (c) =>
    c.ref === 'people' ? `CASE WHEN t.${c.name} IS NULL THEN NULL ELSE p.id END` : undefined;
  const newBodies = `o.parent_id = ${h.rootId} AND o.id > ?1`;
  const withReport = `${newBodies} AND o.id % 4 <> 0`;
  const official = `LEFT JOIN people p ON p.org_id = o.id AND p.role = 'official'`;

  while (h.seeded < total) {
    const n = Math.min(CHUNK, total - h.seeded);
    const before = (await inst.db.prepare('SELECT ifnull(max(id), 0) AS m FROM orgs').first()).m;
    const t0 = performance.now();
    const statements = [
      inst.db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
           INSERT INTO orgs (name, kind, parent_id, path) SELECT '基准省第' || i || '镇', 'township', ?1, '' FROM n`,
        )
        .bind(h.rootId, h.seeded + 1, h.seeded + n),
      inst.db
        .prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE parent_id = ?1 AND id > ?3")
        .bind(h.rootId, h.rootPath, before),
      inst.db
        .prepare(
          cloneSql('people', people, {
            set: (c) =>
              c.name === 'org_id' ? 'o.id' : c.name === 'display_name' ? "'填报人' || o.id" : undefined,
            from: `FROM orgs o JOIN people t ON t.id = ${h.templates.person} JOIN orgs tor ON tor.id = t.org_id WHERE ${newBodies}`,
          }),
        )
        .bind(before),
      inst.db
        .prepare(
          cloneSql('identities', identities, {
            set: (c) =>
              c.name === 'user_id' || c.name === 'chat_id'
                ? 'CAST(900000000 + p.id AS TEXT)'
                : c.ref === 'people' || c.name === 'person_id'
                  ? 'p.id'
                  : undefined,
            from: `FROM orgs o JOIN people p ON p.org_id = o.id AND p.role = 'official' JOIN identities t ON t.platform = 'telegram' AND t.user_id = '${h.templates.identity}' JOIN orgs tor ON tor.id = ${h.rootId} WHERE ${newBodies}`,
          }),
        )
        .bind(before),
      inst.db
        .prepare(
          cloneSql('reports', reports, {
            set: (c) => (c.name === 'org_id' || c.ref === 'orgs' ? 'o.id' : toPerson(c)),
            from: `FROM orgs o JOIN reports t ON t.id = ${templateOf(h, 'o.id')} JOIN orgs tor ON tor.id = t.org_id ${official} WHERE ${withReport}`,
          }),
        )
        .bind(before),
      ...perReport.map(({ table, info, fk }) =>
        inst.db
          .prepare(
            cloneSql(table, info, {
              set: (c) => (c.name === fk ? 'r.id' : c.ref === 'orgs' ? 'o.id' : toPerson(c)),
              from: `FROM orgs o JOIN reports r ON r.org_id = o.id AND r.year = ${YEAR}
               JOIN ${table} t ON t.${fk} = ${templateOf(h, 'o.id')}
               JOIN reports tr ON tr.id = t.${fk} JOIN orgs tor ON tor.id = tr.org_id ${official}
               WHERE ${withReport}`,
            }),
          )
          .bind(before),
      ),
    ];
    await inst.db.batch(statements);
    h.seeded += n;
    log(
      `  seeded ${h.seeded.toLocaleString('en-US')} bodies (+${n} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  if (existsSync(AFTER_SEED)) await inst.exec(readFileSync(AFTER_SEED, 'utf8'));

  const counts = { none: 0, draft: 0, submitted: 0, returned: 0 };
  const rows = (
    await inst.db
      .prepare(
        `SELECT ifnull(r.status, 'none') AS st, count(*) AS n FROM orgs o
         LEFT JOIN reports r ON r.org_id = o.id AND r.year = ${YEAR} WHERE o.parent_id = ?1 GROUP BY st`,
      )
      .bind(h.rootId)
      .all()
  ).results;
  for (const r of rows) counts[r.st] = r.n;
  const sample = await inst.db
    .prepare(
      `SELECT o.id FROM orgs o JOIN reports r ON r.org_id = o.id AND r.year = ${YEAR}
       WHERE o.parent_id = ?1 AND r.status = 'submitted' LIMIT 1`,
    )
    .bind(h.rootId)
    .first();
  return { counts, submittedOrg: sample?.id, perReport: perReport.map((p) => p.table) };
}

/** Chat ids of the officials who should be reminded: bodies under the root not submitted. */
export async function unsubmittedChats(inst, h) {
  const rows = (
    await inst.db
      .prepare(
        `SELECT i.chat_id FROM orgs o JOIN people p ON p.org_id = o.id AND p.role = 'official'
         JOIN identities i ON i.person_id = p.id
         LEFT JOIN reports r ON r.org_id = o.id AND r.year = ${YEAR}
         WHERE o.parent_id = ?1 AND (r.status IS NULL OR r.status <> 'submitted')`,
      )
      .bind(h.rootId)
      .all()
  ).results;
  return rows.map((r) => String(r.chat_id));
}
