/*
 * The payment pages every program with a fee shares (issue 19,
 * docs/payments.md): going to the provider, reading the payment when the
 * person comes back, and saying what happened in plain words.  The form
 * engine's (a fee due at submission) and "Mes dossiers"' (a fee due after
 * acceptance) differ only in their addresses and what a success leads to.
 */
#include <string.h>

#include "dossier.h"
#include "fee.h"
#include "paypage.h"
#include "summary.h"

#define PENDING_REFRESH	"5"

static void
paypage_hdf(struct req *r, const struct paydossier *p, const char *base,
    const char *back)
{
	char	buf[40];

	tmpl_set(r->hdf, "Payment.base", base);
	tmpl_set(r->hdf, "Payment.back", back);
	if (p == NULL)
		return;
	tmpl_set(r->hdf, "Payment.status", p->status);
	tmpl_set(r->hdf, "Payment.reference", p->reference);
	tmpl_set(r->hdf, "Payment.amount", fee_amount_text(p->amount_cents,
	    lang_codes[r->lang], buf, sizeof(buf)));
	if (paydossier_open(p) && p->next_url != NULL)
		tmpl_set(r->hdf, "Payment.next_url", p->next_url);
}

enum gerr
paypage_go(struct req *r, const struct dossier *d, const struct fee *f,
    const char *base, const char *back)
{
	struct paydossier	 p;
	enum gerr		 e;

	if ((e = paydossier_start(r, d, f, base, &p)) == GERR_UPSTREAM) {
		dossier_hdf(r, d);
		paypage_hdf(r, NULL, base, back);
		tmpl_set(r->hdf, "Payment.status", "unavailable");
		return resp_render(r, 503, "forms/payment.cs");
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

enum gerr
paypage_read(struct req *r, const struct dossier *d, struct paydossier *p,
    int force, enum gerr *read)
{
	enum gerr	e;

	*read = GERR_OK;
	if ((e = paydossier_latest(r, d->id, p)) != GERR_OK)
		return e;
	p->draft = d;		/* read once in this request */
	if (paydossier_open(p) || force)
		*read = paydossier_settle(r, p);
	if (*read != GERR_OK && *read != GERR_UPSTREAM &&
	    *read != GERR_CONFLICT)
		return *read;
	return GERR_OK;
}

enum gerr
paypage_show(struct req *r, const struct dossier *d,
    const struct paydossier *p, enum gerr read, int pending,
    const char *base, const char *back)
{
	dossier_hdf(r, d);
	paypage_hdf(r, p, base, back);
	if (read != GERR_OK)
		tmpl_set(r->hdf, "Payment.unreachable", "1");
	if (pending || paydossier_open(p)) {
		resp_header(r, "Refresh", PENDING_REFRESH);
		tmpl_set(r->hdf, "Payment.pending", "1");
		if (req_csrf_form(r) == -1)
			return GERR_NOMEM;
	}
	r->cache = "private, no-store";
	r->tmpl = "forms/payment.cs";
	return GERR_OK;
}

enum gerr
paypage_cancel(struct req *r, const struct dossier *d, struct paydossier *p)
{
	enum gerr	e;

	if ((e = paydossier_latest(r, d->id, p)) != GERR_OK)
		return e;
	if (paydossier_open(p) && (e = paydossier_cancel(r, p, 0)) !=
	    GERR_OK && e != GERR_UPSTREAM)
		return e;
	return GERR_OK;
}
