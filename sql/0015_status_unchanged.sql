-- A status set to the one it has is refused too: the trigger of 0003 lets
-- an unchanged status through, and an agent's second click would write a
-- second event and mail the user twice.
CREATE OR REPLACE FUNCTION dossier_set_status(p_dossier bigint, p_to text,
	p_agent bigint, p_api bigint, p_reason text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
	was text;
	ev bigint;
BEGIN
	was := d.status;
	IF was = p_to THEN
		RAISE EXCEPTION 'dossier % is already %', p_dossier, p_to
			USING ERRCODE = 'check_violation';
	END IF;
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
