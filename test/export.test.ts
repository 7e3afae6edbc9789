// The admin export of everything and its import into an empty database, through the Worker with
// real D1. Each test file has its own database, so this one empties it (rows deleted children
// first, as a fresh deploy would have none) and restores it. A county built through the chat, the
// dashboard and the admin API comes back identical: the same export, the same reports, the same
// revisions, the same people in the same chats. A bad line is named and nothing is written.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { ADMIN, adminGet, county, getReport, invite, putReport } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call, ORIGIN } from './worker';
import worker from '../src/index';
import { fillTotals } from '../src/engine/compute';
import { ADMIN_COPY } from '../src/http/copy';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

const TABLES = ['orgs', 'people', 'identities', 'reports', 'revisions', 'finding_verdicts'] as const;
const EMPTY_EXPORT = `${JSON.stringify({
  end: { orgs: 0, people: 0, identities: 0, reports: 0, revisions: 0, finding_verdicts: 0 },
})}\n`;

/** Deletes every row of every table (foreign keys checked once all are gone), as a fresh deploy has none. */
async function wipe() {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'`,
  ).all<{ name: string }>();
  await env.DB.batch([
    env.DB.prepare('PRAGMA defer_foreign_keys = on'),
    ...results.map((r) => env.DB.prepare(`DELETE FROM "${r.name}"`)),
  ]);
}

async function exportAll(e: Partial<Env> = {}): Promise<string> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}/api/admin/export`, { headers: ADMIN }),
    { ...env, ...e },
    ctx,
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
  // NDJSON is UTF-8 text (read as bytes: the runtime warns on .text() for a type it does not know).
  const text = new TextDecoder().decode(await res.arrayBuffer());
  await waitOnExecutionContext(ctx);
  return text;
}

async function importText(body: string | Uint8Array, e: Partial<Env> = {}): Promise<Response> {
  return worker.fetch(
    new Request(`${ORIGIN}/api/admin/import`, {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'application/x-ndjson' },
      body,
    }),
    { ...env, ...e },
    createExecutionContext(),
  );
}

async function rowCounts(): Promise<number[]> {
  return Promise.all(
    TABLES.map(
      async (t) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n,
    ),
  );
}

let nextUser = 640000;

function figures(name: string, year: number, n: number, s5 = '问题'): Report {
  const r = emptyReport(F, { name, kind: 'township' }, year);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}${p}`;
  r.s2.licensing = n;
  r.s2.fees = 0.125 * n;
  r.s3.new[0] = n;
  r.s3.granted[0] = n;
  r.s5 = s5;
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

