// Local-only pages (DEV_MODE=1): a chat page that talks to the bot as each platform would, and
// fakes of the platforms' open APIs, which keep the bot's messages in D1 for the page to read. Every
// platform comes from the adapter table: a person's message is built by its simulator, the replies
// read back the way its client would show them.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { adapterOf, adapters } from '../chat/adapters';
import { devMessages, storeDevMessage } from '../db/dev';
import { WEB_COPY as T } from '../web/copy';
import { messagePage, Page } from '../web/page';
import { API_COPY } from './copy';
import { hooks } from './hooks';
import type { AppEnv } from './types';
import { bodyJson, bodyText } from '../lib/body';

export const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.DEV_MODE !== '1') return c.html(messagePage(T.devOnly, T.devOnly), 404);
  await next();
});

dev.get('/outbox', async (c) => {
  const platform = c.req.query('platform') ?? 'telegram';
  const chat = c.req.query('chat') ?? '';
  const after = Number(c.req.query('after') ?? 0) || 0;
  return c.json(await devMessages(c.env.DB, platform, chat, after));
});

/** Builds the platform's own signed (and encrypted) request for a person's message and delivers it. */
dev.post('/simulate/:platform', async (c) => {
  const adapter = adapterOf(c.req.param('platform'));
  if (!adapter) return c.json({ error: T.devUnknownPlatform }, 404);
  const asked = (await bodyJson(c.req.raw).catch(() => null)) as {
    user?: unknown;
    text?: unknown;
    press?: boolean;
    step?: string;
  } | null;
  if (asked === null || typeof asked !== 'object') return c.json({ error: API_COPY.notJson }, 400);
  const { user, text, press, step } = asked;
  const origin = new URL(c.req.url).origin;
  const pressed = press === true ? (typeof step === 'string' ? { step } : {}) : undefined;
  const req = await adapter.dev.request(c.env, origin, String(user), String(text), pressed);
  const res = await hooks.request(req.path.replace(/^\/hooks/, ''), req.init, c.env, c.executionCtx);
  const body = await res.text();
  const replies = await adapter.dev.readResponse(c.env, body);
  return c.json({ status: res.status, replies, error: res.status >= 400 ? body : undefined });
});

const SCRIPT = `
const $ = (s) => document.querySelector(s);
const log = $('#log');
let lastId = 0;
let busy = false;
const platform = () => $('#platform').value;
const user = () => $('#user').value.trim() || '1';
function bubble(cls, text, buttons) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.textContent = text;
  if (buttons && buttons.length) {
    const line = document.createElement('div');
    line.className = 'row';
    for (const b of buttons) {
      const btn = document.createElement('button');
      btn.textContent = b.label;
      btn.onclick = () => send(b.data, true, b.label, b.step);
      line.appendChild(btn);
    }
    div.appendChild(line);
  }
  log.appendChild(div);
  div.scrollIntoView({ block: 'end' });
}
const show = (m) => bubble('bot', m.text, m.buttons);
async function poll() {
  const res = await fetch('/dev/outbox?platform=' + platform() + '&chat=' + encodeURIComponent(user()) + '&after=' + lastId);
  for (const item of await res.json()) { lastId = item.id; show(item.message); }
}
async function deliver(text, press, step) {
  const res = await fetch('/dev/simulate/' + platform(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: user(), text, press, step }) });
  const body = await res.json();
  await poll();
  for (const m of body.replies || []) show(m);
  if (body.status >= 400) bubble('bot error', body.status + ' ' + (body.error || ''), []);
}
async function send(text, press, label, step) {
  if (!text || busy) return;
  busy = true;
  bubble('me', label || text);
  try { await deliver(text, press, step); } finally { busy = false; }
}
function reset() { localStorage.setItem('nianbao-user', user()); localStorage.setItem('nianbao-platform', platform()); log.textContent = ''; lastId = 0; poll(); }
$('#form').onsubmit = (e) => { e.preventDefault(); const t = $('#text').value.trim(); $('#text').value = ''; send(t, false); };
$('#switch').onclick = reset;
$('#platform').onchange = () => { $('#user').value = PREFIX[platform()] + String(user()).replace(/^\\D+/, ''); reset(); };
$('#platform').value = localStorage.getItem('nianbao-platform') || 'telegram';
$('#user').value = localStorage.getItem('nianbao-user') || String(100000 + Math.floor(Math.random() * 900000));
poll();
setInterval(() => { if (!busy) poll(); }, 3000);
`;

const CSS = `body{background:#eef1f5}main{max-width:40rem}#log{display:flex;flex-direction:column;gap:.5rem;min-height:50vh;padding-bottom:6rem}
.msg{white-space:pre-wrap;overflow-wrap:anywhere;padding:.55rem .75rem;border-radius:.75rem;max-width:90%;box-shadow:0 1px 1px rgba(0,0,0,.08)}
.bot{background:#fff;align-self:flex-start}.me{background:#d2f1c6;align-self:flex-end}.error{background:#ffe3e3}
.row{display:flex;flex-wrap:wrap;gap:.35rem;margin-top:.45rem}.row button{flex:1 1 auto;padding:.45rem;border:1px solid #4a7bd0;background:#f3f7ff;color:#1e4fa3;border-radius:.4rem;font:inherit}
#form{position:fixed;left:0;right:0;bottom:0;display:flex;gap:.5rem;padding:.6rem;background:#fff;border-top:1px solid #ddd}
#text{flex:1;font:inherit;padding:.5rem}#form button{font:inherit;padding:.5rem 1rem}
.who{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:.9rem}.who input{width:8rem;font:inherit}`;

const PREFIX = JSON.stringify(
  Object.fromEntries(Object.values(adapters).map((a) => [a.platform, a.dev.userPrefix])),
);

dev.get('/chat', (c) => {
  return c.html(
    '<!DOCTYPE html>' +
      String(
        <Page title={T.chatTitle}>
          <style>{raw(CSS)}</style>
          <h1>{T.chatTitle}</h1>
          <p>{T.chatIntro}</p>
          <div class="who">
            <label>
              {T.chatPlatform}{' '}
              <select id="platform">
                {Object.values(adapters).map((a) => (
                  <option value={a.platform}>{a.label}</option>
                ))}
              </select>
            </label>
            <label>
              {T.chatUser} <input id="user" />
            </label>
            <label>
              {T.chatName} <input id="name" value="测试" />
            </label>
            <button id="switch" type="button">
              {T.chatReset}
            </button>
          </div>
          <div id="log" />
          <form id="form">
            <input id="text" autocomplete="off" placeholder={T.chatPlaceholder} />
            <button type="submit">{T.chatSend}</button>
          </form>
          <script>{raw(`const PREFIX = ${PREFIX};${SCRIPT}`)}</script>
        </Page>,
      ),
  );
});

// The fakes of the platforms' open APIs: TELEGRAM_API_BASE=http://127.0.0.1:8787/dev/telegram, …
dev.all('/:platform/*', async (c) => {
  const name = c.req.param('platform');
  const adapter = adapterOf(name);
  if (!adapter) return c.json({ error: T.devUnknownPlatform }, 404);
  const url = new URL(c.req.url);
  const text = c.req.method === 'GET' ? '' : await bodyText(c.req.raw);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  const path = url.pathname.slice(`/dev/${name}`.length);
  const answer = adapter.dev.fake({ method: c.req.method, path, query: url.searchParams, body });
  if (answer.sent)
    await c.env.DB.batch(
      answer.sent.messages.map((m) => storeDevMessage(c.env.DB, name, answer.sent!.chatId, m)),
    );
  return c.json(answer.json);
});
