#!/usr/bin/env bash
# A dossier worked in the agents' inbox, through HTTP with eID cards: who
# may enter; queues, filters, search (accents and case aside; a code-login
# applicant shown and found by their address) and pages; acknowledging, taking,
# asking for a complement that the citizen answers, notes, messages, and
# closing with a decision letter written and sealed by the counter, which
# lands in the citizen's documents; the access log the citizen reads;
# roles (a reader cannot act, only a manager assigns, and not to a reader:
# told why) and departments (an
# agent of another department gets 404); wrong and out-of-order actions.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan A=$TMP/agathe B=$TMP/bruno M=$TMP/mail
make_pdfs
RUN=$$

# --- who may enter ----------------------------------------------------------------
eid_login jan /inbox "$J" >/dev/null
is "$(as "$J" GET /inbox)" 403 "a citizen who is no agent: 403"
contains "$TMP/body" "agent d&#39;aucun service" "told why"
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
code_login "$M" "agathe.$RUN@example.be" >/dev/null
is "$(as "$M" GET /inbox)" 403 "logged in by email code: 403"
contains "$TMP/body" "/login?step_up=1&amp;level=high&amp;return=%2Finbox" "with a way to log in with the card"
is "$(curl -s "${CA[@]}" -o /dev/null -w '%{http_code}' "$BASE/inbox")" 302 "without a session: to the login"
eid_login agathe /inbox "$A" >/dev/null
eid_login bruno /inbox "$B" >/dev/null
is "$(as "$A" GET /inbox)" 200 "Agathe, agent with her eID card: the inbox"
AGATHE=$(psql_q "SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '78021400167'")
BRUNO=$(psql_q "SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '82050600223'")

# --- a residence request arrives --------------------------------------------------------
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string 'purpose=bank' >/dev/null
is "$(form_submit "$J" "$ID")" 303 "Jan sends a residence request"
REF=$(dossier "$ID" reference)

as "$A" GET "/inbox?sort=newest" >/dev/null
contains "$TMP/body" "href=\"/inbox/dossiers/$ID\"" "it is in Agathe's new queue"
contains "$TMP/body" "Jan Peeters" "with the applicant"
as "$B" GET "/inbox?queue=all" >/dev/null
lacks "$TMP/body" "$REF" "Bruno (taxes, mobility) does not see it"
is "$(as "$B" GET "/inbox/dossiers/$ID")" 404 "and opening it by its id: 404"
is "$(as "$B" GET "/inbox/dossiers/$ID/files/1")" 404 "its files too: 404"
as "$B" GET /inbox >/dev/null
is "$(as "$B" POST "/inbox/dossiers/$ID/receive" -H "Origin: $BASE" -F "csrf=$(csrf_token)")" 404 \
	"acting on it: 404"

# --- search and filters --------------------------------------------------------------------
q() {	# q QUERY-STRING: the references listed
	as "$A" GET "/inbox?$1" >/dev/null
	grep -o '>[0-9]\{4\}-[A-Z0-9]*-[0-9]*</a>' "$TMP/body" | tr -d '<>/a'
}
is "$(q "queue=all&q=$REF")" "$REF" "search by reference: that one"
is "$(q "queue=all&q=$(echo "$REF" | tr 'A-Z' 'a-z')")" "$REF" "in lower case too"
check "search by name" bash -c "[[ \"$(q 'queue=all&sort=newest&q=peet' | tr '\n' ' ')\" == *$REF* ]]"
check "search by national number" bash -c "[[ \"$(q 'queue=all&sort=newest&q=90.01.01-001.23' | tr '\n' ' ')\" == *$REF* ]]"
is "$(q 'queue=all&q=nobody-by-that-name')" "" "a name nobody has: nothing"
is "$(q "queue=all&q=%25")" "" "a % is a character, not a wildcard"
check "filtered by procedure" bash -c "[[ \"$(q 'queue=all&sort=newest&procedure=RESIDENCE' | tr '\n' ' ')\" == *$REF* ]]"
is "$(q 'queue=all&procedure=EBIKE' | grep -c RESIDENCE)" 0 "another procedure: none of these"
# the inbox's dates are Brussels dates (display.timezone)
TODAY=$(TZ=Europe/Brussels date +%F) TOMORROW=$(TZ=Europe/Brussels date -d tomorrow +%F)
check "sent from today" bash -c "[[ \"$(q "queue=all&sort=newest&from=$TODAY&to=$TODAY" | tr '\n' ' ')\" == *$REF* ]]"
is "$(q "queue=all&from=$TOMORROW")" "" "sent from tomorrow: nothing"
is "$(as "$A" GET "/inbox?queue=nope&status=x&from=2026-02-30&assignee=abc&after=1.2.3&sort=%27")" 200 \
	"nonsense parameters are ignored (200)"

