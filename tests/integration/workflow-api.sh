#!/usr/bin/env bash
# The JSON API of /api/v1 for business applications, with keys made by
# guichet-admin: who may call (no key, a wrong key, a revoked key, another
# department's key); changes since a cursor; a dossier read whole, and
# logged for its citizen; status and messages; files; streamed CSV and
# JSON exports (formula cells defused, zero dossiers); webhooks refused
# for loopback and private addresses, then delivered, signed, retried
# while the application is down, in order, and stopped when removed.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan
make_pdfs
RUN=$$
HOOK_PORT=$((PORT + 84))

key_for() { admin_cmd api-client create "$1" "$2 $RUN" | cut -d' ' -f2; }
api() {	# api KEY METHOD PATH [curl args]: status, body in $TMP/body
	local key=$1 m=$2 path=$3
	shift 3
	curl -s "${CA[@]}" -X "$m" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		${key:+-H "Authorization: Bearer $key"} "$@" "$BASE$path"
}
jq_() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMP/body" "$1"; }

POP=$(key_for POPULATION "Registre communal")
TAX=$(key_for TAXES "Fiscalité")
TOUR=$(key_for TOURISM "Tourisme")
check "a key is made" bash -c "[[ '$POP' =~ ^gk_[0-9a-f]{64}$ ]]"
is "$(psql_q "SELECT count(*) FROM api_clients WHERE encode(key_hash, 'hex') = encode(sha256('$POP'), 'hex')")" 1 \
	"stored by its hash"
is "$(psql_q "SELECT count(*) FROM api_clients WHERE key_hash::text LIKE '%${POP:3:16}%'")" 0 "the key itself nowhere"

# --- who may call ---------------------------------------------------------------------
is "$(api "" GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "no key: 401"
contains "$TMP/headers" "WWW-Authenticate: Bearer" "saying how to authenticate"
is "$(jq_ 'd["status"]')" 401 "in JSON"
is "$(api "gk_$(printf '0%.0s' $(seq 64))" GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "an unknown key: 401"
is "$(api "nonsense" GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "a malformed key: 401"
is "$(api "$POP" GET /api/v1/procedures/RESIDENCE/dossiers)" 200 "the population department's key: 200"
is "$(header Set-Cookie)" "" "no cookie is set"
is "$(api "$TAX" GET /api/v1/procedures/RESIDENCE/dossiers)" 404 "the tax department's key: 404"
is "$(api "$POP" GET /api/v1/procedures/NOPE/dossiers)" 404 "an unknown procedure: 404"

# --- every answer under /api/ is JSON, with the documented error and message ----------------
# err_is STATUS ERROR NAME: the last answer is JSON {"error", "message", "status"}
err_is() {
	is "$(jq_ 'd["error"] + " " + str(d["status"]) + " " + str(bool(d["message"]))' 2>&1)" "$2 $1 True" "$3"
	contains "$TMP/headers" "Content-Type: application/json" "$3: as application/json"
}
api "" GET /api/v1/procedures/RESIDENCE/dossiers >/dev/null
err_is 401 unauthorized "401 without a key: error, message, status"
contains "$TMP/body" "Authorization: Bearer gk_" "the message says how to authenticate"
api "$POP" GET /api/v1/procedures/NOPE/dossiers >/dev/null
err_is 404 not_found "404 of an unknown procedure"
is "$(api "$POP" GET /api/v1/nothing-here)" 404 "an unknown API path: 404"
err_is 404 not_found "an unknown API path answers JSON, not the site's HTML page"
lacks "$TMP/body" "<html" "no HTML"
is "$(api "" GET /api/)" 404 "/api/ itself, without a key: 404"
err_is 404 not_found "/api/ itself: JSON"
is "$(api "$POP" GET '/api/v2/dossiers/x?y=%zz')" 400 "a broken query under /api/: 400"
err_is 400 bad_request "in JSON"
is "$(api "$POP" POST /api/v1/webhooks -H 'Content-Type: text/plain' --data 'url=x')" 415 "a body that is not JSON: 415"
err_is 415 unsupported_media_type "415 in JSON"
contains "$TMP/body" "Content-Type: application/json" "the message names the type to send"
is "$(api "$POP" DELETE /api/v1/webhooks)" 405 "DELETE: 405"
err_is 405 method_not_allowed "405 in JSON"
is "$(header Allow)" "GET, HEAD, POST" "with Allow"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$TMP/big.json"
is "$(api "$POP" POST /api/v1/webhooks -H 'Content-Type: application/json' --data-binary "@$TMP/big.json")" 413 \
	"a body over nginx's 1 MB: 413"
