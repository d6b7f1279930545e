#!/usr/bin/env bash
# The electric bicycle premium through HTTP as a citizen fills it, and with
# it the form engine: wrong answers kept and explained, PDF annexes checked
# by their bytes, back/next/save, drafts, another person's 404s, an expired
# page, submission sealed once however often it is posted, the receipt.
. "$(dirname "$0")/lib.sh"
make_pdfs
YEAR=$(date -u +%Y)
NBSP=$(printf '\302\240')	# between groups of digits and before €
E=$TMP/elise J=$TMP/jan

# --- before logging in -------------------------------------------------------------
is "$(http GET /procedures/EBIKE)" 200 "the procedure's page is public"
contains "$TMP/body" '/login?return=/procedures/EBIKE' "it offers to log in to start"
status=$(http GET /forms)
case $status in 30[23]) ok 0 "the drafts need a session ($status)" ;; *) ok 1 "the drafts need a session ($status)" ;; esac

# --- start ------------------------------------------------------------------------
eid_login elise /procedures/EBIKE "$E" >/dev/null
as "$E" GET /procedures/EBIKE >/dev/null
contains "$TMP/body" 'action="/procedures/EBIKE/start"' "logged in, the page has a start button"
ID=$(form_start "$E" EBIKE)
check "a draft is created" test -n "$ID"
is "$(dossier "$ID" status)" en_cours "it starts as en_cours"
is "$(dossier "$ID" "procedure_version = (SELECT current_version FROM procedures WHERE code = 'EBIKE')")" t \
	"on the procedure's current version"
as "$E" GET "/forms/$ID/pages/applicant" >/dev/null
contains "$TMP/body" 'Étape 1 sur 3' "a progress indicator (step 1 of 3)"
contains "$TMP/body" 'aria-current="step"' "the current step is marked for screen readers"

# --- wrong answers are kept, saved and explained ------------------------------------
is "$(form_page "$E" "$ID" applicant --form-string 'email=elise@' \
	--form-string 'postcode=1001' --form-string 'iban=BE00 1234')" 400 "wrong answers: 400"
contains "$TMP/body" 'class="error-summary"' "errors listed at the top"
contains "$TMP/body" 'href="#email"' "the summary links to the field"
contains "$TMP/body" "Ce code postal n&#39;existe pas en Belgique." "an unknown postal code, in French"
contains "$TMP/body" 'Indiquez un IBAN valide' "a wrong IBAN"
contains "$TMP/body" 'value="elise@"' "what was typed stays in the field"
contains "$TMP/body" 'aria-invalid="true"' "fields marked invalid"
is "$(answer "$ID" email)" 'elise@' "the draft keeps even a wrong answer"
is "$(form_page "$E" "$ID" applicant --form-string 'email=elise@example.be' \
	--form-string 'postcode=4000' --form-string 'iban=be68 5390 0754 7034')" 303 "right answers: 303"
is "$(location)" "/forms/$ID/pages/purchase" "on to the next page"
is "$(answer "$ID" iban)" BE68539007547034 "the IBAN is stored normalised"
as "$E" GET "/forms/$ID/pages/applicant?lang=nl" >/dev/null
contains "$TMP/body" 'Liège' "the postal code's localities are shown"
contains "$TMP/body" 'Stap 1 van 3' "the same page in Dutch"
as "$E" GET "/forms/$ID/pages/applicant?lang=fr" >/dev/null

# --- the purchase: limits, annexes checked by their bytes ---------------------------
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-02-30' \
	--form-string 'price=25 000' --form-string 'kind=bike' -F "invoice=@$TMP/fake.pdf;type=application/pdf")" 400 \
	"a bad date, a price over the limit, an unknown choice, a fake PDF: 400"
contains "$TMP/body" "Ce fichier n&#39;est pas un document PDF" "the fake PDF is refused by its bytes"
contains "$TMP/body" "Entre 1,00${NBSP}€ et 20${NBSP}000,00${NBSP}€." "the limits are told beside the field, as amounts"
contains "$TMP/body" 'value="25 000"' "the typed price stays"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-10-01' \
	--form-string 'price=25 000' --form-string 'kind=cargo')" 400 "a price over the limit, no file: 400"
