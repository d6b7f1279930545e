/*
 * A dossier's (or a certificate request's) payments in the back office (issue 19, docs/payments.md):
 * their state and amount, what happened to each (payment_events), their
 * refunds, and the refund form.  A processor refunds a paid dossier once
 * it is closed (refused, or given up); a manager at any time.  The payment
 * must be the dossier's, and the dossier of the agent's department
 * (work.c checked it): any other is a 404.
 */
#include <inttypes.h>
#include <string.h>

#include "db.h"
#include "form.h"
#include "inbox.h"
#include "payrefund.h"
#include "when.h"

/* A dossier's payments ($1), or a certificate request's ($3). */
#define OWNER	"(p.dossier_id = $1::bigint" \
    " OR p.certificate_request_id = $3::bigint)"

static struct dbq q_payments = DBQ(
    "SELECT p.id, p.reference, p.status, p.due,"
    "  payment_euros(p.amount_cents, $2), payment_euros(p.refunded_cents, $2),"
    "  payment_euros(l.cents, $2), l.cents,"
    "  (l.cents / 100)::text || '.' || lpad((l.cents % 100)::text, 2, '0'),"
    "  p.created_at, coalesce(p.method, ''), coalesce(p.provider_id, ''),"
    "  gen_random_uuid(), coalesce(p.failure, '')"
    "  FROM payments p, LATERAL (SELECT (p.amount_cents"
    "   - coalesce(sum(f.amount_cents), 0))::bigint AS cents"
    "   FROM payment_refunds f"
    "   WHERE f.payment_id = p.id AND f.status <> 'error') l"
    " WHERE " OWNER " ORDER BY p.created_at, p.id");
static const char *const payment_cols[] = { "id", "reference", "status",
    "due", "amount", "refunded", "left", "left_cents", "left_input",
    "created", "method", "provider_id", "key", "failure" };

static struct dbq q_events = DBQ(
    "SELECT e.payment_id, e.at, e.kind, coalesce(e.from_status, ''),"
    "  coalesce(e.to_status, ''),"
    "  coalesce(payment_euros((e.detail->>'cents')::bigint, $2), ''),"
    "  coalesce(e.detail->>'status', ''),"
    "  coalesce(trim(pe.given_names || ' ' || pe.surname), '')"
    "  FROM payment_events e JOIN payments p ON p.id = e.payment_id"
    "  LEFT JOIN agents a ON a.id = e.actor_agent_id"
    "  LEFT JOIN persons pe ON pe.id = a.person_id"
    " WHERE " OWNER " ORDER BY e.payment_id, e.at, e.id");
static const char *const event_cols[] = { NULL, "at", "kind", "from", "to",
    "amount", "status", "by" };

static struct dbq q_refunds = DBQ(
    "SELECT f.payment_id, f.created_at, payment_euros(f.amount_cents, $2),"
    "  f.status, f.reason,"
    "  coalesce(trim(pe.given_names || ' ' || pe.surname), '')"
    "  FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
    "  LEFT JOIN agents a ON a.id = f.agent_id"	/* none: the guichet's */
    "  LEFT JOIN persons pe ON pe.id = a.person_id"
    " WHERE " OWNER " ORDER BY f.payment_id, f.id");
static const char *const refund_cols[] = { NULL, "at", "amount", "status",
    "reason", "by" };

int
payments_may_refund(enum role role, const char *dossier_status)
{
	return role == ROLE_MANAGER || (role == ROLE_PROCESSOR &&
	    strcmp(dossier_status, "cloture") == 0);
}

int
payments_may_refund_cert(enum role role, const char *status, int revoked)
{
	return role == ROLE_MANAGER || (role == ROLE_PROCESSOR &&
	    (revoked || strcmp(status, "refused") == 0 ||
	    strcmp(status, "unknown") == 0 || strcmp(status, "failed") == 0));
}

/* Rows grouped by payment: res's column 0 is the payment's id. */
static void
group_rows(struct req *r, const PGresult *pays, const PGresult *res,
    const char *what, const char *const *cols, int ncols)
{
	int	 i, j, k, n;
	char	*prefix;

	for (i = 0; i < PQntuples(pays); i++)
		for (j = 0, n = 0; j < PQntuples(res); j++) {
			if (strcmp(db_value(pays, i, 0), db_value(res, j, 0)))
				continue;
			prefix = pool_printf(r->pool, "Payments.%d.%s.%d", i,
			    what, n++);
			for (k = 1; k < ncols; k++)
				tmpl_set(r->hdf, pool_printf(r->pool, "%s.%s",
				    prefix, cols[k]), when_cell(r->pool, res, j,
				    k));
		}
}

