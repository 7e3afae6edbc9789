// Builds the Hono app the Worker serves. The chat webhooks, which most requests are, and the health
// check are here; every other route lives in ./http/pages, loaded (and compiled) on first use, so the
// script a Worker starts with stays small.
import { Hono, type Context } from 'hono';
import { FORMS } from '../forms';
import { checkSettings } from './lib/settings';
import { answerErrors } from './http/errors';
import { hooks } from './http/hooks';
import type { AppEnv } from './http/types';

export const app = new Hono<AppEnv>();

app.get('/favicon.ico', (c) => c.body(null, 204));
// What an operator or a monitor checks: the configuration judged by name (never a value).
app.get('/healthz', (c) => {
  const settings = checkSettings(c.env);
  return c.json({ ...settings, formVersion: FORMS.current.version }, settings.ok ? 200 : 503);
});
app.route('/hooks', hooks);
// An address under /hooks that is no webhook (a scanner's guess) is answered here, without loading
// the pages.
app.all('/hooks/*', (c) => c.notFound());

let pagesApp: Promise<Hono<AppEnv>> | undefined;
function loadPages(): Promise<Hono<AppEnv>> {
  pagesApp ??= import('./http/pages').then(
    (m) => m.pages,
    (err: unknown) => {
      pagesApp = undefined; // a failed load is tried again by the next request
      throw err;
    },
  );
  return pagesApp;
}

/** The request's execution context; none when a test or a dev page calls the app directly. */
function executionCtxOf(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

app.all('*', async (c) => (await loadPages()).fetch(c.req.raw, c.env, executionCtxOf(c)));

answerErrors(app);
