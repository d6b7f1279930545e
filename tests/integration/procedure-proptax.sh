#!/usr/bin/env bash
# The contestation of the property tax through HTTP, by a citizen: identity
# from the eID card and the National Register, grounds as checkboxes, a
# page that exists only for some grounds (the steps change with it), up to
# five pieces of evidence, the wish to be heard.
. "$(dirname "$0")/lib.sh"
make_pdfs
J=$TMP/jan

eid_login jan /procedures/PROPTAX "$J" >/dev/null
ID=$(form_start "$J" PROPTAX)
check "a draft" test -n "$ID"
is "$(answer "$ID" given_names) $(answer "$ID" surname) $(answer "$ID" nrn)" "Jan Peeters 90010100123" \
	"name and national number from the eID card"
is "$(answer "$ID" address,locality)" Gent "the address from the National Register"
as "$J" GET "/forms/$ID/pages/taxpayer" >/dev/null
contains "$TMP/body" 'Étape 1 sur 5' "four pages and the summary, before any ground is chosen"
me=(--form-string 'given_names=Jan' --form-string 'surname=Peeters' --form-string 'nrn=90010100123' \
	--form-string 'address.street=Grote Markt' --form-string 'address.number=1' \
	--form-string 'address.postcode=9000' --form-string 'address.locality=Gent')
contains "$TMP/body" 'id="nrn" value="90010100123" readonly' "the national number is shown read-only"
lacks "$TMP/body" 'name="nrn"' "and has no name: nothing of it is posted"
contains "$TMP/body" "D&#39;après votre carte eID ou votre connexion : ne peut pas être modifié ici." \
	"saying where it comes from, and that it cannot be changed here"
is "$(form_page "$J" "$ID" taxpayer "${me[@]}" --form-string 'email=jan.peeters@example.be' \
	--form-string 'nrn=85073003328' --form-string 'surname=Janssens')" 303 \
	"another national number and name posted as if the field were there: 303"
is "$(answer "$ID" nrn) $(answer "$ID" surname)" "90010100123 Peeters" \
	"neither is taken: the card's stay (another person's number was once stored)"

THIS_YEAR=$(TZ=Europe/Brussels date +%Y)
TOMORROW=$(TZ=Europe/Brussels date -d tomorrow +%Y-%m-%d)
is "$(form_page "$J" "$ID" assessment --form-string "tax_year=$((THIS_YEAR + 1))" --form-string 'article=123456789' \
	--form-string "sent_on=$TOMORROW" --form-string 'parcel=Gent 1ste afdeling, sectie A, nr. 123B' \
	--form-string 'property_address.street=Kouter' --form-string 'property_address.number=10' \
	--form-string 'property_address.postcode=9000' --form-string 'property_address.locality=Gent')" 400 \
	"next year's tax, a notice sent tomorrow: 400"
contains "$TMP/body" "Indiquez au maximum $THIS_YEAR." "the year is at most this one, whichever it is (no yearly republishing)"
contains "$TMP/body" "Date d&#39;envoi de l&#39;avertissement-extrait de rôle : La date ne peut pas être dans le futur." \
	"a notice cannot be sent in the future, its field named in the summary"
is "$(form_page "$J" "$ID" assessment --form-string 'tax_year=2014' --form-string 'article=' \
	--form-string 'sent_on=2026-13-01' --form-string 'parcel=Gent 1ste afdeling, sectie A, nr. 123B' \
	--form-string 'property_address.street=Kouter' --form-string 'property_address.number=10' \
	--form-string 'property_address.postcode=9000' --form-string 'property_address.locality=Gent')" 400 \
	"a year too early, no article, no such date: 400"
contains "$TMP/body" 'href="#article"' "the missing article"
contains "$TMP/body" 'href="#sent_on"' "the impossible date"
contains "$TMP/body" "Entre $((THIS_YEAR - 1)) et $THIS_YEAR" "the years allowed, this one and the one before"
is "$(form_page "$J" "$ID" assessment --form-string "tax_year=$THIS_YEAR" --form-string 'article=123456789' \
	--form-string 'sent_on=2026-06-15' --form-string 'parcel=Gent 1ste afdeling, sectie A, nr. 123B' \
	--form-string 'property_address.street=Kouter' --form-string 'property_address.number=10' \
	--form-string 'property_address.postcode=9000' --form-string 'property_address.locality=Gent')" 303 "right: 303"

