-- grammY's session storage: one JSON value per session key (the chat id).
CREATE TABLE sessions (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