err_is 413 too_large "nginx's own 413 in JSON"
contains "$TMP/headers" "X-Content-Type-Options: nosniff" "with nosniff"
is "$(api "$POP" GET /api/.errors/413)" 404 "nginx's internal error paths are not served"
err_is 404 not_found "and say so in JSON"

# --- or a client certificate, on the API's own port -------------------------------------------
for c in app other; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
		-subj "/O=Registre communal/CN=$c $RUN" -keyout "$TMP/$c.key" -out "$TMP/$c.crt" 2>/dev/null
done
CERT_ID=$(admin_cmd api-client create POPULATION "Registre communal (certificat) $RUN" "$TMP/app.crt" | cut -d' ' -f1)
check "a certificate is registered" test -n "$CERT_ID"
is "$(psql_q "SELECT cert_fingerprint FROM api_clients WHERE id = ${CERT_ID:-0}")" \
	"$(openssl x509 -in "$TMP/app.crt" -outform DER | sha256sum | cut -d' ' -f1)" "known by the SHA-256 of its DER form"
is "$(admin_cmd api-client create POPULATION "again $RUN" "$TMP/app.crt" 2>/dev/null)" "" "registered once only"
is "$(admin_cmd api-client create POPULATION "not one $RUN" "$TMP/body" 2>&1)" \
	"guichet-admin: $TMP/body: no PEM certificate" "a file that holds none is refused"
capi() {	# capi CERT METHOD PATH [BASE]: status, body in $TMP/body
	curl -s "${CA[@]}" ${1:+--cert "$TMP/$1.crt" --key "$TMP/$1.key"} -X "$2" -o "$TMP/body" \
		-w '%{http_code}' "${4:-https://localhost:$API_PORT}$3"
}
is "$(capi app GET /api/v1/procedures/RESIDENCE/dossiers)" 200 "with it: 200"
is "$(capi other GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "an unregistered certificate: 401"
is "$(capi "" GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "no certificate: 401"
is "$(capi app GET /api/v1/procedures/PROPTAX/dossiers)" 404 "another department's procedure: 404"
is "$(capi app GET /api/v1/procedures/RESIDENCE/dossiers "$BASE")" 401 \
	"the main port asks for no certificate: there it counts for nothing"
is "$(capi app GET /help)" 404 "the certificates' port serves the API only"
is "$(capi "" GET /api/v1/nowhere)" 404 "the certificates' port: an unknown API path is 404"
is "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"])' "$TMP/body")" not_found "in JSON"
admin_cmd api-client revoke "$CERT_ID"
is "$(capi app GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "revoked: 401 at once"

# --- a dossier arrives ----------------------------------------------------------------------
eid_login jan /procedures "$J" >/dev/null
sleep 1.2	# what earlier tests changed has settled, and is behind the cursor
api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?limit=500" >/dev/null
CUR=$(jq_ 'd["next"]')
while [ "$(jq_ 'd["more"]')" = True ]; do
	api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?limit=500&since=$CUR" >/dev/null
	CUR=$(jq_ 'd["next"]')
done
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string 'purpose=other' \
	--form-string 'purpose_other==HYPERLINK("http://evil.example")' >/dev/null
is "$(form_submit "$J" "$ID")" 303 "Jan sends a residence request"
REF=$(dossier "$ID" reference)
sleep 1.2	# api.settle_seconds = 1 on the test stack
is "$(api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?since=$CUR")" 200 "changes since the cursor"
is "$(jq_ '[x["reference"] for x in d["dossiers"]]')" "['$REF']" "only the new dossier"
is "$(jq_ 'd["dossiers"][0]["status"]')" soumis "with its status"
CUR2=$(jq_ 'd["next"]')
api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?since=$CUR2" >/dev/null
is "$(jq_ 'len(d["dossiers"])')" 0 "from the next cursor: nothing more"
is "$(api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?since=x.y")" 400 "a cursor that is not one: 400"
is "$(api "$POP" GET "/api/v1/procedures/RESIDENCE/dossiers?limit=100000")" 400 "a limit over 500: 400"

