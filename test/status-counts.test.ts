// The counts kept per subtree (triggers of migration 0005) always equal the counts read from the whole
// subtree, whatever is created and changed in whatever order; and the status view that reads only the
// page shows exactly the rows the full read shows, in the same order, for every page and filter.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusRows, type StatusKey } from '../src/db/status';

type Op =
  | { kind: 'org'; parent: number }
  | { kind: 'report'; org: number; year: number; status: 'draft' | 'submitted' | 'returned' }
  | { kind: 'status'; report: number; status: 'draft' | 'submitted' | 'returned' }
  | { kind: 'delete'; report: number };

const status = fc.constantFrom('draft' as const, 'submitted' as const, 'returned' as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('org' as const), parent: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      org: fc.nat(),
      year: fc.constantFrom(2024, 2025),
      status,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('status' as const), report: fc.nat(), status }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), report: fc.nat() }) },
);

let tree = 0;

/** Builds a fresh tree under its own root by the operations; answers the root's path and every org. */
async function build(ops: Op[]) {
  const db = env.DB;
  const name = `计数根${++tree}`;
  const root = await db
    .prepare("INSERT INTO orgs (name, kind) VALUES (?1, 'county') RETURNING id")
    .bind(name)
    .first<{ id: number }>();
  await db.prepare("UPDATE orgs SET path = '/' || id || '/' WHERE id = ?1").bind(root!.id).run();
  const orgs: { id: number; path: string }[] = [{ id: root!.id, path: `/${root!.id}/` }];
  const reports: { id: number; version: number }[] = [];
  for (const o of ops) {
    if (o.kind === 'org') {
      const parent = orgs[o.parent % orgs.length]!;
      const row = await db
        .prepare("INSERT INTO orgs (name, kind, parent_id) VALUES (?1, 'township', ?2) RETURNING id")
        .bind(`镇${orgs.length}`, parent.id)
        .first<{ id: number }>();
      const path = `${parent.path}${row!.id}/`;
      await db.prepare('UPDATE orgs SET path = ?2 WHERE id = ?1').bind(row!.id, path).run();
      orgs.push({ id: row!.id, path });
    } else if (o.kind === 'report') {
      const org = orgs[1 + (o.org % Math.max(orgs.length - 1, 1))] ?? orgs[0]!;
      const row = await db
        .prepare(
          `INSERT INTO reports (org_id, year, status, answers) VALUES (?1, ?2, ?3, '{}')
           ON CONFLICT (org_id, year) DO NOTHING RETURNING id`,
        )
        .bind(org.id, o.year, o.status)
        .first<{ id: number }>();
      if (row) reports.push({ id: row.id, version: 1 });
    } else if (reports.length) {
      const i = o.report % reports.length;
      const r = reports[i]!;
      if (o.kind === 'delete') {
        await db.batch([
          db.prepare('DELETE FROM revisions WHERE report_id = ?1').bind(r.id),
          db.prepare('DELETE FROM reports WHERE id = ?1').bind(r.id),
        ]);
        reports.splice(i, 1);
      } else {
        await db
          .prepare('UPDATE reports SET status = ?2, version = ?3 WHERE id = ?1')
          .bind(r.id, o.status, ++r.version)
          .run();
      }
    }
  }
  return orgs;
}

describe('counts kept per subtree', () => {
  it('equal the counts of the whole subtree, and the page read by them equals the full read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.constantFrom<StatusKey | ''>('', 'none', 'draft', 'submitted', 'returned'),
        fc.integer({ min: 1, max: 7 }),
        fc.nat({ max: 12 }),
        async (ops, pick, filter, limit, offset) => {
          const orgs = await build(ops);
          const at = orgs[pick % orgs.length]!;
          for (const year of [2024, 2025]) {
            const q = { status: filter, limit, offset };
            const kept = await statusRows(env.DB, at.path, year, { ...q, sort: 'status' });
            // The full read: every row of the subtree, its counts by window functions.
            const full = await statusRows(env.DB, at.path, year, { status: filter, sort: 'name' });
            const everything = await statusRows(env.DB, at.path, year, { sort: 'name' });
            expect(kept.counts).toEqual({ ...everything.counts, matching: full.rows.length });
            const order = ['none', 'returned', 'draft', 'submitted'];
            const expected = [...full.rows]
              .sort(
                (a, b) =>
                  order.indexOf(a.status) - order.indexOf(b.status) || pathOf(a.orgId) - pathOf(b.orgId),
              )
              .slice(offset, offset + limit);
            expect(kept.rows.map((r) => [r.orgId, r.status])).toEqual(
              expected.map((r) => [r.orgId, r.status]),
            );
          }
          function pathOf(id: number) {
            const p = orgs.find((o) => o.id === id)!.path;
            return orgs
              .map((o) => o.path)
              .sort()
              .indexOf(p);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuse to move a body to another parent (the counts depend on the tree)', async () => {
    const orgs = await build([
      { kind: 'org', parent: 0 },
      { kind: 'org', parent: 0 },
    ]);
    await expect(
      env.DB.prepare('UPDATE orgs SET parent_id = ?2 WHERE id = ?1').bind(orgs[2]!.id, orgs[1]!.id).run(),
    ).rejects.toThrow(/cannot move/);
  });
});
