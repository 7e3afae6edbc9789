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
import { countUse } from '../db/outbox';
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

/**
 * A save that did not happen: other writes won the race every time (`busy`), or the report was
 * submitted meanwhile (`submitted`, with the report as it is now). Nothing of it was written.
 */
export interface NotSaved {
  reason: 'busy' | 'submitted';
  stored: StoredReport;
}

export type SaveResult = ({ ok: true } & Saved) | ({ ok: false } & NotSaved);

/** Tries of a save racing other writes before it gives up (answered "try again", never a 500). */
const SAVE_ATTEMPTS = 4;

/** Merges edits into the draft as it is now and writes a new version; retried if someone else wrote meanwhile. */
export async function saveEdits(
  db: D1Database,
  ctx: FormContext,
  edits: Edits,
  now: Date,
): Promise<SaveResult> {
  let stored = ctx.stored;
  for (let attempt = 1; ; attempt++) {
    const merged = mergeEdits(ctx.form, stored.draft, edits);
    if (Object.keys(merged.changes).length === 0) return { ok: true, stored, conflicts: merged.conflicts };
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
        ok: true,
        stored: { ...stored, draft: merged.draft, version: stored.version + 1 },
        conflicts: merged.conflicts,
      };
    } catch (err) {
      if (classifyWriteError(err) !== 'conflict') throw err;
      const row = await reportByOrgYear(db, stored.orgId, stored.year).first<ReportRow>();
      if (!row) throw err;
      stored = toStoredReport(row);
      if (stored.status === 'submitted') return { ok: false, reason: 'submitted', stored };
      if (attempt >= SAVE_ATTEMPTS) return { ok: false, reason: 'busy', stored };
    }
  }
}

/** Saves one form link may make in a minute: far above a person typing (a save a second at most). */
export const SAVES_PER_MINUTE = 120;

/**
 * Counts a save through a form link (its body, year and person), per minute; false once the link
 * has saved more than SAVES_PER_MINUTE times this minute. Old minutes are cleared by the cron.
 */
export async function allowSave(
  db: D1Database,
  link: { o: number; y: number; p: number },
  now: Date,
): Promise<boolean> {
  const minute = now.toISOString().slice(0, 16);
  const row = await countUse(db, `form:${link.o}:${link.y}:${link.p}`, minute).first<{ count: number }>();
  return (row?.count ?? 0) <= SAVES_PER_MINUTE;
}
