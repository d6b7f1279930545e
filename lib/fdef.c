/*
 * A definition compiled once, when a worker loads it: its pages and
 * fields in arrays, each field's type resolved through lib/fieldtype.c
 * with what follows from it (the form of its answer, how a page shows
 * it, its validator's limits), so the walks of a request compare enums
 * and read members instead of looking names up in JSON.
 */
#include <stdio.h>
#include <string.h>

#include "fdef.h"
#include "gerr.h"

struct compile {
	struct pool	*pool;
	char		*err;
	size_t		 errsz;
	char		 where[256];
};

/* The message, after the place it concerns ("pages[1].fields[2] ..."). */
static int
fail(struct compile *c, const char *msg)
{
	snprintf(c->err, c->errsz, "%s%s%s", c->where, *c->where ? ": " : "",
	    msg);
	return -1;
}

static enum field_display
display_of(const json_t *f)
{
	const char	*d = json_string_value(json_object_get(f, "display"));

	if (d != NULL && strcmp(d, "select") == 0)
		return DISPLAY_SELECT;
	if (d != NULL && strcmp(d, "checkboxes") == 0)
		return DISPLAY_CHECKBOXES;
	return DISPLAY_RADIO;
}

#define BOUND	(1LL << 52)	/* beyond, a double is no longer exact */

static long long
bounded(const json_t *n, long long dfl)
{
	double	v;

	if (n == NULL)
		return dfl;
	v = json_number_value(n);
	return v < -BOUND ? -BOUND : v > BOUND ? BOUND : (long long)v;
}

/*
 * The limits its validator applies (maxlength, min and max), and the
 * counts of blocks or files it takes.
 */
static void
limits_of(struct ffield *ff)
{
	const json_t	*ml = json_object_get(ff->json, "maxlength");
	long long	 cmin = bounded(ff->min, 0);
	long long	 cmax = bounded(ff->max, ff->answer == ANSWER_FILES ? 1 :
			    BOUND);

	ff->lim.maxlen = json_is_integer(ml) && json_integer_value(ml) > 0 ?
	    (size_t)json_integer_value(ml) : field_types[ff->as].maxlen;
	ff->count_min = cmin > 0 ? (size_t)cmin : 0;
	ff->count_max = cmax > 0 ? (size_t)cmax : 0;
	if (ff->min == NULL && ff->max == NULL)
		return;
	ff->lim.min = bounded(ff->min, -BOUND);
	ff->lim.max = bounded(ff->max, BOUND);
}

static int compile_block(struct compile *, const json_t *, struct fblock *,
    int);

/* The parts a block's fields send with a page (an address: five). */
static size_t
block_parts(const struct fblock *b)
{
	const struct ffield	*f;
	size_t			 n = 0;

	fblock_foreach(b, f)
		switch (f->answer) {
		case ANSWER_NONE:
			break;
		case ANSWER_ADDRESS:
			n += 5;
			break;
		case ANSWER_LIST:
			n += json_array_size(f->options);
			break;
		default:
			n++;
		}
	return n > 0 ? n : 1;
}

static int
compile_field(struct compile *c, const json_t *f, struct ffield *ff,
    int depth)
{
	char	msg[200];

	ff->json = f;
	if ((ff->name = json_string_value(json_object_get(f, "name"))) == NULL)
		return fail(c, "\"name\" is missing or not a string");
	if (field_type_of(json_object_get(f, "type"), &ff->type, msg,
	    sizeof(msg)) == -1)
		return fail(c, msg);
	ff->options = json_object_get(f, "options");
	ff->as = ff->type == FIELD_CHOICE && ff->options == NULL ?
	    FIELD_POSTCODE : ff->type;
	ff->display = display_of(f);
	ff->answer = field_types[ff->as].answer;
	if (ff->type == FIELD_CHOICE && ff->display == DISPLAY_CHECKBOXES)
		ff->answer = ANSWER_LIST;
	ff->kind = ff->as == FIELD_CHOICE && ff->display == DISPLAY_SELECT ?
	    "select" : field_types[ff->as].kind;
	ff->condition = json_string_value(json_object_get(f, "condition"));
	ff->source = json_string_value(json_object_get(f, "source"));
	ff->required = json_is_true(json_object_get(f, "required"));
	if (json_is_number(json_object_get(f, "min")))
		ff->min = json_object_get(f, "min");
	if (json_is_number(json_object_get(f, "max")))
		ff->max = json_object_get(f, "max");
	limits_of(ff);
	if (ff->answer == ANSWER_FILES && json_object_get(f, "max_size") !=
	    NULL && field_size_parse(json_object_get(f, "max_size"),
	    &ff->size_max) == -1)
		return fail(c, "\"max_size\" is not a size such as \"2m\"");
	if (ff->type != FIELD_GROUP)
		return 0;
	if (depth > 0)
		return fail(c, "a group cannot hold another group");
	if (compile_block(c, f, &ff->block, depth + 1) == -1)
		return -1;
	ff->by_item = (ff->count_max < BLOCKS_MAX ? ff->count_max :
	    BLOCKS_MAX) * block_parts(&ff->block) > GROUP_INLINE_PARTS;
	return 0;
}

