#!/usr/bin/env bash
# Appointments at the counter through HTTP (docs/appointments.md): the
# offices, a week of slots with the earliest first, a slot held and
# confirmed once however often it is posted, the confirmation by email
# with its iCalendar invitation, the move (same UID, next SEQUENCE) and
# the cancellation (METHOD:CANCEL) from the emails' signed links, a
# forged and a reused link refused, two desks taken and the third person
# told the slot was just taken, the reminders; and the bad input: a slot
# in the past, outside the hours, on a holiday, garbage, a meeting type
# of another office.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise J=$TMP/jan L=$TMP/lukasz A=$TMP/anon

# An office of its own: open every day from 07:00 to 21:00, two desks,
# 15-minute meetings (lib.sh).
CODE=TEST-APPT-$RANDOM
appt_office "$CODE" 2 15
OTHER_TYPE=$(psql_q "SELECT t.id FROM meeting_types t JOIN offices o ON o.id = t.office_id WHERE o.code = 'EUPEN-REG' LIMIT 1")
SLOTS="/appointments/slots?office=$OFFICE&type=$TYPE"

first_slot() { grep -o 'name="start" value="[0-9T:-]*"' "$TMP/body" | sed -n "${1:-1}p" | sed 's/.*value="//; s/"$//'; }
# hold JAR START [more curl args]: the slot posted from the slots page's form; status
hold() {
	local jar=$1 start=$2
	shift 2
	as "$jar" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
		--data "office=$OFFICE" --data "type=$TYPE" --data-urlencode "start=$start" "$@"
}
uid_of() { location | sed -n 's|^/appointments/\([0-9a-f]\{24\}\).*|\1|p'; }
col() { psql_q "SELECT $2 FROM appointments WHERE uid = '$1' ORDER BY id DESC LIMIT 1"; }
# post_on JAR PAGE ACTION [args]: the action's form on the appointment's page; status
post_on() {
	local jar=$1 page=$2 action=$3
	shift 3
	as "$jar" GET "$page" >/dev/null
	as "$jar" POST "${page%%\?*}/$action" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" "$@"
}
# ics MAIL: the iCalendar part of a message, decoded
ics() { python3 -c 'import email,sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
for p in m.walk():
    if p.get_content_type() == "text/calendar":
        print(p.get("Content-Type")); sys.stdout.write(p.get_payload(decode=True).decode())' "$1" | tr -d '\r'; }
link_in() { python3 -c 'import email,sys,re
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
for p in m.walk():
    if p.get_content_type() == "text/plain":
        print(re.search(r"/appointments/[0-9a-f]{24}\?seq=[0-9]+&sig=[0-9a-f]{64}", p.get_payload(decode=True).decode()).group(0))' "$1"; }
# The emails go to a confirmed address (docs/user-space.md): one of this
# test's, the demo person's own put back at the end (the browser tests
# type Élise's address into an empty field).  Not in a $(...): RESTORE
# would be lost with the subshell.
RESTORE=
email_of() {
	RESTORE="$RESTORE UPDATE persons SET (email, email_verified_at) = ($(psql_q "SELECT coalesce(quote_literal(email), 'NULL') || ', ' || coalesce(quote_literal(email_verified_at) || '::timestamptz', 'NULL') FROM persons WHERE given_names LIKE '$1%'")) WHERE given_names LIKE '$1%';"
	psql_q "UPDATE persons SET email = '$2', email_verified_at = now() WHERE given_names LIKE '$1%'"
}

# --- the offices and the first week ---------------------------------------------------
is "$(as "$A" GET /appointments)" 303 "nobody logged in: to the login"
is "$(eid_login elise /appointments "$E")" 303 "Élise logs in with her card"
ELISE_MAIL=elise.appt@example.be
email_of Élise "$ELISE_MAIL" >/dev/null
is "$(as "$E" GET /appointments)" 200 "the offices: 200"
contains "$TMP/body" "Bureau d&#39;essai" "the test office listed"
contains "$TMP/body" "Hôtel de ville de Liège — Population" "the demo office listed, with its meeting types"
contains "$TMP/body" "Entrée de plain-pied" "and its accessibility information"
contains "$TMP/body" "href=\"$(echo "$SLOTS" | sed 's/&/\&amp;/')\"" "a link to each meeting type's slots"
is "$(as "$E" GET "$SLOTS")" 200 "the slots page: 200"
S1=$(first_slot 1) S2=$(first_slot 2)
NOW_LOCAL=$(psql_q "SELECT to_char(now() AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD\"T\"HH24:MI')")
check "the first slot offered is in the future ($S1 after $NOW_LOCAL)" test "$S1" \> "$NOW_LOCAL"
is "$(psql_q "SELECT extract(minute FROM '$S1'::timestamp)::int % 15")" 0 "on a quarter of an hour"
contains "$TMP/body" 'rel="next"' "a link to the next week"
lacks "$TMP/body" "<script" "no JavaScript"
NEXT=$(grep -o 'from=[0-9-]*' "$TMP/body" | tail -1 | cut -d= -f2)
is "$NEXT" "$(psql_q "SELECT ('$S1'::date + 7)::text")" "the next week starts seven days after the first free day"
is "$(as "$E" GET "$SLOTS&from=$NEXT")" 200 "the next week: 200"
is "$(first_slot 1)" "${NEXT}T07:00" "its first slot: the opening of its first day"
as "$E" GET "$SLOTS" >/dev/null

# --- hold, posted twice; confirm, posted twice --------------------------------------
is "$(hold "$E" "$S1")" 303 "Élise holds the first slot: 303"
UID1=$(uid_of)
is "$(col "$UID1" status)" held "held"
is "$(col "$UID1" "held_until BETWEEN now() + interval '9 minutes' AND now() + interval '10 minutes'")" t "for ten minutes"
as "$E" GET "$SLOTS" >/dev/null
is "$(hold "$E" "$S1")" 303 "the same slot posted again: 303"
is "$(uid_of)" "$UID1" "to the same appointment"
is "$(psql_q "SELECT count(*) FROM appointments a JOIN persons p ON p.id = a.person_id WHERE p.email = '$ELISE_MAIL' AND a.office_id = $OFFICE AND a.status IN ('held', 'booked')")" 1 "one hold, not two"
is "$(as "$E" GET "/appointments/$UID1")" 200 "the appointment's page"
contains "$TMP/body" "Confirmer le rendez-vous" "asks for the one confirmation"
CT=$(csrf_token)
is "$(post_on "$E" "/appointments/$UID1" confirm)" 303 "confirmed: 303"
is "$(col "$UID1" status)" booked "booked"
is "$(as "$E" POST "/appointments/$UID1/confirm" -H "Origin: $BASE" --data-urlencode "csrf=$CT")" 303 "confirmed again (a second click): 303"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_booked' AND payload->>'uid' = '$UID1'")" 1 "one confirmation email, not two"
check "the confirmation is sent" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_booked' AND payload->>'uid' = '$UID1' AND sent_at IS NOT NULL" 1
MAIL1=$(notices_for "$ELISE_MAIL" | tail -1)
ics "$MAIL1" >"$TMP/ics1"
contains "$TMP/ics1" "text/calendar; charset=utf-8; method=REQUEST" "an iCalendar part, method=REQUEST"
contains "$TMP/ics1" "METHOD:REQUEST" "METHOD:REQUEST"
contains "$TMP/ics1" "UID:$UID1@localhost" "UID: the appointment's, at the site"
contains "$TMP/ics1" "SEQUENCE:0" "SEQUENCE:0"
contains "$TMP/ics1" "DTSTART:$(psql_q "SELECT to_char(lower(during) AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"') FROM appointments WHERE uid = '$UID1' AND status = 'booked'")" "DTSTART: the slot, in UTC"
contains "$TMP/ics1" "LOCATION:Rue de l'Essai 1\\, 4000 Liège" "LOCATION: the office's address, escaped"
case "$(subject "$MAIL1")" in "Rendez-vous confirmé : Carte d'identité, "*) ok 0 "the subject names the meeting" ;; *) ok 1 "the subject names the meeting: $(subject "$MAIL1")" ;; esac
LINK0=$(link_in "$MAIL1")
check "the email links to the appointment, signed" test -n "$LINK0"

