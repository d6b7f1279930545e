-- Appointments at the counter (issue 20, docs/appointments.md): offices of
-- a department, their meeting types and desks, weekly opening rules and
-- closures, and the appointments themselves, where a PostgreSQL exclusion
-- constraint makes two live appointments on one desk at one time
-- impossible, whoever writes them and however fast.
--
-- btree_gist (Debian's postgresql-15 contrib, trusted: the owner who
-- migrates may create it, as sql/0030 does unaccent) lets one GiST index
-- compare the desk by equality and the time range by overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

-- A counter of a department: where people come, in which region (its
-- public holidays, lib/calendar.c), how soon and how far ahead one books.
CREATE TABLE offices (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,29}$'),
	department_id	bigint NOT NULL REFERENCES departments,
	names		jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object'),
	address		text NOT NULL,
	-- step-free access, hearing loop, parking...: one text per language
	accessibility	jsonb NOT NULL DEFAULT '{}'
		CHECK (jsonb_typeof(accessibility) = 'object'),
	region		text NOT NULL CHECK (region IN ('belgium', 'brussels',
		'wallonia', 'flanders', 'german')),
	min_delay_minutes integer NOT NULL DEFAULT 120
		CHECK (min_delay_minutes BETWEEN 0 AND 43200),
	max_delay_days	integer NOT NULL DEFAULT 60
		CHECK (max_delay_days BETWEEN 1 AND 366),
	online		boolean NOT NULL DEFAULT true,
	created_at	timestamptz NOT NULL DEFAULT now()
);

-- "New identity card, 15 min": labels in the four languages.
CREATE TABLE meeting_types (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	office_id	bigint NOT NULL REFERENCES offices,
	code		text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,29}$'),
	labels		jsonb NOT NULL CHECK (labels ?& ARRAY['fr', 'nl', 'de', 'en']),
	duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240
		AND duration_minutes % 5 = 0),
	online		boolean NOT NULL DEFAULT true,
	position	integer NOT NULL DEFAULT 0,
	UNIQUE (office_id, code),
	UNIQUE (id, office_id)		-- for appointments' check of the office
);

-- Each desk serves one person at a time: desks multiply a slot's capacity.
-- feed_hash is the SHA-256 of the secret of the desk's iCalendar feed
-- (NULL: no feed, or revoked).
CREATE TABLE desks (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	office_id	bigint NOT NULL REFERENCES offices,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
	active		boolean NOT NULL DEFAULT true,
	feed_hash	bytea UNIQUE CHECK (length(feed_hash) = 32),
	UNIQUE (office_id, name),
	UNIQUE (id, office_id)
);

-- Weekly hours, local time (Europe/Brussels); several rows a day for a
-- day with a lunch break.
CREATE TABLE opening_rules (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	office_id	bigint NOT NULL REFERENCES offices,
	weekday		integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),	-- ISO
	opens		time NOT NULL,
	closes		time NOT NULL,
	CHECK (opens < closes)
);
CREATE INDEX opening_rules_office_idx ON opening_rules (office_id, weekday);

-- An office's own closures (staff training, a local fair), imported from
-- iCalendar files: one row per event, keyed by its UID so a second import
-- of the same file updates rather than duplicates.
CREATE TABLE office_closures (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	office_id	bigint NOT NULL REFERENCES offices,
	uid		text NOT NULL,
	during		tstzrange NOT NULL CHECK (NOT isempty(during)),
	summary		text NOT NULL DEFAULT '',
	UNIQUE (office_id, uid)
);
CREATE INDEX office_closures_during_idx ON office_closures USING gist (office_id, during);

-- One appointment, or one block an agent put on a desk.  uid is the
-- appointment's identity for the person and their calendar (the
-- iCalendar UID, the page's address), kept across a move: the moved row
-- says 'moved' and its successor carries the same uid with the next
-- sequence.  A hold lasts until held_until; an expired hold is left as
-- it is and made 'expired' by the next booking that needs its place.
CREATE TABLE appointments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	uid		text NOT NULL CHECK (uid ~ '^[0-9a-f]{24}$'),
	sequence	integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
	office_id	bigint NOT NULL REFERENCES offices,
	desk_id		bigint NOT NULL,
	meeting_type_id	bigint,
	status		text NOT NULL CHECK (status IN ('held', 'booked', 'seen',
		'noshow', 'cancelled', 'expired', 'moved', 'blocked')),
	during		tstzrange NOT NULL CHECK (NOT isempty(during)
		AND lower_inc(during) AND NOT upper_inc(during)),
	person_id	bigint REFERENCES persons,
	dossier_id	bigint REFERENCES dossiers,
	-- booked at the counter or by phone for someone without an account
	contact_name	text CHECK (length(contact_name) <= 200),
	contact_email	text CHECK (length(contact_email) <= 254),
	contact_phone	text CHECK (length(contact_phone) <= 40),
	lang		lang_code NOT NULL DEFAULT 'fr',
	held_until	timestamptz,
	agent_id	bigint REFERENCES agents,	-- who booked or blocked it
	note		text CHECK (length(note) <= 500),
	replaces_id	bigint REFERENCES appointments,
	reminded_day_at	timestamptz,
	reminded_hours_at timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (desk_id, office_id) REFERENCES desks (id, office_id),
	FOREIGN KEY (meeting_type_id, office_id)
		REFERENCES meeting_types (id, office_id),
	CHECK ((status = 'blocked') = (meeting_type_id IS NULL)),
	CHECK (status <> 'held' OR held_until IS NOT NULL),
	-- no double booking, by construction: live rows never overlap on a desk
	CONSTRAINT appointments_no_overlap EXCLUDE USING gist
		(desk_id WITH =, during WITH &&)
		WHERE (status IN ('held', 'booked', 'seen', 'noshow', 'blocked'))
);
CREATE INDEX appointments_uid_idx ON appointments (uid, id);
CREATE INDEX appointments_person_idx ON appointments (person_id, id)
	WHERE person_id IS NOT NULL;
