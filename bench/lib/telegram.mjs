// A person chatting with a worker's Telegram webhook, as Telegram delivers updates: a text, or a
// press of a button they were shown. Replies are the sendMessage in the webhook's response plus
// whatever the worker sent to that chat through the (fake) Bot API meanwhile.
export const WEBHOOK_SECRET = 'bench-webhook-secret-for-the-benchmark-01';

let updateId = 1_000_000;

export function textUpdate(userId, text, id = ++updateId) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 1_700_000_000,
      from: { id: userId, is_bot: false, first_name: '基准' },
      chat: { id: userId, type: 'private' },
      text,
    },
  };
}

export function pressUpdate(userId, callbackData, id = ++updateId) {
  return {
    update_id: id,
    callback_query: {
      id: `cb${id}`,
      from: { id: userId, is_bot: false, first_name: '基准' },
      message: { message_id: 1, date: 1_700_000_000, chat: { id: userId, type: 'private' }, text: '…' },
      chat_instance: '1',
      data: callbackData,
    },
  };
}

const toMessage = (body) => ({
  text: String(body.text ?? ''),
  buttons: (body.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => ({ label: b.text, data: b.callback_data })),
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one update to `inst`'s /hooks/telegram; resolves to the HTTP status and the replies: the
 * sendMessage in the webhook's answer, or else what reaches the chat through the (fake) Bot API —
 * during the request, or after it when the worker sends later (an outbox, a queue): then it waits
 * up to `timeoutMs` for a first message and, with `quietMs`, for the ones after it.
 */
export async function deliver(inst, update, { metered = false, quietMs = 0, timeoutMs = 10_000 } = {}) {
  const chat = String(update.message?.chat.id ?? update.callback_query?.message.chat.id);
  const before = inst.fake.sentTo(chat).length;
  const res = await inst.request(
    '/hooks/telegram',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    },
    { metered },
  );
  const body = await res.text();
  let inline = null;
  if (res.status === 200) {
    try {
      const json = JSON.parse(body);
      if (json.method === 'sendMessage') inline = toMessage(json);
    } catch {}
  }
  if (res.status === 200 && !inline) {
    const t0 = performance.now();
    let seen = inst.fake.sentTo(chat).length;
    let lastAt = seen > before ? performance.now() : 0;
    while (performance.now() - t0 < timeoutMs) {
      const n = inst.fake.sentTo(chat).length;
      if (n !== seen) {
        seen = n;
        lastAt = performance.now();
      }
      if (seen > before && performance.now() - lastAt >= quietMs) break;
      await sleep(seen > before ? Math.min(50, quietMs || 50) : 10);
    }
  }
  const replies = inst.fake.sentTo(chat).slice(before).map(toMessage);
  if (inline) replies.push(inline);
  return { status: res.status, body, replies };
}

/** One chat with a bot: remembers the buttons it was last shown, so it can press them. */
export class Person {
  constructor(inst, userId) {
    this.inst = inst;
    this.userId = userId;
    this.recent = [];
  }
  async say(text, opts) {
    const r = await deliver(this.inst, textUpdate(this.userId, text), { quietMs: 400, ...opts });
    if (r.replies.length) this.recent = r.replies;
    return r;
  }
  /** Presses the latest button labelled (or sending) `label`, with the callback_data it carries. */
  async press(label, opts) {
    let data;
    for (const m of [...this.recent].reverse()) {
      const b = m.buttons.find((x) => x.label === label) ?? m.buttons.find((x) => x.data.endsWith(label));
      if (b) {
        data = b.data;
        break;
      }
    }
    if (data === undefined) throw new Error(`no button 「${label}」 in: ${this.lastText()}`);
    const r = await deliver(this.inst, pressUpdate(this.userId, data), { quietMs: 400, ...opts });
    if (r.replies.length) this.recent = r.replies;
    return r;
  }
  lastText() {
    return this.recent.at(-1)?.text ?? '';
  }
}
