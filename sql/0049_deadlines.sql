-- Legal decision deadlines (issue 20, docs/deadlines.md): the clock of a
-- dossier is recorded, not recomputed.  A procedure's definition declares
-- its deadline ("decision_deadline": a period in calendar or working days,
-- the region whose holidays count, what silence means at its end, what a
-- request for a complement does); each event of the dossier that moves the
-- clock (submission, complement asked, complement given, closing) writes a
-- row of dossier_clock in the same transaction, by a trigger on
-- dossier_events, so no path can forget it.  The date a decision is due
-- follows from that log by one function, deadline_due(), and is kept on
-- the dossier (due_on) for the queues' sorting; the user's space, the
-- inbox, the receipt and the API all read that one column.

-- Public holidays by region, written by guichet-admin migrate from
-- lib/calendar.c (the one place the rules live): SQL only reads them.
CREATE TABLE public_holidays (
	region		text NOT NULL CHECK (region IN ('belgium', 'brussels',
			    'wallonia', 'flanders', 'german')),
	day		date NOT NULL,
	name		text NOT NULL,	-- the language files' key
	PRIMARY KEY (region, day)
);
-- The years public_holidays covers: a date beyond them is refused rather
-- than counted as if it had no holiday.
CREATE TABLE public_holiday_years (
	year		integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999)
);

CREATE FUNCTION cal_known(p_day date) RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM public_holiday_years
	    WHERE year = extract(year FROM p_day)) THEN
		RAISE EXCEPTION 'no public holidays known for %', p_day
			USING ERRCODE = 'data_exception';
	END IF;
END $$;

-- PL/pgSQL rather than SQL for the functions with a subquery: an SQL
-- function holding one is never inlined, and its body is parsed and
-- planned again at every call (0023); PL/pgSQL keeps its plans for the
-- connection's life.
CREATE FUNCTION cal_working(p_region text, p_day date) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN extract(isodow FROM p_day) < 6 AND NOT EXISTS (
	    SELECT 1 FROM public_holidays WHERE region = p_region AND day = p_day);
END $$;

-- The n-th working day after p_day; with n = 0, p_day if it is a working
-- day, else the next one (Judicial Code, art. 53): lib/calendar.c's
-- cal_add_working over the same holidays.
CREATE FUNCTION cal_add_working(p_region text, p_day date, p_n integer)
RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
	d date := p_day;
	k integer := 0;
BEGIN
	PERFORM cal_known(p_day);
	IF p_n <= 0 THEN
		WHILE NOT cal_working(p_region, d) LOOP
			d := d + 1;
		END LOOP;
	ELSE
		WHILE k < p_n LOOP
			d := d + 1;
			IF cal_working(p_region, d) THEN
				k := k + 1;
			END IF;
		END LOOP;
	END IF;
	PERFORM cal_known(d);
	RETURN d;
END $$;

-- Working days in (p_from, p_to]: 0 when p_to <= p_from.
CREATE FUNCTION cal_working_between(p_region text, p_from date, p_to date)
RETURNS integer LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT count(*)::integer FROM generate_series(p_from + 1, p_to,
	    interval '1 day') g(d) WHERE cal_working(p_region, g.d::date));
END $$;

-- The rule of a version, read once per event from a column of its own:
-- the definition itself can be large, and detoasting it for every event
-- of every dossier would cost each submission.
ALTER TABLE procedure_versions ADD COLUMN decision_deadline jsonb
	GENERATED ALWAYS AS (definition->'decision_deadline') STORED;

CREATE TABLE dossier_clock (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers,
	event_id	bigint REFERENCES dossier_events,
	kind		text NOT NULL CHECK (kind IN ('start', 'pause', 'resume',
			    'restart', 'stop')),
	at		timestamptz NOT NULL DEFAULT now(),
	-- the day it counts from: the Brussels date of at
	day		date NOT NULL,
	reason		text NOT NULL CHECK (reason IN ('submitted',
			    'complement_request', 'complement_answer', 'closed'))
);
CREATE INDEX dossier_clock_dossier_idx ON dossier_clock (dossier_id, id);
CREATE TRIGGER dossier_clock_append_only BEFORE UPDATE OR DELETE
	ON dossier_clock FOR EACH ROW EXECUTE FUNCTION forbid_change();
