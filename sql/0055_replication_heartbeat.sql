-- The primary's heartbeat (issue 22, docs/high-availability.md): one row
-- whose time guichet-notify sets every second (db_heartbeat, lib/dbread.c)
-- when the programs have a read connection.  A standby's copy of it is as
-- old as the standby's replay, even when nothing else is written, so the
-- programs send reads to a standby only while its copy is within
-- db.read_max_lag_ms of its clock.
CREATE TABLE replication_heartbeat (
	one	boolean PRIMARY KEY DEFAULT true CHECK (one),
	at	timestamptz NOT NULL
);
INSERT INTO replication_heartbeat (at) VALUES (now());
