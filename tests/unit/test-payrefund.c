/*
 * lib/payrefund.c with Stripe's adapter: a refund Stripe left pending is
 * read again by its id (GET /v1/refunds/:id, replayed from the recorded
 * exchanges refund-60 to refund-92), never sent again, and settled as
 * Stripe says: succeeded, failed, still pending, unknown or of another
 * amount (left pending for a human).  Against the test stack's database
 * (GUICHET_TEST_CONNINFO, as test-db); without it nothing is run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "payrefund.h"
#include "stripe-replay.h"
#include "tap.h"

/*
 * The test's own person (nobody logs in with this number), so no other
 * suite finds its drafts; then a paid payment of 25 euros at Stripe, of
 * a draft of that person's.
 */
#define NRN	"71010199882"
static struct dbq q_person = DBQ(
    "INSERT INTO persons (nrn, given_names, surname)"
    " VALUES ('" NRN "', 'Test', 'Payrefund') ON CONFLICT (nrn) DO NOTHING");

static struct dbq q_payment = DBQ(
    "WITH d AS (INSERT INTO dossiers (procedure_id, procedure_version,"
    "   owner_person_id)"
    "  SELECT p.id, p.current_version, pe.id FROM procedures p, persons pe"
    "  WHERE p.code = 'EBIKE' AND pe.nrn = '" NRN "' RETURNING *)"
    " INSERT INTO payments (dossier_id, department_id, person_id, due,"
    "  reference, amount_cents, lines, lang, provider, provider_id,"
    "  idempotency_key, expires_at)"
    " SELECT d.id, p.department_id, d.owner_person_id, 'submission',"
    "  'PAY-RR-' || gen_random_uuid(), 2500, '[]', 'fr', 'stripe',"
    "  'cs_test_rr_' || replace(gen_random_uuid()::text, '-', ''),"
    "  gen_random_uuid(), now() + interval '1 day'"
    " FROM d JOIN procedures p ON p.id = d.procedure_id RETURNING id");
static struct dbq q_paid = DBQ(
    "UPDATE payments SET status = 'success' WHERE id = $1::bigint");

/* A refund Stripe took (its id known) and left pending; its id. */
static struct dbq q_refund = DBQ(
    "INSERT INTO payment_refunds (payment_id, amount_cents, reason, agent_id,"
    "  idempotency_key, provider_refund_id)"
    " SELECT $1::bigint, $2::bigint, 'test', a.id, gen_random_uuid(), $3"
    " FROM agents a LIMIT 1 RETURNING id");

static struct dbq q_state = DBQ(
    "SELECT f.status || ' ' || p.refunded_cents FROM payment_refunds f"
    " JOIN payments p ON p.id = f.payment_id WHERE f.id = $1::bigint");

/*
 * What this test left pending ends here, so the stack's own worker (whose
 * provider is not Stripe) has nothing of it to send again.
 */
static struct dbq q_cleanup = DBQ(
    "UPDATE payment_refunds SET status = 'error' WHERE status = 'pending'"
    "  AND payment_id IN (SELECT id FROM payments WHERE provider = 'stripe'"
    "  AND reference LIKE 'PAY-RR-%')");

