/*
 * Unit tests of lib/formdef.c, lib/fdef.c and lib/fieldtype.c: the
 * definition cache pins what a request reads; definitions load with each
 * field's type resolved once (aliases too, unknown types refused with the
 * field named); the table of types and the checker of definitions agree
 * on every type.
 */
#include "../../lib/formdef.c"

#include <glob.h>

#include "procdef.h"
#include "tap.h"

static struct fdef *
def_named(const char *code)
{
	json_t		*j = json_pack("{s:s, s:[]}", "code", code, "pages");
	struct fdef	*d;
	char		 err[200];

	d = fdef_compile(j, err, sizeof(err));
	json_decref(j);
	return d;
}

static void
test_pins(void)
{
	struct req		 r;
	const struct fdef	*held;
	struct fdef		*d;
	int			 i;

	memset(&r, 0, sizeof(r));
	r.pool = pool_new(4096);

	d = def_named("FIRST");
	def_cache_add(1, 1, d);
	ok(def_cached(1, 1) == d, "a definition added is found");
	ok(def_cached(1, 2) == NULL, "another version is not");
	held = def_pin(&r, def_cached(1, 1));
	is_int((int)held->pins, 2, "a request reading it pins it");

	/* a request reads more definitions than the cache holds */
	for (i = 2; i < 2 + DEF_CACHE; i++)
		def_cache_add(i, 1, def_named("OTHER"));
	ok(def_cached(1, 1) == NULL, "the first is evicted");
	is_int((int)held->pins, 1, "and lives on, pinned by the request");
	is_str(held->code, "FIRST", "what the request holds is still readable");
	is_str(json_string_value(json_object_get(held->json, "code")), "FIRST",
	    "its JSON too");
	pool_reset(r.pool);		/* the request ends: freed (ASan checks) */

	d = def_named("AGAIN");
	def_cache_add(1, 1, d);
	held = def_pin(&r, def_cached(1, 1));
	pool_reset(r.pool);
	ok(def_cached(1, 1) == held && held->pins == 1,
	    "a cached definition outlives the requests that read it");
	pool_free(r.pool);
}

static const struct ffield *
field_at(const struct fdef *d, size_t page, const char *name)
{
	return page < d->npages ? fblock_field(&d->pages[page].block, name) :
	    NULL;
}

static struct fdef *
def_file(const char *name)
{
	char		 path[600], err[400];
	json_t		*j;
	struct fdef	*d;

	snprintf(path, sizeof(path), "%s/%s", srcdir(), name);
	if ((j = json_load_file(path, 0, NULL)) == NULL)
		return NULL;
	d = fdef_compile(j, err, sizeof(err));
	if (d == NULL)
		printf("# %s: %s\n", name, err);
	json_decref(j);
	return d;
}