# --- two desks: Jan takes the second, Łukasz is told it was just taken ------------------
is "$(eid_login jan /appointments "$J")" 303 "Jan logs in"
email_of Jan jan.appt@example.be >/dev/null
as "$J" GET "$SLOTS" >/dev/null
is "$(first_slot 1)" "$S1" "with one desk still free, Élise's slot is still offered"
is "$(hold "$J" "$S1")" 303 "Jan holds the same slot: the second desk"
UIDJ=$(uid_of)
is "$(psql_q "SELECT count(DISTINCT desk_id) FROM appointments WHERE office_id = $OFFICE AND status IN ('held', 'booked') AND lower(during) = '$S1'::timestamp AT TIME ZONE 'Europe/Brussels'")" 2 "two desks, two appointments"
is "$(eid_login lukasz /appointments "$L")" 303 "Łukasz logs in"
as "$L" GET "$SLOTS&from=${S1%T*}" >/dev/null
lacks "$TMP/body" "value=\"$S1\"" "the slot is no longer offered"
as "$L" GET "$SLOTS" >/dev/null
is "$(hold "$L" "$S1")" 409 "Łukasz posts it anyway (a page open before): 409"
contains "$TMP/body" "vient d&#39;être prise par quelqu&#39;un d&#39;autre" "this slot was just taken"
is "$(first_slot 1)" "$S2" "here are the next ones"
is "$(psql_q "SELECT count(*) FROM appointments a JOIN persons p ON p.id = a.person_id WHERE p.nrn = (SELECT nrn FROM persons WHERE given_names LIKE 'Łukasz%' LIMIT 1)")" 0 "nothing held for him"

