#!/usr/bin/env bash
# Wallonia's heat-pump premium, a procedure with its own program
# (cgi-bin/heatpump, docs/porting.md), through HTTP as a citizen fills it:
# started from the catalogue like any procedure, its questions checked
# (out-of-range amounts and household sizes translated, what was typed
# kept), the rules a definition cannot say, the amount computed from the
# scale in force and shown step by step, computed again when sent and
# sealed with the answers; then "Mes dossiers", the inbox worked to a
# decision, the API and the notification, as for any other dossier.
. "$(dirname "$0")/lib.sh"
make_pdfs
YEAR=$(date -u +%Y) RUN=$$
TODAY=$(TZ=Europe/Brussels date +%F)
RECENT=$(TZ=Europe/Brussels date -d '10 days ago' +%F)
TOMORROW=$(TZ=Europe/Brussels date -d tomorrow +%F)
TOMORROW_SHOWN=$(TZ=Europe/Brussels date -d tomorrow +%d/%m/%Y)	# dates read day first
OLD=$(TZ=Europe/Brussels date -d '5 months ago' +%F)
J=$TMP/jan E=$TMP/elise A=$TMP/agathe

hp_page() {	# hp_page JAR ID PAGE [curl -F args]: the status of the page posted
	local jar=$1 id=$2 page=$3
	shift 3
	as "$jar" GET "/heat-pump/$id/$page" >/dev/null
	as "$jar" POST "/heat-pump/$id/$page" -H "Origin: $BASE" -F "csrf=$(csrf_token)" "$@"
}
household() {	# household JAR ID SIZE DEPENDENTS INCOME [curl args]
	local jar=$1 id=$2 size=$3 dep=$4 income=$5
	shift 5
	hp_page "$jar" "$id" household --form-string "household_size=$size" \
		--form-string "dependents=$dep" --form-string "household_income=$income" "$@"
}
works() {	# works JAR ID POSTCODE DATE AMOUNT [curl args]
	local jar=$1 id=$2 pc=$3 date=$4 amount=$5
	shift 5
	hp_page "$jar" "$id" works --form-string work=heating --form-string "dwelling_postcode=$pc" \
		--form-string "invoice_date=$date" --form-string "invoice_amount=$amount" \
		--form-string 'iban=BE68 5390 0754 7034' "$@"
}

# --- the catalogue starts it, and hands it to its program ------------------------------
is "$(http GET /procedures/HEATPUMP)" 200 "the procedure's page is public, from its definition"
contains "$TMP/body" "Prime Habitation pour une pompe à chaleur" "with its title"
eid_login jan /procedures/HEATPUMP "$J" >/dev/null
ID=$(program_start "$J" HEATPUMP)
is "$(location)" "/heat-pump/$ID/household" "Start leads to the program's first page"
is "$(dossier "$ID" "status || ' ' || procedure_version")" "en_cours 1" "a draft like any other, on the definition's version"
is "$(as "$J" GET "/heat-pump/$ID/household")" 200 "the program draws the definition's page"
contains "$TMP/body" 'Étape 1 sur 3' "with its steps"
contains "$TMP/body" 'Nombre de personnes dans votre ménage, vous compris' "the definition's labels"
contains "$TMP/body" 'Chaque enfant à charge diminue de 5 000 €' "and help"
is "$(as "$J" GET "/forms/$ID/pages/works")" 303 "the form engine does not fill it"
is "$(location)" "/heat-pump/$ID/works" "it sends to the program's same page"
is "$(as "$J" GET "/forms/$ID/summary")" 303 "nor shows its summary"
is "$(location)" "/heat-pump/$ID" "but the program's overview"

# --- bad input: translated, what was typed kept and saved --------------------------------
is "$(household "$J" "$ID" 0 25 '-12')" 400 "a household of 0, 25 children, a negative income: 400"
contains "$TMP/body" 'class="error-summary"' "errors listed at the top"
contains "$TMP/body" 'href="#household_size"' "each linked to its field"
contains "$TMP/body" 'Indiquez au minimum 1.' "an integer out of range, in French, its limit named"
contains "$TMP/body" 'Entre 1 et 20' "the limits told beside the field"
contains "$TMP/body" 'Indiquez au minimum 0,00' "the income refused, its limit named"
contains "$TMP/body" 'value="0"' "the household size typed stays"
contains "$TMP/body" 'value="25"' "the dependents typed stay"
contains "$TMP/body" 'value="-12"' "the income typed stays"
is "$(answer "$ID" household_size)/$(answer "$ID" dependents)" "0/25" "and the draft keeps them"
is "$(household "$J" "$ID" 99 0 '1e9' -H 'Accept-Language: nl')" 400 "the same in Dutch"
contains "$TMP/body" 'Tussen 1 en 20' "the limits in Dutch"
contains "$TMP/body" 'value="1e9"' "what was typed stays"
is "$(household "$J" "$ID" 2 2 '44 500,00')" 400 "as many dependent children as people: 400"
contains "$TMP/body" "Le nombre d&#39;enfants à charge doit être inférieur au nombre de personnes du ménage." \
	"the program's own rule, in French"
