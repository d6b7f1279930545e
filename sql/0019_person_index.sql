-- A person's dossiers are found by dossiers_owner_idx (0017), and a
-- person has tens of them, sorted in no time: the ordered partial index
-- of 0003 only cost every submission one more index entry and one more
-- relation to lock (PostgreSQL locks 16 cheaply per transaction).
DROP INDEX dossiers_person_idx;
