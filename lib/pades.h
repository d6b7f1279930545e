/* PDFs that carry their own seal: PAdES baseline B-B, or B-T with a timestamp (lib/tsa.c). */
#ifndef GUICHET_PADES_H
#define GUICHET_PADES_H

#include <stddef.h>

#include "gerr.h"
#include "pool.h"

/*
 * pdf (a finished document, lib/pdf.c) with the platform's seal embedded
 * by an incremental update, in the pool: B-T when tsa.url answers, B-B
 * otherwise.  GERR_INPUT if the PDF cannot be updated (an xref stream, a
 * form of its own), GERR_SYSTEM if the seal is not usable.
 */
enum gerr	 pades_seal(struct pool *, const char *pdf, size_t len,
		    char **out, size_t *outlen);

/* What a PDF's signatures say of it, worst first. */
enum pades_verdict {
	PADES_NONE,		/* no signature */
	PADES_BROKEN,		/* a signature that does not match the bytes */
	PADES_FOREIGN,		/* signed, but not with our seal */
	PADES_APPENDED,		/* our seal, then bytes added after it */
	PADES_OK		/* our seal over the whole file */
};
/* The verdict; *timestamped: our seal carries a timestamp that checks. */
enum pades_verdict pades_check(const char *pdf, size_t len, int *timestamped);
const char	*pades_verdict_name(enum pades_verdict);

#endif