is "$(household "$J" "$ID" 2 2 '44 500,00' -H 'Accept-Language: de')" 400 "in German"
contains "$TMP/body" "Die Zahl der unterhaltsberechtigten Kinder muss kleiner sein" "the rule in German"
contains "$TMP/body" 'value="44500.00"' "the income kept, normalised"
is "$(household "$J" "$ID" 4 2 '44 500,00')" 303 "a household of 4 with 2 dependent children: 303"
is "$(location)" "/heat-pump/$ID/works" "on to the heat pump"
is "$(answer "$ID" household_income)" 44500.00 "the income stored normalised"

# --- the works: the rules on the home and the invoice ----------------------------------------
is "$(works "$J" "$ID" 1000 "$TOMORROW" '0' -F "invoice=@$TMP/fake.pdf;type=application/pdf")" 400 \
	"a home in Brussels, an invoice of tomorrow for 0 €, a fake PDF: 400"
contains "$TMP/body" "Ce code postal n&#39;est pas en Wallonie" "the home must be in Wallonia"
contains "$TMP/body" "La date de la facture ne peut pas être dans le futur." "no future invoice"
contains "$TMP/body" "Entre 1,00" "the invoice's limits"
contains "$TMP/body" "Ce fichier n&#39;est pas un document PDF" "the fake PDF refused by its bytes"
contains "$TMP/body" "value=\"$TOMORROW_SHOWN\"" "the date typed stays (day first)"
is "$(works "$J" "$ID" 4000 "$OLD" '5 000' -H 'Accept-Language: en')" 400 "an invoice 5 months old: 400"
contains "$TMP/body" "The request must be made within 4 months of the invoice&#39;s date." "in English"
is "$(works "$J" "$ID" 4000 "$RECENT" '5 000' -F "invoice=@$TMP/ok.pdf;filename=facture PAC.pdf")" 303 \
	"Liège, an invoice of 10 days ago for 5,000 €, a real PDF: 303"
is "$(location)" "/heat-pump/$ID" "to the overview"
is "$(psql_q "SELECT filename FROM attachments WHERE dossier_id = $ID")" "facture PAC.pdf" "the invoice stored as an annex"
is "$(dossier "$ID" status)" complet "every answer right: complet"

# --- the amount, computed from the scale in force, step by step ------------------------------
is "$(as "$J" GET "/heat-pump/$ID")" 200 "the overview"
contains "$TMP/body" 'Étape 3 sur 3' "the last step"
contains "$TMP/body" '2 × 5000.00 € = 10000.00 €' "the deduction for two children"
contains "$TMP/body" '34500.00 €' "the income taken into account"
contains "$TMP/body" 'R2 (Coefficient × 4)' "category R2, multiplied by 4"
contains "$TMP/body" '1000.00 € × 4 = 4000.00 €' "the base amount multiplied"
contains "$TMP/body" '70 % × 5000.00 € = 3500.00 €' "the ceiling, 70 % of the invoice"
contains "$TMP/body" '<strong class="amount">3500.00 €</strong>' "the premium is the ceiling"
contains "$TMP/body" 'La prime est limitée au plafond.' "and says so"
contains "$TMP/body" 'Barème en vigueur depuis le 01/01/2023 (version 2023-01)' "the scale named"
contains "$TMP/body" '<tr class="current"><th scope="row">R2' "the household's row of the scale marked"
contains "$TMP/body" 'jusqu&#39;à 34900.00 €' "the scale's brackets shown"
is "$(answer "$ID" amount)" "" "nothing computed is stored in the draft"
is "$(works "$J" "$ID" 4000 "$RECENT" '9 800')" 303 "the invoice corrected to 9,800 €"
as "$J" GET "/heat-pump/$ID?lang=nl" >/dev/null
contains "$TMP/body" '<strong class="amount">4000.00 €</strong>' "the premium is now 4 × 1,000 €"
contains "$TMP/body" 'Schaal van kracht sinds 01/01/2023' "the overview in Dutch"
as "$J" GET "/heat-pump/$ID?lang=fr" >/dev/null
lacks "$TMP/body" 'limitée au plafond' "no longer capped"
contains "$TMP/body" "href=\"/forms/$ID/pages/works?check=1#invoice_amount\"" "each answer has a Change link"
is "$(as "$J" GET "/forms/$ID/pages/works?check=1")" 303 "which the form engine sends on"
is "$(location)" "/heat-pump/$ID/works?check=1" "to the program's page, problems shown"

