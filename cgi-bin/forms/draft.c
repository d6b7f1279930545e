/*
 * Filling a form: starting a draft (pre-filled), one page at a time with
 * back and next, PDF annexes, the summary, leaving and coming back, and
 * deleting a draft.  Every page is saved as sent, even with mistakes:
 * nothing typed is lost, and the checks tell what is left to do.
 */
#include <stdlib.h>
#include <string.h>

#include "annex.h"
#include "apptfield.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "fee.h"
#include "forms.h"
#include "html.h"
#include "identity.h"
#include "paydossier.h"
#include "upload.h"
#include "valid.h"

static struct dbq q_start_proc = DBQ(
    "SELECT p.id, p.current_version,"
    "  v.definition->'audience' ? CASE WHEN $2::bigint IS NULL"
    "   THEN 'citizen' ELSE (SELECT CASE kind WHEN 'nonprofit' THEN"
    "   'nonprofit' ELSE 'company' END FROM organisations"
    "   WHERE id = $2::bigint) END,"
    "  $2::bigint IS NULL OR p.id = ANY ($3::bigint[])"
    "  FROM procedures p JOIN procedure_versions v"
    "    ON v.procedure_id = p.id AND v.version = p.current_version"
    " WHERE p.code = $1 AND p.online");

static struct dbq q_start = DBQ(
    "INSERT INTO dossiers (procedure_id, procedure_version, owner_person_id,"
    "  acting_org_id, acting_mandate_id, data, prefill_sources)"
    " VALUES ($1::bigint, $2::integer, $3::bigint, $4::bigint, $7::bigint,"
    "  $5::jsonb, $6::jsonb) RETURNING id");

/* j as compact text in the request's pool, for a statement's parameter. */
const char *
json_text(struct req *r, const json_t *j)
{
	char	*s = json_dumps(j, JSON_COMPACT);
	char	*copy = s != NULL ? pool_strdup(r->pool, s) : NULL;

	free(s);
	return copy;
}

static const char *
first_page(const struct dossier *d)
{
	size_t	i;

	for (i = 0; i < d->def->npages; i++)
		if (page_visible(&d->def->pages[i], d->data))
			return d->def->pages[i].id;
	return NULL;
}

static enum gerr
go_page(struct req *r, const struct dossier *d, const char *page)
{
	return resp_redirect(r, 303, page != NULL ?
	    pool_printf(r->pool, "/forms/%s/pages/%s", d->id, page) :
	    pool_printf(r->pool, "/forms/%s/summary", d->id));
}

/*
 * 303 to the first page of a new draft, pre-filled; 303 to the login page
 * without a session; 404 if the procedure is not online; 403 if it is not
 * for whom the user acts (a company procedure for a citizen, say), or if
 * the organisation's user holds no role (nor mandate) for its family.  A
 * user of an organisation confirms their professional address first.
 */
