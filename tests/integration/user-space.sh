#!/usr/bin/env bash
# The user's space through HTTP: "Mes dossiers" with filters, archives and
# pages; a dossier's page with its status, history, thread and documents;
# answering a request for a complement (with a PDF); wrong messages; a
# closed dossier refusing messages; the vault; "Mes données" with the
# access log; and another user getting 404 on every URL of the dossier.
# The administration's side is played by the SQL functions the inbox and
# the API call (sql/0013).
. "$(dirname "$0")/lib.sh"
J=$TMP/jan E=$TMP/elise
make_pdfs
RUN=$$	# references of this run only
psql_q "DELETE FROM dossiers WHERE reference LIKE '2026-PAGED%'" >/dev/null	# an earlier run's

# --- a residence request sent by Jan ------------------------------------------------
eid_login jan /dossiers "$J" >/dev/null
eid_login elise /dossiers "$E" >/dev/null
JAN=$(psql_q "SELECT person_id FROM sessions ORDER BY id DESC OFFSET 1 LIMIT 1")
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" nl --form-string 'purpose=bank' >/dev/null
is "$(form_submit "$J" "$ID")" 303 "Jan sends a residence request"
REF=$(dossier "$ID" reference)
check "it has a reference" test -n "$REF"

is "$(as "$J" GET /dossiers)" 200 "Mes dossiers"
contains "$TMP/body" "href=\"/dossiers/$REF\"" "lists it"
contains "$TMP/body" "Demande de certificat de résidence" "with its procedure"
contains "$TMP/body" "<td>Soumis" "and its status"
row() { sed -n "\|href=\"/dossiers/$1\"|,\|</tr>|p" "$TMP/body"; }
is "$(row "$REF" | grep -c 'class="tag')" 0 "no tag while nothing waits"
is "$(as "$E" GET /dossiers)" 200 "Elise's list"
lacks "$TMP/body" "$REF" "does not show Jan's dossier"

is "$(as "$J" GET "/dossiers/$REF")" 200 "the dossier's page"
contains "$TMP/body" "Grote Markt 1, 9000 Gent" "shows the answers as sent"
contains "$TMP/body" "/forms/$ID/receipt.pdf" "links the receipt"
contains "$TMP/body" "État : <strong>Soumis</strong>" "its history starts with the submission"
contains "$TMP/body" 'name="body"' "offers to write"

