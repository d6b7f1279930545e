#!/usr/bin/env bash
# The agents' side of appointments through HTTP (docs/appointments.md):
# an office's agenda for a day and a week, by desk; an appointment booked
# for someone at the counter or on the phone (with its confirmation by
# email when an address is given), the desks filling up; a desk's time
# blocked, and what citizens are then offered; a block over an
# appointment refused; seen and missed; a reader who may look but not
# act; an agent of another department who sees no office of this one.
. "$(dirname "$0")/lib.sh"
A=$TMP/agathe B=$TMP/bruno E=$TMP/elise

CODE=AGENDA-$RANDOM
appt_office "$CODE" 2 20
D1=$(psql_q "SELECT id FROM desks WHERE office_id = $OFFICE AND name = 'Desk 1'")
D2=$(psql_q "SELECT id FROM desks WHERE office_id = $OFFICE AND name = 'Desk 2'")
psql_q "INSERT INTO opening_rules (office_id, weekday, opens, closes) SELECT $OFFICE, d, '07:00', '21:00' FROM generate_series(1, 7) d" >/dev/null
# a day ahead that is no holiday, in the region
DAY=$(psql_q "SELECT min(d)::date FROM generate_series((now() AT TIME ZONE 'Europe/Brussels')::date + 2, (now() AT TIME ZONE 'Europe/Brussels')::date + 12, interval '1 day') d WHERE to_char(d, 'MM-DD') NOT IN ('12-25', '12-26', '01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '09-27')")
AGENDA="/inbox/appointments?office=$OFFICE&day=$DAY"

# agent_post JAR PATH [curl args]: a form of the agenda page; status
agent_post() {
	local jar=$1 path=$2
	shift 2
	as "$jar" GET "$AGENDA" >/dev/null
	as "$jar" POST "$path" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "office=$OFFICE" "$@"
}
book() { agent_post "$A" /inbox/appointments/book --data "type=$TYPE" --data "day=$DAY" "$@"; }
block() { agent_post "$A" /inbox/appointments/block --data "day=$DAY" "$@"; }
row() { psql_q "SELECT $1 FROM appointments WHERE office_id = $OFFICE AND $2 ORDER BY id DESC LIMIT 1"; }

is "$(eid_login agathe /inbox "$A")" 303 "Agathe logs in"
is "$(as "$A" GET /inbox/appointments)" 200 "the agendas: 200"
contains "$TMP/body" "<option value=\"$OFFICE\"" "her department's offices listed"
is "$(as "$A" GET "$AGENDA")" 200 "the office's day: 200"
contains "$TMP/body" "Aucun rendez-vous." "nothing yet"

# --- booked at the counter --------------------------------------------------------------
is "$(book --data time=10:00 --data-urlencode "name=Marc Dupont" --data phone=0470123456 --data email=marc.$CODE@example.be)" 303 "booked for Marc Dupont on the phone: 303"
is "$(row "status || ' ' || contact_name || ' ' || contact_phone || ' ' || (agent_id IS NOT NULL)::text::char" "contact_name = 'Marc Dupont'")" "booked Marc Dupont 0470123456 t" "booked, with his name and phone, by the agent"
check "his confirmation is emailed" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE email = 'marc.$CODE@example.be' AND kind = 'appointment_booked' AND sent_at IS NOT NULL" 1
M=$(notices_for marc.$CODE@example.be | tail -1)
contains "$M" "method=REQUEST" "with its invitation"
is "$(book --data time=10:00 --data-urlencode "name=Anne Martin")" 303 "another at 10:00, on the other desk: 303"
is "$(row "count(*)" "status = 'booked' AND contact_email IS NULL AND contact_name = 'Anne Martin' GROUP BY id")" 1 "without an address: booked, no email"
is "$(book --data time=10:00 --data-urlencode "name=Paul Simon")" 409 "a third at 10:00 with two desks: 409"
contains "$TMP/body" "vient d&#39;être prise" "just taken"
is "$(book --data time=10:07 --data-urlencode "name=Paul Simon")" 422 "10:07, not a start: 422"
is "$(book --data time=23:00 --data-urlencode "name=Paul Simon")" 422 "after closing: 422"
is "$(book --data time=11:00)" 422 "without a name: 422"
is "$(psql_q "SELECT count(*) FROM appointments WHERE office_id = $OFFICE AND contact_name = 'Paul Simon'")" 0 "none of them booked"

