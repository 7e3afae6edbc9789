// Builds the Hono app: mounts every route group and owns the one error and not-found handler.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { FORMS } from '../forms';
import { checkSettings } from './lib/settings';
import { api } from './http/api';
import { hooks } from './http/hooks';
import { admin } from './http/admin';
import { links } from './http/links';
import { dev } from './http/dev';
import { form } from './http/form';
import { formImport } from './http/form-import';
import { invites } from './http/invites';
import { dashboard } from './http/dashboard';
import { API_COPY } from './http/copy';
import type { AppEnv } from './http/types';

export const app = new Hono<AppEnv>();

app.get('/favicon.ico', (c) => c.body(null, 204));
// What an operator or a monitor checks: the configuration judged by name (never a value).
app.get('/healthz', (c) => {
  const settings = checkSettings(c.env);
  return c.json({ ...settings, formVersion: FORMS.current.version }, settings.ok ? 200 : 503);
});
app.route('/api/admin', admin);
app.route('/api', api);
app.route('/hooks', hooks);
app.route('/', links);
app.route('/', form);
app.route('/', formImport);
app.route('/', invites);
app.route('/', dashboard);
app.route('/dev', dev);

app.notFound((c) => c.json({ error: API_COPY.notFound }, 404));
app.onError((err, c) => {
  // Expected refusals from middleware (a cross-site form post, …) keep their status, in Chinese.
  if (err instanceof HTTPException && err.status < 500) {
    return c.json({ error: err.status === 403 ? API_COPY.forbidden : API_COPY.badRequest }, err.status);
  }
  console.error('unhandled error', c.req.method, c.req.path, err);
  return c.json({ error: API_COPY.internal }, 500);
});
