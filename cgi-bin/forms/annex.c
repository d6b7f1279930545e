/*
 * A form's annexes: PDF files sent for a field (a block's own too) on a
 * page of their own, judged and stored by lib/annex.c, removed, moved
 * with their block, and handed back as downloads.
 */
#include <stdlib.h>
#include <string.h>

#include "annex.h"
#include "db.h"
#include "forms.h"
#include "upload.h"
#include "valid.h"

/*
 * One PDF file for the field at key (a block's own: "workers.1.payslip"):
 * checked against the field's limits and the dossier's, stored, or its
 * problem added to pr.
 */
static enum gerr
store_upload(struct req *r, struct dossier *d, const char *page,
    const struct ffield *f, const struct kv *kv, struct problems *pr)
{
	const char	*why, *text;

	if ((why = annex_problem(r, d, f, kv->name, kv, &text)) != NULL) {
		problem_add_text(pr, page, kv->name, why, text);
		return GERR_OK;
	}
	return annex_store(r, d, kv->name, kv);
}

/* The PDF files sent with the page: each checked, stored or refused. */
enum gerr
store_uploads(struct req *r, struct dossier *d, const struct fpage *page,
    struct problems *pr)
{
	const struct kv		*kv;
	const struct ffield	*f;
	const json_t		*block;
	enum gerr		 e;

	for (kv = r->form.head; kv != NULL; kv = kv->next) {
		if (kv->filename == NULL || (kv->len == 0 && kv->dropped == 0 &&
		    *kv->filename == 0))
			continue;
		if ((f = answers_file_field(d, page, kv->name, &block)) == NULL)
			continue;
		if ((e = store_upload(r, d, page->id, f, kv, pr)) != GERR_OK)
			return e;
	}
	return GERR_OK;
}

/* Deletes an annex, and forgets it in the dossier as loaded. */
enum gerr
file_remove(struct req *r, struct dossier *d, const char *id)
{
	return valid_id(id) ? annex_delete(r, d, id) : GERR_INPUT;
}

/*
 * A block removed takes its annexes with it, and the blocks after it
 * move up: their annexes' keys ("workers.2.payslip") follow them.
 */
static struct dbq q_block_files = DBQ(
    "WITH gone AS (DELETE FROM attachments WHERE dossier_id = $1::bigint"
    "   AND message_id IS NULL AND split_part(field, '.', 1) = $2"
    "   AND split_part(field, '.', 2) = $3)"
    " UPDATE attachments SET field = $2 || '.' ||"
    "   (split_part(field, '.', 2)::integer - 1) || '.' ||"
    "   split_part(field, '.', 3)"
    " WHERE dossier_id = $1::bigint AND message_id IS NULL"
    "   AND split_part(field, '.', 1) = $2"
    "   AND CASE WHEN split_part(field, '.', 2) ~ '^[0-9]{1,6}$'"
    "    THEN split_part(field, '.', 2)::integer END > $3::integer");

enum gerr
block_files_remove(struct req *r, struct dossier *d, const char *group,
    size_t k)
{
	const char	*p[3], *key, *dot;
	json_t		*moved = json_object(), *l;
	char		*end;
	size_t		 n, len = strlen(group);

	p[0] = d->id;
	p[1] = group;
	p[2] = pool_printf(r->pool, "%zu", k);
	if (db_query(r->pool, &q_block_files, 3, p) == NULL) {
		json_decref(moved);
		return db_last_error();
	}
	/* the same in the dossier as loaded, for the checks that follow */
	json_object_foreach(d->files, key, l) {
		if (strncmp(key, group, len) != 0 || key[len] != '.') {
			json_object_set(moved, key, l);
			continue;
		}
		n = strtoul(key + len + 1, &end, 10);
		if (*end != '.' || n < k)
			json_object_set(moved, key, l);
		else if (n > k && (dot = end) != NULL)
			json_object_set(moved, pool_printf(r->pool, "%s.%zu%s",
			    group, n - 1, dot), l);
	}
	json_object_clear(d->files);
	json_object_update(d->files, moved);
	json_decref(moved);
	return GERR_OK;
}

static struct dbq q_file = DBQ(
    "SELECT filename, content FROM attachments"
    " WHERE id = $2::bigint AND dossier_id = $1::bigint"
    "   AND message_id IS NULL");

/*
 * 200 with an annex, always as a download (never shown inline by the
 * browser); 404 if it is not an annex of one of the caller's dossiers.
 */