# --- reading it -------------------------------------------------------------------------------
n0=$(psql_q "SELECT count(*) FROM access_log WHERE dossier_id = $ID AND api_client_id IS NOT NULL")
is "$(api "$POP" GET "/api/v1/dossiers/$REF")" 200 "the dossier, whole"
is "$(jq_ 'd["answers"]["purpose"]')" other "with its answers"
is "$(jq_ 'd["applicant"]["nrn"]')" 90010100123 "the applicant"
is "$(jq_ 'd["events"][0]["to"]')" soumis "and its history"
is "$(jq_ 'len(d["receipt_digest"])')" 64 "and the sealed digest"
is "$(psql_q "SELECT count(*) FROM access_log WHERE dossier_id = $ID AND api_client_id IS NOT NULL")" \
	"$((n0 + 1))" "the read is logged"
as "$J" GET /my-data >/dev/null
contains "$TMP/body" "lecture par l&#39;application métier" "Jan sees it in Mes données"
contains "$TMP/body" "Registre communal $RUN" "with the application's name"
is "$(api "$TAX" GET "/api/v1/dossiers/$REF")" 404 "another department's key: 404"
is "$(api "$POP" GET "/api/v1/dossiers/2026-NOPE-000001")" 404 "a reference that does not exist: 404"

# --- webhooks: refused where they could reach inside ------------------------------------------------
hook() { api "$POP" POST /api/v1/webhooks -H 'Content-Type: application/json' --data "{\"url\": \"$1\"}"; }
is "$(hook "https://127.0.0.1:$((HOOK_PORT + 1))/x")" 400 "a loopback address: 400"
contains "$TMP/body" "loopback, private or reserved" "says why"
is "$(hook "https://10.1.2.3/hook")" 400 "a private address: 400"
is "$(hook "https://169.254.169.254/latest/meta-data")" 400 "the cloud metadata address: 400"
is "$(hook "https://[::1]/x")" 400 "IPv6 loopback: 400"
is "$(hook "https://user:pw@apps.example/x")" 400 "credentials in the URL: 400"
is "$(hook "ftp://apps.example/x")" 400 "not http(s): 400"
is "$(hook "http://localhost:$HOOK_PORT/x")" 400 "localhost, even on an allowed port: 400"
mkdir -p "$TMP/hooks"
"$SRC/tests/webhooks/receiver" "$HOOK_PORT" "$TMP/hooks" "$TMP/down" </dev/null >/dev/null 2>&1 &
RECV=$!
trap 'kill $RECV 2>/dev/null; rm -rf "$TMP"' EXIT
for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$HOOK_PORT") 2>/dev/null && break; sleep 0.1; done
is "$(hook "http://127.0.0.1:$HOOK_PORT/guichet")" 201 "the operator's allowed host:port: 201"
HOOK=$(jq_ 'd["id"]') SECRET=$(jq_ 'd["secret"]')
check "with a 256-bit secret" bash -c "[[ '$SECRET' =~ ^[0-9a-f]{64}$ ]]"
api "$POP" GET /api/v1/webhooks >/dev/null
is "$(jq_ '[h["id"] for h in d["webhooks"]]' | grep -c "$HOOK")" 1 "listed"
api "$TAX" GET /api/v1/webhooks >/dev/null
is "$(jq_ '[h["id"] for h in d["webhooks"]]' | grep -c "$HOOK")" 0 "not by another department"

# --- status and messages, each event delivered --------------------------------------------------------
status() { api "$POP" POST "/api/v1/dossiers/$REF/status" -H 'Content-Type: application/json' --data "$@"; }
TRACE=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
is "$(status '{"status": "receptionne"}' -H "traceparent: $TRACE")" 200 "the application acknowledges receipt"
is "$(dossier "$ID" status)" receptionne "received"
is "$(psql_q "SELECT actor_api_client_id IS NOT NULL FROM dossier_events WHERE dossier_id = $ID ORDER BY id DESC LIMIT 1")" t \
	"the event names the application"
