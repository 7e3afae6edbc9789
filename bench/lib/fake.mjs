// The local fake of the Telegram Bot API (and of every other outbound address): an HTTP server on
// 127.0.0.1 in this process, to which each worker's outbound fetches go straight from workerd (an
// external server, not Miniflare's loopback), so nothing leaves the machine and no workerd CPU is
// spent answering. Answers {ok:true,result:true}; keeps what was sent to each chat.
import { createServer } from 'node:http';

const OK = JSON.stringify({ ok: true, result: true });

export async function fakeBotApi() {
  const state = { requests: 0, byMethod: new Map(), byChat: new Map(), other: 0 };
  const record = (url, raw) => {
    state.requests++;
    const m = url.match(/\/bot[^/]+\/([A-Za-z]+)(\?|$)/);
    if (!m) {
      state.other++;
      return;
    }
    const method = m[1];
    state.byMethod.set(method, (state.byMethod.get(method) ?? 0) + 1);
    if (method !== 'sendMessage') return;
    let body = {};
    try {
      body = JSON.parse(raw);
    } catch {}
    const chat = String(body.chat_id ?? '');
    const list = state.byChat.get(chat) ?? [];
    list.push({ text: String(body.text ?? ''), reply_markup: body.reply_markup });
    state.byChat.set(chat, list);
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      record(req.url ?? '', Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(OK) });
      res.end(OK);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    state,
    /** Miniflare's designator for a worker's outboundService. */
    designator: { external: { address: `127.0.0.1:${port}`, http: {} } },
    /** Messages sent to a chat so far. */
    sentTo(chat) {
      return state.byChat.get(String(chat)) ?? [];
    },
    reset() {
      state.requests = 0;
      state.other = 0;
      state.byMethod.clear();
      state.byChat.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