contains "$TMP/body" "Indiquez au maximum 20${NBSP}000,00${NBSP}€.</p>" "the error names the limit passed, not the format"
contains "$TMP/body" "Prix payé, TVA comprise : Indiquez au maximum 20${NBSP}000,00${NBSP}€.</a>" \
	"the error summary names the field"
contains "$TMP/body" "Facture d&#39;achat (PDF) : Ajoutez ce document" "each field, the missing annex too"
contains "$TMP/body" 'value="25 000"' "the price stays as typed"
is "$(answer "$ID" price)" "25 000" "and is kept as typed, not normalised, since it is wrong"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID")" 0 "nothing stored of the fake PDF"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-10-01' \
	--form-string 'price=1 500,5' --form-string 'kind=cargo' -F "invoice=@$TMP/big.pdf;type=application/pdf")" 400 \
	"a PDF over 5 MB: 400"
contains "$TMP/body" 'Ce fichier dépasse 5 Mo' "the size limit is explained"
contains "$TMP/body" 'value="1500.50"' "the rest of the page is kept (and normalised)"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-10-01' \
	--form-string 'price=1 500,5' --form-string 'kind=cargo' -F "invoice=@$TMP/ok.pdf;filename=../../facture é.pdf;type=text/plain")" 303 \
	"a real PDF (whatever its declared type): 303"
is "$(location)" "/forms/$ID/summary" "the last page leads to the summary"
is "$(psql_q "SELECT filename || ' ' || size || ' ' || (sha256 = sha256(content)) FROM attachments WHERE dossier_id = $ID")" \
	"facture é.pdf $(stat -c %s "$TMP/ok.pdf") true" "stored with its SHA-256, without the path"
is "$(dossier "$ID" status)" complet "every answer valid: complet"
FID=$(psql_q "SELECT id FROM attachments WHERE dossier_id = $ID")
is "$(psql_q "SELECT annexes->0->>'id' || ' ' || (annexes->0->>'field') || ' ' || (annexes->0->>'filename') || ' ' || jsonb_array_length(annexes) FROM dossiers WHERE id = $ID")" \
	"$FID invoice facture é.pdf 1" "the dossier sums up its annex (sql/0025)"
is "$(psql_q "SELECT annexes->0->>'sha256' = encode(sha256, 'hex') FROM dossiers d JOIN attachments a ON a.dossier_id = d.id WHERE d.id = $ID")" t \
	"with its digest"
is "$(form_page "$E" "$ID" purchase -F "invoice=@$TMP/ok.pdf" --form-string '_action=upload')" 400 \
	"a second file where one is allowed: 400"
contains "$TMP/body" 'nombre maximum de fichiers' "the count limit is explained"
is "$(as "$E" GET "/forms/$ID/files/$FID")" 200 "the annex can be downloaded"
is "$(header Content-Type)" application/pdf "as a PDF"
case $(header Content-Disposition) in attachment*) ok 0 "never inline" ;; *) ok 1 "never inline" ;; esac
check "the same bytes" cmp -s "$TMP/body" "$TMP/ok.pdf"
# Removed, the annex leaves the page and the dossier's summary; sent again,
# it comes back with a new id.
form_page "$E" "$ID" purchase --form-string "_action=delfile:$FID" >/dev/null
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID")/$(psql_q "SELECT annexes FROM dossiers WHERE id = $ID")" \
	"0/[]" "a removed annex is gone, from the dossier's summary too"
as "$E" GET "/forms/$ID/pages/purchase" >/dev/null
lacks "$TMP/body" "/forms/$ID/files/$FID" "and from the page"
is "$(form_page "$E" "$ID" purchase -F "invoice=@$TMP/ok.pdf;filename=facture é.pdf" --form-string '_action=upload')" 303 \
	"sent again"