/* The procedures as shipped: each field's type resolved, as it behaves. */
static void
test_resolved(void)
{
	struct fdef		*d;
	const struct ffield	*f;
	glob_t			 g;
	char			 pat[600], err[400];
	size_t			 i;
	json_t			*j;
	int			 all = 1;

	snprintf(pat, sizeof(pat), "%s/conf/procedures/*.json", srcdir());
	ok(glob(pat, 0, NULL, &g) == 0 && g.gl_pathc >= 5,
	    "the procedures shipped");
	for (i = 0; i < g.gl_pathc; i++) {
		j = json_load_file(g.gl_pathv[i], 0, NULL);
		d = j != NULL ? fdef_compile(j, err, sizeof(err)) : NULL;
		if (d == NULL) {
			printf("# %s: %s\n", g.gl_pathv[i], err);
			all = 0;
		}
		fdef_free(d);
		json_decref(j);
	}
	globfree(&g);
	ok(all, "every procedure shipped compiles");

	d = def_file("conf/procedures/EBIKE.json");
	ok(d != NULL && d->npages == 2, "EBIKE: two pages");
	if (d == NULL)
		return;
	is_str(d->code, "EBIKE", "its code");
	is_str(d->pages[1].id, "purchase", "its second page");
	f = field_at(d, 1, "price");
	ok(f != NULL && f->type == FIELD_MONEY && f->as == FIELD_MONEY &&
	    f->answer == ANSWER_TEXT && f->required, "price: money, required");
	ok(f != NULL && f->lo.kind == BOUND_NUMBER && f->lo.n == 1 &&
	    f->hi.kind == BOUND_NUMBER && f->hi.n == 20000 && !f->lo.exclusive,
	    "its limits, as numbers");
	f = field_at(d, 1, "kind");
	ok(f != NULL && f->type == FIELD_CHOICE && f->as == FIELD_CHOICE &&
	    f->options != NULL && strcmp(f->kind, "choices") == 0,
	    "kind: a choice among its options, shown as radio buttons");
	f = field_at(d, 1, "invoice");
	ok(f != NULL && f->type == FIELD_PDF && f->answer == ANSWER_FILES,
	    "invoice: a PDF, kept as files");
	f = field_at(d, 0, "postcode");
	ok(f != NULL && f->as == FIELD_POSTCODE && strcmp(f->kind, "text") == 0,
	    "postcode: typed in a box");
	fdef_free(d);

	d = def_file("conf/procedures/SESAM.json");
	ok(d != NULL, "SESAM");
	if (d == NULL)
		return;
	f = field_at(d, 3, "employees");
	ok(f != NULL && f->type == FIELD_GROUP && f->answer == ANSWER_BLOCKS &&
	    f->block.n == 8, "employees: a group of eight fields");
	f = f != NULL ? fblock_field(&f->block, "nrn") : NULL;
	ok(f != NULL && f->type == FIELD_NRN, "a block's field resolved too");
	f = field_at(d, 0, "sector");
	ok(f != NULL && f->display == DISPLAY_SELECT &&
	    strcmp(f->kind, "select") == 0, "a choice shown as a list");
	f = field_at(d, 0, "company_intro");
	ok(f != NULL && f->answer == ANSWER_NONE &&
	    field_type_display_only(f->type), "a notice asks nothing");
	fdef_free(d);

	d = def_file("conf/procedures/PROPTAX.json");
	f = d != NULL ? field_at(d, 2, "reasons") : NULL;
	ok(f != NULL && f->display == DISPLAY_CHECKBOXES &&
	    f->answer == ANSWER_LIST, "checkboxes: a list of boxes ticked");
	f = d != NULL ? field_at(d, 0, "address") : NULL;
	ok(f != NULL && f->answer == ANSWER_ADDRESS, "an address");
	fdef_free(d);
}

/* A definition of one page whose fields are given as JSON text. */
static json_t *
def_with(const char *fields)
{
	char	 text[4000];

	snprintf(text, sizeof(text), "{\"code\": \"TEST\", \"family\": "
	    "\"test\", \"department\": \"TEST\", \"audience\": [\"citizen\"], "
	    "\"assurance\": \"low\", \"titles\": {\"fr\": \"t\", \"nl\": \"t\", "
	    "\"de\": \"t\", \"en\": \"t\"}, \"summary\": {\"fr\": \"s\", "
	    "\"nl\": \"s\", \"de\": \"s\", \"en\": \"s\"}, \"pages\": [{\"id\": "
	    "\"one\", \"titles\": {\"fr\": \"p\", \"nl\": \"p\", \"de\": \"p\", "
	    "\"en\": \"p\"}, \"fields\": [%s]}]}", fields);
	return json_loads(text, 0, NULL);
}

#define LABEL	"\"label\": {\"fr\": \"l\", \"nl\": \"l\", \"de\": \"l\", " \
		"\"en\": \"l\"}"
#define TEXT	"\"text\": {\"fr\": \"l\", \"nl\": \"l\", \"de\": \"l\", " \
		"\"en\": \"l\"}"

/* One field of type name, with what its type needs to be valid. */
static json_t *
def_of_type(enum field_type t, const char *name, const char *extra)
{
	char	 f[2000];

	snprintf(f, sizeof(f), "{\"name\": \"x\", \"type\": \"%s\", %s%s%s%s}",
	    name, field_type_display_only(t) ? TEXT : LABEL,
	    field_types[t].flags & FT_OPTIONS ? ", \"options\": [{\"value\": "
	    "\"a\", " LABEL "}]" : "",
	    field_types[t].answer == ANSWER_BLOCKS ? ", \"fields\": [{"
	    "\"name\": \"y\", \"type\": \"text\", " LABEL "}]" :
	    field_types[t].answer == ANSWER_APPOINTMENT ? ", \"office\": "
	    "\"LIEGE-POP\", \"meeting_type\": \"ID_CARD\"" : "", extra);
	return def_with(f);
}

static int
checks(const json_t *def)
{
	char	err[600];

	return procdef_check(def, err, sizeof(err)) == 0;
}

