/*
 * The heat-pump premium's pages.  The questions are the definition's
 * (conf/procedures/HEATPUMP.json), drawn and checked by lib/ as the form
 * engine draws and checks them; this program adds what a definition
 * cannot say: rules across answers and against the calendar, the amount
 * computed from the scale in force (scale.c, sql/0035), and a submission
 * that seals the amount with the answers it was computed from.
 */
#include <stdlib.h>
#include <string.h>

#include "annex.h"
#include "csrf.h"
#include "db.h"
#include "formdef.h"
#include "heatpump.h"
#include "identity.h"
#include "log.h"
#include "render.h"
#include "submit.h"
#include "summary.h"
#include "upload.h"
#include "valid.h"
#include "when.h"

#define PREMIUM_PAGE	"premium"	/* computed, never asked */

/* The version of the scale in force today, parsed. */
struct scale_row {
	const char	*version;
	const char	*valid_from;
	struct scale	 s;
};

static struct dbq q_scale = DBQ(
    "SELECT version, valid_from::text, scale::text FROM procedure_scales"
    " WHERE procedure_code = $1 AND valid_from <= current_date"
    " ORDER BY valid_from DESC LIMIT 1");

static struct dbq q_dates = DBQ(
    "SELECT current_date::text, (current_date - interval '4 months')::date::text");

