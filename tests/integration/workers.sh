#!/usr/bin/env bash
# Workers on several hosts (docs/high-availability.md): three notification
# workers (the stack's and two more, as on two application hosts) share the
# webhook deliveries of 60 dossiers, three events each, without sending one
# twice and in each dossier's order; and a queue of 120 certificate
# requests (the register was down), each issued once, with one document
# and one notice.  (The outbox's sharing is in notify.sh, the deadlines'
# job on two hosts in deadlines.sh, the payments' reconciliation in
# payments-reconcile.sh.)  Prints TAP.
. "$(dirname "$0")/lib.sh"

NOTIFY=$BUILD/cgi-bin/notify/guichet-notify
HOOK_PORT=$((PORT + 84))
RUN=$$

mkdir -p "$TMP/hooks"
"$SRC/tests/webhooks/receiver" "$HOOK_PORT" "$TMP/hooks" </dev/null >/dev/null 2>&1 &
RECV=$!
"$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify-w2.log" </dev/null >/dev/null 2>&1 &
W2=$!
"$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify-w3.log" </dev/null >/dev/null 2>&1 &
W3=$!
trap 'kill $RECV $W2 $W3 2>/dev/null; rm -rf "$TMP"' EXIT
for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$HOOK_PORT") 2>/dev/null && break; sleep 0.1; done

# A webhook of the residence certificate's department, then 60 dossiers
# with three events each: the trigger queues 180 deliveries at once.
PROC=$(psql_q "SELECT id || ' ' || current_version || ' ' || department_id FROM procedures WHERE code = 'RESIDENCE'")
set -- $PROC
PERSON=$(psql_q "SELECT id FROM persons ORDER BY id LIMIT 1")
HOOK=$(psql_q "INSERT INTO webhooks (department_id, url, secret)
	VALUES ($3, 'http://127.0.0.1:$HOOK_PORT/w$RUN', decode(md5(random()::text), 'hex')) RETURNING id")
psql_q "WITH d AS (INSERT INTO dossiers (procedure_id, procedure_version, owner_person_id, status,
		reference, submitted_at)
	SELECT $1, $2, $PERSON, 'soumis', 'W$RUN-' || g, now() FROM generate_series(1, 60) g RETURNING id)
	INSERT INTO dossier_events (dossier_id, kind, from_status, to_status)
	SELECT d.id, 'status', s.f, s.t FROM d,
	  (VALUES (1, 'complet', 'soumis'), (2, 'soumis', 'receptionne'),
	          (3, 'receptionne', 'en_traitement')) s(n, f, t)
	ORDER BY d.id, s.n" >/dev/null
is "$(psql_q "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK")" 180 "180 deliveries queued"

check "all are delivered" wait_for 30 \
	"SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND delivered_at IS NOT NULL" 180
sleep 0.3
python3 - "$TMP/hooks" "$RUN" >"$TMP/seen" <<'PY'
import json, os, sys
d, run = sys.argv[1], sys.argv[2]
got = []
for f in sorted(os.listdir(d)):
    r = json.load(open(os.path.join(d, f)))
    if r["path"] != "/w" + run:
        continue
    b = json.loads(r["body"])
    got.append((f, b["reference"], b["event"]))
events = [e for f, ref, e in got]
print(len(got), len(set(events)))
# per dossier, in the order the receiver got them: events ascending
by = {}
for f, ref, e in got:
    by.setdefault(ref, []).append(e)
print(sum(1 for l in by.values() if l != sorted(l)))
PY
read -r total distinct <"$TMP/seen"
is "$total" 180 "the application got 180 POSTs"
is "$distinct" 180 "each event once: none twice"
is "$(sed -n 2p "$TMP/seen")" 0 "each dossier's events in the order they happened"
check "the deliveries were shared between workers" test "$(psql_q "SELECT count(DISTINCT claimed_by)
	FROM webhook_deliveries WHERE webhook_id = $HOOK")" -ge 2
is "$(psql_q "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = $HOOK AND attempts <> 1")" 0 \
	"each claimed once"

psql_q "UPDATE webhooks SET disabled_at = now() WHERE id = $HOOK" >/dev/null

# --- the certificates' queue ----------------------------------------------------
# More requests than a worker claims at once (notify.batch, 100), queued as
# when the register was down: the first claim takes 100, another the rest.
eid_login elise /certificates "$TMP/elise" >/dev/null
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
psql_q "CREATE TABLE test_claims (id bigint, claimed_by text)" >/dev/null
psql_q "CREATE FUNCTION test_claim_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	AS \$\$BEGIN INSERT INTO test_claims VALUES (NEW.id, NEW.claimed_by); RETURN NEW; END\$\$" >/dev/null
psql_q "CREATE TRIGGER test_claim_log AFTER UPDATE OF claimed_by ON certificate_requests
	FOR EACH ROW WHEN (NEW.claimed_by IS NOT NULL) EXECUTE FUNCTION test_claim_log()" >/dev/null
SINCE=$(psql_q "SELECT now()")
# due in 2 s: the count below sees them all still queued
FIRST=$(psql_q "INSERT INTO certificate_requests (type_id, person_id, lang, delivery, status, next_attempt_at)
	SELECT t.id, $ELISE, 'fr', 'vault', 'queued', now() + interval '2 seconds' FROM certificate_types t, generate_series(1, 120)
	WHERE t.code = 'RESIDENCE' RETURNING id" | sort -n | head -1)
MINE="id BETWEEN $FIRST AND $((FIRST + 119))"
is "$(psql_q "SELECT count(*) FROM certificate_requests WHERE $MINE AND status = 'queued'")" 120 "120 requests queued"
for i in $(seq 600); do
	[ "$(psql_q "SELECT count(*) FROM certificate_requests WHERE $MINE AND status = 'queued'")" = 0 ] && break
	sleep 0.1
done
# who claimed what, from the log a trigger of the test's kept (a claim's
# claimed_by is cleared when the request is issued: sampling it missed
# a worker's short claim)
psql_q "SELECT DISTINCT claimed_by FROM test_claims WHERE $MINE" >"$TMP/claimers"
psql_q "DROP TRIGGER test_claim_log ON certificate_requests; DROP FUNCTION test_claim_log(); DROP TABLE test_claims" >/dev/null
is "$(psql_q "SELECT count(*) FROM certificate_requests WHERE $MINE AND status = 'issued'")" 120 "all are issued"
is "$(psql_q "SELECT count(DISTINCT document_id) FROM certificate_requests WHERE $MINE")" 120 \
	"each with a document of its own"
is "$(psql_q "SELECT count(*) FROM documents WHERE person_id = $ELISE AND kind = 'certificate' AND issued_at >= '$SINCE'")" 120 \
	"and no document made twice"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_issued'
	AND (payload->>'reference') IN (SELECT reference FROM certificate_requests WHERE $MINE)")" 120 \
	"one notice each"
check "the requests were shared between workers ($(sort -u "$TMP/claimers" | grep -c .))" \
	test "$(sort -u "$TMP/claimers" | grep -c .)" -ge 2
done_testing
