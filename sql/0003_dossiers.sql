-- Dossiers, their append-only history, annexes, messages and the citizen's vault.

-- The one place where status changes are allowed or refused.
CREATE TABLE dossier_statuses (
	code		text PRIMARY KEY,
	position	integer NOT NULL UNIQUE,
	draft		boolean NOT NULL
);
INSERT INTO dossier_statuses VALUES
	('en_cours', 1, true), ('complet', 2, true), ('soumis', 3, false),
	('receptionne', 4, false), ('en_traitement', 5, false),
	('cloture', 6, false);

CREATE TABLE dossier_transitions (
	from_status	text NOT NULL REFERENCES dossier_statuses,
	to_status	text NOT NULL REFERENCES dossier_statuses,
	PRIMARY KEY (from_status, to_status)
);
INSERT INTO dossier_transitions VALUES
	('en_cours', 'complet'), ('complet', 'en_cours'),
	('complet', 'soumis'),
	('soumis', 'receptionne'),
	('receptionne', 'en_traitement'),
	('en_traitement', 'cloture'),
	('receptionne', 'cloture');

CREATE TABLE dossiers (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reference	text UNIQUE,
	procedure_id	bigint NOT NULL,
	procedure_version integer NOT NULL,
	status		text NOT NULL DEFAULT 'en_cours' REFERENCES dossier_statuses,
	owner_person_id	bigint NOT NULL REFERENCES persons,
	acting_org_id	bigint REFERENCES organisations,
	acting_mandate_id bigint REFERENCES mandates,
	assigned_agent_id bigint REFERENCES agents,
	data		jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
	prefill_sources	jsonb NOT NULL DEFAULT '{}',
	waiting_since	timestamptz,	-- a complement was asked and not yet given
	waiting_total	interval NOT NULL DEFAULT '0',
	archived	boolean NOT NULL DEFAULT false,
	submit_key	uuid UNIQUE,	-- makes a replayed submission harmless
	receipt_digest	bytea,
	receipt_seal	bytea,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	submitted_at	timestamptz,
	closed_at	timestamptz,
	FOREIGN KEY (procedure_id, procedure_version)
		REFERENCES procedure_versions (procedure_id, version),
	CHECK ((reference IS NULL) = (status IN ('en_cours', 'complet'))),
	CHECK (archived = false OR status = 'cloture')
);
-- "Mes dossiers", newest first, for a person alone and for an organisation.
CREATE INDEX dossiers_person_idx ON dossiers (owner_person_id, updated_at DESC, id DESC)
	WHERE acting_org_id IS NULL;
CREATE INDEX dossiers_org_idx ON dossiers (acting_org_id, updated_at DESC, id DESC)
	WHERE acting_org_id IS NOT NULL;
-- Agents' queues: by procedure and status, by assignee.
CREATE INDEX dossiers_queue_idx ON dossiers (procedure_id, status, submitted_at DESC, id DESC)
	WHERE status NOT IN ('en_cours', 'complet');
CREATE INDEX dossiers_assigned_idx ON dossiers (assigned_agent_id, status, updated_at DESC)
	WHERE assigned_agent_id IS NOT NULL;
CREATE INDEX dossiers_changed_idx ON dossiers (procedure_id, updated_at, id);

CREATE FUNCTION dossier_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
	    SELECT 1 FROM dossier_transitions
	    WHERE from_status = OLD.status AND to_status = NEW.status) THEN
		RAISE EXCEPTION 'dossier % cannot go from % to %',
			OLD.id, OLD.status, NEW.status
			USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.procedure_version <> OLD.procedure_version THEN
		RAISE EXCEPTION 'a dossier stays on its procedure version'
			USING ERRCODE = 'check_violation';
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END $$;
CREATE TRIGGER dossiers_transition BEFORE UPDATE ON dossiers
	FOR EACH ROW EXECUTE FUNCTION dossier_check_transition();

-- Yearly counters per procedure: references like 2026-SESAM-000123.
CREATE TABLE dossier_ref_counters (
	procedure_id	bigint NOT NULL REFERENCES procedures,
	year		integer NOT NULL,
	last		integer NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_id, year)
);

-- Who changed what, when, from which status to which, and why.
CREATE TABLE dossier_events (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers,
	at		timestamptz NOT NULL DEFAULT now(),
	kind		text NOT NULL CHECK (kind IN ('status', 'complement_request',
			    'complement_answer', 'assign', 'archive', 'message',
			    'document')),
	from_status	text REFERENCES dossier_statuses,
	to_status	text REFERENCES dossier_statuses,
	actor_person_id	bigint REFERENCES persons,
	actor_agent_id	bigint REFERENCES agents,
	actor_api_client_id bigint,
	reason		text
);
CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, at, id);
CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE
	ON dossier_events FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE messages (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers,
	author_person_id bigint REFERENCES persons,
	author_agent_id	bigint REFERENCES agents,
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
	created_at	timestamptz NOT NULL DEFAULT now(),
	read_at		timestamptz,
	CHECK (num_nonnulls(author_person_id, author_agent_id) = 1)
);
CREATE INDEX messages_dossier_idx ON messages (dossier_id, created_at);

-- Internal notes: agents only, never shown to the user.
CREATE TABLE agent_notes (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers,
	agent_id	bigint NOT NULL REFERENCES agents,
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_notes_dossier_idx ON agent_notes (dossier_id, created_at);

-- PDF annexes of a form, or attached to a message.  Stored in the database.
CREATE TABLE attachments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers,
	message_id	bigint REFERENCES messages,
	field		text,
	filename	text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	content_type	text NOT NULL DEFAULT 'application/pdf',
	size		bigint NOT NULL CHECK (size > 0),
	sha256		bytea NOT NULL CHECK (length(sha256) = 32),
	content		bytea NOT NULL,
	uploaded_by	bigint REFERENCES persons,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_dossier_idx ON attachments (dossier_id);
CREATE INDEX attachments_message_idx ON attachments (message_id) WHERE message_id IS NOT NULL;

-- The vault: official documents received by a person or an organisation.
CREATE TABLE documents (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint REFERENCES dossiers,
	person_id	bigint REFERENCES persons,
	organisation_id	bigint REFERENCES organisations,
	kind		text NOT NULL CHECK (kind IN ('receipt', 'decision', 'certificate', 'letter')),
	title		text NOT NULL,
	issuer_department_id bigint REFERENCES departments,
	filename	text NOT NULL,
	size		bigint NOT NULL CHECK (size > 0),
	sha256		bytea NOT NULL CHECK (length(sha256) = 32),
	seal		bytea,
	content		bytea NOT NULL,
	issued_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (num_nonnulls(person_id, organisation_id) >= 1)
);
CREATE INDEX documents_person_idx ON documents (person_id, issued_at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX documents_org_idx ON documents (organisation_id, issued_at DESC) WHERE organisation_id IS NOT NULL;
CREATE INDEX documents_dossier_idx ON documents (dossier_id);
