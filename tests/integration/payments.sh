#!/usr/bin/env bash
# A fee paid inside the dossier's journey (issue 19, docs/payments.md),
# through HTTP with the stand-in provider (tests/payments/provider) and a
# procedure whose fee is counted from the answers
# (tests/procedures/PAYTEST.json: 5 € a copy, 10 € more if urgent):
# the summary's lines, "Pay and send", the provider's page, the return
# page read from the provider (success, decline, cancel, pending then
# paid by a webhook), a tampered return URL, a double click, the provider
# down at creation and at return, webhooks twice, out of order, badly
# signed, about a payment that is not ours, the forms program killed
# between the provider's success and our commit, and expiry; then a fee
# due after acceptance (tests/procedures/PAYACCEPT.json): asked when an
# agent grants the dossier, paid from its page, reminded, lapsed.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise
P=http://127.0.0.1:$PAYMENTS_PORT
NBSP=$(printf '\302\240')

pay_control reset
pay_control webhook_url "{\"url\": \"$BASE/payments/webhook\"}" >/dev/null
pay_status() { psql_q "SELECT status FROM payments WHERE dossier_id = $1 ORDER BY id DESC LIMIT 1"; }
pay_count() { psql_q "SELECT count(*) FROM payments WHERE dossier_id = $1"; }
provider_id() { psql_q "SELECT provider_id FROM payments WHERE dossier_id = $1 ORDER BY id DESC LIMIT 1"; }
# "Pay and send" from the summary: prints the status; the provider's page in $NEXT
pay() {
	local key
	as "$E" GET "/forms/$1/summary" >/dev/null
	key=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
	as "$E" POST "/forms/$1/submit" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" --data "submit_key=$key"
	header Location >"$TMP/next"
}
draft() {	# a draft of 3 copies, urgent or not: prints its id
	local id
	id=$(form_start "$E" PAYTEST)
	form_page "$E" "$id" order --form-string copies=3 --form-string "urgent=$1" >/dev/null
	echo "$id"
}

admin_cmd procedure import "$SRC/tests/procedures/PAYTEST.json" >/dev/null
admin_cmd procedure online PAYTEST >/dev/null
eid_login elise /procedures/PAYTEST "$E" >/dev/null

# --- the summary says what is due and why ------------------------------------------------
ID=$(draft yes)
check "a draft" test -n "$ID"
is "$(as "$E" GET "/forms/$ID/summary")" 200 "the summary"
contains "$TMP/body" 'Copie certifiée</td><td>3</td><td>15,00'"$NBSP"'€' "3 copies at 5 €: 15 €"
contains "$TMP/body" 'Traitement urgent</td><td>1</td><td>10,00'"$NBSP"'€' "urgent: 10 € more"
contains "$TMP/body" 'class="fee-total">25,00'"$NBSP"'€' "the total"
contains "$TMP/body" '>Payer et envoyer</button>' "the button says it pays and sends"
as "$E" GET "/forms/$ID/summary?lang=nl" >/dev/null
contains "$TMP/body" 'Eensluidend afschrift' "the lines in Dutch"
contains "$TMP/body" 'Betalen en versturen' "and the button"
as "$E" GET "/forms/$ID/summary?lang=fr" >/dev/null
as "$E" GET /forms >/dev/null
contains "$TMP/body" "À payer à l&#39;envoi : 25,00${NBSP}€" "the drafts say what sending will cost"

# --- success: paid, sent in the same transaction, the receipt shows it -----------------
is "$(pay "$ID")" 303 "Pay and send: 303"
NEXT=$(cat "$TMP/next")
case $NEXT in "$P/pay/"*) ok 0 "to the provider's page" ;; *) ok 1 "to the provider's page ($NEXT)" ;; esac
is "$(pay_status "$ID")" created "a payment, created"
is "$(psql_q "SELECT amount_cents || ' ' || due || ' ' || jsonb_array_length(lines) FROM payments WHERE dossier_id = $ID")" \
	"2500 submission 2" "for 25 €, due at submission, with its two lines"
is "$(as "$E" GET "/forms/$ID/pages/order")" 303 "while it is open the answers cannot change"
is "$(location)" "/forms/$ID/payment" "the form sends to the payment's page"
RET=$(choose success)
is "$RET" "$BASE/forms/$ID/payment" "the provider sends back to the return page"
is "$(as "$E" GET "/forms/$ID/payment")" 303 "the return page reads the payment: paid"
is "$(location)" "/forms/$ID/receipt" "on to the receipt"
is "$(dossier "$ID" status)" soumis "the dossier is submitted"
is "$(pay_status "$ID")" success "the payment recorded as a success"
is "$(psql_q "SELECT count(*) FROM payments p JOIN dossier_events e ON e.dossier_id = p.dossier_id AND e.to_status = 'soumis' WHERE p.dossier_id = $ID AND p.finished_at = e.at")" 1 \
	"the success and the submission in one transaction (same instant)"
