#!/usr/bin/env bash
# The help desk, both ways, through the real stack: a question gets a
# reference and an acknowledgement email in the asker's language (through
# the outbox and the notification worker); an agent of the help desk
# answers it in the inbox, once; the asker reads the answer logged in, or
# through the emails' link, whose key opens that one question only and is
# stored nowhere but as its hash.  Prints TAP.
. "$(dirname "$0")/lib.sh"
RUN=$$	# addresses of this run only: the mail sink may hold earlier runs
J=$TMP/jan A=$TMP/agathe B=$TMP/bruno

link_in() { grep -o 'https://[^ ]*/help/questions/[^ ]*' "$1" | tr -d '\r' | sed 's|^https://[^/]*||'; }
ask() {	# ask JAR LANG NAME EMAIL SUBJECT MESSAGE: the status, Location in $TMP/headers
	as "$1" GET "/help/contact?lang=$2" >/dev/null
	as "$1" POST /help/contact -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
		--data-urlencode "name=$3" --data-urlencode "email=$4" --data-urlencode 'theme=login' \
		--data-urlencode "subject=$5" --data-urlencode "message=$6"
}
sent_ref() { location | sed -n 's|^/help/contact/sent?ref=||p'; }

# --- an anonymous question, in Dutch ----------------------------------------------------------------
ANON=$TMP/anon
is "$(ask "$ANON" nl 'Piet Janssens' "piet.$RUN@example.be" 'Kaartlezer' $'Mijn kaartlezer <werkt> niet.\nDank u')" 303 \
	"a question is accepted"
Q1=$(sent_ref)
check "and given a reference like Q-$(date +%Y)-000042" bash -c "[[ '$Q1' =~ ^Q-[0-9]{4}-[0-9]{6}$ ]]"
is "$(as "$ANON" GET "$(location)")" 200 "the thank-you page"
contains "$TMP/body" "<strong>$Q1</strong>" "gives the reference"
contains "$TMP/body" "ontvangstbevestiging" "in Dutch, announcing the acknowledgement"
is "$(psql_q "SELECT lang || '|' || (person_id IS NULL) || '|' || length(key_hash) || '|' || subject FROM helpdesk_questions WHERE reference = '$Q1'")" \
	"nl|true|32|Kaartlezer" "stored with its language, nobody's, and a 32-byte key hash"
check "its acknowledgement is mailed within seconds" wait_for 10 \
	"SELECT count(*) FROM notification_outbox WHERE kind = 'helpdesk_ack' AND payload->>'reference' = '$Q1' AND sent_at IS NOT NULL" 1
f=$(notices_for "piet.$RUN@example.be" | tail -1)
check "to the address typed" test -n "$f"
is "$(subject "$f")" "Vraag $Q1: goed ontvangen" "in the asker's language, naming the reference"
L1=$(link_in "$f")
check "with a link to the question and its key" bash -c "[[ '$L1' =~ ^/help/questions/$Q1\\?key=[0-9a-f]{64}$ ]]"
KEY1=${L1##*key=}
lacks "$f" "kaartlezer <werkt>" "and not the question itself"
is "$(psql_q "SELECT encode(key_hash, 'hex') FROM helpdesk_questions WHERE reference = '$Q1'")" \
	"$(printf '%s' "$KEY1" | sha256sum | cut -d' ' -f1)" "the database holds the key's SHA-256"
is "$(psql_q "SELECT count(*) FROM helpdesk_questions q, notification_outbox o WHERE q::text LIKE '%$KEY1%' OR o.payload::text LIKE '%$KEY1%'")" 0 \
	"and the key itself nowhere"

# --- the link opens that question, and no other --------------------------------------------------------
rm -f "$JAR"
is "$(http GET "$L1" -H 'Accept-Language: nl')" 200 "the link opens the question without logging in"
contains "$TMP/body" "Mijn kaartlezer &lt;werkt&gt; niet." "the question, escaped"
contains "$TMP/body" "Wacht op antwoord" "awaiting an answer"
is "$(header Cache-Control)" no-store "not stored by caches"
is "$(ask "$ANON" fr 'Marie Dupont' "marie.$RUN@example.be" 'Autre' 'Une autre question')" 303 "a second question"
Q2=$(sent_ref)
check "a second reference" test "$Q2" != "$Q1"
rm -f "$JAR"
is "$(http GET "/help/questions/$Q2?key=$KEY1")" 404 "the first question's key does not open the second"
contains "$TMP/body" "Page introuvable" "the same page as for what does not exist"
if [ "${KEY1:0:1}" = 0 ]; then flip=1${KEY1:1}; else flip=0${KEY1:1}; fi
is "$(http GET "/help/questions/$Q1?key=$flip")" 404 "a key one digit off: 404"
is "$(http GET "/help/questions/$Q1?key=$(printf '0%.0s' $(seq 64))")" 404 "a guessed key: 404"
is "$(http GET "/help/questions/$Q1?key=xyz")" 404 "a key of another form: 404"
is "$(http GET "/help/questions/Q-2026-999999?key=$KEY1")" 404 "a reference that does not exist: 404"
is "$(http GET "/help/questions/2026-EBIKE-000001")" 404 "a segment that is no question's reference: 404"
is "$(http GET "/help/questions/$Q1")" 303 "no key and no session: to the login"
case "$(location)" in /login?return=*) ok 0 "which comes back here" ;; *) ok 1 "which comes back here"; echo "# $(location)" ;; esac

