#!/usr/bin/env bash
# The notification worker against the real local mail server: a submission
# mails its user in the language of the page, with the reference and a
# link and nothing else of the dossier; with the mail server stopped, three
# workers retry with backoff and, once it is back, every notification
# arrives exactly once; rows that can never be sent leave the queue.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan
RUN=$$	# addresses of this run only: the mail sink may hold earlier runs
NOTIFY=$BUILD/cgi-bin/notify/guichet-notify

check "the stack runs a notification worker" kill -0 "$(cat "$DIR/run/notify.pid")"

# --- a submission: one email, in the page's language, reference and link only -----
eid_login jan /procedures/RESIDENCE "$J" >/dev/null
JAN=$(psql_q "SELECT person_id FROM sessions ORDER BY id DESC LIMIT 1")
JAN_EMAIL=$(psql_q "SELECT coalesce(email, '') || '|' || coalesce(email_verified_at::text, '') FROM persons WHERE id = $JAN")
restore_email() {	# the tests after this one expect Jan's own address
	psql_q "UPDATE persons SET email = nullif(split_part('$JAN_EMAIL', '|', 1), ''),
		email_verified_at = nullif(split_part('$JAN_EMAIL', '|', 2), '')::timestamptz WHERE id = $JAN" >/dev/null
	rm -rf "$TMP"
}
trap restore_email EXIT
# A confirmed address (profile.sh confirms one through the link)
psql_q "UPDATE persons SET email = 'jan.$RUN@example.be', email_verified_at = now() WHERE id = $JAN" >/dev/null
ID=$(form_start "$J" RESIDENCE)
is "$(residence_page "$J" "$ID" nl --form-string 'purpose=bank')" 303 "a residence request filled"
as "$J" GET "/forms/$ID/summary?lang=nl" >/dev/null
key=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
is "$(as "$J" POST "/forms/$ID/submit?lang=nl" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "submit_key=$key")" 303 "and submitted from the Dutch page"
REF=$(dossier "$ID" reference)
check "its notification is sent within seconds" wait_for 10 \
	"SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID AND sent_at IS NOT NULL" 1
f=$(notices_for jan.$RUN@example.be | tail -1)
check "the mail server got it" test -n "$f"
[ -n "$f" ] || f=/dev/null
is "$(notices_for jan.$RUN@example.be | wc -l)" 1 "once"
is "$(subject "$f")" "Dossier $REF: verstuurd" "in Dutch, the page's language, with the reference"
contains "$f" "$BASE/dossiers/$REF" "with a link to the dossier"
contains "$f" "Message-ID: <notification-$(psql_q "SELECT id FROM notification_outbox WHERE dossier_id = $ID")@" \
	"the Message-ID is the notification's"
contains "$f" "Auto-Submitted: auto-generated" "marked automatic"
lacks "$f" "Grote Markt" "no address in it"
lacks "$f" "$(psql_q "SELECT surname FROM persons WHERE email = 'jan.$RUN@example.be'")" "no name in it"
lacks "$f" "$(psql_q "SELECT nrn FROM persons WHERE email = 'jan.$RUN@example.be'")" "no national number in it"

# --- the mail server away: retries with backoff, then each exactly once ---------------
kill "$(cat "$DIR/run/smtp.pid")"; sleep 0.3
"$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify-2.log" </dev/null >/dev/null 2>&1 & W2=$!
"$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify-3.log" </dev/null >/dev/null 2>&1 & W3=$!
FIRST=$(psql_q "SELECT coalesce(max(id), 0) FROM notification_outbox")
psql_q "INSERT INTO notification_outbox (kind, email, lang, payload)
	SELECT (ARRAY['dossier_status', 'message', 'document', 'complement_request'])[1 + g % 4],
	       'bulk' || g || '.$RUN@example.be', (ARRAY['fr', 'nl', 'de', 'en'])[1 + g % 4]::lang_code,
	       json_build_object('reference', '2026-BULK-' || lpad(g::text, 6, '0'), 'status', 'en_traitement')
	  FROM generate_series(1, 300) g" >/dev/null
BULK="id > $FIRST AND email LIKE 'bulk%.$RUN@example.be'"
check "while it is away, every row is tried" wait_for 10 \
	"SELECT count(*) FROM notification_outbox WHERE $BULK AND attempts >= 1" 300
