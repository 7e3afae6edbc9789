// Forged signatures for the tests that check a request with a wrong signature is refused.

/** `s` with its last character changed to a different one, so the forgery never equals the original. */
export function flipLast(s: string): string {
  return s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
}
