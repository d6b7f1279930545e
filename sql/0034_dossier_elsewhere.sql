-- A dossier of the person's own, opened while acting in another context
-- (an email's link followed while acting for an organisation): where the
-- person would see it, so the page says how to switch instead of a bare
-- 404.  The same rules as acting decides (sql/0020): their own dossier
-- when acting for themselves; an organisation's, for a family they hold
-- a role for as its user, or through a mandate held today.  Nothing for
-- a dossier they could not see anywhere: that stays a 404 revealing
-- nothing.  The citizens' programs are under row-level security and
-- cannot look outside the present scope, hence SECURITY DEFINER; it
-- answers only about the person the program names, the session's.

CREATE FUNCTION dossier_elsewhere(p_person bigint, p_ref text)
RETURNS TABLE (org_id bigint, org_name text, mandate_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT NULL::bigint, NULL::text, NULL::bigint
	  FROM dossiers d
	 WHERE d.reference = p_ref AND d.acting_org_id IS NULL
	   AND d.owner_person_id = p_person
	UNION ALL
	(SELECT o.id, o.name, NULL::bigint
	  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
	  JOIN organisations o ON o.id = d.acting_org_id
	 WHERE d.reference = p_ref
	   AND p.family_code = ANY (org_member_families(p_person, o.id))
	 LIMIT 1)
	UNION ALL
	(SELECT o.id, o.name, md.id
	  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
	  JOIN organisations o ON o.id = d.acting_org_id
	  JOIN mandates md ON md.beneficiary_org_id = o.id
	 WHERE d.reference = p_ref
	   AND p.family_code = ANY (mandate_families(p_person, o.id, md.id))
	 ORDER BY md.id LIMIT 1)
	LIMIT 1
$$;
REVOKE ALL ON FUNCTION dossier_elsewhere(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_elsewhere(bigint, text) TO guichet_user;
