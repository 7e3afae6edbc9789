// `npm run screenshots`: every section of the web form (and the chat page) at 390×844 in Debian's
// Chromium, written to artifacts/screenshots/ for review. Needs `apt-get install chromium fonts-noto-cjk`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import './ensure-install.mjs';
import { root } from './env.mjs';
import { adminPost, CHROMIUM_ARGS, DEV_SERVER_VARS, startDevServer } from './dev-server.mjs';

const out = path.join(root, 'artifacts', 'screenshots');
mkdirSync(out, { recursive: true });
await import('./build-client.mjs');
const { base, stop } = await startDevServer();
try {
  const county = await adminPost(base, '/api/admin/orgs', { name: '示范县', kind: 'county' });
  const town = await adminPost(base, '/api/admin/orgs', {
    name: '白营镇',
    kind: 'township',
    parentId: county.id,
  });
  const { code } = await adminPost(base, '/api/admin/invites', { orgId: town.id, role: 'official' });
  const started = await fetch(`${base}/i/${code}`, {
    method: 'POST',
    headers: { Origin: base },
    redirect: 'manual',
  });
  const form = started.headers.get('location');
  // A partly filled draft, with one sum that does not add up, as an official would have it mid-way.
  const edits = {
    's1.proactive': [null, '本年主动公开信息 42 条，其中机构概况 2 条、政策文件 8 条、工作动态 32 条。'],
    's1.onRequest': [null, '本年收到政府信息公开申请 6 件，均在法定期限内答复。'],
    's2.normativeDocs.issued': [null, 2],
    's2.normativeDocs.repealed': [null, 1],
    's2.normativeDocs.inForce': [null, 6],
    's2.licensing': [null, 15],
    'flow.s3Any': [null, true],
    'flow.s3Columns': [null, [0, 1]],
    's3.new[0]': [null, 5],
    's3.new[1]': [null, 1],
    's3.carriedOver[0]': [null, 1],
    's3.granted[0]': [null, 3],
    's3.partial[0]': [null, 1],
    's3.granted[1]': [null, 1],
    's3.carryForward[0]': [null, 1],
  };
  await fetch(`${form}/save`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ edits }),
  });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await (
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      locale: 'zh-CN',
    })
  ).newPage();
  for (const s of ['1', '2', '3', '4', '5', '6', 'review']) {
    await page.goto(`${form}?s=${s}`);
    await page.waitForLoadState('networkidle');
    const file = path.join(out, `form-${s}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    if (s === '3') {
      // The README's picture: table 三 as a phone shows it, from the applicant choice down.
      await page.locator('fieldset.columns').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -60));
      await page.screenshot({ path: path.join(out, 'form-3-phone.png') });
    }
  }
  // The supervisor's dashboard, on a phone and on a desktop, with a few bodies in every state.
  for (const name of ['城关镇', '五陵镇', '宜沟镇', '东城街道']) {
    await adminPost(base, '/api/admin/orgs', {
      name,
      kind: name.endsWith('街道') ? 'subdistrict' : 'township',
      parentId: county.id,
    });
  }
  // A body whose published report the audit will read (test/fixtures/import).
  await adminPost(base, '/api/admin/orgs', {
    name: '松木塘镇',
    kind: 'township',
    fullName: '桃江县松木塘镇人民政府',
    parentId: county.id,
  });
  const supervisorCode = (
    await adminPost(base, '/api/admin/invites', { orgId: county.id, role: 'supervisor' })
  ).code;
  const hook = (text) =>
    fetch(`${base}/hooks/telegram`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Telegram-Bot-Api-Secret-Token': DEV_SERVER_VARS.WEBHOOK_SECRET,
      },
      body: JSON.stringify({
        update_id: Date.now(),
        message: {
          message_id: 1,
          date: 0,
          from: { id: 9001, first_name: '主任' },
          chat: { id: 9001, type: 'private' },
          text,
        },
      }),
    }).then((r) => r.json());
  /** What the bot said to the supervisor, inline or (a moment later) through the outbox. */
  const said = async (pattern) => {
    for (let i = 0; i < 50; i++) {
      const outbox = await (await fetch(`${base}/dev/outbox?chat=9001`)).json();
      const found = outbox.map((m) => m.message.text).find((t) => pattern.test(t));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the bot did not say ${pattern}`);
  };
  await hook(`/start ${supervisorCode}`);
  const DASH = /http\S+\/d\/\S+/;
  const inline = (await hook('/dashboard')).text ?? '';
  const dash = (DASH.test(inline) ? inline : await said(DASH)).match(DASH)[0];
  await page.goto(dash);
  await page.screenshot({ path: path.join(out, 'dashboard-phone.png'), fullPage: true });
  const desktop = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  ).newPage();
  await desktop.goto(dash);
  await desktop.screenshot({ path: path.join(out, 'dashboard-desktop.png'), fullPage: true });
  console.log(path.join(out, 'dashboard-phone.png'));
  console.log(path.join(out, 'dashboard-desktop.png'));

  // The audit of published reports: two files read, one matched and kept, one without a body here.
  const [dashPath, query = ''] = dash.split('?');
  await desktop.goto(`${dashPath}/audit?year=2022${query ? `&${query}` : ''}`);
  await desktop.setInputFiles('input[name=files]', [
    path.join(root, 'test', 'fixtures', 'import', 'songmutang-town-2022-opening.txt'),
    path.join(root, 'test', 'fixtures', 'import', 'huaian-city-2024.txt'),
  ]);
  await Promise.all([
    desktop.waitForNavigation(),
    desktop.click('form[action*="/audit"] button[type=submit]'),
  ]);
  await desktop.screenshot({ path: path.join(out, 'audit-desktop.png'), fullPage: true });
  console.log(path.join(out, 'audit-desktop.png'));

  await page.goto(`${base}/dev/chat`);
  await page.fill('#text', '/help');
  await page.press('#text', 'Enter');
  await page.waitForSelector('.bot');
  await page.screenshot({ path: path.join(out, 'chat.png') });
  console.log(path.join(out, 'chat.png'));
  await browser.close();
} finally {
  stop();
}
