/* Refunds asked from the back office, sent to the provider and settled (lib/payrefund.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "payment.h"
#include "payrefund.h"
#include "valid.h"

/*
 * The payment, locked, with what is left to refund (refunds in error
 * aside) and the refund already made with this key, if any.
 */
static struct dbq q_lock = DBQ(
    "SELECT p.status, p.amount_cents - coalesce((SELECT sum(f.amount_cents)"
    "   FROM payment_refunds f WHERE f.payment_id = p.id"
    "   AND f.status <> 'error'), 0),"
    "  (SELECT f.id FROM payment_refunds f"
    "   WHERE f.idempotency_key = $3::uuid AND f.payment_id = p.id)"
    "  FROM payments p"
    " WHERE p.id = $1::bigint AND (p.dossier_id = $2::bigint"
    "  OR p.certificate_request_id = $4::bigint) FOR UPDATE");

static struct dbq q_insert = DBQ(
    "WITH f AS (INSERT INTO payment_refunds (payment_id, amount_cents,"
    "  reason, agent_id, idempotency_key)"
    " VALUES ($1::bigint, $2::bigint, $3, $4::bigint, $5::uuid)"
    " RETURNING id, payment_id, amount_cents)"
    " INSERT INTO payment_events (payment_id, kind, actor_agent_id, detail)"
    " SELECT payment_id, 'refund', $4::bigint, jsonb_build_object('refund',"
    "  id, 'cents', amount_cents, 'status', 'pending') FROM f"
    " RETURNING (SELECT id FROM f)");

/* A key is the form's UUID, in its canonical spelling. */
static int
key_ok(const char *k)
{
	size_t	 i;

	if (k == NULL || strlen(k) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? k[i] != '-' :
		    strchr("0123456789abcdef", k[i]) == NULL || k[i] == '\0')
			return 0;
	return 1;
}

int
payrefund_cents(const char *s, int64_t *out)
{
	char		 norm[32], *dot;
	long long	 euros;
	static const struct vlimits lim = { 0, 16, 0, 0 };

	if (s == NULL || !valid_money(s, &lim, norm, sizeof(norm)) ||
	    norm[0] == '-')
		return -1;
	euros = strtoll(norm, &dot, 10);
	if (euros < 0 || euros > 100000000LL)
		return -1;
	*out = (int64_t)euros * 100;
	if (*dot == '.' && dot[1] >= '0' && dot[1] <= '9') {
		*out += (dot[1] - '0') * 10;
		if (dot[2] >= '0' && dot[2] <= '9')
			*out += dot[2] - '0';
	}
	return *out > 0 ? 0 : -1;
}

enum gerr
payrefund_ask(struct pool *p, const struct payrefund_ask *a,
    int64_t *available, const char **refund_id)
{
	const char	*v[5];
	PGresult	*res;
	enum gerr	 e;

	*available = 0;
	*refund_id = NULL;
	if (!valid_id(a->payment_id) || !(a->dossier_id != NULL ?
	    valid_id(a->dossier_id) : valid_id(a->cert_request_id)))
		return GERR_NOTFOUND;
	if (!key_ok(a->key) || a->cents <= 0)
		return GERR_INPUT;
	if ((e = db_begin(p)) != GERR_OK)
		return e;
	v[0] = a->payment_id;
	v[1] = a->dossier_id;
	v[2] = a->key;
	v[3] = a->cert_request_id;
	if ((res = db_query(p, &q_lock, 4, v)) == NULL) {
		e = db_last_error();
		goto fail;
	}
	e = GERR_NOTFOUND;
	if (PQntuples(res) != 1)
		goto fail;
	*available = strtoll(db_value(res, 0, 1), NULL, 10);
	if (!PQgetisnull(res, 0, 2)) {
		/* the same form sent twice: the first refund stands */
		*refund_id = pool_strdup(p, db_value(res, 0, 2));
		db_rollback(p);
		return GERR_OK;
	}
	e = GERR_CONFLICT;
	if (strcmp(db_value(res, 0, 0), "success") != 0 ||
	    a->cents > *available)
		goto fail;
	v[1] = pool_printf(p, "%" PRId64, a->cents);
	v[2] = a->reason;
	v[3] = a->agent_id;
	v[4] = a->key;
	if ((res = db_query(p, &q_insert, 5, v)) == NULL) {
		e = db_last_error();
		goto fail;
	}
	*refund_id = pool_strdup(p, db_value(res, 0, 0));
	return db_commit(p);
fail:
	db_rollback(p);
	return e;
}

/*
 * The refund and its payment; what the provider should believe is left:
 * the payment less the refunds it accepted (succeeded, or pending with
 * its id), this one aside.
 */
static struct dbq q_refund = DBQ(
    "SELECT f.amount_cents, f.reason, f.idempotency_key, p.provider,"
    "  p.provider_id, p.amount_cents - coalesce((SELECT sum(o.amount_cents)"
    "   FROM payment_refunds o WHERE o.payment_id = p.id AND o.id <> f.id"
    "   AND (o.status = 'success' OR o.status = 'pending'"
    "    AND o.provider_refund_id IS NOT NULL)), 0), f.agent_id,"
    "  f.provider_refund_id"
    "  FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
    " WHERE f.id = $1::bigint AND f.status = 'pending'");

