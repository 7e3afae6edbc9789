-- A body's full official name (汤阴县白营镇人民政府), used in the title of its report; `name` stays the
-- short name people use in chat and on the dashboard (白营镇). Empty: the short name is the full one.

ALTER TABLE orgs ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
