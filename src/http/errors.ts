// The one not-found and error answer of every Hono app the Worker runs (the entry's and the lazily
// loaded pages'): JSON in Chinese, never a stack trace.
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { API_COPY } from './copy';
import type { AppEnv } from './types';

export function answerErrors(app: Hono<AppEnv>): Hono<AppEnv> {
  app.notFound((c) => c.json({ error: API_COPY.notFound }, 404));
  app.onError((err, c) => {
    // Expected refusals from middleware (a cross-site form post, …) keep their status, in Chinese.
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ error: err.status === 403 ? API_COPY.forbidden : API_COPY.badRequest }, err.status);
    }
    console.error('unhandled error', c.req.method, c.req.path, err);
    return c.json({ error: API_COPY.internal }, 500);
  });
  return app;
}
