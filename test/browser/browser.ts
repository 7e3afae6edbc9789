// Debian's Chromium driven by playwright-core, as on a phone (390×844), and the admin API of the
// running Worker for setting up bodies and invites.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { adminPost, CHROMIUM_ARGS } from '../../scripts/dev-server.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

export const base = () => inject('baseUrl');

export function admin(path: string, body: unknown): Promise<any> {
  return adminPost(base(), path, body);
}