# --- accents and case aside; an applicant known by an address alone -------------------
# Élise Marie Dubois-Lefèvre (her card) and someone logged in by email code
# (no national number, no names) each have a dossier in population, sent
# three days ago (out of the way of the paging below).
E=$TMP/elise C=$TMP/claire CLAIRE="claire.$RUN@example.be"
eid_login elise /help "$E" >/dev/null
is "$(code_login "$C" "$CLAIRE")" 303 "someone logs in by email code"
RES=$(psql_q "SELECT id FROM procedures WHERE code = 'RESIDENCE'") RESV=$(psql_q "SELECT current_version FROM procedures WHERE code = 'RESIDENCE'")
sent() {	# sent OWNER-PERSON-ID REFERENCE: a residence dossier, sent
	psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
		VALUES ('$2', $RES, $RESV, 'soumis', $1, now() - interval '3 days') RETURNING id"
}
EREF=2026-RESACC$RUN-000001 CREF=2026-RESACC$RUN-000002
EID=$(sent "$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")" "$EREF")
CID=$(sent "$(psql_q "SELECT id FROM persons WHERE nrn IS NULL AND lower(email) = '$CLAIRE' AND merged_into IS NULL")" "$CREF")
has() {	# has QUERY-STRING REFERENCE: the search lists it
	[[ " $(q "queue=all&sort=newest&$1" | tr '\n' ' ') " == *" $2 "* ]]
}
hasnt() { ! has "$@"; }
check "'elise' finds Élise" has q=elise "$EREF"
check "'ELISE MARIE' finds her too" has q=ELISE+MARIE "$EREF"
check "'dubois-lefevre' finds Dubois-Lefèvre" has q=dubois-lefevre "$EREF"
check "'DUBOIS-LEFÈVRE' as well" has q=DUBOIS-LEF%C3%88VRE "$EREF"
check "'Élise' as written" has q=%C3%89lise "$EREF"
check "'lefevre' is not the start of a name: not found" hasnt q=lefevre "$EREF"
as "$A" GET "/inbox?queue=all&q=$CLAIRE" >/dev/null
contains "$TMP/body" ">$CLAIRE</td>" "the code-login applicant is listed by their address"
check "found by their address" has "q=$CLAIRE" "$CREF"
check "in capitals too" has "q=$(echo "$CLAIRE" | tr a-z A-Z)" "$CREF"
check "by the start of it, as listed" has "q=claire.$RUN" "$CREF"
check "by its start up to the @" has "q=claire.$RUN@" "$CREF"
check "an address of someone else: not them" hasnt "q=nobody.$RUN@example.be" "$CREF"
psql_q "INSERT INTO messages (dossier_id, author_person_id, body)
	SELECT $CID, owner_person_id, 'Ma question.' FROM dossiers WHERE id = $CID" >/dev/null
is "$(as "$A" GET "/inbox/dossiers/$CID")" 200 "Agathe opens the code-login applicant's dossier"
contains "$TMP/body" "<dd>$CLAIRE — sans numéro national</dd>" "the applicant is their address, without a national number"
contains "$TMP/body" "<strong>$CLAIRE</strong> (Demandeur)" "their message is signed with it"
as "$A" GET "/inbox/dossiers/$EID" >/dev/null
contains "$TMP/body" "<dd>Élise Marie Dubois-Lefèvre — Numéro national 85073003328</dd>" "a card holder: name and national number"

# --- opening it writes the access log ---------------------------------------------------------
n0=$(psql_q "SELECT count(*) FROM access_log WHERE dossier_id = $ID")
is "$(as "$A" GET "/inbox/dossiers/$ID")" 200 "Agathe opens it"
contains "$TMP/body" "Grote Markt 1, 9000 Gent" "the answers as sealed"
contains "$TMP/body" "90010100123" "the applicant's national number"
is "$(psql_q "SELECT count(*) FROM access_log WHERE dossier_id = $ID")" "$((n0 + 1))" "the opening is logged"
is "$(psql_q "SELECT d.code || ' ' || l.purpose FROM access_log l JOIN departments d ON d.id = l.department_id
	WHERE l.dossier_id = $ID ORDER BY l.id DESC LIMIT 1")" "POPULATION processing" "with department and purpose"