/** A county worked on as people do: imports, chat answers, a submission, a return, a draft. */
async function buildCounty() {
  const c = await county(['甲镇', '乙镇', '丙镇']);
  const [甲, 乙, 丙] = [c.ids['甲镇']!, c.ids['乙镇']!, c.ids['丙镇']!];
  await call(`/api/admin/orgs/${甲}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...ADMIN },
    body: JSON.stringify({ fullName: `示例县甲镇${c.tag}人民政府` }),
  });
  const supervisor = new Person(++nextUser, fake);
  await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  const [m] = await supervisor.say('/dashboard');
  const dashboard = m!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  const one = new Person(++nextUser, fake);
  await one.say(`/start ${await invite(甲)}`);
  const two = new Person(++nextUser, fake);
  await two.say(`/start ${await invite(乙)}`);
  // An invite nobody used: its code is a credential and is not exported.
  const unused = await invite(丙);

  // 甲: last year imported; this year imported, reopened, edited, submitted by chat, returned.
  await putReport(甲, 2024, figures(`甲镇${c.tag}`, 2024, 4));
  await putReport(甲, 2025, figures(`甲镇${c.tag}`, 2025, 5, '“引号”、\\反斜杠、\n换行和 emoji 😀'));
  await one.say('/reopen 2025');
  await one.say('/edit 五');
  await one.say('补充一段说明');
  const sub = await one.last('/submit');
  if (sub.text.includes('提交前请核对')) await one.press('确认提交');
  const returned = await call(`${dashboard}/body/${甲}/return?year=2025`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ comment: '请补充整改措施。' }),
    redirect: 'manual',
  });
  expect(returned.status).toBe(303);
  // 甲 2024: a finding dismissed on the dashboard, with its reason.
  const page = await (await call(`${dashboard}/body/${甲}?year=2024`)).text();
  const key = /name="key" value="([^"]+)"/.exec(page)![1]!.replace(/&#124;|&#x7C;/g, '|');
  const verdict = await call(`${dashboard}/body/${甲}/verdict?year=2024`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ key, verdict: 'dismiss', reason: '已核实：“属实”\n无需修改' }),
    redirect: 'manual',
  });
  expect(verdict.headers.get('location')).toContain('done=verdict');
  // 乙: a draft in progress by chat.
  await two.say('/fill 2025');
  await two.say('乙镇主动公开了 12 条');
  await two.press('下一项');
  return { ...c, 甲, 乙, 丙, supervisor, one, two, dashboard, unused };
}

describe('the admin export and import', () => {
  it('round-trips a county built through the chat, the dashboard and the admin API', async () => {
    await wipe();
    const built = await buildCounty();
    const keys: [number, number][] = [
      [built.甲, 2024],
      [built.甲, 2025],
      [built.乙, 2025],
    ];
    const reports = await Promise.all(keys.map(([o, y]) => getReport(o, y)));
    expect(reports.map((r) => [r.status, r.version])).toEqual([
      ['submitted', 2],
      ['returned', 6],
      ['draft', expect.any(Number)],
    ]);
    const revisions = await Promise.all(keys.map(([o, y]) => adminGet(`/reports/${o}/${y}/revisions`)));
    const snapshots = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((v) => adminGet(`/reports/${built.甲}/2025/revisions/${v}`)),
    );

    // What each report keeps beside it (the compact row, the findings counted with last year's report):
    // not in the file, made again by the import, and the same.
    const derived = () =>
      env.DB.prepare(
        `SELECT id, figures, figures_version, warning_keys, error_count, warning_count FROM reports ORDER BY id`,
      ).all();
    const keptBefore = (await derived()).results;
    expect(keptBefore).toHaveLength(3);
    for (const r of keptBefore) expect(r.figures).toEqual(expect.stringMatching(/^\[/));
    // 甲 2025 repeats 2024's text word for word: a warning only last year's report can give.
    expect(JSON.parse(keptBefore[1]!.warning_keys as string)).toContain('9|s1.proactive||');

    const first = await exportAll();
    const lines = first
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    // One object per line, the tables in order, and the end line counting them.
    const tables = lines.slice(0, -1).map((l) => l.table);
    expect([...new Set(tables)]).toEqual([...TABLES]);
    expect(lines.at(-1)).toEqual({
      end: Object.fromEntries(TABLES.map((t) => [t, tables.filter((x) => x === t).length])),
    });
    expect(tables.filter((t) => t === 'orgs')).toHaveLength(4);
    expect(tables.filter((t) => t === 'people')).toHaveLength(3);
    // Nothing secret: no invites, no codes, no settings; identities hold who and where only.
    expect(first).not.toContain(built.unused);
    expect(first).not.toContain(env.LINK_SECRET);
    expect(first).not.toContain(env.ADMIN_TOKEN);
    for (const l of lines.filter((x) => x.table === 'identities'))
      expect(Object.keys(l.row)).toEqual(['platform', 'user_id', 'person_id', 'chat_id', 'created_at']);
    // JSON columns are JSON, not JSON in a string.
    expect(lines.find((l) => l.table === 'reports').row.answers.report.formVersion).toBe('2021');

    await wipe();
    expect(await exportAll()).toBe(EMPTY_EXPORT);
    const res = await importText(first);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: lines.at(-1).end });
    expect(await exportAll()).toBe(first);
    expect((await derived()).results).toEqual(keptBefore);

    // Read back through the normal API: the same reports, revisions and snapshots.
    expect(await Promise.all(keys.map(([o, y]) => getReport(o, y)))).toEqual(reports);
    expect(await Promise.all(keys.map(([o, y]) => adminGet(`/reports/${o}/${y}/revisions`)))).toEqual(
      revisions,
    );
    expect(
      await Promise.all([1, 2, 3, 4, 5, 6].map((v) => adminGet(`/reports/${built.甲}/2025/revisions/${v}`))),
    ).toEqual(snapshots);
    // The supervisor's signed dashboard link still opens their county, with the return in it.
    const page = await (await call(`${built.dashboard}/body/${built.甲}?year=2025`)).text();
    expect(page).toContain('已退回');
    expect(page).toContain('请补充整改措施。');
    // The official goes on in the same chat, on the same draft.
    const before = await getReport(built.乙, 2025);
    await built.two.say('/fill 2025');
    await built.two.say('另有 3 条');
    const after = await getReport(built.乙, 2025);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.report.s1.proactive).toBe(before.report.s1.proactive);
    // New rows take new ids.
    const res2 = await call('/api/admin/orgs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...ADMIN },
      body: JSON.stringify({ name: '新县', kind: 'county' }),
    });
    expect(((await res2.json()) as { id: number }).id).toBeGreaterThan(built.丙);

    // A second import finds the database in use.
    const again = await importText(first);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe(
      ADMIN_COPY.notEmpty([
        'orgs',
        'people',
        'identities',
        'reports',
        'revisions',
        'finding_verdicts',
        'chat_sessions',
      ]),
    );
  }, 60_000);

  it('names the bad line and writes nothing', async () => {
    await wipe();
    await buildCounty();
    const good = await exportAll();
    await wipe();
    const lines = good.trimEnd().split('\n');
    const replace = (i: number, text: string) => {
      const out = [...lines];
      out[i] = text;
      return `${out.join('\n')}\n`;
    };
    const edit = (i: number, f: (l: any) => unknown) => replace(i, JSON.stringify(f(JSON.parse(lines[i]!))));
    const find = (table: string, n = 0) =>
      lines.map((l, i) => [JSON.parse(l).table, i] as const).filter(([t]) => t === table)[n]![1];
    const org = find('orgs', 1);
    const person = find('people');
    const identity = find('identities');
    const report = find('reports');
    const revision = find('revisions');
    const end = lines.length - 1;
    const cases: [string, string, number, string][] = [
      ['not JSON', replace(org, '{"table": "orgs", '), org, ADMIN_COPY.lineNotJson],
      ['a wrong shape', edit(org, (l) => ({ ...l, extra: 1 })), org, ADMIN_COPY.lineShape],
      [
        'an unknown table',
        edit(org, (l) => ({ ...l, table: 'invites' })),
        org,
        ADMIN_COPY.unknownTable('invites', TABLES),
      ],
      [
        'a missing field',
        edit(person, ({ table, row: { role: _, ...row } }) => ({ table, row })),
        person,
        ADMIN_COPY.missingField('role'),
      ],
      [
        'a field no export has',
        edit(identity, (l) => ({ ...l, row: { ...l.row, secret: 'x' } })),
        identity,
        ADMIN_COPY.extraField('secret'),
      ],
      [
        'a field inherited by every object',
        edit(identity, (l) => ({ ...l, row: { ...l.row, toString: 'x' } })),
        identity,
        ADMIN_COPY.extraField('toString'),
      ],
      [
        'a kind outside the list',
        edit(org, (l) => ({ ...l, row: { ...l.row, kind: 'village' } })),
        org,
        ADMIN_COPY.field(
          'kind',
          ADMIN_COPY.oneOf(['province', 'city', 'county', 'township', 'subdistrict', 'department']),
        ),
      ],
      [
        'a reference to a body not in the file',
        edit(person, (l) => ({ ...l, row: { ...l.row, org_id: 987654 } })),
        person,
        ADMIN_COPY.missingRef('org_id', 987654),
      ],
      [
        'a path that does not follow the tree',
        edit(org, (l) => ({ ...l, row: { ...l.row, path: '/1/' } })),
        org,
        ADMIN_COPY.orgPath(`${JSON.parse(lines[find('orgs')]!).row.path}${JSON.parse(lines[org]!).row.id}/`),
      ],
      [
        'a draft of an unknown format',
        edit(report, (l) => ({
          ...l,
          row: {
            ...l.row,
            answers: { ...l.row.answers, report: { ...l.row.answers.report, formVersion: '1999' } },
          },
        })),
        report,
        ADMIN_COPY.field('answers.report.formVersion', ADMIN_COPY.formVersion(['2021'])),
      ],
      [
        'a figure that is not one',
        edit(report, (l) => ({
          ...l,
          row: {
            ...l.row,
            answers: { ...l.row.answers, report: { ...l.row.answers.report, s2: { licensing: -1 } } },
          },
        })),
        report,
        ADMIN_COPY.field('answers.report.s2.licensing', ADMIN_COPY.cell),
      ],
      [
        'a revision past its report',
        edit(revision, (l) => ({ ...l, row: { ...l.row, version: 99 } })),
        revision,
        ADMIN_COPY.revisionAhead(2),
      ],
      ['a second end line', `${lines.join('\n')}\n${lines[end]}\n`, end + 1, ADMIN_COPY.afterEnd],
      [
        'a count the end line does not match',
        edit(end, (l) => ({ end: { ...l.end, people: 1 } })),
        end,
        ADMIN_COPY.endCounts('people', 1, 3),
      ],
      ['no end line (cut short)', `${lines.slice(0, -1).join('\n')}\n`, end, ADMIN_COPY.noEnd],
    ];
    for (const [what, body, index, message] of cases) {
      const res = await importText(body);
      const json = (await res.json()) as { error: string; messages: string[] };
      expect([what, res.status, json.messages?.[0]]).toEqual([
        what,
        400,
        ADMIN_COPY.line(index + 1, message),
      ]);
      expect(json.error).toBe(ADMIN_COPY.importInvalid(json.messages.length));
      expect(await rowCounts()).toEqual([0, 0, 0, 0, 0, 0]);
    }
    const counted = JSON.parse(lines[end]!);
    counted.end.orgs++;
    const duplicated = await importText(
      `${[lines[0], ...lines.slice(0, -1), JSON.stringify(counted)].join('\n')}\n`,
    );
    expect(((await duplicated.json()) as { messages: string[] }).messages[0]).toMatch(
      /^第 2 行：orgs 中 id = \d+ 的一行 与第 1 行重复$/,
    );
    const bytes = new TextEncoder().encode(good);
    const broken = new Uint8Array([...bytes.slice(0, 40), 0xff, 0xfe, ...bytes.slice(40)]);
    const utf8 = await importText(broken);
    expect([utf8.status, await utf8.json()]).toEqual([400, { error: ADMIN_COPY.notUtf8 }]);
    expect(await rowCounts()).toEqual([0, 0, 0, 0, 0, 0]);
    // The untouched file goes in.
    expect((await importText(good)).status).toBe(201);
    expect(await exportAll()).toBe(good);
  }, 60_000);

  it('answers any edit of a line with 201 (and then exports it back) or 400 with nothing written', async () => {
    await wipe();
    await buildCounty();
    const good = await exportAll();
    const lines = good.trimEnd().split('\n');
    await wipe();
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), text: fc.string({ maxLength: 30 }) }),
      fc.record({
        kind: fc.constant('field' as const),
        at: fc.nat(),
        key: fc.nat(),
        value: fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.integer(),
          fc.constantFrom(null, '', 'draft', 'county', 2025, '2025-01-01T00:00:00.000Z', '/1/'),
        ),
      }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), key: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const out = [...lines];
        const i = m.at % out.length;
        if (m.kind === 'drop') out.splice(i, 1);
        else if (m.kind === 'duplicate') out.splice(i, 0, out[i]!);
        else if (m.kind === 'garble') out[i] = m.text;
        else {
          const line = JSON.parse(out[i]!);
          const target = line.row ?? line.end;
          const key = Object.keys(target)[m.key % Object.keys(target).length]!;
          if (m.kind === 'field') target[key] = m.value;
          else delete target[key];
          out[i] = JSON.stringify(line);
        }
        const body = `${out.join('\n')}\n`;
        const res = await importText(body);
        if (res.status === 201) {
          // Whatever was accepted is kept exactly, and comes back out as it went in (in id order).
          const back = (await exportAll()).trimEnd().split('\n');
          expect(back.sort()).toEqual(out.filter((l) => l.trim() !== '').sort());
          await wipe();
          return;
        }
        expect(res.status).toBe(400);
        const json = (await res.json()) as { messages: string[] };
        for (const message of json.messages) expect(message).toMatch(/^第 \d+ 行：/);
        expect(await rowCounts()).toEqual([0, 0, 0, 0, 0, 0]);
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('exports and imports a large county a page at a time, within the query budget', async () => {
    await wipe();
    const c = await county([]);
    const towns = 3000;
    const snapshot = JSON.stringify({ ...example, year: 2025 });
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO orgs (name, kind, parent_id, path) SELECT '大县第' || i || '镇', 'township', ?1, '' FROM n`,
      ).bind(c.countyId, towns),
      env.DB.prepare(
        `UPDATE orgs SET path = (SELECT path FROM orgs WHERE id = ?1) || id || '/' WHERE parent_id = ?1`,
      ).bind(c.countyId),
      env.DB.prepare(
        `INSERT INTO reports (org_id, year, status, answers, version)
         SELECT id, 2025, 'draft', json_object('report', json_object('formVersion', '2021',
           'org', json_object('name', name, 'kind', 'township'), 'year', 2025,
           's5', replace(hex(zeroblob(1000)), '00', 'xx')), 'flow', json_object()), 4
         FROM orgs WHERE parent_id = ?1`,
      ).bind(c.countyId),
      env.DB.prepare(
        `WITH RECURSIVE v(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM v WHERE k < 4)
         INSERT INTO revisions (report_id, version, action, channel, changes, snapshot)
         SELECT r.id, v.k, CASE v.k WHEN 4 THEN 'submit' ELSE 'edit' END, 'web',
           json_object('s5', json_array(NULL, '改')),
           CASE WHEN v.k = 4 AND r.id % 3 = 0 THEN ?2 END
         FROM reports r, v`,
      ).bind(c.countyId, snapshot),
    ]);
    const counts = await rowCounts();
    expect(counts).toEqual([towns + 1, 0, 0, towns, towns * 4, 0]);

    const { db, counter } = countingDb(env.DB);
    const first = await exportAll({ DB: db });
    expect(first.length).toBeGreaterThan(10_000_000);
    expect(first.length).toBeLessThan(18_000_000);
    const lines = first.trimEnd().split('\n');
    expect(lines).toHaveLength(towns + 1 + towns + towns * 4 + 1);
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      end: {
        orgs: towns + 1,
        people: 0,
        identities: 0,
        reports: towns,
        revisions: towns * 4,
        finding_verdicts: 0,
      },
    });
    // Pages of at most 5,000 rows or ~4 MB: a handful of queries, far from the 1,000 allowed.
    expect(counter.queries).toBeLessThanOrEqual(14);

    await wipe();
    const res = await importText(first);
    expect(res.status).toBe(201);
    expect(await rowCounts()).toEqual(counts);
    expect(await exportAll()).toBe(first);

    // A write failing half-way is taken back: the database is left empty, never half-restored.
    await wipe();
    let batches = 0;
    const failing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch')
          return (stmts: D1PreparedStatement[]) => {
            if (++batches === 2) return Promise.reject(new Error('D1_ERROR: network connection lost'));
            return target.batch(stmts);
          };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = await importText(first, { DB: failing });
    expect(logged).toHaveBeenCalledWith('import failed', expect.any(Error));
    logged.mockRestore();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: ADMIN_COPY.importFailed });
    expect(batches).toBe(3); // the first batch, the one that failed, and the undoing
    expect(await rowCounts()).toEqual([0, 0, 0, 0, 0, 0]);
  }, 120_000);
});

describe('the export on the free plan', () => {
  it('stays within 50 queries for a small county', async () => {
    await wipe();
    await buildCounty();
    const { db, counter } = countingDb(env.DB);
    const text = await exportAll({ DB: db, FREE_PLAN: '1' });
    expect(JSON.parse(text.trimEnd().split('\n').at(-1)!)).toHaveProperty('end');
    expect(counter.queries).toBeLessThanOrEqual(TABLES.length);
  }, 60_000);
});
