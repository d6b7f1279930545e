#!/usr/bin/env bash
# One person, several ways in, through the real stack: an email-code login
# that steps up to the eID card in the same browser becomes the card's
# person, its draft carried over in one audited transaction; the card and
# the address are recorded as that person's ways in; two national-number
# identities are never merged (someone else logged in: log out first); and
# the login page shown after a code error still links to the eID host.
. "$(dirname "$0")/lib.sh"
M=$TMP/step
addr="step-up-$$-$(date +%s)@example.be"	# a new email-only person each run
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
JAN=$(psql_q "INSERT INTO persons (nrn) VALUES ('90010100123') ON CONFLICT (nrn) DO UPDATE SET nrn = EXCLUDED.nrn RETURNING id")
# Jan's contact address as it was: given back at the end, for the suites after
JAN_EMAIL=$(psql_q "SELECT coalesce(email, '') || '/' || coalesce(email_verified_at::text, '') FROM persons WHERE nrn = '90010100123'")
ELISE=$(psql_q "INSERT INTO persons (nrn) VALUES ('85073003328') ON CONFLICT (nrn) DO UPDATE SET nrn = EXCLUDED.nrn RETURNING id")

# --- a draft begun with an email code --------------------------------------------
is "$(code_login "$M" "$addr")" 303 "logged in with an email code"
CODE=$(psql_q "SELECT person_id FROM authenticators WHERE kind = 'email' AND subject = '$addr'")
check "the address is recorded as a way in" test -n "$CODE"
is "$(psql_q "SELECT nrn IS NULL FROM persons WHERE id = '$CODE'")" t "of a person known by the address alone"
ID=$(form_start "$M" RESIDENCE)
check "a draft is started" test -n "$ID"
is "$(form_page "$M" "$ID" request --form-string 'address.street=Rue Haute' --form-string 'address.number=5' \
	--form-string 'address.postcode=1000' --form-string 'address.locality=Bruxelles' \
	--form-string 'purpose=bank' --form-string 'certificate_language=fr' --form-string 'with_household=no')" 303 \
	"answered"
as "$M" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" '/login?step_up=1&amp;level=high&amp;return=/forms/' "signing asks for the eID card"
lacks "$TMP/body" 'name="submit_key"' "and offers no submit button yet"
is "$(as "$TMP/anon" GET "/login?step_up=1&level=high&return=/forms/$ID/summary")" 200 "the step-up page"
lacks "$TMP/body" 'action="/login/code"' "offers no email code: it cannot reach the level"
contains "$TMP/body" "/login/eid?return=%2Fforms%2F$ID%2Fsummary" "but the card, back to the summary"
as "$TMP/anon" GET "/login?return=/help" >/dev/null
contains "$TMP/body" 'action="/login/code"' "the plain login page offers the code"
OLD=$(awk '$6 == "__Host-guichet" { print $7 }' "$M")

# --- the card in the same browser: the same person now ----------------------------
is "$(eid_login jan "%2Fforms%2F$ID%2Fsummary" "$M")" 303 "the eID login in the same browser"
case "$(location)" in
"/forms/$ID/summary" | "/login/acting?return=%2Fforms%2F$ID%2Fsummary") ok 0 "back to the summary" ;;
*) ok 1 "back to the summary (went to $(location))" ;;
esac
is "$(dossier "$ID" owner_person_id)" "$JAN" "the draft belongs to the card's person"
is "$(answer "$ID" address,street)" "Rue Haute" "with its answers"
is "$(as "$M" GET "/forms/$ID/summary")" 200 "the summary opens after the step-up (no 404)"
contains "$TMP/body" 'name="submit_key"' "and offers to submit now"
is "$(psql_q "SELECT merged_into FROM persons WHERE id = '$CODE'")" "$JAN" "the address's person leads to the card's"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'identity_merged' AND object_id = '$CODE' AND actor_person_id = '$JAN' AND (details->>'dossiers')::int >= 1")" 1 \
	"audited once, with the number of dossiers carried"
