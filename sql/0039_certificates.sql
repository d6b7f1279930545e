-- Certificates on demand (issue 18, docs/certificates.md): their types as
-- data, published by guichet-admin like procedures, and the requests, each
-- of which becomes one sealed document of the vault with the register's
-- data it was made from.

CREATE TABLE certificate_types (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
	department_id	bigint NOT NULL REFERENCES departments,
	definition	jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
	automatic	boolean NOT NULL,
	price_cents	integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
	online		boolean NOT NULL DEFAULT false,
	position	integer NOT NULL DEFAULT 0,
	imported_at	timestamptz NOT NULL DEFAULT now()
);

-- One request, from its queueing to its issue (or refusal).  register_data
-- is what the register said at the time of issue, as printed on the
-- certificate; a queued request has none yet.
CREATE SEQUENCE certificate_reference_seq;
CREATE TABLE certificate_requests (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reference	text NOT NULL UNIQUE DEFAULT
		'C-' || to_char(now() AT TIME ZONE 'Europe/Brussels', 'YYYY') || '-' ||
		lpad(nextval('certificate_reference_seq')::text, 6, '0'),
	type_id		bigint NOT NULL REFERENCES certificate_types,
	person_id	bigint NOT NULL REFERENCES persons,
	lang		lang_code NOT NULL,
	delivery	text NOT NULL CHECK (delivery IN ('vault', 'post')),
	postal_address	jsonb CHECK (postal_address IS NULL
		OR jsonb_typeof(postal_address) = 'object'),
	status		text NOT NULL CHECK (status IN ('queued', 'checking',
		'issued', 'refused', 'unknown', 'failed')),
	register_data	jsonb,
	document_id	bigint REFERENCES documents,
	automatic	boolean,	-- issued without an agent's check
	agent_id	bigint REFERENCES agents,	-- who issued or refused
	refused_reason	text,
	-- the queue (register down or slow): claimed like the outbox
	attempts	integer NOT NULL DEFAULT 0,
	next_attempt_at	timestamptz NOT NULL DEFAULT now(),
	claimed_by	text,
	last_error	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	issued_at	timestamptz,
	-- the request's side of a revocation; the document's is documents.revoked_*
	revoked_at	timestamptz,
	revoked_by	bigint REFERENCES agents,
	revoked_reason	text,
	CHECK ((delivery = 'post') = (postal_address IS NOT NULL)),
	CHECK (status <> 'issued' OR (document_id IS NOT NULL
		AND register_data IS NOT NULL AND issued_at IS NOT NULL)),
	CHECK (status <> 'refused' OR refused_reason IS NOT NULL),
	CHECK (num_nulls(revoked_at, revoked_by, revoked_reason) IN (0, 3))
);
CREATE INDEX certificate_requests_person_idx
	ON certificate_requests (person_id, created_at DESC);
CREATE INDEX certificate_requests_queue_idx
	ON certificate_requests (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX certificate_requests_checking_idx
	ON certificate_requests (type_id, created_at) WHERE status = 'checking';
CREATE INDEX certificate_requests_issued_idx
	ON certificate_requests (issued_at) WHERE status = 'issued';

-- A citizen sees and makes only their own, in their own name (not when
-- acting for an organisation: a certificate is about a person).
ALTER TABLE certificate_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON certificate_requests TO guichet_staff USING (true);
CREATE POLICY scope ON certificate_requests TO guichet_user
	USING (nullif(scope_owns(person_id, NULL), false) IS NOT NULL);

-- Figures: issued certificates per type and day (Brussels), automatic or
-- checked by an agent.
CREATE VIEW certificate_figures AS
	SELECT t.code, (r.issued_at AT TIME ZONE 'Europe/Brussels')::date AS day,
	       count(*) FILTER (WHERE r.automatic) AS automatic,
	       count(*) FILTER (WHERE NOT r.automatic) AS checked,
	       count(*) FILTER (WHERE r.revoked_at IS NOT NULL) AS revoked
	  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id
	 WHERE r.status = 'issued'
	 GROUP BY t.code, 2;
