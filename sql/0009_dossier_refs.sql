-- References come from one sequence per procedure: a counter row per
-- procedure and year was locked by every submission until its commit, so
-- submissions of a procedure queued one behind the other.  A sequence
-- never blocks; the price is that a submission failing after taking its
-- number leaves a gap, and numbers do not restart in January (the year in
-- 2026-SESAM-000123 is the year of submission).  docs/decisions.md.

CREATE FUNCTION dossier_ref_sequence(procedure_id bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'dossier_ref_' || procedure_id $$;

CREATE FUNCTION procedures_ref_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I',
		dossier_ref_sequence(NEW.id));
	RETURN NEW;
END $$;
CREATE TRIGGER procedures_ref_sequence AFTER INSERT ON procedures
	FOR EACH ROW EXECUTE FUNCTION procedures_ref_sequence();

-- The procedures already there, continuing their counters.
DO $$
DECLARE
	p record;
BEGIN
	FOR p IN SELECT id FROM procedures LOOP
		EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I',
			dossier_ref_sequence(p.id));
		PERFORM setval(dossier_ref_sequence(p.id)::regclass,
			greatest(1, (SELECT max(last) FROM dossier_ref_counters c
			    WHERE c.procedure_id = p.id)),
			EXISTS (SELECT 1 FROM dossier_ref_counters c
			    WHERE c.procedure_id = p.id));
	END LOOP;
END $$;

DROP TABLE dossier_ref_counters;
