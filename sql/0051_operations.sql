-- Operations (docs/operations.md): what /metrics reads of the queues
-- without a scan of their history, and the trace of the request that
-- queued a message, carried to the mail's and the webhook's headers.
CREATE INDEX IF NOT EXISTS notification_outbox_dropped_idx
	ON notification_outbox (dropped_at) WHERE dropped_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS webhook_deliveries_dropped_idx
	ON webhook_deliveries (dropped_at) WHERE dropped_at IS NOT NULL;
-- A W3C traceparent, as nginx gave it to the program that queued the
-- row (the transaction's guichet.trace setting); NULL when none.
ALTER TABLE notification_outbox ADD COLUMN IF NOT EXISTS trace text
	DEFAULT nullif(current_setting('guichet.trace', true), '')
	CHECK (trace ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
ALTER TABLE webhook_deliveries ADD COLUMN IF NOT EXISTS trace text
	DEFAULT nullif(current_setting('guichet.trace', true), '')
	CHECK (trace ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
