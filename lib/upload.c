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

/* A size in words, in the page's language: "2 MB", "500 kB" (1024s). */
const char *
upload_size_words(struct req *r, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		return pool_printf(r->pool, "%zu %s", n / (1024 * 1024),
		    req_tr(r, "form.mb"));
	if (n >= 1024 * 1024)
		return pool_printf(r->pool, "%.1f %s", (double)n /
		    (1024 * 1024), req_tr(r, "form.mb"));
	return pool_printf(r->pool, "%zu %s", (n + 1023) / 1024,
	    req_tr(r, "form.kb"));
}

/*
 * NULL if the file is a PDF (by its bytes) within max bytes (0: the
 * platform's, forms.pdf_max, which also bounds max), else the language
 * key of what is wrong with it; *text is then its message in the page's
 * language, naming the limit of a file too big ("larger than 2 MB").  A
 * file over limits.file_max reaches here empty, its size in kv->dropped.
 */
const char *
upload_pdf_problem(struct req *r, const struct kv *kv, size_t max,
    const char **text)
{
	size_t	platform = conf_size("forms.pdf_max");

	if (max == 0 || max > platform)
		max = platform;
	if (kv->dropped > 0 || kv->len > max) {
		*text = tmpl_with(r->pool, req_tr(r, "err.pdf_size"), "limit",
		    upload_size_words(r, max));
		return "err.pdf_size";
	}
	if (pdf_bytes_ok(kv->value, kv->len)) {
		*text = NULL;
		return NULL;
	}
	*text = req_tr(r, "err.pdf_type");
	return "err.pdf_type";
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
