/*
 * The certificates' queue: requests made while the national register was
 * away or slow (guichet-certs stores them as "queued"), and those whose
 * issue at the time of the request did not end.  Claimed like the outbox
 * (the lease moved ahead, FOR UPDATE SKIP LOCKED, so several workers
 * share it and a dead one's claims come back when the lease ends), each
 * asks the register again: known, the request is issued through
 * certificate_issue (or waits for an agent, for a checked type); unknown,
 * it ends as "unknown" and the person is told; away again, it comes back
 * after a backoff.  A queued request is never dropped.
 */
#include <stdlib.h>

#include "app.h"
#include "certdef.h"
#include "certificate.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "payrefund.h"

/* Due requests, with their type and person (certreq_from_row). */
static struct dbq q_claim = DBQ(
    "UPDATE certificate_requests r"
    " SET next_attempt_at = now() + make_interval(secs => $2),"
    "  attempts = r.attempts + 1, claimed_by = $3"
    " FROM (SELECT id FROM certificate_requests"
    "  WHERE status = 'queued' AND next_attempt_at <= now()"
    "  ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) c,"
    "  certificate_types t, departments dep, persons pe"
    " WHERE r.id = c.id AND t.id = r.type_id AND dep.id = t.department_id"
    "  AND pe.id = r.person_id"
    " RETURNING " CERTREQ_COLS("r.lang") ", r.id, r.reference, r.lang,"
    "  r.register_data::text");

static struct dbq q_retry = DBQ(
    "UPDATE certificate_requests"
    " SET next_attempt_at = now() + make_interval(secs =>"
    "   least($3::float8, $2::float8 * 2 ^ greatest(attempts - 1, 0))),"
    "  last_error = $4"
    " WHERE id = $1::bigint AND status = 'queued'");

/*
 * The register does not know the person, or lacks what the type prints.
 * A request paid for (ordered while the register was away) is refunded
 * whole in the same statement, by the guichet itself (no agent), with a
 * key made from the request: ended once, refunded once.  Returns the
 * refund's id, to be sent at once (payrefund_batch sends it later
 * otherwise).
 */
static struct dbq q_unknown = DBQ(
    "WITH u AS (UPDATE certificate_requests SET status = 'unknown',"
    "  last_error = $2, claimed_by = NULL"
    "  WHERE id = $1::bigint AND status = 'queued'"
    "  RETURNING id, person_id, lang, reference),"
    " paid AS (SELECT p.id, p.amount_cents - coalesce((SELECT"
    "   sum(f.amount_cents) FROM payment_refunds f WHERE f.payment_id = p.id"
    "   AND f.status <> 'error'), 0) AS left_cents"
    "  FROM payments p JOIN u ON p.certificate_request_id = u.id"
    "  WHERE p.status = 'success'),"
    " f AS (INSERT INTO payment_refunds (payment_id, amount_cents, reason,"
    "   idempotency_key)"
    "  SELECT id, left_cents, 'certificate not issued: ' || $2,"
    "   md5('certificate-unknown:' || $1)::uuid FROM paid"
    "  WHERE left_cents > 0 ON CONFLICT (idempotency_key) DO NOTHING"
    "  RETURNING id, payment_id, amount_cents),"
    " e AS (INSERT INTO payment_events (payment_id, kind, detail)"
    "  SELECT payment_id, 'refund', jsonb_build_object('refund', id,"
    "   'cents', amount_cents, 'status', 'pending') FROM f),"
    " n AS (INSERT INTO notification_outbox (kind, person_id, lang, payload)"
    "  SELECT CASE WHEN EXISTS (SELECT 1 FROM f)"
    "   THEN 'certificate_unknown_refunded' ELSE 'certificate_unknown' END,"
    "   person_id, lang, jsonb_build_object('reference', reference) FROM u)"
    " SELECT id FROM f");

/* A checked type: to the inbox with the data the agent will see. */
static struct dbq q_checking = DBQ(
    "UPDATE certificate_requests SET status = 'checking',"
    "  register_data = $2::jsonb, claimed_by = NULL, last_error = NULL"
    " WHERE id = $1::bigint AND status = 'queued'");

static void
cert_retry(struct pool *p, const struct notify_conf *cf, const char *id,
    const char *why)
{
	const char	*v[4];

	v[0] = id;
	v[1] = pool_printf(p, "%lld", cf->backoff_min);
	v[2] = pool_printf(p, "%lld", cf->backoff_max);
	v[3] = why;
	if (db_query(p, &q_retry, 4, v) == NULL)
		log_warnx("certificates: could not schedule a retry");
}

/* Ended as not issued; a payment for it refunded (sent now if it can be). */
static void
cert_unknown(struct pool *p, const struct certreq *c, const char *why)
{
	const char	*v[2] = { c->id, why };
	PGresult	*res;

	if ((res = db_query(p, &q_unknown, 2, v)) == NULL) {
		log_warnx("certificate %s: not ended as unknown (%s)",
		    c->reference, gerr_name(db_last_error()));
		return;		/* still queued: asked again after the lease */
	}
	if (PQntuples(res) == 1) {
		log_info("certificate %s: not issued, its payment refunded",
		    c->reference);
		payrefund_send(p, db_value(res, 0, 0));
	}
}

static void
cert_work(struct pool *p, const struct notify_conf *cf, struct certreq *c)
{
	const char	*v[2];
	char		*data;
	enum gerr	 e;

	v[0] = c->id;
	if (c->data == NULL) {
		switch ((e = certificate_lookup(p, c))) {
		case GERR_OK:
			break;
		case GERR_NOTFOUND:
			cert_unknown(p, c, "unknown to the register");
			return;
		default:
			cert_retry(p, cf, c->id, gerr_name(e));
			return;
		}
	}
	if (!certdef_requires_met(c->def, c->data)) {
		cert_unknown(p, c, "the register lacks the data");
		return;
	}
	if (!c->automatic) {
		if ((data = json_dumps(c->data, JSON_COMPACT)) == NULL)
			return;
		v[1] = pool_strdup(p, data);
		free(data);
		db_query(p, &q_checking, 2, v);
		return;
	}
	if ((e = certificate_issue(p, c)) != GERR_OK &&
	    e != GERR_CONFLICT) {
		log_warnx("certificate %s: not issued (%s), retried",
		    c->reference, gerr_name(e));
		cert_retry(p, cf, c->id, gerr_name(e));
	}
}

/* One claimed batch: the requests claimed, or -1 if the database failed. */
int
certs_batch(struct pool *p, const struct notify_conf *cf)
{
	struct certreq	 c;
	PGresult	*res;
	int		 i, rows;

	if ((res = notify_claim(p, cf, &q_claim)) == NULL)
		return -1;
	rows = PQntuples(res);
	for (i = 0; i < rows && !signal_term(); i++) {
		if (certreq_from_row(p, res, i, &c) != GERR_OK)
			continue;	/* comes back when the lease ends */
		cert_work(p, cf, &c);
	}
	return rows;
}