enum gerr
payments_hdf(struct req *r, const struct payowner *o, int may_refund)
{
	const char	*p[3] = { o->dossier_id, lang_codes[r->lang],
	    o->cert_request_id };
	PGresult	*pays, *res;
	int		 i;

	if ((pays = db_query(r->pool, &q_payments, 3, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Payments", pays, payment_cols, nitems(payment_cols));
	for (i = 0; i < PQntuples(pays); i++)
		if (strcmp(db_value(pays, i, 2), "success") == 0 &&
		    strcmp(db_value(pays, i, 7), "0") != 0 &&
		    may_refund)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Payments.%d.can_refund", i), "1");
	if (PQntuples(pays) == 0)
		return GERR_OK;
	if ((res = db_query(r->pool, &q_events, 3, p)) == NULL)
		return db_last_error();
	group_rows(r, pays, res, "events", event_cols, nitems(event_cols));
	if ((res = db_query(r->pool, &q_refunds, 3, p)) == NULL)
		return db_last_error();
	group_rows(r, pays, res, "refunds", refund_cols, nitems(refund_cols));
	return GERR_OK;
}

/* The form's fields, kept for the page when it comes back. */
static void
refund_kept(struct req *r, const char *amount, const char *reason)
{
	const char	*payment = req_form(r, "payment");

	hdf_put(r, "Kept", "refund_payment", payment != NULL ? payment : "");
	hdf_put(r, "Kept", "refund_amount", amount != NULL ? amount : "");
	hdf_put(r, "Kept", "refund", reason != NULL ? reason : "");
}

/*
 * POST /inbox/dossiers/:id/refund (page_act) or
 * /inbox/certificates/:id/refund: payment, amount, body (the reason), key.  GERR_OK: recorded, sent (or pending: the worker sends it
 * again).  GERR_INPUT: a field (errors set); GERR_NOTFOUND: the payment
 * is not the dossier's (the request's); GERR_AUTH: one who may not
 * refund now (payments_may_refund); GERR_CONFLICT: more than what is left, not paid, or refused by
 * the provider (errors set).
 */
enum gerr
act_refund(struct req *r, const struct payowner *o, const char *agent_id,
    int may_refund)
{
	struct payrefund_ask a;
	const char	*amount = req_form(r, "amount"), *reason, *id;
	int64_t		 left;
	enum gerr	 e;
	int		 bad = 0;

	reason = req_form(r, "body");
	refund_kept(r, amount, reason);
	if (!may_refund)
		return GERR_AUTH;
	memset(&a, 0, sizeof(a));
	a.payment_id = req_form(r, "payment");
	a.dossier_id = o->dossier_id;
	a.cert_request_id = o->cert_request_id;
	a.agent_id = agent_id;
	a.key = req_form(r, "key");
	if (payrefund_cents(amount, &a.cents) == -1) {
		form_error(r, "refund_amount", "inboxpay.err_amount");
		bad = 1;
	}
	switch (form_text(r->pool, reason, 2000, &a.reason)) {
	case 0:
		break;
	case 1:
		form_error(r, "refund_body", "inboxpay.err_reason");
		bad = 1;
		break;
	default:
		form_error(r, "refund_body", "inbox.err_text");
		bad = 1;
	}
	if (bad)
		return GERR_INPUT;
	if ((e = payrefund_ask(r->pool, &a, &left, &id)) == GERR_CONFLICT) {
		hdf_put(r, "Refund", "left", pool_printf(r->pool, "%" PRId64
		    ".%02" PRId64, left / 100, left % 100));
		form_error(r, "refund_amount", left > 0 ?
		    "inboxpay.err_too_much" : "inboxpay.err_nothing_left");
	}
	if (e == GERR_INPUT)
		form_error(r, "refund_amount", "err.expired");
	if (e != GERR_OK)
		return e;
	switch ((e = payrefund_send(r->pool, id))) {
	case GERR_OK:
		return GERR_OK;
	case GERR_UPSTREAM:
		hdf_put(r, "Work", "done_as", "refund_pending");
		return GERR_OK;
	case GERR_CONFLICT:
		form_error(r, "refund_amount", "inboxpay.err_provider");
		return GERR_CONFLICT;
	default:
		return e;
	}
}
