#!/usr/bin/env bash
# The daily reconciliation of the stand-in provider's payments with ours
# (issue 19, docs/payments.md), and the department's page and CSV of a
# day.  Paid at the provider but not recorded here (the guichet stopped
# after the provider's success, or before it kept the provider's id):
# fixed by reading the payment.  Recorded here but unknown to the
# provider, at the provider but unknown here, another amount: flagged
# for a human, who resolves them on the page.  Run twice, the job changes
# nothing more; held by another worker, it waits; the provider away, the
# day stays due and is done later; days missed are caught up by the
# worker on its own.  The CSV matches the page's totals.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan A=$TMP/agathe B=$TMP/bruno
RUN=$$
U=http://127.0.0.1:$PAYMENTS_PORT
D=$(TZ=Europe/Brussels date -d '3 days ago' +%F)
AT=$(TZ=Europe/Brussels date -d "$D 10:00" +%s)

reconcile() { "$BUILD/cgi-bin/notify/guichet-notify" --conf "$DIR/guichet.conf" --reconcile "$@" 2>"$TMP/reconcile.err"; }

sent() {	# sent CODE: a dossier of Jan's for procedure CODE, sent on day D
	psql_q "INSERT INTO dossiers (reference, procedure_id, procedure_version, status, owner_person_id, submitted_at)
		SELECT '2026-$1-8$RUN' || lpad((SELECT count(*) FROM dossiers)::text, 4, '0'), p.id, p.current_version, 'soumis', pe.id, to_timestamp($AT)
		FROM procedures p, persons pe WHERE p.code = '$1' AND pe.nrn = '90010100123' RETURNING id"
}
# at_provider CENTS REF [CHOICE]: a payment made at the stand-in on day D; its id
at_provider() {
	local pid
	pay_api POST /v1/payments -H 'Content-Type: application/json' -H "Idempotency-Key: $(new_uuid)" \
		-d "{\"amount\": $1, \"reference\": \"$2\", \"description\": \"Frais\", \"return_url\": \"$BASE/\", \"language\": \"fr\"}" >/dev/null
	pid=$(pay_field "d['payment_id']")
	curl -s -o /dev/null "$U/pay/$pid"
	curl -s -o /dev/null -d "choice=${3:-success}" "$U/pay/$pid"
	pay_control "backdate/$pid" "{\"created\": $AT}"
	echo "$pid"
}
# here DOSSIER CENTS REF PROVIDER-ID|null STATUS: our row of it, made on day D
# (its deadline and next read far ahead: the payments' job has not come by)
here() {
	local id pid=NULL
	[ "$4" != null ] && pid="'$4'"
	id=$(psql_q "INSERT INTO payments (dossier_id, department_id, person_id, due, reference, amount_cents, lines, lang, provider, provider_id, idempotency_key, expires_at, created_at, next_read_at)
		SELECT d.id, p.department_id, d.owner_person_id, 'submission', '$3', $2, '[]', 'fr', 'govuk', $pid, gen_random_uuid(), now() + interval '1 day', to_timestamp($AT), now() + interval '1 day'
		FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.id = $1 RETURNING id")
	[ "$5" != created ] && psql_q "UPDATE payments SET status = 'started' WHERE id = $id" >/dev/null
	[ "$5" = success ] && psql_q "UPDATE payments SET status = 'success' WHERE id = $id" >/dev/null
	echo "$id"
}
differences() { psql_q "SELECT count(*) FROM payment_discrepancies WHERE day = '$D' ${1:-}"; }

eid_login jan /help "$J" >/dev/null
eid_login agathe /inbox "$A" >/dev/null
eid_login bruno /inbox "$B" >/dev/null
pay_control reset '{}'
# the last ten days done, so the worker's own catching up (a fresh stack
# has run none) does not reconcile day D while the test makes it
psql_q "INSERT INTO payment_reconcile_runs (provider, day, claimed_by, claimed_until, finished_at)
	SELECT 'govuk', g::date, 'test', now(), now() FROM generate_series(current_date - 10, current_date, interval '1 day') g
	ON CONFLICT (provider, day) DO UPDATE SET finished_at = coalesce(payment_reconcile_runs.finished_at, now())" >/dev/null
psql_q "DELETE FROM payment_discrepancies WHERE day = '$D'" >/dev/null
MOB=$(psql_q "SELECT id FROM departments WHERE code = 'MOBILITY'")
TAXES=$(psql_q "SELECT id FROM departments WHERE code = 'TAXES'")

# --- day D: as it should be, and each way it can differ ---------------------------
R=R$RUN
OK=$(here "$(sent EBIKE)" 2500 "$R-ok" "$(at_provider 2500 "$R-ok")" success)
LATE=$(here "$(sent EBIKE)" 1500 "$R-late" "$(at_provider 1500 "$R-late")" started)
CRASH_PID=$(at_provider 1700 "$R-crash")
CRASH=$(here "$(sent EBIKE)" 1700 "$R-crash" null created)
GONE_PID=$(at_provider 900 "$R-gone")
GONE=$(here "$(sent EBIKE)" 900 "$R-gone" "$GONE_PID" success)
pay_control "forget/$GONE_PID" '{}'
STRANGER=$(at_provider 4200 "$R-stranger")
AMOUNT=$(here "$(sent EBIKE)" 1000 "$R-amount" "$(at_provider 1200 "$R-amount")" success)
DECL=$(here "$(sent EBIKE)" 600 "$R-decl" "$(at_provider 600 "$R-decl" decline)" started)
TAXP=$(here "$(sent PROPTAX)" 3000 "$R-tax" "$(at_provider 3000 "$R-tax")" success)
# a refund on day D, whose reason a spreadsheet would take for a formula
psql_q "INSERT INTO payment_refunds (payment_id, amount_cents, reason, agent_id, idempotency_key, status, provider_refund_id, created_at)
	SELECT $OK, 500, '=HYPERLINK(\"x\")', a.id, gen_random_uuid(), 'pending', NULL, to_timestamp($AT) + interval '1 hour'
	FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '78021400167'" >/dev/null
psql_q "UPDATE payment_refunds SET status = 'success', provider_refund_id = 'rtest$RUN' WHERE payment_id = $OK" >/dev/null
psql_q "UPDATE payments SET refunded_cents = 500 WHERE id = $OK" >/dev/null
pay_api POST "/v1/payments/$(psql_q "SELECT provider_id FROM payments WHERE id = $OK")/refunds" \
	-H 'Content-Type: application/json' -H "Idempotency-Key: $(new_uuid)" -d '{"amount": 500, "refund_amount_available": 2500}' >/dev/null

# --- held by another worker; the provider away ---------------------------------------
psql_q "INSERT INTO payment_reconcile_runs (provider, day, claimed_by, claimed_until) VALUES ('govuk', '$D', 'other-host:1', now() + interval '1 minute')
	ON CONFLICT (provider, day) DO UPDATE SET claimed_by = 'other-host:1', claimed_until = now() + interval '1 minute', finished_at = NULL" >/dev/null
reconcile "$D"
is "$?" 1 "a day another worker holds: not run here"
contains "$TMP/reconcile.err" "being reconciled by another worker" "told so"
is "$(differences)" 0 "nothing found meanwhile"
psql_q "UPDATE payment_reconcile_runs SET claimed_until = now() WHERE day = '$D'" >/dev/null
pay_control faults '{"api": "down"}'
reconcile "$D"
is "$?" 1 "the provider down: the run fails"
is "$(psql_q "SELECT finished_at IS NULL, last_error FROM payment_reconcile_runs WHERE provider = 'govuk' AND day = '$D'")" \
	"t|provider" "the day stays due, with why"
is "$(psql_q "SELECT status FROM payments WHERE id = $LATE")" started "nothing changed"
pay_control faults '{"api": "up"}'
psql_q "UPDATE payment_reconcile_runs SET claimed_until = now() WHERE day = '$D'" >/dev/null

# --- the run --------------------------------------------------------------------------
reconcile "$D"
is "$?" 0 "the run ends"
is "$(psql_q "SELECT seen_provider, seen_ours, fixed, flagged FROM payment_reconcile_runs WHERE provider = 'govuk' AND day = '$D'" | cut -d'|' -f3,4)" \
	"2|3" "two fixed, three flagged"
is "$(psql_q "SELECT status FROM payments WHERE id = $LATE")" success \
	"paid at the provider, 'started' here: read and recorded as paid"
is "$(psql_q "SELECT count(*) FROM payment_events WHERE payment_id = $LATE AND kind = 'reconcile'")" 1 "the history says why"
is "$(psql_q "SELECT provider_id || ' ' || status FROM payments WHERE id = $CRASH")" "$CRASH_PID success" \
	"the provider's id never kept here: found by reference, kept, and recorded as paid"
is "$(psql_q "SELECT status FROM payments WHERE id = $DECL")" failed "declined there: recorded as failed, not flagged"
is "$(differences "AND kind = 'paid_here_late' AND fixed_at IS NOT NULL")" 2 "both fixes are listed, as fixed"
is "$(differences "AND kind = 'unknown_at_provider' AND payment_id = $GONE AND department_id = $MOB")" 1 \
	"recorded here, unknown to the provider: flagged for mobility"
is "$(differences "AND kind = 'unknown_here' AND provider_id = '$STRANGER' AND department_id IS NULL")" 1 \
	"at the provider, unknown here: flagged for anyone"
is "$(differences "AND kind = 'amount_differs' AND payment_id = $AMOUNT AND provider_cents = 1200 AND our_cents = 1000")" 1 \
	"another amount: flagged with both"
is "$(differences "AND payment_id = $OK")" 0 "a payment as it should be, refund included: nothing"
N=$(differences)
reconcile "$D"
is "$?" 0 "run again"
is "$(differences)" "$N" "nothing more found"
is "$(psql_q "SELECT count(*) FROM payment_events WHERE payment_id = $LATE AND kind = 'reconcile'")" 1 "nothing recorded twice"

# --- the page -----------------------------------------------------------------------------
is "$(as "$A" GET "/inbox/payments?dept=$MOB&day=$D")" 200 "Agathe opens mobility's day"
contains "$TMP/body" "Paiements et rapprochement — Service Mobilité" "its title"
contains "$TMP/body" '<dd id="total-paid">76,00 € (5)</dd>' "paid: 25 + 15 + 17 + 9 + 10 euros"
contains "$TMP/body" '<dd id="total-refunded">5,00 € (1)</dd>' "refunded: 5 euros"
contains "$TMP/body" '<dd id="total-net"><strong>71,00 €</strong></dd>' "net: 71 euros"
contains "$TMP/body" "paiements chez le prestataire" "the run's figures"
contains "$TMP/body" "Enregistré ici, inconnu du prestataire" "the unknown payment flagged"
contains "$TMP/body" "Chez le prestataire, inconnu ici" "the stranger flagged"
contains "$TMP/body" "Corrigé automatiquement le" "the fixes shown as fixed"
lacks "$TMP/body" "$R-tax" "not the tax department's payment"
contains "$TMP/body" "/inbox/payments/differences/" "a manager may resolve"
contains "$TMP/body" "=HYPERLINK" "the refund's reason, escaped"
contains "$TMP/body" "/inbox/payments/export.csv?dept=$MOB&amp;day=$D" "a link to the day's CSV"
is "$(as "$A" GET "/inbox/payments?dept=$TAXES&day=$D")" 404 "taxes is not Agathe's department: 404"
is "$(as "$A" GET "/inbox/payments?dept=$MOB&day=31/02/2026")" 400 "a day that is not one: 400"
contains "$TMP/body" "Indiquez un jour" "told why"
is "$(as "$B" GET "/inbox/payments?dept=$MOB&day=$D")" 200 "Bruno reads mobility: he sees the day"
lacks "$TMP/body" "/inbox/payments/differences/" "but may not resolve"
XID=$(psql_q "SELECT id FROM payment_discrepancies WHERE payment_id = $GONE")
is "$(as "$B" POST "/inbox/payments/differences/$XID" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "dept=$MOB&day=$D" --data-urlencode "body=Vu")" 403 "and resolving: 403"
as "$A" GET "/inbox/payments?dept=$MOB&day=$D" >/dev/null
is "$(as "$A" POST "/inbox/payments/differences/$XID" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "dept=$MOB&day=$D" --data-urlencode "body=")" 400 "resolving without a note: 400"
contains "$TMP/body" "Indiquez ce qui a été fait." "told to write one"
as "$A" GET "/inbox/payments?dept=$MOB&day=$D" >/dev/null
is "$(as "$A" POST "/inbox/payments/differences/$XID" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "dept=$MOB&day=$D" --data-urlencode "body=Remboursé à la main au guichet")" 303 "Agathe resolves it"
as "$A" GET "$(location)" >/dev/null
contains "$TMP/body" "Écart marqué comme résolu." "told it is done"
contains "$TMP/body" "Remboursé à la main au guichet" "with her note"
TXID=$(psql_q "SELECT id FROM payment_discrepancies WHERE payment_id = $AMOUNT")
psql_q "UPDATE payment_discrepancies SET department_id = $TAXES WHERE id = $TXID" >/dev/null
is "$(as "$A" POST "/inbox/payments/differences/$TXID" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data "dept=$MOB&day=$D" --data-urlencode "body=x")" 404 "another department's difference: 404"
psql_q "UPDATE payment_discrepancies SET department_id = $MOB WHERE id = $TXID" >/dev/null

# --- the CSV ---------------------------------------------------------------------------------
is "$(as "$A" GET "/inbox/payments/export.csv?dept=$MOB&day=$D")" 200 "the day as CSV"
is "$(header Content-Type)" "text/csv; charset=utf-8" "as text/csv"
contains "$TMP/headers" "filename=\"payments-$MOB-$D.csv\"" "named after the department and the day"
cp "$TMP/body" "$TMP/day.csv"
is "$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r["type"] == "payment"))' "$TMP/day.csv")" 6 \
	"mobility's six payments"
is "$(python3 -c 'import csv,sys; from decimal import Decimal as D; print(sum(D(r["settled_eur"]) for r in csv.DictReader(open(sys.argv[1]))))' "$TMP/day.csv")" \
	"71.00" "what was settled adds up to the page's net"
is "$(python3 -c 'import csv,sys; print([r["settled_eur"] for r in csv.DictReader(open(sys.argv[1])) if r["type"] == "refund"][0])' "$TMP/day.csv")" \
	"-5.00" "a refund as a negative number"
is "$(python3 -c 'import csv,sys; print([r["reason"] for r in csv.DictReader(open(sys.argv[1])) if r["type"] == "refund"][0])' "$TMP/day.csv")" \
	"'=HYPERLINK(\"x\")" "a formula is not one in a spreadsheet"
is "$(python3 -c 'import csv,sys; print(min(r["at_utc"] for r in csv.DictReader(open(sys.argv[1]))))' "$TMP/day.csv")" \
	"$(date -u -d "@$AT" +%FT%TZ)" "times in UTC"
lacks "$TMP/day.csv" "$R-tax" "not the tax department's"
is "$(as "$A" GET "/inbox/payments/export.csv?dept=$TAXES&day=$D")" 404 "another department's CSV: 404"
is "$(as "$A" GET "/inbox/payments/export.csv?dept=$MOB&day=nope")" 400 "a day that is not one: 400"

# --- two hosts at once --------------------------------------------------------------------------
# Each application host runs the job: started together on a day with a
# payment paid at the provider and not here, the day's run is claimed by
# one (the other is told another worker holds it, or, come after its end,
# finds nothing more): the payment is fixed and recorded once.
D2=$(TZ=Europe/Brussels date -d '5 days ago' +%F)
AT2=$(TZ=Europe/Brussels date -d "$D2 10:00" +%s)
LATE2=$(AT=$AT2; here "$(sent EBIKE)" 1300 "$R-late2" "$(at_provider 1300 "$R-late2")" started)
psql_q "DELETE FROM payment_reconcile_runs WHERE day = '$D2'" >/dev/null
HOSTS=()
for h in 1 2; do
	"$BUILD/cgi-bin/notify/guichet-notify" --conf "$DIR/guichet.conf" --log "$TMP/host$h.log" --reconcile "$D2" \
		>"$TMP/host$h.out" 2>"$TMP/host$h.err" &
	HOSTS+=($!)
done
wait "${HOSTS[@]}"
check "both ended as a run or as told another worker holds the day" bash -c \
	"for h in 1 2; do [ ! -s '$TMP/host'\$h.err ] || grep -q 'being reconciled by another worker' '$TMP/host'\$h.err || exit 1; done"
is "$(psql_q "SELECT status FROM payments WHERE id = $LATE2")" success "the payment is recorded as paid"
is "$(psql_q "SELECT count(*) FROM payment_events WHERE payment_id = $LATE2 AND kind = 'reconcile'")" 1 "once"
is "$(psql_q "SELECT count(*) FROM payment_discrepancies WHERE day = '$D2' AND payment_id = $LATE2")" 1 \
	"and listed once"
is "$(psql_q "SELECT count(*) FROM payment_reconcile_runs WHERE day = '$D2' AND finished_at IS NOT NULL")" 1 \
	"the day is done"

# --- days missed: the worker catches up on its own ---------------------------------------------
# (a day is due once it has been over for an hour: from midnight to one in
# Brussels, yesterday is not yet, and D's days are two, not three)
psql_q "DELETE FROM payment_reconcile_runs WHERE day >= '$D'" >/dev/null
DUE=$(psql_q "SELECT count(*) FROM generate_series('$D'::date,
	((now() - interval '1 hour') AT TIME ZONE 'Europe/Brussels')::date - 1, interval '1 day')")
check "the worker reconciles the days missed by itself ($DUE)" wait_for 40 \
	"SELECT count(*) FROM payment_reconcile_runs WHERE day >= '$D' AND finished_at IS NOT NULL" "$DUE"
is "$(differences)" "$N" "finding nothing new"
done_testing