FID=$(psql_q "SELECT id FROM attachments WHERE dossier_id = $ID")
is "$(psql_q "SELECT annexes->0->>'id' || ' ' || jsonb_array_length(annexes) FROM dossiers WHERE id = $ID")" "$FID 1" \
	"the summary names the new one"
as "$E" GET "/forms/$ID/pages/purchase" >/dev/null
contains "$TMP/body" "/forms/$ID/files/$FID" "the page lists it"

# --- back, save and come back, drafts --------------------------------------------------
is "$(form_page "$E" "$ID" purchase --form-string '_action=back' --form-string 'purchase_date=2026-10-01' \
	--form-string 'price=1500.50' --form-string 'kind=cargo')" 303 "back: 303"
is "$(location)" "/forms/$ID/pages/applicant" "to the previous page"
is "$(form_page "$E" "$ID" applicant --form-string '_action=save' --form-string 'email=elise@example.be' \
	--form-string 'postcode=4000' --form-string 'iban=BE68539007547034')" 303 "save and leave: 303"
is "$(location)" "/forms?saved=1" "to the drafts"
as "$E" GET /forms >/dev/null
contains "$TMP/body" "/forms/$ID/summary" "the draft is listed"
contains "$TMP/body" 'Complet, non envoyé' "with its state"

# --- an expired page keeps what was typed and saves nothing -------------------------
is "$(as "$E" POST "/forms/$ID/pages/applicant" -H "Origin: $BASE" -F 'csrf=forged' \
	--form-string 'email=changed@example.be' --form-string 'postcode=4000' --form-string 'iban=BE68539007547034')" 400 \
	"a forged or expired token: 400"
contains "$TMP/body" 'value="changed@example.be"' "the typed value comes back"
is "$(answer "$ID" email)" 'elise@example.be' "and nothing was saved"

# --- another person sees nothing of it ------------------------------------------------
eid_login jan /help "$J" >/dev/null
for path in "pages/applicant" summary "files/$FID" receipt receipt.pdf; do
	is "$(as "$J" GET "/forms/$ID/$path")" 404 "another person: GET /forms/ID/$path is 404"
done
as "$J" GET /forms >/dev/null
lacks "$TMP/body" "/forms/$ID/" "nor in their drafts"
tok=$(csrf_token)
for path in pages/applicant submit delete; do
	is "$(as "$J" POST "/forms/$ID/$path" -H "Origin: $BASE" --data-urlencode "csrf=$tok")" 404 \
		"another person: POST /forms/ID/$path is 404"
done
is "$(as "$E" GET "/forms/999999999/summary")" 404 "an id that does not exist: 404"
is "$(as "$E" GET "/forms/1x/summary")" 404 "an id that is not a number: 404"

# --- sign and submit, once ---------------------------------------------------------
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" 'Vélo cargo' "the summary shows choices in words"
contains "$TMP/body" '1500.50 €' "and amounts"
contains "$TMP/body" 'facture é.pdf' "and the annexes"
is "$(form_submit "$E" "$ID")" 303 "submit: 303"
is "$(location)" "/forms/$ID/receipt" "to the receipt"
REF=$(dossier "$ID" reference)
check "a reference like $YEAR-EBIKE-000123 ($REF)" bash -c "[[ '$REF' =~ ^$YEAR-EBIKE-[0-9]{6}$ ]]"
is "$(dossier "$ID" "status || ' ' || (submitted_at IS NOT NULL) || ' ' || length(receipt_digest)")" "soumis true 32" \
	"soumis, dated, with its digest"
is "$(psql_q "SELECT count(*) FROM dossier_events WHERE dossier_id = $ID AND to_status = 'soumis'")" 1 "one event"
is "$(psql_q "SELECT (email IS DISTINCT FROM 'elise@example.be') || ' ' || (payload->>'reference') FROM notification_outbox WHERE dossier_id = $ID")" \
	"true $REF" "one notification in the outbox, never to the form's unconfirmed address"
etok=$(as "$E" GET /forms >/dev/null; csrf_token)
is "$(as "$E" POST "/forms/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$etok")" 303 \
	"the same POST again: 303"
