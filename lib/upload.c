/*
 * Files users send (PDF annexes, message attachments) are judged by their
 * bytes, never by their name or declared type; they go back only as
 * downloads, so a browser never renders one in our origin.
 */
#include <string.h>

#include "conf.h"

#include "db.h"
#include "html.h"
#include "upload.h"
#include "valid.h"

/* "%PDF-1.x" or "%PDF-2.x" at the start, "%%EOF" in the last kilobyte. */
int
pdf_bytes_ok(const char *b, size_t n)
{
	size_t	tail = n < 1024 ? n : 1024;

	if (b == NULL || n < 16 || memcmp(b, "%PDF-", 5) != 0 ||
	    !(b[5] >= '1' && b[5] <= '2') || b[6] != '.')
		return 0;
	return memmem(b + n - tail, tail, "%%EOF", 5) != NULL;
}

/* The file part called name, if the user chose a file for it. */
const struct kv *
upload_file(struct req *r, const char *name)
{
	const struct kv	*kv;

	for (kv = r->form.head; kv != NULL; kv = kv->next)
		if (kv->filename != NULL && strcmp(kv->name, name) == 0 &&
		    (kv->len > 0 || *kv->filename != '\0'))
			return kv;
	return NULL;
}

/*
 * NULL if the file is a PDF (by its bytes) within forms.pdf_max, else
 * the language key of what is wrong with it.
 */
const char *
upload_pdf_problem(const struct kv *kv)
{
	if (!pdf_bytes_ok(kv->value, kv->len))
		return "err.pdf_type";
	if (kv->len > conf_size("forms.pdf_max"))
		return "err.pdf_size";
	return NULL;
}

/* A name to show and to offer on download: no path, no control bytes. */
const char *
upload_name(struct pool *pool, const char *name, const char *dflt)
{
	const char	*base = name, *p;
	struct buf	 b;

	if (name == NULL)
		return dflt;
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	buf_init(&b, pool);
	for (p = base; *p != '\0' && b.len < 200; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f && *p != '"')
			buf_putc(&b, *p);
	p = buf_cstr(&b);
	if (p == NULL || *p == '\0' || !valid_utf8(p, strlen(p)))
		return dflt;
	/* 200 bytes may have cut a character in two */
	return p;
}

/*
 * 200 with the bytes (bytea as libpq gives it in text) as an attachment
 * named filename, never cached by anyone.
 */
enum gerr
resp_download(struct req *r, const char *ctype, const char *filename,
    const char *bytea_text)
{
	unsigned char	*bytes;
	size_t		 n;
	struct buf	 cd;

	if ((bytes = PQunescapeBytea((const unsigned char *)bytea_text, &n))
	    == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, PQfreemem, bytes);
	buf_init(&cd, r->pool);
	buf_puts(&cd, "attachment; filename=\"document.pdf\"; "
	    "filename*=UTF-8''");
	url_escape(&cd, filename);
	resp_header(r, "Content-Disposition", buf_cstr(&cd));
	r->cache = "private, no-store";
	return resp_send(r, 200, ctype, (const char *)bytes, n);
}

/* The one row (filename, content) of res as a download, or a 404. */
enum gerr
resp_download_row(struct req *r, const PGresult *res)
{
	if (res == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return resp_download(r, "application/pdf", PQgetvalue(res, 0, 0),
	    PQgetvalue(res, 0, 1));
}