# --- grounds as checkboxes; a question and a page depend on them ------------------------
is "$(form_page "$J" "$ID" grounds --form-string 'reasons=children' --form-string 'reasons=unused' \
	--form-string 'explanation=Trois enfants à charge et le bien est inoccupé depuis mars.')" 200 \
	"two grounds ticked, one reveals a date on the page (200)"
contains "$TMP/body" 'name="unused_since"' "the date is asked"
contains "$TMP/body" 'Étape 3 sur 6' "and a page for the reduction joins the steps"
is "$(psql_q "SELECT data->'reasons' FROM dossiers WHERE id = $ID")" '["children", "unused"]' \
	"the ticked boxes are stored as a list"
is "$(form_page "$J" "$ID" grounds --form-string 'reasons=children' --form-string 'reasons=unused' \
	--form-string 'reasons=nonsense' --form-string 'unused_since=2026-03-01' \
	--form-string 'explanation=Trois enfants à charge et le bien est inoccupé depuis mars.')" 400 \
	"a value that is not among the boxes: 400"
is "$(form_page "$J" "$ID" grounds --form-string 'reasons=children' --form-string 'reasons=unused' \
	--form-string 'unused_since=2026-03-01' \
	--form-string 'explanation=Trois enfants à charge et le bien est inoccupé depuis mars.')" 303 "303"
is "$(location)" "/forms/$ID/pages/reductions" "on to the reductions page"
is "$(form_page "$J" "$ID" reductions --form-string 'children=1')" 400 "one child: 400 (from two)"
contains "$TMP/body" 'Entre 2 et 20' "explained"
lacks "$TMP/body" 'name="disabled_persons"' "the disability question is not asked"
is "$(form_page "$J" "$ID" reductions --form-string 'children=3')" 303 "three children: 303"

# --- evidence: up to five files -----------------------------------------------------
files=()
for i in 1 2 3 4 5 6; do cp "$TMP/ok.pdf" "$TMP/piece-$i.pdf"; files+=(-F "evidence=@$TMP/piece-$i.pdf"); done
is "$(form_page "$J" "$ID" documents -F "notice_copy=@$TMP/ok.pdf" "${files[@]}" --form-string 'hearing=yes')" 400 \
	"six pieces of evidence where five are allowed: 400"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID AND field = 'evidence'")" 5 "five are kept"
contains "$TMP/body" 'nombre maximum de fichiers' "the sixth is refused with a reason"
is "$(form_page "$J" "$ID" documents --form-string 'hearing=yes')" 303 "303"
is "$(dossier "$ID" status)" complet "complet"

# --- a ground withdrawn: its page and question go -------------------------------------
is "$(form_page "$J" "$ID" grounds --form-string 'reasons=unused' --form-string 'unused_since=2026-03-01' \
	--form-string 'explanation=Le bien est inoccupé depuis mars.')" 303 "the children ground withdrawn: 303"
is "$(location)" "/forms/$ID/pages/documents" "the reductions page is skipped"
is "$(as "$J" GET "/forms/$ID/pages/reductions")" 303 "and sends to the summary if asked for"
is "$(form_submit "$J" "$ID")" 303 "signed and sent"
is "$(answer "$ID" children)" "" "the answer of the page skipped is not in the dossier"
is "$(psql_q "SELECT data->'reasons' FROM dossiers WHERE id = $ID")" '["unused"]' "the grounds are"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID")" 6 "the notice and five pieces go with it"
REF=$(dossier "$ID" reference)
is "$(admin_cmd dossier verify "$REF" | cut -d: -f2 | cut -d, -f1)" " intact" "the seal verifies"
is "$(psql_q "SELECT count(*) FROM dossier_events WHERE dossier_id = $ID")/$(psql_q "SELECT payload->>'reference' FROM notification_outbox WHERE dossier_id = $ID")" \
	"1/$REF" "its event and its notification"

done_testing