enum gerr
page_file(struct req *r)
{
	struct dossier	 d;
	const char	*p[2];
	enum gerr	 e;

	if ((e = dossier_load(r, r->args[0], &d, 0)) != GERR_OK)
		return e;
	p[0] = d.id;
	p[1] = r->args[1];
	return resp_download_row(r, db_query(r->pool, &q_file, 2, p));
}

/*
 * The field a file's page is for (its key in the URL, a block's own
 * too), shown given the answers; GERR_NOTFOUND otherwise.
 */
static enum gerr
attach_find(struct req *r, const struct dossier *d, const struct fpage **page,
    const struct ffield **f, const json_t **block)
{
	if ((*page = page_find(d->def, r->args[1], NULL)) == NULL ||
	    !page_visible(*page, d->data) ||
	    (*f = answers_file_field(d, *page, r->args[2], block)) == NULL)
		return GERR_NOTFOUND;
	return GERR_OK;
}

/* Where the file's page goes back to: its block's page, or the page. */
static const char *
attach_back(struct req *r, const struct dossier *d, const struct fpage *page,
    const char *key)
{
	const struct ffield	*g;
	const char		*dot = strchr(key, '.');

	if (dot != NULL && (g = fblock_field(&page->block, pool_strndup(
	    r->pool, key, (size_t)(dot - key)))) != NULL && g->by_item)
		return item_path(r, d, page, g, strtoul(dot + 1, NULL, 10));
	return pool_printf(r->pool, "/forms/%s/pages/%s#%s", d->id, page->id,
	    key);
}

static enum gerr
render_attach(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct ffield *f, const struct problems *pr, int status)
{
	const char	*key = r->args[2], *e;
	const char	*label = def_text(r, json_object_get(f->json, "label"));
	HDF		*h = tmpl_node(r->hdf, "Attach");

	dossier_hdf(r, d);
	progress_hdf(r, d, page);
	node_put(h, "key", key);
	node_put(h, "label", label);
	node_put(h, "action", pool_printf(r->pool,
	    "/forms/%s/pages/%s/files/%s", d->id, page->id, key));
	node_put(h, "back", attach_back(r, d, page, key));
	file_limits_hdf(r, f, h);
	files_hdf(r, d, h, key);
	if ((e = problem_message(r, pr, key)) != NULL) {
		node_put(h, "error", e);
		tmpl_set(r->hdf, "Errors.count", "1");
		tmpl_set(r->hdf, "Errors.list.0.field", key);
		tmpl_set(r->hdf, "Errors.list.0.message", tmpl_with(r->pool,
		    tmpl_with(r->pool, req_tr(r, "form.error_field"), "label",
		    label), "message", e));
	}
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return resp_render(r, status, "forms/attach.cs");
}

/*
 * 200 with the page that sends a PDF file for one field; 404 for
 * another's dossier, or a key that names no PDF field shown.
 */
enum gerr
page_attach(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const struct ffield	*f;
	const json_t		*block;
	enum gerr		 e;
	int			 gone;

	if ((e = draft_load(r, &d, 0, &gone)) != GERR_OK || gone ||
	    (e = attach_find(r, &d, &page, &f, &block)) != GERR_OK)
		return e;
	problems_init(&pr, r);
	return render_attach(r, &d, page, f, &pr, 200);
}

/*
 * Stores the file(s) sent, then 303 back to the form; 400 with the page
 * and what is wrong with the file (not a PDF, over the field's limits or
 * the dossier's, none chosen), nothing stored; 400 if the page expired.
 * A body over limits.upload_max is refused whole (413) before this runs,
 * and one over nginx's limit by nginx: the form's answers, saved before
 * this page, are never part of it.
 */
enum gerr
page_attach_post(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const struct ffield	*f;
	const json_t		*block;
	enum gerr		 e;
	int			 gone;

	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	if ((e = draft_load(r, &d, 1, &gone)) != GERR_OK || gone ||
	    (e = attach_find(r, &d, &page, &f, &block)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	problems_init(&pr, r);
	if (r->csrf_failed) {
		db_rollback(r->pool);
		tmpl_set(r->hdf, "Page.expired", req_tr(r, "err.expired"));
		return render_attach(r, &d, page, f, &pr, 400);
	}
	if (upload_file(r, r->args[2]) == NULL)
		problem_add(&pr, page->id, r->args[2], "err.pdf_required");
	else if ((e = store_uploads(r, &d, page, &pr)) != GERR_OK ||
	    (e = answers_save(r, &d)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if ((e = db_commit(r->pool)) != GERR_OK)
		return e;
	if (pr.count > 0)
		return render_attach(r, &d, page, f, &pr, 400);
	return resp_redirect(r, 303, attach_back(r, &d, page, r->args[2]));
}