is "$(location)" "/forms/$ID/receipt" "to the same receipt"
is "$(psql_q "SELECT count(*) FROM dossier_events WHERE dossier_id = $ID")/$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID")/$(dossier "$ID" reference)" \
	"1/1/$REF" "nothing written twice"
# A double click: two submissions of another dossier at the same moment.
ID2=$(form_start "$E" EBIKE)
form_page "$E" "$ID2" applicant --form-string 'email=elise@example.be' --form-string 'postcode=4000' \
	--form-string 'iban=BE68539007547034' >/dev/null
form_page "$E" "$ID2" purchase --form-string 'purchase_date=2026-10-02' --form-string 'price=900' \
	--form-string 'kind=city' -F "invoice=@$TMP/ok.pdf" >/dev/null
as "$E" GET "/forms/$ID2/summary" >/dev/null
tok=$(csrf_token)
for i in 1 2 3; do
	curl -s "${CA[@]}" -b "$E" -o /dev/null -w '%{http_code}\n' -X POST -H "Origin: $BASE" \
		--data-urlencode "csrf=$tok" "$BASE/forms/$ID2/submit" >"$TMP/click$i" &
done
wait
is "$(cat "$TMP"/click* | sort -u | tr -d '\n')" 303 "three simultaneous clicks all answer 303"
is "$(psql_q "SELECT count(*) FROM dossier_events WHERE dossier_id = $ID2")" 1 "and submit once"
REF2=$(dossier "$ID2" reference)
is "$((10#${REF2##*-} - 10#${REF##*-}))" 1 "the next reference follows"
is "$(dossier "$ID2" ref_number)" "$((10#${REF2##*-}))" "the number taken stays on the dossier"

# --- after submission: frozen --------------------------------------------------------
is "$(as "$E" GET "/forms/$ID/pages/purchase")" 303 "a submitted dossier's pages lead to the receipt"
is "$(form_page "$E" "$ID" purchase --form-string 'price=10')" 303 "posting to it changes nothing"
is "$(answer "$ID" price)" 1500.50 "the answers are frozen"
is "$(as "$E" POST "/forms/$ID/delete" -H "Origin: $BASE" --data-urlencode "csrf=$tok")" 409 \
	"a submitted dossier cannot be deleted (409)"

# --- the receipt ---------------------------------------------------------------------
is "$(as "$E" GET "/forms/$ID/receipt")" 200 "the receipt page"
contains "$TMP/body" "$REF" "shows the reference"
DIGEST=$(dossier "$ID" "encode(receipt_digest, 'hex')")
contains "$TMP/body" "$DIGEST" "and the digest"
is "$(as "$E" GET "/forms/$ID/receipt.pdf")" 200 "the PDF receipt"
is "$(header Content-Type)" application/pdf "is a PDF"
pdftotext "$TMP/body" "$TMP/receipt.txt" 2>/dev/null
contains "$TMP/receipt.txt" "$REF" "with the reference"
contains "$TMP/receipt.txt" "$DIGEST" "the digest"
contains "$TMP/receipt.txt" "Élise Marie Dubois-Lefèvre" "and who sent it, accents intact"
is "$(admin_cmd dossier verify "$REF" | cut -d: -f2 | cut -d, -f1)" " intact" \
	"the seal verifies against the stored dossier"
psql_q "UPDATE dossiers SET data = data || '{\"price\": \"20000.00\"}' WHERE id = $ID" >/dev/null
check "a changed answer is detected" bash -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' dossier verify '$REF' >/dev/null"

# --- deleting a draft -----------------------------------------------------------------
ID3=$(form_start "$E" EBIKE)
form_page "$E" "$ID3" purchase -F "invoice=@$TMP/ok.pdf" --form-string '_action=upload' >/dev/null
is "$(as "$E" POST "/forms/$ID3/delete" -H "Origin: $BASE" --data-urlencode "csrf=$tok")" 303 "delete a draft: 303"
is "$(psql_q "SELECT count(*) FROM dossiers WHERE id = $ID3")/$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID3")" \
	0/0 "the draft and its annex are gone"

done_testing
