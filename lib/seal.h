/*
 * The platform's seal: a detached CMS (PKCS#7) signature made with the key
 * and certificate of conf's seal.key and seal.cert, over a submission's
 * canonical form.  Anyone holding the certificate can check a receipt.
 */
#ifndef GUICHET_SEAL_H
#define GUICHET_SEAL_H

#include <stddef.h>

#include "der.h"
#include "gerr.h"
#include "pool.h"

/* DER of the signature over data, in the pool. */
enum gerr	 seal_sign(struct pool *, const void *data, size_t len,
		    unsigned char **der, size_t *derlen);
/* 0 if der is our seal over data, -1 otherwise. */
int		 seal_verify(const unsigned char *der, size_t derlen,
		    const void *data, size_t len);
/* The subject of the seal's certificate, for receipts. */
const char	*seal_subject(struct pool *);
const char	*seal_holder(struct pool *);
void		 seal_free(void);

/*
 * The seal's identity, for signatures built elsewhere (lib/pades.c): the
 * key stays here, so that a key held by a PKCS#11 token later changes
 * this file only (docs/decisions.md).  NULL if the seal is not usable.
 */
struct seal_id {
	struct der	 cert;		/* seal.cert */
	struct der	 chain;		/* seal.chain's certificates, DER after DER */
	struct der	 sid;		/* IssuerAndSerialNumber */
	struct der	 sig_alg;	/* the signature's AlgorithmIdentifier */
	struct der	 issuer;	/* the certificate's issuer, a Name */
	struct der	 serial;	/* its serial number, an INTEGER */
	unsigned char	 cert_sha256[32];
	size_t		 sig_max;	/* the longest signature of the key */
};
const struct seal_id	*seal_id(void);
/* SHA-256 and the key's signature over tbs into sig (*siglen >= sig_max). */
int		 seal_raw_sign(const void *tbs, size_t n, unsigned char *sig,
		    size_t *siglen);

#endif
