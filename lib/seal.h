/*
 * The platform's seal: a detached CMS (PKCS#7) signature made with the key
 * and certificate of conf's seal.key and seal.cert, over a submission's
 * canonical form.  Anyone holding the certificate can check a receipt.
 */
#ifndef GUICHET_SEAL_H
#define GUICHET_SEAL_H

#include <stddef.h>

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

#endif
