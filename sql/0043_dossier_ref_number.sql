-- The number of a dossier's reference, kept on the dossier once taken.
-- It used to be read with a bare SELECT nextval(): two submit clicks in
-- the same instant each took one, and the click that lost left a gap in
-- the references.  Taken now by an UPDATE of the row, which locks it, so
-- the second click waits, finds the dossier changed and takes none; and
-- a submission retried after a crash reuses the number it had.
ALTER TABLE dossiers ADD COLUMN ref_number bigint;
