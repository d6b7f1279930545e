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
 * A number's or a date's bound.  Definitions published before bounds had
 * their own parser were checked as numbers only: such a number is taken
 * as it is (0.01 stays 0.01; it was cut to 0 once).
 */
static int
bound_of(struct compile *c, const struct ffield *ff, const char *key,
    int exclusive, struct bound *b)
{
	const json_t	*j = json_object_get(ff->json, key);
	enum bounds	 kind = field_types[ff->as].bounds;
	char		 msg[200], where[240];

	memset(b, 0, sizeof(*b));
	if (j == NULL || (kind != BOUNDS_NUMBER && kind != BOUNDS_DATE))
		return 0;
	if (kind == BOUNDS_NUMBER && json_is_number(j)) {
		b->kind = BOUND_NUMBER;
		b->n = json_number_value(j);
	} else if (bound_parse(j, kind, field_types[ff->as].places, b, msg,
	    sizeof(msg)) == -1) {
		snprintf(where, sizeof(where), "\"%s\" %s", key, msg);
		return fail(c, where);
	}
	b->exclusive = exclusive;
	return 0;
}

/*
 * The limits its validator applies (maxlength), its bounds, and the
 * counts of blocks or files it takes.
 */
static int
limits_of(struct compile *c, struct ffield *ff)
{
	const json_t	*ml = json_object_get(ff->json, "maxlength");
	const json_t	*min = json_object_get(ff->json, "min");
	const json_t	*max = json_object_get(ff->json, "max");
	long long	 cmin, cmax;

	ff->lim.maxlen = json_is_integer(ml) && json_integer_value(ml) > 0 ?
	    (size_t)json_integer_value(ml) : field_types[ff->as].maxlen;
	if (field_types[ff->as].bounds == BOUNDS_COUNT) {
		cmin = bounded(json_is_number(min) ? min : NULL, 0);
		cmax = bounded(json_is_number(max) ? max : NULL,
		    ff->answer == ANSWER_FILES ? 1 : BOUND);
		ff->count_min = cmin > 0 ? (size_t)cmin : 0;
		ff->count_max = cmax > 0 ? (size_t)cmax : 0;
		return 0;
	}
	ff->count_max = BOUND;
	if (bound_of(c, ff, "min", 0, &ff->lo) == -1 ||
	    bound_of(c, ff, "max", 0, &ff->hi) == -1)
		return -1;
	if (ff->lo.kind == BOUND_NONE &&
	    bound_of(c, ff, "exclusive_min", 1, &ff->lo) == -1)
		return -1;
	if (ff->hi.kind == BOUND_NONE &&
	    bound_of(c, ff, "exclusive_max", 1, &ff->hi) == -1)
		return -1;
	return 0;
}

/* A page's or a block's rules across its fields. */
static int
compile_rules(struct compile *c, const json_t *holder, struct fblock *b)
{
	const json_t	*rules = json_object_get(holder, "rules"), *e;
	struct frule	*fr;
	size_t		 i;

	if (!json_is_array(rules) || json_array_size(rules) == 0)
		return 0;
	b->nrules = json_array_size(rules);
	if ((fr = pool_calloc(c->pool, b->nrules, sizeof(*fr))) == NULL)
		return fail(c, "out of memory");
	b->rules = fr;
	json_array_foreach(rules, i, e) {
		fr[i].check = json_string_value(json_object_get(e, "check"));
		fr[i].field = json_string_value(json_object_get(e, "field"));
		fr[i].message = json_object_get(e, "message");
		if (fr[i].check == NULL || fr[i].field == NULL ||
		    fblock_field(b, fr[i].field) == NULL)
			return fail(c, "a rule needs \"check\" and a \"field\" "
			    "of its page or block");
	}
	return 0;
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
	ff->readonly = json_is_true(json_object_get(f, "readonly"));
	ff->must_be_true = json_is_true(json_object_get(f, "must_be_true"));
	if (ff->must_be_true)
		ff->required = 1;
	if (limits_of(c, ff) == -1)
		return -1;
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
	return compile_rules(c, holder, b);
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
	d->program = json_string_value(json_object_get(json, "program"));
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
