/*
 * Signing and submitting from the summary (the seal, the reference and
 * the statement that submits are lib/submit.c's), and the receipt.  A
 * double click or a replayed POST finds the dossier already sent and
 * shows the same receipt.
 */
#include <string.h>

#include "apptfield.h"
#include "conf.h"
#include "db.h"
#include "deadline.h"
#include "dossier.h"
#include "fee.h"
#include "forms.h"
#include "identity.h"
#include "paydossier.h"
#include "seal.h"
#include "submit.h"
#include "when.h"

/*
 * In one transaction, d's appointment fields' slots and: with a key, d
 * submitted, the slots booked; without, before "Pay and send", the slots
 * kept for the payment's time (its expiry and a quarter of an hour), to
 * be booked by the payment's success (lib/paydossier.c).  GERR_OK,
 * GERR_CONFLICT as dossier_submit says it, or the page of a slot someone
 * took since its hold lapsed (409, with the next free ones), the dossier
 * left a draft.
 */
static enum gerr
with_slots(struct req *r, struct dossier *d, const char *key)
{
	const struct fpage	*page;
	struct problems		 pr;
	enum gerr		 e;

	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	problems_init(&pr, r);
	e = key != NULL ? apptfield_confirm(r, d, &pr, &page) :
	    apptfield_keep(r, d, conf_int("payments.expiry_minutes") + 15,
	    &pr, &page);
	if (e == GERR_OK && page == NULL && key != NULL)
		e = dossier_submit(r, d, key);
	if (e != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if (page != NULL) {
		db_rollback(r->pool);
		tmpl_set(r->hdf, "Page.files_apart", "1");
		return page_render(r, d, page, &pr, 409, "forms/page.cs");
	}
	return db_commit(r->pool);
}

/*
 * 303 to the receipt once submitted (also for a repeated POST); 303 to
 * the summary if something is missing; 303 to the eID login when the
 * procedure needs it and the session is by email; 400 with the summary
 * if the page expired; 404 for another's dossier; 409 with the form's
 * page when an appointment's slot was taken after its hold lapsed.
 */
enum gerr
page_submit(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	struct fee	 fee;
	const char	*key;
	enum gerr	 e;

	if (r->csrf_failed) {
		tmpl_set(r->hdf, "Submit.expired", req_tr(r, "err.expired"));
		if ((e = page_summary(r)) != GERR_OK || r->responded)
			return e;
		return resp_render(r, 400, r->tmpl);
	}
	if ((key = submit_key(r)) == NULL)
		return GERR_SYSTEM;
	if ((e = dossier_load(r, r->args[0], &d, LOAD_READ)) != GERR_OK)
		return e;
	if (!is_draft(&d))
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/receipt", d.id));
	if (d.def->program != NULL)	/* its program computes and sends it */
		return resp_redirect(r, 303, dossier_program_url(r, &d, NULL));
	if (!assurance_meets(r->session, d.def->assurance))
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/login?step_up=1&level=%s&return=/forms/%s/summary",
		    d.def->assurance, d.id));
	problems_init(&pr, r);
	answers_check(r, &d, NULL, &pr);
	if (pr.count > 0 || fee_of(r, &d, &fee) != GERR_OK)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/summary", d.id));
	/* a fee due at submission: paid first, the payment sends it */
	if (fee.due == FEE_SUBMISSION) {
		if ((e = with_slots(r, &d, NULL)) != GERR_OK || r->responded)
			return e;
		return pay_and_send(r, &d, &fee);
	}
	e = with_slots(r, &d, key);
	if (e == GERR_OK && r->responded)	/* a slot taken: its page */
		return GERR_OK;
	if (e == GERR_CONFLICT) {
		/* sent meanwhile (a second click), or changed in another tab */
		if ((e = dossier_load(r, r->args[0], &d, 0)) != GERR_OK)
			return e;
		return resp_redirect(r, 303, pool_printf(r->pool, is_draft(&d) ?
		    "/forms/%s/summary" : "/forms/%s/receipt", d.id));
	}
	if (e != GERR_OK)
		return e;
	return resp_redirect(r, 303, pool_printf(r->pool, "/forms/%s/receipt",
	    d.id));
}

static struct dbq q_receipt = DBQ(
    "SELECT encode(receipt_digest, 'hex') FROM dossiers"
    " WHERE id = $1::bigint");

/* The digest and what the receipt shows; GERR_NOTFOUND for a draft. */
enum gerr
receipt_load(struct req *r, struct dossier *d, const char **digest)
{
	const char	*p[1];
	PGresult	*res;
	enum gerr	 e;

	if ((e = dossier_load(r, r->args[0], d, 0)) != GERR_OK)
		return e;
	if (is_draft(d))
		return GERR_NOTFOUND;
	p[0] = d->id;
	if ((res = db_query(r->pool, &q_receipt, 1, p)) == NULL)
		return db_last_error();
	*digest = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	return GERR_OK;
}

/* 200 with the receipt; 303 to the summary of a draft; 404 otherwise. */
enum gerr
page_receipt(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	struct paydossier p;
	struct deadline	 dl;
	const char	*digest;
	char		 amount[40];
	enum gerr	 e;

	if ((e = receipt_load(r, &d, &digest)) == GERR_NOTFOUND &&
	    d.id != NULL)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/summary", d.id));
	if (e != GERR_OK)
		return e;
	dossier_hdf(r, &d);
	tmpl_set(r->hdf, "Receipt.digest", digest);
	tmpl_set(r->hdf, "Receipt.submitted_at", when_text(r->pool,
	    d.submitted_at, WHEN_SECOND));
	tmpl_set(r->hdf, "Receipt.sealed_by", seal_holder(r->pool));
	if (paydossier_latest(r, d.id, &p) == GERR_OK &&
	    strcmp(p.status, "success") == 0) {
		tmpl_set(r->hdf, "Receipt.payment_reference", p.reference);
		tmpl_set(r->hdf, "Receipt.payment_amount", fee_amount_text(
		    p.amount_cents, lang_codes[r->lang], amount,
		    sizeof(amount)));
	}
	if ((e = deadline_load(r->pool, d.id, r->lang, &dl)) != GERR_OK)
		return e;
	deadline_hdf(r, &dl);
	problems_init(&pr, r);
	summary_hdf(r, &d, &pr);
	r->tmpl = "forms/receipt.cs";
	return GERR_OK;
}
