-- The slot pages' busy times, in local minutes (issue 20, docs/appointments.md,
-- docs/benchmarks.md): appointment_busy() converted each row's bounds
-- "AT TIME ZONE 'Europe/Brussels'", which looks the zone up by name
-- for every value (9 % of the database's time per slot page), and the
-- program then took the epoch of each.  This one runs with the zone as
-- its setting, converts with a cast, and gives the minutes since
-- 1970-01-01 00:00 local time that lib/slots.c counts in; the window is
-- given in the same minutes.  Same rows as appointment_busy(): live
-- states, expired holds left out, no person.
CREATE FUNCTION appointment_busy_minutes(p_office bigint, p_from bigint,
    p_to bigint)
RETURNS TABLE (desk_id bigint, starts bigint, ends bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public SET TimeZone = 'Europe/Brussels' AS $$
DECLARE
	w	tstzrange := tstzrange(
	    (to_timestamp(p_from * 60) AT TIME ZONE 'UTC')::timestamptz,
	    (to_timestamp(p_to * 60) AT TIME ZONE 'UTC')::timestamptz);
BEGIN
	RETURN QUERY
	SELECT a.desk_id,
	    floor(extract(epoch FROM lower(a.during)::timestamp) / 60)::bigint,
	    ceil(extract(epoch FROM upper(a.during)::timestamp) / 60)::bigint
	  FROM appointments a
	 WHERE a.office_id = p_office
	   AND a.status IN ('held', 'booked', 'seen', 'noshow', 'blocked')
	   AND a.during && w
	   AND NOT (a.status = 'held' AND a.held_until <= now());
END $$;
REVOKE ALL ON FUNCTION appointment_busy_minutes(bigint, bigint, bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appointment_busy_minutes(bigint, bigint, bigint)
    TO guichet_user, guichet_staff;
