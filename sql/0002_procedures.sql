-- Departments, their agents, and procedures with immutable published versions.

CREATE TABLE departments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,19}$'),
	names		jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object'),
	email		text,
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id	bigint NOT NULL UNIQUE REFERENCES persons,
	created_at	timestamptz NOT NULL DEFAULT now(),
	disabled_at	timestamptz
);

CREATE TABLE agent_departments (
	agent_id	bigint NOT NULL REFERENCES agents ON DELETE CASCADE,
	department_id	bigint NOT NULL REFERENCES departments,
	role		text NOT NULL CHECK (role IN ('reader', 'processor', 'manager')),
	granted_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (agent_id, department_id)
);
CREATE INDEX agent_departments_dept_idx ON agent_departments (department_id);

CREATE TABLE procedures (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9]{1,19}$'),
	family_code	text NOT NULL REFERENCES procedure_families,
	department_id	bigint NOT NULL REFERENCES departments,
	online		boolean NOT NULL DEFAULT false,
	current_version	integer,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_department_idx ON procedures (department_id);

CREATE TABLE procedure_versions (
	procedure_id	bigint NOT NULL REFERENCES procedures,
	version		integer NOT NULL CHECK (version > 0),
	definition	jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
	digest		bytea NOT NULL CHECK (length(digest) = 32),
	published_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (procedure_id, version)
);

ALTER TABLE procedures ADD FOREIGN KEY (id, current_version)
	REFERENCES procedure_versions (procedure_id, version)
	DEFERRABLE INITIALLY DEFERRED;

-- A published version never changes: dossiers in flight rely on it.
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE OR DELETE
	ON procedure_versions FOR EACH ROW EXECUTE FUNCTION forbid_change();
