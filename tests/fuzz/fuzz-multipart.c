/*
 * libFuzzer target: multipart/form-data bodies, streamed.  The first byte
 * chooses the size of the pieces the body is fed in; whatever the pieces,
 * the parser must reach the same verdict.
 */
#include <stdint.h>
#include <string.h>

#include "pool.h"
#include "req.h"

static enum gerr
parse(struct pool *p, const uint8_t *data, size_t size, size_t piece,
    size_t *fields)
{
	static const struct mp_limits	 lim = { 4096, 64, 32 };	/* small files: dropped */
	struct mp			 mp;
	struct kvlist			 l;
	const struct kv			*kv;
	size_t				 off = 0, n;
	enum gerr			 e;

	kvlist_init(&l);
	if ((e = mp_init(&mp, p, "XyZ", &lim, &l)) != GERR_OK)
		return e;
	while (off < size) {
		n = size - off < piece ? size - off : piece;
		if ((e = mp_feed(&mp, (const char *)data + off, n)) != GERR_OK)
			return e;
		off += n;
	}
	e = mp_finish(&mp);
	/* the parts, and the bytes of files dropped: the same however fed */
	*fields = l.count;
	for (kv = l.head; kv != NULL; kv = kv->next)
		*fields += kv->dropped * 1000;
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool	*p;
	size_t			 piece, f1 = 0, f2 = 0;
	enum gerr		 e1, e2;

	if (size < 1)
		return 0;
	if (p == NULL)
		p = pool_new(65536);
	piece = (size_t)data[0] % 64 + 1;
	e1 = parse(p, data + 1, size - 1, size, &f1);
	e2 = parse(p, data + 1, size - 1, piece, &f2);
	if (e1 != e2 || f1 != f2)
		__builtin_trap();
	pool_reset(p);
	return 0;
}
