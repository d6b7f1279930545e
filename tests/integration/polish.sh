#!/usr/bin/env bash
# The citizen's journey, polished (issue 17): one format for times, in
# Brussels time, wherever a person reads one; dates typed the Belgian way.
. "$(dirname "$0")/lib.sh"
make_pdfs
E=$TMP/elise J=$TMP/jan
# Jan's dossiers dated ahead by an earlier run (here or user-space.sh's)
psql_q "DELETE FROM dossiers WHERE reference LIKE '2026-POLISH%' OR reference LIKE '2026-PAGED%'" >/dev/null
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

# --- the seal in words; sending, not signing ------------------------------------------------
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" '>Envoyer</button>' "the summary's button says what it does"
lacks "$TMP/body" 'Signer' "and nothing says the citizen signs"
contains "$TMP/body" 'cachet électronique' "the summary explains the seal"
contains "$TMP/body" 'elle ne signe rien' "and that the card does not sign"
as "$E" GET "/forms/$ID/summary?lang=nl" >/dev/null
contains "$TMP/body" '>Versturen</button>' "in Dutch"
as "$E" GET "/forms/$ID/summary?lang=de" >/dev/null
contains "$TMP/body" '>Senden</button>' "in German"
as "$E" GET "/forms/$ID/summary?lang=en" >/dev/null
contains "$TMP/body" '>Send</button>' "in English"
as "$E" GET "/forms/$ID/summary?lang=fr" >/dev/null
HOLDER=$(openssl x509 -in "$DIR/pki/seal.crt" -noout -subject -nameopt multiline,utf8 |
	sed -n 's/^ *organizationName *= //p')
check "the stack's seal has an organisation" test -n "$HOLDER"
as "$J" GET "/forms/$(psql_q "SELECT id FROM dossiers WHERE reference = '$REF'")/receipt" >/dev/null
contains "$TMP/body" "<dd>$HOLDER — cachet électronique</dd>" "the receipt names the seal's holder in words"
lacks "$TMP/body" "CN=" "not a raw DN"
contains "$TMP/receipt.txt" "$HOLDER — cachet électronique" "the PDF receipt too"
lacks "$TMP/receipt.txt" "CN=" "without the DN"

# --- PDFs poppler reads without a word, with the font's subset -----------------------------
pdffonts "$TMP/receipt.pdf" >"$TMP/fonts" 2>&1
contains "$TMP/fonts" "CID TrueType      Identity-H       yes yes yes" \
	"the receipt's font is embedded, as a subset, with its Unicode map"
lacks "$TMP/fonts" "Warning" "pdffonts has nothing to say"
pdftotext "$TMP/receipt.pdf" /dev/null 2>"$TMP/pdf-err"
check "pdftotext reads the receipt without a warning" test ! -s "$TMP/pdf-err"
size=$(stat -c %s "$TMP/receipt.pdf")
check "a one-page receipt weighs under 40 KB ($size bytes)" test "$size" -lt 40000

# --- history lines: the document's title; the applicant, not "you", for the agent ------------
RID=$(psql_q "SELECT id FROM dossiers WHERE reference = '$REF'")
is "$(act "$A" "$RID" receive)" 303 "Agathe acknowledges Jan's dossier"
is "$(act "$A" "$RID" complement -F 'body=Joignez votre bail.')" 303 "and asks for a complement"
as "$J" GET "/dossiers/$REF" >/dev/null
is "$(as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$(csrf_token)" \
	-F 'body=Voici le bail.')" 303 "Jan answers"
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" 'Vous avez répondu à la demande de complément' "Jan's history: he answered"
as "$A" GET "/inbox/dossiers/$RID" >/dev/null
contains "$TMP/body" 'Le demandeur a répondu à la demande de complément' "the agent's history: the applicant answered"
lacks "$TMP/body" 'Vous avez répondu' "not the agent"
is "$(act "$A" "$RID" close -F 'decision=granted' -F 'body=Domicile établi.')" 303 "closed with a decision"
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" 'Document reçu : <strong>Décision : demande acceptée</strong>' \
	"Jan's history names the document received"