# --- the administration receives it and asks for a complement ----------------------------
AGENT_P=$(psql_q "INSERT INTO persons (nrn, given_names, surname) VALUES ('70010100134', 'Agathe', 'Agent')
	ON CONFLICT (nrn) DO UPDATE SET surname = 'Agent' RETURNING id")
AGENT=$(psql_q "INSERT INTO agents (person_id) VALUES ($AGENT_P)
	ON CONFLICT (person_id) DO UPDATE SET disabled_at = NULL RETURNING id")
DEPT=$(psql_q "SELECT id FROM departments WHERE code = 'POPULATION'")
psql_q "INSERT INTO agent_departments VALUES ($AGENT, $DEPT, 'processor') ON CONFLICT DO NOTHING" >/dev/null
psql_q "SELECT dossier_set_status($ID, 'receptionne', $AGENT, NULL, NULL)" >/dev/null
psql_q "SELECT dossier_message($ID, NULL, $AGENT, NULL, 'Joignez une copie de votre bail, s''il vous plaît.', true, NULL, NULL)" >/dev/null
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID")" 3 \
	"submission, reception and request each queued a notification"
is "$(psql_q "SELECT kind FROM notification_outbox WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" \
	complement_request "the last one asks for the complement"
is "$(psql_q "SELECT dossier_set_status($ID, 'en_traitement', $AGENT, NULL, NULL)" 2>&1 | grep -c 'waits for the user')" 1 \
	"while it waits for the user, its status cannot move on"

as "$J" GET /dossiers >/dev/null
is "$(row "$REF" | grep -c 'En attente de votre réponse')" 1 "the list says it waits for Jan"
is "$(row "$REF" | grep -c 'Nouveau message')" 1 "with a new message"
is "$(as "$J" GET "/dossiers?status=receptionne")" 200 "filtered by status"
contains "$TMP/body" "$REF" "received: listed"
as "$J" GET "/dossiers?status=cloture" >/dev/null
lacks "$TMP/body" "$REF" "closed only: not listed"
as "$J" GET "/dossiers?procedure=EBIKE" >/dev/null
lacks "$TMP/body" "$REF" "another procedure: not listed"
as "$J" GET "/dossiers?procedure=RESIDENCE&status=receptionne" >/dev/null
contains "$TMP/body" "$REF" "both filters that fit: listed"
is "$(as "$J" GET "/dossiers?status=%27%3B--&procedure=x%25")" 200 "nonsense filters are ignored (200)"

is "$(as "$J" GET "/dossiers/$REF")" 200 "the dossier's page"
contains "$TMP/body" "attend votre réponse</h2>" "says it waits for Jan"
contains "$TMP/body" "Joignez une copie de votre bail, s&#39;il vous plaît." "with the question"
contains "$TMP/body" "Répondre à la demande" "and an answer form"
as "$J" GET /dossiers >/dev/null
is "$(row "$REF" | grep -c 'Nouveau message')" 0 "the message read, the list stops flagging it"

# --- wrong answers keep what was typed ---------------------------------------------------
msg() {	# msg JAR REF [curl -F args]: status
	local jar=$1 ref=$2
	shift 2
	as "$jar" GET "/dossiers/$ref" >/dev/null
	as "$jar" POST "/dossiers/$ref/messages" -H "Origin: $BASE" -F "csrf=$(csrf_token)" "$@"
}
is "$(msg "$J" "$REF" -F 'body=   ')" 400 "an empty message: 400"
contains "$TMP/body" "Écrivez votre message." "with a translated error"
is "$(msg "$J" "$REF" -F 'body=Voici mon bail <b>signé</b>' -F "file=@$TMP/fake.pdf;type=application/pdf")" 400 \
	"a file that is not a PDF: 400"
contains "$TMP/body" "PDF" "says why"
contains "$TMP/body" "Voici mon bail &lt;b&gt;signé&lt;/b&gt;</textarea>" "the text typed is kept, escaped"
is "$(msg "$J" "$REF" -F 'body=Trop gros' -F "file=@$TMP/big.pdf")" 400 "a PDF over 5 MB: 400"
is "$(msg "$J" "$REF" -F "body=$(head -c 5001 /dev/zero | tr '\0' 'a')")" 400 "5,001 characters: 400"
contains "$TMP/body" "5 000 caractères au maximum" "says the limit"
is "$(as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F 'body=Sans jeton')" 403 \
	"without the anti-forgery token: 403"
contains "$TMP/body" "Sans jeton</textarea>" "and the text is still there"
is "$(psql_q "SELECT count(*) FROM messages WHERE dossier_id = $ID")" 1 "none of these was stored"

# --- the answer, with a PDF ---------------------------------------------------------------
is "$(msg "$J" "$REF" -F 'body=Voici mon bail.' -F "file=@$TMP/ok.pdf;filename=bail 2026.pdf")" 303 \
	"answering with a PDF: 303"
is "$(location)" "/dossiers/$REF?sent=1#messages" "back to the thread"
is "$(dossier "$ID" "waiting_since IS NULL")" t "the dossier no longer waits"
is "$(psql_q "SELECT kind FROM dossier_events WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" complement_answer \
	"the answer is an event of the dossier"
as "$J" GET "/dossiers/$REF?sent=1" >/dev/null
contains "$TMP/body" "Votre message a été envoyé" "Jan is told it was sent"
contains "$TMP/body" "Voici mon bail." "the answer is in the thread"
lacks "$TMP/body" "attend votre réponse</h2>" "nothing waits any more"
FILE=$(psql_q "SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.dossier_id = $ID")
contains "$TMP/body" "/dossiers/$REF/messages/files/$FILE" "the PDF is linked"
is "$(as "$J" GET "/dossiers/$REF/messages/files/$FILE")" 200 "and downloads"
contains "$TMP/headers" "attachment; filename=" "as an attachment, never inline"
cmp -s "$TMP/body" "$TMP/ok.pdf"; ok $? "byte for byte"
is "$(psql_q "SELECT encode(sha256, 'hex') FROM attachments WHERE id = $FILE")" \
	"$(sha256sum "$TMP/ok.pdf" | cut -d' ' -f1)" "with its SHA-256 stored"
is "$(psql_q "SELECT extract(epoch FROM waiting_total) > 0 FROM dossiers WHERE id = $ID")" t \
	"the time spent waiting is counted"

# --- processing, a document, closing --------------------------------------------------------
psql_q "SELECT dossier_set_status($ID, 'en_traitement', $AGENT, NULL, NULL)" >/dev/null
psql_q "SELECT dossier_message($ID, NULL, $AGENT, NULL, 'Votre certificat est prêt.', false, NULL, NULL)" >/dev/null
DOC=$(psql_q "SELECT dossier_document($ID, $AGENT, NULL, 'certificate', 'Certificat de résidence', 'certificat.pdf',
	decode('$(xxd -p "$TMP/ok.pdf" | tr -d '\n')', 'hex'), NULL)")
psql_q "SELECT dossier_set_status($ID, 'cloture', $AGENT, NULL, 'Certificat délivré')" >/dev/null
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" "<strong>Clôturé</strong>" "the dossier is closed"
contains "$TMP/body" "Certificat délivré" "with the reason in its history"
contains "$TMP/body" "href=\"/documents/$DOC\"" "the document is on the dossier's page"
contains "$TMP/body" "Ce dossier est clôturé" "and no message can be written"
lacks "$TMP/body" 'name="body"' "(no form)"
is "$(msg "$J" "$REF" -F 'body=Encore une question')" 409 "a message to a closed dossier: 409"
contains "$TMP/body" "il ne reçoit plus de messages" "says why"
contains "$TMP/body" "Encore une question</textarea>" "and keeps the text"

is "$(as "$J" GET /documents)" 200 "Mes documents"
contains "$TMP/body" "Certificat de résidence" "holds the certificate"
contains "$TMP/body" "Service Population" "with its issuer"
is "$(as "$J" GET "/documents/$DOC")" 200 "which downloads"
contains "$TMP/headers" "attachment;" "as an attachment"
as "$E" GET /documents >/dev/null
lacks "$TMP/body" "href=\"/documents/$DOC\"" "Elise's vault does not hold it (her own certificates aside)"

# --- archiving ------------------------------------------------------------------------
as "$J" GET "/dossiers/$REF" >/dev/null
is "$(as "$J" POST "/dossiers/$REF/archive" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data archived=1)" 303 "archived"
as "$J" GET /dossiers >/dev/null
lacks "$TMP/body" "$REF" "no longer among the active ones"
as "$J" GET "/dossiers?archived=1" >/dev/null
contains "$TMP/body" "$REF" "but among the archived"
as "$J" GET "/dossiers/$REF" >/dev/null
is "$(as "$J" POST "/dossiers/$REF/archive" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data archived=0)" 303 "taken out again"
as "$J" GET /dossiers >/dev/null
contains "$TMP/body" "$REF" "back among the active ones"

# --- another person: 404 on every URL ---------------------------------------------------------
for u in "/dossiers/$REF" "/dossiers/$REF/messages/files/$FILE" "/documents/$DOC"; do
	is "$(as "$E" GET "$u")" 404 "Elise: GET $u is 404"
done
as "$E" GET /dossiers >/dev/null
tok=$(csrf_token)
is "$(as "$E" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$tok" -F 'body=intrusion')" 404 \
	"Elise: a message to it is 404"
is "$(as "$E" POST "/dossiers/$REF/archive" -H "Origin: $BASE" --data-urlencode "csrf=$tok" --data archived=1)" 404 \
	"Elise: archiving it is 404"
is "$(psql_q "SELECT count(*) FROM messages WHERE body = 'intrusion'")" 0 "nothing was written"
for u in /dossiers/nope /dossiers/2026-RESIDENCE-999999 "/dossiers/$REF/messages/files/999999999" /documents/0 /documents/abc; do
	is "$(as "$J" GET "$u")" 404 "Jan: $u is 404"
done
is "$(curl -s "${CA[@]}" -o /dev/null -w '%{http_code}' "$BASE/dossiers")" 302 \
	"without a session, the list sends to the login"

# --- Mes données ----------------------------------------------------------------------
psql_q "INSERT INTO access_log (person_id, dossier_id, agent_id, department_id, purpose)
	VALUES ($JAN, $ID, $AGENT, $DEPT, 'processing')" >/dev/null
is "$(as "$J" GET /my-data)" 200 "Mes données"
contains "$TMP/body" "Peeters" "shows the profile"
contains "$TMP/body" "Registre national" "the register that filled a form"
contains "$TMP/body" "Service Population" "who read the dossier"
contains "$TMP/body" "traitement du dossier" "and why"
contains "$TMP/body" "$REF" "which dossier"
as "$E" GET /my-data >/dev/null
lacks "$TMP/body" "$REF" "Elise's page does not show Jan's log"

# --- pages of twenty, newest first -----------------------------------------------------
PROC=$(dossier "$ID" procedure_id) VER=$(dossier "$ID" procedure_version)
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at, updated_at)
	SELECT '2026-PAGED$RUN-' || lpad(g::text, 6, '0'), $PROC, $VER, 'soumis', $JAN, now(), now() + interval '1 day' - g * interval '1 minute'
	  FROM generate_series(1, 25) g" >/dev/null
