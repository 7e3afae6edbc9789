-- The org tree, people and their chat identities, invites, reports with their revision log, chat
-- sessions, and the inbound events already processed (for de-duplicating platform retries).

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('county', 'township', 'subdistrict', 'department')),
  parent_id INTEGER REFERENCES orgs (id),
  -- Materialised path of ids, '/1/4/', so a subtree is one indexed prefix query.
  path TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX orgs_parent_name ON orgs (ifnull(parent_id, 0), name);
CREATE INDEX orgs_path ON orgs (path);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  role TEXT NOT NULL CHECK (role IN ('official', 'supervisor', 'admin')),
  display_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX people_org ON people (org_id);

-- One row per platform account; several may point at the same person.
CREATE TABLE identities (
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people (id),
  -- Where the bot writes to this person unprompted (Telegram chat id, WeCom user id, …).
  chat_id TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (platform, user_id)
);
CREATE INDEX identities_person ON identities (person_id);

CREATE TABLE invites (
  code TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  role TEXT NOT NULL CHECK (role IN ('official', 'supervisor', 'admin')),
  -- Set for a personal code that binds another platform's account to an existing person.
  person_id INTEGER REFERENCES people (id),
  expires_at TEXT NOT NULL,
  created_by INTEGER REFERENCES people (id),
  used_at TEXT,
  used_by INTEGER REFERENCES people (id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Single use, even when two people redeem the same code at once.
CREATE TRIGGER invites_single_use BEFORE UPDATE OF used_at ON invites
WHEN OLD.used_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'invite already used');
END;

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  year INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned')),
  -- The draft as JSON: { report: partial report.json, flow: answers to the flow's own questions }.
  answers TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_by INTEGER REFERENCES people (id),
  updated_channel TEXT NOT NULL DEFAULT '',
  submitted_at TEXT,
  UNIQUE (org_id, year)
);
CREATE INDEX reports_year_status ON reports (year, status);

-- Optimistic lock: every write must be based on the version it read.
CREATE TRIGGER reports_version BEFORE UPDATE ON reports
WHEN NEW.version <> OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'version conflict');
END;

-- Who changed what, when and through which channel. Submitted, returned and imported versions
-- keep a snapshot, so a submitted report is never edited in place.
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  version INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'return', 'reopen', 'import')),
  person_id INTEGER REFERENCES people (id),
  channel TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}',
  comment TEXT NOT NULL DEFAULT '',
  snapshot TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (report_id, version)
);

-- Where each chat identity is in the flow.
CREATE TABLE chat_sessions (
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (platform, user_id)
);

CREATE TRIGGER chat_sessions_version BEFORE UPDATE ON chat_sessions
WHEN NEW.version <> OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'version conflict');
END;

-- Platform event ids already handled; a re-delivery fails to insert and changes nothing.
CREATE TABLE inbound_events (
  platform TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (platform, event_id)
);

-- Messages the local fake Bot API received (DEV_MODE only: the /dev/chat page reads them).
CREATE TABLE dev_outbox (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
