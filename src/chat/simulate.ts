// Requests exactly as each platform sends them — signed, and encrypted where the platform
// encrypts — built from a person's text or button press. For the local chat page (DEV_MODE) and the
// tests; production never calls this.
import { dingSign } from './crypto/dingtalk';
import { larkEncrypt, larkSignature } from './crypto/feishu';
import { wxEncrypt, wxKeyBytes, wxSignature } from './crypto/wxcrypt';

export interface Simulated {
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

export interface SimulateOptions {
  /** Platform event id; unique by default. */
  id?: string;
  /** Seconds (WeCom, Feishu) or milliseconds (DingTalk) since the epoch; now by default. */
  ts?: number;
  press?: boolean;
}

let counter = 0;
const uniqueId = () => `${Date.now()}${(++counter).toString().padStart(4, '0')}`;
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export async function wecomRequest(
  cfg: { token: string; aesKey: string; corpId: string; agentId?: string },
  user: string,
  text: string,
  opts: SimulateOptions & { corpId?: string } = {},
): Promise<Simulated> {
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const inner = `<xml><ToUserName>${cdata(cfg.corpId)}</ToUserName><FromUserName>${cdata(user)}</FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(text)}</Content><MsgId>${opts.id ?? uniqueId()}</MsgId><AgentID>${cfg.agentId ?? '1'}</AgentID></xml>`;
  const encrypted = await wxEncrypt(wxKeyBytes(cfg.aesKey)!, inner, opts.corpId ?? cfg.corpId);
  const signature = await wxSignature(cfg.token, ts, nonce, encrypted);
  return {
    path: `/hooks/wecom?msg_signature=${signature}&timestamp=${ts}&nonce=${nonce}`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: `<xml><ToUserName>${cdata(cfg.corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata(cfg.agentId ?? '1')}</AgentID></xml>`,
    },
  };
}

export async function dingtalkRequest(
  cfg: { appSecret: string; sessionBase: string },
  user: string,
  text: string,
  opts: SimulateOptions & { secret?: string; sessionWebhook?: string } = {},
): Promise<Simulated> {
  const timestamp = String(opts.ts ?? Date.now());
  const body = {
    conversationId: `cid${user}`,
    msgId: opts.id ?? `msg${uniqueId()}`,
    senderNick: '测试',
    senderStaffId: user,
    senderId: `$:LWCP_v1:$${user}`,
    conversationType: '1',
    sessionWebhook:
      opts.sessionWebhook ?? `${cfg.sessionBase}robot/sendBySession?session=${encodeURIComponent(user)}`,
    sessionWebhookExpiredTime: Date.now() + 5_400_000,
    text: { content: text },
    msgtype: 'text',
  };
  return {
    path: '/hooks/dingtalk',
    init: {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        timestamp,
        sign: await dingSign(opts.secret ?? cfg.appSecret, timestamp),
      },
      body: JSON.stringify(body),
    },
  };
}

export function larkEvent(
  cfg: { verificationToken: string },
  openId: string,
  text: string,
  opts: SimulateOptions = {},
) {
  const id = opts.id ?? `ev${uniqueId()}`;
  const header = {
    event_id: id,
    token: cfg.verificationToken,
    create_time: String(Date.now()),
    tenant_key: 't',
    app_id: 'cli',
  };
  return opts.press
    ? {
        schema: '2.0',
        header: { ...header, event_type: 'card.action.trigger' },
        event: {
          operator: { open_id: openId },
          action: { value: { d: text }, tag: 'button' },
          host: 'im_message',
        },
      }
    : {
        schema: '2.0',
        header: { ...header, event_type: 'im.message.receive_v1' },
        event: {
          sender: { sender_id: { open_id: openId }, sender_type: 'user' },
          message: {
            message_id: `om${id}`,
            chat_type: 'p2p',
            message_type: 'text',
            content: JSON.stringify({ text }),
          },
        },
      };
}

export async function feishuRequest(
  cfg: { encryptKey: string },
  event: unknown,
  opts: SimulateOptions & { signed?: boolean; encryptKey?: string } = {},
): Promise<Simulated> {
  const body = JSON.stringify({
    encrypt: await larkEncrypt(opts.encryptKey ?? cfg.encryptKey, JSON.stringify(event)),
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.signed !== false) {
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    headers['X-Lark-Request-Timestamp'] = ts;
    headers['X-Lark-Request-Nonce'] = nonce;
    headers['X-Lark-Signature'] = await larkSignature(
      ts,
      nonce,
      cfg.encryptKey,
      new TextEncoder().encode(body),
    );
  }
  return { path: '/hooks/feishu', init: { method: 'POST', headers, body } };
}

/** What a person sees of a bot message on a platform: its text and the buttons (or typed choices). */
export interface Seen {
  text: string;
  buttons: { label: string; data: string }[];
}

/** A WeCom text back into messages; the "可回复：" line becomes buttons of what to type. */
export function readWecomText(content: string): Seen[] {
  return content.split('\n\n————\n\n').map((part) => {
    const m = /\n\n可回复：(.*)$/.exec(part);
    const buttons = m ? m[1]!.split(' ｜ ').map((x) => ({ label: x, data: x.replace(/（.*）$/, '') })) : [];
    return { text: m ? part.slice(0, m.index) : part, buttons };
  });
}

/** A DingTalk markdown message: its text, and its dtmd:// links as buttons. */
export function readDingMarkdown(markdown: string): Seen {
  const buttons = [
    ...markdown.matchAll(/\[([^\]]*)\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]*)\)/g),
  ].map((m) => ({
    label: m[1]!.replace(/\\(.)/g, '$1'),
    data: decodeURIComponent(m[2]!),
  }));
  const text = markdown
    .replace(/\n\n\[[\s\S]*$/, '')
    .replace(/ {2}\n/g, '\n')
    .replace(/\\(.)/g, '$1');
  return { text, buttons };
}

/** A Feishu im/v1 message body: text, or an interactive card's text and buttons. */
export function readLarkMessage(body: { msg_type: string; content: string }): Seen {
  const content = JSON.parse(body.content);
  if (body.msg_type === 'text') return { text: content.text, buttons: [] };
  const buttons = (
    content.elements as { tag: string; actions?: { text: { content: string }; value: { d: string } }[] }[]
  )
    .flatMap((e) => e.actions ?? [])
    .map((a) => ({ label: a.text.content, data: a.value.d }));
  return { text: content.elements[0].text.content, buttons };
}
