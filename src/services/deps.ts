// What the services need from the outside world, for one request or one cron run: the database,
// the settings, the time, the public address for links, and a way to message someone's chat.
import type { Reply } from '../engine/reply';

export interface Deps {
  db: D1Database;
  env: Env;
  now: Date;
  /** Public base URL for links, e.g. https://nianbao.example.gov.cn */
  origin: string;
  /** Sends messages to a person's chat unprompted (notices, returns, reminders). */
  notify: (platform: string, chatId: string, replies: Reply[]) => Promise<void>;
}
