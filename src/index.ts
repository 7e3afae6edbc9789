// The Worker's entry: HTTP goes to the Hono app; the cron trigger sends the deadline reminders.
import { app } from './app';
import { platformContext } from './http/hooks';
import { adapters } from './chat/adapters';
import { reminderSettings, runReminders } from './services/reminders';

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const platform = platformContext(env);
    const notify = async (
      name: string,
      chatId: string,
      replies: Parameters<(typeof adapters)[string]['send']>[1],
    ) => {
      const adapter = adapters[name];
      if (adapter) await adapter.send(chatId, replies, platform);
    };
    ctx.waitUntil(
      runReminders(
        { db: env.DB, now: new Date(controller.scheduledTime), notify },
        reminderSettings(env),
      ).then((r) => console.log('reminders', JSON.stringify(r))),
    );
  },
} satisfies ExportedHandler<Env>;
