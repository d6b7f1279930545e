-- The department's half of payments (issue 19, docs/payments.md): the
-- daily reconciliation of the provider's list with ours, and what it
-- found.  Refunds themselves are in 0044 (payment_refunds).
--
-- One run per provider and day (the department's day, display.timezone):
-- claimed by an INSERT or by taking over a run whose lease ended, so two
-- workers on two hosts never run the same day at once, a day done is not
-- done again, and days missed are caught up in order.

CREATE TABLE payment_reconcile_runs (
	provider	text NOT NULL,
	day		date NOT NULL,
	claimed_by	text NOT NULL,
	claimed_until	timestamptz NOT NULL,
	started_at	timestamptz NOT NULL DEFAULT now(),
	finished_at	timestamptz,
	-- what the run saw: the provider's payments of the day, ours, and
	-- the differences it fixed and flagged
	seen_provider	integer NOT NULL DEFAULT 0,
	seen_ours	integer NOT NULL DEFAULT 0,
	fixed		integer NOT NULL DEFAULT 0,
	flagged		integer NOT NULL DEFAULT 0,
	last_error	text,
	PRIMARY KEY (provider, day)
);

-- A difference between the provider's list and ours.  'paid_here_late':
-- paid at the provider, not recorded here; fixed at once by reading the
-- payment (fixed_at set).  'unknown_at_provider': recorded here with the
-- provider's id, absent from its list; 'unknown_here': at the provider,
-- matching none of ours by id or reference; 'amount_differs',
-- 'refunds_differ': the same payment, other figures.  Those are for a
-- human, who marks them resolved with a note.  Found again by a later
-- run, a difference is the same row (the unique index).
CREATE TABLE payment_discrepancies (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	provider	text NOT NULL,
	day		date NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('paid_here_late',
		'unknown_at_provider', 'unknown_here', 'amount_differs',
		'refunds_differ')),
	payment_id	bigint REFERENCES payments,
	-- NULL for a payment of the provider we cannot attribute
	department_id	bigint REFERENCES departments,
	provider_id	text NOT NULL DEFAULT '',
	provider_reference text,
	provider_status	text,
	provider_cents	bigint,
	our_cents	bigint,
	found_at	timestamptz NOT NULL DEFAULT now(),
	fixed_at	timestamptz,
	resolved_at	timestamptz,
	resolved_by	bigint REFERENCES agents,
	resolution	text CHECK (length(resolution) <= 2000)
);
CREATE UNIQUE INDEX payment_discrepancies_once_idx ON payment_discrepancies
	(provider, kind, coalesce(payment_id, 0), provider_id);
CREATE INDEX payment_discrepancies_day_idx
	ON payment_discrepancies (department_id, day);
CREATE INDEX payment_discrepancies_open_idx ON payment_discrepancies (day)
	WHERE resolved_at IS NULL AND fixed_at IS NULL;

-- The reconciliation page reads the refunds of a department's day.
CREATE INDEX payment_refunds_updated_idx ON payment_refunds (updated_at);

-- A refund's amount is counted once: those not in error never exceed the
-- payment.  Checked under the payment's row lock by the back office; this
-- trigger is the floor under it.
CREATE FUNCTION payment_refund_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	total	bigint;
	paid	bigint;
BEGIN
	SELECT p.amount_cents INTO paid FROM payments p
	 WHERE p.id = NEW.payment_id FOR UPDATE;
	SELECT coalesce(sum(amount_cents), 0) INTO total FROM payment_refunds
	 WHERE payment_id = NEW.payment_id AND status <> 'error'
	   AND id <> NEW.id;
	IF NEW.status <> 'error' AND total + NEW.amount_cents > paid THEN
		RAISE EXCEPTION 'refunds of payment % would exceed it',
			NEW.payment_id USING ERRCODE = 'check_violation';
	END IF;
	IF TG_OP = 'UPDATE' AND (NEW.amount_cents <> OLD.amount_cents
	    OR NEW.payment_id <> OLD.payment_id
	    OR NEW.idempotency_key <> OLD.idempotency_key
	    OR OLD.status <> 'pending' AND NEW.status <> OLD.status) THEN
		RAISE EXCEPTION 'refund % keeps its amount and key, and an end',
			OLD.id USING ERRCODE = 'check_violation';
	END IF;
	-- a change of its own (a worker's lease) is kept
	IF TG_OP = 'INSERT' OR NEW.updated_at = OLD.updated_at THEN
		NEW.updated_at := now();
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER payment_refunds_check BEFORE INSERT OR UPDATE
	ON payment_refunds FOR EACH ROW EXECUTE FUNCTION payment_refund_check();

-- Reconciliation is the staff's only.
ALTER TABLE payment_reconcile_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON payment_reconcile_runs TO guichet_staff USING (true);
ALTER TABLE payment_discrepancies ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON payment_discrepancies TO guichet_staff USING (true);

-- An amount as the pages print it: "15,00 €" in French, Dutch and German,
-- "€15.00" in English.  CSV files keep cents and a dot (docs/payments.md).
CREATE FUNCTION payment_euros(cents bigint, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN lang = 'en' THEN '€' || t ELSE replace(t, '.', ',') ||
	    ' €' END
	  FROM (SELECT CASE WHEN cents < 0 THEN '-' ELSE '' END ||
	    (abs(cents) / 100)::text || '.' ||
	    lpad((abs(cents) % 100)::text, 2, '0') AS t) x
$$;