ALTER TABLE dossier_clock ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON dossier_clock TO guichet_staff USING (true);
CREATE POLICY scope ON dossier_clock TO guichet_user
	USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

/*
 * The date by which a decision is due, from a rule and a clock's events in
 * order: NULL while the clock is paused or after it stopped.  The day of
 * an event does not count, the period runs from the next day, and its last
 * day moves off a Saturday, Sunday or holiday (Judicial Code, art. 52 and
 * 53); in working days every counted day is one.  A pause keeps the days
 * already run (up to and including the pause's day); a resume goes on from
 * its day with what was left; a restart starts the whole period again.
 */
CREATE FUNCTION deadline_due(p_rule jsonb, p_kinds text[], p_days date[])
RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
	n integer := (p_rule->>'days')::integer;
	working boolean := p_rule->>'count' = 'working';
	region text := coalesce(p_rule->>'region', 'belgium');
	base date;
	used integer := 0;
	running boolean := false;
	i integer;
BEGIN
	IF p_rule IS NULL OR n IS NULL THEN
		RETURN NULL;
	END IF;
	FOR i IN 1 .. coalesce(array_length(p_kinds, 1), 0) LOOP
		CASE p_kinds[i]
		WHEN 'start', 'restart' THEN
			base := p_days[i];
			used := 0;
			running := true;
		WHEN 'pause' THEN
			IF running THEN
				used := used + CASE WHEN working
				    THEN cal_working_between(region, base, p_days[i])
				    ELSE greatest(p_days[i] - base, 0) END;
				running := false;
			END IF;
		WHEN 'resume' THEN
			IF NOT running AND base IS NOT NULL THEN
				base := p_days[i];
				running := true;
			END IF;
		ELSE	-- stop
			RETURN NULL;
		END CASE;
	END LOOP;
	IF NOT running THEN
		RETURN NULL;
	END IF;
	IF working THEN
		RETURN cal_add_working(region, base, greatest(n - used, 0));
	END IF;
	RETURN cal_add_working(region, base + greatest(n - used, 0), 0);
END $$;

-- The one function every page, the API and the daily job take the date from.
CREATE FUNCTION dossier_due(p_dossier bigint) RETURNS date
LANGUAGE plpgsql STABLE AS $$
DECLARE
	rule jsonb;
	kinds text[];
	days date[];
BEGIN
	SELECT v.decision_deadline INTO rule FROM dossiers d
	  JOIN procedure_versions v
	    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version
	 WHERE d.id = p_dossier;
	SELECT array_agg(c.kind ORDER BY c.id), array_agg(c.day ORDER BY c.id)
	  INTO kinds, days FROM dossier_clock c WHERE c.dossier_id = p_dossier;
	RETURN deadline_due(rule, kinds, days);
END $$;

-- Today as the law counts days here, and how near a due date is: the
-- pages, the queue's flags and filters and the managers' counts say it
-- with these two.
CREATE FUNCTION deadline_today() RETURNS date LANGUAGE sql STABLE AS $$
	SELECT (now() AT TIME ZONE 'Europe/Brussels')::date
$$;
CREATE FUNCTION deadline_flag(p_due date) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN p_due < deadline_today() THEN 'past'
	    WHEN p_due <= deadline_today() + 7 THEN 'near' END
$$;

-- Kept on the dossier, from the log, each time the log grows.  Not
-- indexed: the update that keeps it follows the submission's in the same
-- transaction, and an index on it would make that second row version
-- write an entry in every index of dossiers (no HOT update); the daily
-- job reads the table once a day, the queues within a department.
ALTER TABLE dossiers ADD COLUMN due_on date;

CREATE FUNCTION dossier_clock_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE dossiers SET due_on = dossier_due(NEW.dossier_id)
	 WHERE id = NEW.dossier_id;
	RETURN NULL;
END $$;
CREATE TRIGGER dossier_clock_due AFTER INSERT ON dossier_clock
	FOR EACH ROW EXECUTE FUNCTION dossier_clock_due();

-- The events that move the clock, for dossiers whose version has a rule.
CREATE FUNCTION dossier_events_clock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	rule jsonb;
	k text;
	why text;
