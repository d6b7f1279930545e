#!/usr/bin/env bash
# A certificate type with a fee (issue 19, docs/payments.md "Paid
# certificates"), through HTTP with the stand-in provider: the birth
# extract costs 5 euros by post and nothing in the vault
# (conf/certificates/BIRTH_EXTRACT.json).  The form says what each
# delivery costs; the order's page what is due and why; "Pay and order"
# goes to the provider; the return reads the provider's word (a forged
# success changes nothing); the order is queued for sealing in the
# transaction that records the success, never before; declined, cancelled
# or expired, the order stays to be paid again; a double click makes one
# payment; the provider down at "Pay" (503, order kept); the certs
# program killed between the provider's success and our commit, repaired
# by the worker's next read, and by the daily reconciliation; refunds
# from the back office once refused; the reconciliation's fees by
# certificate type and its CSV.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise A=$TMP/agathe B=$TMP/bruno
P=http://127.0.0.1:$PAYMENTS_PORT
NBSP=$(printf '\302\240')

pay_control reset
pay_control webhook_url "{\"url\": \"$BASE/payments/webhook\"}" >/dev/null
# order: Élise's birth extract by post, ordered; prints its reference
order() {
	cert_request "$E" BIRTH_EXTRACT --data lang=fr --data delivery=post --data address_choice=registered >/dev/null
	cref
}
rid() { req_col "$1" id; }
pay_status() { psql_q "SELECT status FROM payments WHERE certificate_request_id = $(rid "$1") ORDER BY id DESC LIMIT 1"; }
pay_count() { psql_q "SELECT count(*) FROM payments WHERE certificate_request_id = $(rid "$1")"; }
provider_id() { psql_q "SELECT provider_id FROM payments WHERE certificate_request_id = $(rid "$1") ORDER BY id DESC LIMIT 1"; }
# "Pay and order" from the order's page, as $J (Élise unless said):
# prints the status; the provider's page in $TMP/next
J=$E
pay() {
	as "$J" GET "/certificates/requests/$1" >/dev/null
	as "$J" POST "/certificates/requests/$1/pay" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)"
	header Location >"$TMP/next"
}
back() { as "$J" GET "/certificates/requests/$1/payment"; }	# the return page

eid_login elise /certificates "$E" >/dev/null

# --- the form says what each delivery costs ------------------------------------------
is "$(as "$E" GET /certificates/BIRTH_EXTRACT)" 200 "the birth extract's form"
contains "$TMP/body" "Par la poste, et dans « Mes documents » — <span class=\"price\">5,00${NBSP}€</span>" \
	"by post: 5 euros, said beside the choice"
lacks "$TMP/body" 'Gratuit.' "not said to be free"
as "$E" GET /certificates/RESIDENCE >/dev/null
contains "$TMP/body" 'Gratuit.' "a residence certificate stays free"
lacks "$TMP/body" 'class="price"' "with no price anywhere"
is "$(cert_request "$E" BIRTH_EXTRACT --data lang=fr --data delivery=vault)" 303 "a birth extract in the vault"
FREE=$(cref)
is "$(req_col "$FREE" "status || ' ' || (fee_cents IS NULL)")" "checking true" "free: straight to the agent, no fee"

# --- the order's page: what is due and why; nothing queued before the payment ------------
R=$(order)
check "an order by post" test -n "$R"
is "$(req_col "$R" "status || ' ' || fee_cents || ' ' || (paid_at IS NULL)")" "unpaid 500 true" \
	"stored unpaid, at 5 euros"
is "$(as "$E" GET "/certificates/requests/$R")" 200 "its page"
contains "$TMP/body" 'Copie papier envoyée par la poste</td><td>1</td><td>5,00'"$NBSP"'€' "the line and why"
contains "$TMP/body" 'class="fee-total">5,00'"$NBSP"'€' "the total"
contains "$TMP/body" 'En attente du paiement' "waiting for its payment"
contains "$TMP/body" '>Payer et commander</button>' "Pay and order"
lacks "$TMP/body" '<script' "no script"
as "$E" GET "/certificates/requests/$R?lang=nl" >/dev/null
contains "$TMP/body" 'Papieren exemplaar per post' "the line in Dutch"
contains "$TMP/body" 'Betalen en bestellen' "and the button"
as "$E" GET "/certificates/requests/$R?lang=fr" >/dev/null
as "$E" GET /certificates >/dev/null
contains "$TMP/body" 'En attente du paiement' "her requests say the order waits for its payment"
is "$(psql_q "UPDATE certificate_requests SET status = 'queued' WHERE reference = '$R'" 2>&1 | grep -c paid_check)" 1 \
	"the database refuses to queue an unpaid order"

