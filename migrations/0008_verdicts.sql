-- A supervisor's verdict on a finding of a submitted report: confirmed (sent back to the body with the
-- finding quoted) or dismissed with a reason. Keyed by the report (one per body and year, across its
-- versions) and the finding's key (rule, cells and figures, src/engine/findings.ts), so a finding that
-- comes back unchanged in a later version keeps its verdict.
CREATE TABLE finding_verdicts (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  finding_key TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
  message TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  person_id INTEGER REFERENCES people (id),
  at TEXT NOT NULL,
  PRIMARY KEY (report_id, finding_key)
);
