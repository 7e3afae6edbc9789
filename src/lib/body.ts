// Reading a request body as UTF-8 text or JSON whatever Content-Type it claims. The runtime warns
// (once per request, in the logs) when `.text()`/`.json()` meets a type it does not take for text;
// a webhook or an API client sending `application/octet-stream` is no reason for log noise, and the
// bytes are decoded the same way either way.

const decoder = new TextDecoder();

/** The body as text (invalid UTF-8 becomes U+FFFD, as `.text()` does). */
export async function bodyText(req: Request): Promise<string> {
  return decoder.decode(await req.arrayBuffer());
}

/** The body parsed as JSON; throws (a SyntaxError) when it is not JSON. */
export async function bodyJson(req: Request): Promise<unknown> {
  return JSON.parse(await bodyText(req)) as unknown;
}
