// The web form's data access: what a form link opens (the person, the body, the draft and last
// year's report), and saving merged edits with the optimistic version, retried on a race.
import { FORMS, formOf, type Form } from '../../forms';
import type { Member, MemberRow } from '../db/people';
import { memberById, toMember } from '../db/people';
import {
  insertReportIfMissing,
  reportByOrgYear,
  toStoredReport,
  writeReport,
  type ReportRow,
  type StoredReport,
} from '../db/reports';
import { classifyWriteError } from '../db/events';
import { mergeEdits, type Conflict, type Edits } from '../engine/edits';
import { newDraft, type DraftReport } from '../engine/draft';
import { summarize } from '../engine/summary';

export interface FormContext {
  member: Member;
  stored: StoredReport;
  /** The version of the format the draft is written in. */
  form: Form;
  previous?: DraftReport;
}

/** Loads what a form link opens; null when the person is gone or no longer at that body. */
export async function loadForm(
  db: D1Database,
  link: { o: number; y: number; p: number },
): Promise<FormContext | null> {
  const [person, current, previous] = await db.batch([
    memberById(db, link.p),
    reportByOrgYear(db, link.o, link.y),
    reportByOrgYear(db, link.o, link.y - 1),
  ]);
  const row = person!.results[0] as MemberRow | undefined;
  if (!row || row.org_id !== link.o) return null;
  const member = toMember(row);
  let report = current!.results[0] as ReportRow | undefined;
  if (!report) {
    const form = FORMS.forYear(link.y);
    const draft = newDraft(form, { name: member.orgFullName, kind: member.orgKind }, link.y);
    const [, created] = await db.batch([
      insertReportIfMissing(
        db,
        link.o,
        link.y,
        draft,
        member.personId,
        'web',
        summarize(form, draft, member.orgKind),
      ),
      reportByOrgYear(db, link.o, link.y),
    ]);
    report = created!.results[0] as ReportRow;
  }
  const prev = previous!.results[0] as ReportRow | undefined;
  const stored = toStoredReport(report);
  return {
    member,
    stored,
    form: formOf(stored.draft.report),
    previous: prev ? toStoredReport(prev).draft.report : undefined,
  };
}

export interface Saved {
  stored: StoredReport;
  conflicts: Conflict[];
}

/** Merges edits into the draft as it is now and writes a new version; retried if someone else wrote meanwhile. */
export async function saveEdits(db: D1Database, ctx: FormContext, edits: Edits, now: Date): Promise<Saved> {
  let stored = ctx.stored;
  for (let attempt = 1; ; attempt++) {
    const merged = mergeEdits(ctx.form, stored.draft, edits);
    if (Object.keys(merged.changes).length === 0) return { stored, conflicts: merged.conflicts };
    try {
      await db.batch(
        writeReport(db, {
          id: stored.id,
          baseVersion: stored.version,
          draft: merged.draft,
          status: stored.status === 'returned' ? 'returned' : 'draft',
          action: 'edit',
          personId: ctx.member.personId,
          channel: 'web',
          changes: merged.changes,
          summary: summarize(ctx.form, merged.draft, ctx.member.orgKind, ctx.previous),
          now: now.toISOString(),
        }),
      );
      return {
        stored: { ...stored, draft: merged.draft, version: stored.version + 1 },
        conflicts: merged.conflicts,
      };
    } catch (err) {
      if (classifyWriteError(err) !== 'conflict' || attempt >= 4) throw err;
      const row = await reportByOrgYear(db, stored.orgId, stored.year).first<ReportRow>();
      stored = toStoredReport(row!);
      if (stored.status === 'submitted') throw new Error('report was submitted meanwhile');
    }
  }
}
