#!/usr/bin/env bash
# Fifty people booking the same slots at the same moment
# (docs/appointments.md): the exclusion constraint over (desk, time)
# decides, so each slot ends with as many appointments as it has desks,
# none of them on one desk twice, and everyone else is told the slot was
# just taken (409) with the next free ones.  Then everyone who got one
# confirms at once: each is booked once.
. "$(dirname "$0")/lib.sh"
CLIENTS=50

appt_office "RACE-$RANDOM" 3 15

# Fifty people, each logged in as the eID host would hand them over (a
# one-minute ticket whose hash is stored; cgi-bin/login/eid.c): the email
# code's limit per address and network would not let fifty in at once.
psql_q "INSERT INTO persons (nrn, given_names, surname)
	SELECT b || lpad((97 - b::bigint % 97)::text, 2, '0'), 'Client', 'Race ' || n
	FROM (SELECT n, (800101000 + n * 2)::text AS b FROM generate_series(1, $CLIENTS) n) x
	ON CONFLICT (nrn) DO NOTHING" >/dev/null
ticket_login() {	# ticket_login JAR N: prints the status of /login/complete
	local ticket
	ticket=$(openssl rand -hex 32)
	psql_q "INSERT INTO login_tickets (ticket_hash, person_id, assurance, method, return_to)
		SELECT sha256(convert_to('$ticket', 'UTF8')), id, 'high', 'eid', '/appointments'
		FROM persons WHERE surname = 'Race $2'" >/dev/null
	as "$1" GET "/login/complete?ticket=$ticket"
}
for i in $(seq $CLIENTS); do
	ticket_login "$TMP/c$i" "$i" >/dev/null
	as "$TMP/c$i" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
	csrf_token >"$TMP/t$i"
done
is "$(ls "$TMP"/t* | xargs cat | grep -c '^[0-9a-f]\{64\}$')" $CLIENTS "$CLIENTS people logged in, each on the slots page"
# the first free slot, as they all see it, and the two after it
SLOTS=($(grep -o 'name="start" value="[0-9T:-]*"' "$TMP/body" | head -3 | sed 's/.*value="//; s/"$//'))
is "${#SLOTS[@]}" 3 "three slots to fight over: ${SLOTS[*]}"

# Each client posts one of the three slots, all at the same moment.
post() {
	local i=$1 slot=$2
	curl -s "${CA[@]}" -b "$TMP/c$i" -c "$TMP/c$i" -o "$TMP/b$i" -D "$TMP/h$i" -w '%{http_code}\n' \
		-H "Origin: $BASE" --data-urlencode "csrf=$(cat "$TMP/t$i")" --data "office=$OFFICE" \
		--data "type=$TYPE" --data-urlencode "start=$slot" "$BASE/appointments/hold" >"$TMP/s$i"
}
for i in $(seq $CLIENTS); do post "$i" "${SLOTS[$((i % 3))]}" & done
wait
is "$(cat "$TMP"/s* | grep -c '^303$')" 9 "nine held (three slots, three desks): 303"
is "$(cat "$TMP"/s* | grep -c '^409$')" $((CLIENTS - 9)) "the $((CLIENTS - 9)) others: 409"
TOLD=0
for i in $(seq $CLIENTS); do
	[ "$(cat "$TMP/s$i")" = 409 ] && grep -q 'vient d&#39;être prise' "$TMP/b$i" &&
		grep -q 'name="start" value=' "$TMP/b$i" && TOLD=$((TOLD + 1))
done
is "$TOLD" $((CLIENTS - 9)) "each told the slot was just taken, with the next free ones"
is "$(psql_q "SELECT count(*) FROM appointments WHERE office_id = $OFFICE AND status = 'held'")" 9 "nine holds in the database"
is "$(psql_q "SELECT count(*) FROM appointments a JOIN appointments b ON a.desk_id = b.desk_id AND a.id < b.id AND a.during && b.during WHERE a.office_id = $OFFICE AND a.status IN ('held', 'booked') AND b.status IN ('held', 'booked')")" 0 "no desk held twice at one time"
is "$(psql_q "SELECT count(DISTINCT person_id) FROM appointments WHERE office_id = $OFFICE AND status = 'held'")" 9 "by nine different people"

# Everyone who holds one confirms, twice each, all at once.
confirm() {
	local i=$1 uid
	uid=$(sed -n 's|^[Ll]ocation: .*/appointments/\([0-9a-f]\{24\}\).*|\1|p' "$TMP/h$i" | tr -d '\r')
	[ -n "$uid" ] || return 0
	curl -s "${CA[@]}" -b "$TMP/c$i" -o /dev/null -w '%{http_code}\n' -H "Origin: $BASE" \
		--data-urlencode "csrf=$(cat "$TMP/t$i")" "$BASE/appointments/$uid/confirm" >>"$TMP/k$i"
}
for i in $(seq $CLIENTS); do confirm "$i" & confirm "$i" & done
wait
is "$(cat "$TMP"/k* | grep -c '^303$')" 18 "eighteen confirmations (nine, each clicked twice): 303"
is "$(psql_q "SELECT count(*) FROM appointments WHERE office_id = $OFFICE AND status = 'booked'")" 9 "nine booked"
is "$(psql_q "SELECT count(*) FROM notification_outbox o JOIN appointments a ON a.uid = o.payload->>'uid' WHERE a.office_id = $OFFICE AND o.kind = 'appointment_booked'")" 9 "nine confirmation emails, one each"
is "$(psql_q "SELECT count(*) FROM appointments a JOIN appointments b ON a.desk_id = b.desk_id AND a.id < b.id AND a.during && b.during WHERE a.office_id = $OFFICE AND a.status = 'booked' AND b.status = 'booked'")" 0 "and no double booking"

done_testing
