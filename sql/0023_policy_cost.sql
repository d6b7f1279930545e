-- What row-level security cost a submission, found with perf (docs/
-- benchmarks.md): a fifth of PostgreSQL's time went to parsing and planning
-- scope_sees_dossier() again for every statement that read or wrote a row
-- hanging from a dossier.  A SQL function whose body holds a subquery is
-- never inlined: each statement called it through the function manager,
-- which parses and plans its body once per statement.  Written in the
-- policy itself, the same EXISTS is planned with the statement and kept in
-- its cached plan.  What the policies let through is unchanged: the
-- subquery still reads dossiers under their own policy.
DROP POLICY scope ON dossier_events;
CREATE POLICY scope ON dossier_events TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

DROP POLICY scope ON messages;
CREATE POLICY scope ON messages TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

DROP POLICY scope ON attachments;
CREATE POLICY scope ON attachments TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

-- (0022 explains the nullif(..., false) IS NOT NULL.)
DROP POLICY scope ON documents;
CREATE POLICY scope ON documents TO guichet_user
	USING (nullif(scope_owns(person_id, organisation_id), false) IS NOT NULL
	   AND (dossier_id IS NULL
	    OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id)));

DROP POLICY scope ON access_log;
CREATE POLICY scope ON access_log TO guichet_user
	USING (nullif(scope_owns(person_id, organisation_id), false) IS NOT NULL
	   AND (dossier_id IS NULL
	    OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id)));

DROP FUNCTION scope_sees_dossier(bigint);

-- The organisation's address is looked for only when the notification has
-- none: a citizen's submission gives the profile's, and then no PL/pgSQL
-- call is made at all.
DROP TRIGGER outbox_org_address ON notification_outbox;
CREATE TRIGGER outbox_org_address BEFORE INSERT ON notification_outbox
	FOR EACH ROW WHEN (NEW.email IS NULL AND NEW.dossier_id IS NOT NULL)
	EXECUTE FUNCTION outbox_org_address();