REF=$(psql_q "SELECT reference FROM payments WHERE dossier_id = $ID")
as "$E" GET "/forms/$ID/receipt" >/dev/null
contains "$TMP/body" "$REF" "the receipt shows the payment's reference"
contains "$TMP/body" 'class="payment-amount">25,00'"$NBSP"'€' "and the amount paid"
is "$(as "$E" GET "/forms/$ID/receipt.pdf")" 200 "the PDF receipt"
pdftotext -q "$TMP/body" - | tr '\n' ' ' >"$TMP/receipt.txt"
contains "$TMP/receipt.txt" "$REF" "shows the payment's reference too"
contains "$TMP/receipt.txt" "25,00" "and its amount"
is "$(as "$E" GET "/forms/$ID/payment")" 303 "the return page again: still the receipt"
is "$(pay_count "$ID")" 1 "one payment"

# --- declined, cancelled: try again, answers kept ----------------------------------------
ID=$(draft no)
pay "$ID" >/dev/null
choose decline >/dev/null
is "$(as "$E" GET "/forms/$ID/payment")" 200 "declined: a page"
contains "$TMP/body" 'Paiement refusé' "it says the payment was declined"
contains "$TMP/body" "href=\"/forms/$ID/summary\"" "and offers to try again"
is "$(pay_status "$ID")" failed "recorded as failed"
is "$(dossier "$ID" status)" complet "the dossier is still a draft"
is "$(answer "$ID" copies)" 3 "its answers kept"
is "$(as "$E" GET "/forms/$ID/pages/order")" 200 "and open to change again"
is "$(pay "$ID")" 303 "a second try"
choose cancel >/dev/null
as "$E" GET "/forms/$ID/payment" >/dev/null
contains "$TMP/body" 'Paiement annulé' "cancelled on the provider's page: said so"
is "$(pay_status "$ID")" cancelled "recorded as cancelled"
is "$(pay_count "$ID")" 2 "two payments, none open"
pay "$ID" >/dev/null
choose success >/dev/null
as "$E" GET "/forms/$ID/payment" >/dev/null
is "$(dossier "$ID" status)" soumis "the third try pays and sends"

# --- a double click on Pay finds the first payment ----------------------------------------
ID=$(draft no)
pay "$ID" >/dev/null
FIRST=$(cat "$TMP/next")
as "$E" POST "/forms/$ID/submit" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" >/dev/null
as "$E" GET "/forms/$ID/summary" >/dev/null	# sent to the payment's page
is "$(pay_count "$ID")" 1 "a second click made no second payment"
as "$E" GET /forms >/dev/null
contains "$TMP/body" "href=\"/forms/$ID/payment\">Paiement en cours : 15,00${NBSP}€" "the drafts show the payment under way"
is "$(psql_q "SELECT count(*) FROM payments WHERE dossier_id = $ID AND status IN ('created','started','submitted')")" 1 "one open"

# --- a tampered return URL changes nothing: the provider's word is read ---------------------
curl -s -o /dev/null "$FIRST"		# the page opened, nothing chosen
is "$(as "$E" GET "/forms/$ID/payment?status=success&amount=1&payment_id=x")" 200 \
	"the return page with a forged success"
contains "$TMP/body" 'Paiement en cours de confirmation' "says the payment is still being confirmed"
case $(header Refresh) in [0-9]*) ok 0 "and refreshes itself without JavaScript" ;; *) ok 1 "a Refresh header" ;; esac
lacks "$TMP/body" '<script' "no script"
is "$(dossier "$ID" status)" complet "the dossier is not submitted"
is "$(pay_status "$ID")" started "the payment as the provider says: started"

# --- pending, then paid: the webhook makes the worker read it -----------------------------
echo "$FIRST" >"$TMP/next"
choose success >/dev/null
wait_for 10 "SELECT status FROM dossiers WHERE id = $ID" soumis
is "$(dossier "$ID" status)" soumis "the webhook's hint, read by the worker: submitted without a return"
is "$(psql_q "SELECT count(*) FROM payment_events e JOIN payments p ON p.id = e.payment_id WHERE p.dossier_id = $ID AND e.kind = 'webhook'")" \
	"$(psql_q "SELECT count(*) FROM payment_webhooks w JOIN payments p ON p.id = w.payment_id WHERE p.dossier_id = $ID")" \
	"each webhook recorded once, with its event"

