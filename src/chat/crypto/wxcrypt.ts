// The WeCom (and DingTalk event) callback cipher, WXBizMsgCrypt: SHA1 signature over the sorted
// token, timestamp, nonce and ciphertext; AES-256-CBC with IV = the key's first 16 bytes and PKCS#7
// padding to 32 bytes. WebCrypto's AES-CBC insists on 16-byte padding, so the 32-byte padding is
// handled here, in both directions.
import { concat, fromBase64, fromUtf8, sha1Hex, toBase64, utf8 } from './bytes';
import { safeEqual } from '../../lib/secrets';

const BLOCK = 32;

export function wxSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
): Promise<string> {
  return sha1Hex([token, timestamp, nonce, encrypted].sort().join(''));
}

export async function wxVerify(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
  signature: string,
): Promise<boolean> {
  return safeEqual(await wxSignature(token, timestamp, nonce, encrypted), signature.toLowerCase());
}

/** EncodingAESKey (43 characters) → the 32-byte key; null when malformed. */
export function wxKeyBytes(encodingAesKey: string): Uint8Array | null {
  const key = fromBase64(`${encodingAesKey}=`);
  return key && key.length === 32 ? key : null;
}

async function aesKey(raw: Uint8Array, usage: ('encrypt' | 'decrypt')[]) {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, usage);
}

export type WxDecrypted = { ok: true; message: string; receiveId: string } | { ok: false };

/** Decrypts a base64 ciphertext; never throws. */
export async function wxDecrypt(keyBytes: Uint8Array, encrypted: string): Promise<WxDecrypted> {
  const ct = fromBase64(encrypted);
  if (!ct || ct.length === 0 || ct.length % 16 !== 0) return { ok: false };
  try {
    const key = await aesKey(keyBytes, ['encrypt', 'decrypt']);
    const iv = keyBytes.slice(0, 16);
    // Append a block that decrypts to a full 16-byte padding block, so WebCrypto accepts the
    // message whatever WeCom's own padding (1–32 bytes); then remove WeCom's padding by hand.
    const last = ct.slice(ct.length - 16);
    const extra = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last }, key, new Uint8Array(16).fill(16)),
    ).slice(0, 16);
    const padded = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, concat(ct, extra)),
    );
    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > BLOCK || pad > padded.length) return { ok: false };
    for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) return { ok: false };
    const plain = padded.slice(0, padded.length - pad);
    if (plain.length < 20) return { ok: false };
    const length = new DataView(plain.buffer, plain.byteOffset).getUint32(16);
    if (20 + length > plain.length) return { ok: false };
    return {
      ok: true,
      message: fromUtf8(plain.slice(20, 20 + length)),
      receiveId: fromUtf8(plain.slice(20 + length)),
    };
  } catch {
    return { ok: false };
  }
}

/** Encrypts a message for a passive reply (random 16 bytes unless given, for tests). */
export async function wxEncrypt(
  keyBytes: Uint8Array,
  message: string,
  receiveId: string,
  random?: Uint8Array,
): Promise<string> {
  const msg = utf8(message);
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, msg.length);
  const body = concat(random ?? crypto.getRandomValues(new Uint8Array(16)), len, msg, utf8(receiveId));
  const pad = BLOCK - (body.length % BLOCK);
  const padded = concat(body, new Uint8Array(pad).fill(pad));
  const key = await aesKey(keyBytes, ['encrypt']);
  // WebCrypto adds one more 16-byte padding block to the aligned input: drop it.
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: keyBytes.slice(0, 16) }, key, padded),
  );
  return toBase64(ct.slice(0, padded.length));
}