is "$(psql_q "SELECT person_id FROM authenticators WHERE kind = 'email' AND subject = '$addr'")" "$JAN" \
	"the address is now a way in to the card's person"
is "$(psql_q "SELECT count(*) FROM authenticators WHERE kind = 'eid' AND person_id = '$JAN' AND length(subject) = 64")" 1 \
	"the card is recorded by its certificate's fingerprint"
is "$(psql_q "SELECT count(*) FROM sessions WHERE person_id = '$CODE' AND ended_at IS NULL")" 0 \
	"no session of the former person remains"
is "$(psql_q "SELECT count(*) FROM persons WHERE id = '$JAN' AND email IS NOT NULL")" 1 \
	"a person without a contact address takes the confirmed one"
is "$(curl -s "${CA[@]}" -H "Cookie: __Host-guichet=$OLD" -o /dev/null -w '%{http_code}' "$BASE/forms/$ID/summary")" 303 \
	"the code session's cookie opens nothing any more"

# --- the address again, later: the same person, at the low level -------------------
A=$TMP/again
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
is "$(code_login "$A" "$addr")" 303 "the email code again"
is "$(psql_q "SELECT person_id || ' ' || assurance FROM sessions WHERE method = 'email' ORDER BY id DESC LIMIT 1")" \
	"$JAN low" "leads to the card's person, at the low level"
is "$(as "$A" GET "/forms/$ID/summary")" 200 "who sees the draft"
lacks "$TMP/body" 'name="submit_key"' "but signs only with the card"

# --- two national numbers never merge -----------------------------------------------
is "$(eid_login elise /help "$M")" 409 "another card in a browser where Jan is logged in: 409"
T=$(cat "$TMP/ticket-url")
is "$(as "$M" GET "${T#"$BASE"}")" 409 "the ticket was not spent on it"
contains "$TMP/body" "est connecté dans ce navigateur" "the page says someone else is logged in"
contains "$TMP/body" "Jan" "names who"
is "$(dossier "$ID" owner_person_id)" "$JAN" "nothing moved"
is "$(psql_q "SELECT count(*) FROM persons WHERE merged_into = '$ELISE' OR (id = '$JAN' AND merged_into IS NOT NULL)")" 0 \
	"no number merged into another"
is "$(as "$M" GET /account/sessions)" 200 "Jan is still logged in"
is "$(as "$M" POST /logout --data-urlencode "csrf=$(csrf_token)" --data-urlencode return=/help -H "Origin: $BASE")" 303 \
	"logging out from the page"
is "$(location)" "/login?logged_out=1&return=%2Fhelp" "comes back to the login, on the way to the page"
CARD=$(psql_q "SELECT string_agg(id::text, ',') FROM authenticators WHERE kind = 'eid' AND person_id = '$ELISE'")
check "Élise's card is a way in to her" test -n "$CARD"
psql_q "UPDATE authenticators SET person_id = '$JAN' WHERE id IN ($CARD)" >/dev/null
is "$(curl -s "${CA[@]}" --cert "$cards/elise.pem" -o /dev/null -w '%{http_code}' "$EID_BASE/login/eid")" 409 \
	"a card bound to another number logs nobody in (409)"
psql_q "UPDATE authenticators SET person_id = '$ELISE' WHERE id IN ($CARD)" >/dev/null

# --- the login page after a code error still has the eID link -----------------------
X=$TMP/x
as "$X" GET /login >/dev/null
is "$(as "$X" POST /login/code --data-urlencode "csrf=$(csrf_token)" --data-urlencode "email=not an address" \
	--data-urlencode return=/help)" 400 "an invalid address: 400"
contains "$TMP/body" "/login/eid?return=%2Fhelp\"" "the eID button still goes to the eID host, back to the page"
lacks "$TMP/body" 'class="button" href=""' "no empty link"
JE=${JAN_EMAIL%%/*} JV=${JAN_EMAIL#*/}
psql_q "UPDATE persons SET email = nullif('$JE', ''), email_verified_at = nullif('$JV', '')::timestamptz WHERE id = '$JAN'" >/dev/null
done_testing
