/* RFC 3161 timestamps from the time-stamping authority of conf's tsa.url. */
#ifndef GUICHET_TSA_H
#define GUICHET_TSA_H

#include <stddef.h>

#include <openssl/ts.h>

#include "der.h"
#include "gerr.h"
#include "pool.h"

/* tsa.url is set. */
int		 tsa_configured(void);
/*
 * A timestamp token (DER of its ContentInfo) over SHA-256 of data, in the
 * pool; GERR_UPSTREAM if the authority is down, slow, refuses or answers
 * a token that does not check (logged), and for 30 seconds after.
 */
enum gerr	 tsa_stamp(struct pool *, const void *data, size_t n,
		    struct der *token);
/*
 * The token of an authority's reply to req, if it was granted and is the
 * answer to req (imprint, nonce) signed by a certificate store trusts
 * for timestamping; 0, or -1 (logged).
 */
int		 tsa_reply_token(struct pool *, const unsigned char *reply,
		    size_t n, TS_REQ *req, X509_STORE *store, struct der *token);
/* token is a timestamp over SHA-256 of data by an authority tsa.cacert trusts. */
int		 tsa_token_check(const unsigned char *token, size_t n,
		    const void *data, size_t dn);
void		 tsa_free(void);

#endif
