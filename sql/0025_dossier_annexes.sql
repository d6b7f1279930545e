-- A dossier's annexes (the PDF files of its questions, not those of its
-- messages), summed up on the dossier itself: id, field, filename, size
-- and digest of each, in upload order.  Every page of a form shows them,
-- and the submission seals them; read through a subquery on attachments,
-- under that table's policy and its own subquery on dossiers, they were
-- an eighth of a form page's time (docs/benchmarks.md).  Attachments are
-- written far less often than pages are read: a trigger keeps the summary
-- as their rows change, in the same transaction.  Updating the dossier
-- moves its updated_at, so a submission prepared before an upload in
-- another tab no longer applies (submit.c compares updated_at).
ALTER TABLE dossiers ADD COLUMN annexes jsonb NOT NULL DEFAULT '[]';

CREATE FUNCTION dossier_annexes(p_dossier bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id,
		'field', a.field, 'filename', a.filename, 'size', a.size,
		'sha256', encode(a.sha256, 'hex')) ORDER BY a.id), '[]')
	  FROM attachments a
	 WHERE a.dossier_id = p_dossier AND a.message_id IS NULL
$$;

CREATE FUNCTION attachments_annexes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' AND OLD.message_id IS NULL THEN
		UPDATE dossiers SET annexes = dossier_annexes(id)
		 WHERE id = OLD.dossier_id;
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.message_id IS NULL AND
	   (TG_OP = 'INSERT' OR NEW.dossier_id IS DISTINCT FROM OLD.dossier_id
	    OR OLD.message_id IS NOT NULL) THEN
		UPDATE dossiers SET annexes = dossier_annexes(id)
		 WHERE id = NEW.dossier_id;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER attachments_annexes
	AFTER INSERT OR DELETE OR UPDATE OF dossier_id, message_id, field,
	    filename, size, sha256 ON attachments
	FOR EACH ROW EXECUTE FUNCTION attachments_annexes();

-- The dossiers that have annexes already, without touching updated_at.
ALTER TABLE dossiers DISABLE TRIGGER dossiers_transition;
UPDATE dossiers d SET annexes = dossier_annexes(d.id)
 WHERE EXISTS (SELECT 1 FROM attachments a
		WHERE a.dossier_id = d.id AND a.message_id IS NULL);
ALTER TABLE dossiers ENABLE TRIGGER dossiers_transition;
