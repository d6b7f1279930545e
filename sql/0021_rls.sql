-- Row-level security: a second line behind the programs' own checks, so
-- that a bug in one of them still cannot show one organisation's (or
-- person's) dossiers to another.
--
-- Two roles, each the group of a login role made at deployment:
--   guichet_user   the programs that serve citizens and organisations
--                  (login, help, forms, dossiers, orgs); every row of a
--                  dossier is visible only to the transaction's scope,
--                  set by lib/db.c from the request's session:
--                    guichet.scope  'user' (anything else: no row)
--                    guichet.person the person, when acting for themselves
--                    guichet.org    the organisation acted for, if any
--                    guichet.procs  {ids} of the procedures whose family the
--                                   session may act on for it
--   guichet_staff  the inbox, the API and the notification worker, which
--                  check departments themselves: every row.
-- The owner (who migrates) and superusers are not subject to it.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guichet_user') THEN
		CREATE ROLE guichet_user NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guichet_staff') THEN
		CREATE ROLE guichet_staff NOLOGIN;
	END IF;
END $$;

GRANT USAGE ON SCHEMA public TO guichet_user, guichet_staff;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public
	TO guichet_user, guichet_staff;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public
	TO guichet_user, guichet_staff;
-- What later migrations and procedure imports create (reference sequences).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE
	ON TABLES TO guichet_user, guichet_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE
	ON SEQUENCES TO guichet_user, guichet_staff;

-- Whether the transaction's scope may see a dossier.  Plain SQL, so the
-- planner inlines it into each policy.
CREATE FUNCTION scope_sees(p_owner bigint, p_org bigint, p_proc bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce(current_setting('guichet.scope', true) = 'user'
	   AND CASE WHEN nullif(current_setting('guichet.org', true), '') IS NULL
		THEN p_org IS NULL AND p_owner =
		    nullif(current_setting('guichet.person', true), '')::bigint
		ELSE p_org = current_setting('guichet.org', true)::bigint
		 AND p_proc = ANY (coalesce(nullif(current_setting('guichet.procs',
		    true), ''), '{}')::bigint[]) END, false)
$$;

-- Rows of other tables follow their dossier: the subquery is itself
-- filtered by the dossiers' policy.
CREATE FUNCTION scope_sees_dossier(p_dossier bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = p_dossier)
$$;

-- The vault and the access log belong to a person, or an organisation.
CREATE FUNCTION scope_owns(p_person bigint, p_org bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce(current_setting('guichet.scope', true) = 'user'
	   AND CASE WHEN nullif(current_setting('guichet.org', true), '') IS NULL
		THEN p_org IS NULL AND p_person =
		    nullif(current_setting('guichet.person', true), '')::bigint
		ELSE p_org = current_setting('guichet.org', true)::bigint END,
	    false)
$$;

ALTER TABLE dossiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON dossiers TO guichet_staff USING (true);
CREATE POLICY scope ON dossiers TO guichet_user
	USING (scope_sees(owner_person_id, acting_org_id, procedure_id));

ALTER TABLE dossier_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON dossier_events TO guichet_staff USING (true);
CREATE POLICY scope ON dossier_events TO guichet_user
	USING (scope_sees_dossier(dossier_id));

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON messages TO guichet_staff USING (true);
CREATE POLICY scope ON messages TO guichet_user
	USING (scope_sees_dossier(dossier_id));

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON attachments TO guichet_staff USING (true);
CREATE POLICY scope ON attachments TO guichet_user
	USING (scope_sees_dossier(dossier_id));

-- Agents' notes: never the users' programs.
ALTER TABLE agent_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON agent_notes TO guichet_staff USING (true);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON documents TO guichet_staff USING (true);
CREATE POLICY scope ON documents TO guichet_user
	USING (scope_owns(person_id, organisation_id)
	   AND (dossier_id IS NULL OR scope_sees_dossier(dossier_id)));

ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON access_log TO guichet_staff USING (true);
CREATE POLICY scope ON access_log TO guichet_user
	USING (scope_owns(person_id, organisation_id)
	   AND (dossier_id IS NULL OR scope_sees_dossier(dossier_id)));
