/* Unit tests of lib/formdef.c: the definition cache pins what a request reads. */
#include "../../lib/formdef.c"

#include "tap.h"

static json_t *
def_named(const char *code)
{
	return json_pack("{s:s, s:[]}", "code", code, "pages");
}

int
main(void)
{
	struct req	 r;
	const json_t	*held;
	json_t		*d;
	int		 i;

	memset(&r, 0, sizeof(r));
	r.pool = pool_new(4096);

	d = def_named("FIRST");
	def_cache_add(1, 1, d);
	json_decref(d);
	ok(def_cached(1, 1) == d, "a definition added is found");
	ok(def_cached(1, 2) == NULL, "another version is not");
	held = def_pin(&r, def_cached(1, 1));
	is_int((int)held->refcount, 2, "a request reading it holds a reference");

	/* a request reads more definitions than the cache holds */
	for (i = 2; i < 2 + DEF_CACHE; i++) {
		d = def_named("OTHER");
		def_cache_add(i, 1, d);
		json_decref(d);
	}
	ok(def_cached(1, 1) == NULL, "the first is evicted");
	is_int((int)held->refcount, 1, "and lives on, held by the request");
	is_str(json_string_value(json_object_get(held, "code")), "FIRST",
	    "what the request holds is still readable");
	pool_reset(r.pool);		/* the request ends: freed (ASan checks) */

	d = def_named("AGAIN");
	def_cache_add(1, 1, d);
	json_decref(d);
	held = def_pin(&r, def_cached(1, 1));
	pool_reset(r.pool);
	ok(def_cached(1, 1) == held && held->refcount == 1,
	    "a cached definition outlives the requests that read it");
	pool_free(r.pool);
	return tap_done();
}
