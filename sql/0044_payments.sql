-- Payments inside the dossier's lifecycle (issue 19, docs/payments.md).
--
-- A payment is for one dossier (a procedure's fee, due before submission
-- or after an agent's acceptance) or one certificate request.  Its states
-- are GOV.UK Pay's (lib/payment.h): created -> started -> submitted ->
-- success | failed | cancelled | error, and our own expired.  The
-- provider's word is fetched, never believed from the browser: a status
-- changes only after a read of the provider's API, and the legal changes
-- are enforced here as the dossiers' are (sql/0003).

CREATE TABLE payment_statuses (
	name		text PRIMARY KEY,
	final		boolean NOT NULL,
	position	integer NOT NULL UNIQUE
);
INSERT INTO payment_statuses (name, final, position) VALUES
	('created', false, 1), ('started', false, 2), ('submitted', false, 3),
	('success', true, 4), ('failed', true, 5), ('cancelled', true, 6),
	('error', true, 7), ('expired', true, 8);

-- A read may skip states (a payment created then found paid), so every
-- open state may go to any later open state or to any end.  Ends stay,
-- but for one: money the provider took after we gave up (expired,
-- cancelled by us while the person was paying) is recorded, never
-- ignored; what then happens to it is the caller's (a refund or the
-- submission: docs/payments.md).
CREATE TABLE payment_transitions (
	from_status	text NOT NULL REFERENCES payment_statuses,
	to_status	text NOT NULL REFERENCES payment_statuses,
	PRIMARY KEY (from_status, to_status)
);
INSERT INTO payment_transitions (from_status, to_status)
	SELECT f.name, t.name FROM payment_statuses f, payment_statuses t
	 WHERE NOT f.final AND t.position > f.position;
INSERT INTO payment_transitions (from_status, to_status) VALUES
	('expired', 'success'), ('cancelled', 'success');

CREATE TABLE payments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- what is paid for: a dossier's fee or a certificate's price
	dossier_id	bigint REFERENCES dossiers,
	certificate_request_id bigint REFERENCES certificate_requests,
	department_id	bigint NOT NULL REFERENCES departments,
	person_id	bigint NOT NULL REFERENCES persons,	-- who pays
	-- 'submission': paid to send the dossier; 'acceptance': asked once
	-- an agent accepted it (a permit's fee); 'certificate'
	due		text NOT NULL CHECK (due IN ('submission', 'acceptance',
		'certificate')),
	-- ours, sent to the provider and printed on the receipt
	reference	text NOT NULL UNIQUE,
	amount_cents	bigint NOT NULL CHECK (amount_cents > 0),
	currency	text NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
	-- the fee's lines as computed from the answers at creation:
	-- [{"label": {"fr": .., "nl": .., "de": .., "en": ..}, "cents": n}]
	lines		jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
	lang		lang_code NOT NULL,
	provider	text NOT NULL,
	provider_id	text,		-- NULL until the provider answered
	idempotency_key	uuid NOT NULL UNIQUE,
	status		text NOT NULL DEFAULT 'created'
		REFERENCES payment_statuses,
	next_url	text,		-- the provider's payment page
	method		text,		-- 'bancontact', 'card'...
	failure		text,		-- the provider's code
	refunded_cents	bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0
		AND refunded_cents <= amount_cents),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	read_at		timestamptz,	-- the provider's last read
	finished_at	timestamptz,
	CHECK (num_nonnulls(dossier_id, certificate_request_id) = 1),
	CHECK ((due = 'certificate') = (certificate_request_id IS NOT NULL)),
	UNIQUE (provider, provider_id)
);
-- One open payment at a time per dossier or request: a double click on
-- "Pay" finds the first one.
CREATE UNIQUE INDEX payments_open_dossier_idx ON payments (dossier_id)
	WHERE status IN ('created', 'started', 'submitted');
CREATE UNIQUE INDEX payments_open_certificate_idx
	ON payments (certificate_request_id)
	WHERE status IN ('created', 'started', 'submitted');
