// The Worker's entry: HTTP goes to the Hono app; the queue delivers the outbox and runs the fan-outs
// (reminders to many bodies); the cron triggers sweep the outbox for strays and send the reminders.
import { app } from './app';
import { deliver } from './chat/delivery';
import { forgetOld, forgetOldest, GROWING_TABLES, strays } from './db/outbox';
import { keepUnstartedOf } from './db/status';
import { defaultYear } from './engine/calendar';
import { enqueuer, platformContext } from './http/hooks';
import type { Deps } from './services/deps';
import { deliveryJobs, requestBudget, type Job } from './services/jobs';
import { reminderSettings, remindBodies, remindSupervisors, runReminders } from './services/reminders';

/** Stray messages re-enqueued per sweep (the rest wait for the next one). */
const SWEEP_LIMIT = 1000;
/** Nonces and rate counters are kept this long (DingTalk's signature window is an hour). */
const KEEP_MS = 2 * 3600_000;
/** Rows of each growing table forgotten per trigger at most: a sweep every 5 minutes keeps up with 2.8 million a day. */
const FORGET_LIMIT = 10_000;

const logFailure = (what: string) => (err: unknown) => console.error(what, 'failed', err);

function origin(env: Env): string {
  return (env.PUBLIC_BASE_URL || 'http://localhost').replace(/\/+$/, '');
}

function backgroundDeps(env: Env, now: Date, waitUntil: (p: Promise<unknown>) => void): Deps {
  return { db: env.DB, env, now, origin: origin(env), queue: enqueuer(env, waitUntil) };
}

/** The reporting year's not-started bodies kept (filled once a season); never at the sweep's cost. */
async function keepSeasonUnstarted(db: D1Database, now: Date): Promise<void> {
  try {
    if (await keepUnstartedOf(db, defaultYear(now)))
      console.log('kept the not-started bodies of', defaultYear(now));
  } catch (err) {
    // The next sweep tries again, and a dashboard view of the year fills it itself.
    console.error('could not keep the not-started bodies', err);
  }
}

/** One queue message's work, within one invocation's limits. */
async function runJob(job: Job, env: Env, ctx: ExecutionContext): Promise<void> {
  const deps = backgroundDeps(env, new Date('at' in job ? job.at : Date.now()), (p) => ctx.waitUntil(p));
  switch (job.type) {
    case 'deliver': {
      const platform = platformContext(env, (p) => ctx.waitUntil(p));
      const done = await deliver(platform, env.DB, job.ids, { requests: requestBudget(env) });
      console.log('delivered', JSON.stringify(done));
      // What waits for a backoff (or for the next invocation's budget) is enqueued again, delayed.
      if (done.retryIn !== null)
        await env.OUTBOX.send(job, { delaySeconds: Math.min(Math.max(done.retryIn, 1), 43_200) });
      return;
    }
    case 'remind':
      console.log('reminded', JSON.stringify(await remindBodies(deps, job.orgIds, job.year)));
      return;
    case 'remindSupervisors':
      console.log('supervisors reminded', await remindSupervisors(deps, job.personIds, job.year));
      return;
    case 'render': {
      // The Word writer is loaded only by the invocations that render (see src/app.ts on startup).
      const { renderDocxOf } = await import('./services/docx');
      if (!(await renderDocxOf(env, job.reportId, job.version)))
        console.warn('no Word file for a version that cannot be read', job.reportId, job.version);
      return;
    }
  }
}

export default {
  fetch: app.fetch,

  async queue(batch, env, ctx) {
    for (const message of batch.messages) {
      try {
        await runJob(message.body, env, ctx);
        message.ack();
      } catch (err) {
        // The outbox keeps every message until it is sent; a job that failed is tried again by the
        // queue, and what it left pending is found by the sweep.
        console.error('queue job failed', message.body.type, err);
        message.retry({ delaySeconds: 30 });
      }
    }
  },

  async scheduled(controller, env, ctx) {
    const now = new Date(controller.scheduledTime);
    const waitUntil = (p: Promise<unknown>) => ctx.waitUntil(p);
    const deps = backgroundDeps(env, now, waitUntil);
    const sweepOnly = Boolean(env.SWEEP_CRON) && controller.cron === env.SWEEP_CRON;
    // Every trigger: messages whose queue message was lost are enqueued again; old nonces, handled
    // events, reminders' days and sent messages forgotten (housekeeping: a failure is logged and
    // tried again at the next trigger, never the sweep's). The sweep's trigger also keeps the
    // reporting year's not-started bodies before a supervisor first asks for them (filling them, once
    // a season, reads every body: not in the reminders' invocation).
    const [ids] = await Promise.all([
      strays(env.DB, now, SWEEP_LIMIT),
      env.DB.batch(forgetOld(env.DB, new Date(now.getTime() - KEEP_MS).toISOString())).catch(
        logFailure('forgetting old nonces'),
      ),
      ...GROWING_TABLES.map((rows) =>
        forgetOldest(env.DB, rows, now, FORGET_LIMIT).catch(logFailure(`forgetting old ${rows.table}`)),
      ),
      sweepOnly || !env.SWEEP_CRON ? keepSeasonUnstarted(env.DB, now) : undefined,
    ]);
    if (ids.length) {
      console.log('sweep', ids.length, 'stray messages');
      deps.queue(deliveryJobs(env, ids));
    }
    // The sweep's own trigger does nothing else; any other sends the reminders that are due.
    if (sweepOnly) return;
    const done = await runReminders(deps, reminderSettings(env));
    console.log('reminders', JSON.stringify(done));
  },
} satisfies ExportedHandler<Env, Job>;