# --- blocks ---------------------------------------------------------------------------------
is "$(block --data desk=$D1 --data from=12:00 --data to=13:00 --data-urlencode "note=Formation")" 303 "desk 1 blocked 12:00-13:00: 303"
is "$(row "status || ' ' || note" "status = 'blocked'")" "blocked Formation" "a block, with why"
is "$(eid_login elise /appointments "$E")" 303 "Élise logs in"
as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE&from=$DAY" >/dev/null
contains "$TMP/body" "value=\"${DAY}T12:00\"" "desk 2 still free at 12:00: offered"
is "$(block --data desk=$D2 --data from=12:00 --data to=13:00)" 303 "desk 2 blocked too"
as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE&from=$DAY" >/dev/null
lacks "$TMP/body" "value=\"${DAY}T12:00\"" "12:00 is no longer offered"
lacks "$TMP/body" "value=\"${DAY}T12:45\"" "nor 12:45 (would run over the block)"
contains "$TMP/body" "value=\"${DAY}T13:00\"" "13:00 is"
M_DESK=$(row desk_id "contact_name = 'Marc Dupont'")
is "$(block --data desk=$M_DESK --data from=09:50 --data to=10:10)" 409 "a block over Marc's appointment: 409"
contains "$TMP/body" "rien n&#39;a été bloqué" "says nothing was blocked"
is "$(block --data desk=$D1 --data from=15:00 --data to=14:00)" 422 "a block ending before it starts: 422"

# --- the agenda, by day, desk and week --------------------------------------------------------
as "$A" GET "$AGENDA" >/dev/null
contains "$TMP/body" "Marc Dupont (0470123456)" "the day: Marc, with his phone"
contains "$TMP/body" "Anne Martin" "Anne"
contains "$TMP/body" "Formation" "and the block"
is "$(grep -c '<tr data-status=' "$TMP/body")" 4 "four rows: two appointments, two blocks"
as "$A" GET "$AGENDA&desk=$D1" >/dev/null
is "$(grep -c '<tr data-status=' "$TMP/body")" 2 "desk 1 alone: two rows"
as "$A" GET "$AGENDA&view=week" >/dev/null
contains "$TMP/body" "$DAY 10:00" "the week: rows with their day"
as "$A" GET "/inbox/appointments?office=$OFFICE&day=$(psql_q "SELECT '$DAY'::date + 7")&view=week" >/dev/null
contains "$TMP/body" "Aucun rendez-vous." "the week after: nothing"

# --- who read the names: the person is told ------------------------------------------------------
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
psql_q "INSERT INTO appointments (uid, office_id, desk_id, meeting_type_id, status, during, person_id, lang)
	VALUES (substr(md5(random()::text), 1, 24), $OFFICE, $D1, $TYPE, 'booked', tstzrange('$DAY 16:00'::timestamp AT TIME ZONE 'Europe/Brussels', '$DAY 16:15'::timestamp AT TIME ZONE 'Europe/Brussels'), $ELISE, 'fr')" >/dev/null
