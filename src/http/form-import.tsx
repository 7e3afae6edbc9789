// The form's import of last year's published report: paste, preview, confirm (src/services/imports).
import { Hono, type Context } from 'hono';
import { FORMS } from '../../forms';
import { loadForm } from '../services/form';
import { previewImport, storeImport } from '../services/imports';
import { readFiles } from '../import/files';
import { FILE_COPY, IMPORT_WEB_COPY as T, WEB_COPY as W } from '../web/copy';
import { ImportForm, ImportPreviewPage } from '../web/form/import';
import { messagePage } from '../web/page';
import { readForm } from './body';
import { openLink } from './links';
import type { AppEnv } from './types';

export const formImport = new Hono<AppEnv>();

// The form's middleware (src/http/form.tsx) covers these routes too: page headers, CSRF and the
// body limit of /f/*.

/** The link's body and the year before its report's: what an import would be kept as. */
async function target(c: Context<AppEnv>) {
  const opened = await openLink(c, 'f');
  if (!opened.ok) return opened;
  const ctx = await loadForm(c.env.DB, opened.link);
  if (!ctx)
    return { ok: false as const, response: c.html(messagePage(W.linkInvalidTitle, W.linkInvalid), 403) };
  return { ok: true as const, token: opened.token, ctx, year: ctx.stored.year - 1 };
}

/** The report sent: the chosen file's text (a PDF already made text in the browser), else the pasted text. */
async function submitted(
  c: Context<AppEnv>,
  token: string,
  year: number,
): Promise<{ ok: true; text: string } | { ok: false; response: Response }> {
  const read = await readForm(c);
  if (!read.ok) return read;
  const file = read.body.file;
  if (file instanceof File && file.size > 0) {
    const got = await readFiles([{ name: file.name, type: file.type, bytes: await file.arrayBuffer() }], {
      zip: false,
    });
    const one = got.read[0];
    if (one) return { ok: true, text: one.text };
    const alert = FILE_COPY.unreadable(file.name, got.unread[0]?.reason ?? 'type');
    return { ok: false, response: c.html(ImportForm({ token, year, alert }), 422) };
  }
  const text = read.body.text;
  return { ok: true, text: typeof text === 'string' ? text : '' };
}

formImport.get('/f/:token/import', async (c) => {
  const t = await target(c);
  if (!t.ok) return t.response;
  if (t.ctx.previous) return c.html(ImportForm({ token: t.token, year: t.year, alert: T.exists(t.year) }));
  return c.html(ImportForm({ token: t.token, year: t.year }));
});

formImport.post('/f/:token/import', async (c) => {
  const t = await target(c);
  if (!t.ok) return t.response;
  const p = await submitted(c, t.token, t.year);
  if (!p.ok) return p.response;
  const preview = previewImport(p.text, t.year);
  const read = preview.tables.reduce((n, x) => n + x.read, 0);
  if (read === 0 && preview.texts === 0)
    return c.html(ImportForm({ token: t.token, year: t.year, alert: T.empty }), 422);
  const form = FORMS.forYear(t.year);
  return c.html(ImportPreviewPage({ token: t.token, form, preview, text: p.text }));
});

formImport.post('/f/:token/import/confirm', async (c) => {
  const t = await target(c);
  if (!t.ok) return t.response;
  const p = await submitted(c, t.token, t.year);
  if (!p.ok) return p.response;
  const stored = await storeImport(
    { db: c.env.DB, now: new Date() },
    t.ctx.member,
    previewImport(p.text, t.year),
  );
  if (!stored.ok) {
    const alert =
      stored.reason === 'exists' ? T.exists(t.year) : stored.reason === 'empty' ? T.empty : T.conflict;
    return c.html(
      ImportForm({ token: t.token, year: t.year, alert }),
      stored.reason === 'conflict' ? 409 : 422,
    );
  }
  return c.html(messagePage(T.title(t.year), T.done(t.year, stored.read)));
});
