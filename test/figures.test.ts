// Compact rows of figures (src/engine/figures.ts): the CSV export and the roll-up read them instead of
// every snapshot, and give the same answers as reading the snapshots — also for reports kept before
// compact rows existed (figures NULL), which are still read from their JSON.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { county, invite, putReport } from './helpers/admin';
import { countingDb } from './helpers/count-db';
import { consistentReport } from './gen';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call } from './worker';
import { getCell, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { formatAmount } from '../src/engine/numbers';
import { FORMS } from '../forms';
import { exportLines, exportRows } from '../src/db/supervision';
import { csvStream, CSV_PAGE, lineOf } from '../src/services/csv';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 52000;

async function supervisedWith(reports: Report[]) {
  const names = reports.map((_, i) => `第${i + 1}镇`);
  const c = await county(names);
  for (const [i, r] of reports.entries()) {
    const res = await putReport(c.ids[names[i]!]!, 2025, {
      ...r,
      org: { name: `${names[i]}${c.tag}`, kind: 'township' },
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
  const supervisor = new Person(++nextUser, fake);
  await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
  const [m] = await supervisor.say('/dashboard');
  const path = m!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
  return { ...c, path };
}

/** Forgets the compact rows of some reports, as a database from before migration 0006 holds them. */
async function forgetFigures(orgIds: number[]) {
  await env.DB.prepare(
    'UPDATE reports SET figures = NULL, figures_version = NULL WHERE org_id IN (SELECT value FROM json_each(?1))',
  )
    .bind(JSON.stringify(orgIds))
    .run();
}

const reports = fc.sample(consistentReport, { numRuns: 12, seed: 2025 });

it('sums the same roll-up from compact rows as from the snapshots, cell by cell', async () => {
  const c = await supervisedWith(reports);
  const rollup = async () => (await (await call(`${c.path}/rollup?year=2025&format=json`)).json()) as Report;
  const compact = await rollup();
  for (const cell of F.cells) {
    const expected = reports.reduce((s, r) => s + (getCell(r, cell) ?? 0), 0);
    const want = cell.kind === 'amount' ? Number(formatAmount(expected)) : expected;
    expect(getCell(compact, cell), cell.path).toBe(want);
  }
  // Half of them as an older release left them: the same sums, read from their snapshots.
  await forgetFigures(Object.values(c.ids).filter((_, i) => i % 2 === 0));
  expect(await rollup()).toEqual(compact);
});

it('writes the same CSV from compact rows as from the JSON, a page at a time', async () => {
  const c = await supervisedWith(reports.slice(0, 5));
  const csv = async () => (await (await call(`${c.path}/export.csv?year=2025`)).text()).split('\r\n');
  const compact = await csv();
  const header = compact[0]!.replace('\ufeff', '').split(',');
  // Each body's row holds its report's figures under the cell ids.
  for (const [i, r] of reports.slice(0, 5).entries()) {
    const line = compact.find((l) => l.includes(`第${i + 1}镇${c.tag}`))!.split(',');
    for (const cell of F.cells)
      expect(Number(line[header.indexOf(cell.path)]), cell.path).toBe(getCell(r, cell));
  }
  await forgetFigures(Object.values(c.ids));
  expect(await csv()).toEqual(compact);
});

it('writes in SQLite the line the Worker writes, for any name, status and figures', async () => {
  const c = await county([]);
  const { path } = (await env.DB.prepare('SELECT path FROM orgs WHERE id = ?1')
    .bind(c.countyId)
    .first<{ path: string }>())!;
  const blank = ','.repeat(F.cells.length - 1);
  let parents = 0;
  // What a spreadsheet or a CSV reader trips on, and what names are made of.
  const nameChar = fc.oneof(
    fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      "'",
      ' ',
      '镇',
      '（',
      '·',
      '/',
      '\u0000',
      '😀',
      '\u2028',
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
  );
  const figure = fc.oneof(
    fc.nat({ max: 100_000 }),
    fc.integer({ min: 0, max: 10_000_000 }).map((x) => x / 100),
    fc.constant(null),
    fc.constant('/'),
  );
  const report = fc.option(
    fc.record({
      status: fc.constantFrom('draft', 'submitted', 'returned'),
      version: fc.integer({ min: 1, max: 99 }),
      updatedAt: fc.date({ min: new Date(2020, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: true }),
      figures: fc.array(figure, { minLength: F.cells.length, maxLength: F.cells.length }),
    }),
  );
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: nameChar, minLength: 1, maxLength: 12 }), report, async (name, r) => {
      // A parent of its own for each case, so the export under it holds this one body.
      const add = async (orgName: string, kind: string, parentId: number, parentPath: string) => {
        const org = await env.DB.prepare(
          "INSERT INTO orgs (name, kind, parent_id, path) VALUES (?1, ?2, ?3, '') RETURNING id",
        )
          .bind(orgName, kind, parentId)
          .first<{ id: number }>();
        const orgPath = `${parentPath}${org!.id}/`;
        await env.DB.prepare('UPDATE orgs SET path = ?2 WHERE id = ?1').bind(org!.id, orgPath).run();
        return { id: org!.id, path: orgPath };
      };
      const parent = await add(`上级${++parents}`, 'county', c.countyId, path);
      const body = await add(name, 'township', parent.id, parent.path);
      if (r)
        await env.DB.prepare(
          `INSERT INTO reports (org_id, year, status, answers, version, updated_at, figures, figures_version)
           VALUES (?1, 2025, ?2, '{}', ?3, ?4, ?5, ?6)`,
        )
          .bind(body.id, r.status, r.version, r.updatedAt.toISOString(), JSON.stringify(r.figures), F.version)
          .run();
      const lines = await exportLines(env.DB, parent.path, 2025, '', 10, F.version, blank);
      expect(lines.map((l) => l.path)).toEqual([body.path]);
      const [row] = await exportRows(env.DB, 2025, [body.id]);
      expect(lines[0]!.line).toBe(lineOf(row!, F, FORMS));
    }),
    { numRuns: 150 },
  );
});

it('streams a large subtree in pages, no D1 result holding more than one page', async () => {
  const c = await county([]);
  const parent = await env.DB.prepare('SELECT path FROM orgs WHERE id = ?1')
    .bind(c.countyId)
    .first<{ path: string }>();
  const bodies = CSV_PAGE * 2 + 17;
  await env.DB.batch([
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO orgs (name, kind, parent_id, path) SELECT '分页第' || i || '镇', 'township', ?1, '' FROM n`,
    ).bind(c.countyId, bodies),
    env.DB.prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE parent_id = ?1").bind(
      c.countyId,
      parent!.path,
    ),
  ]);
  const { db, counter } = countingDb(env.DB);
  const text = await new Response(csvStream(db, parent!.path, 2025)).text();
  const lines = text.split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(bodies + 1);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(bodies);
  expect(counter.queries).toBe(3);
  expect(counter.rowsRead).toBeLessThan(bodies * 3);
});