# --- what is sent is what was seen --------------------------------------------------------------
as "$J" GET "/heat-pump/$ID" >/dev/null
KEY=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
TOK=$(csrf_token)
is "$(as "$J" POST "/heat-pump/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$TOK" \
	--data "submit_key=$KEY" --data 'amount=4500.00')" 303 "sent with an amount other than the one computed: 303"
is "$(location)" "/heat-pump/$ID?changed=1" "back to the overview"
is "$(dossier "$ID" status)" complet "and nothing sent"
as "$J" GET "/heat-pump/$ID?changed=1" >/dev/null
contains "$TMP/body" "Le montant a changé depuis que vous l&#39;avez vu" "which says the amount changed"
is "$(as "$J" POST "/heat-pump/$ID/submit" -H "Origin: $BASE" --data-urlencode 'csrf=forged' \
	--data "submit_key=$KEY" --data 'amount=4000.00')" 400 "an expired page: 400, nothing sent"
is "$(dossier "$ID" status)" complet "still a draft"
is "$(as "$J" POST "/heat-pump/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$TOK" \
	--data "submit_key=$KEY" --data 'amount=4000.00')" 303 "sent: 303"
is "$(location)" "/forms/$ID/receipt" "to the receipt, the form engine's"
REF=$(dossier "$ID" reference)
check "a reference like $YEAR-HEATPUMP-000001 ($REF)" bash -c "[[ '$REF' =~ ^$YEAR-HEATPUMP-[0-9]{6}$ ]]"
N0=$(psql_q "SELECT coalesce(max(substr(reference, 15)::int), 0) FROM dossiers WHERE reference LIKE '$YEAR-HEATPUMP-%' AND id <> $ID")
is "$((10#${REF##*-}))" "$((N0 + 1))" "the sends refused took no reference number"
is "$(dossier "$ID" "status || ' ' || length(receipt_digest) || ' ' || (receipt_seal IS NOT NULL)")" "soumis 32 true" \
	"soumis, with its digest and seal"
is "$(psql_q "SELECT concat_ws(' ', data->>'amount', data->>'income_category', data->>'multiplier', data->>'reference_income', data->>'scale_version') FROM dossiers WHERE id = $ID")" \
	"4000.00 r2 4 34500.00 2023-01" "the amount and how it was computed are stored with the answers"
is "$(admin_cmd dossier verify "$REF" | cut -d: -f2 | cut -d, -f1)" " intact" "and sealed with them"
is "$(as "$J" POST "/heat-pump/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$TOK" \
	--data "submit_key=$KEY" --data 'amount=4000.00')" 303 "the same POST again: 303"
is "$(location)/$(psql_q "SELECT count(*) FROM dossier_events WHERE dossier_id = $ID")" "/forms/$ID/receipt/1" \
	"to the same receipt, sent once"
is "$(as "$J" GET "/heat-pump/$ID/works")" 303 "its pages now lead to the receipt"
as "$J" GET "/forms/$ID/receipt" >/dev/null
contains "$TMP/body" "$REF" "the receipt names the reference"
contains "$TMP/body" "Montant de la prime" "and the amount's label"
contains "$TMP/body" "4000.00 €" "and the amount"
contains "$TMP/body" "Catégorie de revenus" "and the category"
is "$(as "$J" GET "/forms/$ID/receipt.pdf")" 200 "the PDF receipt"
pdftotext "$TMP/body" "$TMP/receipt.txt" 2>/dev/null
contains "$TMP/receipt.txt" "$REF" "with the reference"

# --- the notification, Mes dossiers --------------------------------------------------------------
is "$(psql_q "SELECT kind || ' ' || (payload->>'reference') FROM notification_outbox WHERE dossier_id = $ID")" \
	"dossier_submitted $REF" "the submission's notification in the outbox"
as "$J" GET /dossiers >/dev/null
contains "$TMP/body" "$REF" "listed in Mes dossiers"
is "$(as "$J" GET "/dossiers/$REF")" 200 "its page in the user's space"
contains "$TMP/body" "4000.00 €" "with the amount"

# --- another person, another procedure ------------------------------------------------------------
eid_login elise /help "$E" >/dev/null
ID2=$(program_start "$E" HEATPUMP)
for path in "" /household /works; do
	is "$(as "$E" GET "/heat-pump/$ID$path")" 404 "another person: GET /heat-pump/ID$path is 404"