# --- bad input -------------------------------------------------------------------------
YESTERDAY=$(psql_q "SELECT to_char((now() AT TIME ZONE 'Europe/Brussels')::date - 1, 'YYYY-MM-DD')")
is "$(hold "$L" "${YESTERDAY}T10:00")" 422 "a slot in the past: 422"
contains "$TMP/body" "Cette heure est déjà passée" "says it has passed"
TOMORROW=$(psql_q "SELECT to_char((now() AT TIME ZONE 'Europe/Brussels')::date + 1, 'YYYY-MM-DD')")
is "$(hold "$L" "${TOMORROW}T03:00")" 422 "outside the opening hours: 422"
contains "$TMP/body" "ne prend pas de rendez-vous à cette heure" "says the office does not take appointments then"
is "$(hold "$L" "${TOMORROW}T10:05")" 422 "not a slot's start (10:05): 422"
XMAS=$(psql_q "SELECT CASE WHEN now()::date < make_date(extract(year FROM now())::int, 12, 25) THEN extract(year FROM now())::int ELSE extract(year FROM now())::int + 1 END")-12-25
is "$(hold "$L" "${XMAS}T10:00")" 422 "on a holiday ($XMAS): 422"
contains "$TMP/body" "jour férié" "says it is a public holiday"
is "$(hold "$L" "tomorrow at ten")" 422 "a start that is not one: 422"
is "$(as "$L" GET "/appointments/slots?office=$OFFICE&type=$OTHER_TYPE")" 404 "a meeting type of another office: 404"
is "$(as "$L" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "office=$OFFICE" --data "type=$OTHER_TYPE" --data "start=$S2")" 404 "posted with another office's type: 404"
is "$(psql_q "SELECT count(*) FROM appointments a JOIN persons p ON p.id = a.person_id WHERE p.nrn = (SELECT nrn FROM persons WHERE given_names LIKE 'Łukasz%' LIMIT 1)")" 0 "and nothing held for him"
is "$(psql_q "INSERT INTO appointments (uid, office_id, desk_id, meeting_type_id, status, during)
	SELECT 'aaaaaaaaaaaaaaaaaaaaaaaa', $OFFICE, d.id, $OTHER_TYPE, 'booked', tstzrange(now() + interval '3 days', now() + interval '3 days 15 minutes')
	FROM desks d WHERE d.office_id = $OFFICE LIMIT 1" 2>&1 | grep -c 'foreign key')" 1 "the database itself refuses another office's type"
is "$(psql_q "UPDATE appointments SET desk_id = (SELECT desk_id FROM appointments WHERE uid = '$UID1' AND status = 'booked') WHERE uid = '$UIDJ'" 2>&1 | grep -c 'appointments_no_overlap')" 1 "and two appointments on one desk at one time"