as "$J" GET /my-data >/dev/null
contains "$TMP/body" "Service Population" "Jan sees who read it in Mes données"

# --- acknowledge, take ------------------------------------------------------------------------
is "$(act "$A" "$ID" receive)" 303 "acknowledging receipt"
is "$(location)" "/inbox/dossiers/$ID?done=receive" "back to the dossier"
is "$(dossier "$ID" status)" receptionne "it is received"
is "$(psql_q "SELECT actor_agent_id FROM dossier_events WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" "$AGATHE" \
	"by Agathe, in the history"
is "$(psql_q "SELECT payload->>'status' FROM notification_outbox WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" \
	receptionne "and Jan is notified"
is "$(act "$A" "$ID" receive)" 409 "acknowledging twice: 409"
contains "$TMP/body" "ne s&#39;applique pas au dossier" "with why"
is "$(act "$A" "$ID" take)" 303 "taking it"
is "$(dossier "$ID" assigned_agent_id)" "$AGATHE" "it is Agathe's"
check "in her queue" bash -c "[[ \"$(q 'queue=mine' | tr '\n' ' ')\" == *$REF* ]]"
check "filtered by assignee" bash -c "[[ \"$(q "queue=all&sort=newest&assignee=$AGATHE" | tr '\n' ' ')\" == *$REF* ]]"

# --- a complement asked and answered ------------------------------------------------------------
is "$(act "$A" "$ID" complement -F 'body=  ')" 400 "asking with no text: 400"
contains "$TMP/body" "Écrivez le texte." "with why"
is "$(as "$A" POST "/inbox/dossiers/$ID/complement" -H "Origin: $BASE" -F 'body=Votre bail ?')" 403 \
	"without the anti-forgery token: 403"
contains "$TMP/body" "Votre bail ?</textarea>" "the text is kept"
is "$(act "$A" "$ID" complement -F 'body=Joignez une copie de votre bail.')" 303 "asking for a complement"
is "$(dossier "$ID" "waiting_since IS NOT NULL")" t "the dossier waits for Jan"
check "in the waiting queue" bash -c "[[ \"$(q 'queue=waiting' | tr '\n' ' ')\" == *$REF* ]]"
is "$(act "$A" "$ID" process)" 409 "processing while it waits: 409"
is "$(psql_q "SELECT kind FROM notification_outbox WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" \
	complement_request "Jan is asked by email"
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" "Joignez une copie de votre bail." "and sees the question"
tok=$(csrf_token)
is "$(as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$tok" -F 'body=Voici le bail.' \
	-F "file=@$TMP/ok.pdf;filename=bail.pdf")" 303 "Jan answers with a PDF"
as "$A" GET "/inbox/dossiers/$ID" >/dev/null
contains "$TMP/body" "Voici le bail." "Agathe reads the answer"
FILE=$(psql_q "SELECT a.id FROM attachments a WHERE a.dossier_id = $ID AND a.message_id IS NOT NULL")
is "$(as "$A" GET "/inbox/dossiers/$ID/files/$FILE")" 200 "and downloads the PDF"
contains "$TMP/headers" "attachment;" "as an attachment"
lacks "$TMP/body" "attend le demandeur depuis" "it no longer waits"

# --- processing, notes, messages ----------------------------------------------------------------
is "$(act "$A" "$ID" process)" 303 "processing"
is "$(dossier "$ID" status)" en_traitement "en traitement"
is "$(act "$A" "$ID" note -F 'body=Bail vérifié, RAS. Note interne.')" 303 "an internal note"
as "$A" GET "/inbox/dossiers/$ID" >/dev/null
contains "$TMP/body" "Bail vérifié, RAS. Note interne." "the note is on the agent's page"
as "$J" GET "/dossiers/$REF" >/dev/null
lacks "$TMP/body" "Note interne" "never on the citizen's"
is "$(act "$A" "$ID" message -F 'body=Le certificat suit.' -F "file=@$TMP/fake.pdf;type=application/pdf")" 400 \
	"a message with a file that is not a PDF: 400"
