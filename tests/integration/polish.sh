#!/usr/bin/env bash
# The citizen's journey, polished (issue 17): one format for times, in
# Brussels time, wherever a person reads one; dates typed the Belgian way.
. "$(dirname "$0")/lib.sh"
make_pdfs
E=$TMP/elise J=$TMP/jan
brussels() {	# brussels SQL-TIMESTAMP FORMAT: as PostgreSQL says it in Brussels
	psql_q "SELECT to_char(($1) AT TIME ZONE 'Europe/Brussels', '$2')"
}

# --- times: Brussels time, day first, everywhere a person reads one ------------------
eid_login jan /procedures/RESIDENCE "$J" >/dev/null
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string purpose=bank >/dev/null
is "$(form_submit "$J" "$ID")" 303 "a residence certificate is sent"
REF=$(dossier "$ID" reference)
SENT=$(brussels "(SELECT submitted_at FROM dossiers WHERE id = $ID)" 'DD/MM/YYYY HH24:MI:SS')
as "$J" GET "/forms/$ID/receipt" >/dev/null
contains "$TMP/body" "<dd>$SENT</dd>" "the receipt says when, in Brussels time, to the second"
contains "$TMP/body" "heure belge" "and says which time it is"
lacks "$TMP/body" "Z</dd>" "no UTC instant on the receipt"
as "$J" GET "/forms/$ID/receipt.pdf" >/dev/null
cp "$TMP/body" "$TMP/receipt.pdf"
pdftotext "$TMP/receipt.pdf" "$TMP/receipt.txt" 2>/dev/null
contains "$TMP/receipt.txt" "$SENT" "the PDF receipt too"
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" "<dd>${SENT%:*}</dd>" "the dossier's page, to the minute"
EV=$(brussels "(SELECT max(at) FROM dossier_events WHERE dossier_id = $ID)" 'DD/MM/YYYY HH24:MI')
contains "$TMP/body" "<span class=\"when\">$EV</span>" "its history"
check "no ISO time left on the page" sh -c "! grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:' '$TMP/body'"
as "$J" GET /dossiers >/dev/null
UP=$(brussels "(SELECT updated_at FROM dossiers WHERE id = $ID)" 'DD/MM/YYYY HH24:MI')
contains "$TMP/body" "<td>$UP</td>" "Mes dossiers, in the same format"
as "$J" GET /my-data >/dev/null
check "Mes données has no ISO time either" sh -c "! grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:' '$TMP/body'"
"$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" dossier verify "$REF" >"$TMP/verify" 2>&1
is "$?" 0 "the seal, over the UTC instant, still verifies"

# --- dates typed the Belgian way ---------------------------------------------------------
A=$TMP/agathe
eid_login agathe /inbox "$A" >/dev/null
DAY=$(TZ=Europe/Brussels date +%d/%m/%Y) NEXT=$(TZ=Europe/Brussels date -d tomorrow +%d/%m/%Y)
as "$A" GET "/inbox?queue=all&sort=newest&from=$DAY&to=$DAY" >/dev/null
contains "$TMP/body" ">$REF<" "the inbox's filter takes today typed day first"
contains "$TMP/body" "value=\"$DAY\"" "and shows it as typed"
contains "$TMP/body" "(JJ/MM/AAAA)" "its hint says so"
contains "$TMP/body" "${SENT%:*}" "the list says when it was sent, in the same format"
as "$A" GET "/inbox?queue=all&from=$NEXT" >/dev/null
lacks "$TMP/body" ">$REF<" "from tomorrow, day first: not there"
eid_login elise /procedures/EBIKE "$E" >/dev/null
ID=$(form_start "$E" EBIKE)
form_page "$E" "$ID" applicant --form-string 'email=elise@example.be' \
	--form-string 'postcode=4000' --form-string 'iban=BE68539007547034' >/dev/null
as "$E" GET "/forms/$ID/pages/purchase" >/dev/null
contains "$TMP/body" 'Au format JJ/MM/AAAA, par exemple 15/11/2026.' "a date's hint says the format"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=31/04/2026' \
	--form-string 'price=900' --form-string 'kind=city' -F "invoice=@$TMP/ok.pdf;type=application/pdf")" 400 \
	"a day that does not exist: 400 (the invoice is kept)"
contains "$TMP/body" 'value="31/04/2026"' "what was typed stays"
contains "$TMP/body" 'au format JJ/MM/AAAA' "the message says the format"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=15/11/2026' \
	--form-string 'price=900' --form-string 'kind=city')" 303 "15/11/2026 is a date: 303"
is "$(answer "$ID" purchase_date)" 2026-11-15 "stored as ISO"
as "$E" GET "/forms/$ID/pages/purchase" >/dev/null
contains "$TMP/body" 'value="15/11/2026"' "shown again as it was typed"
is "$(form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-11-14' \
	--form-string 'price=900' --form-string 'kind=city')" 303 "ISO still is"
is "$(answer "$ID" purchase_date)" 2026-11-14 "stored as it came"
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" '14/11/2026' "the summary says the day as people read it"
as "$E" GET "/forms/$ID/pages/purchase?lang=nl" >/dev/null
contains "$TMP/body" 'In het formaat DD/MM/JJJJ' "the hint in Dutch"
as "$E" GET "/forms/$ID/pages/purchase?lang=de" >/dev/null
contains "$TMP/body" 'Im Format TT/MM/JJJJ' "in German"
as "$E" GET "/forms/$ID/pages/purchase?lang=en" >/dev/null
contains "$TMP/body" 'As DD/MM/YYYY' "in English"
as "$E" GET "/forms/$ID/pages/purchase?lang=fr" >/dev/null

done_testing
