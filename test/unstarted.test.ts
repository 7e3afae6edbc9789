// 「未开始」 on the dashboard: the bodies without a report for the year, read as an index range of
// kept rows (migration 0010), not by walking the subtree for an absence — and always the same bodies
// the walk would find, through new bodies, new reports, removed reports and bodies added later.
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { statusPage } from '../src/db/status';
import worker from '../src/index';
import { county } from './helpers/admin';
import { countingDb } from './helpers/count-db';

/** The not-started bodies under a path as the walk finds them: the truth the kept rows must equal. */
async function walked(path: string, year: number): Promise<number[]> {
  const { results } = await env.DB.prepare(
    `SELECT o.id FROM orgs o WHERE o.path > ?1 AND o.path < ?1 || '~'
       AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.org_id = o.id AND r.year = ?2) ORDER BY o.path`,
  )
    .bind(path, year)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

async function shown(path: string, year: number): Promise<number[]> {
  const page = await statusPage(env.DB, path, year, { sort: 'status', status: 'none', limit: 100_000 });
  return page.rows.map((r) => r.orgId);
}

const pathOf = async (id: number) =>
  (await env.DB.prepare('SELECT path FROM orgs WHERE id = ?1').bind(id).first<{ path: string }>())!.path;

const startReport = (orgId: number, year: number) =>
  env.DB.prepare(
    `INSERT INTO reports (org_id, year, status, answers, progress_done, progress_total)
     VALUES (?1, ?2, 'draft', '{}', 0, 16)`,
  )
    .bind(orgId, year)
    .run();

describe('「未开始」', () => {
  it('reads a page of the not-started, not the subtree, even when they come last in the tree', async () => {
    const { countyId } = await county([]);
    const path = await pathOf(countyId);
    // 3,000 bodies; every one but the last 40 has started.
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO orgs (name, kind, parent_id, path) SELECT '迟镇' || i, 'township', ?1, '' FROM n`,
      ).bind(countyId),
      env.DB.prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE parent_id = ?1").bind(countyId, path),
      env.DB.prepare(
        `INSERT INTO reports (org_id, year, status, answers, progress_done, progress_total)
         SELECT id, 2031, 'draft', '{}', 1, 16 FROM orgs WHERE parent_id = ?1
         ORDER BY path LIMIT 2960`,
      ).bind(countyId),
    ]);
    // The first look at the year keeps its not-started bodies; they are the walk's.
    expect(await shown(path, 2031)).toEqual(await walked(path, 2031));
    expect((await walked(path, 2031)).length).toBe(40);

    const { db, counter } = countingDb(env.DB);
    const page = await statusPage(db, path, 2031, { sort: 'status', status: 'none', limit: 20 });
    expect(page.rows).toHaveLength(20);
    expect(page.counts.none).toBe(40);
    // The kept counts and 20 rows (each a kept row and its body), not 3,000 bodies walked.
    expect(counter.rowsRead).toBeLessThan(200);
  });

  it('stays the walk’s through new bodies, started, removed and restarted reports', async () => {
    const { countyId, ids } = await county(['一镇', '二镇', '三镇']);
    const path = await pathOf(countyId);
    await startReport(ids['一镇']!, 2032);
    expect(await shown(path, 2032)).toEqual([ids['二镇'], ids['三镇']]);

    // A body added after the year was kept waits too (its path is set just after it is made).
    const res = await env.DB.prepare(
      `INSERT INTO orgs (name, kind, parent_id, path) VALUES ('四镇' || ?2, 'township', ?1, '') RETURNING id`,
    )
      .bind(countyId, Date.now())
      .first<{ id: number }>();
    await env.DB.prepare("UPDATE orgs SET path = ?2 || id || '/' WHERE id = ?1").bind(res!.id, path).run();
    expect(await shown(path, 2032)).toEqual(await walked(path, 2032));
    expect(await shown(path, 2032)).toContain(res!.id);

    // Started: gone; the report removed: back; started again: gone.
    await startReport(ids['二镇']!, 2032);
    expect(await shown(path, 2032)).toEqual(await walked(path, 2032));
    expect(await shown(path, 2032)).not.toContain(ids['二镇']);
    await env.DB.prepare('DELETE FROM reports WHERE org_id = ?1 AND year = 2032').bind(ids['二镇']!).run();
    expect(await shown(path, 2032)).toEqual(await walked(path, 2032));
    expect(await shown(path, 2032)).toContain(ids['二镇']);
    await startReport(ids['二镇']!, 2032);
    expect(await shown(path, 2032)).toEqual(await walked(path, 2032));

    // Another year is its own: nobody has started it.
    expect(await shown(path, 2033)).toEqual(await walked(path, 2033));
    expect((await shown(path, 2033)).length).toBe(4);
  });

  it('is kept for the reporting year by the cron, before any supervisor looks', async () => {
    const { countyId } = await county(['早镇', '晚镇']);
    const path = await pathOf(countyId);
    const keptYears = async () =>
      (
        await env.DB.prepare('SELECT year FROM unstarted_years ORDER BY year').all<{ year: number }>()
      ).results.map((r) => r.year);
    const cron = async (at: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled!(
        createScheduledController({ scheduledTime: Date.parse(at), cron: env.SWEEP_CRON }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
    };
    expect(await keptYears()).not.toContain(2034);
    // 1 December 2034, China time: the 2034 reports are due on 31 January.
    await cron('2034-12-01T02:00:00Z');
    expect(await keptYears()).toContain(2034);
    const kept = await env.DB.prepare(
      "SELECT org_id FROM unstarted WHERE year = 2034 AND org_path > ?1 AND org_path < ?1 || '~' ORDER BY org_path",
    )
      .bind(path)
      .all<{ org_id: number }>();
    expect(kept.results.map((r) => r.org_id)).toEqual(await walked(path, 2034));
    expect(kept.results).toHaveLength(2);
    // Later crons find it kept; in January the year is still 2034's season.
    await startReport((await walked(path, 2034))[0]!, 2034);
    await cron('2035-01-10T02:00:00Z');
    expect(await shown(path, 2034)).toEqual(await walked(path, 2034));
    expect(await keptYears()).not.toContain(2035);
  });
});
