-- Issued documents verifiable by anyone (issue 18, docs/verify.md): each
-- document gets a short code printed on it with a QR code, found by the
-- code's keyed hash (lib/vcode.c); an agent can revoke one issued in
-- error, with a reason.  A document's bytes are never changed: "this exact
-- document" is its SHA-256, which the documents already keep.

ALTER TABLE documents
	ADD COLUMN verify_code text UNIQUE
	    CHECK (verify_code ~ '^[0-9A-HJKMNP-TV-Z]{13}$'),
	ADD COLUMN verify_key bytea UNIQUE CHECK (length(verify_key) = 32),
	ADD COLUMN lang lang_code,
	-- what it is about, in every language (its procedure's titles when
	-- issued): the public page reads it without the definition
	ADD COLUMN about jsonb CHECK (jsonb_typeof(about) = 'object'),
	ADD COLUMN revoked_at timestamptz,
	ADD COLUMN revoked_by bigint REFERENCES agents,
	ADD COLUMN revoked_reason text
	    CHECK (length(revoked_reason) BETWEEN 1 AND 2000),
	ADD CONSTRAINT documents_verify_pair
	    CHECK ((verify_code IS NULL) = (verify_key IS NULL)),
	ADD CONSTRAINT documents_revoked_whole
	    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL));

UPDATE documents d SET about = v.definition->'titles'
  FROM dossiers ds JOIN procedure_versions v ON v.procedure_id = ds.procedure_id
       AND v.version = ds.procedure_version
 WHERE ds.id = d.dossier_id AND jsonb_typeof(v.definition->'titles') = 'object';

-- A receipt is issued once per dossier and language, then served as
-- issued (cgi-bin/forms/receipt.c): two first downloads at once keep one.
CREATE UNIQUE INDEX documents_receipt_once ON documents (dossier_id, lang)
	WHERE kind = 'receipt';

