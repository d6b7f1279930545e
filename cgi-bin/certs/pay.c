/*
 * A certificate's order with a fee (issue 19, docs/payments.md "Paid
 * certificates"): the order's page says what is due and why, "Pay and
 * order" goes to the provider, and the page the provider sends the person
 * back to reads the payment there (never from the URL): a success queues
 * the order for sealing in the transaction that records it
 * (lib/paydossier.c); declined, cancelled or expired, the order stays,
 * to be paid again.
 */
#include <stdlib.h>
#include <string.h>

#include "certs.h"
#include "db.h"
#include "fee.h"
#include "formdef.h"
#include "paydossier.h"

/* The caller's order (the row policy shows only one's own, sql/0039). */
static struct dbq q_order = DBQ(
    "SELECT r.id, r.status, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'), r.fee_cents, r.fee_lines::text"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    " WHERE r.reference = $1 AND r.fee_cents IS NOT NULL");

/* What was refunded of the order's payments (by an agent or the guichet). */
static struct dbq q_refunded = DBQ(
    "SELECT sum(f.amount_cents), bool_and(f.status = 'success')"
    "  FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
    " WHERE p.certificate_request_id = $1::bigint AND f.status <> 'error'"
    " HAVING count(*) > 0");

struct order {
	const char	*id;
	const char	*reference;
	const char	*status;
	const char	*title;
	struct fee	 fee;
};

static enum gerr
order_load(struct req *r, const char *cref, struct order *o)
{
	const char	*v[2] = { cref, lang_codes[r->lang] };
	PGresult	*res;

	memset(o, 0, sizeof(*o));
	if (!cert_reference_ok(cref))
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_order, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	o->id = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	o->reference = cref;
	o->status = pool_strdup(r->pool, PQgetvalue(res, 0, 1));
	o->title = pool_strdup(r->pool, PQgetvalue(res, 0, 2));
	o->fee.due = FEE_SUBMISSION;
	o->fee.total_cents = strtoll(PQgetvalue(res, 0, 3), NULL, 10);
	o->fee.lines = json_pooled(r, json_loads(PQgetvalue(res, 0, 4), 0,
	    NULL));
	return o->fee.lines != NULL ? GERR_OK : GERR_NOMEM;
}

static const char *
order_page(struct req *r, const struct order *o, const char *tail)
{
	return pool_printf(r->pool, "/certificates/requests/%s%s", o->reference,
	    tail);
}

/*
 * The order's fee and its payment on the request's page: Fee.* (lines,
 * total), Paid.* once paid (the receipt: reference, amount), Paying.*
 * while a payment is open, and the form's token for "Pay and order".
 */