# --- the move, from the page; the links of the emails -------------------------------------
as "$E" GET "/appointments/$UID1" >/dev/null
contains "$TMP/body" "move=$UID1" "the page offers to move it"
is "$(as "$E" GET "$SLOTS&move=$UID1")" 200 "the slots for the move"
contains "$TMP/body" 'name="move" value="'"$UID1"'"' "carry the appointment moved"
is "$(hold "$E" "$S2" --data "move=$UID1")" 303 "a new slot held for the move"
is "$(uid_of)" "$UID1" "under the same appointment"
as "$E" GET "/appointments/$UID1" >/dev/null
contains "$TMP/body" "À la place de votre rendez-vous du" "the page says what it replaces"
is "$(post_on "$E" "/appointments/$UID1" confirm)" 303 "the move confirmed"
is "$(psql_q "SELECT string_agg(status || ':' || sequence, ' ' ORDER BY id) FROM appointments WHERE uid = '$UID1'")" "moved:0 booked:1" "the old slot moved, the new one booked with the next sequence"
check "the change is sent" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_moved' AND payload->>'uid' = '$UID1' AND sent_at IS NOT NULL" 1
MAIL2=$(notices_for "$ELISE_MAIL" | tail -1)
ics "$MAIL2" >"$TMP/ics2"
contains "$TMP/ics2" "UID:$UID1@localhost" "the change: the same UID"
contains "$TMP/ics2" "SEQUENCE:1" "SEQUENCE:1"
contains "$TMP/ics2" "METHOD:REQUEST" "METHOD:REQUEST, which updates the event"
LINK1=$(link_in "$MAIL2")

