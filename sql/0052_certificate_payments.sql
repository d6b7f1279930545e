-- Paid certificate types (issue 19, docs/payments.md "Paid certificates").
--
-- A type declares its fee like a procedure (lib/certdef.c: "fees", or a
-- fixed "price_cents").  A request with a fee is stored 'unpaid' with what
-- was shown when it was ordered (fee_cents, fee_lines); it is queued for
-- sealing only in the transaction that records its payment's success
-- (lib/paydossier.c), which sets paid_at: the check below makes "queued
-- before paid" impossible whatever the program.  A declined, cancelled or
-- expired payment leaves the order 'unpaid', to be paid again.
ALTER TABLE certificate_requests
	DROP CONSTRAINT certificate_requests_status_check,
	ADD CONSTRAINT certificate_requests_status_check
		CHECK (status IN ('unpaid', 'queued', 'checking', 'issued',
		'refused', 'unknown', 'failed')),
	ADD COLUMN fee_cents bigint CHECK (fee_cents > 0),
	ADD COLUMN fee_lines jsonb CHECK (jsonb_typeof(fee_lines) = 'array'),
	ADD COLUMN paid_at timestamptz,
	ADD CONSTRAINT certificate_requests_fee_check
		CHECK ((fee_cents IS NULL) = (fee_lines IS NULL)
		   AND (paid_at IS NULL OR fee_cents IS NOT NULL)),
	-- a request with a fee leaves 'unpaid' only once paid
	ADD CONSTRAINT certificate_requests_paid_check
		CHECK (fee_cents IS NULL OR (status = 'unpaid') = (paid_at IS NULL));

CREATE INDEX payments_certificate_idx ON payments (certificate_request_id)
	WHERE certificate_request_id IS NOT NULL;