BEGIN
	SELECT v.decision_deadline INTO rule FROM dossiers d
	  JOIN procedure_versions v ON v.procedure_id = d.procedure_id
	   AND v.version = d.procedure_version
	 WHERE d.id = NEW.dossier_id;
	IF rule IS NULL OR jsonb_typeof(rule) <> 'object' THEN
		RETURN NULL;
	END IF;
	IF NEW.kind = 'status' AND NEW.to_status = 'soumis' THEN
		k := 'start'; why := 'submitted';
	ELSIF NEW.kind = 'status' AND NEW.to_status = 'cloture' THEN
		k := 'stop'; why := 'closed';
	ELSIF NEW.kind = 'complement_request' THEN
		k := 'pause'; why := 'complement_request';
	ELSIF NEW.kind = 'complement_answer' THEN
		k := CASE WHEN rule->>'complement' = 'restart' THEN 'restart'
		    ELSE 'resume' END;
		why := 'complement_answer';
	ELSE
		RETURN NULL;
	END IF;
	INSERT INTO dossier_clock (dossier_id, event_id, kind, at, day, reason)
	VALUES (NEW.dossier_id, NEW.id, k, NEW.at,
		(NEW.at AT TIME ZONE 'Europe/Brussels')::date, why);
	RETURN NULL;
END $$;
CREATE TRIGGER dossier_events_clock AFTER INSERT ON dossier_events
	FOR EACH ROW WHEN (NEW.kind IN ('status', 'complement_request',
	    'complement_answer'))
	EXECUTE FUNCTION dossier_events_clock();

-- A tacit decision may close a dossier nobody received: a transition the
-- law makes, which no agent or application may (dossier_tacit alone sets
-- guichet.tacit, for its own transaction).
ALTER TABLE dossier_transitions ADD COLUMN by_law_only boolean NOT NULL DEFAULT false;
INSERT INTO dossier_transitions VALUES ('soumis', 'cloture', true);

CREATE OR REPLACE FUNCTION dossier_check_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
	    SELECT 1 FROM dossier_transitions
	    WHERE from_status = OLD.status AND to_status = NEW.status
	      AND (NOT by_law_only
	       OR current_setting('guichet.tacit', true) = 'on')) THEN
		RAISE EXCEPTION 'dossier % cannot go from % to %',
			OLD.id, OLD.status, NEW.status
			USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.procedure_version <> OLD.procedure_version THEN
		RAISE EXCEPTION 'a dossier stays on its procedure version'
			USING ERRCODE = 'check_violation';
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END $$;

/*
 * The daily job's closing of one dossier whose deadline passed in silence
 * (guichet-notify, cgi-bin/notify/deadlines.c): its sealed letter put in
 * the vault and the dossier closed, with the user told as for any
 * decision.  Checked again under the dossier's lock, so two hosts, or a
 * run repeated, close it once: false when there is nothing (any more) to
 * do — closed, waiting for a complement, not yet due, or a rule whose
 * silence means nothing.
 */
CREATE FUNCTION dossier_tacit(p_dossier bigint, p_today date, p_title text,
	p_filename text, p_content bytea, p_seal bytea, p_code text,
	p_key bytea, p_lang lang_code) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	d dossiers := dossier_get(p_dossier);
	rule jsonb;
BEGIN
	SELECT v.decision_deadline INTO rule FROM procedure_versions v
	 WHERE v.procedure_id = d.procedure_id AND v.version = d.procedure_version;
	IF d.status = 'cloture' OR d.waiting_since IS NOT NULL
	   OR d.due_on IS NULL OR d.due_on >= p_today
	   OR coalesce(rule->>'silence', 'none') NOT IN ('acceptance', 'refusal') THEN
		RETURN false;
	END IF;
	PERFORM dossier_document(p_dossier, NULL, NULL, 'decision', p_title,
		p_filename, p_content, p_seal, p_code, p_key, p_lang);
	PERFORM set_config('guichet.tacit', 'on', true);
	PERFORM dossier_set_status(p_dossier, 'cloture', NULL, NULL, p_title);
	PERFORM set_config('guichet.tacit', 'off', true);
	RETURN true;
END $$;
