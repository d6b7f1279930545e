/* Issued documents: their verification code, and their revocation. */
#ifndef GUICHET_DOCUMENT_H
#define GUICHET_DOCUMENT_H

#include "gerr.h"
#include "pool.h"
#include "vcode.h"

/* What a document being issued carries to be verified (docs/verify.md). */
struct doccode {
	char		 code[VCODE_LEN + 1];	/* as stored */
	char		 shown[VCODE_SHOWN + 1];	/* as printed */
	char		 key[65];	/* its HMAC (hex): its look-up */
	const char	*url;		/* the page its QR code names */
};

enum gerr	 document_code(struct pool *, struct doccode *);
const char	*document_verify_url(struct pool *, const char *shown);
enum gerr	 document_revoke(struct pool *, const char *dossier,
		    const char *document, const char *agent,
		    const char *reason);

#endif
