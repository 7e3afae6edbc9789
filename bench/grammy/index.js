// A grammY bot with D1-backed sessions, as grammY's docs set one up on Cloudflare Workers: the
// webhook adapter for module workers, one session read and one session write per update, and the
// reply through the Bot API (TELEGRAM_API_BASE, a local fake in the benchmark).
import { Bot, session, webhookCallback } from 'grammy';

/** grammY's StorageAdapter over one D1 table. */
class D1Storage {
  constructor(db) {
    this.db = db;
  }
  async read(key) {
    const row = await this.db.prepare('SELECT value FROM sessions WHERE key = ?1').bind(key).first();
    return row ? JSON.parse(row.value) : undefined;
  }
  async write(key, value) {
    await this.db
      .prepare(
        'INSERT INTO sessions (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .bind(key, JSON.stringify(value))
      .run();
  }
  async delete(key) {
    await this.db.prepare('DELETE FROM sessions WHERE key = ?1').bind(key).run();
  }
}

function createBot(env) {
  const bot = new Bot(env.TELEGRAM_BOT_TOKEN, {
    // Known in advance, so no getMe call on a cold start.
    botInfo: {
      id: 1,
      is_bot: true,
      first_name: 'bench',
      username: 'bench_bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    },
    client: { apiRoot: env.TELEGRAM_API_BASE },
  });
  bot.use(session({ initial: () => ({ step: 0, answers: [] }), storage: new D1Storage(env.DB) }));
  bot.on('message:text', async (ctx) => {
    const text = ctx.message.text.trim();
    if (!/^\d{1,9}$/.test(text)) return ctx.reply('请输入一个整数。');
    ctx.session.step += 1;
    ctx.session.answers.push(Number(text));
    await ctx.reply(`已记下 ${Number(text)}。第 ${ctx.session.step + 1} 题：本年新收的申请有多少件？`);
  });
  return webhookCallback(bot, 'cloudflare-mod', { secretToken: env.TELEGRAM_WEBHOOK_SECRET });
}

let handler;

export default {
  fetch(request, env, ctx) {
    handler ??= createBot(env);
    return handler(request, env, ctx);
  },
};