as "$A" GET "/inbox/dossiers/$RID" >/dev/null
contains "$TMP/body" 'Document envoyé au demandeur : <strong>Décision : demande acceptée</strong>' \
	"the agent's names the document sent"
as "$A" GET "/inbox/dossiers/$RID?lang=en" >/dev/null
contains "$TMP/body" 'The applicant answered the request' "the agent's history in English"
DOC=$(psql_q "SELECT id FROM documents WHERE dossier_id = $RID AND kind = 'decision'")
as "$J" GET "/documents/$DOC" >/dev/null
cp "$TMP/body" "$TMP/letter.pdf"
pdftotext "$TMP/letter.pdf" - 2>/dev/null | tr '\n' ' ' >"$TMP/letter.txt"
contains "$TMP/letter.txt" "$HOLDER — cachet électronique" "the decision letter names the seal's holder in words"
lacks "$TMP/letter.txt" "CN=" "not a raw DN"
pdftotext "$TMP/letter.pdf" /dev/null 2>"$TMP/pdf-err"
check "the letter too is read without a warning" test ! -s "$TMP/pdf-err"
pdffonts "$TMP/letter.pdf" >"$TMP/fonts" 2>&1
contains "$TMP/fonts" "yes yes yes" "with a subset of its font"
check "and weighs under 40 KB" test "$(stat -c %s "$TMP/letter.pdf")" -lt 40000

# --- the catalogue: Start only for whom may start; no empty theme ------------------------
themes() {	# themes JAR: the themes offered by the catalogue
	as "$1" GET /procedures >/dev/null
	grep -o '<option value="[a-z_]*"' "$TMP/body" | sed 's/.*="//; s/"//' | tr '\n' ' '
}
http GET /procedures >/dev/null
contains "$TMP/body" 'value="sesam"' "anonymous: every theme (the SESAM one for companies too)"
check "a citizen is not offered a theme with nothing for citizens" sh -c "! echo '$(themes "$J")' | grep -q sesam"
check "but the themes with procedures for citizens" sh -c "echo '$(themes "$J")' | grep -q population"
as "$J" GET /procedures/SESAM >/dev/null
lacks "$TMP/body" 'action="/procedures/SESAM/start"' "a company's procedure: no Start button for a citizen"
contains "$TMP/body" 'destinée aux entreprises ou aux associations' "but why, and"
contains "$TMP/body" 'href="/login/acting?return=/procedures/SESAM"' "how to act for one"
# Jan acts for a company of his with a role for tourism only
org_member 0555123476 company 'Peeters Gîtes SRL' 90010100123 tourism
is "$(act_for "$J" 0555123476)" 303 "Jan acts for Peeters Gîtes, tourism only"
check "acting for a company: its themes (SESAM)" sh -c "echo '$(themes "$J")' | grep -q sesam"
check "not the citizens' (population)" sh -c "! echo '$(themes "$J")' | grep -q population"
as "$J" GET /procedures/TOURISM >/dev/null
contains "$TMP/body" 'action="/procedures/TOURISM/start"' "a family he holds a role for: Start"
as "$J" GET /procedures/SESAM >/dev/null
lacks "$TMP/body" 'action="/procedures/SESAM/start"' "a family he holds no role for: no Start button"
contains "$TMP/body" "pas de rôle pour sa famille de démarches dans <strong>Peeters Gîtes SRL</strong>" \
	"but why, naming the organisation"
as "$J" GET /procedures/SESAM?lang=nl >/dev/null
contains "$TMP/body" 'geen rol' "in Dutch"
as "$J" GET /procedures/SESAM?lang=fr >/dev/null
is "$(as "$J" POST /procedures/SESAM/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 403 \
	"and starting it anyway is still refused"
