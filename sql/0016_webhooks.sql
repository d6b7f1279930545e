-- Webhooks: every event of a dossier is queued, in the transaction that
-- writes it, for each active webhook of the dossier's department; the
-- notification worker POSTs them in order per dossier (docs/webhooks.md).

ALTER TABLE webhook_deliveries ADD COLUMN dropped_at timestamptz;
ALTER TABLE webhook_deliveries ADD COLUMN last_error text;
ALTER TABLE webhook_deliveries ADD COLUMN claimed_by text;
DROP INDEX webhook_deliveries_due_idx;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id)
	WHERE delivered_at IS NULL AND dropped_at IS NULL;
DROP INDEX webhook_deliveries_order_idx;
-- "Is an earlier one of this dossier still on its way?"
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (webhook_id, dossier_id, id)
	WHERE delivered_at IS NULL AND dropped_at IS NULL;
CREATE INDEX webhooks_department_idx ON webhooks (department_id) WHERE disabled_at IS NULL;

-- The payload names the event and the dossier, nothing of its content:
-- the application reads the rest through the API, which logs the read.
CREATE FUNCTION dossier_events_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO webhook_deliveries (webhook_id, dossier_id, event_id, payload)
	SELECT w.id, d.id, NEW.id, jsonb_build_object(
		'event', NEW.id, 'kind', NEW.kind, 'reference', d.reference,
		'procedure', p.code, 'from', NEW.from_status, 'to', NEW.to_status,
		'at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		'href', '/api/v1/dossiers/' || d.reference)
	  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
	  JOIN webhooks w ON w.department_id = p.department_id AND w.disabled_at IS NULL
	 WHERE d.id = NEW.dossier_id AND d.reference IS NOT NULL;
	RETURN NULL;
END $$;
CREATE TRIGGER dossier_events_webhooks AFTER INSERT ON dossier_events
	FOR EACH ROW EXECUTE FUNCTION dossier_events_webhooks();