# --- webhooks twice and out of order: each event once, the read decides --------------------
pay_control faults '{"twice": true, "out_of_order": true}' >/dev/null
ID=$(draft yes)
pay "$ID" >/dev/null
choose success >/dev/null
pay_control flush >/dev/null
wait_for 10 "SELECT status FROM dossiers WHERE id = $ID" soumis
is "$(dossier "$ID" status)" soumis "twice and out of order: submitted once"
PID=$(provider_id "$ID")
sleep 1
is "$(curl -s "$P/_control/webhooks" | python3 -c "import json,sys; w=[m for m in json.load(sys.stdin) if m['payment_id']=='$PID']; print(sum(m['delivered'] for m in w) > len(w))")" \
	True "the provider delivered each webhook twice"
is "$(psql_q "SELECT count(*) FROM payment_webhooks w JOIN payments p ON p.id = w.payment_id WHERE p.dossier_id = $ID")" \
	"$(curl -s "$P/_control/webhooks" | python3 -c "import json,sys; print(len([m for m in json.load(sys.stdin) if m['payment_id']=='$PID']))")" \
	"recorded once each"
is "$(pay_status "$ID")" success "the payment a success, whatever the order"
pay_control faults '{"twice": false, "out_of_order": false}' >/dev/null

# --- webhooks badly signed, or about a payment that is not ours ----------------------------
SECRET=$(cat "$DIR/payments/webhook-secret")
hook() {	# hook BODY [SIGNATURE|none]: posts a webhook, prints the status
	local sig=${2:-$(printf '%s' "$1" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)}
	[ "$sig" = none ] && sig=
	curl -s --cacert "$DIR/pki/ca.crt" -o "$TMP/body" -w '%{http_code}' \
		-H 'Content-Type: application/json' ${sig:+-H "Pay-Signature: $sig"} \
		--data-binary "$1" "$BASE/payments/webhook"
}
KEY=$(cat "$DIR/payments/key")
OTHER=$(curl -s -H "Authorization: Bearer $KEY" -H 'Idempotency-Key: other-dept-1' -H 'Content-Type: application/json' \
	-d '{"amount": 700, "reference": "ELSEWHERE-1", "description": "x", "return_url": "https://elsewhere.example/", "language": "fr"}' \
	"$P/v1/payments" | python3 -c 'import json,sys; print(json.load(sys.stdin)["payment_id"])')
BODY="{\"webhook_message_id\": \"evother1\", \"resource_id\": \"$OTHER\", \"resource_type\": \"payment\", \"event_type\": \"card_payment_succeeded\"}"
is "$(hook "$BODY")" 200 "a signed webhook about a payment that is not ours: 200"
is "$(psql_q "SELECT coalesce(payment_id::text, 'none') FROM payment_webhooks WHERE event_id = 'evother1'")" none \
	"recorded, tied to no payment"
is "$(hook "$BODY")" 200 "the same again: 200"
is "$(psql_q "SELECT count(*) FROM payment_webhooks WHERE event_id = 'evother1'")" 1 "recorded once"
BODY2="{\"webhook_message_id\": \"evforged1\", \"resource_id\": \"$PID\", \"resource_type\": \"payment\"}"
is "$(hook "$BODY2" 0000000000000000000000000000000000000000000000000000000000000000)" 401 "a bad signature: 401"
is "$(psql_q "SELECT count(*) FROM payment_webhooks WHERE event_id = 'evforged1'")" 0 "and nothing recorded"
is "$(hook "$BODY2" none)" 401 "no signature: 401"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -o /dev/null -w '%{http_code}' "$BASE/payments/webhook")" 403 "GET: refused by nginx"
pay_control faults '{"bad_signature": true}' >/dev/null
ID=$(draft no)
pay "$ID" >/dev/null
choose success >/dev/null
sleep 2
is "$(dossier "$ID" status)" complet "the provider's webhooks badly signed: nothing done"
as "$E" GET "/forms/$ID/payment" >/dev/null
is "$(dossier "$ID" status)" soumis "the return's read submits it"
pay_control faults '{"bad_signature": false}' >/dev/null

# --- "cancel the payment and change my answers" ------------------------------------------
ID=$(draft no)
pay "$ID" >/dev/null
curl -s -o /dev/null "$(cat "$TMP/next")"
as "$E" GET "/forms/$ID/payment" >/dev/null
contains "$TMP/body" "action=\"/forms/$ID/payment/cancel\"" "the pending page offers to cancel"
is "$(as "$E" POST "/forms/$ID/payment/cancel" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 \
	"cancel the payment: 303"