/* A refund of cents left pending at Stripe as stripe_id; its id. */
static const char *
pending(struct pool *p, long long cents, const char *stripe_id)
{
	PGresult	*res;
	const char	*v[3];

	if ((res = db_query(p, &q_payment, 0, NULL)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	v[0] = pool_strdup(p, PQgetvalue(res, 0, 0));
	if (db_query(p, &q_paid, 1, v) == NULL)
		return NULL;
	v[1] = pool_printf(p, "%lld", cents);
	v[2] = stripe_id;
	if ((res = db_query(p, &q_refund, 3, v)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	return pool_strdup(p, PQgetvalue(res, 0, 0));
}

static const char *
state(struct pool *p, const char *refund)
{
	const char	*v[1] = { refund };
	PGresult	*res = refund != NULL ? db_query(p, &q_state, 1, v) : NULL;

	return res != NULL && PQntuples(res) == 1 ?
	    pool_strdup(p, PQgetvalue(res, 0, 0)) : "";
}

/* A secret in a file of its own, as payments.*_file wants it. */
static const char *
secret_file(struct pool *p, const char *name, const char *value)
{
	char	*path = pool_printf(p, "/tmp/test-payrefund-%d-%s",
	    (int)getpid(), name);
	FILE	*f = fopen(path, "w");

	if (f == NULL)
		return NULL;
	fputs(value, f);
	fclose(f);
	return path;
}

int
main(void)
{
	const char	*ci = getenv("GUICHET_TEST_CONNINFO");
	struct pool	*p = pool_new(4096);
	const char	*url, *keyf, *secf, *r;
	json_t		*stats;

	if (ci == NULL) {
		printf("1..0 # SKIP GUICHET_TEST_CONNINFO not set\n");
		return 0;
	}
	if ((url = replay_start(p)) == NULL) {
		ok(0, "the replay server starts");
		replay_stop();
		return tap_done();
	}
	keyf = secret_file(p, "key", "sk_test_guichet");
	secf = secret_file(p, "secret", "whsec_test_guichet");
	ok(keyf != NULL && secf != NULL &&
	    conf_set("payments.provider", "stripe") == GERR_OK &&
	    conf_set("payments.url", url) == GERR_OK &&
	    conf_set("payments.key_file", keyf) == GERR_OK &&
	    conf_set("payments.webhook_secret_file", secf) == GERR_OK &&
	    conf_set("payments.timeout_ms", "2000") == GERR_OK,
	    "payments by Stripe, at the replay server");
	ok(db_open(ci) == GERR_OK && db_query(p, &q_person, 0, NULL) != NULL,
	    "connects; a person of the test's own");

	r = pending(p, 2500, "re_test_later");
	if (r == NULL) {
		ok(0, "a paid payment and its refund, pending");
		replay_stop();
		return tap_done();
	}
	ok(payrefund_send(p, r) == GERR_OK, "succeeded since: read");
	is_str(state(p, r), "success 2500",
	    "recorded as a success, the payment's refunded amount with it");
	ok(payrefund_send(p, r) == GERR_OK, "settled: nothing more to send");

	r = pending(p, 2500, "re_test_whole");
	ok(payrefund_send(p, r) == GERR_OK, "still pending at Stripe: read");
	is_str(state(p, r), "pending 0", "left pending");

	r = pending(p, 2500, "re_test_declined");
	ok(payrefund_send(p, r) == GERR_CONFLICT, "failed since: a refusal");
	is_str(state(p, r), "error 0", "recorded as an error, nothing refunded");

	r = pending(p, 2500, "re_test_missing");
	ok(payrefund_send(p, r) == GERR_UPSTREAM,
	    "a refund Stripe does not know: not decided here");
	is_str(state(p, r), "pending 0", "left pending for a human");

	r = pending(p, 2500, "re_test_down");
	ok(payrefund_send(p, r) == GERR_UPSTREAM, "Stripe away: read later");
	is_str(state(p, r), "pending 0", "left pending");

	r = pending(p, 1000, "re_test_later");
	ok(payrefund_send(p, r) == GERR_UPSTREAM,
	    "Stripe's refund of another amount: not ours to settle");
	is_str(state(p, r), "pending 0", "left pending");

	stats = replay_stats(p, url);
	ok(stats != NULL && json_array_size(json_object_get(stats,
	    "violations")) == 0, "every request as Stripe documents it");
	ok(served(stats, "served", "refund-20-whole") == 0 &&
	    served(stats, "served", "refund-10-part") == 0,
	    "no refund sent again: only read");
	ok(served(stats, "served", "refund-70-read-succeeded") == 2,
	    "GET /v1/refunds/:id, each time");
	ok(db_query(p, &q_cleanup, 0, NULL) != NULL, "what is left pending ends");
	replay_stop();
	unlink(keyf);
	unlink(secf);
	pool_free(p);
	return tap_done();
}
