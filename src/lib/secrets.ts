// Comparing secrets without leaking how much of them matched.
const enc = new TextEncoder();

/** Constant-time comparison of two secrets (webhook tokens, bearer tokens). */
export function safeEqual(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
