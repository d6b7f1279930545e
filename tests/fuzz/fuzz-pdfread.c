/*
 * libFuzzer target: lib/pdfread.c, what lib/pades.c reads of a PDF it
 * seals (an agent's upload) or checks (a file given back): the trailer
 * through startxref, objects through the chain of xref sections, the
 * page tree down to page 1, dictionaries' entries, and the signatures'
 * byte ranges.  Whatever the bytes, every span it gives lies inside
 * them, and a signature's ranges frame its /Contents.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdfread.h"

static const char	*buf;
static size_t		 buflen;

static void
inside(struct pdfspan s)
{
	if (s.p < buf || s.n > buflen || s.p + s.n > buf + buflen)
		__builtin_trap();
}

static void
entry(struct pdfspan key, struct pdfspan value, void *arg)
{
	long	n, g;

	(void)arg;
	inside(key);
	inside(value);
	if (key.n == 0 || key.p[0] != '/')
		__builtin_trap();
	(void)pdfspan_ref(value, &n, &g);
	(void)pdfspan_int(value, &n);
}

static void
signature(const struct pdfsig *s, void *arg)
{
	(void)arg;
	if (s->range[0] != 0 || s->range[1] >= s->range[2] ||
	    s->range[2] + s->range[3] > buflen ||
	    s->derlen > (s->range[2] - s->range[1]) / 2 ||
	    buf[s->range[1]] != '<' || buf[s->range[2] - 1] != '>')
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdfread	 r;
	struct pdfspan	 d;
	char		*copy;
	long		 n, num, gen;

	/* an allocation of the exact size, so that a read past it shows */
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	buf = copy;
	buflen = size;
	if (pdfread_open(&r, copy, size) == 0) {
		inside(r.trailer);
		pdfdict_each(r.trailer, entry, NULL);
		if (pdfread_first_page(&r, &num, &gen, &d) == 0) {
			inside(d);
			pdfdict_each(d, entry, NULL);
		}
		for (n = 0; n < r.size && n < 64; n++)
			if (pdfread_object(&r, n, &gen, &d) == 0) {
				inside(d);
				pdfdict_each(d, entry, NULL);
			}
	}
	pdfread_signatures(copy, size, signature, NULL);
	free(copy);
	return 0;
}