enum gerr
page_start(struct req *r)
{
	const struct session	*s = r->session;
	const char	*p[7];
	struct dossier	 d;
	PGresult	*res;
	json_t		*data, *sources;
	enum gerr	 e;

	if (r->session == NULL)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/login?return=/procedures/%s", r->args[0]));
	p[0] = r->args[0];
	p[1] = s->acting_org_id;
	p[2] = s->acting_procs;
	if ((res = db_query(r->pool, &q_start_proc, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (strcmp(PQgetvalue(res, 0, 2), "t") != 0)
		return GERR_AUTH;
	if (strcmp(PQgetvalue(res, 0, 3), "t") != 0) {
		tmpl_set(r->hdf, "Error.reason", "orgs.no_role");
		return GERR_AUTH;
	}
	if (s->acting_org_id != NULL && s->acting_mandate_id == NULL &&
	    s->pro_email == NULL)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/org/email?return=/procedures/%s", r->args[0]));
	memset(&d, 0, sizeof(d));
	d.proc_id = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	d.version = pool_strdup(r->pool, PQgetvalue(res, 0, 1));
	if ((d.def = def_load(r, d.proc_id, d.version)) == NULL)
		return GERR_SYSTEM;
	d.data = data = json_pooled(r, json_object());
	sources = json_pooled(r, json_object());
	if ((e = prefill(r, d.def, data, sources)) != GERR_OK)
		return e;
	p[0] = d.proc_id;
	p[1] = d.version;
	p[2] = r->session->person_id;
	p[3] = r->session->acting_org_id;
	p[4] = json_text(r, data);
	p[5] = json_text(r, sources);
	p[6] = s->acting_mandate_id;
	if ((res = db_query(r->pool, &q_start, 7, p)) == NULL)
		return db_last_error();
	d.id = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	if (d.def->program != NULL)	/* a procedure with its own program */
		return resp_redirect(r, 303, dossier_program_url(r, &d,
		    first_page(&d)));
	return go_page(r, &d, first_page(&d));
}

static struct dbq q_drafts = DBQ(
    "SELECT d.id, p.code, v.definition->'titles'->>$3, d.status,"
    "  d.updated_at, v.definition->'fees', d.data,"
    "  (SELECT py.amount_cents FROM payments py WHERE py.dossier_id = d.id"
    "   AND py.status IN ('created', 'started', 'submitted'))"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN procedure_versions v ON v.procedure_id = d.procedure_id"
    "   AND v.version = d.procedure_version"
    " WHERE d.status IN ('en_cours', 'complet')"
    "   AND " DOSSIERS_OF_SCOPE("$1::bigint", "$2::bigint")
    " ORDER BY d.updated_at DESC LIMIT 200");

static const char *const draft_cols[] = { "id", "code", "title", "status",
    "updated_at" };

/*
 * What each draft will cost to send (its fee as its answers stand), or
 * the payment under way: "Mes brouillons" says what is due.
 */
static void
drafts_due(struct req *r, const PGresult *res)
{
	struct fee	 f;
	json_t		*fees, *data;
	char		 buf[40], key[48];
	int		 i;

	for (i = 0; i < PQntuples(res); i++) {
		if (!PQgetisnull(res, i, 7)) {
			snprintf(key, sizeof(key), "Drafts.%d.paying", i);
			tmpl_set(r->hdf, key, fee_amount_text(strtoll(
			    PQgetvalue(res, i, 7), NULL, 10), lang_codes[r->lang],
			    buf, sizeof(buf)));
			continue;
		}
		if (PQgetisnull(res, i, 5))
			continue;
		fees = json_pooled(r, json_loads(PQgetvalue(res, i, 5), 0, NULL));
		data = json_pooled(r, json_loads(PQgetvalue(res, i, 6), 0, NULL));
		if (fee_compute(fees, data, &f) == GERR_OK && f.due ==
		    FEE_SUBMISSION) {
			snprintf(key, sizeof(key), "Drafts.%d.due", i);
			tmpl_set(r->hdf, key, fee_amount_text(f.total_cents,
			    lang_codes[r->lang], buf, sizeof(buf)));
		}
		json_decref(f.lines);
	}
}

/* 200 with the drafts of the user (or of the organisation acted for). */
enum gerr
page_drafts(struct req *r)
{
	const char	*p[3];
	PGresult	*res;

	dossier_scope_params(r, &p[0], &p[1]);
	p[2] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_drafts, 3, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Drafts", res, draft_cols, nitems(draft_cols))
	    == -1 || req_csrf_form(r) == -1)
		return GERR_NOMEM;
	drafts_due(r, res);
	if (req_query(r, "deleted") != NULL)
		tmpl_set(r->hdf, "Drafts.deleted", "1");
	if (req_query(r, "saved") != NULL)
		tmpl_set(r->hdf, "Drafts.saved", "1");
	r->tmpl = "forms/drafts.cs";
	return GERR_OK;
}

/* A page of the form: its PDF files are sent on a page of their own. */
static enum gerr
render_page(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct problems *pr, int status)
{
	tmpl_set(r->hdf, "Page.files_apart", "1");
	return page_render(r, d, page, pr, status, "forms/page.cs");
}

/*
 * Loads the caller's draft: 303 to its receipt once it was submitted, to
 * its procedure's own program if it has one (docs/porting.md).
 */
enum gerr
draft_load(struct req *r, struct dossier *d, int lock, int *gone)
{
	struct paydossier p;
	enum gerr	 e;

	*gone = 0;
	if ((e = dossier_load(r, r->args[0], d, lock)) != GERR_OK)
		return e;
	if (!is_draft(d) || d->def->program != NULL) {
		*gone = 1;
		return resp_redirect(r, 303, is_draft(d) ?
		    dossier_program_url(r, d, r->args[1]) : pool_printf(r->pool,
		    "/forms/%s/receipt", d->id));
	}
	/* the answers a payment under way is for stay as they are */
	if (json_object_get(d->def->json, "fees") != NULL &&
	    (e = paydossier_latest(r, d->id, &p)) != GERR_NOTFOUND) {
		if (e != GERR_OK)
			return e;
		if (paydossier_open(&p)) {
			*gone = 1;
			return resp_redirect(r, 303, pool_printf(r->pool,
			    "/forms/%s/payment", d->id));
		}
	}
	return prefill_missing(r, d);
}

/*
 * 200 with a page of the form (with its problems when coming back from
 * the summary); 303 to the summary if the page is skipped given the
 * answers; 404 for another's dossier or an unknown page.
 */
enum gerr
page_form(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	enum gerr		 e;
	int			 gone;

	if ((e = draft_load(r, &d, 0, &gone)) != GERR_OK || gone)
		return e;
	if ((page = page_find(d.def, r->args[1], NULL)) == NULL)
		return GERR_NOTFOUND;
	if (!page_visible(page, d.data))
		return go_page(r, &d, NULL);
	problems_init(&pr, r);
	if (req_query(r, "check") != NULL)
		answers_check(r, &d, page, &pr);
	return render_page(r, &d, page, &pr, 200);
}

/* The buttons beside "next": blocks added or removed, files removed. */
static enum gerr
page_action(struct req *r, struct dossier *d, const struct fpage *page,
    const char *action, struct problems *pr, int *taken)
{
	const char		*arg = strchr(action, ':'), *at;
	char			 verb[16], group[64];
	const struct ffield	*f;
	json_t			*blocks;
	size_t			 k;

	if (arg == NULL || (size_t)(arg - action) >= sizeof(verb))
		return GERR_OK;
	snprintf(verb, sizeof(verb), "%.*s", (int)(arg - action), action);
	arg++;
	if (strcmp(verb, "delfile") == 0)
		return file_remove(r, d, arg);
	if (strcmp(verb, "attach") == 0 ||	/* the file's page, once saved */
	    strcmp(verb, "week") == 0)		/* another week of slots */
		return GERR_OK;
	if (strcmp(verb, "slot") == 0)
		return apptfield_hold(r, d, page, arg, pr, taken);
	if (strlen(arg) >= sizeof(group))
		return GERR_INPUT;
	snprintf(group, sizeof(group), "%s", arg);
	if ((at = strchr(arg, ':')) != NULL)
		group[at - arg] = '\0';
	if ((f = fblock_field(&page->block, group)) == NULL ||
	    f->answer != ANSWER_BLOCKS)
		return GERR_INPUT;
	if ((blocks = json_object_get(d->data, group)) == NULL)
		json_object_set_new(d->data, group, blocks = json_array());
	if (strcmp(verb, "add") == 0 && json_array_size(blocks) < blocks_max(f))
		json_array_append_new(blocks, json_object());
	else if (strcmp(verb, "remove") == 0 && at != NULL && at[1] != '\0' &&
	    strspn(at + 1, "0123456789") == strlen(at + 1) &&
	    (k = strtoul(at + 1, NULL, 10)) < json_array_size(blocks)) {
		json_array_remove(blocks, k);
		return block_files_remove(r, d, group, k);
	}
	return GERR_OK;
}

/*
 * After "add another": the page again, or, for a group filled item by
 * item, the new block's own page.
 */
static enum gerr
added_block(struct req *r, const struct dossier *d, const struct fpage *page,
    const char *group)
{
	const struct ffield	*g = fblock_field(&page->block, group);
	size_t			 n;

	if (g == NULL || !g->by_item || (n = json_array_size(json_object_get(
	    d->data, g->name))) == 0)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/pages/%s", d->id, page->id));
	return resp_redirect(r, 303, item_path(r, d, page, g, n - 1));
}

/* "week:NAME:YYYY-MM-DD": the page again, with that week of slots. */
static enum gerr
week_page(struct req *r, const struct dossier *d, const struct fpage *page,
    const char *arg)
{
	const char	*day = strchr(arg, ':');
	long		 n;

	if (day == NULL || day == arg || strspn(arg,
	    "abcdefghijklmnopqrstuvwxyz0123456789_") != (size_t)(day - arg) ||
	    cal_parse(day + 1, &n) == -1)
		return GERR_INPUT;
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/forms/%s/pages/%s?from=%s#%.*s", d->id, page->id, day + 1,
	    (int)(day - arg), arg));
}

