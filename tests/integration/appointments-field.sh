#!/usr/bin/env bash
# An appointment as a field of a procedure through HTTP
# (docs/appointments.md, "Booking inside a procedure"): the importer's
# checks of the field's office and meeting type, a week of slots inside
# the form and the next week, a slot held ten minutes by its button (once
# however often pressed), a slot the rules refuse, the hold lapsed and
# held again, lapsed and taken by someone else ("just taken, here are the
# next ones", on the page and at submission), the booking confirmed by
# the submission (linked to the dossier, one confirmation, however often
# submitted, also twice at once), a draft abandoned (its hold simply
# expires), and the dossier page's move and cancel.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan E=$TMP/elise

# An office of its own with one desk (lib.sh), and a procedure asking for
# one of its 15-minute meetings: IDCARD's pages, this office.
CODE=TEST-FIELD-$RANDOM
appt_office "$CODE" 1 15
PROC=APPTF$RANDOM
def() {	# def FILE OFFICE TYPE: the procedure's definition with that field
	python3 - "$SRC/conf/procedures/IDCARD.json" "$1" "$PROC" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['code'] = sys.argv[3]
f = d['pages'][1]['fields'][0]
f['office'], f['meeting_type'] = sys.argv[4], sys.argv[5]
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
}

# --- the importer -----------------------------------------------------------------
def "$TMP/nope.json" NOPE-OFFICE ID_CARD
out=$(admin_cmd procedure import "$TMP/nope.json" 2>&1)
check "an unknown office is refused" test $? != 0
contains <(echo "$out") "pages[1].fields[0] \"collection\": no office NOPE-OFFICE takes appointments" \
	"saying which field and which office"
def "$TMP/other.json" "$CODE" CIVIL_ACT
out=$(admin_cmd procedure import "$TMP/other.json" 2>&1)
check "a meeting type of another office is refused" test $? != 0
contains <(echo "$out") "meeting type CIVIL_ACT is not one of office $CODE's (it is EUPEN-REG's)" \
	"saying whose it is"
python3 -c "import json; d = json.load(open('$TMP/other.json')); del d['pages'][1]['fields'][0]['meeting_type']; json.dump(d, open('$TMP/none.json', 'w'))"
out=$(admin_cmd procedure import "$TMP/none.json" 2>&1)
contains <(echo "$out") '"meeting_type" is missing or not a string' "a field without a meeting type is refused"
is "$(psql_q "SELECT count(*) FROM procedures WHERE code = '$PROC'")" 0 "nothing was published"
def "$TMP/ok.json" "$CODE" ID_CARD
check "the field of an office's own meeting type is imported" admin_cmd procedure import "$TMP/ok.json"
admin_cmd procedure online "$PROC" >/dev/null

# fill JAR [CODE]: a new draft's first page answered; prints the draft's id
fill() {
	local id
	id=$(form_start "$1" "${2:-$PROC}")
	form_page "$1" "$id" request --form-string reason=lost >/dev/null
	echo "$id"
}
# press JAR ID ACTION: a button of the collection page; the status
press() {
	as "$1" GET "/forms/$2/pages/collection" >/dev/null
	as "$1" POST "/forms/$2/pages/collection" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" --data-urlencode "_action=$3"
}
slot() { grep -o 'value="slot:collection:[0-9T:-]*"' "$TMP/body" | sed -n "${1:-1}p" | sed 's/.*collection://; s/"$//'; }
row() { psql_q "SELECT $2 FROM appointments WHERE uid = '$1' ORDER BY id DESC LIMIT 1"; }
live_holds() { psql_q "SELECT count(*) FROM appointments WHERE office_id = $OFFICE AND status = 'held' AND held_until > now() AND person_id = (SELECT id FROM persons WHERE given_names LIKE '$1%')"; }

# --- a week of slots inside the form ------------------------------------------------
is "$(eid_login jan "/procedures/$PROC" "$J")" 303 "Jan logs in"
ID=$(fill "$J")
check "a draft is started and its first page answered" test -n "$ID"
is "$(as "$J" GET "/forms/$ID/pages/collection")" 200 "the appointment's page"
contains "$TMP/body" 'class="field appointment"' "draws the field"
contains "$TMP/body" "Bureau d&#39;essai $CODE" "with its office"
S1=$(slot 1) S2=$(slot 2)
check "and the earliest free slots as buttons" test -n "$S1" -a -n "$S2"
contains "$TMP/body" "aria-label=\"" "each named by its day and time"
NEXT=$(grep -o 'value="week:collection:[0-9-]*"' "$TMP/body" | tail -1 | sed 's/.*collection://; s/"$//')
is "$(press "$J" "$ID" "week:collection:$NEXT")" 303 "the next week: a button too (what was typed is saved)"
is "$(location)" "/forms/$ID/pages/collection?from=$NEXT#collection" "to the same page, from that day"
as "$J" GET "$(location | sed 's/#.*//')" >/dev/null
is "$(slot 1 | cut -c1-10)" "$NEXT" "whose first slot is that week's"
is "$(press "$J" "$ID" next)" 400 "continuing without a slot: 400"
contains "$TMP/body" "Choisissez une heure pour votre rendez-vous." "asked for"

