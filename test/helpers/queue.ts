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
  /**
   * Runs the held fan-out jobs (and those they enqueue) through the queue handler, then delivers the
   * outbox. Delivery jobs themselves are tested in test/outbox.test.ts.
   */
  run(extra?: Partial<Env>): Promise<{ retried: number }>;
}

export function heldQueue(): HeldQueue {
  const jobs: Job[] = [];
  const binding = {
    async send(body: Job) {
      jobs.push(body);
    },
    async sendBatch(messages: Iterable<{ body: Job }>) {
      for (const m of messages) jobs.push(m.body);
    },
  } as unknown as Queue;
  let n = 0;
  return {
    binding,
    jobs,
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
