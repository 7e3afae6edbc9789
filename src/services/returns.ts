// Returning a submitted report with a comment: a new version (never an edit in place), and the
// body's officials told in chat with the comment and a link to continue (in the same batch).
import { formOf, type OrgKind } from '../../forms';
import { classifyWriteError } from '../db/events';
import type { Member } from '../db/people';
import { lastYearsReport, reportByOrgYear, toStoredReport, writeReport, type ReportRow } from '../db/reports';
import { officialsOf } from '../db/supervision';
import { summarize } from '../engine/summary';
import { NOTICE_COPY as T } from './copy';
import type { Deps } from './deps';
import { linkUrl, shownLink } from './links';
import { Batch, type Post } from './posts';

export type ReturnResult =
  { ok: true; notified: number } | { ok: false; reason: 'notSubmitted' | 'conflict' };

export async function returnReport(
  deps: Deps,
  supervisor: Member,
  org: { id: number; name: string; kind: OrgKind },
  year: number,
  comment: string,
): Promise<ReturnResult> {
  const row = await reportByOrgYear(deps.db, org.id, year).first<ReportRow>();
  if (!row || row.status !== 'submitted') return { ok: false, reason: 'notSubmitted' };
  const stored = toStoredReport(row);
  const [officials, previous] = await Promise.all([
    officialsOf(deps.db, org.id),
    lastYearsReport(deps.db, org.id, year),
  ]);
  const posts = await Promise.all(
    officials.map(async (o): Promise<Post> => {
      const url = await linkUrl(deps, { k: 'f', o: org.id, y: year, p: o.person_id });
      return {
        platform: o.platform,
        chatId: o.chat_id,
        replies: [
          {
            text: T.returned(supervisor.orgName, org.name, year, comment, shownLink(url)),
            buttons: [[{ label: T.continueButton, data: `/fill ${year}` }]],
          },
        ],
        purpose: 'return',
        orgId: org.id,
      };
    }),
  );
  const writes = writeReport(deps.db, {
    id: stored.id,
    baseVersion: stored.version,
    draft: stored.draft,
    status: 'returned',
    action: 'return',
    personId: supervisor.personId,
    channel: 'web',
    changes: {},
    comment,
    // The returned report keeps its year-on-year warnings (rules 6–9) in the counts supervisors see.
    summary: summarize(formOf(stored.draft.report), stored.draft, org.kind, previous),
    now: deps.now.toISOString(),
  });
  try {
    // The return and the officials' notices are one batch: told exactly when it is returned.
    await new Batch(deps, writes).post(...posts).commit();
  } catch (err) {
    if (classifyWriteError(err) === 'conflict') return { ok: false, reason: 'conflict' };
    throw err;
  }
  return { ok: true, notified: new Set(officials.map((o) => o.person_id)).size };
}