# --- a logged-in asker sees their questions in their space ------------------------------------------------
eid_login jan /help/questions "$J" >/dev/null
is "$(ask "$J" fr 'Jan Peeters' "jan.$RUN@example.be" 'Mon dossier' 'Où en est mon dossier ?')" 303 "Jan asks, logged in"
QJ=$(sent_ref)
is "$(psql_q "SELECT p.nrn FROM helpdesk_questions q JOIN persons p ON p.id = q.person_id WHERE q.reference = '$QJ'")" \
	90010100123 "the question is Jan's"
is "$(as "$J" GET /help/questions)" 200 "Jan's questions"
contains "$TMP/body" "href=\"/help/questions/$QJ\"" "list it"
lacks "$TMP/body" "$Q1" "and not anyone else's"
contains "$TMP/body" 'href="/help/questions">' "the space's menu links them"
is "$(as "$J" GET "/help/questions/$QJ")" 200 "he opens it without a key"
contains "$TMP/body" "Où en est mon dossier ?" "his question"
is "$(as "$J" GET "/help/questions/$Q1")" 404 "another's question without its key: 404 (row-level security)"
E=$TMP/elise
eid_login elise /help "$E" >/dev/null
as "$E" GET /login/acting >/dev/null
as "$E" POST /login/acting -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode org=self --data-urlencode return=/help >/dev/null
is "$(as "$E" GET "/help/questions/$QJ")" 404 "Élise cannot open Jan's"
as "$E" GET /help/questions >/dev/null
lacks "$TMP/body" "$QJ" "nor see it listed"
is "$(http GET /help/questions)" 303 "the list needs a login"

# --- the help desk answers, in the inbox ----------------------------------------------------------------
eid_login agathe /inbox "$A" >/dev/null
eid_login bruno /inbox "$B" >/dev/null
is "$(as "$A" GET /inbox)" 200 "Agathe's inbox"
contains "$TMP/body" 'href="/inbox/helpdesk"' "links the help desk's questions"
is "$(as "$A" GET /inbox/helpdesk)" 200 "the open questions"
contains "$TMP/body" "href=\"/inbox/helpdesk/$Q1\"" "list the anonymous one"
contains "$TMP/body" "href=\"/inbox/helpdesk/$QJ\"" "and Jan's"
is "$(as "$A" GET "/inbox/helpdesk/$Q1")" 200 "one question"
contains "$TMP/body" "piet.$RUN@example.be" "with the asker's address"
contains "$TMP/body" "Mijn kaartlezer &lt;werkt&gt; niet." "and text, escaped"
contains "$TMP/body" 'name="answer"' "and the form to answer"
contains "$TMP/body" "Nederlands" "saying the answer goes out in Dutch"
tok=$(csrf_token)
answer() {	# answer JAR REF [curl args]: the status
	local jar=$1 ref=$2
	shift 2
	as "$jar" POST "/inbox/helpdesk/$ref/answer" -H "Origin: $BASE" "$@"
}
is "$(answer "$A" "$Q1" --data-urlencode 'answer=Sans jeton')" 403 "no anti-forgery token: 403"
contains "$TMP/body" "Sans jeton</textarea>" "the text kept"
contains "$TMP/body" "La page a expiré" "saying why"
is "$(answer "$A" "$Q1" --data-urlencode "csrf=$tok" --data-urlencode 'answer=   ')" 400 "an empty answer: 400"
contains "$TMP/body" "Écrivez le texte." "with a translated message"
contains "$TMP/body" 'href="#answer"' "in the summary, linking the field"
long=$(head -c 5001 /dev/zero | tr '\0' 'a')
is "$(answer "$A" "$Q1" --data-urlencode "csrf=$tok" --data-urlencode "answer=$long")" 400 "5,001 characters: 400"
contains "$TMP/body" "5 000 caractères" "saying the limit"
contains "$TMP/body" "$long</textarea>" "the text kept"
is "$(psql_q "SELECT count(*) FROM helpdesk_questions WHERE reference = '$Q1' AND answer IS NOT NULL")" 0 "nothing stored"
is "$(answer "$B" "$Q1" --data-urlencode "csrf=$(as "$B" GET "/inbox/helpdesk/$Q1" >/dev/null; csrf_token)" \
	--data-urlencode 'answer=Un lecteur répond')" 403 "a reader of the help desk cannot answer"
