#!/usr/bin/env bash
# The profile (/account) and notifications for eID users, through the real
# mail sink: an address is used only once confirmed by its single-use link
# (used twice or expired: a clear page, nothing changed); a bad address or
# number comes back translated with what was typed; the call to add an
# address shows until one is confirmed; every status change then reaches
# the citizen in their preferred language, except the kinds they turn off;
# acting for an organisation mails its confirmed professional address; the
# other party of a mandate hears of each step.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan E=$TMP/elise A=$TMP/agathe
RUN=$$	# addresses of this run only: the mail sink keeps earlier runs
ADDR=jan.profile.$RUN@example.be
ADDR2=jan.other.$RUN@example.be

eid_login jan /account "$J" >/dev/null
JAN=$(psql_q "SELECT id FROM persons WHERE nrn = '90010100123'")
SAVED=$(psql_q "SELECT row_to_json(x) FROM (SELECT email, email_verified_at, phone, lang, lang_chosen, notify_kinds
	FROM persons WHERE id = $JAN) x")
restore() {	# the suites after this one find Jan as he was
	psql_q "UPDATE persons SET (email, email_verified_at, phone, lang, lang_chosen, notify_kinds) =
		(SELECT r.email, r.email_verified_at, r.phone, r.lang, r.lang_chosen, r.notify_kinds
		   FROM json_populate_record(NULL::persons, '$SAVED'::json) r) WHERE id = $JAN" >/dev/null
	rm -rf "$TMP"
}
trap restore EXIT
START=$(psql_q "SELECT now()")
# links asked by earlier runs on this stack do not count against this one's
psql_q "UPDATE email_tokens SET created_at = created_at - interval '1 hour' WHERE person_id = $JAN" >/dev/null
psql_q "UPDATE persons SET email = NULL, email_verified_at = NULL, phone = NULL, lang = 'fr', lang_chosen = false,
	notify_kinds = DEFAULT WHERE id = $JAN" >/dev/null
agathe_login() { eid_login agathe /inbox "$A" >/dev/null; }
agathe_login

profile_post() {	# profile_post JAR [curl args]: status, the page's own token
	local jar=$1
	shift
	as "$jar" GET /account >/dev/null
	as "$jar" POST /account -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" "$@"
}
all_kinds=(--data notify_status=1 --data notify_message=1 --data notify_document=1 --data notify_reminder=1)
act() {	# act ID ACTION [curl -F args]: Agathe works the dossier, status
	local id=$1 action=$2
	shift 2
	as "$A" GET "/inbox/dossiers/$id" >/dev/null
	as "$A" POST "/inbox/dossiers/$id/$action" -H "Origin: $BASE" -F "csrf=$(csrf_token)" "$@"
}
sent_or_dropped() {	# sent_or_dropped ID: waits until the worker is done with every row of the dossier
	wait_for 15 "SELECT count(*) FROM notification_outbox WHERE dossier_id = $1
		AND sent_at IS NULL AND dropped_at IS NULL" 0
}
residence() {	# residence JAR: a residence request sent, prints its id
	local id
	id=$(form_start "$1" RESIDENCE)
	residence_page "$1" "$id" fr --form-string 'purpose=bank' >/dev/null
	form_submit "$1" "$id" >/dev/null
	echo "$id"
}

# --- the page --------------------------------------------------------------------------
is "$(as "$J" GET /account)" 200 "an eID citizen opens /account"
contains "$TMP/body" '<a href="/account">Mon profil</a>' "linked from the header"
contains "$TMP/body" 'name="notify_status" value="1" checked' "all kinds by email, by default"
contains "$TMP/body" 'name="notify_reminder" value="1" checked' "reminders too"
contains "$TMP/body" "Aucune adresse confirmée" "says there is no address yet"
as "$J" GET /my-data >/dev/null
contains "$TMP/body" 'href="/account"' "and from the user space"
is "$(curl -s "${CA[@]}" -o /dev/null -w '%{http_code}' "$BASE/account")" 302 "without a session: to the login"
is "$(as "$J" POST /account --data lang=de --data-urlencode 'phone=0470 12 34 56')" 400 \
	"without the anti-forgery token: the form again, as for an expired page"
