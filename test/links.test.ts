// Signed links: a tampered, expired or foreign token gets a clear Chinese page, never the report.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from '../src/services/links';
import { call } from './worker';
import { WEB_COPY } from '../src/web/copy';

describe('signed links', () => {
  it('round-trips and refuses tampering, expiry and another key', async () => {
    const now = new Date('2026-01-10T00:00:00Z');
    const token = await signLink('k1', { k: 'r', r: 5, v: 2 }, 60, now);
    expect(await verifyLink('k1', token, now)).toEqual({
      ok: true,
      link: { k: 'r', r: 5, v: 2, e: now.getTime() / 1000 + 60 },
    });
    expect(await verifyLink('k2', token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyLink('k1', token, new Date(now.getTime() + 61_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const [payload, sig] = token.split('.');
    const forged = btoa(JSON.stringify({ k: 'r', r: 6, v: 2, e: 9e9 })).replace(/=+$/, '');
    expect(await verifyLink('k1', `${forged}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', 'abc', `${payload}.`, `${payload}.${sig}.x`, `${payload}.!!!`]) {
      expect((await verifyLink('k1', bad, now)).ok).toBe(false);
    }
  });

  it('answers bad report links with a Chinese page and the right status', async () => {
    const expired = await signLink(env.LINK_SECRET, { k: 'r', r: 1, v: 1 }, -10, new Date());
    let res = await call(`/r/${expired}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain(WEB_COPY.linkExpired);
    res = await call('/r/not-a-token');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(WEB_COPY.linkInvalid);
    const form = await signLink(env.LINK_SECRET, { k: 'f', o: 1, y: 2025, p: 1 }, 60, new Date());
    expect((await call(`/r/${form}`)).status).toBe(403);
    const missing = await signLink(env.LINK_SECRET, { k: 'r', r: 987654, v: 1 }, 60, new Date());
    res = await call(`/r/${missing}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(WEB_COPY.reportMissing);
  });
});
