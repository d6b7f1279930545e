-- One person, several ways in (lib/identity.c).
--
-- A person is anchored on the national number when one is known; an
-- authenticator is one way to reach them: an eID card, an OpenID Connect
-- subject of one provider, an email address confirmed by a one-time code.
-- Sessions carry the eIDAS level of the way used: low, substantial, high.

DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['sessions', 'login_tickets'] LOOP
		EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, DROP CONSTRAINT %I,'
		    ' ADD CONSTRAINT %I CHECK (assurance IN (''low'', ''substantial'', ''high'')),'
		    ' ADD CONSTRAINT %I CHECK (method IN (''eid'', ''email'', ''oidc''))',
		    t, t || '_assurance_check', t || '_method_check',
		    t || '_assurance_check', t || '_method_check');
	END LOOP;
END $$;

CREATE TABLE authenticators (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id	bigint NOT NULL REFERENCES persons,
	kind		text NOT NULL CHECK (kind IN ('eid', 'oidc', 'email')),
	issuer		text NOT NULL DEFAULT '',	-- the provider, for oidc
	subject		text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_used_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (kind, issuer, subject)
);
CREATE INDEX authenticators_person_idx ON authenticators (person_id);

-- The email-only persons that exist already: their address is their way in.
INSERT INTO authenticators (person_id, kind, subject)
	SELECT id, 'email', lower(email) FROM persons
	 WHERE nrn IS NULL AND email IS NOT NULL
	ON CONFLICT DO NOTHING;

-- A person carried over into another one stays, for the audit trail and
-- the append-only logs that name it, but leads nowhere.
ALTER TABLE persons ADD COLUMN merged_into bigint REFERENCES persons;
ALTER TABLE persons ADD CONSTRAINT persons_merged_check
	CHECK (merged_into IS NULL OR nrn IS NULL);

/*
 * Carries an email-only person's drafts, dossiers, messages, annexes,
 * documents and ways in over to a national-number person, in the caller's
 * transaction, and audits it.  The login programs run under row-level
 * security and could not see the rows they move: this function runs as
 * the schema's owner, and refuses anything but an email-only person
 * (never merged before) into a national-number one.  Returns the number
 * of dossiers carried over.  The append-only trails (dossier events, the
 * access log, the audit log) keep naming the former person.
 */
CREATE FUNCTION identity_merge(p_from bigint, p_to bigint, p_ip inet)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
	n	integer;
	f	persons%ROWTYPE;
BEGIN
	SELECT * INTO f FROM persons WHERE id = p_from FOR UPDATE;
	IF NOT FOUND OR f.nrn IS NOT NULL OR f.merged_into IS NOT NULL OR
	    NOT EXISTS (SELECT 1 FROM persons WHERE id = p_to
	     AND nrn IS NOT NULL AND merged_into IS NULL) THEN
		RAISE EXCEPTION 'identity_merge: % cannot go into %', p_from, p_to
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE dossiers SET owner_person_id = p_to WHERE owner_person_id = p_from;
	GET DIAGNOSTICS n = ROW_COUNT;
	UPDATE messages SET author_person_id = p_to
	 WHERE author_person_id = p_from;
	UPDATE attachments SET uploaded_by = p_to WHERE uploaded_by = p_from;
	UPDATE documents SET person_id = p_to WHERE person_id = p_from;
	UPDATE notification_outbox SET person_id = p_to
	 WHERE person_id = p_from AND sent_at IS NULL;
	UPDATE helpdesk_questions SET person_id = p_to WHERE person_id = p_from;
	UPDATE authenticators SET person_id = p_to WHERE person_id = p_from;
	UPDATE sessions SET ended_at = now()
	 WHERE person_id = p_from AND ended_at IS NULL;
	-- The address the code confirmed becomes the contact address of a
	-- person who had none.
	UPDATE persons SET email = f.email, email_verified_at =
	    f.email_verified_at, updated_at = now()
	 WHERE id = p_to AND email IS NULL;
	UPDATE persons SET merged_into = p_to, updated_at = now()
	 WHERE id = p_from;
	INSERT INTO audit_log (action, actor_person_id, object_type, object_id,
	    ip, details)
	VALUES ('identity_merged', p_to, 'person', p_from, p_ip,
	    jsonb_build_object('from', p_from, 'dossiers', n));
	RETURN n;
END $$;
REVOKE ALL ON FUNCTION identity_merge(bigint, bigint, inet) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION identity_merge(bigint, bigint, inet) TO guichet_user;
