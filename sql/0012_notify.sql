-- The notification worker (cgi-bin/notify): a row it cannot send at all
-- (no address, refused for good by the mail server) is kept with why,
-- and leaves the queue.
ALTER TABLE notification_outbox ADD COLUMN dropped_at timestamptz;
DROP INDEX notification_outbox_due_idx;
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at, id)
	WHERE sent_at IS NULL AND dropped_at IS NULL;
-- Which worker (host:pid) last claimed the row: who holds it, who sent it.
ALTER TABLE notification_outbox ADD COLUMN claimed_by text;