# Agathe's readings of Élise's name in the last day (one, whatever the looks)
READS="SELECT count(*) FROM access_log l JOIN agents g ON g.id = l.agent_id JOIN persons p ON p.id = g.person_id WHERE l.person_id = $ELISE AND l.purpose = 'appointment_agenda' AND p.nrn = '78021400167' AND l.at > now() - interval '1 day'"
as "$A" GET "$AGENDA" >/dev/null
contains "$TMP/body" "16:00" "Élise's appointment on the agenda"
is "$(psql_q "$READS")" 1 "the reading of her name is logged for her"
as "$A" GET "$AGENDA&view=week" >/dev/null
is "$(psql_q "$READS")" 1 "once a day per agent, not at every look"
is "$(psql_q "SELECT count(*) FROM access_log WHERE purpose = 'appointment_agenda' AND person_id IS NULL")" 0 "nobody logged for the names typed at the counter"
as "$E" GET /my-data >/dev/null
contains "$TMP/body" "agenda des rendez-vous du guichet" "Élise sees it in Mes données"
psql_q "DELETE FROM appointments WHERE office_id = $OFFICE AND person_id = $ELISE" >/dev/null

# --- seen and missed ---------------------------------------------------------------------------
psql_q "INSERT INTO appointments (uid, office_id, desk_id, meeting_type_id, status, during, contact_name)
	VALUES (substr(md5(random()::text), 1, 24), $OFFICE, $D1, $TYPE, 'booked', tstzrange(now() - interval '40 minutes', now() - interval '20 minutes'), 'Vera Early'),
	       (substr(md5(random()::text), 1, 24), $OFFICE, $D2, $TYPE, 'booked', tstzrange(now() - interval '40 minutes', now() - interval '20 minutes'), 'Nico Late')" >/dev/null
TODAY=$(psql_q "SELECT (now() AT TIME ZONE 'Europe/Brussels')::date")
VERA=$(row id "contact_name = 'Vera Early'") NICO=$(row id "contact_name = 'Nico Late'") MARC=$(row id "contact_name = 'Marc Dupont'")
is "$(agent_post "$A" "/inbox/appointments/$VERA/seen" --data "day=$TODAY")" 303 "Vera seen: 303"
is "$(location)" "/inbox/appointments?office=$OFFICE&day=$TODAY" "back to the day's agenda"
is "$(agent_post "$A" "/inbox/appointments/$NICO/noshow" --data "day=$TODAY")" 303 "Nico missed: 303"
is "$(psql_q "SELECT string_agg(status, ' ' ORDER BY contact_name) FROM appointments WHERE id IN ($VERA, $NICO)")" "noshow seen" "seen and missed recorded"
is "$(agent_post "$A" "/inbox/appointments/$MARC/seen")" 409 "Marc's, days ahead: 409"
is "$(agent_post "$A" "/inbox/appointments/$MARC/lost")" 404 "an action that is none: 404"

# --- other agents ------------------------------------------------------------------------------
is "$(eid_login bruno /inbox "$B")" 303 "Bruno (taxes, mobility) logs in"
is "$(as "$B" GET "$AGENDA")" 404 "another department's office: 404"
as "$B" GET /inbox/appointments >/dev/null
lacks "$TMP/body" "<option value=\"$OFFICE\"" "not listed for him"
psql_q "INSERT INTO agent_departments (agent_id, department_id, role) SELECT a.id, d.id, 'reader' FROM agents a JOIN persons p ON p.id = a.person_id, departments d WHERE p.nrn = '82050600223' AND d.code = 'POPULATION' ON CONFLICT DO NOTHING" >/dev/null
is "$(as "$B" GET "$AGENDA")" 200 "made a reader of the department: the agenda"
lacks "$TMP/body" "/inbox/appointments/book" "without the forms"
is "$(as "$B" POST "/inbox/appointments/$MARC/noshow" -H "Origin: $BASE" --data-urlencode "csrf=$(as "$A" GET "$AGENDA" >/dev/null; csrf_token)" --data "office=$OFFICE")" 403 "and may not act: 403"
psql_q "DELETE FROM agent_departments WHERE role = 'reader' AND department_id = (SELECT id FROM departments WHERE code = 'POPULATION') AND agent_id = (SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '82050600223')" >/dev/null

done_testing