# --- held by its button ---------------------------------------------------------------
is "$(press "$J" "$ID" "slot:collection:$S1")" 303 "a slot pressed: 303"
is "$(location)" "/forms/$ID/pages/collection" "back to the page"
U1=$(answer "$ID" collection)
check "the answer is the appointment's uid" test "${#U1}" = 24
is "$(row "$U1" status)" held "held"
is "$(row "$U1" "held_until > now() + interval '9 minutes' AND held_until <= now() + interval '10 minutes'")" t "for ten minutes"
is "$(row "$U1" "dossier_id IS NULL")" t "not yet the dossier's"
as "$J" GET "/forms/$ID/pages/collection" >/dev/null
contains "$TMP/body" 'class="appt-held"' "the page shows the slot held"
contains "$TMP/body" "jusqu&#39;à $(row "$U1" "to_char(held_until AT TIME ZONE 'Europe/Brussels', 'HH24:MI')")" "and until when"
is "$(press "$J" "$ID" "slot:collection:$S1")" 303 "pressed again"
is "$(answer "$ID" collection)" "$U1" "the same hold"
is "$(live_holds Jan)" 1 "one slot held"
is "$(press "$J" "$ID" "slot:collection:$S2")" 303 "another slot chosen"
U2=$(answer "$ID" collection)
check "a new hold" test "$U2" != "$U1"
is "$(row "$U1" status) $(row "$U2" status) $(live_holds Jan)" "expired held 1" "the first let go: one slot held"
is "$(press "$J" "$ID" "slot:collection:2020-01-06T09:00")" 400 "a slot in the past: 400"
contains "$TMP/body" "Cette heure est déjà passée." "saying why"
is "$(answer "$ID" collection)" "$U2" "the hold stays"
is "$(press "$J" "$ID" "slot:collection:$(slot 1 | cut -c1-10)T06:00")" 400 "before the opening: 400"
is "$(press "$J" "$ID" "slot:nothing:$S1")" 400 "a field the page does not have: 400"
is "$(press "$J" "$ID" "week:collection:garbage")" 400 "a week that is no day: 400"

# --- lapsed: held again if free, else "just taken" ------------------------------------
psql_q "UPDATE appointments SET held_until = now() - interval '1 minute' WHERE uid = '$U2'" >/dev/null
as "$J" GET "/forms/$ID/pages/collection" >/dev/null
contains "$TMP/body" "n&#39;est plus réservée" "a lapsed hold is said so"
is "$(press "$J" "$ID" next)" 303 "continuing: held again, to the summary"
is "$(location)" "/forms/$ID/summary" "the summary"
is "$(row "$U2" status) $(live_holds Jan)" "held 1" "held again under the same uid"
as "$J" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" "Bureau d&#39;essai $CODE" "the summary says where"

psql_q "UPDATE appointments SET held_until = now() - interval '1 minute' WHERE uid = '$U2' AND status = 'held'" >/dev/null
is "$(eid_login elise /appointments "$E")" 303 "Élise logs in"
as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
is "$(as "$E" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "office=$OFFICE" --data "type=$TYPE" --data-urlencode "start=$S2")" 303 \
	"Élise takes the slot whose hold lapsed"
as "$J" GET "/forms/$ID/pages/collection" >/dev/null
contains "$TMP/body" "quelqu&#39;un d&#39;autre l&#39;a prise" "Jan's page says it was taken"
is "$(form_submit "$J" "$ID")" 409 "submitting anyway: 409"
contains "$TMP/body" "vient d&#39;être prise par quelqu&#39;un d&#39;autre" "just taken"
contains "$TMP/body" 'value="slot:collection:' "with the next free slots"
is "$(dossier "$ID" status)" complet "the dossier is not sent"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE payload->>'uid' = '$U2'")" 0 "no confirmation"
is "$(press "$J" "$ID" next)" 409 "continuing: 409 too"

