// Messages to send, written to the outbox in the same batch as the change that causes them, and the
// batch that carries both: committed together, then the new messages handed to the queue.
import type { Reply } from '../engine/reply';
import { insertPost, type Purpose } from '../db/outbox';
import type { Deps } from './deps';
import { deliveryJobs, type Job } from './jobs';

export interface Post {
  platform: string;
  chatId: string;
  replies: Reply[];
  purpose: Purpose;
  /** The body it is about (a supervisor sees its failed messages). */
  orgId?: number | null;
  /** Where the platform wants a reply to a message (DingTalk's sessionWebhook). */
  replyTo?: string;
}

/** Statements to run as one batch, some of them messages to send once it has committed. */
export class Batch {
  private readonly statements: D1PreparedStatement[] = [];
  private readonly posts: number[] = [];
  private readonly jobs: Job[] = [];

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'env' | 'now' | 'queue'>,
    statements: readonly D1PreparedStatement[] = [],
  ) {
    this.statements.push(...statements);
  }

  add(...statements: D1PreparedStatement[]): this {
    this.statements.push(...statements);
    return this;
  }

  post(...posts: Post[]): this {
    for (const p of posts) {
      if (p.replies.length === 0) continue;
      this.posts.push(this.statements.length);
      this.statements.push(
        insertPost(this.deps.db, { ...p, payload: JSON.stringify(p.replies) }, this.deps.now.toISOString()),
      );
    }
    return this;
  }

  /** Work for the queue once the batch has committed (rendering a submitted version, …). */
  enqueue(...jobs: Job[]): this {
    this.jobs.push(...jobs);
    return this;
  }

  /** Commits everything at once (throws as db.batch does), then hands the new messages to the queue. */
  async commit(): Promise<D1Result[]> {
    if (this.statements.length === 0) return [];
    const results = await this.deps.db.batch(this.statements);
    const ids = this.posts.map((i) => (results[i]!.results[0] as { id: number }).id);
    const jobs = [...(ids.length ? deliveryJobs(this.deps.env, ids) : []), ...this.jobs];
    if (jobs.length) this.deps.queue(jobs);
    return results;
  }
}
