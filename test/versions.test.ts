// Reports are kept for years while the national format changes now and then: with a second, changed
// version of the format registered (test/fixtures/forms/report-2099.ts), reports written in 2021's
// format are still read, checked, rendered and rolled up with their own version.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import { FORM_2099 } from './fixtures/forms/report-2099';
import { consistentReportOf } from './gen';
import { county, putReport } from './helpers/admin';
import { registry } from '../forms';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 } from '../forms/report-2021';
import { checkReport } from '../src/engine/check';
import { renderDocx } from '../src/report/docx';
import { renderHtml } from '../src/report/html';
import { renderText } from '../src/report/text';
import { parseReport } from '../src/report/schema';
import { rollup } from '../src/services/rollup';
import fc from 'fast-check';

const forms = registry([FORM_2021, FORM_2099]);

describe('a second version of the format', () => {
  it('is the newest, used for the years it applies to, and leaves 2021 for the years before', () => {
    expect(forms.current.version).toBe('2099');
    expect(forms.forYear(2026).version).toBe('2021');
    expect(forms.forYear(2027).version).toBe('2099');
    expect(FORM_2099.s3Index.results).toHaveLength(FORM_2021.s3Index.results.length + 1);
  });

  it('reads a 2021 report with the 2021 definition, and refuses it as a 2099 one', () => {
    const parsed = parseReport(example, forms);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.form.version).toBe('2021');
    // The same figures claimed as 2099 lack the new row: the 2099 schema says so.
    const claimed = parseReport({ ...example, formVersion: '2099' }, forms);
    expect(claimed.ok).toBe(false);
    if (!claimed.ok) expect(claimed.issues).toContainEqual({ path: 's3.other4', message: '缺少此项' });
  });

  it('checks and renders a 2021 report exactly as before, and a 2099 report with its new row', async () => {
    const parsed = parseReport(example, forms);
    if (!parsed.ok) throw new Error('unreadable');
    const before = renderText(FORM_2021, example as Report);
    expect(renderText(parsed.form, parsed.report)).toBe(before);
    expect(before).not.toContain('主动撤回');
    expect(renderHtml(parsed.form, parsed.report)).toContain('rowspan="22">三、本年度办理结果');
    expect(checkReport(parsed.form, parsed.report).errors).toEqual([]);

    const later = emptyReport(FORM_2099, { name: '某镇人民政府' }, 2027);
    later.s1.proactive = '文字';
    const text = renderText(FORM_2099, later);
    expect(text).toContain('4.申请人主动撤回申请');
    expect(renderHtml(FORM_2099, later)).toContain('rowspan="23">三、本年度办理结果');
    expect(parseReport(JSON.parse(JSON.stringify(later)), forms).ok).toBe(true);
    const docx = await renderDocx(FORM_2099, later);
    expect(docx.byteLength).toBeGreaterThan(5000);
  });

  it('sums rows by their place: a 2099 report adds up under its own rules', () => {
    fc.assert(
      fc.property(consistentReportOf(FORM_2099), (r) => {
        expect(checkReport(FORM_2099, r).errors).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('rolls up stored 2021 snapshots, whichever version is the newest', async () => {
    const { countyId, ids } = await county(['甲镇', '乙镇']);
    const one = (name: string, n: number) => {
      const r = structuredClone(example) as Report;
      r.org.name = name;
      r.year = 2023;
      r.s3.new[0] = n;
      r.s3.granted[0] = n;
      r.s3.new[6] = n;
      r.s3.granted[6] = n;
      r.s3.total[0] = n;
      r.s3.total[6] = n;
      return r;
    };
    expect((await putReport(ids['甲镇']!, 2023, one('甲镇', 2))).status).toBe(200);
    expect((await putReport(ids['乙镇']!, 2023, one('乙镇', 3))).status).toBe(200);
    const path = `/${countyId}/`;
    const sum = await rollup(env.DB, { name: '测试县', path }, 2023, { forms });
    expect(sum.unreadable).toEqual([]);
    expect(sum.included).toHaveLength(2);
    expect(sum.form.version).toBe('2021');
    expect(sum.report.s3.granted[6]).toBe(5);
    expect(checkReport(sum.form, sum.report).errors).toEqual([]);
  });
});
