-- The profile (/account): a contact address confirmed by a single-use
-- link before it is used, a mobile number, the preferred language, which
-- notifications go by email.  Notifications are addressed when they are
-- sent, to confirmed addresses only; the parties of a mandate are told of
-- each of its steps.  docs/notifications.md, docs/user-space.md.

-- One table of confirmation links for both addresses a person confirms:
-- the profile's (member_id NULL) and a professional one for an
-- organisation they are a user of (member_id).  Only the SHA-256 of the
-- token is stored (lib/emailconfirm.c).
ALTER TABLE org_email_tokens RENAME TO email_tokens;
ALTER INDEX org_email_tokens_member_idx RENAME TO email_tokens_member_idx;
ALTER TABLE email_tokens ADD COLUMN person_id bigint REFERENCES persons;
UPDATE email_tokens t SET person_id = m.person_id
  FROM org_members m WHERE m.id = t.member_id;
ALTER TABLE email_tokens ALTER COLUMN person_id SET NOT NULL;
ALTER TABLE email_tokens ALTER COLUMN member_id DROP NOT NULL;
CREATE INDEX email_tokens_person_idx ON email_tokens (person_id, created_at DESC);

-- lang was always set (default 'fr'); whether the person chose it is new.
-- The kinds of notification they want by email, all by default.
ALTER TABLE persons ADD COLUMN lang_chosen boolean NOT NULL DEFAULT false;
ALTER TABLE persons ADD COLUMN notify_kinds text[] NOT NULL
	DEFAULT '{status,message,document,reminder}'
	CHECK (notify_kinds <@ '{status,message,document,reminder}');
ALTER TABLE persons ADD CONSTRAINT persons_phone_check
	CHECK (phone IS NULL OR phone ~ '^\+[0-9]{8,15}$') NOT VALID;

-- A notification in an organisation's name goes to its user's
-- professional address (mandates: the organisation of the party told).
ALTER TABLE notification_outbox ADD COLUMN organisation_id bigint
	REFERENCES organisations;

-- The address a person's notifications go to now: for an organisation,
-- the professional address they confirmed for it, else their own; their
-- own only once confirmed.  NULL: nowhere.  The notification worker asks
-- at sending time, the pages ask to show the call to add one.
CREATE FUNCTION notify_address(p_person bigint, p_org bigint)
RETURNS text LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT m.pro_email FROM org_members m
		WHERE p_org IS NOT NULL AND m.organisation_id = p_org
		  AND m.person_id = p_person AND m.removed_at IS NULL
		  AND m.pro_email_confirmed_at IS NOT NULL),
	    (SELECT p.email FROM persons p WHERE p.id = p_person
		AND p.email_verified_at IS NOT NULL))
$$;

-- Addresses are no longer copied into the row when it is written: the
-- worker looks them up when it sends (and records there the one used).
DROP TRIGGER outbox_org_address ON notification_outbox;
DROP FUNCTION outbox_org_address();

/*
 * A confirmation link used: once, before it expires, by the person it
 * was sent for.  Its address becomes the profile's (member_id NULL) or
 * the member's professional one; the previous profile address stayed in
 * use until now.  Only a link of the kind asked for (p_member: a
 * membership's) is taken.  Audited.  One row (the organisation, NULL for
 * the profile) if it was used now, none otherwise: nothing is changed.
 */
CREATE FUNCTION email_token_use(p_hash text, p_person bigint,
	p_member boolean, p_ip inet)
RETURNS TABLE (organisation_id bigint) LANGUAGE plpgsql AS $$
DECLARE
	t	email_tokens;
	org	bigint;
BEGIN
	UPDATE email_tokens SET used_at = now()
	 WHERE token_hash = decode(p_hash, 'hex') AND person_id = p_person
	   AND (member_id IS NOT NULL) = p_member
	   AND used_at IS NULL AND expires_at > now()
	RETURNING * INTO t;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.member_id IS NULL THEN
		UPDATE persons SET email = t.email, email_verified_at = now(),
			updated_at = now() WHERE id = p_person;
		INSERT INTO audit_log (action, actor_person_id, object_type,
			object_id, ip)
		VALUES ('email_verified', p_person, 'person', p_person, p_ip);
		RETURN QUERY SELECT NULL::bigint;
		RETURN;
	END IF;
	UPDATE org_members m SET pro_email = t.email,
		pro_email_confirmed_at = now()
	 WHERE m.id = t.member_id AND m.person_id = p_person
	   AND m.removed_at IS NULL
	RETURNING m.organisation_id INTO org;
	IF org IS NULL THEN
		-- no longer a user of it: the link is spent, nothing else
		RETURN;
	END IF;
	PERFORM org_audit('org_email_confirmed', p_person, org, 'member',
		t.member_id, p_ip, '{}');
	RETURN QUERY SELECT org;
END $$;

/*
 * The other party of a mandate hears of each step: a request reaches the
 * beneficiary's access manager; a mandate given, accepted or refused
 * reaches the mandatary (the person, or its organisation's access
 * manager); a revocation reaches the side that did not revoke.  Never the
 * one who acted.  The row names the organisation acted for (its
 * professional address, docs/notifications.md) and, for the text, the
 * beneficiary's name and number from the company register.
 */
CREATE FUNCTION mandate_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	k	text;
	actor	bigint;
	to_ben	boolean := false;
BEGIN
	IF TG_OP = 'INSERT' THEN
		to_ben := NEW.status = 'requested';
		k := CASE WHEN to_ben THEN 'mandate_requested'
			ELSE 'mandate_given' END;
		actor := NEW.requested_by;
	ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
		k := 'mandate_' || NEW.status;
		actor := coalesce(NEW.revoked_by, NEW.decided_by);
		to_ben := NEW.status = 'revoked' AND NOT EXISTS (SELECT 1
		    FROM org_members m WHERE m.person_id = NEW.revoked_by
		     AND m.organisation_id = NEW.beneficiary_org_id
		     AND m.access_manager AND m.removed_at IS NULL);
	ELSE
		RETURN NULL;
	END IF;
	INSERT INTO notification_outbox (kind, person_id, organisation_id,
		lang, payload)
	SELECT k, w.person, w.org, p.lang, jsonb_build_object('org', b.bce,
		'org_name', b.name)
	  FROM (SELECT m.person_id AS person, m.organisation_id AS org
		  FROM org_members m
		 WHERE m.organisation_id = CASE WHEN to_ben
			THEN NEW.beneficiary_org_id ELSE NEW.mandatary_org_id END
		   AND m.access_manager AND m.removed_at IS NULL
		UNION ALL
		SELECT NEW.mandatary_person_id, NULL
		 WHERE NOT to_ben AND NEW.mandatary_person_id IS NOT NULL) w
	  JOIN persons p ON p.id = w.person
	  JOIN organisations b ON b.id = NEW.beneficiary_org_id
	 WHERE w.person IS DISTINCT FROM actor;
	RETURN NULL;
END $$;
CREATE TRIGGER mandates_notify AFTER INSERT OR UPDATE OF status ON mandates
	FOR EACH ROW EXECUTE FUNCTION mandate_notify();