# --- paid: queued in the transaction that records the success ------------------------------
is "$(pay "$R")" 303 "Pay and order: 303"
case $(cat "$TMP/next") in "$P/pay/"*) ok 0 "to the provider's page" ;; *) ok 1 "to the provider's page ($(cat "$TMP/next"))" ;; esac
FIRST=$(cat "$TMP/next")
is "$(psql_q "SELECT due || ' ' || amount_cents || ' ' || status FROM payments WHERE certificate_request_id = $(rid "$R")")" \
	"certificate 500 created" "a payment of 5 euros for the certificate"
is "$(req_col "$R" status)" unpaid "the order not queued yet"
is "$(pay "$R")" 303 "a double click: 303"
is "$(cat "$TMP/next")" "$FIRST" "to the same page"
is "$(pay_count "$R")" 1 "one payment"
curl -s -o /dev/null "$FIRST"		# opened, nothing chosen yet
is "$(as "$E" GET "/certificates/requests/$R/payment?status=success&amount=1")" 200 "the return with a forged success"
contains "$TMP/body" 'Paiement en cours de confirmation' "still being confirmed"
case $(header Refresh) in [0-9]*) ok 0 "the page refreshes itself" ;; *) ok 1 "a Refresh header" ;; esac
is "$(req_col "$R" status)" unpaid "nothing queued on the browser's word"
echo "$FIRST" >"$TMP/next"
is "$(choose success)" "$BASE/certificates/requests/$R/payment" "the provider sends back to the return page"
is "$(back "$R")" 303 "the return reads it: paid"
is "$(location)" "/certificates/requests/$R" "on to the order"
is "$(pay_status "$R")" success "the payment a success"
is "$(psql_q "SELECT count(*) FROM certificate_requests r JOIN payments p ON p.certificate_request_id = r.id WHERE r.reference = '$R' AND r.paid_at = p.finished_at")" 1 \
	"paid and queued at the same instant: one transaction"
wait_for 10 "SELECT status FROM certificate_requests WHERE reference = '$R'" checking
is "$(req_col "$R" status)" checking "the queue asked the register: now with an agent"
PREF=$(psql_q "SELECT reference FROM payments WHERE certificate_request_id = $(rid "$R")")
as "$E" GET "/certificates/requests/$R" >/dev/null
contains "$TMP/body" "$PREF" "the order's page shows the payment's reference"
contains "$TMP/body" 'class="payment-amount">5,00'"$NBSP"'€' "and the amount paid"
lacks "$TMP/body" 'Payer et commander' "and no more Pay button"
is "$(pay "$R")" 303 "Pay once paid: back to the order"
is "$(pay_count "$R")" 1 "nothing charged twice"

# --- declined, cancelled: the order kept, to be paid again -----------------------------------
R2=$(order)
pay "$R2" >/dev/null
choose decline >/dev/null
is "$(back "$R2")" 200 "declined: a page"
contains "$TMP/body" 'Paiement refusé' "it says so"
contains "$TMP/body" 'Votre commande est conservée' "and that the order is kept"
contains "$TMP/body" "href=\"/certificates/requests/$R2\"" "with the way back to it"
is "$(req_col "$R2" status)" unpaid "still unpaid"
as "$E" GET "/certificates/requests/$R2" >/dev/null
contains "$TMP/body" 'id="not-paid"' "the order's page says the last payment did not go through"
is "$(pay "$R2")" 303 "a second try"
choose cancel >/dev/null
back "$R2" >/dev/null
contains "$TMP/body" 'Paiement annulé' "cancelled on the provider's page: said so"
is "$(pay_status "$R2")" cancelled "recorded as cancelled"
is "$(req_col "$R2" status)" unpaid "the order still waits"
pay "$R2" >/dev/null
choose success >/dev/null
back "$R2" >/dev/null
is "$(req_col "$R2" "paid_at IS NOT NULL")" t "the third try pays it"
is "$(pay_count "$R2")" 3 "three payments, one paid"

# --- given up while open, then expiry: the order unlocked -------------------------------
R3=$(order)
pay "$R3" >/dev/null
curl -s -o /dev/null "$(cat "$TMP/next")"
back "$R3" >/dev/null
contains "$TMP/body" "action=\"/certificates/requests/$R3/payment/cancel\"" "the pending page offers to cancel"
contains "$TMP/body" 'Annuler le paiement' "in words for an order"
is "$(as "$E" POST "/certificates/requests/$R3/payment/cancel" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 \
	"cancel the payment: 303"