/* The fields of a page or of a group, where "fields" lists them. */
static int
compile_block(struct compile *c, const json_t *holder, struct fblock *b,
    int depth)
{
	const json_t	*fields = json_object_get(holder, "fields"), *f;
	struct ffield	*ff;
	char		 saved[256];
	const char	*name;
	size_t		 i;

	if (!json_is_array(fields))
		return fail(c, "\"fields\" must be a list");
	b->n = json_array_size(fields);
	if ((ff = pool_calloc(c->pool, b->n ? b->n : 1, sizeof(*ff))) == NULL)
		return fail(c, "out of memory");
	b->fields = ff;
	strcpy(saved, c->where);
	json_array_foreach(fields, i, f) {
		name = json_string_value(json_object_get(f, "name"));
		snprintf(c->where, sizeof(c->where), "%s.fields[%zu]%s%s%s",
		    saved, i, name ? " \"" : "", name ? name : "",
		    name ? "\"" : "");
		if (compile_field(c, f, &ff[i], depth) == -1)
			return -1;
	}
	strcpy(c->where, saved);
	return 0;
}

static int
compile_pages(struct compile *c, struct fdef *d)
{
	const json_t	*pages = json_object_get(d->json, "pages"), *p;
	struct fpage	*fp;
	size_t		 i;

	if (!json_is_array(pages))
		return fail(c, "\"pages\" must be a list");
	d->npages = json_array_size(pages);
	if ((fp = pool_calloc(c->pool, d->npages ? d->npages : 1,
	    sizeof(*fp))) == NULL)
		return fail(c, "out of memory");
	d->pages = fp;
	json_array_foreach(pages, i, p) {
		snprintf(c->where, sizeof(c->where), "pages[%zu]", i);
		if ((fp[i].id = json_string_value(json_object_get(p, "id"))) ==
		    NULL)
			return fail(c, "\"id\" is missing or not a string");
		fp[i].titles = json_object_get(p, "titles");
		fp[i].condition = json_string_value(json_object_get(p,
		    "condition"));
		if (compile_block(c, p, &fp[i].block, 0) == -1)
			return -1;
	}
	return 0;
}

/*
 * The compiled definition, holding a reference to json; NULL with the
 * first problem and its place in err (a type no table knows, say).
 * lib/procdef.c refuses such a definition at import already: this is
 * for what a database holds.
 */
struct fdef *
fdef_compile(json_t *json, char *err, size_t errsz)
{
	struct compile	 c = { NULL, err, errsz, "" };
	struct fdef	*d;

	if ((c.pool = pool_new(8192)) == NULL ||
	    (d = pool_calloc(c.pool, 1, sizeof(*d))) == NULL) {
		pool_free(c.pool);
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	d->pool = c.pool;
	d->json = json_incref(json);
	d->code = json_string_value(json_object_get(json, "code"));
	d->assurance = json_string_value(json_object_get(json, "assurance"));
	d->titles = json_object_get(json, "titles");
	if (compile_pages(&c, d) == -1) {
		fdef_free(d);
		return NULL;
	}
	return d;
}

void
fdef_free(struct fdef *d)
{
	if (d == NULL)
		return;
	json_decref(d->json);
	pool_free(d->pool);	/* d itself is in it */
}

/* The field of a page or block named name, or NULL. */
const struct ffield *
fblock_field(const struct fblock *b, const char *name)
{
	const struct ffield	*f;

	fblock_foreach(b, f)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
