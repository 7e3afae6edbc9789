// Returning a submitted report with a comment: a new version (never an edit in place), and the
// body's officials told in chat with the comment and a link to continue.
import { formOf, type OrgKind } from '../../forms';
import { classifyWriteError } from '../db/events';
import type { Member } from '../db/people';
import { reportByOrgYear, toStoredReport, writeReport, type ReportRow } from '../db/reports';
import { officialsOf } from '../db/supervision';
import { summarize } from '../engine/summary';
import { NOTICE_COPY as T } from './copy';
import type { Deps } from './deps';
import { linkUrl } from './links';

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
  try {
    await deps.db.batch(
      writeReport(deps.db, {
        id: stored.id,
        baseVersion: stored.version,
        draft: stored.draft,
        status: 'returned',
        action: 'return',
        personId: supervisor.personId,
        channel: 'web',
        changes: {},
        comment,
        summary: summarize(formOf(stored.draft.report), stored.draft, org.kind),
        now: deps.now.toISOString(),
      }),
    );
  } catch (err) {
    if (classifyWriteError(err) === 'conflict') return { ok: false, reason: 'conflict' };
    throw err;
  }
  const officials = await officialsOf(deps.db, org.id);
  const sent = await Promise.allSettled(
    officials.map(async (o) => {
      const url = await linkUrl(deps, { k: 'f', o: org.id, y: year, p: o.person_id });
      await deps.notify(o.platform, o.chat_id, [
        {
          text: T.returned(supervisor.orgName, org.name, year, comment, url),
          buttons: [[{ label: T.continueButton, data: `/fill ${year}` }]],
        },
      ]);
    }),
  );
  for (const s of sent) if (s.status === 'rejected') console.error('notify failed', s.reason);
  return { ok: true, notified: new Set(officials.map((o) => o.person_id)).size };
}
