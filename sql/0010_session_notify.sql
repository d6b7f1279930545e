-- Every worker keeps the sessions it read for a few seconds; whatever
-- changes what a session may do is announced on "guichet_sessions", and
-- the workers forget their copies before their next request (lib/db.c,
-- lib/session.c).  The idle timer (last_seen_at) moving is not announced.

CREATE FUNCTION sessions_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('guichet_sessions', '');
	RETURN NULL;
END $$;

CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
	WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at
	   OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
	   OR OLD.acting_org_id IS DISTINCT FROM NEW.acting_org_id
	   OR OLD.assurance IS DISTINCT FROM NEW.assurance
	   OR OLD.person_id IS DISTINCT FROM NEW.person_id)
	EXECUTE FUNCTION sessions_announce();
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions
	FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
-- Names and addresses shown on every page; organisations' names likewise.
CREATE TRIGGER persons_changed AFTER UPDATE ON persons FOR EACH STATEMENT
	EXECUTE FUNCTION sessions_announce();
CREATE TRIGGER organisations_changed AFTER UPDATE ON organisations
	FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
-- Removing someone from an organisation ends their acting for it at once.
CREATE TRIGGER org_members_changed AFTER UPDATE OR DELETE ON org_members
	FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
