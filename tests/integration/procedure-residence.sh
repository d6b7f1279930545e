#!/usr/bin/env bash
# The residence certificate through HTTP: the address pre-filled from the
# National Register with its origin shown, a question revealed by an
# answer (and left out again when it no longer applies), and the eID card
# asked for at signing when the user came with an email code.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan M=$TMP/mail

# --- by email code: fillable, but signing needs the eID card ------------------------
# The login tests asked many codes from this address a moment ago: let the
# quarter of an hour of the per-address (IP) limit pass.
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
is "$(code_login "$M" residence@example.be)" 303 "logged in with an email code"
ID=$(form_start "$M" RESIDENCE)
check "a draft is started" test -n "$ID"
is "$(answer "$ID" address)" "" "no national number: nothing pre-filled from the register"
is "$(form_page "$M" "$ID" request --form-string 'address.street=Rue Haute' --form-string 'address.number=5' \
	--form-string 'address.postcode=1000' --form-string 'address.locality=Bruxelles' \
	--form-string 'purpose=bank' --form-string 'certificate_language=fr' --form-string 'with_household=no')" 303 \
	"every answer given: 303"
is "$(dossier "$ID" status)" complet "complet"
as "$M" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" '/login?step_up=1&amp;level=high&amp;return=/forms/' "the summary asks for the eID card"
lacks "$TMP/body" 'name="submit_key"' "and offers no submit button"
is "$(as "$M" POST "/forms/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 \
	"submitting anyway: 303"
is "$(location)" "/login?step_up=1&level=high&return=/forms/$ID/summary" "to the eID login, coming back to the summary"
is "$(dossier "$ID" status)" complet "nothing was submitted"

# --- with the eID card: pre-filled from the National Register -----------------------
eid_login jan /procedures/RESIDENCE "$J" >/dev/null
ID=$(form_start "$J" RESIDENCE)
is "$(answer "$ID" address,street) $(answer "$ID" address,postcode) $(answer "$ID" address,locality)" \
	"Grote Markt 9000 Gent" "the address comes from the National Register"
is "$(dossier "$ID" "prefill_sources #>> '{address,from}'")" register "its origin is kept"
as "$J" GET "/forms/$ID/pages/request" >/dev/null
contains "$TMP/body" 'class="source"' "and shown beside the field"
contains "$TMP/body" 'value="Grote Markt"' "the value is in the field"
contains "$TMP/body" 'Registre national' "named"

# --- a question revealed by an answer ---------------------------------------------
lacks "$TMP/body" 'name="purpose_other"' "the 'other purpose' question is hidden at first"
common=(--form-string 'address.street=Grote Markt' --form-string 'address.number=1A' \
	--form-string 'address.postcode=9000' --form-string 'address.locality=Gent' \
	--form-string 'certificate_language=nl' --form-string 'with_household=yes')
is "$(form_page "$J" "$ID" request "${common[@]}" --form-string 'purpose=other')" 200 \
	"choosing 'other': the page comes back (200), not an error"
contains "$TMP/body" 'name="purpose_other"' "with the revealed question"
contains "$TMP/body" 'quelques questions de plus' "and a note saying why"
lacks "$TMP/body" 'class="error-summary"' "without errors"
is "$(form_page "$J" "$ID" request "${common[@]}" --form-string 'purpose=other' \
	--form-string 'purpose_other=Pour un bail de location')" 303 "answered: 303"
is "$(answer "$ID" purpose_other)" "Pour un bail de location" "stored"
is "$(dossier "$ID" "prefill_sources #>> '{address,from}'")" register "a changed number keeps the source recorded"
as "$J" GET "/forms/$ID/pages/request" >/dev/null
lacks "$TMP/body" 'class="source"' "but no longer shows it: the value changed"
is "$(form_page "$J" "$ID" request "${common[@]}" --form-string 'purpose=employer')" 303 \
	"changing one's mind: 303"
is "$(answer "$ID" purpose_other)" "Pour un bail de location" "the hidden answer stays in the draft"
as "$J" GET "/forms/$ID/summary" >/dev/null
lacks "$TMP/body" 'Pour un bail de location' "but is not in the summary"
is "$(form_submit "$J" "$ID")" 303 "signed with the eID card: 303"
is "$(dossier "$ID" status)" soumis "submitted"
is "$(answer "$ID" purpose_other)" "" "the hidden answer is not part of the submitted dossier"
is "$(answer "$ID" with_household)" yes "the others are"
REF=$(dossier "$ID" reference)
is "$(admin_cmd dossier verify "$REF" | cut -d: -f2 | cut -d, -f1)" " intact" "the seal verifies"

done_testing