is "$(pay_status "$R3")" cancelled "cancelled here"
pay "$R3" >/dev/null
curl -s -o /dev/null "$(cat "$TMP/next")"
PID=$(provider_id "$R3")
psql_q "UPDATE payments SET expires_at = now(), next_read_at = now() WHERE provider_id = '$PID'" >/dev/null
wait_for 15 "SELECT status FROM payments WHERE provider_id = '$PID'" expired
is "$(pay_status "$R3")" expired "past its deadline: expired"
is "$(provider_payment "$PID" "d['state']['status']")" \
	cancelled "and cancelled at the provider"
is "$(req_col "$R3" status)" unpaid "the order kept, unpaid"
back "$R3" >/dev/null
contains "$TMP/body" 'Paiement expiré' "the payment's page says it expired"
is "$(pay "$R3")" 303 "unlocked: a new payment"
is "$(pay_count "$R3")" 3 "three in all"

# --- the provider down at "Pay": a clear page, the order kept ---------------------------------
R4=$(order)
pay_control faults '{"api": "down"}' >/dev/null
is "$(pay "$R4")" 503 "the provider down: 503"
contains "$TMP/body" 'Paiement indisponible' "a page that says so"
contains "$TMP/body" 'votre commande est conservée' "and that the order is kept"
is "$(pay_status "$R4")" error "the payment never reached the provider: error"
is "$(req_col "$R4" status)" unpaid "the order as it was"
pay_control faults '{"api": "up"}' >/dev/null

# --- killed between the provider's success and our commit: the next read repairs -------------
pay_control webhook_url '{"url": ""}' >/dev/null	# no webhook: reads alone
pay "$R4" >/dev/null
choose success >/dev/null
pay_control faults '{"api": "slow", "slow_seconds": 3}' >/dev/null
MASTER=$(cat "$DIR/run/certs.pid")
back "$R4" >/dev/null &
sleep 1
for w in $(pgrep -P "$MASTER"); do kill -9 "$w"; done
wait
pay_control faults '{"api": "up"}' >/dev/null
is "$(req_col "$R4" "status || ' ' || (paid_at IS NULL)")" "unpaid true" "the program killed during the return: nothing committed"
is "$(psql_q "SELECT status IN ('created', 'started', 'submitted') FROM payments WHERE provider_id = '$(provider_id "$R4")'")" t \
	"the payment open here, paid at the provider"
psql_q "UPDATE payments SET next_read_at = now() WHERE provider_id = '$(provider_id "$R4")'" >/dev/null
wait_for 15 "SELECT paid_at IS NOT NULL FROM certificate_requests WHERE reference = '$R4'" t
is "$(req_col "$R4" "paid_at IS NOT NULL")" t "the worker's read records the success and queues the order"
is "$(pay_status "$R4")" success "the payment a success"

# ... and by the daily reconciliation when no read comes
R5=$(order)
pay "$R5" >/dev/null
choose success >/dev/null
PID5=$(provider_id "$R5")
psql_q "UPDATE payments SET next_read_at = now() + interval '1 day' WHERE provider_id = '$PID5'" >/dev/null
is "$(req_col "$R5" status)" unpaid "paid at the provider, no return, no webhook, no read: unpaid here"
TODAY=$(TZ=Europe/Brussels date +%F)
"$BUILD/cgi-bin/notify/guichet-notify" --conf "$DIR/guichet.conf" --reconcile "$TODAY" 2>"$TMP/reconcile.err"
is "$?" 0 "the day's reconciliation runs"
is "$(pay_status "$R5")" success "it reads the payment: a success"
is "$(req_col "$R5" "paid_at IS NOT NULL AND status <> 'unpaid'")" t "and the order is queued"
is "$(psql_q "SELECT count(*) FROM payment_discrepancies WHERE provider_id = '$PID5' AND fixed_at IS NOT NULL")" 1 \
	"listed as a difference fixed"
pay_control webhook_url "{\"url\": \"$BASE/payments/webhook\"}" >/dev/null

# --- refunds from the back office, once refused ----------------------------------------------
eid_login agathe /inbox/certificates "$A" >/dev/null
eid_login bruno /inbox "$B" >/dev/null
ID=$(rid "$R")
PAYID=$(psql_q "SELECT id FROM payments WHERE certificate_request_id = $ID")
is "$(as "$A" GET /inbox/certificates)" 200 "the certificates waiting for a check"
grep "href=\"/inbox/certificates/$ID\"" "$TMP/body" >"$TMP/row"
contains "$TMP/row" '<span class="tag pay-success">Payé</span> 5,00 €</td>' \
	"the paid request among them, with its payment's state and amount"