as "$J" GET /procedures/RESIDENCE >/dev/null
lacks "$TMP/body" 'action="/procedures/RESIDENCE/start"' "a citizens' procedure while acting for a company: no Start"
contains "$TMP/body" "pas destinée au type d&#39;organisation" "with why"
is "$(act_for "$J" self)" 303 "Jan acts for himself again"

# --- a register that does not know the person says so beside the field --------------------
L=$TMP/lukasz
eid_login lukasz /procedures/RESIDENCE "$L" >/dev/null
LID=$(form_start "$L" RESIDENCE)
check "Łukasz (unknown to the register stand-in) starts a residence certificate" test -n "$LID"
is "$(dossier "$LID" "prefill_sources #>> '{_missing,address}'")" register "the register's silence is kept"
as "$L" GET "/forms/$LID/pages/request" >/dev/null
contains "$TMP/body" "Le Registre national ne nous a pas donné cette information pour vous" \
	"the empty field says the register did not give it"
lacks "$TMP/body" "Rempli d&#39;après le Registre national" "not that it was read from it"
lacks "$TMP/body" "Lue dans le Registre national" "nor does the definition's help"
contains "$TMP/body" 'aria-describedby="address-source"' "the note is tied to the field"
as "$L" GET "/forms/$LID/pages/request?lang=de" >/dev/null
contains "$TMP/body" "Das Nationalregister hat uns diese Angabe" "in German"
as "$J" GET /procedures/RESIDENCE >/dev/null
JID=$(form_start "$J" RESIDENCE)
as "$J" GET "/forms/$JID/pages/request" >/dev/null
contains "$TMP/body" "Rempli d&#39;après le Registre national" "a person it knows: filled in, and said so"
lacks "$TMP/body" "ne nous a pas donné" "without the note"
as "$J" GET /my-data >/dev/null
lacks "$TMP/body" "_missing" "Mes données counts answers, not notes"

# --- Mes dossiers pages both ways ---------------------------------------------------------
RUN=$$
JAN=$(psql_q "SELECT id FROM persons WHERE nrn = '90010100123'")
PROC=$(dossier "$RID" procedure_id) VER=$(dossier "$RID" procedure_version)
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at, updated_at)
	SELECT '2026-POLISH$RUN-' || lpad(g::text, 6, '0'), $PROC, $VER, 'soumis', $JAN, now(), now() + interval '10 days' - g * interval '1 minute'
	  FROM generate_series(1, 50) g" >/dev/null
page() {	# page PATH: the page's dossiers of this run, one line
	as "$J" GET "$1" >/dev/null
	grep -o "/dossiers/2026-POLISH$RUN-[0-9]*\"" "$TMP/body" | sed 's/.*-0*//; s/"//' | tr '\n' ' '
}
link() {	# link REL: the last page's link
	grep -o "rel=\"$1\" href=\"[^\"]*\"" "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'
}
FIRST=$(seq -s ' ' 1 20)' ' SECOND=$(seq -s ' ' 21 40)' '
is "$(page /dossiers)" "$FIRST" "the first page: the twenty newest"
lacks "$TMP/body" 'rel="prev"' "with no newer page"
is "$(page "$(link next)")" "$SECOND" "older: the next twenty"
newer2=$(link prev)
check "the second page links to newer ones" test -n "$newer2"
contains "$TMP/body" "Dossiers plus récents" "named"
is "$(page "$(link next)")" "$(seq -s ' ' 41 50) " "older again: the last ten of them"
is "$(page "$(link prev)")" "$SECOND" "newer from the third: the second page again, whole"
is "$(page "$(link prev)")" "$FIRST" "newer from the second: the first page"
lacks "$TMP/body" 'rel="prev"' "which has no newer page"
is "$(page "$newer2")" "$FIRST" "a link followed again gives the same page"
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at, updated_at)
	VALUES ('2026-POLISH$RUN-000051', $PROC, $VER, 'soumis', $JAN, now(), now() + interval '11 days')" >/dev/null