CREATE INDEX appointments_office_idx ON appointments USING gist (office_id, during)
	WHERE status IN ('held', 'booked', 'seen', 'noshow', 'blocked');
CREATE INDEX appointments_reminder_idx ON appointments (lower(during))
	WHERE status = 'booked';

-- A citizen's program sees a person's own appointments, and the one a
-- signed link opened (guichet.appointment, set by the program once it has
-- checked the link's signature); staff sees every row.
ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff ON appointments TO guichet_staff USING (true);
CREATE POLICY scope ON appointments TO guichet_user
	USING (scope_owns(person_id, NULL)
	    OR uid = nullif(current_setting('guichet.appointment', true), ''));

-- The busy times of an office's desks, local time, without who: what the
-- citizens' slot pages subtract from the opening hours.  Expired holds do
-- not count.  In PL/pgSQL, whose plans a connection keeps: a SQL
-- function that is SECURITY DEFINER is planned again at every call.
CREATE FUNCTION appointment_busy(p_office bigint, p_from timestamptz,
    p_to timestamptz)
RETURNS TABLE (desk_id bigint, starts timestamp, ends timestamp)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
	RETURN QUERY
	SELECT a.desk_id, lower(a.during) AT TIME ZONE 'Europe/Brussels',
	    upper(a.during) AT TIME ZONE 'Europe/Brussels'
	  FROM appointments a
	 WHERE a.office_id = p_office
	   AND a.status IN ('held', 'booked', 'seen', 'noshow', 'blocked')
	   AND a.during && tstzrange(p_from, p_to)
	   AND NOT (a.status = 'held' AND a.held_until <= now());
END $$;

-- Holds a slot on the first desk of the office that is free then: the
-- expired holds in the way are made 'expired', each desk is tried in turn,
-- and the exclusion constraint decides between simultaneous clicks.
-- Returns the new row's id, or NULL when every desk is taken.
CREATE FUNCTION appointment_hold(p_office bigint, p_type bigint,
    p_start timestamptz, p_person bigint, p_uid text, p_sequence integer,
    p_replaces bigint, p_lang text, p_hold_minutes integer)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	r	tstzrange;
	d	bigint;
	new_id	bigint;
BEGIN
	SELECT tstzrange(p_start, p_start + make_interval(mins => t.duration_minutes))
	  INTO r FROM meeting_types t WHERE t.id = p_type AND t.office_id = p_office;
	IF r IS NULL THEN
		RAISE EXCEPTION 'meeting type % is not of office %', p_type, p_office
		    USING ERRCODE = 'foreign_key_violation';
	END IF;
	UPDATE appointments SET status = 'expired', updated_at = now()
	 WHERE office_id = p_office AND status = 'held' AND held_until <= now()
	   AND during && r;
	FOR d IN SELECT k.id FROM desks k WHERE k.office_id = p_office AND k.active
	    ORDER BY k.id LOOP
		BEGIN
			INSERT INTO appointments (uid, sequence, office_id, desk_id,
			    meeting_type_id, status, during, person_id, lang,
			    held_until, replaces_id)
			VALUES (p_uid, p_sequence, p_office, d, p_type, 'held', r,
			    p_person, p_lang,
			    now() + make_interval(mins => p_hold_minutes), p_replaces)
			RETURNING id INTO new_id;
			RETURN new_id;
		EXCEPTION WHEN exclusion_violation THEN
			NULL;	-- this desk is taken then: the next one
		END;
	END LOOP;
	RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION appointment_hold(bigint, bigint, timestamptz, bigint,
    text, integer, bigint, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appointment_hold(bigint, bigint, timestamptz, bigint,
    text, integer, bigint, text, integer) TO guichet_user, guichet_staff;

-- A desk's read-only iCalendar feed, for the agents' own calendar
-- programs: found by the SHA-256 of its secret (guichet-admin office
-- feed), so a revoked or rotated secret finds nothing.  What it gives is
-- what a calendar kept by a third party may hold: times, meeting types
-- and states, never who comes.
CREATE FUNCTION desk_feed(p_secret text)
RETURNS TABLE (uid text, sequence integer, status text, starts bigint,
    ends bigint, labels jsonb, office jsonb, address text, desk text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	-- one row with no appointment for a desk that has none
	SELECT a.uid, a.sequence, a.status,
	    extract(epoch FROM lower(a.during))::bigint,
	    extract(epoch FROM upper(a.during))::bigint,
	    coalesce(t.labels, '{}'), o.names, o.address, k.name
	  FROM desks k JOIN offices o ON o.id = k.office_id
	  LEFT JOIN appointments a ON a.desk_id = k.id
	   AND a.status IN ('booked', 'seen', 'noshow', 'blocked')
	   AND a.during && tstzrange(now() - interval '30 days',
	       now() + interval '366 days')
	  LEFT JOIN meeting_types t ON t.id = a.meeting_type_id
	 WHERE k.feed_hash = sha256(convert_to(p_secret, 'UTF8'))
	 ORDER BY lower(a.during)
	 LIMIT 5000
$$;
