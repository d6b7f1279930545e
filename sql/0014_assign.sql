-- Who works a dossier: an agent takes it, or a manager hands it to a
-- colleague, who must be able to process dossiers of its department.
CREATE FUNCTION dossier_assign(p_dossier bigint, p_to bigint, p_by bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
BEGIN
	IF d.status = 'cloture' THEN
		RAISE EXCEPTION 'dossier % is closed', p_dossier
			USING ERRCODE = 'check_violation';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM agent_departments ad
	    JOIN agents a ON a.id = ad.agent_id
	    JOIN procedures p ON p.department_id = ad.department_id
	    WHERE p.id = d.procedure_id AND ad.agent_id = p_to
	      AND ad.role IN ('processor', 'manager') AND a.disabled_at IS NULL) THEN
		RAISE EXCEPTION 'agent % cannot process dossier %', p_to, p_dossier
			USING ERRCODE = 'check_violation';
	END IF;
	IF d.assigned_agent_id IS NOT DISTINCT FROM p_to THEN
		RETURN;
	END IF;
	UPDATE dossiers SET assigned_agent_id = p_to WHERE id = p_dossier;
	INSERT INTO dossier_events (dossier_id, kind, actor_agent_id, reason)
	VALUES (p_dossier, 'assign', p_by, p_to::text);
END $$;
