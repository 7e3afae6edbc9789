// Submitting a report, the same from chat and from the web form: the writes (a new version with a
// snapshot, never an edit in place) and, in the same batch, the notices to every supervisor above
// the body with a link to the compiled report.
import { formOf } from '../../forms';
import { toReport, type DraftReport } from '../engine/draft';
import { summarize } from '../engine/summary';
import type { Member } from '../db/people';
import { supervisorsAbove } from '../db/people';
import { submissionCount, writeReport, type StoredReport } from '../db/reports';
import { normaliseReport } from '../report/json';
import { NOTICE_COPY as T } from './copy';
import type { Deps } from './deps';
import { reportUrl, shownLink } from './links';
import type { Job } from './jobs';
import type { Post } from './posts';
import { recheckNextYear } from './recheck';

export interface Submission {
  writes: D1PreparedStatement[];
  /** The supervisors' notices, to go in the same batch. */
  posts: Post[];
  /** For the queue once committed: the Word file of the new version. */
  jobs: Job[];
  /** The compiled report of the submitted version (null: links cannot be made here). */
  url: string | null;
  /** Supervisors told. */
  notified: number;
}

/** Everything a submission writes and sends, read and decided before its one batch. */
export async function submission(
  deps: Pick<Deps, 'db' | 'env' | 'now' | 'origin'>,
  stored: StoredReport,
  member: Member,
  channel: string,
  previous?: DraftReport,
): Promise<Submission> {
  const form = formOf(stored.draft.report);
  const version = stored.version + 1;
  const [above, before, url, recheck] = await Promise.all([
    supervisorsAbove(deps.db, member.orgPath),
    submissionCount(deps.db, stored.id),
    reportUrl(deps, stored.id, version),
    // Next year's report, if there is one already, is checked against this one.
    recheckNextYear(deps.db, stored.orgId, stored.draft.report),
  ]);
  const report = writeReport(deps.db, {
    id: stored.id,
    baseVersion: stored.version,
    draft: stored.draft,
    status: 'submitted',
    action: 'submit',
    personId: member.personId,
    channel,
    changes: {},
    // The title carries the body's full official name as it is now.
    snapshot: normaliseReport(form, {
      ...toReport(form, stored.draft),
      org: { name: member.orgFullName, kind: member.orgKind },
    }),
    summary: summarize(form, stored.draft, member.orgKind, previous),
    now: deps.now.toISOString(),
  });
  const writes = [...report, ...recheck];
  const recipients = above.filter((r) => r.personId !== member.personId);
  // People count submissions (第 2 次提交), not the saves that came between them.
  const text = T.submitted(member.orgName, stored.year, before + 1, shownLink(url));
  const posts: Post[] = recipients.map((r) => ({
    platform: r.platform,
    chatId: r.chatId,
    replies: [{ text }],
    purpose: 'notice',
    orgId: member.orgId,
  }));
  const jobs: Job[] = [{ type: 'render', reportId: stored.id, version }];
  return { writes, posts, jobs, url, notified: new Set(recipients.map((r) => r.personId)).size };
}
