#!/usr/bin/env bash
# What a hosting team watches (docs/operations.md): each program's /metrics
# on the monitoring's port, the sum of all its workers, with no personal
# data in labels; /healthz for load balancers, degraded while the database
# is away; a killed worker restarted and counted; the W3C traceparent in
# the programs' JSON logs.  Prints TAP.
. "$(dirname "$0")/lib.sh"

MON=http://127.0.0.1:$MONITOR_PORT
metrics() { curl -s "$MON/metrics/$1" >"$TMP/metrics-$1"; }
# value PROGRAM 'NAME{LABELS}': the sample's value, 0 when absent
value() {
	awk -v k="$2" 'index($0, k " ") == 1 { print $2; found = 1 } END { if (!found) print 0 }' \
		"$TMP/metrics-$1"
}
art='guichet_requests_total{program="help",route="/help/articles/:slug",method="GET",code="2xx"}'

# --- the counters, summed over the workers ---------------------------------------------
metrics help
before=$(value help "$art")
for i in $(seq 20); do http GET /help/articles/eid-pin-code >/dev/null; done
metrics help
is "$(value help "$art")" "$((before + 20))" \
	"20 article pages: +20 for their route, whichever of the two workers served them"
is "$(value help 'guichet_workers_alive{program="help"}')" 2 "two workers alive"
check "the latency histogram of the route has its +Inf bucket" \
	grep -q '^guichet_request_duration_seconds_bucket{program="help",route="/help/articles/:slug",method="GET",le="+Inf"} [1-9]' \
	"$TMP/metrics-help"
nf='guichet_requests_total{program="help",route="none",method="any",code="4xx"}'
before=$(value help "$nf")
http GET /help/no/such/page/at/all >/dev/null
metrics help
is "$(value help "$nf")" "$((before + 1))" "a path no route serves: counted as route none, 4xx"
lacks "$TMP/metrics-help" "no/such/page" "the path itself never becomes a label"
check "the text is Prometheus's (every sample of a declared family)" python3 -c '
import re, sys
families, ok = set(), True
for line in open(sys.argv[1]):
    m = re.match(r"# TYPE (\S+) (counter|gauge|histogram)$", line)
    if m: families.add(m.group(1)); continue
    if line.startswith("#"): continue
    m = re.match(r"([a-z_]+)\{([a-z_]+=\"[^\"\\\n]*\",?)*\} [0-9.e+-]+$", line.strip())
    name = m and re.sub(r"_(bucket|sum|count)$", "", m.group(1))
    ok = ok and m is not None and (m.group(1) in families or name in families)
sys.exit(0 if ok else 1)' "$TMP/metrics-help"

# --- the shipped monitoring configuration (conf/monitoring/) -------------------------------
for p in help api; do
	metrics "$p"
	promtool check metrics <"$TMP/metrics-$p" >"$TMP/lint" 2>&1
	ok $? "promtool finds nothing to say of $p's metrics" || sed 's/^/# /' "$TMP/lint"
done
sed "s|/etc/prometheus/guichet-rules.yml|$SRC/conf/monitoring/guichet-rules.yml|" \
	"$SRC/conf/monitoring/prometheus.yml" >"$TMP/prometheus.yml"
check "promtool accepts the scrape configuration and its rules" promtool check config "$TMP/prometheus.yml"
# every guichet_ series the rules and the dashboard name is one we export
cat "$TMP"/metrics-* >"$TMP/all-metrics"
missing=$(grep -ohE 'guichet_[a-z_]+' "$SRC/conf/monitoring/guichet-rules.yml" "$SRC/conf/monitoring/grafana-dashboard.json" |
	sed -E 's/_(bucket|sum|count)$//' | sort -u | while read -r m; do
		grep -q "^# TYPE $m " "$TMP/all-metrics" || echo "$m"
	done)
is "$missing" "" "the rules and the dashboard name only series the programs export"
check "the dashboard is JSON with its panels" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if len(d["panels"]) >= 10 and all(p["targets"] for p in d["panels"]) else 1)' \
	"$SRC/conf/monitoring/grafana-dashboard.json"

