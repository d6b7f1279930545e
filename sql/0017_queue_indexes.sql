-- The agents' queues and searches at a million dossiers (tests/bench/
-- dossiers): each query reads a page's worth of rows along an index in
-- the order it shows, whatever the number of dossiers.
--
-- Every queue of a department in order of submission, oldest or newest
-- first: read along this index, the department's rows come early (the
-- predicate is the queues' own condition, so the planner can use it).
CREATE INDEX dossiers_sent_idx ON dossiers (submitted_at, id)
	WHERE status NOT IN ('en_cours', 'complet');
-- Waiting for the user: few at any time, found at once.
CREATE INDEX dossiers_waiting_idx ON dossiers (submitted_at, id)
	WHERE waiting_since IS NOT NULL;
-- "Mine", in order of submission (replaces the index by status and change).
DROP INDEX dossiers_assigned_idx;
CREATE INDEX dossiers_mine_idx ON dossiers (assigned_agent_id, submitted_at, id)
	WHERE assigned_agent_id IS NOT NULL;
-- Search by name: the persons or organisations whose name starts so, then
-- their dossiers.  text_pattern_ops makes LIKE 'prefix%' an index range
-- under any collation.
CREATE INDEX dossiers_owner_idx ON dossiers (owner_person_id);
CREATE INDEX persons_surname_prefix_idx ON persons (lower(surname) text_pattern_ops);
CREATE INDEX persons_fullname_prefix_idx ON persons
	(lower(given_names || ' ' || surname) text_pattern_ops);
CREATE INDEX organisations_name_prefix_idx ON organisations (lower(name) text_pattern_ops);