# --- booked with the submission -------------------------------------------------------
S3=$(slot 2)
is "$(press "$J" "$ID" "slot:collection:$S3")" 303 "another slot held"
U3=$(answer "$ID" collection)
is "$(form_submit "$J" "$ID")" 303 "submitted"
is "$(location)" "/forms/$ID/receipt" "to the receipt"
is "$(row "$U3" status) $(row "$U3" dossier_id)" "booked $ID" "booked, the dossier's"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_booked' AND payload->>'uid' = '$U3'")" 1 \
	"its confirmation queued"
as "$J" GET "/forms/$ID/summary" >/dev/null
is "$(as "$J" POST "/forms/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 "submitted again"
is "$(psql_q "SELECT count(*) FROM appointments WHERE uid = '$U3' AND status = 'booked'") $(psql_q "SELECT count(*) FROM notification_outbox WHERE payload->>'uid' = '$U3'")" \
	"1 1" "one booking, one confirmation"

# twice at once
ID2=$(fill "$J")
as "$J" GET "/forms/$ID2/pages/collection" >/dev/null
is "$(press "$J" "$ID2" "slot:collection:$(slot 3)")" 303 "a second dossier holds a slot"
U4=$(answer "$ID2" collection)
as "$J" GET "/forms/$ID2/summary" >/dev/null
KEY=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
TOKEN=$(csrf_token)
for i in 1 2; do
	curl -s "${CA[@]}" -b "$J" -o /dev/null -w '%{http_code}\n' -X POST -H "Origin: $BASE" \
		--data-urlencode "csrf=$TOKEN" --data "submit_key=$KEY" "$BASE/forms/$ID2/submit" >"$TMP/twice$i" &
done
wait
is "$(cat "$TMP/twice1") $(cat "$TMP/twice2")" "303 303" "two submissions at once: both to the receipt"
is "$(psql_q "SELECT count(*) FROM appointments WHERE uid = '$U4' AND status = 'booked'") $(psql_q "SELECT count(*) FROM notification_outbox WHERE payload->>'uid' = '$U4'")" \
	"1 1" "one booking, one confirmation"

# --- a draft abandoned: its hold expires ----------------------------------------------
# (Élise's draft, Jan takes the slot: tests/integration/appointments.sh
# counts Łukasz's rows, and other suites log Nadia in for the first time)
is "$(eid_login elise "/procedures/$PROC" "$E")" 303 "Élise comes to the procedure"
ID3=$(fill "$E")
S5=$(as "$E" GET "/forms/$ID3/pages/collection" >/dev/null; slot 1)
is "$(press "$E" "$ID3" "slot:collection:$S5")" 303 "Élise holds a slot, then leaves"
U5=$(answer "$ID3" collection)
as "$J" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
lacks "$TMP/body" "value=\"$S5\"" "while held, nobody else is offered it"
psql_q "UPDATE appointments SET held_until = now() - interval '1 second' WHERE uid = '$U5'" >/dev/null
as "$J" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
contains "$TMP/body" "value=\"$S5\"" "ten minutes later it is offered again"
is "$(as "$J" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "office=$OFFICE" --data "type=$TYPE" --data-urlencode "start=$S5")" 303 "and Jan holds it"
is "$(row "$U5" status)" expired "the abandoned hold is let go"

# --- the dossier page: the appointment, moved or cancelled ----------------------------
REF=$(dossier "$ID" reference)
is "$(as "$J" GET "/dossiers/$REF")" 200 "the dossier's page"
contains "$TMP/body" 'class="panel appointments"' "shows its appointment"
contains "$TMP/body" "move=$U3" "with a link to move it"
contains "$TMP/body" "action=\"/appointments/$U3/cancel\"" "and a button to cancel it"
is "$(as "$J" POST "/appointments/$U3/cancel" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 \
	"cancelled from the dossier's page"
is "$(row "$U3" status)" cancelled "cancelled"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_cancelled' AND payload->>'uid' = '$U3'")" 1 \
	"the cancellation queued"
as "$J" GET "/dossiers/$REF" >/dev/null
lacks "$TMP/body" "action=\"/appointments/$U3/cancel\"" "no longer offered"