contains "$TMP/body" "Le certificat suit.</textarea>" "the text stays"
is "$(act "$A" "$ID" message -F 'body=Le certificat suit.')" 303 "a message to Jan"
is "$(psql_q "SELECT kind FROM notification_outbox WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" message \
	"Jan is told by email"

# --- closing with a decision --------------------------------------------------------------------
is "$(act "$A" "$ID" close -F 'body=Conforme.')" 400 "closing without a decision: 400"
contains "$TMP/body" "Choisissez la décision." "says so"
is "$(act "$A" "$ID" close -F 'decision=granted' -F "body=Votre domicile à Gent est établi par le Registre national et le bail du $TODAY.")" 303 \
	"closing: granted, with grounds"
is "$(dossier "$ID" status)" cloture "the dossier is closed"
DOC=$(psql_q "SELECT id FROM documents WHERE dossier_id = $ID AND kind = 'decision'")
check "a decision document is made" test -n "$DOC"
is "$(psql_q "SELECT title FROM documents WHERE id = $DOC")" "Décision : demande acceptée" "titled in Jan's language"
is "$(psql_q "SELECT string_agg(kind || ':' || coalesce(payload->>'status', ''), ' ' ORDER BY id) FROM (
	SELECT * FROM notification_outbox WHERE dossier_id = $ID ORDER BY id DESC LIMIT 2) x")" \
	"document: dossier_status:cloture" "Jan is told of the letter and the closing"
as "$J" GET /documents >/dev/null
contains "$TMP/body" "Décision : demande acceptée" "the letter is in Jan's documents"
is "$(as "$J" GET "/documents/$DOC")" 200 "Jan downloads it"
cp "$TMP/body" "$TMP/letter.pdf"
pdftotext "$TMP/letter.pdf" "$TMP/letter.txt" 2>/dev/null
contains "$TMP/letter.txt" "$REF" "the letter names the dossier"
contains "$TMP/letter.txt" "Demande acceptée" "the decision"
contains "$TMP/letter.txt" "Votre domicile à Gent est établi" "and the grounds, accents intact"
psql_q "SELECT encode(seal, 'base64') FROM documents WHERE id = $DOC" | base64 -d >"$TMP/letter.p7s"
check "the seal verifies over the letter" openssl cms -verify -binary -inform DER -in "$TMP/letter.p7s" \
	-content "$TMP/letter.pdf" -CAfile "$DIR/pki/seal-ca.crt" -purpose any -out /dev/null
printf 'x' >>"$TMP/letter.pdf"
check "and not over a changed one" bash -c "! openssl cms -verify -binary -inform DER -in '$TMP/letter.p7s' \
	-content '$TMP/letter.pdf' -CAfile '$DIR/pki/seal-ca.crt' -purpose any -out /dev/null 2>/dev/null"
is "$(act "$A" "$ID" message -F 'body=Encore un mot.')" 409 "a message to a closed dossier: 409"
is "$(act "$A" "$ID" close -F 'decision=refused' -F 'body=Non.')" 409 "closing it again: 409"
is "$(act "$A" "$ID" note -F 'body=Archivé au dossier papier.')" 303 "a note stays possible"
check "in the closed queue" bash -c "[[ \"$(q 'queue=closed&sort=newest' | tr '\n' ' ')\" == *$REF* ]]"

