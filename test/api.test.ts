// The public API through the Worker: check, compile, health, and every way a request can be wrong.
import { describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { call, postJson } from './worker';
import { API_COPY } from '../src/http/copy';
import { setCell, type Report } from '../forms/model';
import { fillTotals } from '../src/engine/compute';
import { FORM_2021 as F } from '../forms/report-2021';

const report = (): Report => structuredClone(example) as Report;

describe('GET /healthz', () => {
  it('answers', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, core: [], optional: [], formVersion: '2021' });
  });
});

describe('POST /api/check', () => {
  it('finds no error in the published example, and the warnings a supervisor would raise', async () => {
    const res = await postJson('/api/check', report());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors: unknown[]; warnings: { rule: number }[] };
    expect(body.errors).toEqual([]);
    expect(body.warnings.map((w) => w.rule)).toEqual([9, 9]);
  });

  it('reports a broken balance with cells, figures and a sentence', async () => {
    const r = report();
    for (const [path, v] of Object.entries({
      's3.new[0]': 3,
      's3.carriedOver[0]': 1,
      's3.granted[0]': 2,
      's3.carryForward[0]': 1,
    })) {
      setCell(r, F.cellByPath.get(path)!, v);
    }
    fillTotals(F, r);
    const body = (await (await postJson('/api/check', r)).json()) as { errors: Record<string, unknown>[] };
    expect(body.errors[0]).toEqual({
      rule: 3,
      severity: 'error',
      cells: ['s3.new[0]', 's3.carriedOver[0]', 's3.total[0]', 's3.carryForward[0]'],
      expected: 4,
      actual: 3,
      message: '自然人列：新收 3 + 上年结转 1 = 4，但办理结果合计 2（予以公开 2） + 结转下年度 1 = 3，相差 1',
    });
  });

  it('takes last year’s report as { report, previous } and warns where the years do not follow', async () => {
    const previous = report();
    previous.year = 2022;
    previous.s3.carryForward = [2, 0, 0, 0, 0, 0, 2];
    const body = (await (await postJson('/api/check', { report: report(), previous })).json()) as {
      warnings: { rule: number; cells: string[] }[];
    };
    expect(body.warnings.filter((w) => w.rule === 6).map((w) => w.cells)).toEqual([
      ['s3.carriedOver[0]'],
      ['s3.carriedOver[6]'],
    ]);
    // Every text is the same as last year's: rule 9 flags them as copied.
    expect(body.warnings.filter((w) => w.rule === 9)).toHaveLength(7);
  });

  it('rejects a malformed report with 400 and the issues by path', async () => {
    const r = report() as any;
    r.s3.granted[2] = -1;
    const res = await postJson('/api/check', r);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: API_COPY.invalidReport,
      issues: [{ path: 's3.granted[2]', message: '应为非负整数' }],
      messages: ['s3.granted[2]: 应为非负整数'],
    });
  });

  it('names the wrapped part that is wrong', async () => {
    const previous = report() as any;
    previous.year = 2022;
    delete previous.s5;
    const res = await postJson('/api/check', { report: report(), previous });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { messages: string[] }).messages).toEqual(['previous.s5: 缺少此项']);
    const later = report();
    later.year = 2024;
    const res2 = await postJson('/api/check', { report: report(), previous: later });
    expect(((await res2.json()) as { messages: string[] }).messages).toEqual([
      `previous.year: ${API_COPY.previousYear(2023)}`,
    ]);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await postJson('/api/check', '{"formVersion": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: API_COPY.notJson });
  });

  it('rejects a body over 1 MB with 413, and takes the largest report the format allows', async () => {
    const r = report();
    r.s5 = '很'.repeat(360_000); // 1.08 MB of UTF-8
    const res = await postJson('/api/check', r);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: API_COPY.tooLarge(1024) });
    // Every text at its limit, this year's and last year's: 840 KB of UTF-8.
    const full = report();
    for (const part of Object.keys(full.s1) as (keyof typeof full.s1)[]) full.s1[part] = '很'.repeat(20_000);
    full.s5 = full.s6 = '很'.repeat(20_000);
    const previous = { ...structuredClone(full), year: full.year - 1 };
    expect((await postJson('/api/check', { report: full, previous })).status).toBe(200);
  });
});

describe('POST /api/compile', () => {
  it.each([
    ['text', 'text/plain; charset=utf-8', '汤阴县白营镇政府2023年政府信息公开工作年度报告\n'],
    ['html', 'text/html; charset=utf-8', '<!DOCTYPE html>'],
    ['json', 'application/json; charset=utf-8', '{\n  "formVersion": "2021"'],
  ])('compiles to %s with the right content type', async (format, type, start) => {
    const res = await postJson(`/api/compile?format=${format}`, report());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect((await res.text()).startsWith(start)).toBe(true);
  });

  it('returns the normalised report.json, equal to what was sent', async () => {
    const res = await postJson('/api/compile?format=json', report());
    expect(await res.json()).toEqual(example);
  });

  it('refuses an unknown format and a malformed report', async () => {
    const res = await postJson('/api/compile?format=pdf', report());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: API_COPY.badFormat(['html', 'text', 'json', 'docx']) });
    const bad = await postJson('/api/compile?format=text', { formVersion: '2021' });
    expect(bad.status).toBe(400);
    expect((await bad.json()) as { messages: string[] }).toMatchObject({
      messages: expect.arrayContaining(['org: 缺少此项']),
    });
  });
});

describe('anything else', () => {
  it('answers 404 in Chinese, as JSON', async () => {
    const res = await call('/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: API_COPY.notFound });
  });
});