# --- a fee due at submission: the slot waits for the payment, booked by it -------------
# The same procedure with a 20 euro fee paid before it is sent: "Pay and
# send" keeps the hold for the payment's time, the payment's success books
# it in the transaction that sends the dossier, a payment that does not go
# through lets the slot go after the usual ten minutes, and a slot taken
# all the same (the provider answering after the payment's time) leaves
# the paid dossier sent without it.
python3 - "$TMP/ok.json" "$TMP/paid.json" "${PROC}P" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['code'] = sys.argv[3]
d.pop('payment', None)	# IDCARD says it takes none
d['fees'] = {'due': 'submission', 'lines': [{'label': {'fr': 'Carte', 'nl': 'Kaart', 'de': 'Karte',
	'en': 'Card'}, 'cents': 2000}]}
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
check "a fee due at submission with an appointment field is imported" admin_cmd procedure import "$TMP/paid.json"
admin_cmd procedure online "${PROC}P" >/dev/null
pay_status() { psql_q "SELECT status FROM payments WHERE dossier_id = $1 ORDER BY id DESC LIMIT 1"; }
paid_draft() {	# paid_draft: a draft of Jan's with a slot held; prints its id
	local id
	id=$(fill "$J" "${PROC}P")
	as "$J" GET "/forms/$id/pages/collection" >/dev/null
	press "$J" "$id" "slot:collection:$(slot "${1:-1}")" >/dev/null
	echo "$id"
}
PD=$(paid_draft)
UP=$(answer "$PD" collection)
is "$(row "$UP" status)" held "a paid procedure's slot held, as any"
is "$(form_submit "$J" "$PD")" 303 "Pay and send: 303"
header Location >"$TMP/next"
case $(cat "$TMP/next") in http://127.0.0.1:$PAYMENTS_PORT/pay/*) ok 0 "to the provider" ;; *) ok 1 "to the provider ($(cat "$TMP/next"))" ;; esac
is "$(row "$UP" "held_until > now() + interval '100 minutes'")" t "the slot kept for the payment's time (90 minutes and a quarter)"
is "$(row "$UP" "dossier_id IS NULL")" t "not booked before the money is in"
is "$(choose success)" "$BASE/forms/$PD/payment" "paid at the provider"
is "$(as "$J" GET "/forms/$PD/payment")" 303 "the return reads it"
is "$(location)" "/forms/$PD/receipt" "sent: to the receipt"
is "$(dossier "$PD" status) $(row "$UP" status) $(row "$UP" dossier_id)" "soumis booked $PD" \
	"the success sent the dossier and booked its slot, in one transaction"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'appointment_booked' AND payload->>'uid' = '$UP'")" 1 \
	"one confirmation"

PD2=$(paid_draft 2)
UP2=$(answer "$PD2" collection)
form_submit "$J" "$PD2" >/dev/null
header Location >"$TMP/next"
is "$(choose decline)" "$BASE/forms/$PD2/payment" "a second dossier's payment declined"
is "$(as "$J" GET "/forms/$PD2/payment")" 200 "the return says so"
is "$(pay_status "$PD2") $(dossier "$PD2" status)" "failed complet" "not paid, the draft kept"
is "$(row "$UP2" "status || ' ' || (held_until <= now() + interval '10 minutes')")" "held true" \
	"the slot no longer waits for a payment: back to ten minutes at most"

# held again: Pay and send; the hold lapses and Élise takes the slot before the provider answers
form_submit "$J" "$PD2" >/dev/null
header Location >"$TMP/next"
S6=$(row "$UP2" "to_char(lower(during) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD\"T\"HH24:MI')")
psql_q "UPDATE appointments SET held_until = now() - interval '1 second' WHERE uid = '$UP2'" >/dev/null
as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
is "$(as "$E" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "office=$OFFICE" --data "type=$TYPE" --data-urlencode "start=$S6")" 303 \
	"Élise takes the slot while Jan pays late"
choose success >/dev/null
is "$(as "$J" GET "/forms/$PD2/payment")" 303 "the success read: the money is in"
is "$(dossier "$PD2" status)" soumis "so the dossier is sent all the same"
is "$(psql_q "SELECT count(*) FROM appointments WHERE dossier_id = $PD2")/$(answer "$PD2" collection)" "0/" \
	"without the slot someone else had, nor an answer that would say it has one"
is "$(row "$UP2" status)" expired "Jan's lapsed hold is let go"

# before paying: a slot taken since its hold lapsed stops "Pay and send" on its page
PD3=$(paid_draft 3)
UP3=$(answer "$PD3" collection)
S7=$(row "$UP3" "to_char(lower(during) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD\"T\"HH24:MI')")
psql_q "UPDATE appointments SET held_until = now() - interval '1 second' WHERE uid = '$UP3'" >/dev/null
as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE" >/dev/null
as "$E" POST /appointments/hold -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "office=$OFFICE" --data "type=$TYPE" --data-urlencode "start=$S7" >/dev/null
is "$(form_submit "$J" "$PD3")" 409 "Pay and send with a slot just taken: 409"
contains "$TMP/body" 'value="slot:collection:' "the field's page with the next free slots"
is "$(psql_q "SELECT count(*) FROM payments WHERE dossier_id = $PD3")" 0 "and nothing to pay yet"
admin_cmd procedure offline "${PROC}P" >/dev/null

# tidy: the catalogue without the test's procedure
admin_cmd procedure offline "$PROC" >/dev/null
done_testing
