// The queue, held in the test: what the Worker enqueues is kept here instead of going to the local
// queue, and run when the test says — through the Worker's own queue handler, a batch at a time, as
// the platform would deliver it. (The real local queue is tested end to end in test/outbox.test.ts.)
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import worker from '../../src/index';
import type { Job } from '../../src/services/jobs';
import { drainOutbox } from '../worker';

export interface HeldQueue {
  /** An OUTBOX binding that keeps what is sent to it. */
  binding: Queue;
  jobs: Job[];
  /** Calls of send and sendBatch (each one request to the queue). */
  sends: { calls: number };
  /**
   * Runs the held fan-out jobs (and those they enqueue) through the queue handler, then delivers the
   * outbox. Delivery jobs themselves are tested in test/outbox.test.ts.
   */
  run(extra?: Partial<Env>): Promise<{ retried: number }>;
}

/** Cloudflare Queues: a message is at most 128 KB. */
function within(body: Job): Job {
  const bytes = JSON.stringify(body).length;
  if (bytes > 128 * 1024) throw new Error(`queue message of ${bytes} bytes (limit 128 KB)`);
  return body;
}

export function heldQueue(): HeldQueue {
  const jobs: Job[] = [];
  const sends = { calls: 0 };
  const binding = {
    async send(body: Job) {
      sends.calls++;
      jobs.push(within(body));
    },
    async sendBatch(messages: Iterable<{ body: Job }>) {
      sends.calls++;
      const list = [...messages];
      // Cloudflare Queues: at most 100 messages and 256 KB per sendBatch.
      if (list.length > 100) throw new Error(`sendBatch of ${list.length} messages (limit 100)`);
      const bytes = list.reduce((n, m) => n + JSON.stringify(m.body).length, 0);
      if (bytes > 256 * 1024) throw new Error(`sendBatch of ${bytes} bytes (limit 256 KB)`);
      for (const m of list) jobs.push(within(m.body));
    },
  } as unknown as Queue;
  let n = 0;
  return {
    binding,
    jobs,
    sends,
    async run(extra = {}) {
      let retried = 0;
      for (let round = 0; round < 100 && jobs.length; round++) {
        const job = jobs.shift()!;
        // Deliveries are drained below, through the same deliver() (a backoff would loop here).
        if (job.type === 'deliver') continue;
        const batch = createMessageBatch('nianbao-outbox', [
          { id: `held-${++n}`, timestamp: new Date(), attempts: 1, body: job },
        ]);
        const ctx = createExecutionContext();
        await worker.queue!(batch as MessageBatch<Job>, { ...env, ...extra, OUTBOX: binding }, ctx);
        const result = await getQueueResult(batch, ctx);
        retried += result.retryMessages.length;
      }
      await drainOutbox();
      return { retried };
    },
  };
}