# --- roles: a reader reads, a manager assigns ------------------------------------------------------
PROC=$(psql_q "SELECT id FROM procedures WHERE code = 'EBIKE'") VER=$(psql_q "SELECT current_version FROM procedures WHERE code = 'EBIKE'")
JAN=$(dossier "$ID" owner_person_id)
EB=$(psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
	VALUES ('2026-EBIKE$RUN-000001', $PROC, $VER, 'soumis', $JAN, now()) RETURNING id")
is "$(as "$B" GET "/inbox/dossiers/$EB")" 200 "Bruno, reader for mobility, opens an e-bike dossier"
contains "$TMP/body" "Votre rôle dans ce service est la consultation" "read only"
lacks "$TMP/body" "/inbox/dossiers/$EB/receive" "no actions offered"
as "$B" GET /inbox >/dev/null
is "$(as "$B" POST "/inbox/dossiers/$EB/receive" -H "Origin: $BASE" -F "csrf=$(csrf_token)")" 403 \
	"acting anyway: 403"
is "$(dossier "$EB" status)" soumis "nothing changed"
is "$(act "$A" "$EB" assign -F "agent=$BRUNO")" 409 "Agathe (manager) cannot give it to a reader: 409"
contains "$TMP/body" "Cet agent a le rôle de consultation dans ce service" "told that he only reads"
contains "$TMP/body" 'href="#assign_agent"' "the summary leads to the choice of agent"
lacks "$TMP/body" "ne s&#39;applique pas au dossier" "not that the dossier is in the wrong state"
is "$(dossier "$EB" "assigned_agent_id IS NULL")" t "nothing assigned"
as "$A" GET "/inbox/dossiers/$EB?lang=nl" >/dev/null
is "$(act "$A" "$EB" assign -F "agent=$BRUNO")" 409 "in Dutch: 409"
contains "$TMP/body" "De rol van deze medewerker in deze dienst is raadplegen" "with the reason in Dutch"
as "$A" GET "/inbox/dossiers/$EB?lang=fr" >/dev/null
is "$(act "$A" "$EB" assign -F "agent=999999999")" 409 "to no agent of the department: 409"
contains "$TMP/body" "n&#39;est pas un agent actif de ce service" "says so"
is "$(act "$A" "$EB" assign -F "agent=$AGATHE")" 303 "she assigns it to herself"
is "$(act "$A" "$ID" assign -F "agent=$AGATHE")" 403 "but assigns nothing where she only processes: 403"
is "$(as "$A" GET /inbox/stats)" 200 "Agathe sees her department's figures"
contains "$TMP/body" "Service Mobilité" "for mobility"
is "$(as "$B" GET /inbox/stats)" 403 "Bruno manages nothing: 403"

# --- pages and order -------------------------------------------------------------------------------
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
	SELECT '2026-EBIKE$RUN-' || lpad(g::text, 6, '0'), $PROC, $VER, 'soumis', $JAN,
	       now() - interval '1 day' + g * interval '1 second'
	  FROM generate_series(2, 26) g" >/dev/null
# an earlier run's, on the same stack, out of the way of the date filter
psql_q "UPDATE dossiers SET submitted_at = '2001-01-01' WHERE reference ~ '^2026-EBIKE[0-9]+-'
	AND reference NOT LIKE '2026-EBIKE$RUN-%'" >/dev/null
# from yesterday in Brussels: the inbox's dates are Brussels days, and
# payments-reconcile.sh's e-bike dossiers, sent three days ago, stay out
SINCE=$(TZ=Europe/Brussels date -d '1 day ago' +%F)
q "queue=new&procedure=EBIKE&from=$SINCE" >"$TMP/p1"
next=$(grep -o 'rel="next" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
is "$(wc -l <"$TMP/p1")" 20 "twenty a page"
check "a link to the next" test -n "$next"
as "$A" GET "$next" >/dev/null
grep -o '>[0-9]\{4\}-[A-Z0-9]*-[0-9]*</a>' "$TMP/body" | tr -d '<>/a' >"$TMP/p2"
is "$(sort -u "$TMP/p1" "$TMP/p2" | grep -c "EBIKE$RUN")" 26 "the 26 new e-bike dossiers of this run on the two pages"
is "$(head -1 "$TMP/p1")" "2026-EBIKE$RUN-000002" "oldest first"
is "$(q "queue=new&procedure=EBIKE&from=$SINCE&sort=newest" | head -1)" "2026-EBIKE$RUN-000001" "or newest first"

# --- departure, languages, logs -----------------------------------------------------------------------
as "$A" GET "/inbox?lang=nl" >/dev/null
contains "$TMP/body" "Backoffice: te behandelen dossiers" "in Dutch"
as "$A" GET "/inbox/dossiers/$ID?lang=de" >/dev/null
contains "$TMP/body" "Abgeschlossen" "in German"
as "$A" GET "/inbox?lang=fr" >/dev/null
psql_q "UPDATE agents SET disabled_at = now() WHERE id = $BRUNO" >/dev/null
is "$(as "$B" GET "/inbox/dossiers/$EB")" 403 "a disabled agent is shut out at the next request"
psql_q "UPDATE agents SET disabled_at = NULL WHERE id = $BRUNO" >/dev/null
lacks "$DIR/log/inbox.log" "90010100123" "no national number in the inbox's log"
lacks "$DIR/log/inbox.log" "Votre domicile" "no text of the dossier in it"

done_testing
