// DingTalk robot callbacks: `sign` = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)),
// with the timestamp (ms) within an hour of now.
import { hmacSha256, toBase64, utf8 } from './bytes';
import { safeEqual } from '../../links';

export const DINGTALK_WINDOW_MS = 3600_000;

export async function dingSign(appSecret: string, timestamp: string): Promise<string> {
  return toBase64(await hmacSha256(utf8(appSecret), utf8(`${timestamp}\n${appSecret}`)));
}

export async function dingVerify(
  appSecret: string,
  timestamp: string,
  sign: string,
  now: number,
): Promise<boolean> {
  const t = Number(timestamp);
  if (!/^\d{13}$/.test(timestamp) || !Number.isFinite(t) || Math.abs(now - t) > DINGTALK_WINDOW_MS)
    return false;
  return safeEqual(await dingSign(appSecret, timestamp), sign);
}