is "$(status '{"status": "receptionne"}')" 409 "again: 409"
is "$(jq_ 'd["error"]')" conflict "in JSON"
is "$(status '{"status": "soumis"}')" 400 "a status applications do not set: 400"
is "$(status '{"status": ')" 400 "broken JSON: 400"
is "$(status '["receptionne"]')" 400 "JSON that is not an object: 400"
is "$(api "$POP" POST "/api/v1/dossiers/$REF/status" --data 'status=receptionne')" 415 "a form instead of JSON: 415"
is "$(api "$TAX" POST "/api/v1/dossiers/$REF/status" -H 'Content-Type: application/json' --data '{"status": "cloture"}')" 404 \
	"another department's key: 404"
msg() { api "$POP" POST "/api/v1/dossiers/$REF/messages" -H 'Content-Type: application/json' --data "$1"; }
is "$(msg '{"body": "Joignez votre bail.", "complement": true}')" 201 "the application asks for a complement"
is "$(dossier "$ID" "waiting_since IS NOT NULL")" t "the dossier waits for Jan"
is "$(msg '{"body": ""}')" 400 "an empty message: 400"
is "$(msg "{\"body\": \"$(head -c 5001 /dev/zero | tr '\0' 'a')\"}")" 400 "5,001 characters: 400"
is "$(msg '{"body": "x", "complement": "yes"}')" 400 "complement not a boolean: 400"

wait_rows() {	# wait_rows SECONDS SQL WANT
	local i
	for i in $(seq $(($1 * 10))); do [ "$(psql_q "$2")" = "$3" ] && return 0; sleep 0.1; done
	return 1
}
check "both events reach the application" wait_rows 10 \
	"SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NOT NULL" 2
