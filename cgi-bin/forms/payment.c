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
#include "paydossier.h"

#define PENDING_REFRESH	"5"

/* The fee as the summary shows it: lines in the page's language, total. */
void
fee_hdf(struct req *r, const struct fee *f)
{
	const json_t	*line;
	const char	*lang = lang_codes[r->lang];
	char		 buf[40], key[64];
	size_t		 i;

	if (f->due == FEE_NONE)
		return;
	json_array_foreach(f->lines, i, line) {
		snprintf(key, sizeof(key), "Fee.lines.%zu.label", i);
		tmpl_set(r->hdf, key, json_string_value(json_object_get(
		    json_object_get(line, "label"), lang)));
		snprintf(key, sizeof(key), "Fee.lines.%zu.quantity", i);
		tmpl_setf(r->hdf, key, "%lld", (long long)json_integer_value(
		    json_object_get(line, "quantity")));
		snprintf(key, sizeof(key), "Fee.lines.%zu.amount", i);
		tmpl_set(r->hdf, key, fee_amount_text(json_integer_value(
		    json_object_get(line, "cents")), lang, buf, sizeof(buf)));
	}
	tmpl_set(r->hdf, "Fee.total", fee_amount_text(f->total_cents, lang,
	    buf, sizeof(buf)));
	tmpl_set(r->hdf, "Fee.due", fee_due_name(f->due));
}

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

static void
payment_hdf(struct req *r, const struct paydossier *p)
{
	char	buf[40];

	tmpl_set(r->hdf, "Payment.status", p->status);
	tmpl_set(r->hdf, "Payment.reference", p->reference);
	tmpl_set(r->hdf, "Payment.amount", fee_amount_text(p->amount_cents,
	    lang_codes[r->lang], buf, sizeof(buf)));
	if (paydossier_open(p) && p->next_url != NULL)
		tmpl_set(r->hdf, "Payment.next_url", p->next_url);
}

/*
 * "Pay and send", from page_submit once the answers are complete: 303 to
 * the provider's page (the open payment's, for a second click); 503 with
 * a page saying the provider is away, the draft untouched.
 */
enum gerr
pay_and_send(struct req *r, struct dossier *d, const struct fee *f)
{
	struct paydossier	 p;
	enum gerr		 e;

	e = paydossier_start(r, d, f, &p);
	if (e == GERR_UPSTREAM) {
		dossier_hdf(r, d);
		tmpl_set(r->hdf, "Payment.status", "unavailable");
		r->tmpl = "forms/payment.cs";
		return resp_render(r, 503, r->tmpl);
	}
	if (e != GERR_OK)
		return e;
	if (p.next_url == NULL || (strncmp(p.next_url, "https://", 8) != 0 &&
	    strncmp(p.next_url, "http://", 7) != 0))
		return GERR_UPSTREAM;
	/* the provider's page: an absolute address of its own */
	resp_header(r, "Location", p.next_url);
	return resp_send(r, 303, "text/plain; charset=utf-8", "", 0);
}

/*
 * 200 with what happened to the dossier's payment, read from the
 * provider now; 303 to the receipt once paid and sent; 404 for another's
 * dossier or one without a payment.  A payment still open answers with a
 * page that reloads itself (Refresh) until the provider has decided.
 */
enum gerr
page_payment(struct req *r)
{
	struct dossier		 d;
	struct paydossier	 p;
	enum gerr		 e, read;

	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK)
		return e;
	if ((e = paydossier_latest(r, d.id, &p)) != GERR_OK)
		return e;
	read = GERR_OK;
	if (paydossier_open(&p) || (strcmp(p.status, "success") == 0 &&
	    is_draft(&d)))
		read = paydossier_settle(r, &p);
	if (read != GERR_OK && read != GERR_UPSTREAM &&
	    read != GERR_CONFLICT)
		return read;
	if (strcmp(p.status, "success") == 0 && read == GERR_OK)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/receipt", d.id));
	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK)
		return e;
	dossier_hdf(r, &d);
	payment_hdf(r, &p);
	if (read != GERR_OK)
		tmpl_set(r->hdf, "Payment.unreachable", "1");
	if (paydossier_open(&p) || strcmp(p.status, "success") == 0) {
		resp_header(r, "Refresh", PENDING_REFRESH);
		tmpl_set(r->hdf, "Payment.pending", "1");
		if (req_csrf_form(r) == -1)
			return GERR_NOMEM;
	}
	r->cache = "private, no-store";
	r->tmpl = "forms/payment.cs";
	return GERR_OK;
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

	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK)
		return e;
	if ((e = paydossier_latest(r, d.id, &p)) != GERR_OK)
		return e;
	if (paydossier_open(&p) && (e = paydossier_cancel(r, &p, 0)) !=
	    GERR_OK && e != GERR_UPSTREAM)
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
