/*
 * A dossier's PDF annexes, for every program that takes them on a
 * dossier's page: a file is judged by its bytes (lib/upload.c), then
 * against its field's "max" and the dossier's limits (forms.files_max,
 * forms.bytes_max), stored with its SHA-256 or deleted, and the dossier
 * as loaded follows at once, so the checks that follow in the request
 * count it.
 */
#include <stdlib.h>

#include <openssl/sha.h>

#include "annex.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "upload.h"

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
 * NULL if the file may be stored as an annex of field f at key (a block's
 * own: "workers.1.payslip"), else the language key of why not: not a
 * PDF, over the field's max_size (or the platform's), one file too many
 * for the field, or past the dossier's limits; *text is then the message
 * in the page's language, naming the limit passed.
 */
const char *
annex_problem(struct req *r, const struct dossier *d, const struct ffield *f,
    const char *key, const struct kv *kv, const char **text)
{
	size_t		 bytes;
	const char	*why;

	if ((why = upload_pdf_problem(r, kv, f->size_max, text)) != NULL)
		return why;
	if (json_array_size(json_object_get(d->files, key)) >= f->count_max) {
		*text = tmpl_with(r->pool, req_tr(r, "err.pdf_count"), "limit",
		    pool_printf(r->pool, "%zu", f->count_max));
		return "err.pdf_count";
	}
	if (dossier_files(d, &bytes) >= conf_int("forms.files_max") ||
	    bytes + kv->len > conf_size("forms.bytes_max")) {
		*text = req_tr(r, "err.pdf_dossier");
		return "err.pdf_dossier";
	}
	return NULL;
}

static struct dbq q_attach = DBQ(
    "INSERT INTO attachments (dossier_id, field, filename, size, sha256,"
    "  content, uploaded_by)"
    " VALUES ($1::bigint, $2, $3, $4::bigint, decode($5, 'hex'),"
    "  $6::bytea, $7::bigint) RETURNING id");

/* Stores the file as an annex of field, uploaded by the session's person. */
enum gerr
annex_store(struct req *r, struct dossier *d, const char *field,
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

static struct dbq q_delete = DBQ(
    "DELETE FROM attachments WHERE id = $2::bigint AND dossier_id = $1::bigint"
    "  AND message_id IS NULL RETURNING field");

/* Deletes an annex of d, and forgets it in the dossier as loaded. */
enum gerr
annex_delete(struct req *r, struct dossier *d, const char *id)
{
	const char	*p[2] = { d->id, id };
	PGresult	*res;
	json_t		*l, *a;
	size_t		 i;

	if ((res = db_query(r->pool, &q_delete, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;		/* gone already: a double click */
	l = json_object_get(d->files, PQgetvalue(res, 0, 0));
	json_array_foreach(l, i, a)
		if (json_integer_value(json_object_get(a, "id")) == atoll(id)) {
			json_array_remove(l, i);
			break;
		}
	return GERR_OK;
}
