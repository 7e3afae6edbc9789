// The Worker's entry: HTTP goes to the Hono app; the cron trigger sends the deadline reminders.
import { app } from './app';
import { notifier, platformContext } from './http/hooks';
import { reminderSettings, runReminders } from './services/reminders';

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const notify = notifier(platformContext(env, (p) => ctx.waitUntil(p)));
    ctx.waitUntil(
      runReminders(
        { db: env.DB, now: new Date(controller.scheduledTime), notify },
        reminderSettings(env),
      ).then((r) => console.log('reminders', JSON.stringify(r))),
    );
  },
} satisfies ExportedHandler<Env>;