# --- what the site does not show -----------------------------------------------------
is "$(http GET /metrics)" 404 "the site has no /metrics"
http GET /help -H 'Guichet-Ops: metrics' >/dev/null
lacks "$TMP/body" "guichet_requests_total" "a client's header cannot ask a program for its counters"
is "$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "$MON/metrics/help")" 403 \
	"the monitoring's port refuses an address it does not list"
is "$(curl -s -o /dev/null -w '%{http_code}' "$MON/metrics/nothing")" 404 "an unknown program: 404"
curl -s "$MON/nginx_status" >"$TMP/stub"
contains "$TMP/stub" "Active connections" "nginx's stub_status for the nginx exporter"

# --- logins and refusals, and no personal data in labels -----------------------------
J=$TMP/jan
metrics login
logins=$(value login 'guichet_logins_total{program="login",method="eid"}')
eid_login jan /help "$J" >/dev/null
refused='guichet_login_refusals_total{program="login",method="eid",reason="no_certificate"}'
before=$(value login "$refused")
curl -s "${CA[@]}" -o /dev/null "$EID_BASE/login/eid?return=/help"
metrics login
is "$(value login 'guichet_logins_total{program="login",method="eid"}')" "$((logins + 1))" \
	"an eID login: counted by method"
is "$(value login "$refused")" "$((before + 1))" "the eID port without a card: a refusal, by reason"
# Jan Peeters' card (tests/eid): no national number, no name
check "the login's metrics hold no national number and no name" \
	bash -c "! grep -qE '[0-9]{11}|Peeters|Jan' '$TMP/metrics-login'"

# --- submissions per procedure ------------------------------------------------------------
metrics forms
sub='guichet_submissions_total{program="forms",procedure="RESIDENCE"}'
before=$(value forms "$sub")
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string 'purpose=bank' >/dev/null
tp=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
as "$J" GET "/forms/$ID/summary" >/dev/null
key=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
is "$(as "$J" POST "/forms/$ID/submit" -H "Origin: $BASE" -H "traceparent: $tp" \
	--data-urlencode "csrf=$(csrf_token)" --data "submit_key=$key")" 303 \
	"a residence certificate submitted, with a load balancer's traceparent"
metrics forms
is "$(value forms "$sub")" "$((before + 1))" "counted under its procedure"
is "$(psql_q "SELECT trace FROM notification_outbox WHERE dossier_id = $ID AND kind = 'dossier_submitted'")" "$tp" \
	"the notification it queued carries the request's traceparent"
# the notification worker sends a queued mail with it in a header
psql_q "INSERT INTO notification_outbox (kind, email, payload, trace)
	VALUES ('dossier_submitted', 'operations-$$@example.be',
	        json_build_object('reference', '2026-RESIDENCE-999999'), '$tp')" >/dev/null
check "the mail is sent" wait_for 10 \
	"SELECT count(*) FROM notification_outbox WHERE email = 'operations-$$@example.be' AND sent_at IS NOT NULL" 1
contains "$(notices_for operations-$$@example.be | tail -1)" "Traceparent: $tp" "with the traceparent in its headers"

# --- the queues, from the API's program --------------------------------------------------
metrics api
check "the outbox's backlog and the age of its oldest message" \
	grep -qE '^guichet_queue_oldest_seconds\{queue="outbox"\} [0-9]+$' "$TMP/metrics-api"
# due tomorrow, so the notification worker leaves them alone
psql_q "INSERT INTO notification_outbox (kind, email, created_at, next_attempt_at)
	VALUES ('test_operations', 'nobody@example.invalid', now() - interval '1 hour', now() + interval '1 day'),
	       ('test_operations', 'nobody@example.invalid', now() - interval '1 hour', now() + interval '1 day')" >/dev/null
metrics api
backlog=$(value api 'guichet_queue_backlog{queue="outbox"}')
check "two messages waiting: a backlog of at least two" test "$backlog" -ge 2
oldest=$(value api 'guichet_queue_oldest_seconds{queue="outbox"}')
check "the oldest has waited an hour ($oldest s)" test "$oldest" -ge 3600
psql_q "DELETE FROM notification_outbox WHERE kind = 'test_operations'" >/dev/null

