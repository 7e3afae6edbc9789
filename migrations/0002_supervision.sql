-- Supervision: each report keeps a summary (progress, open errors and warnings) written with it, so a
-- supervisor's status page over thousands of bodies is one indexed query; per-body reminder opt-out;
-- reminders already sent (nobody twice a day, even if the cron fires twice).

ALTER TABLE reports ADD COLUMN progress_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN progress_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0;

ALTER TABLE orgs ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reminders_sent (
  person_id INTEGER NOT NULL REFERENCES people (id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('official', 'supervisor')),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (person_id, day, kind)
);

CREATE INDEX people_role ON people (role, org_id);