/* Where the page's buttons lead once it is saved. */
static enum gerr
page_next(struct req *r, const struct dossier *d, size_t index, int back)
{
	const struct fpage	*pages = d->def->pages;
	size_t			 i;

	if (back) {
		for (i = index; i-- > 0;)
			if (page_visible(&pages[i], d->data))
				return go_page(r, d, pages[i].id);
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/procedures/%s", d->code));
	}
	for (i = index + 1; i < d->def->npages; i++)
		if (page_visible(&pages[i], d->data))
			return go_page(r, d, pages[i].id);
	return go_page(r, d, NULL);
}

/* The keys of fields shown now and not before, in holder (page or block). */
void
revealed_keys(struct req *r, const struct dossier *d, const struct fblock *fb,
    const char *prefix, const json_t *before, const json_t *block,
    const json_t *oldblock, json_t *out)
{
	const struct ffield	*f;
	const json_t		*b;
	const char		*key;
	size_t			 k;

	fblock_foreach(fb, f) {
		key = pool_join(r->pool, prefix, "", f->name);
		if (!field_visible(f, d->data, block))
			continue;
		if (!field_visible(f, before, oldblock) ||
		    (block != NULL && oldblock == NULL)) {
			json_object_set_new(out, key, json_true());
			continue;
		}
		if (f->answer != ANSWER_BLOCKS)
			continue;
		json_array_foreach(json_object_get(d->data, f->name), k, b)
			revealed_keys(r, d, &f->block, pool_printf(r->pool,
			    "%s.%zu.", key, k), before, b, json_array_get(
			    json_object_get(before, f->name), k), out);
	}
}