# --- health, and a worker killed ----------------------------------------------------
is "$(http GET /healthz)" 200 "/healthz: 200"
is "$(cat "$TMP/body")" "ok" "says ok"
master=$(cat "$DIR/run/help.pid")
victim=$(pgrep -P "$master" | head -1)
metrics help
restarts=$(value help 'guichet_worker_restarts_total{program="help",cause="SIGKILL"}')
kill -9 "$victim"
sleep 1.5
metrics help
is "$(value help 'guichet_worker_restarts_total{program="help",cause="SIGKILL"}')" "$((restarts + 1))" \
	"a worker killed (as by the OOM killer): restarted and counted by cause"
is "$(value help 'guichet_workers_alive{program="help"}')" 2 "and two workers are alive again"

pg_ctl_as -m fast -w stop >/dev/null
is "$(http GET /healthz)" 503 "the database away: /healthz says 503"
is "$(tr '\n' '|' <"$TMP/body")" "degraded|database unreachable|" "degraded, and why"
is "$(curl -s -o /dev/null -w '%{http_code}' "$MON/healthz/inbox")" 503 \
	"each program's own health on the monitoring's port"
pg_ctl_as -l "$DIR/pg/server.log" -w start >/dev/null
is "$(http GET /healthz)" 200 "the database back: ok again"
metrics help
check "the failed connections are counted" \
	test "$(value help 'guichet_db_connect_failures_total{program="help"}')" -ge 1
for i in 1 2 3 4; do http GET /help >/dev/null; done
metrics help
check "the reconnections too" \
	test "$(value help 'guichet_db_reconnects_total{program="help"}')" -ge 1

# --- one request followed: the traceparent in the programs' logs ------------------------
tp=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
http GET /help/articles/eid-pin-code -H "traceparent: $tp" >/dev/null
sleep 0.2
check "a load balancer's traceparent is on the program's access-log line" \
	grep -q "\"trace\":\"$tp\",\"method\":\"GET\",\"route\":\"/help/articles/:slug\"" "$DIR/log/help.log"
http GET /help/articles/eid-pin-code -H "traceparent: 00-$(printf '0%.0s' $(seq 32))-00f067aa0ba902b7-01" >/dev/null
http GET /help/articles/drafts >/dev/null
sleep 0.2
line=$(grep '"route":"/help/articles/:slug"' "$DIR/log/help.log" | tail -1)
rid=$(sed -n 's/.*"rid":"\([0-9a-f]*\)".*/\1/p' <<<"$line")
check "without one (or a malformed one), nginx's request id is the trace" \
	grep -q "\"trace\":\"00-$rid-${rid:0:16}-01\"" <<<"$line"
lacks "$DIR/log/help.log" "00000000000000000000000000000000" "an all-zero trace id is never logged"

# --- the shipped site's monitoring server and /healthz ------------------------------------
PP=$((PORT + 74)) P80=$((PORT + 75)) PM=$((PORT + 76)) PROD=$TMP/prod
prod_conf guichet
trap 'prod_stop; rm -rf "$TMP"' EXIT
nginx -c "$PROD/nginx.conf" -p "$PROD" 2>"$TMP/prod.log"
ok $? "the shipped site starts" || sed 's/^/# /' "$TMP/prod.log"
curl -s -o "$TMP/prod-metrics" "http://127.0.0.1:$PM/metrics/forms"
contains "$TMP/prod-metrics" 'guichet_workers_alive{program="forms"} 2' \
	"its monitoring server gives each program's metrics"
is "$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "http://127.0.0.1:$PM/metrics/forms")" 403 \
	"to the addresses it allows only"
is "$(curl -sk --connect-to "::127.0.0.1:$PP" -w '%{http_code}' -o "$TMP/body" https://guichet.example.be/healthz)" 200 \
	"the site's /healthz, for load balancers"
is "$(cat "$TMP/body")" ok "says ok"
is "$(curl -sk --connect-to "::127.0.0.1:$PP" -w '%{http_code}' -o /dev/null https://guichet.example.be/metrics/forms)" 404 \
	"the site itself has no metrics"
prod_stop	# which writes out the buffered access log
contains "$PROD/guichet-access.log" '"GET /_errors/404.fr.html" 404' "the access log, buffered, is written out at the stop (the 404 above)"
lacks "$PROD/guichet-access.log" "/healthz" "where the probes are not"

done_testing