done
is "$(as "$J" GET "/heat-pump/$ID2/household")" 404 "nor Élise's draft to Jan"
tok=$(as "$E" GET "/heat-pump/$ID2/household" >/dev/null; csrf_token)
is "$(as "$E" POST "/heat-pump/$ID/household" -H "Origin: $BASE" -F "csrf=$tok" -F household_size=1)" 404 \
	"posting to Jan's: 404"
EB=$(form_start "$E" EBIKE)
is "$(as "$E" GET "/heat-pump/$EB")" 404 "another procedure's draft: 404"
is "$(as "$E" GET "/heat-pump/$ID2/premium")" 404 "the computed page is not a page to fill"
is "$(as "$E" POST "/forms/$ID2/submit" -H "Origin: $BASE" --data-urlencode "csrf=$tok")" 303 \
	"the form engine's submit does not send it"
is "$(location)/$(dossier "$ID2" status)" "/heat-pump/$ID2/en_cours" "but sends to the program"
is "$(as "$E" POST "/heat-pump/$ID2/household" -H "Origin: $BASE" -F 'csrf=forged' \
	--form-string household_size=3)" 400 "an expired page: 400"
contains "$TMP/body" 'value="3"' "with what was typed"
is "$(answer "$ID2" household_size)" "" "and nothing saved"
household "$E" "$ID2" 1 0 '20 000' >/dev/null
works "$E" "$ID2" 1300 "$RECENT" '2 000' -F "invoice=@$TMP/ok.pdf" --form-string '_action=upload' >/dev/null
FID=$(psql_q "SELECT id FROM attachments WHERE dossier_id = $ID2")
is "$(works "$E" "$ID2" 1300 "$RECENT" '2 000' --form-string "_action=delfile:$FID")" 303 "an annex removed"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID2")" 0 "gone"
is "$(works "$E" "$ID2" 1300 "$RECENT" '2 000' -F "invoice=@$TMP/ok.pdf")" 303 "Wavre (Walloon Brabant): 303"
as "$E" GET "/heat-pump/$ID2" >/dev/null
contains "$TMP/body" 'R1 (Coefficient × 6)' "20,000 € alone: R1, times 6"
contains "$TMP/body" '<strong class="amount">1400.00 €</strong>' "6,000 € capped at 70 % of 2,000 €"

# --- the inbox: worked to a decision ---------------------------------------------------------------
eid_login agathe /inbox "$A" >/dev/null
as "$A" GET "/inbox?queue=all&procedure=HEATPUMP" >/dev/null
contains "$TMP/body" "$REF" "in Agathe's inbox (housing department)"
is "$(as "$A" GET "/inbox/dossiers/$ID")" 200 "she opens it"
contains "$TMP/body" "Montant de la prime" "the amount's label"
contains "$TMP/body" "4000.00 €" "the amount as sealed"
contains "$TMP/body" "2023-01" "and the scale that computed it"
is "$(act "$A" "$ID" receive)" 303 "received"
is "$(act "$A" "$ID" process)" 303 "processed"
is "$(act "$A" "$ID" close -F decision=granted -F 'body=Prime accordée : 4 000,00 € (catégorie R2).')" 303 "closed: granted"
is "$(dossier "$ID" status)" cloture "the dossier is closed"
is "$(psql_q "SELECT count(*) FROM documents WHERE dossier_id = $ID AND kind = 'decision'")" 1 "with its decision letter"
is "$(psql_q "SELECT string_agg(payload->>'status', ' ' ORDER BY id) FROM notification_outbox WHERE dossier_id = $ID AND kind = 'dossier_status'")" \
	"receptionne en_traitement cloture" "Jan is told of each status"

# --- the API -------------------------------------------------------------------------------------------
KEYAPI=$(admin_cmd api-client create HOUSING "Primes $RUN" | cut -d' ' -f2)
sleep 1.2	# api.settle_seconds
is "$(curl -s "${CA[@]}" -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $KEYAPI" \
	"$BASE/api/v1/procedures/HEATPUMP/dossiers")" 200 "the housing department's application lists them"
contains "$TMP/body" "\"$REF\"" "with this one"
is "$(curl -s "${CA[@]}" -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $KEYAPI" \
	"$BASE/api/v1/dossiers/$REF")" 200 "and gives it"
contains "$TMP/body" '"amount":"4000.00"' "its amount among the answers"
contains "$TMP/body" '"scale_version":"2023-01"' "with the scale that computed it"

done_testing