CREATE INDEX payments_dossier_idx ON payments (dossier_id, created_at);
CREATE INDEX payments_open_idx ON payments (expires_at)
	WHERE status IN ('created', 'started', 'submitted');
CREATE INDEX payments_day_idx ON payments (department_id, created_at);

CREATE FUNCTION payment_check_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
	    SELECT 1 FROM payment_transitions
	    WHERE from_status = OLD.status AND to_status = NEW.status) THEN
		RAISE EXCEPTION 'payment % cannot go from % to %',
			OLD.id, OLD.status, NEW.status
			USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.amount_cents <> OLD.amount_cents
	    OR NEW.idempotency_key <> OLD.idempotency_key
	    OR NEW.provider_id IS DISTINCT FROM OLD.provider_id
	    AND OLD.provider_id IS NOT NULL THEN
		RAISE EXCEPTION 'payment % keeps its amount, key and provider id',
			OLD.id USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.status IS DISTINCT FROM OLD.status THEN
		INSERT INTO payment_events (payment_id, kind, from_status,
		    to_status)
		VALUES (OLD.id, 'status', OLD.status, NEW.status);
		IF NEW.status IN (SELECT name FROM payment_statuses WHERE final)
		    THEN
			NEW.finished_at := coalesce(NEW.finished_at, now());
		END IF;
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END $$;
CREATE TRIGGER payments_transition BEFORE UPDATE ON payments
	FOR EACH ROW EXECUTE FUNCTION payment_check_transition();

-- What happened to a payment, append-only: its status changes (written
-- by the trigger above), reads of the provider, webhooks, refunds.
CREATE TABLE payment_events (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	payment_id	bigint NOT NULL REFERENCES payments,
	at		timestamptz NOT NULL DEFAULT now(),
	kind		text NOT NULL CHECK (kind IN ('status', 'read', 'webhook',
		'refund', 'reconcile', 'reminder')),
	from_status	text REFERENCES payment_statuses,
	to_status	text REFERENCES payment_statuses,
	actor_agent_id	bigint REFERENCES agents,
	detail		jsonb
);
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, at, id);
CREATE TRIGGER payment_events_append_only BEFORE UPDATE OR DELETE
	ON payment_events FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Refunds, whole or part, asked by an agent with a reason; the provider
-- decides (pending, then success or error).  The sum of those not in
-- error never exceeds the payment (payments.refunded_cents counts those
-- that succeeded).
CREATE TABLE payment_refunds (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	payment_id	bigint NOT NULL REFERENCES payments,
	amount_cents	bigint NOT NULL CHECK (amount_cents > 0),
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	agent_id	bigint NOT NULL REFERENCES agents,
	idempotency_key	uuid NOT NULL UNIQUE,
	provider_refund_id text,
	status		text NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'success', 'error')),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id);
CREATE INDEX payment_refunds_day_idx ON payment_refunds (created_at);

-- Webhooks received, deduplicated by (provider, event id): a replay
-- finds its row and does nothing.  A webhook only hints that a read is
-- due; payment_id is NULL for one about a payment we do not know.
CREATE TABLE payment_webhooks (
	provider	text NOT NULL,
	event_id	text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
	payment_id	bigint REFERENCES payments,
	received_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_webhooks_received_idx ON payment_webhooks (received_at);

-- Row-level security: a citizen's programs see the payments of the
-- dossiers they see, and of their own certificate requests.
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON payments TO guichet_staff USING (true);
CREATE POLICY scope ON payments TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id)
	    OR EXISTS (SELECT 1 FROM certificate_requests r
		WHERE r.id = certificate_request_id));
ALTER TABLE payment_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON payment_events TO guichet_staff USING (true);
CREATE POLICY scope ON payment_events TO guichet_user
	USING (EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_id));
ALTER TABLE payment_refunds ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON payment_refunds TO guichet_staff USING (true);
CREATE POLICY scope ON payment_refunds TO guichet_user
	USING (EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_id));