is "$(as "$A" GET "$LINK1")" 200 "the change's link opens the appointment without logging in"
contains "$TMP/body" 'data-status="booked"' "booked"
is "$(as "$A" GET "$LINK0")" 410 "the first email's link, from before the move: 410"
contains "$TMP/body" "plus valable" "says it is no longer valid"
# another first digit of the signature: 0, or 1 if it was 0
flip() { case $1 in 0*) echo "1${1#?}" ;; *) echo "0${1#?}" ;; esac; }
FORGED="${LINK1%%sig=*}sig=$(flip "${LINK1##*sig=}")"
is "$(as "$A" GET "$FORGED")" 403 "a forged signature: 403"
is "$(as "$A" GET "${LINK1%%\?*}")" 303 "without a link or a session: to the login"
OTHER=$(echo "$LINK1" | sed "s/$UID1/$UIDJ/")
is "$(as "$A" GET "$OTHER")" 403 "Élise's signature on Jan's appointment: 403"

# --- cancelled from the link; the link reused -------------------------------------------------
as "$A" GET "$LINK1" >/dev/null
AT=$(csrf_token)
is "$(post_on "$A" "$LINK1" cancel --data-urlencode "seq=$(echo "$LINK1" | sed 's/.*seq=\([0-9]*\).*/\1/')" --data-urlencode "sig=${LINK1##*sig=}")" 303 "cancelled from the email's link: 303"
is "$(psql_q "SELECT status || ':' || sequence FROM appointments WHERE uid = '$UID1' ORDER BY id DESC LIMIT 1")" "cancelled:2" "cancelled, with the next sequence"
check "the cancellation is sent" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_cancelled' AND payload->>'uid' = '$UID1' AND sent_at IS NOT NULL" 1
MAIL3=$(notices_for "$ELISE_MAIL" | tail -1)
ics "$MAIL3" >"$TMP/ics3"
contains "$TMP/ics3" "method=CANCEL" "the cancellation's part: method=CANCEL"
contains "$TMP/ics3" "METHOD:CANCEL" "METHOD:CANCEL"
contains "$TMP/ics3" "STATUS:CANCELLED" "STATUS:CANCELLED"
contains "$TMP/ics3" "UID:$UID1@localhost" "the same UID"
contains "$TMP/ics3" "SEQUENCE:2" "SEQUENCE:2"
is "$(as "$A" POST "${LINK1%%\?*}/cancel" -H "Origin: $BASE" --data-urlencode "csrf=$AT" --data-urlencode "seq=1" --data-urlencode "sig=${LINK1##*sig=}")" 410 "the cancellation link reused: 410"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_cancelled' AND payload->>'uid' = '$UID1'")" 1 "and no second cancellation"
as "$L" GET "$SLOTS" >/dev/null
is "$(first_slot 1)" "$S1" "the cancelled slot is free again"

# --- reminders: the day before and two hours before, once each -------------------------------
is "$(post_on "$J" "/appointments/$UIDJ" confirm)" 303 "Jan confirms his"
psql_q "UPDATE appointments SET during = tstzrange(now() + interval '20 hours', now() + interval '20 hours 15 minutes'), reminded_day_at = NULL, reminded_hours_at = NULL WHERE uid = '$UIDJ'" >/dev/null
check "the day before: a reminder" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_reminder' AND payload->>'uid' = '$UIDJ'" 1
sleep 1.5
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_reminder' AND payload->>'uid' = '$UIDJ'")" 1 "only once"
psql_q "UPDATE appointments SET during = tstzrange(now() + interval '90 minutes', now() + interval '105 minutes') WHERE uid = '$UIDJ'" >/dev/null
check "two hours before: another" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_reminder' AND payload->>'uid' = '$UIDJ'" 2
is "$(as "$J" GET /appointments)" 200 "Jan's appointments"
contains "$TMP/body" "/appointments/$UIDJ" "list his"
lacks "$TMP/body" "/appointments/$UID1" "and not Élise's"
is "$(as "$J" GET "/appointments/$UID1")" 404 "Élise's appointment is not found for Jan"

# --- the office's own closures, from its calendar's iCalendar export ------------------------
DAY=$(psql_q "SELECT to_char((now() AT TIME ZONE 'Europe/Brussels')::date + 2, 'YYYYMMDD')")
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Commune//FR\r\nBEGIN:VEVENT\r\nUID:training-%s@commune.be\r\nDTSTART;TZID=Europe/Brussels:%sT070000\r\nDTEND;TZID=Europe/Brussels:%sT210000\r\nSUMMARY:Formation du personnel\\, guichets ferm\xc3\xa9s\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:weekly@commune.be\r\nDTSTART:%sT120000\r\nDTEND:%sT130000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$DAY" "$DAY" "$DAY" "$DAY" "$DAY" >"$TMP/closures.ics"
admin_cmd office closures "$CODE" "$TMP/closures.ics" >"$TMP/out" 2>&1
contains "$TMP/out" "1 closure(s) of $CODE stored, 1 event(s) skipped" "a closure imported, the recurring event skipped"
admin_cmd office closures "$CODE" "$TMP/closures.ics" >/dev/null 2>&1
is "$(psql_q "SELECT count(*) || ' ' || min(summary) FROM office_closures WHERE office_id = $OFFICE")" "1 Formation du personnel, guichets fermés" "imported again: updated, not doubled"
D2=$(psql_q "SELECT to_char(to_date('$DAY', 'YYYYMMDD'), 'YYYY-MM-DD')")
as "$L" GET "$SLOTS&from=$D2" >/dev/null
lacks "$TMP/body" "value=\"${D2}T" "no slot offered on the day of the closure"
contains "$TMP/body" "value=\"$(psql_q "SELECT to_char(to_date('$DAY', 'YYYYMMDD') + 1, 'YYYY-MM-DD')")T07:00\"" "the next day is open"
is "$(hold "$L" "${D2}T10:00")" 422 "a slot during the closure: 422"
contains "$TMP/body" "fermé à cette heure" "says the office is closed then"
printf 'BEGIN:VEVENT\r\nEND:VEVENT\r\n' >"$TMP/bad.ics"
check "a file that is not iCalendar is refused" sh -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' office closures '$CODE' '$TMP/bad.ics'"

# --- a desk's feed: secret, read-only, revocable -------------------------------------------------
DESKJ=$(psql_q "SELECT k.name FROM appointments a JOIN desks k ON k.id = a.desk_id WHERE a.uid = '$UIDJ' AND a.status = 'booked'")
FEED=$(admin_cmd office feed "$CODE" "$DESKJ" | sed 's|^https\{0,1\}://[^/]*||')
is "$(as "$A" GET "$FEED")" 200 "the desk's feed, without logging in: 200"
is "$(header Content-Type)" "text/calendar; charset=utf-8" "text/calendar"
contains "$TMP/body" "METHOD:PUBLISH" "a calendar to subscribe to"
contains "$TMP/body" "UID:$UIDJ@localhost" "with Jan's appointment, under its UID"
lacks "$TMP/body" "Peeters" "and not his name"
is "$(as "$A" POST "$FEED")" 405 "read-only: POST 405"
SECRET=${FEED##*/}
is "$(as "$A" GET "${FEED%/*}/$(flip "$SECRET")")" 404 "another secret: 404"
OLD=$FEED
FEED=$(admin_cmd office feed "$CODE" "$DESKJ" | sed 's|^https\{0,1\}://[^/]*||')
is "$(as "$A" GET "$OLD")" 404 "a new secret made: the old one is refused"
is "$(as "$A" GET "$FEED")" 200 "the new one works"
admin_cmd office feed-revoke "$CODE" "$DESKJ" >/dev/null
is "$(as "$A" GET "$FEED")" 404 "revoked: 404"

psql_q "$RESTORE" >/dev/null
is "$(psql_q "SELECT count(*) FROM persons WHERE email LIKE '%.appt@example.be'")" 0 "the demo people's addresses put back"

done_testing
