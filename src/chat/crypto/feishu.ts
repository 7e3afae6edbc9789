// Feishu / Lark event subscription v2: AES-256-CBC with key = SHA256(encrypt key) and the IV in the
// first 16 bytes of the ciphertext (standard padding); X-Lark-Signature = SHA256 over timestamp,
// nonce, encrypt key and the raw body.
import { concat, fromBase64, fromUtf8, sha256, toBase64, toHex, utf8 } from './bytes';
import { safeEqual } from '../../lib/secrets';

export async function larkDecrypt(encryptKey: string, encrypted: string): Promise<string | null> {
  const raw = fromBase64(encrypted);
  if (!raw || raw.length < 32 || raw.length % 16 !== 0) return null;
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      await sha256(utf8(encryptKey)),
      { name: 'AES-CBC' },
      false,
      ['decrypt'],
    );
    return fromUtf8(
      new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-CBC', iv: raw.slice(0, 16) }, key, raw.slice(16)),
      ),
    );
  } catch {
    return null;
  }
}

export async function larkEncrypt(
  encryptKey: string,
  plaintext: string,
  iv = crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    await sha256(utf8(encryptKey)),
    { name: 'AES-CBC' },
    false,
    ['encrypt'],
  );
  return toBase64(
    concat(iv, new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, utf8(plaintext)))),
  );
}

export async function larkSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  body: Uint8Array,
): Promise<string> {
  return toHex(await sha256(concat(utf8(timestamp + nonce + encryptKey), body)));
}

export async function larkVerify(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  body: Uint8Array,
  signature: string,
): Promise<boolean> {
  return safeEqual(await larkSignature(timestamp, nonce, encryptKey, body), signature.toLowerCase());
}
