// The cron expressions of `npm run serve`, read as Cloudflare reads them: UTC, weekdays 1–7 from Sunday.
import { describe, expect, it } from 'vitest';
import { cronsToRun, nextRun, parseCron } from '../../scripts/cron.mjs';

const next = (expr: string, after: string) => nextRun(parseCron(expr), new Date(after))?.toISOString();

describe('cron expressions', () => {
  it("fires wrangler.toml's reminders at 01:00 and 07:00 UTC (09:00 and 15:00 in China)", () => {
    expect(next('0 1,7 * * *', '2026-11-29T15:40:00Z')).toBe('2026-11-30T01:00:00.000Z');
    expect(next('0 1,7 * * *', '2026-11-30T01:00:00Z')).toBe('2026-11-30T07:00:00.000Z');
  });

  it('reads lists, ranges, steps and names', () => {
    expect(next('* * * * *', '2026-11-29T15:40:30Z')).toBe('2026-11-29T15:41:00.000Z');
    expect(next('*/15 * * * *', '2026-11-28T00:07:00Z')).toBe('2026-11-28T00:15:00.000Z');
    expect(next('0-30/10 9 * * *', '2026-11-28T09:21:00Z')).toBe('2026-11-28T09:30:00.000Z');
    expect(next('0 0 1 jan,jul *', '2026-02-01T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z');
    expect(next('0 0 L * *', '2026-02-01T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
  });

  it('numbers weekdays from Sunday = 1, as Cloudflare does', () => {
    // 2026-11-28 is a Saturday.
    expect(next('0 17 * * 1', '2026-11-28T00:00:00Z')).toBe('2026-11-29T17:00:00.000Z');
    expect(next('0 17 * * sun', '2026-11-28T00:00:00Z')).toBe('2026-11-29T17:00:00.000Z');
    expect(next('10 7 * * mon-fri', '2026-11-28T00:00:00Z')).toBe('2026-11-30T07:10:00.000Z');
    expect(next('10 7 * * 2-6', '2026-11-28T00:00:00Z')).toBe('2026-11-30T07:10:00.000Z');
  });

  it('runs on either day when both day fields are given, as every cron does', () => {
    // The 15th, or any Monday: after Monday 16 November, Monday 23 November comes first.
    expect(next('0 0 15 * 2', '2026-11-16T00:00:00Z')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('refuses what it cannot run, naming the expression and the field', () => {
    expect(() => parseCron('* * * *')).toThrow('needs five fields');
    expect(() => parseCron('0 0 * * 0')).toThrow('weekday "0" is not 1–7 or SUN–SAT');
    expect(() => parseCron('61 * * * *')).toThrow('minute "61" is not 0–59');
    expect(() => parseCron('0 0 * * MON#2')).toThrow('not supported by serve');
    expect(() => parseCron('5-1 * * * *')).toThrow('runs backwards');
    expect(() => parseCron('*/0 * * * *')).toThrow('must be at least 1');
    expect(next('0 0 31 2 *', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('takes CRONS (separated by ";") over the crons of wrangler.toml', () => {
    expect(cronsToRun(['0 1,7 * * *'], undefined).map((c) => c.expr)).toEqual(['0 1,7 * * *']);
    expect(cronsToRun(['0 1,7 * * *'], '').map((c) => c.expr)).toEqual(['0 1,7 * * *']);
    expect(cronsToRun(['0 1,7 * * *'], ' * * * * * ; */5 * * * *').map((c) => c.expr)).toEqual([
      '* * * * *',
      '*/5 * * * *',
    ]);
  });
});
