-- The minimal worker's one table: where each chat is.
CREATE TABLE sessions (
  user_id TEXT PRIMARY KEY,
  step INTEGER NOT NULL,
  answers TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
