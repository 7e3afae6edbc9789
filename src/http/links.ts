// Pages behind signed links: /r/<token> shows a submitted report (html, or ?format=text|json).
import { Hono } from 'hono';
import { snapshotAt } from '../db/reports';
import { verifyLink } from '../links';
import { compileReport, isFormat } from '../report/compile';
import { parseReport } from '../report/schema';
import { WEB_COPY as T } from '../web/copy';
import { messagePage } from '../web/page';
import type { AppEnv } from '../types';

export const links = new Hono<AppEnv>();

links.get('/r/:token', async (c) => {
  const format = c.req.query('format') ?? 'html';
  if (!isFormat(format)) return c.html(messagePage(T.linkInvalidTitle, T.badFormat), 400);
  const check = await verifyLink(c.env.LINK_SECRET, c.req.param('token'), new Date());
  if (!check.ok) {
    return check.reason === 'expired'
      ? c.html(messagePage(T.linkExpiredTitle, T.linkExpired), 410)
      : c.html(messagePage(T.linkInvalidTitle, T.linkInvalid), 403);
  }
  if (check.link.k !== 'r') return c.html(messagePage(T.linkInvalidTitle, T.linkInvalid), 403);
  const snapshot = await snapshotAt(c.env.DB, check.link.r, check.link.v);
  const parsed = snapshot ? parseReport(snapshot) : null;
  if (!parsed?.ok) return c.html(messagePage(T.reportMissingTitle, T.reportMissing), 404);
  const compiled = await compileReport(parsed.report, format);
  return c.body(compiled.body, 200, { ...compiled.headers, 'Cache-Control': 'private, no-store' });
});
