-- A submission applies only to a complete draft as it was read (one
-- statement guarded by updated_at, forms/submit.c), so a replayed POST
-- changes nothing without the unique index on submit_key.  The key stays,
-- to tell which summary page sent the dossier; its index went: every
-- submission paid for it, and with it the statement needed more than the
-- 16 relations PostgreSQL locks cheaply.
ALTER TABLE dossiers DROP CONSTRAINT dossiers_submit_key_key;
