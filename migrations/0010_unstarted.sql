-- 「未开始」 as rows: for each reporting year that has been looked at, the bodies without a report
-- for it. The dashboard's not-started part is then an index range like the other statuses, instead
-- of a walk of the subtree looking for bodies without a report (an absence, which no index holds;
-- near the deadline, when few have not started, that walk read the whole subtree). A year is filled
-- in the first time a supervisor's page needs it (src/db/status.ts); from then on triggers keep it
-- in the same transaction as every change of reports and bodies.

CREATE TABLE unstarted_years (year INTEGER PRIMARY KEY);

CREATE TABLE unstarted (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  year INTEGER NOT NULL,
  org_path TEXT NOT NULL,
  PRIMARY KEY (org_id, year)
) WITHOUT ROWID;
CREATE INDEX unstarted_path ON unstarted (year, org_path);

-- A report started: the body is no longer waiting for that year.
CREATE TRIGGER reports_started AFTER INSERT ON reports
BEGIN
  DELETE FROM unstarted WHERE org_id = NEW.org_id AND year = NEW.year;
END;

-- A report removed: the body waits again, for a year that is kept.
CREATE TRIGGER reports_unstarted AFTER DELETE ON reports
WHEN EXISTS (SELECT 1 FROM unstarted_years WHERE year = OLD.year)
BEGIN
  INSERT OR IGNORE INTO unstarted (org_id, year, org_path)
    SELECT id, OLD.year, path FROM orgs WHERE id = OLD.org_id;
END;

-- A new body waits for every kept year it has no report for.
CREATE TRIGGER orgs_unstarted AFTER INSERT ON orgs
BEGIN
  INSERT OR IGNORE INTO unstarted (org_id, year, org_path)
    SELECT NEW.id, y.year, NEW.path FROM unstarted_years y
    WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.org_id = NEW.id AND r.year = y.year);
END;

-- A body's path is set just after it is inserted (it holds its own id).
CREATE TRIGGER orgs_unstarted_path AFTER UPDATE OF path ON orgs
WHEN NEW.path IS NOT OLD.path
BEGIN
  UPDATE unstarted SET org_path = NEW.path WHERE org_id = NEW.id;
END;

CREATE TRIGGER orgs_unstarted_delete BEFORE DELETE ON orgs
BEGIN
  DELETE FROM unstarted WHERE org_id = OLD.id;
END;