sleep 2.5
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE $BULK AND sent_at IS NOT NULL")" 0 "none is marked sent"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE $BULK AND attempts >= 2")" 300 \
	"each was tried again after the backoff"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE $BULK AND last_error IS NULL")" 0 \
	"with the error kept"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE $BULK
	AND next_attempt_at > now() + interval '3 seconds'")" 0 "no retry further away than backoff_max"
contains "$DIR/log/notify.log" "mail server unavailable" "the worker says why in its log"

"$SRC/conf/dev/smtp-sink" "$SMTP_PORT" "$DIR/mail" </dev/null >>"$DIR/log/smtp.log" 2>&1 &
echo $! >"$DIR/run/smtp.pid"
check "the mail server back: all 300 are sent" wait_for 30 \
	"SELECT count(*) FROM notification_outbox WHERE $BULK AND sent_at IS NOT NULL" 300
sleep 0.5
ls "$DIR"/mail/*.eml | xargs grep -l "^X-Envelope-To: bulk[0-9]*.$RUN@" >"$TMP/bulk" || true
is "$(wc -l <"$TMP/bulk")" 300 "300 emails arrived"
is "$(xargs grep -h '^Message-ID:' <"$TMP/bulk" | sort -u | wc -l)" 300 "each a different notification: none twice"
is "$(xargs grep -h '^X-Envelope-To:' <"$TMP/bulk" | sort -u | wc -l)" 300 "each to its own address"
# Which worker takes which batch is a race; that more than one took some
# is not (three batches of 100, three workers polling every 100 ms).
check "the rows were shared between workers" test "$(psql_q "SELECT count(DISTINCT claimed_by)
	FROM notification_outbox WHERE $BULK")" -ge 2
f=$(grep -l "^X-Envelope-To: bulk1.$RUN@" "$DIR"/mail/*.eml | head -1)
is "$(subject "$f")" "Dossier 2026-BULK-000001: nieuw bericht" "a message notice in Dutch"
f=$(grep -l "^X-Envelope-To: bulk2.$RUN@" "$DIR"/mail/*.eml | head -1)
is "$(subject "$f")" "Antrag 2026-BULK-000002: neues Dokument" "a document notice in German"
f=$(grep -l "^X-Envelope-To: bulk4.$RUN@" "$DIR"/mail/*.eml | head -1)
is "$(subject "$f")" "Dossier 2026-BULK-000004 : En traitement" "a status notice in French names the status"

# --- what can never be sent leaves the queue, with why ---------------------------
N=$(psql_q "INSERT INTO notification_outbox (kind, payload) VALUES ('message', '{\"reference\": \"2026-X-000001\"}') RETURNING id")
U=$(psql_q "INSERT INTO notification_outbox (kind, email, payload) VALUES ('unheard_of', 'u@example.be', '{\"reference\": \"2026-X-000002\"}') RETURNING id")
B=$(psql_q "INSERT INTO notification_outbox (kind, email, payload) VALUES ('message', 'b@example.be', '{\"reference\": \"<script>\"}') RETURNING id")
check "no address: given up" wait_for 10 "SELECT last_error FROM notification_outbox WHERE id = $N AND dropped_at IS NOT NULL" "no address"
check "an unknown kind: given up" wait_for 10 "SELECT last_error FROM notification_outbox WHERE id = $U AND dropped_at IS NOT NULL" "cannot compose"
check "a reference that is not one: given up" wait_for 10 "SELECT last_error FROM notification_outbox WHERE id = $B AND dropped_at IS NOT NULL" "cannot compose"
is "$(grep -l '^X-Envelope-To: [ub]@example.be' "$DIR"/mail/*.eml 2>/dev/null | wc -l)" 0 "and nothing was mailed for them"

# --- stopping --------------------------------------------------------------------
kill "$W2" "$W3"
for i in $(seq 30); do kill -0 "$W2" 2>/dev/null || kill -0 "$W3" 2>/dev/null || break; sleep 0.1; done
check "a worker stops at once on SIGTERM" bash -c "! kill -0 $W2 2>/dev/null && ! kill -0 $W3 2>/dev/null"
lacks "$DIR/log/notify.log" "@example.be" "no address in the worker's log"
lacks "$DIR/log/notify-2.log" "@example.be" "nor in the others'"

done_testing
