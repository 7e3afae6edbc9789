-- Every message the bot sends outside the webhook's own answer is written here in the same batch as
-- the change that caused it, then delivered by the queue consumer (retried with backoff, in order per
-- chat, marked sent; failed after the last attempt, visible and re-sendable). Nothing is lost when a
-- platform's API fails or the Worker stops between committing and sending: a cron sweep re-enqueues
-- what is still pending.

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  -- Where a platform wants a reply to a message (DingTalk's sessionWebhook); '' for the API.
  reply_to TEXT NOT NULL DEFAULT '',
  -- The replies, as JSON: [{ text, buttons? }].
  payload TEXT NOT NULL,
  -- How many of the requests it takes (a long text is cut in parts) have gone out: a retry resumes
  -- after them, so no part is sent twice.
  sent_units INTEGER NOT NULL DEFAULT 0,
  purpose TEXT NOT NULL CHECK (purpose IN ('reply', 'notice', 'return', 'reminder')),
  -- The body the message is about, so a supervisor sees its failed messages.
  org_id INTEGER REFERENCES orgs (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Not to be tried again before this time (backoff, or the platform's retry_after).
  next_at TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  claimed_at TEXT,
  sent_at TEXT
);
CREATE INDEX outbox_chat ON outbox (platform, chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_waiting ON outbox (status, created_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_failed ON outbox (org_id) WHERE status = 'failed';

-- Signed request headers already honoured (DingTalk's sign covers its timestamp, not the body, so a
-- header pair is accepted once): an INSERT on the key, in the same batch as the event, fails twice.
CREATE TABLE request_nonces (
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
);

-- Counters for rate limits (form saves per link per minute).
CREATE TABLE rate_counts (
  key TEXT NOT NULL,
  window TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window)
);