contains "$TMP/body" 'value="0470 12 34 56"' "with what was typed"
is "$(psql_q "SELECT coalesce(phone, '') || lang FROM persons WHERE id = $JAN")" fr "and nothing saved"

# --- bad input: translated, what was typed stays ----------------------------------------
as "$J" GET '/account?lang=nl' >/dev/null
tok=$(csrf_token)
is "$(as "$J" POST '/account?lang=nl' -H "Origin: $BASE" --data-urlencode "csrf=$tok" --data-urlencode 'email=jan@@example' \
	--data-urlencode 'phone=12 34' --data lang=de "${all_kinds[@]}")" 400 "an invalid email and phone number: 400"
contains "$TMP/body" "Geef een geldig e-mailadres" "the email's message, in the page's language (Dutch)"
contains "$TMP/body" 'id="phone-error"' "the number's message, on its field"
contains "$TMP/body" 'value="jan@@example"' "the address typed stays"
contains "$TMP/body" 'value="12 34"' "the number typed stays"
contains "$TMP/body" 'value="de" checked' "the language chosen stays"
is "$(psql_q "SELECT coalesce(phone, '') || coalesce(email, '') || lang FROM persons WHERE id = $JAN")" fr "nothing saved"
as "$J" GET '/account?lang=fr' >/dev/null	# the pages in French again
is "$(as "$J" POST /account -H "Origin: $BASE" --data-urlencode "csrf=$tok" --data lang=xx "${all_kinds[@]}")" 400 \
	"a language that is not one: 400"

# --- an address given: a link, the address unused until it is opened --------------------
is "$(profile_post "$J" --data-urlencode "email=$ADDR" --data-urlencode 'phone=0470 12 34 56' --data lang=de \
	"${all_kinds[@]}")" 303 "an address, a mobile number and German: saved"
is "$(location)" "/account?sent=1" "to the profile, the link sent"
is "$(psql_q "SELECT coalesce(email, '-') || ' ' || phone || ' ' || lang FROM persons WHERE id = $JAN")" "- +32470123456 de" \
	"the number normalised and the language kept; the address not yet"
