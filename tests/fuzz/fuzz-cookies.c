/* libFuzzer target: Cookie headers. */
#include <stdint.h>
#include <string.h>

#include "pool.h"
#include "req.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool	*p;
	struct kvlist		 l;
	const struct kv		*kv;
	char			*hdr;

	if (p == NULL)
		p = pool_new(65536);
	/* A header never holds NUL: nginx passes a C string. */
	hdr = pool_strndup(p, (const char *)data, size);
	kvlist_init(&l);
	if (req_parse_cookies(p, hdr, &l) == GERR_OK)
		for (kv = l.head; kv != NULL; kv = kv->next)
			if (strpbrk(kv->value, "; \"") != NULL ||
			    strchr(kv->name, '=') != NULL)
				__builtin_trap();
	pool_reset(p);
	return 0;
}
