-- Scales a procedure's own program computes with (docs/porting.md): an
-- amount that follows income brackets and household, say.  They are data
-- the program reads, not code: a government's new figures are a new
-- version with the date from which they apply, and a published version
-- never changes, so a dossier's sealed answers name the version that
-- computed them and it can be read again years later.  The version in
-- force on a date is the newest whose valid_from is not after it.
CREATE TABLE procedure_scales (
	procedure_code	text NOT NULL
			CHECK (procedure_code ~ '^[A-Z][A-Z0-9]{1,19}$'),
	version		text NOT NULL
			CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$'),
	valid_from	date NOT NULL,
	scale		jsonb NOT NULL CHECK (jsonb_typeof(scale) = 'object'),
	source		text NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
	published_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (procedure_code, version),
	UNIQUE (procedure_code, valid_from)
);

CREATE TRIGGER procedure_scales_immutable BEFORE UPDATE OR DELETE
	ON procedure_scales FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Published by the schema's owner (guichet-admin seed); the programs read.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON procedure_scales
	FROM guichet_user, guichet_staff;
