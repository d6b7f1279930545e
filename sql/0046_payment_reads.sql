-- When the guichet reads a payment again, and what a webhook does
-- (issue 19, docs/payments.md).
--
-- An open payment is read by the notification worker's payments job
-- (cgi-bin/notify/payments.c) when next_read_at comes: soon after a
-- webhook hinted at a change, after a return whose read failed (the
-- provider away), and otherwise every few minutes, so a success that the
-- guichet missed (a crash between the provider's answer and our commit)
-- is recorded and its dossier submitted by the next read.  At
-- expires_at the job cancels it at the provider, reads it once more (money
-- taken meanwhile wins) and the draft is unlocked.

ALTER TABLE payments
	ADD COLUMN next_read_at timestamptz NOT NULL
		DEFAULT now() + interval '2 minutes',
	ADD COLUMN claimed_by text;

CREATE INDEX payments_read_idx ON payments (next_read_at)
	WHERE status IN ('created', 'started', 'submitted');

-- A webhook, once its signature checked: recorded once per (provider,
-- event id); for a payment we know, a read is made due at once and the
-- worker woken.  The citizens' program that receives it sees no payment
-- (row-level security: nobody is logged in), hence SECURITY DEFINER; it
-- only ever moves next_read_at, never a status: the webhook's word is a
-- hint.  Returns 'new', 'replayed' (seen before) or 'unknown' (a payment
-- that is not ours: recorded, nothing done).
CREATE FUNCTION payment_webhook_note(p_provider text, p_event text,
    p_provider_id text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	pid	bigint;
	n	integer;
BEGIN
	SELECT id INTO pid FROM payments
	 WHERE provider = p_provider AND provider_id = p_provider_id;
	INSERT INTO payment_webhooks (provider, event_id, payment_id)
	VALUES (p_provider, p_event, pid) ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n = 0 THEN
		RETURN 'replayed';
	END IF;
	IF pid IS NULL THEN
		RETURN 'unknown';
	END IF;
	INSERT INTO payment_events (payment_id, kind, detail)
	VALUES (pid, 'webhook', jsonb_build_object('event', p_event));
	UPDATE payments SET next_read_at = now()
	 WHERE id = pid AND status IN ('created', 'started', 'submitted');
	PERFORM pg_notify('payment_read', pid::text);
	RETURN 'new';
END $$;
REVOKE ALL ON FUNCTION payment_webhook_note(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payment_webhook_note(text, text, text)
	TO guichet_user, guichet_staff;

-- A fee due after acceptance (a permit's: fees.due = 'acceptance' in the
-- definition, docs/procedures.md): asked when an agent closes the dossier
-- as granted, in that transaction, with the amount and lines its answers
-- make; the person is reminded at remind_at and, unpaid at close_at, the
-- grant lapses (lapsed_at) and the person is told.  paid_at is set in the
-- transaction that records the payment's success.
CREATE TABLE dossier_fees (
	dossier_id	bigint PRIMARY KEY REFERENCES dossiers,
	amount_cents	bigint NOT NULL CHECK (amount_cents > 0),
	lines		jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
	asked_at	timestamptz NOT NULL DEFAULT now(),
	remind_at	timestamptz NOT NULL,
	close_at	timestamptz NOT NULL CHECK (close_at > remind_at),
	reminded_at	timestamptz,
	paid_at		timestamptz,
	lapsed_at	timestamptz,
	CHECK (paid_at IS NULL OR lapsed_at IS NULL)
);
CREATE INDEX dossier_fees_due_idx ON dossier_fees (remind_at)
	WHERE paid_at IS NULL AND lapsed_at IS NULL;
ALTER TABLE dossier_fees ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON dossier_fees TO guichet_staff USING (true);
CREATE POLICY scope ON dossier_fees TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));
