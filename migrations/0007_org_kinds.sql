-- Bodies above a county: a province (省、自治区、直辖市) and a city (地级市) take part too — the audit
-- of published reports is done at every level. SQLite cannot change a CHECK constraint, so the
-- table is made again (same columns, same order, same rows) with its indexes and triggers.
PRAGMA defer_foreign_keys = on;

DROP TRIGGER orgs_ancestors;
DROP TRIGGER orgs_parent_fixed;
DROP TRIGGER reports_org_path;

-- The rows wait in a plain copy while the table is made again: the foreign keys of people,
-- reports and the rest point at the ids, which come back unchanged before the end (deferred).
CREATE TABLE orgs_copy AS SELECT * FROM orgs;
DROP TABLE orgs;
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('province', 'city', 'county', 'township', 'subdistrict', 'department')),
  parent_id INTEGER REFERENCES orgs (id),
  -- Materialised path of ids, '/1/4/', so a subtree is one indexed prefix query.
  path TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  reminders_off INTEGER NOT NULL DEFAULT 0,
  full_name TEXT NOT NULL DEFAULT '',
  descendants INTEGER NOT NULL DEFAULT 0
);
INSERT INTO orgs (id, name, kind, parent_id, path, created_at, reminders_off, full_name, descendants)
  SELECT id, name, kind, parent_id, path, created_at, reminders_off, full_name, descendants
  FROM orgs_copy ORDER BY length(path), id;
DROP TABLE orgs_copy;

CREATE UNIQUE INDEX orgs_parent_name ON orgs (ifnull(parent_id, 0), name);
CREATE INDEX orgs_path ON orgs (path);

-- As in 0005: a new body's ancestors, and one more body for each of them.
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

CREATE TRIGGER orgs_parent_fixed BEFORE UPDATE OF parent_id ON orgs
WHEN NEW.parent_id IS NOT OLD.parent_id
BEGIN
  SELECT RAISE(ABORT, 'a body cannot move to another parent');
END;

CREATE TRIGGER reports_org_path AFTER INSERT ON reports
BEGIN
  UPDATE reports SET org_path = (SELECT path FROM orgs WHERE id = NEW.org_id) WHERE id = NEW.id;
END;
