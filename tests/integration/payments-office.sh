#!/usr/bin/env bash
# Payments in the back office (issue 19, docs/payments.md), through HTTP
# with eID cards against the stand-in provider: the inbox shows each
# dossier's payment state and amount, and the payment's history; refunds
# whole and part with a reason, one larger than what is left refused with
# a translated error, a double submission refunding once, a processor
# before the dossier is closed refused, another department's payment a
# 404, the form's CSRF token checked; a refund the provider leaves pending
# settled by the notification worker.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan A=$TMP/agathe B=$TMP/bruno
RUN=$$
U=http://127.0.0.1:$PAYMENTS_PORT


# sent CODE: a dossier of Jan's for procedure CODE, sent
sent() {
	psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
		SELECT '2026-$1-9$RUN' || lpad((SELECT count(*) FROM dossiers)::text, 4, '0'), p.id, p.current_version, 'soumis', pe.id, now()
		FROM procedures p, persons pe WHERE p.code = '$1' AND pe.nrn = '90010100123' RETURNING id"
}
# paid DOSSIER CENTS [CHOICE]: a payment of the dossier made at the stand-in,
# chosen on its page, recorded here as a read of the provider would; our id
paid() {
	local did=$1 cents=$2 choice=${3:-success} ref key pid id
	ref=PAY-$RUN-$did-$RANDOM key=$(new_uuid)
	pay_api POST /v1/payments -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
		-d "{\"amount\": $cents, \"reference\": \"$ref\", \"description\": \"Frais\", \"return_url\": \"$BASE/\", \"language\": \"fr\"}" >/dev/null
	pid=$(pay_field "d['payment_id']")
	curl -s -o /dev/null "$U/pay/$pid"
	curl -s -o /dev/null -d "choice=$choice" "$U/pay/$pid"
	id=$(psql_q "INSERT INTO payments (dossier_id, department_id, person_id, due, reference, amount_cents, lines, lang, provider, provider_id, idempotency_key, expires_at)
		SELECT d.id, p.department_id, d.owner_person_id, 'submission', '$ref', $cents, '[]', 'fr', 'govuk', '$pid', '$key', now() + interval '90 minutes'
		FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.id = $did RETURNING id")
	psql_q "UPDATE payments SET status = 'started' WHERE id = $id" >/dev/null
	[ "$choice" = success ] && psql_q "UPDATE payments SET status = 'success', method = 'card' WHERE id = $id" >/dev/null
	echo "$id"
}
# refund JAR DOSSIER PAYMENT AMOUNT REASON [KEY]: the refund form, with the
# page's token and key; prints the status.  The key used is in $TMP/key.
refund() {
	local jar=$1 did=$2 pay=$3 amount=$4 reason=$5 key=${6:-}
	as "$jar" GET "/inbox/dossiers/$did" >/dev/null
	[ -n "$key" ] || key=$(grep -o "name=\"payment\" value=\"$pay\"><input type=\"hidden\" name=\"key\" value=\"[0-9a-f-]*\"" "$TMP/body" |
		sed 's/.*value="//; s/"$//')
	echo "$key" >"$TMP/key"
	as "$jar" POST "/inbox/dossiers/$did/refund" -H "Origin: $BASE" -F "csrf=$(csrf_token)" \
		-F "payment=$pay" -F "amount=$amount" -F "body=$reason" -F "key=$key"
}
left() { psql_q "SELECT amount_cents - coalesce((SELECT sum(amount_cents) FROM payment_refunds WHERE payment_id = $1 AND status <> 'error'), 0) FROM payments WHERE id = $1"; }

eid_login jan /help "$J" >/dev/null
eid_login agathe /inbox "$A" >/dev/null
eid_login bruno /inbox "$B" >/dev/null
pay_control reset '{}'

# --- the inbox shows the payment ---------------------------------------------
EB=$(sent EBIKE)		# mobility: Agathe manages it, Bruno reads it
PE=$(paid "$EB" 2550)
EBREF=$(dossier "$EB" reference)
as "$A" GET "/inbox?queue=all&sort=newest&q=$EBREF" >/dev/null
contains "$TMP/body" "href=\"/inbox/dossiers/$EB\"" "the dossier is in the queue"
contains "$TMP/body" 'class="tag pay-success">Payé</span> 25,50 €' "with its payment's state and amount"
is "$(as "$A" GET "/inbox/dossiers/$EB")" 200 "the dossier's page"
contains "$TMP/body" '<h2 id="payments">Paiements</h2>' "has a section for payments"
contains "$TMP/body" '<strong>25,50 €</strong> (pour envoyer le dossier)' "the amount and why it is due"
contains "$TMP/body" "$(psql_q "SELECT provider_id FROM payments WHERE id = $PE")" "the provider's reference"
contains "$TMP/body" 'Désormais <strong>En cours de paiement</strong>' "the history: started"
contains "$TMP/body" 'Désormais <strong>Payé</strong>' "then paid"
NOPAY=$(sent EBIKE)
as "$A" GET "/inbox/dossiers/$NOPAY" >/dev/null
lacks "$TMP/body" 'id="payments"' "a dossier without payment has no such section"

# --- refunds: part, then what is left, then more ------------------------------
is "$(refund "$A" "$EB" "$PE" 10,00 "Copie non délivrée")" 303 "Agathe (manager) refunds 10,00 € of it"
is "$(location)" "/inbox/dossiers/$EB?done=refund" "back to the dossier, told it is done"
is "$(psql_q "SELECT status || ' ' || amount_cents || ' ' || (provider_refund_id IS NOT NULL) FROM payment_refunds WHERE payment_id = $PE")" \
	"success 1000 true" "recorded: 10,00 € refunded at the provider"
pay_api GET "/v1/payments/$(psql_q "SELECT provider_id FROM payments WHERE id = $PE")" >/dev/null
is "$(pay_field "d['refund_summary']['amount_available']")" 1550 "the provider has 15,50 € left too"
is "$(psql_q "SELECT refunded_cents FROM payments WHERE id = $PE")" 1000 "the payment counts it"
as "$A" GET "$(location)" >/dev/null
contains "$TMP/body" 'Remboursement effectué.' "the page says it is done"
contains "$TMP/body" '<td>Copie non délivrée</td>' "the refund is listed with its reason"
contains "$TMP/body" 'Agathe Lambert</td>' "and who made it"
contains "$TMP/body" "<dd id=\"left-$PE\">15,50 €</dd>" "15,50 € left"
contains "$TMP/body" 'Remboursement de 10,00 € — remboursé' "the history says so"

is "$(refund "$A" "$EB" "$PE" 20 "Trop")" 409 "20 € when 15,50 € are left: refused (409)"
contains "$TMP/body" "Ce montant dépasse ce qui reste à rembourser" "told why, in French"
contains "$TMP/body" 'value="20"' "what was typed is kept"
is "$(left "$PE")" 1550 "nothing refunded"

KEY=$(new_uuid)
is "$(refund "$A" "$EB" "$PE" 5 "Double clic" "$KEY")" 303 "5 € refunded"
is "$(refund "$A" "$EB" "$PE" 5 "Double clic" "$KEY")" 303 "the same form sent again: 303 too"
is "$(psql_q "SELECT count(*) FROM payment_refunds WHERE payment_id = $PE AND reason = 'Double clic'")" 1 \
	"but refunded once"
is "$(left "$PE")" 1050 "10,50 € left"
is "$(refund "$A" "$EB" "$PE" 10.50 "Solde")" 303 "the rest refunded"
is "$(left "$PE")" 0 "nothing left"
as "$A" GET "/inbox/dossiers/$EB" >/dev/null
lacks "$TMP/body" "/inbox/dossiers/$EB/refund" "no refund form once nothing is left"
is "$(refund "$A" "$EB" "$PE" 1 "Encore" "$(new_uuid)")" 409 "one more euro: 409"
contains "$TMP/body" "Il ne reste rien à rembourser" "told nothing is left"

# --- bad input ------------------------------------------------------------------
P2=$(paid "$NOPAY" 1200)
is "$(refund "$A" "$NOPAY" "$P2" "-3" "Négatif")" 400 "a negative amount: 400"
contains "$TMP/body" "supérieur à zéro" "told why"
is "$(refund "$A" "$NOPAY" "$P2" "douze" "Texte")" 400 "words for an amount: 400"
is "$(refund "$A" "$NOPAY" "$P2" 3 "")" 400 "no reason: 400"
contains "$TMP/body" "Indiquez le motif du remboursement." "told to give one"
is "$(refund "$A" "$NOPAY" "$P2" 3 "Clé" "not-a-uuid")" 400 "a forged key: 400"
is "$(refund "$A" "$EB" "$P2" 3 "Autre dossier" "$(new_uuid)")" 404 "the payment of another dossier: 404"
as "$A" GET "/inbox/dossiers/$NOPAY" >/dev/null
is "$(as "$A" POST "/inbox/dossiers/$NOPAY/refund" -H "Origin: $BASE" -F csrf=0000 -F "payment=$P2" \
	-F amount=3 -F body=x -F "key=$(new_uuid)")" 403 "without the page's token: 403"
is "$(left "$P2")" 1200 "nothing refunded by any of these"
is "$(psql_q "SELECT count(*) FROM payment_refunds WHERE payment_id = $P2")" 0 "nor recorded"

# --- who may refund -----------------------------------------------------------------
is "$(refund "$B" "$NOPAY" "$P2" 3 "Lecteur" "$(new_uuid)")" 403 "Bruno reads mobility dossiers: 403"
RS=$(sent RESIDENCE)		# population: Agathe processes it
P3=$(paid "$RS" 800)
as "$A" GET "/inbox/dossiers/$RS" >/dev/null
lacks "$TMP/body" "/inbox/dossiers/$RS/refund" "a processor sees no refund form while the dossier is open"
is "$(refund "$A" "$RS" "$P3" 8 "Trop tôt" "$(new_uuid)")" 403 "and refunding: 403"
psql_q "UPDATE dossiers SET status = 'receptionne' WHERE id = $RS; UPDATE dossiers SET status = 'cloture' WHERE id = $RS" >/dev/null
is "$(refund "$A" "$RS" "$P3" 8 "Demande refusée")" 303 "once closed (refused), she refunds it whole"
is "$(left "$P3")" 0 "all of it"
TX=$(sent PROPTAX)		# taxes: Bruno's, not Agathe's
P4=$(paid "$TX" 500)
is "$(as "$A" GET "/inbox/dossiers/$TX")" 404 "another department's dossier: 404"
as "$A" GET "/inbox/dossiers/$EB" >/dev/null
is "$(as "$A" POST "/inbox/dossiers/$TX/refund" -H "Origin: $BASE" -F "csrf=$(csrf_token)" -F "payment=$P4" \
	-F amount=5 -F body=x -F "key=$(new_uuid)")" 404 "and refunding its payment: 404"
is "$(left "$P4")" 500 "not refunded"
is "$(refund "$A" "$EB" "$P4" 5 "Par un autre dossier" "$(new_uuid)")" 404 "nor through a dossier of hers: 404"
UNPAID=$(sent EBIKE)
P5=$(paid "$UNPAID" 700 decline)
psql_q "UPDATE payments SET status = 'failed' WHERE id = $P5" >/dev/null
is "$(refund "$A" "$UNPAID" "$P5" 7 "Pas payé" "$(new_uuid)")" 409 "a declined payment cannot be refunded: 409"

# --- the provider away, or pending: settled later -----------------------------------
P6=$(paid "$(sent EBIKE)" 900)
D6=$(psql_q "SELECT dossier_id FROM payments WHERE id = $P6")
pay_control faults '{"api": "down"}'
is "$(refund "$A" "$D6" "$P6" 4 "Prestataire absent")" 303 "the provider down: the refund is asked all the same"
is "$(location)" "/inbox/dossiers/$D6?done=refund_pending" "told it waits for the provider"
is "$(psql_q "SELECT status FROM payment_refunds WHERE payment_id = $P6")" pending "pending"
pay_control faults '{"api": "up", "refunds": "pending"}'
psql_q "UPDATE payment_refunds SET updated_at = now() - interval '2 minutes' WHERE payment_id = $P6" >/dev/null
check "the notification worker sends it again" wait_for 20 \
	"SELECT provider_refund_id IS NOT NULL FROM payment_refunds WHERE payment_id = $P6" t
is "$(psql_q "SELECT status FROM payment_refunds WHERE payment_id = $P6")" pending "the provider has not decided yet"
pay_control settle_refunds '{}'
psql_q "UPDATE payment_refunds SET updated_at = now() - interval '2 minutes' WHERE payment_id = $P6" >/dev/null
check "a later read finds it done" wait_for 20 \
	"SELECT status FROM payment_refunds WHERE payment_id = $P6" success
is "$(psql_q "SELECT refunded_cents FROM payments WHERE id = $P6")" 400 "and the payment counts it"
pay_api GET "/v1/payments/$(psql_q "SELECT provider_id FROM payments WHERE id = $P6")/refunds" >/dev/null
is "$(pay_field "len(d['_embedded']['refunds'])")" 1 "one refund at the provider, though asked twice"
pay_control faults '{"refunds": "success"}'

# --- the floor under it all ----------------------------------------------------------
check "the database refuses refunds beyond the payment" bash -c "! psql -h '$DIR/pg' -U postgres -d guichet -c \
	\"INSERT INTO payment_refunds (payment_id, amount_cents, reason, agent_id, idempotency_key) SELECT $P2, 1201, 'x', id, gen_random_uuid() FROM agents LIMIT 1\" 2>/dev/null"
done_testing
