// Pages behind signed links: /r/<token> shows a submitted report (html, or ?format=text|json).
import { Hono, type Context } from 'hono';
import { linkSecret } from '../lib/settings';
import { snapshotAt } from '../db/reports';
import { verifyLink, type Link } from '../services/links';
import { compileReport, isFormat } from '../report/compile';
import { readStoredReport } from '../report/schema';
import { WEB_COPY as T } from '../web/copy';
import { messagePage } from '../web/page';
import { pageHeaders } from './headers';
import type { AppEnv } from './types';
import { keepDocx, keptDocx } from '../services/docx';

export const links = new Hono<AppEnv>();

// A compiled report shows what people typed: the form's own protections.
links.use('/r/*', pageHeaders());

/** Keeps a rendered file after the answer has gone (a failure only means rendering it again). */
export function keepLater(c: Context<AppEnv>, keeping: Promise<unknown>) {
  const kept = keeping.catch((err) => console.warn('could not keep the rendered file', err));
  try {
    c.executionCtx.waitUntil(kept);
  } catch {
    // No execution context (a direct call in a test): the promise runs on by itself.
  }
}

export type Opened<K extends Link['k']> =
  { ok: true; token: string; link: Extract<Link, { k: K }> } | { ok: false; response: Response };

/** The verified link of a request's `:token`, of one kind; otherwise the Chinese page to answer. */
export async function openLink<K extends Link['k']>(c: Context<AppEnv>, kind: K): Promise<Opened<K>> {
  const token = c.req.param('token') ?? '';
  const secret = linkSecret(c.env);
  if (!secret) return { ok: false, response: c.html(messagePage(T.linksOffTitle, T.linksOff), 503) };
  const check = await verifyLink(secret, token, new Date());
  if (!check.ok && check.reason === 'expired') {
    return { ok: false, response: c.html(messagePage(T.linkExpiredTitle, T.linkExpired), 410) };
  }
  if (!check.ok || check.link.k !== kind) {
    return { ok: false, response: c.html(messagePage(T.linkInvalidTitle, T.linkInvalid), 403) };
  }
  return { ok: true, token, link: check.link as Extract<Link, { k: K }> };
}

links.get('/r/:token', async (c) => {
  const format = c.req.query('format') ?? 'html';
  if (!isFormat(format)) return c.html(messagePage(T.linkInvalidTitle, T.badFormat), 400);
  const opened = await openLink(c, 'r');
  if (!opened.ok) return opened.response;
  if (format === 'docx') {
    const kept = await keptDocx(c.env.CACHE, opened.link.r, opened.link.v);
    if (kept) return c.body(kept.body, 200, { ...kept.headers, 'Cache-Control': 'private, no-store' });
  }
  const snapshot = await snapshotAt(c.env.DB, opened.link.r, opened.link.v);
  if (!snapshot) return c.html(messagePage(T.reportMissingTitle, T.reportMissing), 404);
  const parsed = readStoredReport(snapshot);
  if (!parsed.ok) return c.html(messagePage(T.reportUnreadableTitle, T.reportUnreadable), 422);
  const notice = parsed.issues.length ? T.reportIrregular(parsed.issues.length) : undefined;
  const compiled = await compileReport(parsed.form, parsed.report, format, { notice });
  if (format === 'docx') keepLater(c, keepDocx(c.env.CACHE, opened.link.r, opened.link.v, compiled));
  return c.body(compiled.body, 200, { ...compiled.headers, 'Cache-Control': 'private, no-store' });
});
