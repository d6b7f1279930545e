-- Working a submitted dossier.  Every change goes through one of these
-- functions, which write the change, its event and the user's
-- notification in the caller's transaction: the user's space, the agents'
-- inbox and the API call the same ones, so none of them can skip a step
-- or forget to tell the user.  The transitions themselves stay checked by
-- the trigger of 0003 (dossier_transitions), whoever writes.
--
-- Refusals are raised with SQLSTATE codes the programs map to answers:
--   P0002 no_data_found     no such dossier
--   23514 check_violation   not allowed in its state (closed, not waiting…)

-- Messages may come from a business application too (issue 5's API).
ALTER TABLE messages ADD COLUMN author_api_client_id bigint REFERENCES api_clients;
ALTER TABLE messages DROP CONSTRAINT messages_check;
ALTER TABLE messages ADD CONSTRAINT messages_one_author
	CHECK (num_nonnulls(author_person_id, author_agent_id, author_api_client_id) = 1);
-- A message answering a request for a complement, or asking for one.
ALTER TABLE messages ADD COLUMN kind text NOT NULL DEFAULT 'message'
	CHECK (kind IN ('message', 'complement_request', 'complement_answer'));
ALTER TABLE dossier_events ADD COLUMN message_id bigint REFERENCES messages;
ALTER TABLE dossier_events ADD COLUMN document_id bigint REFERENCES documents;
CREATE INDEX dossier_events_at_idx ON dossier_events (at, id);

-- The user's notifications go out in the language they filed the dossier
-- in (the procedure's language for them), else their profile's.
CREATE FUNCTION dossier_notify(d dossiers, p_kind text, p_status text)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO notification_outbox (kind, dossier_id, person_id, lang, payload)
	SELECT p_kind, d.id, d.owner_person_id,
	       coalesce((SELECT o.lang FROM notification_outbox o
			WHERE o.dossier_id = d.id AND o.kind = 'dossier_submitted'
			ORDER BY o.id LIMIT 1), p.lang),
	       jsonb_strip_nulls(jsonb_build_object('reference', d.reference,
			'status', p_status))
	  FROM persons p WHERE p.id = d.owner_person_id
$$;

CREATE FUNCTION dossier_get(p_dossier bigint) RETURNS dossiers
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers;
BEGIN
	SELECT * INTO d FROM dossiers WHERE id = p_dossier FOR UPDATE;
	IF NOT FOUND OR d.reference IS NULL THEN
		RAISE EXCEPTION 'no dossier %', p_dossier USING ERRCODE = 'no_data_found';
	END IF;
	RETURN d;
END $$;

-- A change of status by an agent or an application, with why.
CREATE FUNCTION dossier_set_status(p_dossier bigint, p_to text,
	p_agent bigint, p_api bigint, p_reason text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
	was text;
	ev bigint;
BEGIN
	was := d.status;
	IF d.waiting_since IS NOT NULL AND p_to <> 'cloture' THEN
		RAISE EXCEPTION 'dossier % waits for the user', p_dossier
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE dossiers SET status = p_to,
		closed_at = CASE WHEN p_to = 'cloture' THEN now() END,
		waiting_total = waiting_total + coalesce(now() - waiting_since, '0'),
		waiting_since = NULL
	 WHERE id = p_dossier RETURNING * INTO d;
	INSERT INTO dossier_events (dossier_id, kind, from_status, to_status,
		actor_agent_id, actor_api_client_id, reason)
	VALUES (p_dossier, 'status', was, p_to, p_agent, p_api, p_reason)
	RETURNING id INTO ev;
	PERFORM dossier_notify(d, 'dossier_status', p_to);
	RETURN ev;
END $$;

-- A message with at most one PDF, from the user, an agent or an
-- application.  A user's message while a complement is awaited answers
-- it; an agent's or application's with p_complement asks for one.
CREATE FUNCTION dossier_message(p_dossier bigint, p_person bigint,
	p_agent bigint, p_api bigint, p_body text, p_complement boolean,
	p_filename text, p_content bytea) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
	m bigint;
	k text := 'message';
BEGIN
	IF d.status = 'cloture' THEN
		RAISE EXCEPTION 'dossier % is closed', p_dossier
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_complement THEN
		IF p_person IS NOT NULL OR d.status NOT IN ('receptionne', 'en_traitement')
		   OR d.waiting_since IS NOT NULL THEN
			RAISE EXCEPTION 'dossier % cannot be asked for a complement now', p_dossier
				USING ERRCODE = 'check_violation';
		END IF;
		k := 'complement_request';
		UPDATE dossiers SET waiting_since = now(), updated_at = now()
		 WHERE id = p_dossier;
	ELSIF p_person IS NOT NULL AND d.waiting_since IS NOT NULL THEN
		k := 'complement_answer';
		UPDATE dossiers SET waiting_total = waiting_total + (now() - waiting_since),
			waiting_since = NULL WHERE id = p_dossier;
	ELSE
		UPDATE dossiers SET updated_at = now() WHERE id = p_dossier;
	END IF;
	INSERT INTO messages (dossier_id, author_person_id, author_agent_id,
		author_api_client_id, body, kind)
	VALUES (p_dossier, p_person, p_agent, p_api, p_body, k)
	RETURNING id INTO m;
	IF p_content IS NOT NULL THEN
		INSERT INTO attachments (dossier_id, message_id, filename, size,
			sha256, content, uploaded_by)
		VALUES (p_dossier, m, p_filename, length(p_content),
			sha256(p_content), p_content, p_person);
	END IF;
	INSERT INTO dossier_events (dossier_id, kind, actor_person_id,
		actor_agent_id, actor_api_client_id, message_id)
	VALUES (p_dossier, k, p_person, p_agent, p_api, m);
	IF p_person IS NULL THEN
		PERFORM dossier_notify(d, CASE WHEN p_complement
			THEN 'complement_request' ELSE 'message' END, NULL);
	END IF;
	RETURN m;
END $$;

-- An official document for the user's vault (a decision, a certificate).
CREATE FUNCTION dossier_document(p_dossier bigint, p_agent bigint,
	p_api bigint, p_kind text, p_title text, p_filename text,
	p_content bytea, p_seal bytea) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
	doc bigint;
BEGIN
	INSERT INTO documents (dossier_id, person_id, organisation_id, kind,
		title, issuer_department_id, filename, size, sha256, seal, content)
	SELECT p_dossier, CASE WHEN d.acting_org_id IS NULL THEN d.owner_person_id END,
	       d.acting_org_id, p_kind, p_title, pr.department_id, p_filename,
	       length(p_content), sha256(p_content), p_seal, p_content
	  FROM procedures pr WHERE pr.id = d.procedure_id
	RETURNING id INTO doc;
	UPDATE dossiers SET updated_at = now() WHERE id = p_dossier;
	INSERT INTO dossier_events (dossier_id, kind, actor_agent_id,
		actor_api_client_id, document_id, reason)
	VALUES (p_dossier, 'document', p_agent, p_api, doc, p_title);
	PERFORM dossier_notify(d, 'document', NULL);
	RETURN doc;
END $$;

-- The user puts a closed dossier away, or takes it back out.
CREATE FUNCTION dossier_archive(p_dossier bigint, p_person bigint,
	p_archived boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
BEGIN
	IF d.status <> 'cloture' THEN
		RAISE EXCEPTION 'dossier % is not closed', p_dossier
			USING ERRCODE = 'check_violation';
	END IF;
	IF d.archived = p_archived THEN
		RETURN;
	END IF;
	UPDATE dossiers SET archived = p_archived WHERE id = p_dossier;
	INSERT INTO dossier_events (dossier_id, kind, actor_person_id, reason)
	VALUES (p_dossier, 'archive', p_person,
		CASE WHEN p_archived THEN 'archived' ELSE 'unarchived' END);
END $$;
