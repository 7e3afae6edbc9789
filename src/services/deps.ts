// What the services need from the outside world, for one request, one queue message or one cron run:
// the database, the settings, the time, the public address for links, and the queue (deliveries of
// the outbox, and fan-outs too large for one invocation).
import type { Job } from './jobs';

export interface Deps {
  db: D1Database;
  env: Env;
  now: Date;
  /** Public base URL for links, e.g. https://nianbao.example.gov.cn */
  origin: string;
  /** Hands jobs to the queue (after the batch that needs them has committed). */
  queue: (jobs: Job[]) => void;
}
