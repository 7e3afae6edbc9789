// Local-only pages (DEV_MODE=1): a chat page that talks to /hooks/telegram exactly as Telegram
// would, and the fake Bot API it needs, which keeps the bot's messages in D1 for the page to read.
import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { WEB_COPY as T } from '../web/copy';
import { messagePage, Page } from '../web/page';
import type { AppEnv } from '../types';
import {
  dingtalkRequest,
  feishuRequest,
  larkEvent,
  readDingMarkdown,
  readLarkMessage,
  readWecomText,
  wecomRequest,
  type Seen,
  type Simulated,
} from '../chat/simulate';
import { wxDecrypt, wxKeyBytes } from '../chat/crypto/wxcrypt';
import { hooks } from './hooks';

export const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.DEV_MODE !== '1') return c.html(messagePage(T.devOnly, T.devOnly), 404);
  await next();
});

function store(c: Context<AppEnv>, platform: string, chat: string, seen: Seen) {
  return c.env.DB.prepare(
    'INSERT INTO dev_outbox (platform, chat_id, payload) VALUES (?1, ?2, ?3) RETURNING id',
  )
    .bind(platform, chat, JSON.stringify(seen))
    .first<{ id: number }>();
}

const token = (c: Context<AppEnv>, field: string, extra: Record<string, unknown> = {}) =>
  c.json({ [field]: 'dev-token', ...extra });

// The fake Telegram Bot API: TELEGRAM_API_BASE=http://127.0.0.1:8787/dev/telegram in .dev.vars.
dev.post('/telegram/:bot/:method', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as {
    chat_id?: unknown;
    text?: string;
    reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] };
  };
  if (c.req.param('method') === 'sendMessage') {
    const buttons = (body.reply_markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ label: b.text, data: b.callback_data }));
    const row = await store(c, 'telegram', String(body.chat_id ?? ''), { text: body.text ?? '', buttons });
    return c.json({ ok: true, result: { message_id: row!.id } });
  }
  return c.json({ ok: true, result: true });
});

// The fake WeCom, DingTalk and Feishu open APIs.
dev.get('/wecom/cgi-bin/gettoken', (c) => token(c, 'access_token', { errcode: 0, expires_in: 7200 }));
dev.post('/wecom/cgi-bin/message/send', async (c) => {
  const body = (await c.req.json()) as { touser: string; text: { content: string } };
  for (const seen of readWecomText(body.text.content)) await store(c, 'wecom', body.touser, seen);
  return c.json({ errcode: 0, errmsg: 'ok' });
});
dev.post('/dingtalk/v1.0/oauth2/accessToken', (c) => token(c, 'accessToken', { expireIn: 7200 }));
dev.post('/dingtalk/v1.0/robot/oToMessages/batchSend', async (c) => {
  const body = (await c.req.json()) as { userIds: string[]; msgParam: string };
  await store(
    c,
    'dingtalk',
    body.userIds[0] ?? '',
    readDingMarkdown((JSON.parse(body.msgParam) as { text: string }).text),
  );
  return c.json({ processQueryKey: 'dev' });
});
dev.post('/dingtalk/robot/sendBySession', async (c) => {
  const body = (await c.req.json()) as { markdown: { text: string } };
  await store(c, 'dingtalk', c.req.query('session') ?? '', readDingMarkdown(body.markdown.text));
  return c.json({ errcode: 0 });
});
dev.post('/feishu/open-apis/auth/v3/tenant_access_token/internal', (c) =>
  token(c, 'tenant_access_token', { code: 0, expire: 7200 }),
);
dev.post('/feishu/open-apis/im/v1/messages', async (c) => {
  const body = (await c.req.json()) as { receive_id: string; msg_type: string; content: string };
  await store(c, 'feishu', body.receive_id, readLarkMessage(body));
  return c.json({ code: 0, msg: 'success' });
});

dev.get('/outbox', async (c) => {
  const platform = c.req.query('platform') ?? 'telegram';
  const chat = c.req.query('chat') ?? '';
  const after = Number(c.req.query('after') ?? 0) || 0;
  const { results } = await c.env.DB.prepare(
    'SELECT id, payload FROM dev_outbox WHERE platform = ?1 AND chat_id = ?2 AND id > ?3 ORDER BY id LIMIT 100',
  )
    .bind(platform, chat, after)
    .all<{ id: number; payload: string }>();
  return c.json(results.map((r) => ({ id: r.id, message: JSON.parse(r.payload) as Seen })));
});

