#!/usr/bin/env bash
# Certificates when the national register is down or slow
# (docs/certificates.md): the request waits in the queue, its page
# refreshes itself without JavaScript, nothing is lost when the worker
# stops, and once the register is back the worker issues it and the user
# is notified; a queued request for someone the register does not know
# ends as "not issued", notified too.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise N=$TMP/nadia
REGISTER=http://127.0.0.1:$((PORT + 83))
NOTIFY=$BUILD/cgi-bin/notify/guichet-notify
RUN=$(date +%s%N)

register_mode() { curl -s -o /dev/null -w '%{http_code}' -X POST "$REGISTER/_mode/$1"; }

# Élise's person exists once she has logged in.
eid_login elise /certificates "$E" >/dev/null
eid_login nadia /certificates "$N" >/dev/null
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
SAVED=$(psql_q "SELECT coalesce(email, '') || '|' || coalesce(email_verified_at::text, '') FROM persons WHERE id = $ELISE")
restore() {
	register_mode normal >/dev/null
	(. "$SRC/conf/dev/stack"; stack_ports; tsa_start) >/dev/null 2>&1
	psql_q "UPDATE persons SET email = nullif(split_part('$SAVED', '|', 1), ''),
		email_verified_at = nullif(split_part('$SAVED', '|', 2), '')::timestamptz WHERE id = $ELISE" >/dev/null
	rm -rf "$TMP"
}
trap restore EXIT
is "$(psql_q "UPDATE persons SET email = 'elise.$RUN@example.be', email_verified_at = now() WHERE id = $ELISE RETURNING 1")" 1 \
	"Élise has a confirmed address for notifications"

# --- the register is down -------------------------------------------------------------
is "$(register_mode down)" 200 "the register stand-in is down"
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=vault)" 303 "asked while the register is down: 303"
DOWN=$(cref)
is "$(req_col "$DOWN" "status || ' ' || (register_data IS NULL) || ' ' || (document_id IS NULL)")" "queued true true" \
	"queued, with no data and no document yet"
is "$(as "$E" GET "/certificates/requests/$DOWN")" 200 "its page: 200"
is "$(header Refresh)" "2; url=/certificates/requests/$DOWN/wait" \
	"refreshes itself every 2 seconds (an HTTP header, no JavaScript), at its passive twin"
contains "$TMP/body" "Cette page s" "and says so"
contains "$TMP/body" "/certificates/requests/$DOWN\">" "with a link to refresh by hand"
lacks "$TMP/body" "<script" "no script"
is "$(as "$E" GET "/certificates/requests/$DOWN/wait")" 200 "which shows the same page (kiosk.sh: no sign of life)"
contains "$TMP/body" 'data-status="queued"' "still queued"
is "$(cert_request "$N" LIFE --data lang=fr --data delivery=vault)" 303 "Nadia's request is queued too (the register cannot say she is unknown)"
UNKNOWN=$(cref)

# --- the register is slow --------------------------------------------------------------
is "$(register_mode slow)" 200 "the register stand-in is slow (5 s)"
t0=$(date +%s%N)
is "$(cert_request "$E" HOUSEHOLD --data lang=fr --data delivery=vault)" 303 "asked while it is slow: 303"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "the answer came after the connector's limit, before the register's 5 s (${ms} ms)" test "$ms" -lt 4800
SLOW=$(cref)
is "$(req_col "$SLOW" status)" queued "queued"

# --- nothing lost while the worker is stopped --------------------------------------------
pid=$(cat "$DIR/run/notify.pid")
kill "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "the worker is stopped" bash -c "! kill -0 $pid 2>/dev/null"
is "$(register_mode normal)" 200 "the register is back"
sleep 2
is "$(req_col "$DOWN" status) $(req_col "$SLOW" status)" "queued queued" "without a worker, the requests wait"
# the time-stamping authority away too: the worker seals without a timestamp (lib/pades.c)
kill "$(cat "$DIR/run/tsa.pid")"
setsid "$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify.log" </dev/null >/dev/null 2>&1 &
echo $! >"$DIR/run/notify.pid"

check "the worker back, the request made while the register was down is issued" \
	wait_for 30 "SELECT status FROM certificate_requests WHERE reference = '$DOWN'" issued
check "and the one made while it was slow" \
	wait_for 30 "SELECT status FROM certificate_requests WHERE reference = '$SLOW'" issued
is "$(req_col "$DOWN" "automatic || ' ' || (register_data->>'surname')")" "true Dubois-Lefèvre" \
	"automatically, with the register's data of the time of issue"
as "$E" GET "/certificates/requests/$DOWN" >/dev/null
contains "$TMP/body" 'data-status="issued"' "its page says issued"
is "$(header Refresh)" "" "and no longer refreshes"
doc=$(req_col "$DOWN" document_id)
as "$E" GET "/documents/$doc" >/dev/null
check "the certificate is in the vault, with the address" grep -q "Rue des Guillemins 12 bte B" <(pdftotext -q "$TMP/body" -)
cp "$TMP/body" "$TMP/down.pdf"
pdfsig -no-ocsp "$TMP/down.pdf" >"$TMP/sig" 2>&1
contains "$TMP/sig" "Signature is Valid" "with the TSA away as well, the queued certificate is sealed all the same"
admin_cmd pdf check "$TMP/down.pdf" >"$TMP/check" 2>&1
contains "$TMP/check" ": ok, no timestamp" "without a timestamp (B-B): the TSA never holds a certificate back"
(. "$SRC/conf/dev/stack"; stack_ports; tsa_start) >/dev/null 2>&1
check "the user is notified by email" wait_for 15 \
	"SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_issued' AND sent_at IS NOT NULL AND payload->>'reference' IN ('$DOWN', '$SLOW')" 2
mail=$(notices_for "elise.$RUN@example.be" | head -1)
case "$(subject "$mail")" in "Certificat C-"*": délivré") ok 0 "subject: $(subject "$mail")" ;; *) ok 1 "subject: $(subject "$mail")" ;; esac
check "the mail links to the request" grep -q "/certificates/requests/C-" "$mail"
check "and carries no national number" bash -c "! grep -q 85073003328 '$mail'"

check "the request of someone the register does not know ends as not issued" \
	wait_for 30 "SELECT status FROM certificate_requests WHERE reference = '$UNKNOWN'" unknown
is "$(req_col "$UNKNOWN" "document_id IS NULL")" t "nothing issued"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_unknown' AND payload->>'reference' = '$UNKNOWN'")" 1 \
	"and she is notified"
as "$N" GET "/certificates/requests/$UNKNOWN" >/dev/null
contains "$TMP/body" "pas pu être délivré : le Registre national" "her page says why"
check "the worker logged no national number" bash -c "! grep -qE '85073003328|92041512329' '$DIR/log/notify.log'"

done_testing