/* Every type of the table is one the checker takes, and its limits agree. */
static void
test_table_and_checker(void)
{
	enum field_type	 t, got;
	json_t		*j;
	struct fdef	*d;
	char		 err[400];
	int		 same = 1, range = 1, length = 1, resolved = 1, valid = 1;

	for (t = 0; t < FIELD__MAX; t++) {
		j = def_of_type(t, field_types[t].name, "");
		if (!checks(j)) {
			printf("# %s refused by procdef\n", field_types[t].name);
			same = 0;
		}
		d = fdef_compile(j, err, sizeof(err));
		if (d == NULL || d->pages[0].block.fields[0].type != t ||
		    !field_type_from_name(field_types[t].name, &got) ||
		    got != t)
			resolved = 0;
		fdef_free(d);
		json_decref(j);
		j = def_of_type(t, field_types[t].name, ", \"min\": 0, \"max\": 2");
		if (checks(j) != !!(field_types[t].flags & FT_RANGE)) {
			printf("# min/max for %s\n", field_types[t].name);
			range = 0;
		}
		json_decref(j);
		j = def_of_type(t, field_types[t].name, ", \"maxlength\": 9");
		if (checks(j) != !!(field_types[t].flags & FT_LENGTH)) {
			printf("# maxlength for %s\n", field_types[t].name);
			length = 0;
		}
		json_decref(j);
		/* what is typed has a validator; nothing else has one */
		if ((field_types[t].vtype != VT__MAX) !=
		    !!(field_types[t].flags & FT_TYPED))
			valid = 0;
	}
	ok(same, "procdef takes every type of the table");
	ok(resolved, "the loader resolves every type of the table to itself");
	ok(range, "min/max: procdef and the table agree on every type");
	ok(length, "maxlength: procdef and the table agree on every type");
	ok(valid, "every type typed in a box has a validator, and only those");

	/* one spelling per type: no name twice in the table */
	for (t = 0; t < FIELD__MAX; t++)
		for (got = t + 1; got < FIELD__MAX; got++)
			if (strcmp(field_types[t].name, field_types[got].name) == 0)
				same = 0;
	ok(same, "each type has one name");
	ok(!field_type_from_name("mony", &got), "a name of no type");
}

static void
test_alias_and_unknown(void)
{
	json_t		*j;
	struct fdef	*d;
	char		 err[400];

	j = def_with("{\"name\": \"count\", \"type\": \"int\", " LABEL
	    ", \"min\": 1}");
	ok(checks(j), "procdef takes the alias \"int\"");
	d = fdef_compile(j, err, sizeof(err));
	ok(d != NULL && d->pages[0].block.fields[0].type == FIELD_INTEGER &&
	    d->pages[0].block.fields[0].lo.n == 1,
	    "\"int\" loads as an integer, limits and all");
	fdef_free(d);
	json_decref(j);

	j = def_with("{\"name\": \"email\", \"type\": \"email\", " LABEL "}, "
	    "{\"name\": \"price\", \"type\": \"mony\", " LABEL "}");
	ok(fdef_compile(j, err, sizeof(err)) == NULL, "an unknown type is "
	    "refused");
	is_str(err, "pages[0].fields[1] \"price\": \"type\" \"mony\" is not a "
	    "field type", "with the field named");
	ok(procdef_check(j, err, sizeof(err)) == -1, "by procdef too");
	is_str(err, "pages[0].fields[1] \"price\": \"type\" \"mony\" is not a "
	    "field type", "in the same words");
	json_decref(j);

	j = def_with("{\"name\": \"staff\", \"type\": \"group\", " LABEL ", "
	    "\"fields\": [{\"name\": \"hours\", \"type\": \"hours\", " LABEL
	    "}]}");
	ok(fdef_compile(j, err, sizeof(err)) == NULL, "a block's unknown type "
	    "is refused");
	is_str(err, "pages[0].fields[0] \"staff\".fields[0] \"hours\": \"type\" "
	    "\"hours\" is not a field type", "with its place in the group");
	json_decref(j);

	j = def_with("{\"name\": \"untyped\", " LABEL "}");
	ok(fdef_compile(j, err, sizeof(err)) == NULL &&
	    strstr(err, "\"untyped\": \"type\" (missing)") != NULL,
	    "a field without a type is refused");
	json_decref(j);
}

int
main(void)
{
	test_pins();
	test_resolved();
	test_table_and_checker();
	test_alias_and_unknown();
	return tap_done();
}
