// Supervisors' verdicts on the findings of submitted reports (migration 0008).
export interface Verdict {
  key: string;
  verdict: 'confirmed' | 'dismissed';
  message: string;
  reason: string;
  who: string;
  at: string;
}

/** Every verdict on a report's findings, the latest first. */
export async function verdictsOf(db: D1Database, reportId: number): Promise<Verdict[]> {
  const { results } = await db
    .prepare(
      `SELECT v.finding_key AS key, v.verdict, v.message, v.reason, coalesce(p.display_name, '') AS who, v.at
       FROM finding_verdicts v LEFT JOIN people p ON p.id = v.person_id
       WHERE v.report_id = ?1 ORDER BY v.at DESC LIMIT 500`,
    )
    .bind(reportId)
    .all<Verdict>();
  return results;
}

/** Records a verdict (a later one on the same finding replaces it). */
export function setVerdict(
  db: D1Database,
  v: {
    reportId: number;
    key: string;
    verdict: Verdict['verdict'];
    message: string;
    reason: string;
    personId: number;
    at: string;
  },
) {
  return db
    .prepare(
      `INSERT INTO finding_verdicts (report_id, finding_key, verdict, message, reason, person_id, at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (report_id, finding_key) DO UPDATE SET verdict = ?3, message = ?4, reason = ?5, person_id = ?6, at = ?7`,
    )
    .bind(v.reportId, v.key, v.verdict, v.message, v.reason, v.personId, v.at);
}