/* GERR_SYSTEM, logged, when no scale applies or the one found is wrong. */
static enum gerr
scale_today(struct req *r, struct scale_row *sr)
{
	const char	*p[1] = { HEATPUMP_CODE };
	char		 err[200];
	PGresult	*res;

	if ((res = db_query(r->pool, &q_scale, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		log_warnx("heatpump: no scale in force today");
		return GERR_SYSTEM;
	}
	sr->version = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	sr->valid_from = pool_strdup(r->pool, PQgetvalue(res, 0, 1));
	if (scale_parse(PQgetvalue(res, 0, 2), (size_t)PQgetlength(res, 0, 2),
	    &sr->s, err, sizeof(err)) == -1) {
		log_warnx("heatpump: scale %s: %s", sr->version, err);
		return GERR_SYSTEM;
	}
	return GERR_OK;
}

/*
 * The caller's draft of this procedure (404 for anything else); once sent,
 * *gone and 303 to its receipt, which the form engine shows for all.
 */
static enum gerr
draft_get(struct req *r, struct dossier *d, int how, int *gone)
{
	enum gerr	e;

	*gone = 0;
	if ((e = dossier_load(r, r->args[0], d, how)) != GERR_OK)
		return e;
	if (strcmp(d->code, HEATPUMP_CODE) != 0)
		return GERR_NOTFOUND;
	if (is_draft(d))
		return GERR_OK;
	*gone = 1;
	return resp_redirect(r, 303, pool_printf(r->pool, "/forms/%s/receipt",
	    d->id));
}

/* A page the user fills: any of the definition's but the computed one. */
static const struct fpage *
asked_page(const struct dossier *d, const char *id, size_t *index)
{
	if (strcmp(id, PREMIUM_PAGE) == 0)
		return NULL;
	return page_find(d->def, id, index);
}

static const char *
answer(const struct dossier *d, const char *name)
{
	return json_string_value(json_object_get(d->data, name));
}

/* Whether a rule may judge name: answered, and right as far as its type goes. */
static int
judged(const struct dossier *d, const struct problems *pr, const char *name)
{
	return answer(d, name) != NULL && *answer(d, name) != '\0' &&
	    json_object_get(pr->by_key, name) == NULL;
}

/* Walloon Brabant 1300-1499, then Hainaut, Liège, Luxembourg, Namur. */
static int
in_wallonia(const char *postcode)
{
	int	n = atoi(postcode);

	return (n >= 1300 && n <= 1499) || (n >= 4000 && n <= 7999);
}

static void
household_rules(const struct dossier *d, struct problems *pr)
{
	if (judged(d, pr, "household_size") && judged(d, pr, "dependents") &&
	    atoll(answer(d, "dependents")) >= atoll(answer(d,
	    "household_size")))
		problem_add(pr, "household", "dependents",
		    "heatpump.err_dependents");
}

/* The invoice: not in the future, and at most 4 months old (Brussels dates). */
static enum gerr
works_rules(struct req *r, const struct dossier *d, struct problems *pr)
{
	const char	*date = answer(d, "invoice_date");
	PGresult	*res;

	if (judged(d, pr, "dwelling_postcode") &&
	    !in_wallonia(answer(d, "dwelling_postcode")))
		problem_add(pr, "works", "dwelling_postcode",
		    "heatpump.err_wallonia");
	if (!judged(d, pr, "invoice_date"))
		return GERR_OK;
	if ((res = db_query(r->pool, &q_dates, 0, NULL)) == NULL)
		return db_last_error();
	if (strcmp(date, PQgetvalue(res, 0, 0)) > 0)
		problem_add(pr, "works", "invoice_date",
		    "heatpump.err_invoice_future");
	else if (strcmp(date, PQgetvalue(res, 0, 1)) < 0)
		problem_add(pr, "works", "invoice_date",
		    "heatpump.err_invoice_old");
	return GERR_OK;
}

/*
 * The problems of a page (or of all when page is NULL): the definition's
 * checks first, then this procedure's rules on the answers they passed.
 */
static enum gerr
check(struct req *r, struct dossier *d, const struct fpage *page,
    struct problems *pr)
{
	answers_check(r, d, page, pr);
	if (page == NULL || strcmp(page->id, "household") == 0)
		household_rules(d, pr);
	if (page == NULL || strcmp(page->id, "works") == 0)
		return works_rules(r, d, pr);
	return GERR_OK;
}

static enum gerr
render_step(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct problems *pr, int status)
{
	return page_render(r, d, page, pr, status, "heatpump/page.cs");
}

/*
 * 200 with a page of the request (with its problems when coming back from
 * the overview, ?check=1); 404 for another's dossier, another procedure's
 * or a page that is not asked; 303 to the receipt once sent.
 */
enum gerr
page_step(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	enum gerr		 e;
	int			 gone;

	if ((e = draft_get(r, &d, LOAD_READ, &gone)) != GERR_OK || gone)
		return e;
	if ((page = asked_page(&d, r->args[1], NULL)) == NULL)
		return GERR_NOTFOUND;
	problems_init(&pr, r);
	if (req_query(r, "check") != NULL &&
	    (e = check(r, &d, page, &pr)) != GERR_OK)
		return e;
	return render_step(r, &d, page, &pr, 200);
}

/* The page's PDF files: each stored or refused; a "remove" button's file. */
static enum gerr
take_files(struct req *r, struct dossier *d, const struct fpage *page,
    const char *action, struct problems *pr)
{
	const struct ffield	*f;
	const struct kv		*kv;
	const char		*why, *text;
	enum gerr		 e;

	if (strncmp(action, "delfile:", 8) == 0)
		return valid_id(action + 8) ? annex_delete(r, d, action + 8) :
		    GERR_INPUT;
	fblock_foreach(&page->block, f) {
		if (f->answer != ANSWER_FILES ||
		    (kv = upload_file(r, f->name)) == NULL)
			continue;
		if ((why = annex_problem(r, d, f, f->name, kv, &text)) != NULL)
			problem_add_text(pr, page->id, f->name, why, text);
		else if ((e = annex_store(r, d, f->name, kv)) != GERR_OK)
			return e;
	}
	return GERR_OK;
}

/* The page after (or before) index that the user fills, or NULL. */
static const struct fpage *
step_from(const struct dossier *d, size_t index, int back)
{
	size_t	i = index;

	while (back ? i-- > 0 : ++i < d->def->npages)
		if (strcmp(d->def->pages[i].id, PREMIUM_PAGE) != 0)
			return &d->def->pages[i];
	return NULL;
}

static enum gerr
go(struct req *r, const struct dossier *d, const struct fpage *page)
{
	return resp_redirect(r, 303, page != NULL ? pool_printf(r->pool,
	    HEATPUMP_PATH "/%s/%s", d->id, page->id) : pool_printf(r->pool,
	    HEATPUMP_PATH "/%s", d->id));
}

/* Where the page's buttons lead once it is saved. */
static enum gerr
step_next(struct req *r, struct dossier *d, const struct fpage *page,
    size_t index, const char *action, struct problems *pr)
{
	const struct fpage	*prev;
	enum gerr		 e;

	if (strcmp(action, "save") == 0)
		return resp_redirect(r, 303, "/forms?saved=1");
	if (strcmp(action, "back") == 0)
		return (prev = step_from(d, index, 1)) != NULL ? go(r, d, prev) :
		    resp_redirect(r, 303, "/procedures/" HEATPUMP_CODE);
	if (strcmp(action, "upload") == 0 || strchr(action, ':') != NULL)
		return pr->count > 0 ? render_step(r, d, page, pr, 400) :
		    go(r, d, page);
	/* a file refused is told with the page's other problems */
	if ((e = check(r, d, page, pr)) != GERR_OK)
		return e;
	if (pr->count > 0)
		return render_step(r, d, page, pr, 400);
	return go(r, d, step_from(d, index, 0));
}

/*
 * Saves the page as sent, right or wrong, then: 303 to the next page (the
 * previous, the drafts, the same page after a file's button, the overview
 * after the last); 400 with the page, what was typed and a message per
 * problem; 400 without saving if the page expired; 404 as page_step.
 */
enum gerr
page_step_post(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const char		*action = req_form(r, "_action");
	size_t			 index;
	enum gerr		 e;
	int			 gone;

	if (action == NULL)
		action = "next";
	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	if ((e = draft_get(r, &d, LOAD_LOCK, &gone)) != GERR_OK || gone)
		goto out;
	if ((page = asked_page(&d, r->args[1], &index)) == NULL) {
		e = GERR_NOTFOUND;
		goto out;
	}
	problems_init(&pr, r);
	answers_take(r, &d, page, &pr);
	if (r->csrf_failed) {
		db_rollback(r->pool);
		tmpl_set(r->hdf, "Page.expired", req_tr(r, "err.expired"));
		return render_step(r, &d, page, &pr, 400);
	}
	if ((e = take_files(r, &d, page, action, &pr)) != GERR_OK ||
	    (e = answers_save(r, &d)) != GERR_OK ||
	    (e = db_commit(r->pool)) != GERR_OK)
		goto out;
	return step_next(r, &d, page, index, action, &pr);
out:
	db_rollback(r->pool);
	return e;
}

/* The premium the answers make under the scale: -1 if they make none. */
static int
premium_of(const struct dossier *d, const struct scale *s, struct premium *p)
{
	long long	income, invoice;

	if (cents_parse(answer(d, "household_income"), &income) == -1 ||
	    cents_parse(answer(d, "invoice_amount"), &invoice) == -1 ||
	    answer(d, "dependents") == NULL)
		return -1;
	return premium_compute(s, income, atoll(answer(d, "dependents")),
	    answer(d, "work"), invoice, p);
}

static const char *
euros(struct req *r, long long cents)
{
	char	b[32];

	return cents_text(cents, b, sizeof(b)) == 0 ? pool_strdup(r->pool, b) :
	    "";
}

/* A choice's label in the request's language, from the definition. */
static const char *
label_of(struct req *r, const struct dossier *d, const char *field,
    const char *value)
{
	const struct ffield	*f = NULL;
	size_t			 i;

	for (i = 0; i < d->def->npages && f == NULL; i++)
		f = fblock_field(&d->def->pages[i].block, field);
	return f != NULL ? option_label(r, f, value) : value;
}

/* Every step of the computation, and the scale, for the overview. */
static void
premium_hdf(struct req *r, const struct dossier *d, const struct scale_row *sr,
    const struct premium *p)
{
	const struct scale_category	*c;
	const char			*cp;
	size_t				 i;

	hdf_put(r, "Premium", "income", answer(d, "household_income"));
	hdf_put(r, "Premium", "dependents", answer(d, "dependents"));
	hdf_put(r, "Premium", "deduction_each", euros(r, sr->s.deduction));
	hdf_put(r, "Premium", "deduction", euros(r, p->deduction));
	hdf_put(r, "Premium", "reference", euros(r, p->reference));
	hdf_put(r, "Premium", "category", label_of(r, d, "income_category",
	    p->category->code));
	hdf_put(r, "Premium", "multiplier", pool_printf(r->pool, "%d",
	    p->category->multiplier));
	hdf_put(r, "Premium", "work", label_of(r, d, "work", answer(d, "work")));
	hdf_put(r, "Premium", "base", euros(r, p->base));
	hdf_put(r, "Premium", "computed", euros(r, p->computed));
	hdf_put(r, "Premium", "invoice", answer(d, "invoice_amount"));
	hdf_put(r, "Premium", "cap_percent", pool_printf(r->pool, "%d",
	    sr->s.cap_percent));
	hdf_put(r, "Premium", "cap", euros(r, p->cap));
	hdf_put(r, "Premium", "amount", euros(r, p->amount));
	if (p->capped)
		hdf_put(r, "Premium", "capped", "1");
	hdf_put(r, "Premium", "version", sr->version);
	hdf_put(r, "Premium", "valid_from", when_text(r->pool, sr->valid_from,
	    WHEN_DAY));
	for (i = 0; i < sr->s.ncat; i++) {
		c = &sr->s.cat[i];
		cp = pool_printf(r->pool, "Scale.%zu", i);
		hdf_put(r, cp, "category", label_of(r, d, "income_category",
		    c->code));
		hdf_put(r, cp, "multiplier", pool_printf(r->pool, "%d",
		    c->multiplier));
		hdf_put(r, cp, c->up_to != -1 ? "up_to" : "above", euros(r,
		    c->up_to != -1 ? c->up_to : sr->s.cat[i - (i > 0)].up_to));
		if (c == p->category)
			hdf_put(r, cp, "current", "1");
	}
}

/* The amount shown before sending: computed now, with today's scale. */
static enum gerr
premium_show(struct req *r, const struct dossier *d)
{
	struct scale_row	sr;
	struct premium		p;
	enum gerr		e;

	if ((e = scale_today(r, &sr)) != GERR_OK)
		return e;
	if (premium_of(d, &sr.s, &p) == -1) {
		log_warnx("heatpump: dossier %s: answers the scale %s cannot "
		    "compute", d->id, sr.version);
		return GERR_SYSTEM;
	}
	premium_hdf(r, d, &sr, &p);
	return GERR_OK;
}

/*
 * 200 with every answer in words and what is missing or wrong; once all
 * is right, the amount with each step of its computation and the scale,
 * and the button that sends the request; 303 to the receipt once sent;
 * 404 as page_step.
 */
enum gerr
page_overview(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	const char	*key;
	enum gerr	 e;
	int		 gone;

	if ((e = draft_get(r, &d, LOAD_READ, &gone)) != GERR_OK || gone)
		return e;
	problems_init(&pr, r);
	if ((e = check(r, &d, NULL, &pr)) != GERR_OK)
		return e;
	dossier_hdf(r, &d);
	progress_hdf(r, &d, NULL);
	summary_hdf(r, &d, &pr);
	if (pr.count == 0 && (e = premium_show(r, &d)) != GERR_OK)
		return e;
	if ((key = submit_key(r)) == NULL || req_csrf_form(r) == -1)
		return GERR_NOMEM;
	tmpl_set(r->hdf, "Submit.key", key);
	if (!assurance_meets(r->session, d.def->assurance))
		tmpl_set(r->hdf, "Submit.step_up", pool_printf(r->pool,
		    "/login?step_up=1&level=%s&return=" HEATPUMP_PATH "/%s",
		    d.def->assurance, d.id));
	if (req_query(r, "changed") != NULL)
		tmpl_set(r->hdf, "Premium.changed", "1");
	r->tmpl = "heatpump/overview.cs";
	return GERR_OK;
}

/* The computed answers, into the dossier's data: sealed with the rest. */
static enum gerr
premium_store(struct req *r, struct dossier *d, const char **amount)
{
	struct scale_row	sr;
	struct premium		p;
	enum gerr		e;

	if ((e = scale_today(r, &sr)) != GERR_OK)
		return e;
	if (premium_of(d, &sr.s, &p) == -1)
		return GERR_SYSTEM;
	*amount = euros(r, p.amount);
	json_object_set_new(d->data, "reference_income", json_string(euros(r,
	    p.reference)));
	json_object_set_new(d->data, "income_category",
	    json_string(p.category->code));
	json_object_set_new(d->data, "multiplier", json_string(pool_printf(
	    r->pool, "%d", p.category->multiplier)));
	json_object_set_new(d->data, "amount", json_string(*amount));
	json_object_set_new(d->data, "scale_version", json_string(sr.version));
	return GERR_OK;
}

/*
 * Sends the request with the amount computed again now: 303 to the
 * receipt once sent (also for a repeated POST); 303 to the overview if
 * something is missing, or if the amount is no longer the one the user
 * saw (a new scale came into force meanwhile); 303 to the eID login when
 * the session is weaker than the procedure asks; 400 with the overview if
 * the page expired; 404 as page_step.
 */
enum gerr
page_send(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	const char	*key, *amount, *seen = req_form(r, "amount");
	enum gerr	 e;
	int		 gone;

	if (r->csrf_failed) {
		tmpl_set(r->hdf, "Submit.expired", req_tr(r, "err.expired"));
		if ((e = page_overview(r)) != GERR_OK || r->responded)
			return e;
		return resp_render(r, 400, r->tmpl);
	}
	if ((key = submit_key(r)) == NULL)
		return GERR_SYSTEM;
	if ((e = draft_get(r, &d, LOAD_READ, &gone)) != GERR_OK || gone)
		return e;
	if (!assurance_meets(r->session, d.def->assurance))
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/login?step_up=1&level=%s&return=" HEATPUMP_PATH "/%s",
		    d.def->assurance, d.id));
	problems_init(&pr, r);
	if ((e = check(r, &d, NULL, &pr)) != GERR_OK)
		return e;
	if (pr.count > 0)
		return go(r, &d, NULL);
	if ((e = premium_store(r, &d, &amount)) != GERR_OK)
		return e;
	if (seen == NULL || strcmp(seen, amount) != 0)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    HEATPUMP_PATH "/%s?changed=1", d.id));
	/* its reference's number only now, with everything found right */
	if ((e = dossier_submit(r, &d, key)) == GERR_CONFLICT) {
		/* sent meanwhile (a second click), or changed in another tab */
		if ((e = draft_get(r, &d, LOAD_READ, &gone)) != GERR_OK || gone)
			return e;
		return go(r, &d, NULL);
	}
	if (e != GERR_OK)
		return e;
	return resp_redirect(r, 303, pool_printf(r->pool, "/forms/%s/receipt",
	    d.id));
}