/*
 * The provider's answer, once: a refund that succeeded adds to the
 * payment's refunded_cents in the same statement.
 */
static struct dbq q_settle = DBQ(
    "WITH f AS (UPDATE payment_refunds SET status = $2,"
    "  provider_refund_id = coalesce(provider_refund_id, $3)"
    " WHERE id = $1::bigint AND status = 'pending'"
    " RETURNING id, payment_id, amount_cents, status),"
    " p AS (UPDATE payments SET refunded_cents = refunded_cents"
    "  + f.amount_cents FROM f WHERE payments.id = f.payment_id"
    "  AND f.status = 'success' RETURNING payments.id)"
    " INSERT INTO payment_events (payment_id, kind, detail)"
    " SELECT payment_id, 'refund', jsonb_build_object('refund', id,"
    "  'cents', amount_cents, 'status', status) FROM f"
    " WHERE status <> 'pending'");

static enum gerr
settle(struct pool *p, const char *id, const char *status,
    const char *provider_id)
{
	const char	*v[3] = { id, status, provider_id };

	return db_query(p, &q_settle, 3, v) != NULL ? GERR_OK :
	    db_last_error();
}

/*
 * A refund the provider took and left pending, read again by its id
 * (Stripe: a replayed key would only give the first answer back).
 * Anything but an answer about that amount leaves it pending for the
 * next round: a refund the provider says it does not know, or of another
 * amount, is for a human (the daily check's refunds_differ), never an
 * error decided here.
 */
static enum gerr
refund_reread(struct pool *p, const struct payprovider *pp,
    const struct payconf *pc, const char *refund_id, const char *provider_id,
    int64_t cents)
{
	struct pay_refund rf;
	enum gerr	 e;

	if ((e = pp->refund_read(p, pc, provider_id, &rf)) == GERR_OK &&
	    rf.amount_cents != cents)
		e = GERR_CONFLICT;	/* not the refund we asked for */
	if (e != GERR_OK) {
		log_warnx("payments: refund %s not read (%s), still pending",
		    refund_id, gerr_name(e));
		return GERR_UPSTREAM;
	}
	log_info("payments: refund %s read: %s", refund_id, rf.done ? "done" :
	    rf.failed ? "failed" : "pending");
	if ((e = settle(p, refund_id, rf.done ? "success" : rf.failed ?
	    "error" : "pending", NULL)) != GERR_OK)
		return e;
	return rf.failed ? GERR_CONFLICT : GERR_OK;
}

enum gerr
payrefund_send(struct pool *p, const char *refund_id)
{
	const struct payprovider *pp;
	struct payconf	 pc;
	struct pay_refund rf;
	PGresult	*res;
	const char	*v[1] = { refund_id };
	enum gerr	 e;

	if ((res = db_query(p, &q_refund, 1, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;		/* settled meanwhile */
	if ((pp = payconf_load(p, &pc)) == NULL)
		return GERR_UPSTREAM;
	if (strcmp(pp->name, db_value(res, 0, 3)) != 0) {
		log_warnx("payments: refund %s: the payment is of provider %s",
		    refund_id, db_value(res, 0, 3));
		return GERR_UPSTREAM;
	}
	if (!PQgetisnull(res, 0, 7) && pp->refund_read != NULL)
		return refund_reread(p, pp, &pc, refund_id,
		    db_value(res, 0, 7), strtoll(db_value(res, 0, 0), NULL,
		    10));
	e = pp->refund(p, &pc, db_value(res, 0, 4),
	    strtoll(db_value(res, 0, 0), NULL, 10),
	    strtoll(db_value(res, 0, 5), NULL, 10), db_value(res, 0, 1),
	    db_value(res, 0, 2), &rf);
	switch (e) {
	case GERR_OK:
		log_info("payments: refund %s %s at the provider", refund_id,
		    rf.done ? "done" : rf.failed ? "failed" : "pending");
		e = settle(p, refund_id, rf.done ? "success" : rf.failed ?
		    "error" : "pending", rf.provider_id);
		return e != GERR_OK ? e : rf.failed ? GERR_CONFLICT : GERR_OK;
	case GERR_CONFLICT:
	case GERR_INPUT:
	case GERR_NOTFOUND:
		/* refused for good: what is left differs, or the payment */
		log_warnx("payments: refund %s refused by the provider",
		    refund_id);
		e = settle(p, refund_id, "error", NULL);
		return e != GERR_OK ? e : GERR_CONFLICT;
	default:
		return GERR_UPSTREAM;
	}
}

/* Pending a minute or more, claimed for the next minute by moving updated_at on. */
static struct dbq q_claim = DBQ(
    "UPDATE payment_refunds SET updated_at = now()"
    " WHERE id IN (SELECT id FROM payment_refunds"
    "  WHERE status = 'pending' AND updated_at < now() - interval '1 minute'"
    "  ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
    " RETURNING id");

int
payrefund_batch(struct pool *p, int max)
{
	const char	*v[1];
	PGresult	*res;
	int		 i, n;

	v[0] = pool_printf(p, "%d", max);
	if ((res = db_query(p, &q_claim, 1, v)) == NULL)
		return -1;
	n = PQntuples(res);
	for (i = 0; i < n; i++)
		if (payrefund_send(p, db_value(res, i, 0)) == GERR_DB)
			return -1;
	return n;
}
