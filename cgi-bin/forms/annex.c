/*
 * A form's annexes: PDF files stored for a field (a block's own too),
 * within the field's limits and the dossier's, removed, moved with their
 * block, and handed back as downloads.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "forms.h"
#include "upload.h"
#include "valid.h"

static struct dbq q_attach = DBQ(
    "INSERT INTO attachments (dossier_id, field, filename, size, sha256,"
    "  content, uploaded_by)"
    " VALUES ($1::bigint, $2, $3, $4::bigint, decode($5, 'hex'),"
    "  $6::bytea, $7::bigint) RETURNING id");

static enum gerr
store_file(struct req *r, struct dossier *d, const char *field,
    const struct kv *kv)
{
	unsigned char	 md[SHA256_DIGEST_LENGTH];
	char		 hex[2 * SHA256_DIGEST_LENGTH + 1];
	const char	*p[7];
	PGresult	*res;
	json_t		*l;

	SHA256((const unsigned char *)kv->value, kv->len, md);
	hex_encode(md, sizeof(md), hex);
	if ((p[5] = db_bytea(r->pool, kv->value, kv->len)) == NULL)
		return GERR_NOMEM;
	p[0] = d->id;
	p[1] = field;
	p[2] = upload_name(r->pool, kv->filename, "annex.pdf");
	p[3] = pool_printf(r->pool, "%zu", kv->len);
	p[4] = hex;
	p[6] = r->session->person_id;
	if ((res = db_query(r->pool, &q_attach, 7, p)) == NULL)
		return db_last_error();
	if ((l = json_object_get(d->files, field)) == NULL)
		json_object_set_new(d->files, field, l = json_array());
	json_array_append_new(l, json_pack("{s:I, s:s, s:s, s:I}", "id",
	    (json_int_t)atoll(PQgetvalue(res, 0, 0)), "field", field,
	    "filename", p[2], "size", (json_int_t)kv->len));
	return GERR_OK;
}

/* Dossier-wide limits on annexes, beside each field's own "max". */
static int
dossier_files(const struct dossier *d, size_t *bytes)
{
	const char	*k;
	const json_t	*l, *a;
	size_t		 i;
	int		 n = 0;

	*bytes = 0;
	json_object_foreach((json_t *)d->files, k, l)
		json_array_foreach(l, i, a) {
			n++;
			*bytes += (size_t)json_integer_value(json_object_get(a,
			    "size"));
		}
	return n;
}

/*
 * One PDF file for the field at key (a block's own: "workers.1.payslip"):
 * checked against the field's limits and the dossier's, stored, or its
 * problem added to pr.
 */
static enum gerr
store_upload(struct req *r, struct dossier *d, const char *page,
    const struct ffield *f, const struct kv *kv, struct problems *pr)
{
	size_t		 bytes, n = json_array_size(json_object_get(d->files,
			    kv->name));
	const char	*why;

	if ((why = upload_pdf_problem(r, kv, f->size_max)) != NULL)
		problem_add(pr, page, kv->name, why);
	else if (n >= f->count_max)
		problem_add(pr, page, kv->name, pool_printf(r->pool,
		    "err.pdf_count|%zu", f->count_max));
	else if (dossier_files(d, &bytes) >= conf_int("forms.files_max") ||
	    bytes + kv->len > conf_size("forms.bytes_max"))
		problem_add(pr, page, kv->name, "err.pdf_dossier");
	else
		return store_file(r, d, kv->name, kv);
	return GERR_OK;
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

static struct dbq q_delfile = DBQ(
    "DELETE FROM attachments WHERE id = $2::bigint AND dossier_id = $1::bigint"
    "  AND message_id IS NULL RETURNING field");

/* Deletes an annex, and forgets it in the dossier as loaded. */
enum gerr
file_remove(struct req *r, struct dossier *d, const char *id)
{
	const char	*p[2] = { d->id, id };
	PGresult	*res;
	json_t		*l, *a;
	size_t		 i;

	if (!valid_id(id))
		return GERR_INPUT;
	if ((res = db_query(r->pool, &q_delfile, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;		/* gone already: a double click */
	l = json_object_get(d->files, PQgetvalue(res, 0, 0));
	json_array_foreach(l, i, a)
		if (json_integer_value(json_object_get(a, "id")) == atoll(p[1])) {
			json_array_remove(l, i);
			break;
		}
	return GERR_OK;
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
	HDF		*h = tmpl_node(r->hdf, "Attach");

	dossier_hdf(r, d);
	progress_hdf(r, d, page);
	node_put(h, "key", key);
	node_put(h, "label", def_text(r, json_object_get(f->json, "label")));
	node_put(h, "action", pool_printf(r->pool,
	    "/forms/%s/pages/%s/files/%s", d->id, page->id, key));
	node_put(h, "back", attach_back(r, d, page, key));
	file_limits_hdf(r, f, h);
	files_hdf(r, d, h, key);
	if ((e = json_string_value(json_object_get(pr->by_key, key))) != NULL) {
		node_put(h, "error", problem_text(r, e));
		tmpl_set(r->hdf, "Errors.count", "1");
		tmpl_set(r->hdf, "Errors.list.0.field", key);
		tmpl_set(r->hdf, "Errors.list.0.message", problem_text(r, e));
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
	    (e = draft_save(r, &d)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if ((e = db_commit(r->pool)) != GERR_OK)
		return e;
	if (pr.count > 0)
		return render_attach(r, &d, page, f, &pr, 400);
	return resp_redirect(r, 303, attach_back(r, &d, page, r->args[2]));
}
