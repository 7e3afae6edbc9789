// The public JSON API: check a report against the rules, and compile it in any format.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Report } from '../../forms/model';
import { checkReport } from '../engine/check';
import { attachment, compileReport, FORMATS, isFormat } from '../report/compile';
import { reportTitle } from '../report/layout';
import { issueLines, parseReport, type SchemaIssue } from '../report/schema';
import { API_COPY as T } from './copy';
import { pageHeaders } from './headers';
import type { AppEnv } from './types';
import { bodyJson } from '../lib/body';
import { decodeText, DOCX_MIME, docxText } from '../import/docx';
import { importReport } from '../import/read';
import { FORMS } from '../../forms';

/**
 * The largest body the API takes: every report the format allows fits, twice over for /check with
 * last year's (seven texts of 20,000 characters are 420 KB of UTF-8 in the worst case).
 */
const MAX_BODY_BYTES = 1024 * 1024;

export const api = new Hono<AppEnv>();

/** A published report's text, HTML page included, is larger than the report it holds. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const limit = (bytes: number) =>
  bodyLimit({ maxSize: bytes, onError: (c) => c.json({ error: T.tooLarge(bytes / 1024) }, 413) });

api.use('/check', limit(MAX_BODY_BYTES));
api.use('/compile', limit(MAX_BODY_BYTES));
api.use('/import', limit(MAX_IMPORT_BYTES));

function invalid(c: Context, issues: SchemaIssue[]) {
  return c.json({ error: T.invalidReport, issues, messages: issueLines(issues) }, 400);
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await bodyJson(c.req.raw) };
  } catch {
    return { ok: false };
  }
}

const prefixed = (issues: SchemaIssue[], prefix: string) =>
  issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));

api.post('/check', async (c) => {
  const body = await readJson(c);
  if (!body.ok) return c.json({ error: T.notJson }, 400);
  const value = body.value;
  // Either the bare report, or { report, previous } with last year's report.
  const wrapped =
    value !== null && typeof value === 'object' && 'report' in value && !('formVersion' in value);
  const input = wrapped ? (value as { report: unknown }).report : value;
  const parsed = parseReport(input);
  if (!parsed.ok) return invalid(c, wrapped ? prefixed(parsed.issues, 'report') : parsed.issues);

  let previous: Report | undefined;
  const rawPrevious = wrapped ? (value as { previous?: unknown }).previous : undefined;
  if (rawPrevious !== undefined && rawPrevious !== null) {
    const prev = parseReport(rawPrevious);
    if (!prev.ok) return invalid(c, prefixed(prev.issues, 'previous'));
    if (prev.report.year >= parsed.report.year) {
      return invalid(c, [{ path: 'previous.year', message: T.previousYear(parsed.report.year) }]);
    }
    previous = prev.report;
  }
  return c.json(checkReport(parsed.form, parsed.report, previous));
});

// A compiled report carries what the request put in it: the form's protections, and HTML shown in
// a page of this origin only when asked for by name (?format=html); otherwise it is a file to save.
api.use('/compile', pageHeaders());

api.post('/compile', async (c) => {
  const asked = c.req.query('format');
  const format = asked ?? 'html';
  if (!isFormat(format)) return c.json({ error: T.badFormat(FORMATS) }, 400);
  const body = await readJson(c);
  if (!body.ok) return c.json({ error: T.notJson }, 400);
  const parsed = parseReport(body.value);
  if (!parsed.ok) return invalid(c, parsed.issues);
  const compiled = await compileReport(parsed.form, parsed.report, format);
  const headers = { ...compiled.headers };
  if (format === 'html' && asked !== 'html')
    headers['Content-Disposition'] = attachment(`${reportTitle(parsed.form, parsed.report)}.html`);
  return c.body(compiled.body, 200, headers);
});

// A published report read into report.json: what was read, what was not, what could be read
// several ways, what was assumed, and the rules checked on what was read.
api.post('/import', async (c) => {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return c.json({ error: T.importPdf }, 415);
  if (type !== 'text/plain' && type !== 'text/html' && type !== DOCX_MIME)
    return c.json({ error: T.importType }, 415);
  const asked = c.req.query('year');
  const year = asked === undefined ? undefined : Number(asked);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 2100))
    return c.json({ error: T.badYear }, 400);
  const bytes = await c.req.raw.arrayBuffer();
  const text = type === DOCX_MIME ? await docxText(bytes) : decodeText(new Uint8Array(bytes));
  if (text === null) return c.json({ error: T.notDocx }, 400);
  const imported = importReport(text, { year });
  const form = FORMS.of(imported.report.formVersion) ?? FORMS.current;
  const read = form.cells.length - imported.missing.length;
  const texts = [imported.report.s1.proactive, imported.report.s5, imported.report.s6].some((t) => t);
  if (read === 0 && !texts && !imported.report.org.name) return c.json({ error: T.notAReport }, 400);
  const findings = checkReport(form, imported.report as unknown as Report);
  return c.json({ ...imported, findings: { errors: findings.errors, warnings: findings.warnings } });
});
