-- The help desk answers (issue 17): each question gets a reference the
-- asker can quote, an acknowledgement and an answer by email through the
-- outbox, and an answer written by an agent of the help-desk department.
-- The asker reads it logged in (their own questions, row-level security)
-- or through the link of the emails: /help/questions/REF?key=KEY, where
-- KEY is HMAC-SHA256 of the reference under the programs' secret
-- (lib/helpdesk.c), and only its SHA-256 is stored here.

CREATE SEQUENCE helpdesk_question_ref;

-- Q-2026-000042: the year of asking (Brussels), then the sequence.  A
-- procedure's code has two letters at least, so no dossier's reference
-- ever looks like one.
CREATE FUNCTION helpdesk_reference() RETURNS text
LANGUAGE sql VOLATILE AS $$
	SELECT 'Q-' || to_char(now() AT TIME ZONE 'Europe/Brussels', 'YYYY')
	    || '-' || lpad(nextval('helpdesk_question_ref')::text, 6, '0')
$$;

ALTER TABLE helpdesk_questions
	ADD COLUMN reference text UNIQUE
		CHECK (reference ~ '^Q-[0-9]{4}-[0-9]{6,}$'),
	ADD COLUMN key_hash bytea UNIQUE CHECK (length(key_hash) = 32),
	ADD COLUMN answer text CHECK (length(answer) BETWEEN 1 AND 5000),
	ADD COLUMN answered_at timestamptz,
	ADD COLUMN answered_by bigint REFERENCES agents,
	ADD CHECK ((answer IS NULL) = (answered_at IS NULL)
	    AND (answer IS NULL) = (answered_by IS NULL));

-- Questions asked before: a reference each, in the order they came.
DO $$
DECLARE
	q record;
BEGIN
	FOR q IN SELECT id, created_at FROM helpdesk_questions ORDER BY id LOOP
		UPDATE helpdesk_questions SET reference = 'Q-'
		    || to_char(q.created_at AT TIME ZONE 'Europe/Brussels', 'YYYY')
		    || '-' || lpad(nextval('helpdesk_question_ref')::text, 6, '0')
		 WHERE id = q.id;
	END LOOP;
END $$;
ALTER TABLE helpdesk_questions ALTER COLUMN reference SET NOT NULL;

CREATE INDEX helpdesk_questions_person_idx ON helpdesk_questions
	(person_id, created_at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX helpdesk_questions_answered_idx ON helpdesk_questions
	(answered_at DESC) WHERE answered_at IS NOT NULL;

-- The citizens' programs read only the questions of the person the
-- request acts as (in their own name); they write through helpdesk_ask.
-- The inbox (staff) sees all and checks the agent's department itself.
ALTER TABLE helpdesk_questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON helpdesk_questions TO guichet_staff USING (true);
CREATE POLICY asker ON helpdesk_questions FOR SELECT TO guichet_user
	USING (scope_owns(person_id, NULL));

-- A question asked, with its acknowledgement queued in the same
-- transaction, in the asker's language, to the address they typed.  The
-- person is the request's own (acting in their own name), never one the
-- caller names; NULL for anyone else.
CREATE FUNCTION helpdesk_ask(p_reference text, p_key_hash bytea,
	p_lang lang_code, p_theme text, p_name text, p_email text,
	p_subject text, p_body text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	me bigint := CASE WHEN current_setting('guichet.scope', true) = 'user'
	    AND nullif(current_setting('guichet.org', true), '') IS NULL
	    THEN nullif(current_setting('guichet.person', true), '')::bigint END;
	q bigint;
BEGIN
	INSERT INTO helpdesk_questions (reference, key_hash, lang, theme_code,
		name, email, subject, body, person_id)
	VALUES (p_reference, p_key_hash, p_lang,
		(SELECT code FROM faq_themes WHERE code = p_theme), p_name,
		p_email, p_subject, p_body, me)
	RETURNING id INTO q;
	INSERT INTO notification_outbox (kind, person_id, email, lang, payload)
	VALUES ('helpdesk_ack', me, p_email, p_lang,
		jsonb_build_object('reference', p_reference));
	RETURN q;
END $$;
REVOKE ALL ON FUNCTION helpdesk_ask(text, bytea, lang_code, text, text,
	text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION helpdesk_ask(text, bytea, lang_code, text, text,
	text, text, text) TO guichet_user;

-- One question, for whoever holds its link: the reference and the hash
-- of the key must both match, so a key opens its own question only.
CREATE FUNCTION helpdesk_question_by_key(p_reference text, p_key_hash bytea)
RETURNS SETOF helpdesk_questions
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT * FROM helpdesk_questions
	 WHERE reference = p_reference AND key_hash = p_key_hash
$$;
REVOKE ALL ON FUNCTION helpdesk_question_by_key(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION helpdesk_question_by_key(text, bytea)
	TO guichet_user;

-- An agent's answer, once, with the asker's email queued in the same
-- transaction.  23514 if it was answered already (409), P0002 if there is
-- no such question (404).
CREATE FUNCTION helpdesk_answer(p_question bigint, p_agent bigint,
	p_answer text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	q helpdesk_questions;
BEGIN
	UPDATE helpdesk_questions SET answer = p_answer, answered_at = now(),
		answered_by = p_agent, handled_at = now()
	 WHERE id = p_question AND answered_at IS NULL
	RETURNING * INTO q;
	IF NOT FOUND THEN
		IF EXISTS (SELECT 1 FROM helpdesk_questions
		    WHERE id = p_question) THEN
			RAISE EXCEPTION 'question % is answered already',
			    p_question USING ERRCODE = 'check_violation';
		END IF;
		RAISE EXCEPTION 'no question %', p_question
		    USING ERRCODE = 'no_data_found';
	END IF;
	INSERT INTO notification_outbox (kind, person_id, email, lang, payload)
	VALUES ('helpdesk_answer', q.person_id, q.email, q.lang,
		jsonb_build_object('reference', q.reference));
	RETURN q.reference;
END $$;