-- The holder's date of birth, from the national number (YYMMDD, the
-- century told by the check digits; a "bis" number adds 20 or 40 to the
-- month).  NULL where the register does not know the day or the month.
CREATE FUNCTION nrn_birth_date(p_nrn text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT CASE WHEN m BETWEEN 1 AND 12 AND dd BETWEEN 1 AND 31 THEN
		make_date(CASE WHEN 97 - (left(p_nrn, 9)::bigint % 97)
		    = right(p_nrn, 2)::int THEN 1900 ELSE 2000 END
		    + left(p_nrn, 2)::int, m, dd) END
	  FROM (SELECT substr(p_nrn, 3, 2)::int % 20 AS m,
	               substr(p_nrn, 5, 2)::int AS dd) x
	 WHERE p_nrn ~ '^[0-9]{11}$'
$$;

-- A decision letter (and a certificate) with its verification code and
-- language: dossier_document of sql/0013 with three more arguments.
CREATE FUNCTION dossier_document(p_dossier bigint, p_agent bigint,
	p_api bigint, p_kind text, p_title text, p_filename text,
	p_content bytea, p_seal bytea, p_code text, p_key bytea,
	p_lang lang_code) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	doc bigint := dossier_document(p_dossier, p_agent, p_api, p_kind,
	    p_title, p_filename, p_content, p_seal);
BEGIN
	UPDATE documents SET verify_code = p_code, verify_key = p_key,
	       lang = p_lang, about = (SELECT v.definition->'titles'
	           FROM dossiers ds JOIN procedure_versions v
	             ON v.procedure_id = ds.procedure_id
	            AND v.version = ds.procedure_version
	          WHERE ds.id = p_dossier)
	 WHERE id = doc;
	RETURN doc;
END $$;

/*
 * What anyone may know of a document, by its code's key: no personal
 * data, only its kind, what it is about, who issued it, when, whether it
 * was revoked, and the digest of its bytes (to say of an uploaded file
 * "this exact document").  A table of its own, kept by triggers from
 * documents, that the public program reads with a plain indexed SELECT:
 * the citizens' programs are under row-level security and see no one's
 * documents without a session, and a function that looks past it
 * (SECURITY DEFINER) cost as much in PostgreSQL as the whole page in the
 * program.  The programs read it; only the triggers write.
 */
CREATE TABLE document_facts (
	verify_key	bytea PRIMARY KEY CHECK (length(verify_key) = 32),
	document_id	bigint NOT NULL UNIQUE REFERENCES documents,
	kind		text NOT NULL,
	about		jsonb,
	issuer_department_id bigint REFERENCES departments,
	issued_at	timestamptz NOT NULL,
	revoked_at	timestamptz,
	sha256		bytea NOT NULL CHECK (length(sha256) = 32)
);
CREATE INDEX document_facts_sha256_idx ON document_facts (sha256);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON document_facts
	FROM guichet_user, guichet_staff;

CREATE FUNCTION document_facts_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	IF NEW.verify_key IS NULL THEN
		RETURN NULL;
	END IF;
	INSERT INTO document_facts (verify_key, document_id, kind, about,
		issuer_department_id, issued_at, revoked_at, sha256)
	VALUES (NEW.verify_key, NEW.id, NEW.kind, NEW.about,
		NEW.issuer_department_id, NEW.issued_at, NEW.revoked_at,
		NEW.sha256)
	ON CONFLICT (verify_key) DO UPDATE SET revoked_at = EXCLUDED.revoked_at,
		about = EXCLUDED.about;
	RETURN NULL;
END $$;
CREATE TRIGGER document_facts_keep AFTER INSERT OR UPDATE OF verify_key,
	about, revoked_at ON documents
	FOR EACH ROW EXECUTE FUNCTION document_facts_keep();

-- Wrong dates of birth typed for a document, counted so that nobody
-- holding a code can try every day of a century: after five in a day,
-- no date is compared for that document until the day is over.
ALTER TABLE documents
	ADD COLUMN birth_failures smallint NOT NULL DEFAULT 0,
	ADD COLUMN birth_failed_at timestamptz;

/*
 * A date typed with the code, compared with the holder's (from the
 * national number), who is then named with the dossier's reference (the
 * verifier holds the document that names them).  birth_matches is NULL
 * when the document is locked by wrong dates (locked).  Always one row.
 */
CREATE FUNCTION document_check_birth(p_key bytea, p_birth date)
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
	SELECT ds.reference INTO ref FROM dossiers ds WHERE ds.id = d.dossier_id;
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

/*
 * An agent revokes a document issued in error: once, with a reason; the
 * page of its code says so from then on, the holder sees it in the vault,
 * and the dossier's history says which document was revoked, and by
 * whom.  The caller checks the agent may act on the document's dossier.
 */
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_kind_check;
ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_kind_check
	CHECK (kind IN ('status', 'complement_request', 'complement_answer',
	    'assign', 'archive', 'message', 'document', 'document_revoked'));

CREATE FUNCTION document_revoke(p_document bigint, p_agent bigint,
	p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	doc documents;
BEGIN
	UPDATE documents SET revoked_at = now(), revoked_by = p_agent,
	       revoked_reason = p_reason
	 WHERE id = p_document AND revoked_at IS NULL
	RETURNING * INTO doc;
	IF doc.id IS NULL THEN
		RAISE EXCEPTION 'document % is already revoked or unknown',
		    p_document USING ERRCODE = 'check_violation';
	END IF;
	IF doc.dossier_id IS NOT NULL THEN
		UPDATE dossiers SET updated_at = now() WHERE id = doc.dossier_id;
		INSERT INTO dossier_events (dossier_id, kind, actor_agent_id,
			document_id, reason)
		VALUES (doc.dossier_id, 'document_revoked', p_agent, doc.id,
			doc.title);
	END IF;
END $$;

/*
 * The receipt of a submitted dossier as issued in a language: drawn and
 * stored at its first download (with the code it carries), then served as
 * stored, so the bytes a holder shows are the bytes whose digest we keep.
 * Runs as the caller, under row-level security: only the dossier's owner
 * stores or reads its receipt.  Returns the stored document's id.
 */
CREATE FUNCTION dossier_receipt(p_dossier bigint, p_title text,
	p_filename text, p_content bytea, p_code text, p_key bytea,
	p_lang lang_code) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	doc bigint;
BEGIN
	INSERT INTO documents (dossier_id, person_id, organisation_id, kind,
		title, issuer_department_id, filename, size, sha256, content,
		verify_code, verify_key, lang, about)
	SELECT d.id, CASE WHEN d.acting_org_id IS NULL THEN d.owner_person_id END,
	       d.acting_org_id, 'receipt', p_title, pr.department_id,
	       p_filename, length(p_content), sha256(p_content), p_content,
	       p_code, p_key, p_lang, v.definition->'titles'
	  FROM dossiers d JOIN procedures pr ON pr.id = d.procedure_id
	  JOIN procedure_versions v ON v.procedure_id = d.procedure_id
	   AND v.version = d.procedure_version
	 WHERE d.id = p_dossier AND d.submitted_at IS NOT NULL
	ON CONFLICT (dossier_id, lang) WHERE kind = 'receipt' DO NOTHING
	RETURNING id INTO doc;
	IF doc IS NULL THEN
		SELECT id INTO doc FROM documents
		 WHERE dossier_id = p_dossier AND kind = 'receipt'
		   AND lang = p_lang;
	END IF;
	RETURN doc;
END $$;