ls "$TMP/hooks"/*.json >"$TMP/got" 2>/dev/null
is "$(wc -l <"$TMP/got")" 2 "two POSTs"
f=$(head -1 "$TMP/got")
verify() {	# verify FILE SECRET: the signature's check
	python3 - "$1" "$2" <<-'EOF'
	import hashlib, hmac, json, sys
	r = json.load(open(sys.argv[1]))
	h = {k.lower(): v for k, v in r['headers'].items()}
	want = 'sha256=' + hmac.new(bytes.fromhex(sys.argv[2]), (h['x-guichet-timestamp'] + '.' + r['body']).encode(), hashlib.sha256).hexdigest()
	print('good' if hmac.compare_digest(want, h['x-guichet-signature']) else 'bad')
	EOF
}
is "$(verify "$f" "$SECRET")" good "signed with HMAC-SHA256 over timestamp and body"
is "$(verify "$f" "$(printf '1%.0s' $(seq 64))")" bad "which another secret does not match"
# A receiver that read docs/api.md only ("Verifying a delivery"): its shell recipe.
hook_part() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); h={k.lower(): v for k, v in r["headers"].items()}; sys.stdout.write(r["body"] if sys.argv[2] == "body" else h[sys.argv[2]])' "$1" "$2"; }
TIMESTAMP=$(hook_part "$f" x-guichet-timestamp) BODY=$(hook_part "$f" body)
doc_sig=$(printf '%s.%s' "$TIMESTAMP" "$BODY" |
	openssl dgst -sha256 -mac HMAC -macopt "hexkey:$SECRET" | sed 's/^.*= //')
is "sha256=$doc_sig" "$(hook_part "$f" x-guichet-signature)" "the docs' recipe (the secret hex-decoded as the key) verifies a real delivery"
text_sig=$(printf '%s.%s' "$TIMESTAMP" "$BODY" |
	openssl dgst -sha256 -mac HMAC -macopt "key:$SECRET" | sed 's/^.*= //')
check "the secret's 64 characters as the key do not, as the docs warn" test "sha256=$text_sig" != "$(hook_part "$f" x-guichet-signature)"
vec=$(printf '%s.%s' 1700000000 '{"event":"dossier","kind":"status"}' |
	openssl dgst -sha256 -mac HMAC -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | sed 's/^.*= //')
contains "$SRC/docs/api.md" "sha256=$vec" "the docs' test vector is what their recipe gives"
is "$(python3 -c 'import json,sys; b=json.loads(json.load(open(sys.argv[1]))["body"]); print(b["kind"], b["to"], b["reference"])' "$f")" \
	"status receptionne $REF" "the first says what happened to which dossier"
lacks "$f" "Grote Markt" "and nothing of the dossier's content"
lacks "$f" "90010100123" "no national number"
is "$(hook_part "$f" traceparent)" "$TRACE" "the W3C traceparent of the request that caused it (docs/operations.md)"

# --- the application down: retries, then in order -----------------------------------------------------
touch "$TMP/down"
as "$J" GET "/dossiers/$REF" >/dev/null
is "$(as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$(csrf_token)" -F 'body=Voici le bail.' \
	-F "file=@$TMP/ok.pdf;filename=bail.pdf")" 303 "Jan answers with his lease"
is "$(status '{"status": "en_traitement"}')" 200 "processing"
is "$(status '{"status": "cloture", "reason": "Certificat délivré"}')" 200 "closed"
check "while the application is down, each is tried and kept" wait_rows 10 \
	"SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NULL AND last_status = 503" 1
sleep 2.5
is "$(psql_q "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NULL")" 3 \
	"three wait"
check "the first was tried again" test "$(psql_q "SELECT max(attempts) FROM webhook_deliveries
	WHERE webhook_id = $HOOK AND delivered_at IS NULL")" -ge 2
is "$(psql_q "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NULL AND attempts > 0")" 1 \
	"only the oldest is tried: the later ones wait their turn"
rm -f "$TMP/down"
check "back up: all delivered" wait_rows 15 \
	"SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NULL" 0
ls "$TMP/hooks"/*.json | sort >"$TMP/got"
is "$(tail -3 "$TMP/got" | xargs -n1 python3 -c 'import json,sys; b=json.loads(json.load(open(sys.argv[1]))["body"]); print(b["kind"] + ":" + (b["to"] or ""))' | tr '\n' ' ')" \
	"complement_answer: status:en_traitement status:cloture " "in the order they happened"

# --- files and exports -------------------------------------------------------------------------------
api "$POP" GET "/api/v1/dossiers/$REF" >/dev/null
HREF=$(jq_ '[f["href"] for f in d["files"] if f["message"]][0]')
is "$(api "$POP" GET "$HREF")" 200 "the lease, through the API"
cmp -s "$TMP/body" "$TMP/ok.pdf"; ok $? "byte for byte"
is "$(api "$POP" GET /api/v1/procedures/RESIDENCE/export.csv)" 200 "a CSV export"
contains "$TMP/headers" "text/csv" "as CSV"
cp "$TMP/body" "$TMP/export.csv"
is "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1])))) - 1)' "$TMP/export.csv")" \
	"$(psql_q "SELECT count(*) FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE p.code = 'RESIDENCE' AND d.reference IS NOT NULL")" \
	"one row per sent dossier"
is "$(head -1 "$TMP/export.csv" | cut -d, -f1,11)" '"reference","address"' "the fixed columns, then the questions"
is "$(python3 -c 'import csv,sys; print([r for r in csv.DictReader(open(sys.argv[1])) if r["reference"] == sys.argv[2]][0]["purpose_other"])' "$TMP/export.csv" "$REF")" \
	"'=HYPERLINK(\"http://evil.example\")" "a cell a spreadsheet would run is defused"
is "$(api "$POP" GET "/api/v1/procedures/RESIDENCE/export.json?status=cloture")" 200 "a JSON export of the closed ones"
is "$(jq_ '[x["reference"] for x in d if x["reference"] == "'"$REF"'"]')" "['$REF']" "holds this one"
is "$(jq_ 'set(x["status"] for x in d)')" "{'cloture'}" "and only closed ones"
is "$(psql_q "SELECT count(*) FROM access_log WHERE api_client_id IS NOT NULL AND purpose = 'export' AND dossier_id = $ID")" 2 \
	"each export is logged for the citizen"
is "$(api "$TOUR" GET /api/v1/procedures/TOURISM/export.json?status=en_traitement)" 200 "an export of nothing"
is "$(jq_ 'd')" "[]" "is an empty array"
is "$(api "$TOUR" GET /api/v1/procedures/TOURISM/export.csv?status=en_traitement)" 200 "and as CSV"
is "$(wc -l <"$TMP/body")" 1 "just the header"
is "$(api "$TAX" GET /api/v1/procedures/RESIDENCE/export.csv)" 404 "another department's procedure: 404"
# A row that cannot be written whole (answers nested deeper than jansson reads), once
# 2,000 rows have gone out with the 200: the transfer is cut, not ended as if whole.
psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id,
	  data, submitted_at, updated_at)
	SELECT 'X-CUT-$RUN-' || lpad(g::text, 4, '0'), p.id, p.current_version, 'en_traitement',
	  $(dossier "$ID" owner_person_id), CASE WHEN g <= 2000 THEN '{\"kind\": \"gite\"}'::jsonb
	  ELSE jsonb_build_object('kind', (repeat('[', 3000) || repeat(']', 3000))::jsonb) END, now(), now()
	  FROM generate_series(1, 2001) g, procedures p WHERE p.code = 'TOURISM'" >/dev/null
for f in csv json; do
	got=$(api "$TOUR" GET "/api/v1/procedures/TOURISM/export.$f?status=en_traitement"); rc=$?
	is "$got $rc" "200 18" "$f: a row that fails half-way cuts the 200 short (curl: partial transfer)"
	check "$f: after rows that went out" test "$(grep -o "X-CUT-$RUN-" "$TMP/body" | wc -l)" -gt 100
	lacks "$TMP/body" "X-CUT-$RUN-2001" "$f: and none of the row that failed"
done
is "$(grep -c 'export: TOURISM cut short' "$DIR/log/api.log")" 2 "logged"
psql_q "DELETE FROM dossiers WHERE reference LIKE 'X-CUT-$RUN-%'" >/dev/null
is "$(api "$TOUR" GET /api/v1/procedures/TOURISM/export.csv?status=en_traitement)" 200 "the next export is whole"
is "$(wc -l <"$TMP/body")" 1 "and empty again"

# --- removing the webhook, revoking the key -------------------------------------------------------------
is "$(api "$TAX" POST "/api/v1/webhooks/$HOOK/delete")" 404 "another department cannot remove it"
is "$(api "$POP" POST "/api/v1/webhooks/$HOOK/delete")" 200 "removed"
before=$(ls "$TMP/hooks" | wc -l)
psql_q "SELECT dossier_archive($ID, $(dossier "$ID" owner_person_id), true)" >/dev/null
sleep 1
is "$(ls "$TMP/hooks" | wc -l)" "$before" "no more deliveries"
CID=$(psql_q "SELECT id FROM api_clients WHERE encode(key_hash, 'hex') = encode(sha256('$POP'), 'hex')")
admin_cmd api-client revoke "$CID"
is "$(api "$POP" GET /api/v1/procedures/RESIDENCE/dossiers)" 401 "a revoked key: 401 at once"
lacks "$DIR/log/api.log" "90010100123" "no national number in the API's log"
lacks "$DIR/log/notify.log" "$SECRET" "no webhook secret in the worker's log"

# --- the API program away: nginx's 502 is JSON too ------------------------------------------------------
sock=$DIR/run/api.sock pidf=$DIR/run/api.pid
kill -TERM "$(cat "$pidf")"
for i in $(seq 50); do [ -S "$sock" ] || break; sleep 0.1; done
is "$(api "$TOUR" GET /api/v1/webhooks)" 502 "the API program stopped: 502"
err_is 502 unavailable "nginx's 502 in JSON"
"$BUILD/cgi-bin/api/guichet-api" --conf "$DIR/guichet.conf" --listen "$sock" \
	--log "$DIR/log/api.log" </dev/null >/dev/null 2>&1 &
echo $! >"$pidf"
for i in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
is "$(api "$TOUR" GET /api/v1/webhooks)" 200 "restarted for the tests that follow"

done_testing
