/* DER writing by hand for the seals (lib/seal.c, lib/pades.c): tags and lengths, pieces put together. */
#ifndef GUICHET_DER_H
#define GUICHET_DER_H

#include <stddef.h>

#include "pool.h"

/* A piece of DER: some bytes of a buffer that lives long enough. */
struct der {
	const unsigned char	*p;
	size_t			 n;
};

/* Bytes of a DER tag and length for content of n bytes (n < 2^32). */
size_t		 der_header_len(size_t n);
/* Writes tag and length at p; returns where the content goes. */
unsigned char	*der_header(unsigned char *p, unsigned char tag, size_t n);
unsigned char	*der_put(unsigned char *p, const void *v, size_t n);
/* tag, length and the n parts one after another, in the pool; .p NULL: memory. */
struct der	 der_wrap(struct pool *, unsigned char tag, const struct der *,
		    size_t n);

#endif
