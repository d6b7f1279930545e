/* libFuzzer target: application/x-www-form-urlencoded bodies and query strings. */
#include <stdint.h>
#include <string.h>

#include "pool.h"
#include "req.h"
#include "valid.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool	*p;
	struct kvlist		 l;
	const struct kv		*kv;

	if (p == NULL)
		p = pool_new(65536);
	kvlist_init(&l);
	if (req_parse_urlencoded(p, (const char *)data, size, &l) == GERR_OK)
		for (kv = l.head; kv != NULL; kv = kv->next)
			/* What the parser accepts is UTF-8 without NUL. */
			if (!valid_utf8(kv->value, kv->len) ||
			    strlen(kv->value) != kv->len)
				__builtin_trap();
	pool_reset(p);
	return 0;
}
