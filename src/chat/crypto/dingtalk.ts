// DingTalk robot callbacks: `sign` = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)),
// with the timestamp (ms) within an hour of now.
import { hmacSha256, toBase64, utf8 } from './bytes';
import { safeEqual } from '../../lib/secrets';

const DINGTALK_WINDOW_MS = 3600_000;

export async function dingSign(appSecret: string, timestamp: string): Promise<string> {
  return toBase64(await hmacSha256(utf8(appSecret), utf8(`${timestamp}\n${appSecret}`)));
}

/** Whether a callback's headers are DingTalk's: signed with our secret, and signed within the hour. */
export async function dingVerify(
  appSecret: string,
  timestamp: string,
  sign: string,
  now: number,
): Promise<'valid' | 'stale' | 'invalid'> {
  if (!/^\d{13}$/.test(timestamp)) return 'invalid';
  if (!safeEqual(await dingSign(appSecret, timestamp), sign)) return 'invalid';
  return Math.abs(now - Number(timestamp)) > DINGTALK_WINDOW_MS ? 'stale' : 'valid';
}