as "$J" GET /dossiers >/dev/null
is "$(grep -o 'href="/dossiers/2026-[A-Z0-9]*-[0-9]*" class="reference"' "$TMP/body" | wc -l)" 20 "twenty on the first page"
next=$(grep -o 'rel="next" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
check "a link to older ones" test -n "$next"
grep -o "/dossiers/2026-PAGED$RUN-[0-9]*" "$TMP/body" >"$TMP/page1"
is "$(as "$J" GET "$next")" 200 "the next page"
grep -o "/dossiers/2026-PAGED$RUN-[0-9]*" "$TMP/body" >"$TMP/page2"
is "$(sort -u "$TMP/page1" "$TMP/page2" | wc -l)" 25 "together, every dossier once"
is "$(comm -12 <(sort "$TMP/page1") <(sort "$TMP/page2") | wc -l)" 0 "no dossier on both pages"
is "$(head -1 "$TMP/page1")" "/dossiers/2026-PAGED$RUN-000001" "the most recently changed first"
is "$(head -1 "$TMP/page2")" "/dossiers/2026-PAGED$RUN-000021" "the next page goes on where the first stopped"
# each combination of filters is a statement of its own (cgi-bin/dossiers/list.c)
as "$J" GET "/dossiers?status=soumis&procedure=RESIDENCE" >/dev/null
grep -o "/dossiers/2026-PAGED$RUN-[0-9]*" "$TMP/body" >"$TMP/page1"
next=$(grep -o 'rel="next" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
is "$(head -1 "$TMP/page1")" "/dossiers/2026-PAGED$RUN-000001" "filtered by status and procedure, newest first"
contains_text() { case $1 in *"$2"*) echo yes ;; *) echo no ;; esac; }
is "$(contains_text "$next" "status=soumis&procedure=RESIDENCE&after=")" yes "the link to older ones keeps both filters"
as "$J" GET "$next" >/dev/null
grep -o "/dossiers/2026-PAGED$RUN-[0-9]*" "$TMP/body" >"$TMP/page2"
is "$(head -1 "$TMP/page2")" "/dossiers/2026-PAGED$RUN-000021" "and its next page goes on, filtered"
as "$J" GET "/dossiers?status=cloture&procedure=RESIDENCE&after=${next#*&after=}" >/dev/null
is "$(grep -c "/dossiers/2026-PAGED$RUN-" "$TMP/body")" 0 "another status from the same cursor: none of them"

# --- languages -------------------------------------------------------------------------
as "$J" GET "/dossiers?lang=nl" >/dev/null
contains "$TMP/body" "Mijn dossiers" "in Dutch"
as "$J" GET "/dossiers/$REF?lang=de" >/dev/null
contains "$TMP/body" "Abgeschlossen" "in German"
as "$J" GET "/my-data?lang=en" >/dev/null
contains "$TMP/body" "Who looked at your data" "in English"
as "$J" GET "/dossiers?lang=fr" >/dev/null

lacks "$DIR/log/dossiers.log" "Grote Markt" "no answer in the program's log"
lacks "$DIR/log/dossiers.log" "bail" "no message in the program's log"

done_testing
