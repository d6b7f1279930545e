-- Outgoing notifications and webhooks, business-application clients, the access log.

-- Written in the same transaction as the change it announces.
CREATE TABLE notification_outbox (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	created_at	timestamptz NOT NULL DEFAULT now(),
	kind		text NOT NULL,
	dossier_id	bigint REFERENCES dossiers,
	person_id	bigint REFERENCES persons,
	email		text,
	lang		lang_code NOT NULL DEFAULT 'fr',
	payload		jsonb NOT NULL DEFAULT '{}',
	attempts	integer NOT NULL DEFAULT 0,
	next_attempt_at	timestamptz NOT NULL DEFAULT now(),
	sent_at		timestamptz,
	last_error	text
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at, id)
	WHERE sent_at IS NULL;

CREATE TABLE api_clients (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	department_id	bigint NOT NULL REFERENCES departments,
	name		text NOT NULL,
	key_hash	bytea UNIQUE CHECK (length(key_hash) = 32),
	cert_fingerprint text UNIQUE,
	created_at	timestamptz NOT NULL DEFAULT now(),
	revoked_at	timestamptz,
	CHECK (num_nonnulls(key_hash, cert_fingerprint) >= 1)
);
ALTER TABLE dossier_events ADD FOREIGN KEY (actor_api_client_id) REFERENCES api_clients;

CREATE TABLE webhooks (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	department_id	bigint NOT NULL REFERENCES departments,
	url		text NOT NULL CHECK (url ~ '^https?://'),
	secret		bytea NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	disabled_at	timestamptz
);

CREATE TABLE webhook_deliveries (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	webhook_id	bigint NOT NULL REFERENCES webhooks,
	dossier_id	bigint REFERENCES dossiers,
	event_id	bigint REFERENCES dossier_events,
	payload		jsonb NOT NULL,
	attempts	integer NOT NULL DEFAULT 0,
	next_attempt_at	timestamptz NOT NULL DEFAULT now(),
	delivered_at	timestamptz,
	last_status	integer,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id)
	WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (webhook_id, dossier_id, id);

-- Every time someone other than the user read their data: shown to them.
CREATE TABLE access_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	person_id	bigint REFERENCES persons,
	organisation_id	bigint REFERENCES organisations,
	dossier_id	bigint REFERENCES dossiers,
	agent_id	bigint REFERENCES agents,
	api_client_id	bigint REFERENCES api_clients,
	department_id	bigint REFERENCES departments,
	purpose		text NOT NULL,
	CHECK (num_nonnulls(agent_id, api_client_id) = 1)
);
CREATE INDEX access_log_person_idx ON access_log (person_id, at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX access_log_org_idx ON access_log (organisation_id, at DESC) WHERE organisation_id IS NOT NULL;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
