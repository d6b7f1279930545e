-- A dossier's status, and an event's from and to, were foreign keys to
-- dossier_statuses.  Each check of such a key is a query of its own that
-- also locks the status's row (FOR KEY SHARE), and every submission of
-- every user locked the same two rows, "complet" and "soumis": three such
-- queries per submission, and lockers piling up on two rows (multixacts).
-- The statuses are a closed list that only a migration changes, so a
-- CHECK against that list says the same for the cost of a comparison.
-- dossier_statuses stays what the programs read (order, drafts), and the
-- transitions still name statuses through foreign keys; a migration that
-- adds a status changes both (docs/data-model.md).
ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_fkey;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_known CHECK (status IN
	('en_cours', 'complet', 'soumis', 'receptionne', 'en_traitement',
	 'cloture'));
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_from_status_fkey;
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_to_status_fkey;
ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_statuses_known CHECK
	(from_status IN ('en_cours', 'complet', 'soumis', 'receptionne',
	  'en_traitement', 'cloture')
	 AND to_status IN ('en_cours', 'complet', 'soumis', 'receptionne',
	  'en_traitement', 'cloture'));

-- The list and the table say the same, or the migration fails.
DO $$
BEGIN
	IF (SELECT array_agg(code ORDER BY code) FROM dossier_statuses) <>
	    ARRAY['cloture', 'complet', 'en_cours', 'en_traitement',
		  'receptionne', 'soumis'] THEN
		RAISE EXCEPTION 'dossier_statuses differs from the statuses checked';
	END IF;
END $$;