is "$(location)" "/forms/$ID/summary" "back to the summary"
is "$(pay_status "$ID")" cancelled "cancelled here"
is "$(provider_payment "$(provider_id "$ID")" "d['state']['status']")" \
	cancelled "and at the provider"
is "$(as "$E" GET "/forms/$ID/pages/order")" 200 "the answers can change again"

# --- the provider down at creation: a clear page, the draft kept ---------------------------
ID=$(draft yes)
pay_control faults '{"api": "down"}' >/dev/null
is "$(pay "$ID")" 503 "the provider down at Pay: 503"
contains "$TMP/body" 'Paiement indisponible' "a page that says so"
contains "$TMP/body" 'votre brouillon est conservé' "and that the draft is kept"
is "$(dossier "$ID" status)" complet "the draft as it was"
is "$(pay_status "$ID")" error "the payment that never reached the provider ends in error"
is "$(as "$E" GET "/forms/$ID/pages/order")" 200 "the draft is not locked"
pay_control faults '{"api": "up"}' >/dev/null

# --- the provider down at return: pending, resolved by the next read -----------------------
pay_control webhook_url '{"url": ""}' >/dev/null	# no webhook: the return alone
pay "$ID" >/dev/null
choose success >/dev/null
pay_control faults '{"api": "down"}' >/dev/null
is "$(as "$E" GET "/forms/$ID/payment")" 200 "the provider down at return: 200"
contains "$TMP/body" 'Nous ne parvenons pas à joindre le prestataire' "the page says so"
is "$(dossier "$ID" status)" complet "nothing decided without the provider's word"
pay_control faults '{"api": "up"}' >/dev/null
is "$(as "$E" GET "/forms/$ID/payment")" 303 "the next read: paid"
is "$(dossier "$ID" status)" soumis "and sent"

# --- killed between the provider's success and our commit: the worker's read repairs -------
ID=$(draft no)
pay "$ID" >/dev/null
choose success >/dev/null		# paid at the provider; no webhook comes
pay_control faults '{"api": "slow", "slow_seconds": 3}' >/dev/null
MASTER=$(cat "$DIR/run/forms.pid")
as "$E" GET "/forms/$ID/payment" >/dev/null &
sleep 1
for w in $(pgrep -P "$MASTER"); do kill -9 "$w"; done
wait
pay_control faults '{"api": "up"}' >/dev/null
is "$(dossier "$ID" status)" complet "the forms program killed during the return: nothing committed"
is "$(psql_q "SELECT status IN ('created', 'started', 'submitted') FROM payments WHERE dossier_id = $ID")" t \
	"the payment open here, paid at the provider"
# two minutes later the worker reads every open payment again
psql_q "UPDATE payments SET next_read_at = now() WHERE dossier_id = $ID" >/dev/null
wait_for 15 "SELECT status FROM dossiers WHERE id = $ID" soumis
is "$(dossier "$ID" status)" soumis "the worker's read records the success and submits the dossier"
is "$(pay_status "$ID")" success "the payment a success"
is "$(as "$E" GET "/forms/$ID/payment")" 303 "the return page now goes to the receipt"

# --- expiry: cancelled at the provider, the draft unlocked; money taken meanwhile wins ------
ID=$(draft yes)
pay "$ID" >/dev/null
curl -s -o /dev/null "$(cat "$TMP/next")"
PID=$(provider_id "$ID")
psql_q "UPDATE payments SET expires_at = now(), next_read_at = now() WHERE dossier_id = $ID" >/dev/null
wait_for 15 "SELECT status FROM payments WHERE dossier_id = $ID" expired
is "$(pay_status "$ID")" expired "past its deadline: expired"
is "$(provider_payment "$PID" "d['state']['status']")" \
	cancelled "cancelled at the provider too (nobody can pay it now)"
is "$(as "$E" GET "/forms/$ID/pages/order")" 200 "the draft unlocked"
as "$E" GET "/forms/$ID/payment" >/dev/null
contains "$TMP/body" 'Paiement expiré' "the payment's page says it expired"
ID=$(draft no)
pay "$ID" >/dev/null
choose success >/dev/null
psql_q "UPDATE payments SET expires_at = now(), next_read_at = now() WHERE dossier_id = $ID" >/dev/null
wait_for 15 "SELECT status FROM dossiers WHERE id = $ID" soumis
is "$(pay_status "$ID")" success "paid before the expiry's read: the success wins"
is "$(dossier "$ID" status)" soumis "and the dossier is sent"
pay_control webhook_url "{\"url\": \"$BASE/payments/webhook\"}" >/dev/null

