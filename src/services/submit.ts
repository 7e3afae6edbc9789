// Submitting a report, the same from chat and from the web form: the writes (a new version with a
// snapshot, never an edit in place) and, after commit, the supervisors' notification with a link.
import { formOf } from '../../forms';
import { toReport, type DraftReport } from '../engine/draft';
import { summarize } from '../engine/summary';
import type { Member } from '../db/people';
import { supervisorsAbove } from '../db/people';
import { submissionCount, writeReport, type StoredReport } from '../db/reports';
import { normaliseReport } from '../report/json';
import { NOTICE_COPY as T } from './copy';
import type { Deps } from './deps';
import { reportUrl } from './links';

export function submitWrites(
  deps: Pick<Deps, 'db' | 'now'>,
  stored: StoredReport,
  member: Member,
  channel: string,
  previous?: DraftReport,
): D1PreparedStatement[] {
  const form = formOf(stored.draft.report);
  return writeReport(deps.db, {
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
}

/** After the submission committed: tells every supervisor above the body; returns the link and how many were told. */
export async function notifySubmitted(
  deps: Deps,
  stored: StoredReport,
  member: Member,
): Promise<{ url: string; notified: number }> {
  const version = stored.version + 1;
  const url = await reportUrl(deps, stored.id, version);
  const [above, times] = await Promise.all([
    supervisorsAbove(deps.db, member.orgPath),
    submissionCount(deps.db, stored.id),
  ]);
  const recipients = above.filter((r) => r.personId !== member.personId);
  // People count submissions (第 2 次提交), not the saves that came between them.
  const message = [{ text: T.submitted(member.orgName, stored.year, times, url) }];
  const sent = await Promise.allSettled(recipients.map((r) => deps.notify(r.platform, r.chatId, message)));
  for (const s of sent) if (s.status === 'rejected') console.error('notify failed', s.reason);
  return { url, notified: new Set(recipients.map((r) => r.personId)).size };
}
