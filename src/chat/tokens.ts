// Platform access tokens (WeCom access_token, DingTalk accessToken, Feishu tenant_access_token),
// cached in KV until five minutes before they expire, so that they are fetched once, not per message.
export interface FetchedToken {
  token: string;
  /** Seconds the platform says the token lives. */
  expiresIn: number;
}

const EARLY = 300;

export async function cachedToken(
  kv: KVNamespace,
  key: string,
  fetchToken: () => Promise<FetchedToken>,
  refresh = false,
): Promise<string> {
  if (!refresh) {
    const hit = await kv.get(key);
    if (hit) return hit;
  }
  const fresh = await fetchToken();
  await kv.put(key, fresh.token, { expirationTtl: Math.max(60, fresh.expiresIn - EARLY) });
  return fresh.token;
}

/**
 * Calls a platform API with a cached token; when the platform says the token has expired, fetches a
 * new one and calls once more.
 */
export async function withToken(
  getToken: (refresh: boolean) => Promise<string>,
  call: (token: string) => Promise<'expired' | void>,
): Promise<void> {
  if ((await call(await getToken(false))) !== 'expired') return;
  if ((await call(await getToken(true))) === 'expired') throw new Error('platform token refused twice');
}

/** A configured API base without its trailing slashes. */
export const apiBase = (url: string) => url.replace(/\/+$/, '');
