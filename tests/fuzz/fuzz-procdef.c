/*
 * libFuzzer target: procedure definitions, checked (lib/procdef.c) and
 * compiled (lib/fdef.c).  What the checker accepts always compiles, with
 * every field's type the one the table names: the two read one table.
 */
#include <stdint.h>
#include <string.h>

#include "fdef.h"
#include "procdef.h"

static void
agree(const struct fblock *b, const json_t *fields)
{
	const struct ffield	*f;
	enum field_type		 t;
	size_t			 i = 0;

	if (b->n != json_array_size(fields))
		__builtin_trap();
	fblock_foreach(b, f) {
		if (!field_type_from_name(json_string_value(json_object_get(
		    json_array_get(fields, i++), "type")), &t) || t != f->type)
			__builtin_trap();
		if (f->answer == ANSWER_BLOCKS)
			agree(&f->block, json_object_get(f->json, "fields"));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t		*j;
	struct fdef	*d;
	char		 err[600];
	size_t		 i;

	if ((j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL)) == NULL)
		return 0;
	d = fdef_compile(j, err, sizeof(err));
	if (procdef_check(j, err, sizeof(err)) == 0) {
		if (d == NULL)
			__builtin_trap();
		for (i = 0; i < d->npages; i++)
			agree(&d->pages[i].block, json_object_get(json_array_get(
			    json_object_get(j, "pages"), i), "fields"));
	}
	fdef_free(d);
	json_decref(j);
	return 0;
}
