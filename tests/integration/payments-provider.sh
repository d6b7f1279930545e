#!/usr/bin/env bash
# The stand-in payment provider itself (tests/payments/provider,
# docs/payments.md): what the adapter's test (test-payment) does not
# reach.  The key is checked; the payment page is a plain form that works
# without JavaScript; the list for reconciliation is paged; a restart
# keeps the payments (its state file).  A second instance of its own, on
# a free port, so the stack's stays as it is.
. "$(dirname "$0")/lib.sh"

PROVIDER=$SRC/tests/payments/provider
D=$TMP/provider
mkdir -p "$D"
echo test-key >"$D/key"
echo test-secret >"$D/secret"

start() {	# a fresh process on a free port, over the same state file
	# the old port file goes first: the child truncates it only when it
	# runs, after the loop below may already have read the last port
	rm -f "$D/port"
	"$PROVIDER" 0 "$D/key" "$D/secret" --state "$D/state.json" \
		>"$D/port" 2>"$D/log" &
	PID=$!
	# a loaded machine may take seconds to start Python
	for _ in $(seq 200); do [ -s "$D/port" ] && break; sleep 0.1; done
	U=http://127.0.0.1:$(head -1 "$D/port")
}
api() {	# api METHOD PATH [curl args]: status; body in $D/body
	local m=$1 path=$2
	shift 2
	curl -s -X "$m" -o "$D/body" -w '%{http_code}' \
		-H 'Authorization: Bearer test-key' "$@" "$U$path"
}
field() { python3 -c "import json,sys; d=json.load(open('$D/body')); print($1)"; }
create() {	# create AMOUNT REFERENCE: the new payment's id
	api POST /v1/payments -H 'Content-Type: application/json' -d \
		"{\"amount\": $1, \"reference\": \"$2\", \"description\": \"Copie\", \"return_url\": \"https://localhost/back\", \"language\": \"nl\"}" >/dev/null
	field "d['payment_id']"
}

start
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' "$U/v1/payments/x")" \
	401 "a wrong key: 401"
is "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "$U/v1/payments")" 401 "no key: 401"
is "$(api POST /v1/payments -d '{"amount": -5, "reference": "r", "description": "d", "return_url": "https://x/"}')" \
	422 "a negative amount: 422"
is "$(api POST /v1/payments -d '{"reference": "r"}')" 400 "a missing field: 400"

ID=$(create 4200 D-1)
curl -s "$U/pay/$ID" >"$D/page"
contains "$D/page" '<form method="post" action="/pay/' "the page is a plain form"
lacks "$D/page" '<script' "without JavaScript"
contains "$D/page" 'lang="nl"' "in the payment's language"
contains "$D/page" 'Bedrag: 42.00 EUR' "with its amount, in words of that language"
api GET "/v1/payments/$ID" >/dev/null
is "$(field "d['state']['status']")" started "opening the page starts it"
is "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -d choice=success "$U/pay/$ID")" \
	"303 https://localhost/back" "paid: back to return_url"
is "$(api POST "/v1/payments/$ID/cancel")" 400 "a finished payment cannot be cancelled"
OPEN=$(create 100 D-2)
is "$(api POST "/v1/payments/$OPEN/cancel")" 204 "an open one can"
api GET "/v1/payments/$OPEN" >/dev/null
is "$(field "d['state']['status'] + ' ' + d['state']['code']")" "cancelled P0040" \
	"cancelled by the service"
api POST "/v1/payments/$ID/refunds" -d '{"amount": 200, "refund_amount_available": 4200}' >/dev/null
api GET "/v1/payments/$ID/refunds" >/dev/null
is "$(field "len(d['_embedded']['refunds'])")" 1 "its refunds listed"

for i in 3 4 5; do create 100 "D-$i" >/dev/null; done
is "$(api GET '/v1/payments?from_date=2000-01-01T00:00:00Z&display_size=2')" 200 "the list"
is "$(field "(d['total'], d['count'], 'next_page' in d['_links'])")" "(5, 2, True)" \
	"paged: 5 in all, 2 on the first page, a next page"
api GET '/v1/payments?from_date=2000-01-01T00:00:00Z&display_size=2&page=3' >/dev/null
is "$(field "(d['count'], 'next_page' in d['_links'])")" "(1, False)" "the last page"
api GET '/v1/payments?to_date=2000-01-01T00:00:00Z' >/dev/null
is "$(field "d['total']")" 0 "nothing before the date"
is "$(api GET '/v1/payments?from_date=yesterday')" 422 "a date that is not one: 422"

kill "$PID"
wait "$PID" 2>/dev/null
start
is "$(api GET "/v1/payments/$ID")" 200 "after a restart, the payment is still known"
is "$(field "(d['state']['status'], d['refund_summary']['amount_available'])")" \
	"('success', 4000)" "with its state and its refunds"
api POST /v1/payments -H 'Idempotency-Key: k-restart' -d \
	'{"amount": 100, "reference": "r", "description": "d", "return_url": "https://x/"}' >/dev/null
A=$(field "d['payment_id']")
kill "$PID"
wait "$PID" 2>/dev/null
start
api POST /v1/payments -H 'Idempotency-Key: k-restart' -d \
	'{"amount": 100, "reference": "r", "description": "d", "return_url": "https://x/"}' >/dev/null
is "$(field "d['payment_id']")" "$A" "idempotency keys survive a restart"
kill "$PID"
wait "$PID" 2>/dev/null
done_testing
