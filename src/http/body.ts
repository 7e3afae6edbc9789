// Reading what a browser posts, whatever it is: a form body the runtime cannot parse (multipart
// with a broken or missing boundary, …) is answered 400 with a Chinese page, never thrown as a 500;
// and a body past the limit is refused before it is read.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { WEB_COPY as W } from '../web/copy';
import { messagePage } from '../web/page';
import type { AppEnv } from './types';

/** Posted fields: a string, a file, or (read with `all`) a list of them. */
export type Posted = Record<string, unknown>;

export type ReadForm = { ok: true; body: Posted } | { ok: false; response: Response };

/** The fields of a form post (urlencoded or multipart; any other type has none). */
export async function readForm(c: Context<AppEnv>, opts: { all?: boolean } = {}): Promise<ReadForm> {
  try {
    return { ok: true, body: (await c.req.parseBody({ all: opts.all ?? false })) as Posted };
  } catch {
    return { ok: false, response: c.html(messagePage(W.badPostTitle, W.badPost), 400) };
  }
}

/** Refuses a body larger than `bytes` (413), as JSON for script requests and a page for the rest. */
export function limitBody(bytes: number, json: (c: Context<AppEnv>) => boolean): MiddlewareHandler<AppEnv> {
  const kib = Math.floor(bytes / 1024);
  return bodyLimit({
    maxSize: bytes,
    onError: (c) =>
      json(c as Context<AppEnv>)
        ? c.json({ error: W.tooLarge(kib) }, 413)
        : c.html(messagePage(W.tooLargeTitle, W.tooLarge(kib)), 413),
  });
}
