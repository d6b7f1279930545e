/* Plain A4 documents with libharu: receipts, decision letters. */
#ifndef GUICHET_PDF_H
#define GUICHET_PDF_H

#include <stddef.h>

#include "gerr.h"
#include "pool.h"

struct pdfdoc;

struct pdfdoc	*pdf_open(struct pool *, const char *title);
void		 pdf_line(struct pdfdoc *, float size, const char *);
void		 pdf_pair(struct pdfdoc *, const char *label, const char *value);
void		 pdf_text(struct pdfdoc *, float size, const char *);
void		 pdf_gap(struct pdfdoc *, float);
void		 pdf_page(struct pdfdoc *);
void		 pdf_verification(struct pdfdoc *, const char *code,
		    const char *url, const char *lang);
enum gerr	 pdf_close(struct pdfdoc *, char **bytes, size_t *len);

#endif
