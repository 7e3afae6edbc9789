// The floor for the chat path: a Hono worker that verifies a Telegram update, does one D1 read and
// one D1 write (the chat's state), and answers with a sendMessage in the webhook response.
import { Hono } from 'hono';

const app = new Hono();

app.post('/hooks/telegram', async (c) => {
  if (c.req.header('X-Telegram-Bot-Api-Secret-Token') !== c.env.TELEGRAM_WEBHOOK_SECRET)
    return c.json({ error: 'bad secret' }, 401);
  const update = await c.req.json();
  const m = update?.message;
  if (!m?.from || !m.chat || typeof m.text !== 'string') return c.json({});
  const userId = String(m.from.id);
  const row = await c.env.DB.prepare('SELECT step, answers FROM sessions WHERE user_id = ?1')
    .bind(userId)
    .first();
  if (!row) return c.json({ method: 'sendMessage', chat_id: m.chat.id, text: '请先绑定。' });
  const text = m.text.trim();
  if (!/^\d{1,9}$/.test(text))
    return c.json({ method: 'sendMessage', chat_id: m.chat.id, text: '请输入一个整数。' });
  const step = row.step + 1;
  await c.env.DB.prepare('UPDATE sessions SET step = ?2, answers = ?3, updated_at = ?4 WHERE user_id = ?1')
    .bind(userId, step, `${row.answers}${row.answers ? ',' : ''}${text}`, new Date().toISOString())
    .run();
  return c.json({
    method: 'sendMessage',
    chat_id: m.chat.id,
    text: `已记下 ${Number(text)}。第 ${step + 1} 题：本年新收的申请有多少件？`,
  });
});

export default app;
