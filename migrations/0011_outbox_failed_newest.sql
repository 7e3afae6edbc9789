-- A supervisor's dashboard lists the newest failed messages about bodies in their area. Indexed by
-- id, the failed messages are walked newest first and the walk stops at the page's 50; the index by
-- body it replaces made every view read every failed message in the database, then sort them.
DROP INDEX outbox_failed;
CREATE INDEX outbox_failed_newest ON outbox (id) WHERE status = 'failed';