/*
 * Questions that an answer on this page has just revealed (on the page or
 * in a block) are not errors yet: the page comes back with them and a note.
 */
static void
set_revealed(struct req *r, const struct dossier *d, const struct fpage *page,
    const json_t *before, struct problems *pr)
{
	revealed_keys(r, d, &page->block, "", before, NULL, NULL, pr->revealed);
	problems_drop_revealed(pr);
}

/* The problems of questions just revealed (pr->revealed) are not told. */
void
problems_drop_revealed(struct problems *pr)
{
	json_t		*keep = json_object(), *v;
	const char	*key, *dot;
	char		 up[200];

	json_object_foreach(pr->by_key, key, v) {
		/* "employees.1.hours" and an address's "addr.street" too */
		snprintf(up, sizeof(up), "%s", key);
		while (json_object_get(pr->revealed, up) == NULL &&
		    (dot = strrchr(up, '.')) != NULL)
			up[dot - up] = '\0';
		if (json_object_get(pr->revealed, up) == NULL)
			json_object_set(keep, key, v);
	}
	pr->count = (int)json_object_size(keep);
	json_object_clear(pr->by_key);
	json_object_update(pr->by_key, keep);
	json_decref(keep);
}

/*
 * Saves the page as sent, then: 303 to the next page (or the previous,
 * the drafts, the same page after a button); 400 with the page, the
 * answers and a message per problem; 200 with the page when answers
 * revealed more questions; 400 without saving if the page expired.
 */
