-- Acting for an organisation: who may, for which procedure families, and
-- every change to it, in one place.  The programs call these functions;
-- each checks the actor's authority at the time of the call, writes the
-- change and its audit rows in one transaction, and raises:
--   no_data_found (P0002)      nothing the actor may touch: a 404
--   check_violation (23514)    a state that does not allow it: a 409
--   invalid_parameter_value    bad input: a 400
-- docs/organisations.md.

-- Single-use links that confirm a member's professional email.
CREATE TABLE org_email_tokens (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	member_id	bigint NOT NULL REFERENCES org_members ON DELETE CASCADE,
	email		text NOT NULL,
	token_hash	bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz
);
CREATE INDEX org_email_tokens_member_idx ON org_email_tokens (member_id, created_at DESC);

CREATE INDEX org_members_org_idx ON org_members (organisation_id) WHERE removed_at IS NULL;
CREATE INDEX org_legal_reps_nrn_idx ON org_legal_reps (person_nrn);

-- The families a person may act on for an organisation as one of its
-- users, today; NULL if they are not one.  The main access manager holds
-- every family (they grant them).
CREATE FUNCTION org_member_families(p_person bigint, p_org bigint)
RETURNS text[] LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN m.access_manager
		THEN ARRAY(SELECT code FROM procedure_families ORDER BY code)
		ELSE ARRAY(SELECT family_code FROM org_member_roles r
			WHERE r.member_id = m.id ORDER BY family_code) END
	  FROM org_members m
	 WHERE m.organisation_id = p_org AND m.person_id = p_person
	   AND m.removed_at IS NULL
	   AND (m.valid_until IS NULL OR m.valid_until >= current_date)
$$;

-- The mandate p_mandate, if it lets p_person act for p_org today: accepted,
-- within its dates, and held by the person or by an organisation they are
-- a user of.
CREATE FUNCTION mandate_families(p_person bigint, p_org bigint, p_mandate bigint)
RETURNS text[] LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN md.mandatary_person_id IS NOT NULL THEN md.scope
		ELSE ARRAY(SELECT f FROM unnest(md.scope) f
			WHERE f = ANY (org_member_families(p_person,
			    md.mandatary_org_id)) ORDER BY f) END
	  FROM mandates md
	 WHERE md.id = p_mandate AND md.beneficiary_org_id = p_org
	   AND md.status = 'accepted'
	   AND current_date BETWEEN md.starts_on AND md.ends_on
	   AND (md.mandatary_person_id = p_person
	    OR org_member_families(p_person, md.mandatary_org_id) IS NOT NULL)
$$;

-- What a session acting for p_org (through p_mandate, or as a user) may
-- act on now: NULL when it may no longer act for it at all.
CREATE FUNCTION acting_families(p_person bigint, p_org bigint, p_mandate bigint)
RETURNS text[] LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN p_org IS NULL THEN NULL
		WHEN p_mandate IS NULL THEN org_member_families(p_person, p_org)
		ELSE mandate_families(p_person, p_org, p_mandate) END
$$;

