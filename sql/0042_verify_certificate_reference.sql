-- The holder named by a certificate's code and date of birth comes with
-- the certificate's reference (C-2026-000042), printed on it, as a
-- dossier's documents come with the dossier's: document_check_birth of
-- sql/0038 looked for a dossier only, and certificates have none.

CREATE OR REPLACE FUNCTION document_check_birth(p_key bytea, p_birth date)
RETURNS TABLE (found boolean, kind text, about jsonb, issuer_names jsonb,
	issued_at timestamptz, revoked_at timestamptz, birth_matches boolean,
	locked boolean, holder text, reference text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	d	documents;
	pe	persons;
	org	text;
	ref	text;
	ok	boolean;
	lock	boolean;
BEGIN
	SELECT * INTO d FROM documents WHERE verify_key = p_key FOR UPDATE;
	SELECT * INTO pe FROM persons
	 WHERE id = coalesce(d.person_id, (SELECT owner_person_id FROM dossiers
	     WHERE id = d.dossier_id));
	SELECT o.name INTO org FROM organisations o WHERE o.id = d.organisation_id;
	-- a dossier's document: its reference; a certificate: its request's
	SELECT coalesce((SELECT ds.reference FROM dossiers ds
	     WHERE ds.id = d.dossier_id), (SELECT c.reference
	     FROM certificate_requests c WHERE c.document_id = d.id))
	  INTO ref;
	lock := d.birth_failures >= 5 AND d.birth_failed_at > now() - interval '1 day';
	ok := CASE WHEN NOT coalesce(lock, false) THEN
	    coalesce(nrn_birth_date(pe.nrn) = p_birth, false) END;
	IF d.id IS NOT NULL AND ok IS FALSE THEN
		UPDATE documents SET birth_failed_at = now(),
		       birth_failures = CASE WHEN birth_failed_at >
		           now() - interval '1 day' THEN birth_failures + 1
		           ELSE 1 END
		 WHERE id = d.id;
	END IF;
	RETURN QUERY SELECT d.id IS NOT NULL, d.kind, d.about,
	    (SELECT names FROM departments WHERE id = d.issuer_department_id),
	    d.issued_at, d.revoked_at, ok, coalesce(lock, false),
	    CASE WHEN ok THEN coalesce(org, trim(pe.given_names || ' ' ||
	        pe.surname)) END,
	    CASE WHEN ok THEN ref END;
END $$;

-- a document is the certificate of one request at most
CREATE UNIQUE INDEX certificate_requests_document_idx
	ON certificate_requests (document_id) WHERE document_id IS NOT NULL;