enum gerr
page_form_post(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const char		*action = req_form(r, "_action");
	json_t			*before;
	size_t			 index;
	enum gerr		 e;
	int			 gone, taken = 0;

	if (action == NULL)
		action = "next";
	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	if ((e = draft_load(r, &d, 1, &gone)) != GERR_OK || gone) {
		db_rollback(r->pool);
		return e;
	}
	if ((page = page_find(d.def, r->args[1], &index)) == NULL) {
		db_rollback(r->pool);
		return GERR_NOTFOUND;
	}
	problems_init(&pr, r);
	before = json_pooled(r, json_deep_copy(d.data));
	answers_take(r, &d, page, &pr);
	if (r->csrf_failed) {
		db_rollback(r->pool);
		tmpl_set(r->hdf, "Page.expired", req_tr(r, "err.expired"));
		return render_page(r, &d, page, &pr, 400);
	}
	if ((e = store_uploads(r, &d, page, &pr)) != GERR_OK ||
	    (e = page_action(r, &d, page, action, &pr, &taken)) != GERR_OK ||
	    (strcmp(action, "next") == 0 && (e = apptfield_refresh(r, &d,
	    page, &pr, &taken)) != GERR_OK)) {
		db_rollback(r->pool);
		return e;
	}
	if ((e = answers_save(r, &d)) != GERR_OK ||
	    (e = db_commit(r->pool)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if (strcmp(action, "save") == 0)
		return resp_redirect(r, 303, "/forms?saved=1");
	if (strcmp(action, "back") == 0)
		return page_next(r, &d, index, 1);
	if (pr.count > 0)		/* a file, a count or a slot was refused */
		return render_page(r, &d, page, &pr, taken ? 409 : 400);
	if (strncmp(action, "week:", 5) == 0)
		return week_page(r, &d, page, action + 5);
	if (strncmp(action, "attach:", 7) == 0)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/pages/%s/files/%s", d.id, page->id, action + 7));
	if (strncmp(action, "add:", 4) == 0)
		return added_block(r, &d, page, action + 4);
	if (strchr(action, ':') != NULL || strcmp(action, "upload") == 0)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/pages/%s", d.id, r->args[1]));
	answers_check(r, &d, page, &pr);
	set_revealed(r, &d, page, before, &pr);
	if (pr.count > 0)
		return render_page(r, &d, page, &pr, 400);
	if (json_object_size(pr.revealed) > 0)
		return render_page(r, &d, page, &pr, 200);
	return page_next(r, &d, index, 0);
}

/*
 * 200 with every answer in words, what is missing, the annexes, and the
 * button to sign and submit once complete; 303 to the receipt once sent.
 */
enum gerr
page_summary(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	struct fee	 fee;
	char		 key[33];
	enum gerr	 e;
	int		 gone;

	if ((e = draft_load(r, &d, 0, &gone)) != GERR_OK || gone)
		return e;
	problems_init(&pr, r);
	answers_check(r, &d, NULL, &pr);
	dossier_hdf(r, &d);
	progress_hdf(r, &d, NULL);
	summary_hdf(r, &d, &pr);
	if (fee_of(r, &d, &fee) == GERR_INPUT)
		tmpl_set(r->hdf, "Fee.invalid", "1");
	else
		paydossier_fee_hdf(r, &fee);
	if (random_hex(key, 16) == -1 || req_csrf_form(r) == -1)
		return GERR_NOMEM;
	tmpl_set(r->hdf, "Submit.key", key);
	if (!assurance_meets(r->session, d.def->assurance))
		tmpl_set(r->hdf, "Submit.step_up", pool_printf(r->pool,
		    "/login?step_up=1&level=%s&return=/forms/%s/summary",
		    d.def->assurance, d.id));
	r->tmpl = "forms/summary.cs";
	return GERR_OK;
}

static struct dbq q_delete = DBQ(
    "WITH a AS (DELETE FROM attachments WHERE dossier_id = $1::bigint)"
    " DELETE FROM dossiers WHERE id = $1::bigint"
    "   AND status IN ('en_cours', 'complet')");

/* 303 to the drafts once deleted; 404 for another's; 409 once sent. */
enum gerr
page_delete(struct req *r)
{
	struct dossier	 d;
	const char	*p[1];
	enum gerr	 e;

	if ((e = dossier_load(r, r->args[0], &d, 0)) != GERR_OK)
		return e;
	if (!is_draft(&d))
		return GERR_CONFLICT;
	p[0] = d.id;
	if (db_query(r->pool, &q_delete, 1, p) == NULL)
		return db_last_error();
	return resp_redirect(r, 303, "/forms?deleted=1");
}