as "$A" GET "/inbox/helpdesk/$Q1" >/dev/null
is "$(answer "$A" "$Q1" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode $'answer=Installeer de eID-software opnieuw.\nMet vriendelijke groeten')" 303 "Agathe answers"
is "$(location)" "/inbox/helpdesk/$Q1?done=answer" "back to the question"
as "$A" GET "$(location)" >/dev/null
contains "$TMP/body" "La réponse a été envoyée" "which says it was sent"
contains "$TMP/body" "Installeer de eID-software opnieuw." "and shows the answer"
is "$(psql_q "SELECT p.surname FROM helpdesk_questions q JOIN agents a ON a.id = q.answered_by JOIN persons p ON p.id = a.person_id WHERE q.reference = '$Q1'")" \
	Lambert "recorded as hers"
is "$(answer "$A" "$Q1" --data-urlencode "csrf=$(csrf_token)" --data-urlencode 'answer=Une seconde fois')" 409 "answered already: 409"
contains "$TMP/body" "Une seconde fois</textarea>" "the second text kept"
contains "$TMP/body" "Installeer de eID-software opnieuw." "beside the answer given"
is "$(psql_q "SELECT answer FROM helpdesk_questions WHERE reference = '$Q1'")" \
	$'Installeer de eID-software opnieuw.\nMet vriendelijke groeten' "the first answer stands"
as "$A" GET '/inbox/helpdesk?state=answered' >/dev/null
contains "$TMP/body" "href=\"/inbox/helpdesk/$Q1\"" "it moves to the answered ones"
as "$A" GET /inbox/helpdesk >/dev/null
lacks "$TMP/body" "href=\"/inbox/helpdesk/$Q1\"" "and off the open ones"
is "$(as "$A" GET /inbox/helpdesk/Q-2026-999999)" 404 "a question that does not exist: 404"

# who may: only the help desk's agents
psql_q "DELETE FROM agent_departments WHERE department_id = (SELECT id FROM departments WHERE code = 'HELPDESK') AND agent_id = (SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '82050600223')" >/dev/null
is "$(as "$B" GET /inbox/helpdesk)" 403 "an agent of other departments only: 403"
contains "$TMP/body" "réservées aux agents de ce service" "saying why"
is "$(as "$B" GET "/inbox/helpdesk/$QJ")" 403 "nor one question"
as "$B" GET /inbox >/dev/null
lacks "$TMP/body" 'href="/inbox/helpdesk"' "and his inbox does not link them"
psql_q "INSERT INTO agent_departments (agent_id, department_id, role) SELECT a.id, d.id, 'reader' FROM agents a JOIN persons p ON p.id = a.person_id, departments d WHERE p.nrn = '82050600223' AND d.code = 'HELPDESK'" >/dev/null
is "$(as "$J" GET /inbox/helpdesk)" 403 "a citizen: 403"

# --- the asker hears of it, and reads it ------------------------------------------------------------------
check "the answer is mailed within seconds" wait_for 10 \
	"SELECT count(*) FROM notification_outbox WHERE kind = 'helpdesk_answer' AND payload->>'reference' = '$Q1' AND sent_at IS NOT NULL" 1
f=$(notices_for "piet.$RUN@example.be" | tail -1)
is "$(subject "$f")" "Vraag $Q1: ons antwoord" "in Dutch"
is "$(link_in "$f")" "$L1" "with the same link"
lacks "$f" "eID-software" "and not the answer's text"
rm -f "$JAR"
is "$(http GET "$L1" -H 'Accept-Language: nl')" 200 "the link shows"
contains "$TMP/body" "Installeer de eID-software opnieuw." "the answer"
contains "$TMP/body" "Ons antwoord" "under its heading"
lacks "$TMP/body" "Lambert" "without the agent's name"

# --- the contact form keeps what was typed ----------------------------------------------------------------
rm -f "$JAR"
http GET /help/contact >/dev/null
tok=$(csrf_token)
n=$(psql_q "SELECT count(*) FROM helpdesk_questions")
name201=$(head -c 201 /dev/zero | tr '\0' 'n')
msg5001=$(head -c 5001 /dev/zero | tr '\0' 'm')
is "$(http POST /help/contact --data-urlencode "csrf=$tok" --data-urlencode "name=$name201" \
	--data-urlencode 'email=x@example.be' --data-urlencode 'subject=Sujet gardé' --data-urlencode "message=$msg5001")" 400 \
	"a name over 200 and a question over 5,000 characters: 400"
contains "$TMP/body" "href=\"#name\"" "the name is in the error summary"
contains "$TMP/body" "href=\"#message\"" "and the question"
contains "$TMP/body" "value=\"$name201\"" "the name typed is kept"
contains "$TMP/body" "$msg5001</textarea>" "the question typed is kept"
contains "$TMP/body" 'value="Sujet gardé"' "and the subject"
is "$(psql_q "SELECT count(*) FROM helpdesk_questions")" "$n" "nothing stored"

# --- nothing personal in the logs -----------------------------------------------------------------------
for log in help inbox notify; do
	lacks "$DIR/log/$log.log" "piet.$RUN@example.be" "no asker's address in the $log log"
	lacks "$DIR/log/$log.log" "$KEY1" "no key in the $log log"
done
lacks "$DIR/log/nginx-access.log" "$KEY1" "nor in nginx's access log"

done_testing