grep "href=\"/inbox/certificates/$(rid "$FREE")\"" "$TMP/body" >"$TMP/row"
contains "$TMP/row" '<span class="small">—</span></td>' "a free one: no payment"
is "$(as "$A" GET "/inbox/certificates/$ID")" 200 "Agathe opens the paid request"
contains "$TMP/body" "$PREF" "its payment is shown"
contains "$TMP/body" 'pour un certificat' "due for a certificate"
lacks "$TMP/body" "/inbox/certificates/$ID/refund" "no refund while it waits for her check (a processor)"
refund() {	# refund AMOUNT REASON: the form with the page's key; the status
	local key
	as "$A" GET "/inbox/certificates/$ID" >/dev/null
	key=$(grep -o "name=\"payment\" value=\"$PAYID\"><input type=\"hidden\" name=\"key\" value=\"[0-9a-f-]*\"" "$TMP/body" |
		sed 's/.*value="//; s/"$//')
	echo "$key" >"$TMP/key"
	as "$A" POST "/inbox/certificates/$ID/refund" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
		--data "payment=$PAYID" --data "amount=$1" --data-urlencode "body=$2" --data "key=${key:-$(new_uuid)}"
}
is "$(refund 5 "Trop tôt")" 403 "a processor's refund before the refusal: 403"
as "$A" GET "/inbox/certificates/$ID" >/dev/null
is "$(as "$A" POST "/inbox/certificates/$ID/refuse" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode "grounds=L'acte est introuvable.")" 303 "she refuses the request"
as "$A" GET "/inbox/certificates/$ID" >/dev/null
contains "$TMP/body" "/inbox/certificates/$ID/refund" "now the refund form"
is "$(refund 2 "Frais d'envoi en partie")" 303 "refund 2 euros: 303"
is "$(psql_q "SELECT status || ' ' || amount_cents || ' ' || reason FROM payment_refunds WHERE payment_id = $PAYID")" \
	"success 200 Frais d'envoi en partie" "refunded at the provider, with the reason"
as "$A" POST "/inbox/certificates/$ID/refund" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "payment=$PAYID" --data "amount=2" --data-urlencode "body=Frais d'envoi en partie" --data "key=$(cat "$TMP/key")" >/dev/null
is "$(psql_q "SELECT count(*) FROM payment_refunds WHERE payment_id = $PAYID")" 1 "the same form twice refunds once"
is "$(refund 4 "Trop")" 409 "more than what is left: 409"
contains "$TMP/body" "Ce montant dépasse ce qui reste à rembourser" "said so, in the person's words"
is "$(refund 3 "Le reste")" 303 "the rest: 303"
is "$(psql_q "SELECT refunded_cents FROM payments WHERE id = $PAYID")" 500 "all of it refunded"
is "$(provider_payment "$(provider_id "$R")" "d['refund_summary']['amount_available']")" \
	0 "and at the provider"
is "$(refund 1 "Encore")" 409 "nothing left: 409"
is "$(as "$B" GET "/inbox/certificates/$ID")" 404 "another department's agent: 404"
is "$(as "$B" POST "/inbox/certificates/$ID/refund" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "payment=$PAYID" --data "amount=1" --data "body=x" --data "key=$(new_uuid)")" 404 "and his refund: 404"
OTHER=$(psql_q "SELECT id FROM payments WHERE certificate_request_id = $(rid "$R2") AND status = 'success'")
as "$A" GET "/inbox/certificates/$ID" >/dev/null
is "$(as "$A" POST "/inbox/certificates/$ID/refund" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "payment=$OTHER" --data "amount=1" --data "body=x" --data "key=$(new_uuid)")" 404 \
	"another request's payment through this one: 404"

# --- the reconciliation: fees by certificate type, the CSV -----------------------------------
POP=$(psql_q "SELECT id FROM departments WHERE code = 'POPULATION'")
is "$(as "$A" GET "/inbox/payments?dept=$POP&day=$TODAY")" 200 "the population department's day"
contains "$TMP/body" "Certificats — Extrait d" "fees by certificate type"
contains "$TMP/body" "href=\"/inbox/certificates/$ID#payments\">$R</a>" "the payment links to its request"
is "$(as "$A" GET "/inbox/payments/export.csv?dept=$POP&day=$TODAY")" 200 "the day as CSV"
is "$(grep -c "^\"payment\",.*,\"$R\",\"BIRTH_EXTRACT\",\"success\",\"5.00\",\"5.00\"," "$TMP/body")" 1 \
	"the CSV names the request and the certificate type"
