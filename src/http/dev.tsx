// Local-only pages (DEV_MODE=1): a chat page that talks to /hooks/telegram exactly as Telegram
// would, and the fake Bot API it needs, which keeps the bot's messages in D1 for the page to read.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { WEB_COPY as T } from '../web/copy';
import { messagePage, Page } from '../web/page';
import type { AppEnv } from '../types';

export const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.DEV_MODE !== '1') return c.html(messagePage(T.devOnly, T.devOnly), 404);
  await next();
});

// The fake Telegram Bot API: TELEGRAM_API_BASE=http://127.0.0.1:8787/dev/telegram in .dev.vars.
dev.post('/telegram/:bot/:method', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { chat_id?: unknown };
  if (c.req.param('method') === 'sendMessage') {
    const row = await c.env.DB.prepare(
      "INSERT INTO dev_outbox (platform, chat_id, payload) VALUES ('telegram', ?1, ?2) RETURNING id",
    )
      .bind(String(body.chat_id ?? ''), JSON.stringify(body))
      .first<{ id: number }>();
    return c.json({ ok: true, result: { message_id: row!.id } });
  }
  return c.json({ ok: true, result: true });
});

dev.get('/outbox', async (c) => {
  const chat = c.req.query('chat') ?? '';
  const after = Number(c.req.query('after') ?? 0) || 0;
  const { results } = await c.env.DB.prepare(
    'SELECT id, payload FROM dev_outbox WHERE chat_id = ?1 AND id > ?2 ORDER BY id LIMIT 100',
  )
    .bind(chat, after)
    .all<{ id: number; payload: string }>();
  return c.json(results.map((r) => ({ id: r.id, message: JSON.parse(r.payload) })));
});

const SCRIPT = `
const $ = (s) => document.querySelector(s);
const log = $('#log');
let lastId = 0;
let busy = false;
const user = () => Number($('#user').value) || 1;
function bubble(cls, text, buttons) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.textContent = text;
  for (const row of buttons || []) {
    const line = document.createElement('div');
    line.className = 'row';
    for (const b of row) {
      const btn = document.createElement('button');
      btn.textContent = b.text;
      btn.onclick = () => send(b.callback_data, true, b.text);
      line.appendChild(btn);
    }
    div.appendChild(line);
  }
  log.appendChild(div);
  div.scrollIntoView({ block: 'end' });
}
function showBot(m) { bubble('bot', m.text, m.reply_markup && m.reply_markup.inline_keyboard); }
async function poll() {
  const res = await fetch('/dev/outbox?chat=' + user() + '&after=' + lastId);
  for (const item of await res.json()) { lastId = item.id; showBot(item.message); }
}
async function send(text, press, label) {
  if (!text || busy) return;
  busy = true;
  bubble('me', label || text);
  const id = Date.now() * 10 + Math.floor(Math.random() * 10);
  const from = { id: user(), is_bot: false, first_name: $('#name').value || '测试' };
  const chat = { id: user(), type: 'private' };
  const update = press
    ? { update_id: id, callback_query: { id: 'cb' + id, from, message: { message_id: 1, date: 0, chat }, chat_instance: '1', data: text } }
    : { update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), from, chat, text } };
  try {
    const res = await fetch('/hooks/telegram', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: JSON.stringify(update) });
    await poll();
    const body = await res.json();
    if (body.method === 'sendMessage') showBot(body);
    else if (!res.ok) bubble('bot error', res.status + ' ' + JSON.stringify(body), []);
  } finally { busy = false; }
}
$('#form').onsubmit = (e) => { e.preventDefault(); const t = $('#text').value.trim(); $('#text').value = ''; send(t, false); };
$('#switch').onclick = () => { localStorage.setItem('nianbao-user', $('#user').value); log.textContent = ''; lastId = 0; poll(); };
$('#user').value = localStorage.getItem('nianbao-user') || String(100000 + Math.floor(Math.random() * 900000));
poll();
setInterval(() => { if (!busy) poll(); }, 3000);
`;

const CSS = `body{background:#eef1f5}main{max-width:40rem}#log{display:flex;flex-direction:column;gap:.5rem;min-height:50vh;padding-bottom:6rem}
.msg{white-space:pre-wrap;padding:.55rem .75rem;border-radius:.75rem;max-width:90%;box-shadow:0 1px 1px rgba(0,0,0,.08)}
.bot{background:#fff;align-self:flex-start}.me{background:#d2f1c6;align-self:flex-end}.error{background:#ffe3e3}
.row{display:flex;flex-wrap:wrap;gap:.35rem;margin-top:.45rem}.row button{flex:1 1 auto;padding:.45rem;border:1px solid #4a7bd0;background:#f3f7ff;color:#1e4fa3;border-radius:.4rem;font:inherit}
#form{position:fixed;left:0;right:0;bottom:0;display:flex;gap:.5rem;padding:.6rem;background:#fff;border-top:1px solid #ddd}
#text{flex:1;font:inherit;padding:.5rem}#form button{font:inherit;padding:.5rem 1rem}
.who{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:.9rem}.who input{width:8rem;font:inherit}`;

dev.get('/chat', (c) => {
  const secret = JSON.stringify(c.env.TELEGRAM_WEBHOOK_SECRET ?? '').replace(/</g, '\\u003c');
  return c.html(
    '<!DOCTYPE html>' +
      String(
        <Page title={T.chatTitle}>
          <style>{raw(CSS)}</style>
          <h1>{T.chatTitle}</h1>
          <p>{T.chatIntro}</p>
          <div class="who">
            <label>
              {T.chatUser} <input id="user" inputmode="numeric" />
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
          <script>{raw(`const SECRET = ${secret};${SCRIPT}`)}</script>
        </Page>,
      ),
  );
});