as "$J" GET /account >/dev/null
contains "$TMP/body" "$ADDR" "the address shows as waiting for confirmation"
LINKMAIL=$(mail_for "$ADDR")
check "the link came through SMTP" test -n "$LINKMAIL"
LINK=$(grep -o "$BASE/account/email/confirm?token=[0-9a-f]*" "${LINKMAIL:-/dev/null}" | head -1)
TOKEN=${LINK##*token=}
check "with a 64-digit token" test ${#TOKEN} = 64
is "$(psql_q "SELECT count(*) FROM email_tokens WHERE token_hash = decode('$TOKEN', 'hex') OR convert_to('$TOKEN', 'UTF8') = token_hash")" 0 \
	"the token is not stored, only its hash"
is "$(psql_q "SELECT count(*) FROM email_tokens WHERE token_hash = sha256(convert_to('$TOKEN', 'UTF8')) AND person_id = $JAN")" 1 \
	"its SHA-256 is"

# the unconfirmed address receives nothing; the call shows
ID=$(residence "$J")
REF=$(dossier "$ID" reference)
check "a residence request sent before confirming" test -n "$REF"
check "its notification is given up" wait_for 15 \
	"SELECT last_error FROM notification_outbox WHERE dossier_id = $ID AND dropped_at IS NOT NULL" "no address"
is "$(notices_for "$ADDR" | wc -l)" 0 "nothing was mailed to the unconfirmed address"
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" 'id="mail-call"' "the dossier's page calls to add an address"
contains "$TMP/body" "non envoyé : aucune adresse confirmée" "and its history says the email was not sent"
as "$J" GET /dossiers >/dev/null
contains "$TMP/body" 'id="mail-call"' "so does Mes dossiers"

# --- the link: a button, then once only -------------------------------------------------
is "$(as "$J" GET "/account/email/confirm?token=$TOKEN")" 200 "the link opens a page with a button"
is "$(psql_q "SELECT email_verified_at IS NULL FROM persons WHERE id = $JAN")" t "opening it confirms nothing by itself"
is "$(as "$J" POST /account/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "token=$TOKEN")" 303 \
	"the button confirms"
is "$(location)" "/account?verified=1" "back to the profile"
is "$(psql_q "SELECT email || ' ' || (email_verified_at IS NOT NULL) FROM persons WHERE id = $JAN")" "$ADDR true" "the address is confirmed"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'email_verified' AND actor_person_id = $JAN AND at >= '$START'")" 1 \
	"and audited"
AT=$(psql_q "SELECT email_verified_at FROM persons WHERE id = $JAN")
as "$J" GET /account >/dev/null
is "$(as "$J" POST /account/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "token=$TOKEN")" 410 \
	"the link used twice: 410"
contains "$TMP/body" "il a déjà été utilisé, ou il a expiré. Rien n&#39;a été modifié." "a clear page, translated"
is "$(as "$J" GET "/account/email/confirm?token=$TOKEN&lang=en")" 410 "opened again: 410"
contains "$TMP/body" "it was already used, or it has expired. Nothing was changed." "in English too"
as "$J" GET '/account?lang=fr' >/dev/null
is "$(psql_q "SELECT email_verified_at FROM persons WHERE id = $JAN")" "$AT" "nothing changed"

# the call is gone
as "$J" GET "/dossiers/$REF" >/dev/null
lacks "$TMP/body" 'id="mail-call"' "the call leaves the dossier's page once confirmed"
as "$J" GET /dossiers >/dev/null
lacks "$TMP/body" 'id="mail-call"' "and Mes dossiers"

# --- a new address: the old one serves until the new one is confirmed; expiry -------------
is "$(profile_post "$J" --data-urlencode "email=$ADDR2" --data lang=de "${all_kinds[@]}")" 303 "another address"
LINK2=$(grep -o "$BASE/account/email/confirm?token=[0-9a-f]*" "$(mail_for "$ADDR2")" | head -1)
TOKEN2=${LINK2##*token=}
is "$(psql_q "SELECT email FROM persons WHERE id = $JAN")" "$ADDR" "the confirmed address stays in use meanwhile"
psql_q "UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to('$TOKEN2', 'UTF8'))" >/dev/null
is "$(as "$J" GET "/account/email/confirm?token=$TOKEN2")" 410 "its link expired: 410"
as "$J" GET /account >/dev/null
is "$(as "$J" POST /account/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "token=$TOKEN2")" 410 \
	"confirming it anyway: 410"
is "$(psql_q "SELECT email FROM persons WHERE id = $JAN")" "$ADDR" "and the confirmed address is still the first"
eid_login elise /account "$E" >/dev/null
for i in 1 2 3 4; do
	st=$(profile_post "$J" --data-urlencode "email=$ADDR2" --data lang=de "${all_kinds[@]}")
	[ "$st" = 429 ] && break
done
is "$st" 429 "more than five links within the hour: 429"
contains "$TMP/body" "Trop de liens demandés en une heure" "with why"
contains "$TMP/body" "value=\"$ADDR2\"" "the address typed stays"
as "$E" GET /account >/dev/null
is "$(as "$E" POST /account/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data "token=$TOKEN")" 410 \
	"someone else's link: 410 as well"

# --- every status change, in the preferred language ---------------------------------------
is "$(act "$ID" receive)" 303 "Agathe acknowledges receipt"
is "$(act "$ID" complement -F 'body=Joignez votre bail.')" 303 "asks for a complement"
as "$J" GET "/dossiers/$REF" >/dev/null
as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$(csrf_token)" -F 'body=Le voici.' >/dev/null
is "$(act "$ID" process)" 303 "processes it"
is "$(act "$ID" close -F 'decision=granted' -F 'body=Conforme.')" 303 "and decides"
check "the worker is done with them" sent_or_dropped "$ID"
notices_for "$ADDR" >"$TMP/mails"
is "$(wc -l <"$TMP/mails")" 5 "five emails: received, complement, processing, the letter, the decision"
subjects=$(while read -r f; do subject "$f"; done <"$TMP/mails")
echo "$subjects" | sed 's/^/# /'
check "received, in German" grep -qx "Antrag $REF: Eingegangen" <<<"$subjects"
check "complement asked, in German" grep -qx "Antrag $REF: Angaben werden angefordert" <<<"$subjects"
check "in processing, in German" grep -qx "Antrag $REF: Wird bearbeitet" <<<"$subjects"
check "the decision (closed), in German" grep -qx "Antrag $REF: Abgeschlossen" <<<"$subjects"
check "the letter, in German" grep -qx "Antrag $REF: neues Dokument" <<<"$subjects"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID AND sent_at IS NOT NULL AND email = '$ADDR'")" 5 \
	"each row records the address it went to"
lacks "$(head -1 "$TMP/mails")" "90010100123" "no national number in them"

# --- preferences: status changes off, messages on -----------------------------------------
is "$(profile_post "$J" --data-urlencode "email=$ADDR" --data lang=en --data notify_message=1)" 303 \
	"status changes and documents turned off, messages kept"
is "$(psql_q "SELECT notify_kinds FROM persons WHERE id = $JAN")" "{message}" "saved"
as "$J" GET /account >/dev/null
lacks "$TMP/body" 'name="notify_status" value="1" checked' "the box shows unticked"
ID2=$(residence "$J")
REF2=$(dossier "$ID2" reference)
is "$(act "$ID2" receive)" 303 "a second request received"
is "$(act "$ID2" message -F 'body=Merci.')" 303 "and a message sent to Jan"
check "the worker is done with them" sent_or_dropped "$ID2"
is "$(psql_q "SELECT string_agg(kind || ':' || coalesce(last_error, 'sent'), ' ' ORDER BY id) FROM notification_outbox WHERE dossier_id = $ID2")" \
	"dossier_submitted:not wanted dossier_status:not wanted message:sent" "only the message went"
is "$(notices_for "$ADDR" | xargs grep -l "$REF2" | wc -l)" 1 "one email about it"
is "$(subject "$(notices_for "$ADDR" | xargs grep -l "$REF2" | head -1)")" "Dossier $REF2: new message" "in English, the language now preferred"
as "$J" GET "/dossiers/$REF2" >/dev/null
contains "$TMP/body" "non envoyé : désactivé dans votre profil" "the dossier says which were not sent, and why"

# --- acting for an organisation: its professional address -------------------------------
org_member 0203201340 company "Boulangerie Dubois SRL" 90010100123 sesam
is "$(act_for "$J" 0203201340)" 303 "Jan acts for Boulangerie Dubois"
OID=$(form_start "$J" SESAM)
check "and starts a SESAM form" test -n "$OID"
psql_q "UPDATE dossiers SET status = 'complet' WHERE id = $OID" >/dev/null
psql_q "UPDATE dossiers SET status = 'soumis', reference = '2026-SESAM-8' || lpad(id::text, 6, '0'), submitted_at = now() WHERE id = $OID" >/dev/null
OREF=$(dossier "$OID" reference)
psql_q "SELECT dossier_notify(d, 'message', NULL) FROM dossiers d WHERE d.id = $OID" >/dev/null
check "the organisation's notification is sent" sent_or_dropped "$OID"
is "$(notices_for "pro-90010100123@example.be" | xargs grep -l "$OREF" | wc -l)" 1 "to his confirmed professional address"
is "$(notices_for "$ADDR" | xargs grep -l "$OREF" 2>/dev/null | wc -l)" 0 "not to his own"
act_for "$J" self >/dev/null

# --- mandates: the other party hears of each step -----------------------------------------
# An organisation of this test's own, Élise its access manager.
org_member 0887654321 nonprofit "Profil Test ASBL" 85073003328
psql_q "UPDATE org_members m SET access_manager = true FROM organisations o WHERE o.id = m.organisation_id
	AND o.bce = '0887654321' AND m.person_id = (SELECT id FROM persons WHERE nrn = '85073003328')
	AND m.removed_at IS NULL" >/dev/null
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
AMIS=$(psql_q "SELECT id FROM organisations WHERE bce = '0887654321'")
is "$(psql_q "SELECT count(*) FROM org_members WHERE organisation_id = $AMIS AND person_id = $ELISE AND access_manager")" 1 \
	"Élise manages Profil Test ASBL"
FAM=$(psql_q "SELECT code FROM procedure_families ORDER BY code LIMIT 1")
EPRO=pro-85073003328@example.be
before_e=$(notices_for "$EPRO" | wc -l)
before_j=$(notices_for "$ADDR" | wc -l)
M1=$(psql_q "SELECT mandate_create($JAN, $AMIS, NULL, $JAN, '{$FAM}', current_date, current_date + 30, false, NULL)")
M2=$(psql_q "SELECT mandate_create($JAN, $AMIS, NULL, $JAN, '{$FAM}', current_date, current_date + 30, false, NULL)")
psql_q "SELECT mandate_decide($ELISE, $M1, 'accept', NULL)" >/dev/null
psql_q "SELECT mandate_decide($ELISE, $M2, 'refuse', NULL)" >/dev/null
psql_q "SELECT mandate_decide($JAN, $M1, 'revoke', NULL)" >/dev/null
check "the worker is done with the mandates' notices" wait_for 15 "SELECT count(*) FROM notification_outbox
	WHERE kind LIKE 'mandate%' AND sent_at IS NULL AND dropped_at IS NULL" 0
notices_for "$EPRO" | tail -n +$((before_e + 1)) >"$TMP/e"
notices_for "$ADDR" | tail -n +$((before_j + 1)) >"$TMP/j"
es=$(while read -r f; do subject "$f"; done <"$TMP/e")
js=$(while read -r f; do subject "$f"; done <"$TMP/j")
echo "$es" | sed 's/^/# Élise: /'; echo "$js" | sed 's/^/# Jan: /'
is "$(grep -c "Mandat demandé pour Profil Test ASBL (0887.654.321)" <<<"$es")" 2 \
	"asked (twice): the beneficiary's manager, at her professional address, in her language"
is "$(grep -c "Mandate accepted by Profil Test ASBL (0887.654.321)" <<<"$js")" 1 "accepted: the mandatary, in his language"
is "$(grep -c "Mandate refused by Profil Test ASBL (0887.654.321)" <<<"$js")" 1 "refused: the mandatary"
is "$(grep -c "Mandat pour Profil Test ASBL (0887.654.321) révoqué" <<<"$es")" 1 "revoked by him: the beneficiary"
is "$(grep -c . <<<"$js")" 2 "never the one who acted"
contains "$(head -1 "$TMP/j")" "$BASE/login/acting?return=%2Forg%2Fmandates" "with a link to the mandates"
M3=$(psql_q "SELECT mandate_create($ELISE, $AMIS, NULL, $JAN, '{$FAM}', current_date, current_date + 30, true, NULL)")
psql_q "SELECT mandate_decide($ELISE, $M3, 'revoke', NULL)" >/dev/null
check "given and revoked by the beneficiary" wait_for 15 "SELECT count(*) FROM notification_outbox
	WHERE kind LIKE 'mandate%' AND sent_at IS NULL AND dropped_at IS NULL" 0
js=$(notices_for "$ADDR" | tail -n +$((before_j + 3)) | while read -r f; do subject "$f"; done)
check "the mandatary hears it was given" grep -q "Mandate given by Profil Test ASBL" <<<"$js"
check "and revoked" grep -q "Mandate for Profil Test ASBL (0887.654.321) revoked" <<<"$js"

lacks "$DIR/log/notify.log" "$ADDR" "no address in the worker's log"
lacks "$DIR/log/login.log" "$TOKEN" "no token in the login program's log"
done_testing
