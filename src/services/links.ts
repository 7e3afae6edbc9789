// Signed, expiring, scoped links (/r/<token>, /f/<token>, /d/<token>): a payload and an
// HMAC-SHA256 over it with LINK_SECRET, both base64url. No session, no password.
import { linkSecret } from '../lib/settings';
import { NOTICE_COPY } from './copy';

export type LinkScope =
  /** A compiled report: report id and the version submitted. */
  | { k: 'r'; r: number; v: number }
  /** The web form of one body's draft for one year. */
  | { k: 'f'; o: number; y: number; p: number }
  /** A supervisor's dashboard: the person; their subtree is looked up on every request. */
  | { k: 'd'; p: number };

export type Link = LinkScope & { e: number };

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

export async function signLink(
  secret: string,
  scope: LinkScope,
  ttlSeconds: number,
  now: Date,
): Promise<string> {
  const payload = enc.encode(JSON.stringify({ ...scope, e: Math.floor(now.getTime() / 1000) + ttlSeconds }));
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret), payload));
  return `${b64url(payload)}.${b64url(sig)}`;
}

export type LinkCheck = { ok: true; link: Link } | { ok: false; reason: 'invalid' | 'expired' };

/** Verifies a token (constant time, by WebCrypto) and its expiry. */
export async function verifyLink(secret: string, token: string, now: Date): Promise<LinkCheck> {
  const [p, s, ...rest] = token.split('.');
  if (!p || !s || rest.length) return { ok: false, reason: 'invalid' };
  const payload = fromB64url(p);
  const sig = fromB64url(s);
  if (!payload || !sig) return { ok: false, reason: 'invalid' };
  const valid = await crypto.subtle.verify('HMAC', await key(secret), sig, payload);
  if (!valid) return { ok: false, reason: 'invalid' };
  let link: Link;
  try {
    link = JSON.parse(new TextDecoder().decode(payload)) as Link;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof link.e !== 'number' || link.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, link };
}

const REPORT_LINK_TTL = 90 * 86_400;
const FORM_LINK_TTL = 14 * 86_400;
const DASHBOARD_LINK_TTL = 7 * 86_400;

const PREFIX: Record<LinkScope['k'], string> = { r: '/r/', f: '/f/', d: '/d/' };
const TTL: Record<LinkScope['k'], number> = { r: REPORT_LINK_TTL, f: FORM_LINK_TTL, d: DASHBOARD_LINK_TTL };

type LinkDeps = { env: object; now: Date; origin: string };

/**
 * The full URL of a signed link under the public address; null when links cannot be made here
 * (LINK_SECRET missing or weak, or no PUBLIC_BASE_URL outside DEV_MODE — see /healthz).
 */
export async function linkUrl(deps: LinkDeps, scope: LinkScope): Promise<string | null> {
  const secret = linkSecret(deps.env);
  if (!secret || !deps.origin) return null;
  const token = await signLink(secret, scope, TTL[scope.k], deps.now);
  return `${deps.origin}${PREFIX[scope.k]}${token}`;
}

/** Whether signed links can be made and checked with this configuration. */
export const linksWork = (deps: Pick<LinkDeps, 'env' | 'origin'>) =>
  Boolean(linkSecret(deps.env) && deps.origin);

/** A link as a person reads it, or the plain reason there is none. */
export const shownLink = (url: string | null): string => url ?? NOTICE_COPY.linkUnavailable;

/** The web form of a body's draft for a year, for one person. */
export function formUrl(
  deps: LinkDeps,
  m: { orgId: number; personId: number },
  year: number,
): Promise<string | null> {
  return linkUrl(deps, { k: 'f', o: m.orgId, y: year, p: m.personId });
}

/** A submitted version of a report, compiled. */
export function reportUrl(deps: LinkDeps, reportId: number, version: number): Promise<string | null> {
  return linkUrl(deps, { k: 'r', r: reportId, v: version });
}
