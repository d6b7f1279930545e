#!/usr/bin/env bash
# Organisations, roles and mandates through HTTP, each actor with their own
# eID card: the legal representative designates the access manager, who
# adds two users with different roles; each confirms a professional
# address by a link sent through SMTP; a user without the SESAM role cannot
# start it; a removed user loses access at their next request; a mandate is
# asked, accepted, used, and expires; another is revoked while in use; a
# person of another organisation gets 404 on every URL of this one; and
# row-level security keeps one organisation's rows from a session of
# another even when a query forgets to.  Prints TAP.
. "$(dirname "$0")/lib.sh"
make_pdfs
E=$TMP/elise L=$TMP/lukasz A=$TMP/agathe J=$TMP/jan B=$TMP/bruno
BOUL=0203201340 AMIS=0417563422

post() {	# post JAR PATH [--data-urlencode args]: the page's token, then POST
	local jar=$1 path=$2 from=${FROM:-$2}
	shift 2
	as "$jar" GET "$from" >/dev/null
	as "$jar" POST "$path" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" "$@"
}
org_id() { psql_q "SELECT id FROM organisations WHERE bce = '$1'"; }
member_id() {	# member_id BCE NRN
	psql_q "SELECT m.id FROM org_members m JOIN organisations o ON o.id = m.organisation_id JOIN persons p ON p.id = m.person_id WHERE o.bce = '$1' AND p.nrn = '$2' AND m.removed_at IS NULL"
}
confirm_email() {	# confirm_email JAR ADDRESS [RETURN]: the link from the mail, confirmed
	local f link token ret
	FROM=/org/email post "$1" /org/email --data-urlencode "email=$2" --data-urlencode "return=${3:-/org}" >/dev/null
	f=$(mail_for "$2")
	link=$(grep -oE '/org/email/confirm\?token=[0-9a-f]{64}[^[:space:]]*' "$f" | head -1)
	token=$(grep -oE 'token=[0-9a-f]{64}' <<<"$link" | cut -d= -f2)
	as "$1" GET "$link" >/dev/null
	ret=$(grep -o 'name="return" value="[^"]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
	as "$1" POST /org/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
		--data-urlencode "token=$token" --data-urlencode "return=$ret"
}
psql_app() {	# psql_app SQL: as the citizens' programs' role, row-level security on
	local pg=(psql -h "$DIR/pg" -U guichet_web -d guichet -Atqc "$1")
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${pg[@]}"; else "${pg[@]}"; fi
}
# Rerunnable: this test's organisations start with nobody.
psql_q "UPDATE sessions SET acting_org_id = NULL, acting_mandate_id = NULL WHERE acting_org_id IN (SELECT id FROM organisations WHERE bce IN ('$BOUL', '$AMIS'))" >/dev/null
psql_q "UPDATE mandates SET status = 'revoked' WHERE status IN ('requested', 'accepted') AND (beneficiary_org_id IN (SELECT id FROM organisations WHERE bce IN ('$BOUL', '$AMIS')) OR mandatary_org_id IN (SELECT id FROM organisations WHERE bce IN ('$BOUL', '$AMIS')))" >/dev/null
psql_q "UPDATE org_members SET removed_at = now() WHERE removed_at IS NULL AND organisation_id IN (SELECT id FROM organisations WHERE bce IN ('$BOUL', '$AMIS'))" >/dev/null
# (and an earlier run's links do not count against the hourly limit)
psql_q "DELETE FROM email_tokens WHERE member_id IN (SELECT id FROM org_members WHERE organisation_id IN (SELECT id FROM organisations WHERE bce IN ('$BOUL', '$AMIS')))" >/dev/null

START=$(psql_q "SELECT now()")

# --- the legal representative designates the main access manager -------------------------
eid_login lukasz /help "$L" >/dev/null	# known by name from his first login
eid_login elise /org "$E" >/dev/null
is "$(as "$E" GET /org)" 200 "acting for herself, the workspace says how to act for one"
contains "$TMP/body" 'href="/org/represent"' "with the way for a legal representative"
is "$(FROM=/org/represent post "$E" /org/represent --data-urlencode bce=0203201341)" 400 "a number failing its check: 400"
contains "$TMP/body" 'field-error' "told beside the field"
is "$(FROM=/org/represent post "$E" /org/represent --data-urlencode bce=$AMIS)" 403 "not a representative of ASBL Les Amis: 403"
is "$(FROM=/org/represent post "$E" /org/represent --data-urlencode "bce=0203.201.340")" 303 "the register lists her for Boulangerie Dubois"
is "$(location)" "/org/represent/$BOUL" "on to the organisation's page"
is "$(as "$E" GET "/org/represent/$AMIS")" 404 "another organisation's representative page: 404"
is "$(FROM=/org/represent/$BOUL post "$E" "/org/represent/$BOUL/manager" --data-urlencode nrn=85073003328)" 303 \
	"she designates herself as the main access manager"
is "$(psql_q "SELECT count(*) FROM org_members m JOIN organisations o ON o.id = m.organisation_id JOIN persons p ON p.id = m.person_id WHERE o.bce = '$BOUL' AND p.nrn = '85073003328' AND m.access_manager AND m.removed_at IS NULL")" 1 \
	"stored as the one access manager"
is "$(psql_q "SELECT count(*) FROM audit_log a JOIN organisations o ON o.id = a.organisation_id WHERE o.bce = '$BOUL' AND a.action = 'org_manager_designated' AND a.at >= '$START'")" 1 \
	"in the audit trail"
is "$(act_for "$E" $BOUL)" 303 "she acts for it"
is "$(location)" "/org/email?return=%2Fprocedures" "first asked to confirm a professional address"
is "$(confirm_email "$E" elise@boulangerie.example)" 303 "confirmed by the link sent to it"
is "$(location)" "/org?confirmed=1" "back to the workspace"
is "$(psql_q "SELECT pro_email FROM org_members WHERE id = $(member_id $BOUL 85073003328)")" elise@boulangerie.example \
	"her professional address for the organisation"
as "$E" GET /org >/dev/null
is "$(as "$E" POST /org/email/confirm -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data-urlencode "token=$(grep -oE 'token=[0-9a-f]{64}' "$(mail_for elise@boulangerie.example)" | head -1 | cut -d= -f2)")" 404 \
	"the link works once"

# --- the access manager adds two users with different roles ----------------------------------
is "$(FROM=/org/users post "$E" /org/users --data-urlencode nrn=05031212360)" 303 "she adds Łukasz"
LM=$(member_id $BOUL 05031212360)
is "$(location)" "/org/users/$LM" "on to his roles"
is "$(FROM=/org/users/$LM post "$E" "/org/users/$LM" --data-urlencode role_sesam=1)" 303 "Łukasz may do SESAM"
is "$(FROM=/org/users post "$E" /org/users --data-urlencode nrn=78021400167 --data-urlencode until=2001-01-01)" 400 \
	"an end date in the past: 400"
contains "$TMP/body" 'value="78021400167"' "the number typed stays"
is "$(FROM=/org/users post "$E" /org/users --data-urlencode nrn=78021400167)" 303 "she adds Agathe"
AM=$(member_id $BOUL 78021400167)
is "$(FROM=/org/users/$AM post "$E" "/org/users/$AM" --data-urlencode role_tourism=1 --data-urlencode role_nope=1)" 400 \
	"a role that is not on the list: 400"
is "$(FROM=/org/users/$AM post "$E" "/org/users/$AM" --data-urlencode role_tourism=1)" 303 "Agathe may do tourism only"
is "$(FROM=/org/users post "$E" /org/users --data-urlencode nrn=05031212360)" 409 "Łukasz twice: 409"
as "$E" GET /org/users >/dev/null
contains "$TMP/body" 'Łukasz Wójcik' "the list names the users who logged in"
is "$(FROM=/org/users post "$E" /org/users --data-urlencode nrn=90020212372)" 303 "she adds someone who never logged in"
as "$E" GET /org/users >/dev/null
contains "$TMP/body" '90.02.02-123.72' "listed by the number typed until they log in"
contains "$TMP/body" 'Dubois-Lefèvre' "with who granted their roles"
as "$E" GET /org/audit >/dev/null
contains "$TMP/body" 'emploi SESAM' "the audit trail names the roles granted"

# --- each user confirms their address; roles decide what they may start --------------------
eid_login lukasz /procedures "$L" >/dev/null
is "$(act_for "$L" $BOUL)" 303 "Łukasz acts for Boulangerie Dubois"
is "$(location)" "/org/email?return=%2Fprocedures" "asked for his professional address"
ID=$(form_start "$L" SESAM)
is "$(location)" "/org/email?return=/procedures/SESAM" "no form before the address is confirmed"
is "$(confirm_email "$L" lukasz@boulangerie.example /procedures/SESAM)" 303 "he confirms it"
is "$(location)" "/procedures/SESAM" "and goes on to the procedure he wanted"
ID=$(form_start "$L" SESAM)
check "with the SESAM role, he starts a SESAM form" test -n "$ID"
# Sent as the form engine would (procedure-sesam.sh fills it page by page).
psql_q "UPDATE dossiers SET status = 'complet' WHERE id = $ID" >/dev/null
psql_q "UPDATE dossiers SET status = 'soumis', reference = '2026-SESAM-9' || lpad(id::text, 6, '0'), submitted_at = now() WHERE id = $ID" >/dev/null
REF=$(dossier "$ID" reference)
psql_q "SELECT dossier_notify(d, 'dossier_submitted', 'soumis') FROM dossiers d WHERE d.id = $ID" >/dev/null
is "$(psql_q "SELECT notify_address(o.person_id, d.acting_org_id) FROM notification_outbox o
	JOIN dossiers d ON d.id = o.dossier_id WHERE o.dossier_id = $ID ORDER BY o.id DESC LIMIT 1")" lukasz@boulangerie.example \
	"the organisation's notification goes to his professional address"
TID=$(form_start "$L" TOURISM)
is "$(as "$L" POST /procedures/TOURISM/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 403 \
	"without the tourism role, he cannot start a tourism form: 403"
contains "$TMP/body" "pas de rôle pour cette famille" "told why"

eid_login agathe /procedures "$A" >/dev/null
act_for "$A" $BOUL >/dev/null
confirm_email "$A" agathe@boulangerie.example >/dev/null
as "$A" GET /procedures/SESAM >/dev/null
is "$(as "$A" POST /procedures/SESAM/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 403 \
	"Agathe, without the SESAM role, cannot start a SESAM form"
is "$(as "$A" GET "/dossiers/$REF")" 404 "nor see the organisation's SESAM dossier"
is "$(as "$A" GET "/forms/$ID/summary")" 404 "nor its form"
as "$A" GET /dossiers >/dev/null
lacks "$TMP/body" "$REF" "it is not in her list"
AID=$(form_start "$A" TOURISM)
check "with the tourism role, she starts a tourism form" test -n "$AID"
is "$(as "$L" GET "/dossiers/$REF")" 200 "Łukasz sees the SESAM dossier"
as "$E" GET /org >/dev/null
contains "$TMP/body" "$REF" "the manager's workspace shows it"
contains "$TMP/body" 'Łukasz Wójcik' "and who is working on it"

# --- a removed user loses access on their next request ---------------------------------------
is "$(FROM=/org/users/$LM post "$E" "/org/users/$LM/remove")" 303 "the manager removes Łukasz"
is "$(as "$L" GET "/dossiers/$REF")" 404 "his next request for the dossier: 404"
is "$(as "$L" GET "/forms/$ID/summary")" 404 "its form too"
as "$L" GET /org >/dev/null
lacks "$TMP/body" 'Boulangerie Dubois' "he no longer acts for the organisation"
is "$(FROM=/org/users/$(member_id $BOUL 85073003328) post "$E" "/org/users/$(member_id $BOUL 85073003328)/remove")" 409 \
	"the access manager cannot be removed: 409"

# --- a mandate: asked, accepted, used, expired ------------------------------------------------
eid_login jan /org "$J" >/dev/null
FROM=/org/represent post "$J" /org/represent --data-urlencode bce=$AMIS >/dev/null
is "$(FROM=/org/represent/$AMIS post "$J" "/org/represent/$AMIS/manager" --data-urlencode nrn=90010100123)" 303 \
	"Jan, legal representative of ASBL Les Amis, manages its access"
act_for "$J" $AMIS >/dev/null
confirm_email "$J" jan@amis.example >/dev/null
TODAY=$(date +%F) NEXT=$(date -d '+30 days' +%F)
is "$(FROM=/org/mandates post "$J" /org/mandates --data-urlencode side=ask --data-urlencode bce=$BOUL \
	--data-urlencode from=$TODAY --data-urlencode to=$NEXT)" 400 "a mandate without a scope: 400"
contains "$TMP/body" 'value="'$BOUL'"' "what was typed stays"
is "$(FROM=/org/mandates post "$J" /org/mandates --data-urlencode side=ask --data-urlencode bce=$BOUL \
	--data-urlencode role_sesam=1 --data-urlencode from=$TODAY --data-urlencode to=$NEXT)" 303 \
	"ASBL Les Amis asks a SESAM mandate of Boulangerie Dubois"
MD=$(psql_q "SELECT max(id) FROM mandates WHERE beneficiary_org_id = $(org_id $BOUL) AND status = 'requested'")
is "$(FROM=/org/mandates post "$J" "/org/mandates/$MD/accept")" 404 "the mandatary cannot accept it itself"
is "$(FROM=/org/mandates post "$E" "/org/mandates/$MD/accept")" 303 "Boulangerie Dubois's manager accepts it"
is "$(psql_q "SELECT status FROM mandates WHERE id = $MD")" accepted "accepted"
as "$J" GET /login/acting >/dev/null
contains "$TMP/body" "value=\"m$MD\"" "Jan may now choose to act for the beneficiary"
is "$(as "$J" POST /login/acting -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data-urlencode "org=m$MD" --data-urlencode return=/org)" 303 \
	"he acts for Boulangerie Dubois through the mandate"
as "$J" GET /org >/dev/null
contains "$TMP/body" 'Boulangerie Dubois' "the workspace is the beneficiary's"
contains "$TMP/body" 'ASBL Les Amis' "saying through whose mandate"
psql_q "UPDATE org_members SET removed_at = NULL WHERE id = $LM" >/dev/null
is "$(as "$J" GET "/dossiers/$REF")" 200 "the mandatary sees the SESAM dossier"
is "$(as "$J" GET "/forms/$AID/summary")" 404 "not the tourism draft, out of the mandate's scope"
MID=$(form_start "$J" SESAM)
check "and starts a SESAM form for the beneficiary" test -n "$MID"
is "$(psql_q "SELECT acting_org_id = $(org_id $BOUL) AND acting_mandate_id = $MD FROM dossiers WHERE id = $MID")" t \
	"the dossier is the beneficiary's, through the mandate"
is "$(as "$J" GET /org/users)" 404 "a mandatary does not manage the beneficiary's users"
psql_q "UPDATE mandates SET starts_on = current_date - 10, ends_on = current_date - 1 WHERE id = $MD" >/dev/null
is "$(as "$J" GET "/dossiers/$REF")" 404 "the mandate expired: the next request gets 404"
is "$(as "$J" GET "/forms/$MID/summary")" 404 "and the form started under it"

# --- a mandate revoked mid-session ------------------------------------------------------------
act_for "$E" $BOUL >/dev/null
is "$(FROM=/org/mandates post "$E" /org/mandates --data-urlencode side=give --data-urlencode bce=$AMIS \
	--data-urlencode role_sesam=1 --data-urlencode from=$TODAY --data-urlencode to=$NEXT)" 303 \
	"Boulangerie Dubois gives ASBL Les Amis a SESAM mandate"
MD2=$(psql_q "SELECT max(id) FROM mandates WHERE beneficiary_org_id = $(org_id $BOUL) AND status = 'accepted'")
as "$J" GET /login/acting >/dev/null
as "$J" POST /login/acting -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data-urlencode "org=m$MD2" --data-urlencode return=/org >/dev/null
is "$(as "$J" GET "/dossiers/$REF")" 200 "Jan works through the new mandate"
is "$(FROM=/org/mandates post "$E" "/org/mandates/$MD2/revoke")" 303 "the beneficiary revokes it"
is "$(as "$J" GET "/dossiers/$REF")" 404 "Jan's very next request: 404"
is "$(FROM=/org/mandates post "$E" "/org/mandates/$MD2/revoke")" 409 "revoked twice: 409"
as "$E" GET /org/audit >/dev/null
contains "$TMP/body" 'Mandat révoqué' "the audit trail shows the revocation"

# --- a person of another organisation: 404 on every URL of this one --------------------------
eid_login bruno /procedures "$B" >/dev/null
org_member 0876543270 company 'Peeters BV' 82050600223
act_for "$B" 0876543270 >/dev/null
for u in "/dossiers/$REF" "/forms/$ID/summary" "/forms/$ID/pages/company" "/forms/$AID/summary" \
	"/forms/$ID/receipt" "/org/users/$LM" "/org/users/$AM" "/org/represent/$BOUL"; do
	is "$(as "$B" GET "$u")" 404 "Bruno of Peeters BV: GET $u is 404"
done
for u in "/org/users/$AM" "/org/users/$AM/remove" "/org/mandates/$MD/revoke" "/org/mandates/$MD2/accept" \
	"/dossiers/$REF/messages" "/dossiers/$REF/archive" "/forms/$ID/submit"; do
	as "$B" GET /org/users >/dev/null
	is "$(as "$B" POST "$u" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data-urlencode role_sesam=1)" 404 \
		"Bruno of Peeters BV: POST $u is 404"
done
as "$B" GET /dossiers >/dev/null
lacks "$TMP/body" "$REF" "Boulangerie's dossiers are not in Peeters BV's list"
is "$(psql_q "SELECT count(*) FROM org_member_roles WHERE member_id = $AM AND family_code = 'sesam'")" 0 \
	"and nothing was changed"

# --- row-level security: a second line behind the programs ------------------------------------
BO=$(org_id $BOUL) PO=$(org_id 0876543270)
ALLP=$(psql_q "SELECT ARRAY(SELECT id FROM procedures)::text")
scope() { echo "SELECT set_config('guichet.scope', 'user', true), set_config('guichet.org', '$1', true), set_config('guichet.procs', '$2', true);"; }
is "$(psql_app "BEGIN; $(scope "$PO" "$ALLP") SELECT count(*) FROM dossiers WHERE acting_org_id = $BO; COMMIT" | tail -1)" 0 \
	"a session of Peeters BV, querying Boulangerie's dossiers directly: no row"
is "$(psql_app "BEGIN; $(scope "$PO" "$ALLP") SELECT count(*) FROM attachments a JOIN dossiers d ON d.id = a.dossier_id WHERE d.acting_org_id = $BO; SELECT count(*) FROM dossier_events WHERE dossier_id = $ID; COMMIT" | tail -2 | tr '\n' ' ')" "0 0 " \
	"nor their annexes, nor their events"
is "$(psql_app "BEGIN; $(scope "$BO" "$ALLP") SELECT count(*) > 0 FROM dossiers WHERE acting_org_id = $BO; COMMIT" | tail -1)" t \
	"the same query for Boulangerie's own session finds them"
SES=$(psql_q "SELECT ARRAY(SELECT id FROM procedures WHERE family_code = 'tourism')::text")
is "$(psql_app "BEGIN; $(scope "$BO" "$SES") SELECT count(*) FROM dossiers WHERE id = $ID; COMMIT" | tail -1)" 0 \
	"a user of Boulangerie with the tourism role only does not see its SESAM dossier"
is "$(psql_app "SELECT count(*) FROM dossiers")" 0 "without a scope, no row at all"
is "$(psql_app "SELECT count(*) FROM agent_notes")" 0 "agents' notes never, for the citizens' programs"
is "$(psql_app "BEGIN; $(scope "$PO" "$ALLP") WITH u AS (UPDATE dossiers SET archived = archived WHERE id = $ID RETURNING id) SELECT count(*) FROM u; COMMIT" | tail -1)" 0 \
	"an update of another organisation's dossier touches nothing"

done_testing
