// Debian's Chromium driven by playwright-core, as on a phone (390×844), and the admin API of the
// running Worker for setting up bodies and invites.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { adminPost, CHROMIUM_ARGS, DEV_SERVER_VARS } from '../../scripts/dev-server.mjs';

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

export const DESKTOP = { width: 1280, height: 800 };

/** Runs `visit` on a page on a 390 px phone, then on one on a 1280 px desktop. */
export async function onPhoneAndDesktop(
  browser: Browser,
  visit: (page: Page, width: number) => Promise<void>,
): Promise<void> {
  const contexts: [() => Promise<BrowserContext>, number][] = [
    [() => phone(browser), PHONE.width],
    [() => browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' }), DESKTOP.width],
  ];
  for (const [open, width] of contexts) {
    const context = await open();
    await visit(await context.newPage(), width);
    await context.close();
  }
}

export const base = () => inject('baseUrl');

export function admin(path: string, body: unknown): Promise<any> {
  return adminPost(base(), path, body);
}

/**
 * Sends `text` as a Telegram message and waits until the bot has said something matching `answer`,
 * inline or through the outbox (whose queue consumer delivers a moment later).
 */
export async function say(userId: number, text: string, answer: RegExp): Promise<string> {
  const res = await fetch(`${base()}/hooks/telegram`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Telegram-Bot-Api-Secret-Token': DEV_SERVER_VARS.WEBHOOK_SECRET,
    },
    body: JSON.stringify({
      update_id: Date.now() * 10 + Math.floor(Math.random() * 10),
      message: {
        message_id: 1,
        date: 0,
        from: { id: userId, first_name: '主任' },
        chat: { id: userId, type: 'private' },
        text,
      },
    }),
  });
  const inline = ((await res.json()) as { text?: string }).text ?? '';
  let said = inline;
  await expect
    .poll(
      async () => {
        const outbox = (await (await fetch(`${base()}/dev/outbox?chat=${userId}`)).json()) as {
          message: { text: string };
        }[];
        said = [...outbox.map((m) => m.message.text), inline].join('\n');
        return answer.test(said);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return said;
}
