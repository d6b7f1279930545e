-- People and organisations, their roles and mandates, sessions and the audit trail.

CREATE DOMAIN lang_code AS text CHECK (VALUE IN ('fr', 'nl', 'de', 'en'));
CREATE DOMAIN nrn AS text CHECK (VALUE ~ '^[0-9]{11}$');
CREATE DOMAIN bce AS text CHECK (VALUE ~ '^[01][0-9]{9}$');

CREATE TABLE persons (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	nrn		nrn NOT NULL UNIQUE,
	given_names	text NOT NULL DEFAULT '',
	surname		text NOT NULL DEFAULT '',
	email		text,
	email_verified_at timestamptz,
	phone		text,
	lang		lang_code NOT NULL DEFAULT 'fr',
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_surname_idx ON persons (lower(surname), lower(given_names));
CREATE INDEX persons_email_idx ON persons (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE organisations (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	bce		bce NOT NULL UNIQUE,
	kind		text NOT NULL CHECK (kind IN ('company', 'nonprofit', 'public')),
	name		text NOT NULL,
	legal_form	text,
	address		jsonb,
	register_checked_at timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_name_idx ON organisations (lower(name));

-- Procedure families scope roles and mandates ("SESAM subsidies", ...).
CREATE TABLE procedure_families (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
	titles		jsonb NOT NULL CHECK (jsonb_typeof(titles) = 'object')
);

-- Legal representatives as the company register lists them, cached.
CREATE TABLE org_legal_reps (
	organisation_id	bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
	person_nrn	nrn NOT NULL,
	capacity	text,
	checked_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (organisation_id, person_nrn)
);

-- A person's membership of an organisation, granted by its access manager.
CREATE TABLE org_members (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	organisation_id	bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
	person_id	bigint NOT NULL REFERENCES persons,
	access_manager	boolean NOT NULL DEFAULT false,
	pro_email	text,
	pro_email_confirmed_at timestamptz,
	granted_by	bigint REFERENCES persons,
	granted_at	timestamptz NOT NULL DEFAULT now(),
	valid_until	date,
	removed_at	timestamptz,
	removed_by	bigint REFERENCES persons
);
CREATE UNIQUE INDEX org_members_active_uq ON org_members (organisation_id, person_id)
	WHERE removed_at IS NULL;
CREATE INDEX org_members_person_idx ON org_members (person_id) WHERE removed_at IS NULL;
-- One main access manager at a time.
CREATE UNIQUE INDEX org_members_one_manager_uq ON org_members (organisation_id)
	WHERE access_manager AND removed_at IS NULL;

CREATE TABLE org_member_roles (
	member_id	bigint NOT NULL REFERENCES org_members ON DELETE CASCADE,
	family_code	text NOT NULL REFERENCES procedure_families,
	granted_by	bigint REFERENCES persons,
	granted_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (member_id, family_code)
);

CREATE TABLE mandates (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	beneficiary_org_id bigint NOT NULL REFERENCES organisations,
	mandatary_org_id bigint REFERENCES organisations,
	mandatary_person_id bigint REFERENCES persons,
	scope		text[] NOT NULL CHECK (cardinality(scope) > 0),
	starts_on	date NOT NULL,
	ends_on		date NOT NULL,
	status		text NOT NULL DEFAULT 'requested'
			CHECK (status IN ('requested', 'accepted', 'refused', 'revoked')),
	requested_by	bigint NOT NULL REFERENCES persons,
	requested_at	timestamptz NOT NULL DEFAULT now(),
	decided_by	bigint REFERENCES persons,
	decided_at	timestamptz,
	revoked_by	bigint REFERENCES persons,
	revoked_at	timestamptz,
	CHECK (num_nonnulls(mandatary_org_id, mandatary_person_id) = 1),
	CHECK (ends_on >= starts_on),
	CHECK (mandatary_org_id IS DISTINCT FROM beneficiary_org_id)
);
CREATE INDEX mandates_beneficiary_idx ON mandates (beneficiary_org_id, status);
CREATE INDEX mandates_mandatary_org_idx ON mandates (mandatary_org_id) WHERE mandatary_org_id IS NOT NULL;
CREATE INDEX mandates_mandatary_person_idx ON mandates (mandatary_person_id) WHERE mandatary_person_id IS NOT NULL;

-- Only the SHA-256 of a session token is stored: a leaked table opens nothing.
CREATE TABLE sessions (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	token_hash	bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	person_id	bigint NOT NULL REFERENCES persons,
	assurance	text NOT NULL CHECK (assurance IN ('low', 'high')),
	acting_org_id	bigint REFERENCES organisations,
	acting_mandate_id bigint REFERENCES mandates,
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	ended_at	timestamptz,
	user_agent	text,
	ip		inet
);
CREATE INDEX sessions_person_idx ON sessions (person_id) WHERE ended_at IS NULL;

CREATE TABLE login_codes (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL,
	code_hash	bytea NOT NULL,
	ip		inet,
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz,
	attempts	integer NOT NULL DEFAULT 0
);
CREATE INDEX login_codes_email_idx ON login_codes (lower(email), created_at DESC);
CREATE INDEX login_codes_ip_idx ON login_codes (ip, created_at DESC);

-- Logins, failed logins, logouts, role and mandate changes.  Append-only.
CREATE TABLE audit_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	action		text NOT NULL,
	actor_person_id	bigint REFERENCES persons,
	organisation_id	bigint REFERENCES organisations,
	object_type	text,
	object_id	bigint,
	ip		inet,
	details		jsonb
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_person_id, at DESC);
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, at DESC)
	WHERE organisation_id IS NOT NULL;

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
		USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