-- The end of the day acting stops by itself (a user's end date, a
-- mandate's last day), so that a session kept in a worker's memory is
-- dropped at that moment.
CREATE FUNCTION acting_until(p_person bigint, p_org bigint, p_mandate bigint)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN p_mandate IS NULL
		THEN (SELECT (m.valid_until + 1)::timestamptz FROM org_members m
			WHERE m.organisation_id = p_org AND m.person_id = p_person
			  AND m.removed_at IS NULL)
		ELSE (SELECT least((md.ends_on + 1)::timestamptz,
			(SELECT (m.valid_until + 1)::timestamptz FROM org_members m
			  WHERE m.organisation_id = md.mandatary_org_id
			    AND m.person_id = p_person AND m.removed_at IS NULL))
			FROM mandates md WHERE md.id = p_mandate) END
$$;

CREATE FUNCTION org_raise(p_what text, p_code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', p_what USING ERRCODE = p_code;
END $$;

-- The actor's active membership of p_org as its main access manager.
CREATE FUNCTION org_manager_check(p_actor bigint, p_org bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM org_members m
	    WHERE m.organisation_id = p_org AND m.person_id = p_actor
	      AND m.access_manager AND m.removed_at IS NULL
	      AND (m.valid_until IS NULL OR m.valid_until >= current_date)) THEN
		PERFORM org_raise('not the access manager', 'P0002');
	END IF;
END $$;

CREATE FUNCTION org_audit(p_action text, p_actor bigint, p_org bigint,
	p_type text, p_id bigint, p_ip inet, p_details jsonb) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO audit_log (action, actor_person_id, organisation_id,
		object_type, object_id, ip, details)
	VALUES (p_action, p_actor, p_org, p_type, p_id, p_ip, p_details)
$$;

-- A person known by national number only, until they log in.
CREATE FUNCTION person_by_nrn(p_nrn text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
BEGIN
	IF p_nrn !~ '^[0-9]{11}$' THEN
		PERFORM org_raise('national number', '22023');
	END IF;
	INSERT INTO persons (nrn) VALUES (p_nrn) ON CONFLICT (nrn) DO NOTHING;
	SELECT p.id INTO id FROM persons p WHERE p.nrn = p_nrn;
	RETURN id;
END $$;

-- The organisation as the company register describes it now, with its
-- legal representatives (a JSON array of {nrn, capacity}).
CREATE FUNCTION org_from_register(p_bce text, p_kind text, p_name text,
	p_form text, p_address jsonb, p_reps jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	org bigint;
BEGIN
	INSERT INTO organisations (bce, kind, name, legal_form, address,
		register_checked_at)
	VALUES (p_bce, p_kind, p_name, p_form, p_address, now())
	ON CONFLICT (bce) DO UPDATE SET kind = EXCLUDED.kind,
		name = EXCLUDED.name, legal_form = EXCLUDED.legal_form,
		address = EXCLUDED.address, register_checked_at = now(),
		updated_at = now()
	RETURNING id INTO org;
	DELETE FROM org_legal_reps WHERE organisation_id = org;
	INSERT INTO org_legal_reps (organisation_id, person_nrn, capacity)
	SELECT org, r->>'nrn', r->>'capacity'
	  FROM jsonb_array_elements(p_reps) r
	 WHERE r->>'nrn' ~ '^[0-9]{11}$'
	ON CONFLICT DO NOTHING;
	RETURN org;
END $$;

-- A legal representative designates (or replaces) the main access
-- manager; the one replaced stays a user with the roles they had.
CREATE FUNCTION org_designate_manager(p_actor bigint, p_org bigint,
	p_nrn text, p_ip inet) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who bigint;
	was bigint;
	member bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM org_legal_reps r JOIN persons p
	    ON p.nrn = r.person_nrn
	    WHERE r.organisation_id = p_org AND p.id = p_actor) THEN
		PERFORM org_raise('not a legal representative', 'P0002');
	END IF;
	who := person_by_nrn(p_nrn);
	SELECT person_id INTO was FROM org_members
	 WHERE organisation_id = p_org AND access_manager AND removed_at IS NULL;
	UPDATE org_members SET access_manager = false
	 WHERE organisation_id = p_org AND access_manager AND removed_at IS NULL;
	UPDATE org_members SET access_manager = true, granted_by = p_actor,
		granted_at = now(), valid_until = NULL
	 WHERE organisation_id = p_org AND person_id = who AND removed_at IS NULL
	RETURNING id INTO member;
	IF member IS NULL THEN
		INSERT INTO org_members (organisation_id, person_id,
			access_manager, granted_by)
		VALUES (p_org, who, true, p_actor) RETURNING id INTO member;
	END IF;
	PERFORM org_audit('org_manager_designated', p_actor, p_org, 'member',
		member, p_ip, jsonb_build_object('manager', who, 'replaced', was));
	RETURN member;
END $$;

-- The access manager adds a user (or finds the one already there).
CREATE FUNCTION org_member_add(p_actor bigint, p_org bigint, p_nrn text,
	p_until date, p_ip inet) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who bigint;
	member bigint;
BEGIN
	PERFORM org_manager_check(p_actor, p_org);
	IF p_until < current_date THEN
		PERFORM org_raise('end date in the past', '22023');
	END IF;
	who := person_by_nrn(p_nrn);
	SELECT id INTO member FROM org_members
	 WHERE organisation_id = p_org AND person_id = who AND removed_at IS NULL;
	IF member IS NOT NULL THEN
		PERFORM org_raise('already a user', '23505');
	END IF;
	INSERT INTO org_members (organisation_id, person_id, granted_by,
		valid_until)
	VALUES (p_org, who, p_actor, p_until) RETURNING id INTO member;
	PERFORM org_audit('org_member_added', p_actor, p_org, 'member', member,
		p_ip, jsonb_build_object('person', who, 'until', p_until));
	RETURN member;
END $$;

-- The access manager sets a user's roles and end date; what was granted
-- before keeps who granted it and when.
CREATE FUNCTION org_member_update(p_actor bigint, p_org bigint,
	p_member bigint, p_families text[], p_until date, p_ip inet)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	m org_members;
	added text[];
	taken text[];
BEGIN
	PERFORM org_manager_check(p_actor, p_org);
	SELECT * INTO m FROM org_members WHERE id = p_member
	   AND organisation_id = p_org AND removed_at IS NULL FOR UPDATE;
	IF NOT FOUND THEN
		PERFORM org_raise('no such user', 'P0002');
	END IF;
	IF EXISTS (SELECT 1 FROM unnest(p_families) f WHERE f NOT IN
	    (SELECT code FROM procedure_families)) THEN
		PERFORM org_raise('unknown family', '22023');
	END IF;
	IF p_until < current_date THEN
		PERFORM org_raise('end date in the past', '22023');
	END IF;
	IF m.access_manager AND p_until IS NOT NULL THEN
		PERFORM org_raise('the access manager has no end date', '23514');
	END IF;
	added := ARRAY(SELECT unnest(p_families) EXCEPT
		SELECT family_code FROM org_member_roles WHERE member_id = p_member
		ORDER BY 1);
	taken := ARRAY(SELECT family_code FROM org_member_roles
		WHERE member_id = p_member EXCEPT SELECT unnest(p_families)
		ORDER BY 1);
	DELETE FROM org_member_roles WHERE member_id = p_member
	   AND family_code = ANY (taken);
	INSERT INTO org_member_roles (member_id, family_code, granted_by)
	SELECT p_member, f, p_actor FROM unnest(added) f;
	UPDATE org_members SET valid_until = p_until WHERE id = p_member
	   AND valid_until IS DISTINCT FROM p_until;
	IF cardinality(added) > 0 OR cardinality(taken) > 0 OR
	    m.valid_until IS DISTINCT FROM p_until THEN
		PERFORM org_audit('org_member_changed', p_actor, p_org, 'member',
			p_member, p_ip, jsonb_strip_nulls(jsonb_build_object(
			'person', m.person_id, 'granted', added, 'taken', taken,
			'until', CASE WHEN m.valid_until IS DISTINCT FROM p_until
				THEN coalesce(p_until::text, 'none') END)));
	END IF;
END $$;

-- The access manager removes a user; the access manager themselves is
-- replaced by a legal representative instead.
CREATE FUNCTION org_member_remove(p_actor bigint, p_org bigint,
	p_member bigint, p_ip inet) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	m org_members;
BEGIN
	PERFORM org_manager_check(p_actor, p_org);
	SELECT * INTO m FROM org_members WHERE id = p_member
	   AND organisation_id = p_org AND removed_at IS NULL FOR UPDATE;
	IF NOT FOUND THEN
		PERFORM org_raise('no such user', 'P0002');
	END IF;
	IF m.access_manager THEN
		PERFORM org_raise('the access manager stays', '23514');
	END IF;
	UPDATE org_members SET removed_at = now(), removed_by = p_actor
	 WHERE id = p_member;
	PERFORM org_audit('org_member_removed', p_actor, p_org, 'member',
		p_member, p_ip, jsonb_build_object('person', m.person_id));
END $$;

-- A mandate: asked by the mandatary side (p_given false: its access
-- manager, or the person for themselves), or given at once by the
-- beneficiary's access manager (p_given true).  Audited on both sides.
CREATE FUNCTION mandate_create(p_actor bigint, p_beneficiary bigint,
	p_mandatary_org bigint, p_mandatary_person bigint, p_scope text[],
	p_start date, p_end date, p_given boolean, p_ip inet) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
BEGIN
	IF p_given THEN
		PERFORM org_manager_check(p_actor, p_beneficiary);
	ELSIF p_mandatary_org IS NOT NULL THEN
		PERFORM org_manager_check(p_actor, p_mandatary_org);
	ELSIF p_mandatary_person IS DISTINCT FROM p_actor THEN
		PERFORM org_raise('a person asks for themselves', 'P0002');
	END IF;
	IF cardinality(p_scope) = 0 OR EXISTS (SELECT 1 FROM unnest(p_scope) f
	    WHERE f NOT IN (SELECT code FROM procedure_families)) THEN
		PERFORM org_raise('scope', '22023');
	END IF;
	IF p_end < p_start OR p_end < current_date THEN
		PERFORM org_raise('dates', '22023');
	END IF;
	IF p_mandatary_org = p_beneficiary THEN
		PERFORM org_raise('an organisation for itself', '22023');
	END IF;
	INSERT INTO mandates (beneficiary_org_id, mandatary_org_id,
		mandatary_person_id, scope, starts_on, ends_on, status,
		requested_by, decided_by, decided_at)
	VALUES (p_beneficiary, p_mandatary_org, p_mandatary_person,
		ARRAY(SELECT DISTINCT unnest(p_scope) ORDER BY 1), p_start, p_end,
		CASE WHEN p_given THEN 'accepted' ELSE 'requested' END, p_actor,
		CASE WHEN p_given THEN p_actor END,
		CASE WHEN p_given THEN now() END)
	RETURNING mandates.id INTO id;
	PERFORM org_audit(CASE WHEN p_given THEN 'mandate_given'
		ELSE 'mandate_requested' END, p_actor, o, 'mandate', id, p_ip,
		jsonb_strip_nulls(jsonb_build_object('beneficiary', p_beneficiary,
		'mandatary_org', p_mandatary_org, 'mandatary_person',
		p_mandatary_person, 'scope', p_scope, 'from', p_start,
		'to', p_end)))
	  FROM unnest(ARRAY[p_beneficiary, p_mandatary_org]) o
	 WHERE o IS NOT NULL;
	RETURN id;
END $$;

-- The beneficiary's access manager accepts or refuses a request;
-- revoking is open to either side.  Revoked, it stops at once.
CREATE FUNCTION mandate_decide(p_actor bigint, p_mandate bigint,
	p_action text, p_ip inet) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	md mandates;
	side_ok boolean;
BEGIN
	SELECT * INTO md FROM mandates WHERE id = p_mandate FOR UPDATE;
	IF NOT FOUND THEN
		PERFORM org_raise('no such mandate', 'P0002');
	END IF;
	side_ok := EXISTS (SELECT 1 FROM org_members m
	    WHERE m.person_id = p_actor AND m.access_manager
	      AND m.removed_at IS NULL
	      AND m.organisation_id = md.beneficiary_org_id);
	IF p_action = 'revoke' THEN
		-- coalesce: a mandate held by an organisation has no person
		side_ok := side_ok
		    OR coalesce(md.mandatary_person_id = p_actor, false)
		    OR EXISTS (SELECT 1 FROM org_members m
		    WHERE m.person_id = p_actor AND m.access_manager
		      AND m.removed_at IS NULL
		      AND m.organisation_id = md.mandatary_org_id);
	END IF;
	IF NOT side_ok THEN
		PERFORM org_raise('not a party', 'P0002');
	END IF;
	IF p_action IN ('accept', 'refuse') AND md.status <> 'requested' OR
	    p_action = 'revoke' AND md.status NOT IN ('requested', 'accepted') THEN
		PERFORM org_raise('mandate is ' || md.status, '23514');
	END IF;
	IF p_action = 'revoke' THEN
		UPDATE mandates SET status = 'revoked', revoked_by = p_actor,
			revoked_at = now() WHERE id = p_mandate;
	ELSIF p_action IN ('accept', 'refuse') THEN
		UPDATE mandates SET status = CASE p_action
			WHEN 'accept' THEN 'accepted' ELSE 'refused' END,
			decided_by = p_actor, decided_at = now()
		 WHERE id = p_mandate;
	ELSE
		PERFORM org_raise('action', '22023');
	END IF;
	PERFORM org_audit('mandate_' || CASE p_action WHEN 'accept' THEN
		'accepted' WHEN 'refuse' THEN 'refused' ELSE 'revoked' END,
		p_actor, o, 'mandate', p_mandate, p_ip,
		jsonb_build_object('beneficiary', md.beneficiary_org_id))
	  FROM unnest(ARRAY[md.beneficiary_org_id, md.mandatary_org_id]) o
	 WHERE o IS NOT NULL;
END $$;

-- What a mandate or a user's roles change means for sessions kept in
-- workers' memory: they are told to read again (sql/0010).
CREATE TRIGGER org_member_roles_changed AFTER INSERT OR UPDATE OR DELETE
	ON org_member_roles FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
CREATE TRIGGER mandates_changed AFTER UPDATE OR DELETE ON mandates
	FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
CREATE TRIGGER org_members_added AFTER INSERT ON org_members
	FOR EACH STATEMENT EXECUTE FUNCTION sessions_announce();
DROP TRIGGER sessions_changed ON sessions;
CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
	WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at
	   OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
	   OR OLD.acting_org_id IS DISTINCT FROM NEW.acting_org_id
	   OR OLD.acting_mandate_id IS DISTINCT FROM NEW.acting_mandate_id
	   OR OLD.assurance IS DISTINCT FROM NEW.assurance
	   OR OLD.person_id IS DISTINCT FROM NEW.person_id)
	EXECUTE FUNCTION sessions_announce();

-- An organisation's notifications go to the professional address its
-- user confirmed, when there is one (the person's own address otherwise).
CREATE FUNCTION outbox_org_address() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.email IS NULL AND NEW.dossier_id IS NOT NULL THEN
		SELECT m.pro_email INTO NEW.email
		  FROM dossiers d JOIN org_members m
		    ON m.organisation_id = d.acting_org_id
		   AND m.person_id = d.owner_person_id AND m.removed_at IS NULL
		 WHERE d.id = NEW.dossier_id AND d.acting_org_id IS NOT NULL
		   AND m.pro_email_confirmed_at IS NOT NULL;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER outbox_org_address BEFORE INSERT ON notification_outbox
	FOR EACH ROW EXECUTE FUNCTION outbox_org_address();

-- How a person is shown on the organisation's pages: their name, or the
-- national number the access manager typed until they first log in.
CREATE FUNCTION person_label(p_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(nullif(trim(given_names || ' ' || surname), ''),
		substr(nrn, 1, 2) || '.' || substr(nrn, 3, 2) || '.' ||
		substr(nrn, 5, 2) || '-' || substr(nrn, 7, 3) || '.' ||
		substr(nrn, 10, 2))
	  FROM persons WHERE id = p_id
$$;
