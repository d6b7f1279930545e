/*
 * A fee due after acceptance (issue 19, docs/payments.md): asked when an
 * agent granted the dossier (lib/paydossier.c, paydossier_ask), shown on
 * the dossier's page with a "Pay" button, paid at the provider, and read
 * back on the page the provider returns to: the provider's word, fetched,
 * never the URL's.
 */
#include <string.h>

#include "dossier.h"
#include "dossiers.h"
#include "fee.h"
#include "paypage.h"

/* What the dossier's page says of its fee: Fee.*, and whether to pay. */
enum gerr
fee_due_hdf(struct req *r, const struct dossier *d)
{
	struct fee		 f;
	struct paydossier	 p;
	int			 paid, lapsed;
	enum gerr		 e;

	if ((e = paydossier_fee_due(r, d->id, &f, &paid, &lapsed)) ==
	    GERR_NOTFOUND)
		return GERR_OK;
	if (e != GERR_OK)
		return e;
	paydossier_fee_hdf(r, &f);
	tmpl_set(r->hdf, "Fee.state", paid ? "paid" : lapsed ? "lapsed" :
	    "due");
	if (!paid && !lapsed && paydossier_latest(r, d->id, &p) == GERR_OK &&
	    paydossier_open(&p))
		tmpl_set(r->hdf, "Fee.paying", "1");
	return GERR_OK;
}

/*
 * "Pay": 303 to the provider's page (the open payment's, for a second
 * click); 303 back to the dossier when nothing is due any more; 503 with
 * a page saying the provider is away.
 */
enum gerr
page_fee_pay(struct req *r)
{
	struct dossier		 d;
	struct fee		 f;
	int			 paid, lapsed;
	enum gerr		 e;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK)
		return e;
	if ((e = paydossier_fee_due(r, d.id, &f, &paid, &lapsed)) != GERR_OK)
		return e;
	if (paid || lapsed)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/dossiers/%s", d.reference));
	return paypage_go(r, &d, &f, pool_printf(r->pool,
	    "/dossiers/%s/payment", d.reference), pool_printf(r->pool,
	    "/dossiers/%s", d.reference));
}

/*
 * 200 with what happened to the fee's payment, read from the provider
 * now (a page that reloads itself while it is open); 404 for another's
 * dossier or one without a payment.
 */
enum gerr
page_fee_payment(struct req *r)
{
	struct dossier		 d;
	struct paydossier	 p;
	enum gerr		 e, read;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK)
		return e;
	if ((e = paypage_read(r, &d, &p, 0, &read)) != GERR_OK)
		return e;
	return paypage_show(r, &d, &p, read, 0, pool_printf(r->pool,
	    "/dossiers/%s/payment", d.reference), pool_printf(r->pool,
	    "/dossiers/%s", d.reference));
}

/* The person gives up the open payment: 303 to its page, read again. */
enum gerr
page_fee_payment_cancel(struct req *r)
{
	struct dossier		 d;
	struct paydossier	 p;
	enum gerr		 e;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK ||
	    (e = paypage_cancel(r, &d, &p)) != GERR_OK)
		return e;
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/dossiers/%s/payment", d.reference));
}