enum gerr
order_hdf(struct req *r, const char *cref)
{
	struct order		 o;
	struct paydossier	 p;
	const char		*v[1];
	PGresult		*res;
	char			 buf[40];
	enum gerr		 e;

	if ((e = order_load(r, cref, &o)) == GERR_NOTFOUND)
		return GERR_OK;		/* free: nothing to say */
	if (e != GERR_OK)
		return e;
	paydossier_fee_hdf(r, &o.fee);
	if ((e = paydossier_latest_cert(r, o.id, &p)) == GERR_OK) {
		if (strcmp(p.status, "success") == 0) {
			tmpl_set(r->hdf, "Paid.reference", p.reference);
			tmpl_set(r->hdf, "Paid.amount", fee_amount_text(
			    p.amount_cents, lang_codes[r->lang], buf,
			    sizeof(buf)));
		} else if (paydossier_open(&p) && p.next_url != NULL)
			tmpl_set(r->hdf, "Paying.next_url", p.next_url);
		tmpl_set(r->hdf, "Paying.last", p.status);
	} else if (e != GERR_NOTFOUND)
		return e;
	v[0] = o.id;
	if ((res = db_query(r->pool, &q_refunded, 1, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1) {
		tmpl_set(r->hdf, "Refunded.amount", fee_amount_text(strtoll(
		    PQgetvalue(res, 0, 0), NULL, 10), lang_codes[r->lang], buf,
		    sizeof(buf)));
		tmpl_set(r->hdf, "Refunded.done", PQgetvalue(res, 0, 1));
	}
	if (strcmp(o.status, "unpaid") == 0 && req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return GERR_OK;
}

/* The payment's page (templates/forms/payment.cs) for the order. */
static enum gerr
payment_page(struct req *r, const struct order *o,
    const struct paydossier *p, int status, int unreachable)
{
	char	buf[40];

	tmpl_set(r->hdf, "Dossier.title", o->title);
	tmpl_set(r->hdf, "Payment.base", order_page(r, o, "/payment"));
	tmpl_set(r->hdf, "Payment.back", order_page(r, o, ""));
	tmpl_set(r->hdf, "Payment.order", "1");
	if (p == NULL)
		tmpl_set(r->hdf, "Payment.status", "unavailable");
	else {
		tmpl_set(r->hdf, "Payment.status", p->status);
		tmpl_set(r->hdf, "Payment.reference", p->reference);
		tmpl_set(r->hdf, "Payment.amount", fee_amount_text(
		    p->amount_cents, lang_codes[r->lang], buf, sizeof(buf)));
		if (paydossier_open(p)) {
			if (p->next_url != NULL)
				tmpl_set(r->hdf, "Payment.next_url",
				    p->next_url);
			resp_header(r, "Refresh", "5");
			tmpl_set(r->hdf, "Payment.pending", "1");
			if (req_csrf_form(r) == -1)
				return GERR_NOMEM;
		}
	}
	if (unreachable)
		tmpl_set(r->hdf, "Payment.unreachable", "1");
	r->cache = "private, no-store";
	return resp_render(r, status, "forms/payment.cs");
}

/*
 * POST /certificates/requests/:cref/pay ("Pay and order"): 303 to the
 * provider's page (the open payment's, for a second click); 303 back to
 * the order once it no longer waits for a payment; 503 with a page saying
 * the provider is away (nothing charged, the order kept); 404 for
 * another's order or one without a fee.
 */
enum gerr
page_order_pay(struct req *r)
{
	struct order		 o;
	struct paydossier	 p;
	enum gerr		 e;

	if ((e = order_load(r, r->args[0], &o)) != GERR_OK)
		return e;
	if (r->csrf_failed || strcmp(o.status, "unpaid") != 0)
		return resp_redirect(r, 303, order_page(r, &o, ""));
	switch ((e = paydossier_start_cert(r, o.id, o.title,
	    order_page(r, &o, "/payment"), &p))) {
	case GERR_OK:
		break;
	case GERR_UPSTREAM:
		return payment_page(r, &o, NULL, 503, 0);
	case GERR_CONFLICT:
		return resp_redirect(r, 303, order_page(r, &o, ""));
	default:
		return e;
	}
	if (strncmp(p.next_url, "https://", 8) != 0 &&
	    strncmp(p.next_url, "http://", 7) != 0)
		return GERR_UPSTREAM;
	resp_header(r, "Location", p.next_url);
	return resp_send(r, 303, "text/plain; charset=utf-8", "", 0);
}

/*
 * GET /certificates/requests/:cref/payment, where the provider sends the
 * person back (its query ignored): the payment read from the provider
 * now and recorded; 303 to the order once paid (queued for sealing in
 * that transaction); 200 saying it was declined, cancelled or expired
 * (the order kept), or that it is being confirmed (a page that reloads
 * itself); 404 for another's order or one never paid for.
 */
enum gerr
page_order_payment(struct req *r)
{
	struct order		 o;
	struct paydossier	 p;
	enum gerr		 e, read = GERR_OK;

	if ((e = order_load(r, r->args[0], &o)) != GERR_OK ||
	    (e = paydossier_latest_cert(r, o.id, &p)) != GERR_OK)
		return e;
	if (paydossier_open(&p) || (strcmp(p.status, "success") == 0 &&
	    strcmp(o.status, "unpaid") == 0))
		read = paydossier_settle(r, &p);
	if (read != GERR_OK && read != GERR_UPSTREAM && read != GERR_CONFLICT)
		return read;
	if (strcmp(p.status, "success") == 0 && read == GERR_OK)
		return resp_redirect(r, 303, order_page(r, &o, ""));
	return payment_page(r, &o, &p, 200, read != GERR_OK);
}

/*
 * POST /certificates/requests/:cref/payment/cancel: the open payment given
 * up (cancelled at the provider, then read: paid meanwhile, it is a
 * success); 303 to the order.
 */
enum gerr
page_order_cancel(struct req *r)
{
	struct order		 o;
	struct paydossier	 p;
	enum gerr		 e;

	if ((e = order_load(r, r->args[0], &o)) != GERR_OK)
		return e;
	if (!r->csrf_failed && paydossier_latest_cert(r, o.id, &p) ==
	    GERR_OK && paydossier_open(&p) && (e = paydossier_cancel(r, &p,
	    0)) != GERR_OK && e != GERR_UPSTREAM)
		return e;
	return resp_redirect(r, 303, order_page(r, &o, ""));
}
