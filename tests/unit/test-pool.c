/* Unit tests of lib/pool.c: arena allocation, cleanups, growable buffers. */
#include <stdint.h>
#include <stdlib.h>

#include "pool.h"
#include "tap.h"

static char	order[8];
static size_t	norder;

static void
note(void *arg)
{
	order[norder++] = *(char *)arg;
}

int
main(void)
{
	struct pool	*p = pool_new(1024);
	struct buf	 b;
	char		*s, *big, a = 'a', c = 'c';
	void		*x, *y;
	int		 i, aligned = 1;

	ok(p != NULL, "pool created");
	for (i = 0; i < 200; i++) {
		x = pool_alloc(p, (size_t)i % 37 + 1);
		if ((uintptr_t)x % 16 != 0)
			aligned = 0;
	}
	ok(aligned, "allocations are 16-byte aligned across chunks");
	big = pool_alloc(p, 100000);
	ok(big != NULL, "a block larger than a chunk");
	memset(big, 'z', 100000);
	x = pool_calloc(p, 10, 10);
	ok(x != NULL && ((char *)x)[99] == 0, "calloc zeroes");
	ok(pool_calloc(p, SIZE_MAX / 2, 4) == NULL, "calloc overflow refused");
	ok(pool_alloc(p, SIZE_MAX - 4) == NULL, "huge alloc refused");
	is_str(pool_strdup(p, "Liège"), "Liège", "strdup");
	is_str(pool_strndup(p, "abcdef", 3), "abc", "strndup");
	is_str(pool_printf(p, "%s-%05d", "SESAM", 123), "SESAM-00123", "printf");
	is_str(pool_join(p, "address", ".", "street"), "address.street", "join");
	is_str(pool_join(p, "", "", ""), "", "join of nothing");
	is_str(pool_join(p, NULL, " ", "b"), " b", "NULL joins as empty");
	{
		/* formatted in place when it fits, again elsewhere when not,
		 * and nothing written over what was allocated before */
		char	 *strs[400], *prev;
		int	  k, good = 1;

		prev = pool_strdup(p, "kept");
		for (k = 0; k < 400; k++)
			strs[k] = pool_printf(p, "%0*d", k * 7 + 1, k);
		for (k = 0; k < 400; k++)
			if (strlen(strs[k]) != (size_t)(k * 7 + 1) ||
			    atoi(strs[k]) != k)
				good = 0;
		ok(good && strcmp(prev, "kept") == 0,
		    "printf of every length, across chunks");
	}
	ok(pool_used(p) > 100000, "used counts the big block");

	pool_defer(p, note, &a);
	pool_defer(p, note, &c);
	pool_reset(p);
	ok(norder == 2 && order[0] == 'c' && order[1] == 'a',
	    "cleanups run newest first at reset");
	is_int((long long)pool_used(p), 0, "reset empties the pool");
	pool_reset(p);
	is_int((long long)norder, 2, "cleanups run once");

	buf_init(&b, p);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	is_int((long long)b.len, 2000, "buf grows to 2000 bytes");
	ok(strncmp(b.data, "0,1,2,", 6) == 0 && b.data[b.len] == '\0',
	    "buf content and terminator");
	buf_init(&b, p);
	s = buf_cstr(&b);
	is_str(s, "", "empty buf gives an empty string");
	x = pool_alloc(p, 8);
	y = pool_alloc(p, 8);
	ok(x != y, "distinct blocks");
	pool_free(p);
	return tap_done();
}
