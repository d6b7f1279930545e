/*
 * DER by hand: the seals' structures are a few fixed pieces around a
 * digest, a signature and certificates, so they are written with these
 * rather than built as OpenSSL objects and encoded (lib/seal.c says what
 * that cost).
 */
#include <string.h>

#include "der.h"

size_t
der_header_len(size_t n)
{
	return n < 0x80 ? 2 : n < 0x100 ? 3 : n < 0x10000 ? 4 :
	    n < 0x1000000 ? 5 : 6;
}

unsigned char *
der_header(unsigned char *p, unsigned char tag, size_t n)
{
	size_t	k, i;

	*p++ = tag;
	if (n < 0x80) {
		*p++ = (unsigned char)n;
		return p;
	}
	k = der_header_len(n) - 2;
	*p++ = (unsigned char)(0x80 | k);
	for (i = k; i > 0; i--)
		*p++ = (unsigned char)(n >> (8 * (i - 1)));
	return p;
}

unsigned char *
der_put(unsigned char *p, const void *v, size_t n)
{
	if (n > 0)
		memcpy(p, v, n);
	return p + n;
}

struct der
der_wrap(struct pool *pool, unsigned char tag, const struct der *parts,
    size_t n)
{
	struct der	 out = { NULL, 0 };
	unsigned char	*buf, *p;
	size_t		 len = 0, i;

	for (i = 0; i < n; i++)
		len += parts[i].n;
	if ((buf = pool_alloc(pool, der_header_len(len) + len)) == NULL)
		return out;
	p = der_header(buf, tag, len);
	for (i = 0; i < n; i++)
		p = der_put(p, parts[i].p, parts[i].n);
	out.p = buf;
	out.n = (size_t)(p - buf);
	return out;
}
