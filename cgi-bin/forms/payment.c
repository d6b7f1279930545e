/*
 * A fee paid to send a dossier (issue 19, docs/payments.md): "Pay and
 * send" on the summary, the page the provider sends the person back to,
 * giving up a payment to change one's answers, and the provider's
 * webhooks.  The return page reads the payment from the provider (never
 * from the URL, whose query is ignored): a success is recorded and the
 * dossier submitted in one transaction (lib/paydossier.c).
 */
#include <string.h>

#include "db.h"
#include "fee.h"
#include "forms.h"
#include "log.h"
#include "paypage.h"

/* The fee d's answers make due; GERR_INPUT when they cannot. */
enum gerr
fee_of(struct req *r, const struct dossier *d, struct fee *f)
{
	enum gerr	e;

	e = fee_compute(json_object_get(d->def->json, "fees"), d->data, f);
	if (f->lines != NULL)
		json_pooled(r, f->lines);
	return e;
}

/*
 * "Pay and send", from page_submit once the answers are complete: 303 to
 * the provider's page (the open payment's, for a second click); 503 with
 * a page saying the provider is away, the draft untouched.
 */
enum gerr
pay_and_send(struct req *r, struct dossier *d, const struct fee *f)
{
	return paypage_go(r, d, f, pool_printf(r->pool, "/forms/%s/payment",
	    d->id), pool_printf(r->pool, "/forms/%s/summary", d->id));
}

/*
 * 200 with what happened to the dossier's payment, read from the
 * provider now; 303 to the receipt once paid and sent; 404 for another's
 * dossier or one without a payment.  A payment still open, or paid but
 * its dossier not yet sent, answers with a page that reloads itself.
 */
enum gerr
page_payment(struct req *r)
{
	struct dossier		 d;
	struct paydossier	 p;
	enum gerr		 e, read;

	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK)
		return e;
	if ((e = paypage_read(r, &d, &p, is_draft(&d), &read)) != GERR_OK)
		return e;
	if (strcmp(p.status, "success") == 0 && read == GERR_OK)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/receipt", d.id));
	return paypage_show(r, &d, &p, read, strcmp(p.status, "success") == 0,
	    pool_printf(r->pool, "/forms/%s/payment", d.id),
	    pool_printf(r->pool, "/forms/%s/summary", d.id));
}

/*
 * The person gives up the open payment to change their answers: 303 to
 * the summary once it is cancelled (or to the receipt, paid meanwhile);
 * 503 with the payment's page if the provider cannot be reached.
 */
enum gerr
page_payment_cancel(struct req *r)
{
	struct dossier		 d;
	struct paydossier	 p;
	enum gerr		 e;

	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK ||
	    (e = paypage_cancel(r, &d, &p)) != GERR_OK)
		return e;
	return resp_redirect(r, 303, pool_printf(r->pool,
	    strcmp(p.status, "success") == 0 ? "/forms/%s/payment" :
	    "/forms/%s/summary", d.id));
}

static struct dbq q_webhook = DBQ(
    "SELECT payment_webhook_note($1, $2, $3)");

/*
 * A provider's webhook: 200 once recorded (or seen before, or about a
 * payment that is not ours: nothing is done for it), which makes a read
 * of that payment due (the worker's); 401 when its signature does not
 * check; 400 for a body that is not about a payment.  Nothing in its
 * body is believed but which payment to read.
 */
enum gerr
page_payment_webhook(struct req *r)
{
	struct payconf		 pc;
	const struct payprovider *pp;
	struct pay_hint		 h;
	const char		*v[3], *sig;
	PGresult		*res;
	enum gerr		 e;

	if ((pp = payconf_load(r->pool, &pc)) == NULL)
		return GERR_UPSTREAM;
	sig = req_param(r, strcmp(pp->name, "stripe") == 0 ?
	    "HTTP_STRIPE_SIGNATURE" : "HTTP_PAY_SIGNATURE");
	memset(&h, 0, sizeof(h));
	if ((e = pp->webhook(r->pool, &pc, r->body != NULL ? r->body : "",
	    r->body_len, sig, &h)) != GERR_OK) {
		log_warnx("payment webhook refused: %s", gerr_name(e));
		return e == GERR_AUTH ? GERR_AUTH : GERR_INPUT;
	}
	v[0] = pp->name;
	v[1] = h.event_id;
	v[2] = h.provider_id;
	if ((res = db_query(r->pool, &q_webhook, 3, v)) == NULL)
		return db_last_error();
	log_info("payment webhook %s", PQgetvalue(res, 0, 0));
	return resp_send(r, 200, "application/json", "{}", 2);
}