# --- a fee due after acceptance: asked when granted, paid from the dossier, reminded, lapsed ---
admin_cmd procedure import "$SRC/tests/procedures/PAYACCEPT.json" >/dev/null
admin_cmd procedure online PAYACCEPT >/dev/null
admin_cmd agent grant PAYDEPT 78021400167 processor >/dev/null
A=$TMP/agathe
eid_login agathe /inbox "$A" >/dev/null
granted() {	# granted COPIES DECISION: a dossier sent, received and closed; prints its id
	local id
	id=$(form_start "$E" PAYACCEPT)
	form_page "$E" "$id" order --form-string "copies=$1" --form-string urgent=no >/dev/null
	form_submit "$E" "$id" >/dev/null
	act "$A" "$id" receive >/dev/null
	act "$A" "$id" close -F "decision=$2" -F 'body=Conforme.' >/dev/null
	echo "$id"
}
ID=$(form_start "$E" PAYACCEPT)
form_page "$E" "$ID" order --form-string copies=2 --form-string urgent=no >/dev/null
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" "quand le service aura accepté votre demande" "the summary says the fee comes after acceptance"
contains "$TMP/body" 'class="fee-total">130,00'"$NBSP"'€' "with its amount: 120 € and two copies"
is "$(form_submit "$E" "$ID")" 303 "sent without paying"
is "$(dossier "$ID" status)" soumis "submitted"
act "$A" "$ID" receive >/dev/null
is "$(act "$A" "$ID" close -F decision=granted -F 'body=Conforme.')" 303 "the agent grants it"
is "$(psql_q "SELECT amount_cents FROM dossier_fees WHERE dossier_id = $ID")" 13000 "the fee is asked, as the answers make it"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID AND kind = 'payment_due'")" 1 \
	"and the person is told through the outbox"
REF=$(dossier "$ID" reference)
as "$E" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" 'Redevance à payer' "the dossier's page shows the fee"
contains "$TMP/body" "action=\"/dossiers/$REF/pay\"" "with a Pay button"
is "$(as "$E" POST "/dossiers/$REF/pay" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 "Pay: 303"
header Location >"$TMP/next"
case $(cat "$TMP/next") in "$P/pay/"*) ok 0 "to the provider's page" ;; *) ok 1 "to the provider's page" ;; esac
is "$(choose success)" "$BASE/dossiers/$REF/payment" "back to the dossier's payment page"
is "$(as "$E" GET "/dossiers/$REF/payment")" 200 "the return page reads it"
contains "$TMP/body" 'Paiement reçu' "paid, in plain words"
is "$(psql_q "SELECT paid_at IS NOT NULL FROM dossier_fees WHERE dossier_id = $ID")" t "the fee recorded as paid"
is "$(psql_q "SELECT status || ' ' || due FROM payments WHERE dossier_id = $ID")" "success acceptance" "by its payment"
as "$E" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" 'Redevance payée' "the dossier's page says it is paid"
ID=$(granted 1 refused)
is "$(psql_q "SELECT count(*) FROM dossier_fees WHERE dossier_id = $ID")" 0 "refused: nothing asked"
ID=$(granted 1 granted)
REF=$(dossier "$ID" reference)
psql_q "UPDATE dossier_fees SET remind_at = now() - interval '1 second', close_at = now() + interval '1 hour' WHERE dossier_id = $ID" >/dev/null
wait_for 10 "SELECT reminded_at IS NOT NULL FROM dossier_fees WHERE dossier_id = $ID" t
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID AND kind = 'payment_reminder'")" 1 \
	"unpaid after remind_days: reminded once"
psql_q "UPDATE dossier_fees SET close_at = now() - interval '1 second' WHERE dossier_id = $ID" >/dev/null
wait_for 10 "SELECT lapsed_at IS NOT NULL FROM dossier_fees WHERE dossier_id = $ID" t
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $ID AND kind = 'payment_lapsed'")" 1 \
	"unpaid after close_days: the grant lapses, and the person is told"
as "$E" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" "l&#39;autorisation est tombée" "the dossier's page says so"
is "$(as "$E" POST "/dossiers/$REF/pay" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 "Pay once lapsed"
is "$(location)" "/dossiers/$REF" "takes nothing: back to the dossier"
is "$(psql_q "SELECT count(*) FROM payments WHERE dossier_id = $ID")" 0 "no payment made"

# --- no secret or national number in the logs ------------------------------------------------
lacks "$DIR/log/forms.log" "$KEY" "the provider's key is not in the log"
lacks "$DIR/log/forms.log" "$SECRET" "nor the webhook secret"
done_testing