is "$(grep -c "^\"refund\",.*,\"$R\",\"BIRTH_EXTRACT\",\"success\",\"-3.00\",\"-3.00\",,\"Le reste\"" "$TMP/body")" 1 \
	"and its refunds"

# --- paid while the register was away, then not issued: refunded by the guichet --------------
# Nadia, whom the register does not know, orders while it is down (it
# cannot say so then) and pays; once it answers, the queue ends her order
# as not issued and refunds the whole payment in the same transaction.
N=$TMP/nadia
REGISTER=http://127.0.0.1:$((PORT + 83))
register_mode() { curl -s -o /dev/null -w '%{http_code}' -X POST "$REGISTER/_mode/$1"; }
eid_login nadia /certificates "$N" >/dev/null
NADIA=$(psql_q "SELECT id FROM persons WHERE given_names = 'Nadia'")
SAVED=$(psql_q "SELECT coalesce(email, '') || '|' || coalesce(email_verified_at::text, '') FROM persons WHERE id = $NADIA")
restore() {
	register_mode normal >/dev/null
	psql_q "UPDATE persons SET email = nullif(split_part('$SAVED', '|', 1), ''),
		email_verified_at = nullif(split_part('$SAVED', '|', 2), '')::timestamptz WHERE id = $NADIA" >/dev/null
	rm -rf "$TMP"
}
trap restore EXIT
RUN=$(date +%s%N)
psql_q "UPDATE persons SET email = 'nadia.$RUN@example.be', email_verified_at = now() WHERE id = $NADIA" >/dev/null
is "$(register_mode down)" 200 "the register stand-in is down"
is "$(cert_request "$N" BIRTH_EXTRACT --data lang=fr --data delivery=post --data address_choice=other \
	--data-urlencode 'street=Rue Haute' --data number=5 --data postcode=1000 --data locality=Bruxelles)" 303 \
	"Nadia orders a birth extract by post while the register is down"
RN=$(cref)
is "$(req_col "$RN" "status || ' ' || fee_cents || ' ' || (register_data IS NULL)")" "unpaid 500 true" \
	"stored unpaid, nothing known of her yet"
J=$N
pay "$RN" >/dev/null
choose success >/dev/null
is "$(back "$RN")" 303 "she pays: 303"
J=$E
is "$(req_col "$RN" status)" queued "paid, queued for the register"
is "$(register_mode normal)" 200 "the register is back"
check "the queue asks it: she is unknown, the order ends as not issued" \
	wait_for 30 "SELECT status FROM certificate_requests WHERE reference = '$RN'" unknown
NPAY=$(psql_q "SELECT id FROM payments WHERE certificate_request_id = $(rid "$RN") AND status = 'success'")
is "$(psql_q "SELECT count(*) || ' ' || sum(amount_cents) || ' ' || bool_and(agent_id IS NULL) FROM payment_refunds WHERE payment_id = $NPAY")" \
	"1 500 true" "the whole payment refunded, by the guichet (no agent)"
check "the refund goes through at the provider" \
	wait_for 10 "SELECT status FROM payment_refunds WHERE payment_id = $NPAY" success
is "$(psql_q "SELECT refunded_cents FROM payments WHERE id = $NPAY")" 500 "the payment says so"
is "$(provider_payment "$(provider_id "$RN")" "d['refund_summary']['amount_available']")" 0 \
	"and the provider has nothing left to refund"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_unknown_refunded' AND payload->>'reference' = '$RN'")" 1 \
	"she is told, once, that it was not issued and is refunded"
check "the email says so" wait_for 20 "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_unknown_refunded' AND payload->>'reference' = '$RN' AND sent_at IS NOT NULL" 1
f=$(notices_for "nadia.$RUN@example.be" | tail -1)
is "$(subject "$f")" "Certificat $RN : non délivré, paiement remboursé" "its subject"
is "$(as "$N" GET "/certificates/requests/$RN")" 200 "her order's page"
contains "$TMP/body" 'data-status="unknown"' "not issued"
contains "$TMP/body" "id=\"refunded\" data-done=\"t\">5,00${NBSP}€ (remboursement effectué)" "the refund, made, beside the payment"
contains "$TMP/body" 'remboursé en entier' "and the sentence that says so"
as "$A" GET "/inbox/payments?dept=$POP&day=$TODAY" >/dev/null
contains "$TMP/body" "le guichet (automatique)" "the accountant's day names who refunded: the guichet"

done_testing
