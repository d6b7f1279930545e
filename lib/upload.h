/* PDF files sent by users and handed back: checks by bytes, safe names. */
#ifndef GUICHET_UPLOAD_H
#define GUICHET_UPLOAD_H

#include <stddef.h>

#include "app.h"

int		 pdf_bytes_ok(const char *, size_t);
const struct kv	*upload_file(struct req *, const char *name);
const char	*upload_pdf_problem(struct req *, const struct kv *,
		    size_t max, const char **text);
const char	*upload_size_words(struct req *, size_t);
const char	*upload_name(struct pool *, const char *name, const char *dflt);
enum gerr	 resp_download(struct req *, const char *ctype,
		    const char *filename, const char *bytea_text);
enum gerr	 resp_download_row(struct req *, const PGresult *);

#endif
