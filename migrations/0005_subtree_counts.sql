-- Views read what they show: a supervisor's counts (bodies, drafts, submitted, returned) are kept per
-- subtree and year, updated by triggers in the same transaction as every change of a report's status
-- (whatever writes it: chat, form, admin, import), so a page over 100,000 bodies reads one row of
-- counts and the rows it shows. A body's ancestors are kept as rows (a closure table) so a trigger
-- finds them by index; reports carry their body's path so a page of one status is an index range.

ALTER TABLE orgs ADD COLUMN descendants INTEGER NOT NULL DEFAULT 0;

CREATE TABLE org_ancestors (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  ancestor_id INTEGER NOT NULL REFERENCES orgs (id),
  PRIMARY KEY (org_id, ancestor_id)
) WITHOUT ROWID;
CREATE INDEX org_ancestors_ancestor ON org_ancestors (ancestor_id);

WITH RECURSIVE up (org_id, ancestor_id) AS (
  SELECT id, parent_id FROM orgs WHERE parent_id IS NOT NULL
  UNION ALL
  SELECT up.org_id, o.parent_id FROM up JOIN orgs o ON o.id = up.ancestor_id WHERE o.parent_id IS NOT NULL
)
INSERT INTO org_ancestors (org_id, ancestor_id) SELECT org_id, ancestor_id FROM up;

UPDATE orgs SET descendants = (SELECT count(*) FROM org_ancestors a WHERE a.ancestor_id = orgs.id);

-- A new body: its ancestors are its parent's and the parent itself; each of them has one more body.
CREATE TRIGGER orgs_ancestors AFTER INSERT ON orgs
WHEN NEW.parent_id IS NOT NULL
BEGIN
  INSERT INTO org_ancestors (org_id, ancestor_id)
    SELECT NEW.id, NEW.parent_id
    UNION ALL
    SELECT NEW.id, ancestor_id FROM org_ancestors WHERE org_id = NEW.parent_id;
  UPDATE orgs SET descendants = descendants + 1
    WHERE id IN (SELECT ancestor_id FROM org_ancestors WHERE org_id = NEW.id);
END;

-- Bodies do not move between parents: the counts and ancestors above depend on it.
CREATE TRIGGER orgs_parent_fixed BEFORE UPDATE OF parent_id ON orgs
WHEN NEW.parent_id IS NOT OLD.parent_id
BEGIN
  SELECT RAISE(ABORT, 'a body cannot move to another parent');
END;

CREATE TABLE status_counts (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  year INTEGER NOT NULL,
  draft INTEGER NOT NULL DEFAULT 0,
  submitted INTEGER NOT NULL DEFAULT 0,
  returned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, year)
) WITHOUT ROWID;

INSERT INTO status_counts (org_id, year, draft, submitted, returned)
  SELECT a.ancestor_id, r.year,
    sum(r.status = 'draft'), sum(r.status = 'submitted'), sum(r.status = 'returned')
  FROM reports r JOIN org_ancestors a ON a.org_id = r.org_id
  GROUP BY a.ancestor_id, r.year;

CREATE TRIGGER reports_count_insert AFTER INSERT ON reports
BEGIN
  INSERT OR IGNORE INTO status_counts (org_id, year)
    SELECT ancestor_id, NEW.year FROM org_ancestors WHERE org_id = NEW.org_id;
  UPDATE status_counts SET
      draft = draft + (NEW.status = 'draft'),
      submitted = submitted + (NEW.status = 'submitted'),
      returned = returned + (NEW.status = 'returned')
    WHERE year = NEW.year AND org_id IN (SELECT ancestor_id FROM org_ancestors WHERE org_id = NEW.org_id);
END;

CREATE TRIGGER reports_count_update AFTER UPDATE OF status ON reports
WHEN NEW.status <> OLD.status
BEGIN
  UPDATE status_counts SET
      draft = draft + (NEW.status = 'draft') - (OLD.status = 'draft'),
      submitted = submitted + (NEW.status = 'submitted') - (OLD.status = 'submitted'),
      returned = returned + (NEW.status = 'returned') - (OLD.status = 'returned')
    WHERE year = NEW.year AND org_id IN (SELECT ancestor_id FROM org_ancestors WHERE org_id = NEW.org_id);
END;

CREATE TRIGGER reports_count_delete AFTER DELETE ON reports
BEGIN
  UPDATE status_counts SET
      draft = draft - (OLD.status = 'draft'),
      submitted = submitted - (OLD.status = 'submitted'),
      returned = returned - (OLD.status = 'returned')
    WHERE year = OLD.year AND org_id IN (SELECT ancestor_id FROM org_ancestors WHERE org_id = OLD.org_id);
END;

-- A report's body's path, so one status's page under a supervisor is one index range.
ALTER TABLE reports ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
UPDATE reports SET org_path = (SELECT path FROM orgs WHERE orgs.id = reports.org_id);
CREATE INDEX reports_status_path ON reports (year, status, org_path);

-- The version lock guards writes of a report's content; setting its body's path is not one.
DROP TRIGGER reports_version;
CREATE TRIGGER reports_version BEFORE UPDATE OF answers, status, version ON reports
WHEN NEW.version <> OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'version conflict');
END;

CREATE TRIGGER reports_org_path AFTER INSERT ON reports
BEGIN
  UPDATE reports SET org_path = (SELECT path FROM orgs WHERE id = NEW.org_id) WHERE id = NEW.id;
END;