/** Builds the platform's own signed (and encrypted) request for a person's message and delivers it. */
dev.post('/simulate/:platform', async (c) => {
  const { user, text, press } = (await c.req.json()) as { user: string; text: string; press?: boolean };
  const env = c.env;
  const origin = new URL(c.req.url).origin;
  let req: Simulated;
  switch (c.req.param('platform')) {
    case 'wecom':
      req = await wecomRequest(
        {
          token: env.WECOM_TOKEN,
          aesKey: env.WECOM_ENCODING_AES_KEY,
          corpId: env.WECOM_CORP_ID,
          agentId: env.WECOM_AGENT_ID,
        },
        user,
        text,
      );
      break;
    case 'dingtalk':
      req = await dingtalkRequest(
        {
          appSecret: env.DINGTALK_APP_SECRET,
          sessionBase: env.DINGTALK_SESSION_BASE || `${origin}/dev/dingtalk/`,
        },
        user,
        text,
      );
      break;
    case 'feishu':
      req = await feishuRequest(
        { encryptKey: env.FEISHU_ENCRYPT_KEY },
        larkEvent({ verificationToken: env.FEISHU_VERIFICATION_TOKEN }, user, text, { press }),
      );
      break;
    default:
      return c.json({ error: 'unknown platform' }, 404);
  }
  const res = await hooks.request(req.path.replace(/^\/hooks/, ''), req.init, env, c.executionCtx);
  const body = await res.text();
  let replies: Seen[] = [];
  // WeCom answers in the response itself, encrypted: decrypt it as the WeCom client would.
  const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(body)?.[1];
  if (encrypted) {
    const plain = await wxDecrypt(wxKeyBytes(env.WECOM_ENCODING_AES_KEY)!, encrypted);
    const content = plain.ok
      ? /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(plain.message)?.[1]
      : undefined;
    if (content) replies = readWecomText(content);
  }
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
      btn.onclick = () => send(b.data, true, b.label);
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
async function sendTelegram(text, press) {
  const id = Date.now() * 10 + Math.floor(Math.random() * 10);
  const from = { id: Number(user()) || 1, is_bot: false, first_name: $('#name').value || '测试' };
  const chat = { id: from.id, type: 'private' };
  const update = press
    ? { update_id: id, callback_query: { id: 'cb' + id, from, message: { message_id: 1, date: 0, chat }, chat_instance: '1', data: text } }
    : { update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), from, chat, text } };
  const res = await fetch('/hooks/telegram', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: JSON.stringify(update) });
  const body = await res.json();
  await poll();
  if (body.method === 'sendMessage') show({ text: body.text, buttons: ((body.reply_markup || {}).inline_keyboard || []).flat().map((b) => ({ label: b.text, data: b.callback_data })) });
  else if (!res.ok) bubble('bot error', res.status + ' ' + JSON.stringify(body), []);
}
async function sendOther(text, press) {
  const res = await fetch('/dev/simulate/' + platform(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: user(), text, press }) });
  const body = await res.json();
  await poll();
  for (const m of body.replies || []) show(m);
  if (body.status >= 400) bubble('bot error', body.status + ' ' + (body.error || ''), []);
}
async function send(text, press, label) {
  if (!text || busy) return;
  busy = true;
  bubble('me', label || text);
  try { await (platform() === 'telegram' ? sendTelegram(text, press) : sendOther(text, press)); } finally { busy = false; }
}
const PREFIX = { telegram: '', wecom: 'wx', dingtalk: 'ding', feishu: 'ou_' };
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
              {T.chatPlatform}{' '}
              <select id="platform">
                <option value="telegram">Telegram</option>
                <option value="wecom">企业微信</option>
                <option value="dingtalk">钉钉</option>
                <option value="feishu">飞书</option>
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
          <script>{raw(`const SECRET = ${secret};${SCRIPT}`)}</script>
        </Page>,
      ),
  );
});
