// A supervisor's verdict on each finding of a submitted report: confirmed (the report goes back to
// the body with the finding quoted, src/services/returns.ts) or dismissed with a reason. Verdicts are
// kept by finding key, so a finding that comes back unchanged in a later version keeps its verdict.
import { FORMS, type OrgKind, type Registry } from '../../forms';
import { lastYearsReport, snapshotAt } from '../db/reports';
import type { Member } from '../db/people';
import { partsOf } from '../db/supervision';
import { setVerdict, verdictsOf, type Verdict } from '../db/verdicts';
import { checkReport } from '../engine/check';
import { findingKey, type Finding } from '../engine/findings';
import { partsFindings } from '../engine/parts';
import { readStoredReport } from '../report/schema';
import { VERDICT_COPY as T } from './copy';
import type { Deps } from './deps';
import { returnReport } from './returns';

export interface Reviewed {
  finding: Finding;
  key: string;
  verdict?: Verdict;
}

/** A summing report's parts (rule 16): how many bodies are under it, and which have not submitted. */
export interface PartsSummary {
  bodies: number;
  missing: string[];
}

/** The sums of the parts of a summing report, by the cell paths of `form`. */
async function partsFor(db: D1Database, orgId: number, year: number, forms: Registry = FORMS) {
  const { bodies, sums } = await partsOf(db, orgId, year);
  const byPath = new Map<string, number>();
  for (const row of sums) {
    const cell = forms.of(row.version)?.cells[row.i];
    if (cell) byPath.set(cell.path, (byPath.get(cell.path) ?? 0) + row.sum);
  }
  const missing = bodies.filter((b) => !b.counted).map((b) => b.name);
  return { sums: byPath, bodies: bodies.length, missing };
}

/**
 * The findings of a body's submitted version (with last year's report), each with its verdict; for a
 * body whose report sums the bodies under it, rule 16 against their reports as well.
 */
export async function findingsWithVerdicts(
  db: D1Database,
  body: { id: number; org_id: number; version: number; year: number; sums_children?: number },
): Promise<{ findings: Reviewed[]; verdicts: Verdict[]; parts?: PartsSummary } | null> {
  const [snapshot, previous, verdicts, parts] = await Promise.all([
    snapshotAt(db, body.id, body.version),
    lastYearsReport(db, body.org_id, body.year),
    verdictsOf(db, body.id),
    body.sums_children ? partsFor(db, body.org_id, body.year) : undefined,
  ]);
  const parsed = snapshot ? readStoredReport(snapshot) : null;
  if (!parsed?.ok) return null;
  const { errors, warnings } = checkReport(parsed.form, parsed.report, previous);
  const summing = parts ? partsFindings(parsed.form, parsed.report, parts) : [];
  const byKey = new Map(verdicts.map((v) => [v.key, v]));
  const findings = [...errors, ...warnings, ...summing].map((finding) => {
    const key = findingKey(finding);
    const verdict = byKey.get(key);
    return verdict ? { finding, key, verdict } : { finding, key };
  });
  return parts
    ? { findings, verdicts, parts: { bodies: parts.bodies, missing: parts.missing } }
    : { findings, verdicts };
}

export type VerdictResult =
  { ok: true; notified?: number } | { ok: false; reason: 'gone' | 'reason' | 'notSubmitted' | 'conflict' };

/** Records a supervisor's verdict on one finding of the body's current submitted version. */
export async function judgeFinding(
  deps: Deps,
  supervisor: Member,
  body: {
    id: number;
    org_id: number;
    name: string;
    kind: string;
    version: number;
    year: number;
    sums_children?: number;
  },
  key: string,
  verdict: 'confirm' | 'dismiss',
  reason: string,
): Promise<VerdictResult> {
  const current = await findingsWithVerdicts(deps.db, body);
  const found = current?.findings.find((f) => f.key === key);
  if (!found) return { ok: false, reason: 'gone' };
  const record = (v: Verdict['verdict']) =>
    setVerdict(deps.db, {
      reportId: body.id,
      key,
      verdict: v,
      message: found.finding.message,
      reason,
      personId: supervisor.personId,
      at: deps.now.toISOString(),
    }).run();
  if (verdict === 'dismiss') {
    if (!reason) return { ok: false, reason: 'reason' };
    await record('dismissed');
    return { ok: true };
  }
  const returned = await returnReport(
    deps,
    supervisor,
    { id: body.org_id, name: body.name, kind: body.kind as OrgKind },
    body.year,
    T.returnComment(found.finding.message, reason),
  );
  if (!returned.ok) return returned;
  await record('confirmed');
  return { ok: true, notified: returned.notified };
}
