-- The access log is written only by our own statements, from rows they
-- have just read, and never updated: its foreign keys guarded nothing,
-- and cost six lookups per row — 3.3 of the 3.7 seconds of logging an
-- export of 100,000 dossiers (tests/bench/dossiers).  Without them, the
-- log also outlives what it names, as an audit trail should.
ALTER TABLE access_log
	DROP CONSTRAINT access_log_person_id_fkey,
	DROP CONSTRAINT access_log_organisation_id_fkey,
	DROP CONSTRAINT access_log_dossier_id_fkey,
	DROP CONSTRAINT access_log_agent_id_fkey,
	DROP CONSTRAINT access_log_api_client_id_fkey,
	DROP CONSTRAINT access_log_department_id_fkey;