is "$(page "$newer2")" "$FIRST" "one more sent meanwhile (51): newer than the second page, the same twenty"
contains "$TMP/body" 'rel="prev"' "now with a link to newer still"
is "$(page "$(link prev)")" "51 $(seq -s ' ' 1 19) " "the first page: the new one on top"
as "$J" GET "/dossiers?before=12.x" >/dev/null
contains "$TMP/body" "2026-POLISH$RUN-000001" "a cursor that is not one: the first page"
psql_q "DELETE FROM dossiers WHERE reference LIKE '2026-POLISH$RUN-%'" >/dev/null

# --- an email's link opened while acting elsewhere says how to switch ---------------------
GITES=$(psql_q "SELECT id FROM organisations WHERE bce = '0555123476'")
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
n=0
for code in TOURISM SESAM; do
	n=$((n + 1))
	psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, acting_org_id, submitted_at)
		SELECT '2026-POLISH$RUN-90000' || '$n', p.id, p.current_version, 'soumis', $JAN, $GITES, now()
		  FROM procedures p WHERE p.code = '$code'" >/dev/null
done
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
	VALUES ('2026-POLISH$RUN-900009', $PROC, $VER, 'soumis', $ELISE, now())" >/dev/null
is "$(act_for "$J" 0555123476)" 303 "Jan acts for Peeters Gîtes"
is "$(as "$J" GET "/dossiers/$REF")" 404 "his own dossier is not in the organisation's space: 404"
contains "$TMP/body" "est un de vos dossiers personnels" "but the page says it is his own"
contains "$TMP/body" "Vous agissez en ce moment pour <strong>Peeters Gîtes SRL</strong>" "and for whom he acts now"
contains "$TMP/body" 'name="org" value="self"' "with a button to act for himself"
contains "$TMP/body" "name=\"return\" value=\"/dossiers/$REF\"" "that comes back to the dossier"
is "$(as "$J" POST /login/acting -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode org=self --data-urlencode "return=/dossiers/$REF")" 303 "pressing it switches"
is "$(location)" "/dossiers/$REF" "back to the dossier"
is "$(as "$J" GET "/dossiers/$REF")" 200 "which opens"
is "$(as "$J" GET "/dossiers/2026-POLISH$RUN-900001")" 404 "acting for himself, the organisation's dossier: 404"
contains "$TMP/body" "est un dossier de l&#39;organisation <strong>Peeters Gîtes SRL</strong>" "naming the organisation"
contains "$TMP/body" "name=\"org\" value=\"$GITES\"" "with a button to act for it"
as "$J" GET "/dossiers/2026-POLISH$RUN-900001?lang=en" >/dev/null
contains "$TMP/body" "is a dossier of the organisation" "in English"
is "$(as "$J" GET "/dossiers/2026-POLISH$RUN-900002")" 404 "the organisation's dossier of a family he holds no role for: 404"
lacks "$TMP/body" "Peeters Gîtes" "that says nothing of it"
cp "$TMP/body" "$TMP/404-norole"
is "$(as "$J" GET "/dossiers/2026-POLISH$RUN-900009")" 404 "Élise's dossier: 404"
lacks "$TMP/body" "autre espace" "that says nothing of it"
# the page names its own address (the language links): compared without it
sed "s/2026-POLISH$RUN-[0-9]*/REF/g" "$TMP/body" >"$TMP/404-other"
sed -i "s/2026-POLISH$RUN-[0-9]*/REF/g" "$TMP/404-norole"
as "$J" GET "/dossiers/2026-POLISH$RUN-999999" >/dev/null
sed -i "s/2026-POLISH$RUN-[0-9]*/REF/g" "$TMP/body"
check "the same page as a reference that does not exist" cmp -s "$TMP/body" "$TMP/404-other"
check "and as the dossier out of his roles" cmp -s "$TMP/body" "$TMP/404-norole"
psql_q "DELETE FROM dossiers WHERE reference LIKE '2026-POLISH$RUN-%'" >/dev/null

done_testing
