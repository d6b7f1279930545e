/*
 * A dossier's answers: a page's answers taken as posted, the checks of
 * every field type (each problem a language key, by field and by page),
 * and the answers as submitted (only what the answers leave shown).
 *
 * Answers are stored as the user typed them, normalised when valid: a
 * draft keeps even a wrong IBAN, so leaving and coming back loses nothing.
 * A value is checked once per request: the check gives the value to store
 * and its problem together (a verdict), kept on the dossier by field and
 * value, and the checks that follow in the same request (the whole draft
 * when it is saved, the page, the summary, the submission) read the
 * verdict instead of checking the value again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "appointment.h"
#include "cond.h"
#include "db.h"
#include "formdef.h"
#include "valid.h"

#define VERDICT_BUCKETS	64

/* What one value of one field is: to store, and what is wrong with it. */
struct verdict {
	const struct ffield	*f;
	const char		*value;	/* as stored: normalised when valid */
	const char		*err;	/* a language key, or NULL */
	const char		*text;	/* err with its limit said, or NULL */
	struct verdict		*next;
};

struct verdicts {
	struct verdict	*bucket[VERDICT_BUCKETS];
};

/* Values checked by this process, for the tests that count them. */
static unsigned long	values_checked;

const char *const address_parts[5] = { "street", "number", "box",
    "postcode", "locality" };

/* An address's parts, as fields of their own (the box is optional). */
static const struct ffield address_fields[5] = {
	{ .name = "street", .type = FIELD_TEXT, .as = FIELD_TEXT,
	    .answer = ANSWER_TEXT, .lim = { .maxlen = 200 } },
	{ .name = "number", .type = FIELD_TEXT, .as = FIELD_TEXT,
	    .answer = ANSWER_TEXT, .lim = { .maxlen = 10 } },
	{ .name = "box", .type = FIELD_TEXT, .as = FIELD_TEXT,
	    .answer = ANSWER_TEXT, .lim = { .maxlen = 10 } },
	{ .name = "postcode", .type = FIELD_POSTCODE, .as = FIELD_POSTCODE,
	    .answer = ANSWER_TEXT },
	{ .name = "locality", .type = FIELD_TEXT, .as = FIELD_TEXT,
	    .answer = ANSWER_TEXT, .lim = { .maxlen = 200 } },
};

static int
is_option(const struct ffield *f, const char *v)
{
	const json_t	*o;
	size_t		 i;

	json_array_foreach(f->options, i, o)
		if (strcmp(json_string_value(json_object_get(o, "value")), v) == 0)
			return 1;
	return 0;
}

/*
 * What a bound of f is called, for the message of a value beyond it
 * ("err." and it) and for the hint ("form.limit." and it).
 */
const char *
limit_key(const struct ffield *f, const struct bound *b)
{
	int	upper = b == &f->hi;

	if (field_types[f->as].bounds != BOUNDS_DATE)
		return upper ? (b->exclusive ? "less_than" : "at_most") :
		    (b->exclusive ? "more_than" : "at_least");
	if (bound_is_today(b) && !b->exclusive)
		return upper ? "date_future" : "date_past";
	return upper ? (b->exclusive ? "date_before" : "date_max") :
	    (b->exclusive ? "date_after" : "date_min");
}

/* A bound of f on the day of the check, as the request's language says it. */
const char *
limit_words(struct req *r, const struct ffield *f, const struct bound *b,
    char *buf, size_t bufsz)
{
	const struct field_type_info	*t = &field_types[f->as];

	return bound_words(b, lang_codes[r->lang], t->places == 6 ? -1 :
	    t->places, t->unit, buf, bufsz);
}

/*
 * A valid value beyond its field's bounds: the key of the bound passed,
 * *text the message naming it ("Enter at most 20 000,00 €."), in the
 * request's language and on the day of the check.
 */
static const char *
range_problem(struct req *r, const struct ffield *f, const char *norm,
    const char **text)
{
	double			 v, lo, hi;
	const struct bound	*b;
	const char		*key;
	char			 words[64];

	if (f->lo.kind == BOUND_NONE && f->hi.kind == BOUND_NONE)
		return NULL;
	v = field_types[f->as].bounds == BOUNDS_DATE ? bound_date_value(norm) :
	    strtod(norm, NULL);
	if (f->lo.kind != BOUND_NONE && ((lo = bound_value(&f->lo)) > v ||
	    (f->lo.exclusive && lo == v)))
		b = &f->lo;
	else if (f->hi.kind != BOUND_NONE && ((hi = bound_value(&f->hi)) < v ||
	    (f->hi.exclusive && hi == v)))
		b = &f->hi;
	else
		return NULL;
	key = pool_join(r->pool, "err", ".", limit_key(f, b));
	*text = tmpl_with(r->pool, req_tr(r, key), "limit", limit_words(r, f, b,
	    words, sizeof(words)));
	return key;
}

/*
 * What is wrong with one typed value of a field, as a language key, or
 * NULL; *norm is the value to store (normalised when valid), *text the
 * message when it names a limit.
 */
static const char *
value_problem(struct req *r, const struct ffield *f, const char *v,
    const char **norm, const char **text)
{
	enum vtype	 vt = field_types[f->as].vtype;
	size_t		 len = strlen(v);
	const char	*err;
	char		*out;

	*norm = v;
	*text = NULL;
	values_checked++;
	if (f->as == FIELD_YESNO) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return "err.choice";
		return f->must_be_true && strcmp(v, "no") == 0 ?
		    "err.must_be_yes" : NULL;
	}
	if (f->as == FIELD_DECLARATION)
		return strcmp(v, "yes") == 0 ? NULL : "err.choice";
	if (f->as == FIELD_CHOICE)
		return is_option(f, v) ? NULL : "err.choice";
	if (vt == VT__MAX)
		return "err.text";
	if ((out = pool_alloc(r->pool, len + 32)) == NULL ||
	    !valid_field(vt, v, &f->lim, out, len + 32))
		return validators[vt].errkey;
	*norm = out;
	if (vt == VT_POSTCODE && postcode_localities(r, out) == NULL)
		return "err.postcode_unknown";
	if ((err = range_problem(r, f, out, text)) != NULL)
		*norm = v;	/* beyond its bounds: kept as typed */
	return err;
}

static unsigned
verdict_hash(const struct ffield *f, const char *s)
{
	uint32_t	h = 2166136261u ^ (uint32_t)(uintptr_t)f;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % VERDICT_BUCKETS;
}

/*
 * The verdict on a value of f: the one this request gave already to a
 * value stored as s, or a new one.  NULL without memory.
 */
static const struct verdict *
verdict_of(struct req *r, struct dossier *d, const struct ffield *f,
    const char *s)
{
	struct verdict	*v;
	unsigned	 h;

	if (d->checked == NULL &&
	    (d->checked = pool_calloc(r->pool, 1, sizeof(*d->checked))) == NULL)
		return NULL;
	for (v = d->checked->bucket[verdict_hash(f, s)]; v != NULL; v = v->next)
		if (v->f == f && strcmp(v->value, s) == 0)
			return v;
	if ((v = pool_calloc(r->pool, 1, sizeof(*v))) == NULL)
		return NULL;
	v->f = f;
	v->err = value_problem(r, f, s, &v->value, &v->text);
	/* filed under what is stored, where the next check will look */
	h = verdict_hash(f, v->value);
	v->next = d->checked->bucket[h];
	d->checked->bucket[h] = v;
	return v;
}

void
problems_init(struct problems *pr, struct req *r)
{
	pr->by_key = json_pooled(r, json_object());
	pr->text = json_pooled(r, json_object());
	pr->labels = json_pooled(r, json_object());
	pr->by_page = json_pooled(r, json_object());
	pr->revealed = json_pooled(r, json_object());
	pr->count = 0;
}

/* The problem at key, in words; text (NULL: the key's message). */
void
problem_add_text(struct problems *pr, const char *page, const char *key,
    const char *errkey, const char *text)
{
	if (json_object_get(pr->by_key, key) != NULL)
		return;
	json_object_set_new(pr->by_key, key, json_string(errkey));
	if (text != NULL)
		json_object_set_new(pr->text, key, json_string(text));
	json_object_set_new(pr->by_page, page, json_integer(1 +
	    json_integer_value(json_object_get(pr->by_page, page))));
	pr->count++;
}

void
problem_add(struct problems *pr, const char *page, const char *key,
    const char *errkey)
{
	problem_add_text(pr, page, key, errkey, NULL);
}

/* The problem at key, its message naming its limit ("at most 50"). */
void
problem_add_limit(struct req *r, struct problems *pr, const char *page,
    const char *key, const char *errkey, const char *limit)
{
	problem_add_text(pr, page, key, errkey, tmpl_with(r->pool, req_tr(r,
	    errkey), "limit", limit));
}

/* The message of the problem at key in the request's language, or NULL. */
const char *
problem_message(struct req *r, const struct problems *pr, const char *key)
{
	const char	*e, *t;

	/* by_key decides: a problem dropped from it (revealed) keeps no text */
	if ((e = json_string_value(json_object_get(pr->by_key, key))) == NULL)
		return NULL;
	t = json_string_value(json_object_get(pr->text, key));
	return t != NULL ? t : req_tr(r, e);
}

int
answer_is_empty(const json_t *v)
{
	return v == NULL || json_is_null(v) || (json_is_string(v) &&
	    json_string_value(v)[strspn(json_string_value(v), " \t\r\n")] ==
	    '\0') || (json_is_array(v) && json_array_size(v) == 0);
}

static int
is_blank(const char *s)
{
	return s == NULL || s[strspn(s, " ")] == '\0';
}

/* One string of f: its verdict's problem, if any, at key. */
static void
check_value(struct req *r, struct dossier *d, const struct ffield *f,
    const char *page, const char *key, const char *s, struct problems *pr)
{
	const struct verdict	*v = verdict_of(r, d, f, s);

	if (v == NULL)
		problem_add(pr, page, key, "err.text");
	else if (v->err != NULL)
		problem_add_text(pr, page, key, v->err, v->text);
}

static void
check_address(struct req *r, struct dossier *d, const char *page,
    const char *key, const json_t *v, struct problems *pr)
{
	const char	*s, *k;
	size_t		 i;

	for (i = 0; i < nitems(address_parts); i++) {
		s = json_string_value(json_object_get(v, address_parts[i]));
		k = pool_join(r->pool, key, ".", address_parts[i]);
		if (is_blank(s)) {
			if (i != 2)		/* the box is optional */
				problem_add(pr, page, k, "err.required");
			continue;
		}
		check_value(r, d, &address_fields[i], page, k, s, pr);
	}
}

static void check_block(struct req *, struct dossier *,
    const struct fblock *, const char *, const char *, const json_t *,
    struct problems *);

static void
check_blocks(struct req *r, struct dossier *d, const struct ffield *f,
    const char *page, const char *key, const json_t *v, struct problems *pr)
{
	size_t		 i, n = json_array_size(v);
	const json_t	*e;

	if ((f->required && n == 0) || n < f->count_min)
		problem_add(pr, page, key, "err.group_min");
	else if (n > f->count_max)
		problem_add(pr, page, key, "err.group_max");
	json_array_foreach(v, i, e)
		check_block(r, d, &f->block, page, pool_printf(r->pool, "%s.%zu.",
		    key, i), e, pr);
}

static void
check_field(struct req *r, struct dossier *d, const struct ffield *f,
    const char *page, const char *key, const json_t *v,
    const json_t *block, struct problems *pr)
{
	const json_t	*e;
	size_t		 i, n;

	if (f->answer == ANSWER_NONE || !field_visible(f, d->data, block))
		return;
	if (f->answer == ANSWER_FILES) {
		n = json_array_size(json_object_get(d->files, key));
		if (n == 0 && f->required)
			problem_add(pr, page, key, "err.pdf_required");
		else if (n > f->count_max)
			problem_add_limit(r, pr, page, key, "err.pdf_count",
			    pool_printf(r->pool, "%zu", f->count_max));
		return;
	}
	if (f->answer == ANSWER_BLOCKS) {
		check_blocks(r, d, f, page, key, v, pr);
		return;
	}
	/* whether the hold is still live is the submission's to settle */
	if (f->answer == ANSWER_APPOINTMENT) {
		if (answer_is_empty(v) && f->required)
			problem_add(pr, page, key, "appt.field.required");
		else if (!answer_is_empty(v) && !appt_uid_syntax(
		    json_string_value(v)))
			problem_add(pr, page, key, "appt.field.required");
		return;
	}
	if (answer_is_empty(v)) {
		if (f->required)
			problem_add(pr, page, key, f->readonly ?
			    "err.readonly_missing" :
			    f->as == FIELD_DECLARATION ? "err.declaration" :
			    "err.required");
		return;
	}
	if (f->answer == ANSWER_ADDRESS)
		check_address(r, d, page, key, v, pr);
	else if (json_is_array(v)) {		/* boxes ticked */
		json_array_foreach(v, i, e)
			if (!json_is_string(e) || !is_option(f,
			    json_string_value(e))) {
				problem_add(pr, page, key, "err.choice");
				return;
			}
	} else if (!json_is_string(v))
		problem_add(pr, page, key, "err.text");
	else
		check_value(r, d, f, page, key, json_string_value(v), pr);
}

/*
 * The rules of a page or of one block, once its fields are checked, each
 * shown at its field: a rule waits while its field is not shown or has a
 * problem of its own (a date not valid is not compared).
 */
static void
check_rules(struct req *r, struct dossier *d, const struct fblock *b,
    const char *page, const char *prefix, const json_t *block,
    struct problems *pr)
{
	const struct frule	*ru;
	const struct ffield	*f;
	const char		*key;
	size_t			 i;

	for (i = 0; i < b->nrules; i++) {
		ru = &b->rules[i];
		key = pool_join(r->pool, prefix, "", ru->field);
		if ((f = fblock_field(b, ru->field)) == NULL ||
		    !field_visible(f, d->data, block) ||
		    json_object_get(pr->by_key, key) != NULL)
			continue;
		if (cond_eval(ru->check, d->data, block) != 1)
			problem_add_text(pr, page, key, "err.rule",
			    def_text(r, ru->message));
	}
}

/* The fields of a page (prefix "") or of one block of a group. */
static void
check_block(struct req *r, struct dossier *d, const struct fblock *b,
    const char *page, const char *prefix, const json_t *block,
    struct problems *pr)
{
	const struct ffield	*f;

	fblock_foreach(b, f)
		check_field(r, d, f, page, pool_join(r->pool, prefix, "",
		    f->name), json_object_get(block != NULL ? block : d->data,
		    f->name), block, pr);
	if (b->nrules > 0)
		check_rules(r, d, b, page, prefix, block, pr);
}

/* The problems of one page, or of every page shown when page is NULL. */
void
answers_check(struct req *r, struct dossier *d, const struct fpage *page,
    struct problems *pr)
{
	const struct fpage	*p;
	size_t			 i;

	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if ((page != NULL && p != page) || !page_visible(p, d->data))
			continue;
		check_block(r, d, &p->block, p->id, "", NULL, pr);
	}
}

/* A value as posted, checked: what to store, or NULL to forget it. */
static json_t *
posted_value(struct req *r, struct dossier *d, const struct ffield *f,
    const char *key)
{
	const char		*s = req_form(r, key);
	const struct verdict	*v;

	if (s == NULL || !valid_utf8(s, strlen(s)))
		return NULL;
	if (!is_blank(s) && (v = verdict_of(r, d, f, s)) != NULL)
		s = v->value;
	return json_string(s);
}

/* Every value posted under name (the boxes ticked of a checkbox list). */
static json_t *
posted_all(struct req *r, const char *name)
{
	json_t		*a = json_array();
	const struct kv	*kv;

	for (kv = r->form.head; kv != NULL; kv = kv->next)
		if (kv->filename == NULL && strcmp(kv->name, name) == 0 &&
		    kv->value[0] != '\0')
			json_array_append_new(a, json_string(kv->value));
	return a;
}

static json_t *
posted_address(struct req *r, struct dossier *d, const char *key)
{
	json_t	*v = json_object(), *s;
	size_t	 k;

	for (k = 0; k < nitems(address_parts); k++)
		if ((s = posted_value(r, d, &address_fields[k], pool_join(
		    r->pool, key, ".", address_parts[k]))) != NULL)
			json_object_set_new(v, address_parts[k], s);
	return v;
}

/* Where a page's answers are taken: its id, and what was refused. */
struct taking {
	const char	*page;
	struct problems	*pr;
};

static void take_block(struct req *, struct dossier *,
    const struct fblock *, const char *, json_t *, const json_t *,
    const struct taking *);

/* The most blocks a group takes: its "max", within BLOCKS_MAX. */
size_t
blocks_max(const struct ffield *f)
{
	return f->count_max < BLOCKS_MAX ? f->count_max : BLOCKS_MAX;
}

/*
 * A group's blocks as posted, over the blocks stored (hidden parts kept);
 * NULL to keep the stored blocks as they are.  The page says how many
 * blocks it showed: blocks stored beyond them (added in another tab, or
 * shown item by item) keep their answers; without a count (a page that
 * does not show the group's fields) nothing is taken; a count beyond
 * the group's maximum is refused, the stored blocks kept.
 */
static json_t *
posted_blocks(struct req *r, struct dossier *d, const struct ffield *f,
    const char *key, const json_t *old, const struct taking *t)
{
	const char	*c = req_form(r, pool_join(r->pool, key, ".", "_blocks"));
	size_t		 n, i, max = blocks_max(f);
	json_t		*blocks, *b;
	char		*end;

	if (c == NULL)
		return NULL;
	n = (size_t)strtoul(c, &end, 10);
	if (*c < '0' || *c > '9' || *end != '\0' || n > max) {
		if (t->pr != NULL)
			problem_add_limit(r, t->pr, t->page, key,
			    "err.group_over", pool_printf(r->pool, "%zu", max));
		return NULL;
	}
	blocks = json_array();
	for (i = 0; i < n || i < json_array_size(old); i++) {
		b = json_deep_copy(json_array_get(old, i));
		if (b == NULL)
			b = json_object();
		if (i < n)
			take_block(r, d, &f->block, pool_printf(r->pool,
			    "%s.%zu.", key, i), b, json_array_get(old, i), t);
		json_array_append_new(blocks, b);
	}
	return blocks;
}

/*
 * Takes into target the posted answers of the fields shown (as the page
 * was drawn from the stored answers); fields not shown keep their answer.
 */
static void
take_block(struct req *r, struct dossier *d, const struct fblock *b,
    const char *prefix, json_t *target, const json_t *oldblock,
    const struct taking *t)
{
	const struct ffield	*f;
	const char		*key;
	json_t			*v;

	fblock_foreach(b, f) {
		/* a read-only answer is its source's: what is posted is not */
		/* a slot is taken by its own buttons (lib/apptfield.c) */
		if (f->answer == ANSWER_NONE || f->answer == ANSWER_FILES ||
		    f->answer == ANSWER_APPOINTMENT || f->readonly ||
		    !field_visible(f, d->data, oldblock))
			continue;
		key = pool_join(r->pool, prefix, "", f->name);
		switch (f->answer) {
		case ANSWER_BLOCKS:
			v = posted_blocks(r, d, f, key, json_object_get(target,
			    f->name), t);
			if (v == NULL)
				continue;
			break;
		case ANSWER_ADDRESS:
			v = posted_address(r, d, key);
			break;
		case ANSWER_LIST:
			v = posted_all(r, key);
			break;
		default:
			v = posted_value(r, d, f, key);
			break;
		}
		if (v == NULL)
			json_object_del(target, f->name);
		else
			json_object_set_new(target, f->name, v);
	}
}

/*
 * The answers of a page as posted, into the dossier's data: each value
 * checked (its verdict kept for the checks that follow) and stored
 * normalised when valid, as typed otherwise.  What cannot be taken at
 * all (more blocks than a group allows) goes to pr, if given, and leaves
 * the stored answers as they were.
 */
void
answers_take(struct req *r, struct dossier *d, const struct fpage *page,
    struct problems *pr)
{
	struct taking	t = { page->id, pr };

	take_block(r, d, &page->block, "", d->data, NULL, &t);
}

/*
 * The PDF field a posted key names on a page, shown given the answers:
 * "invoice", or "workers.1.payslip" for a block's own (the block must
 * exist); NULL for anything else.  *block is the block, or NULL.
 */
const struct ffield *
answers_file_field(const struct dossier *d, const struct fpage *page,
    const char *key, const json_t **block)
{
	const struct ffield	*g, *f;
	const char		*dot, *rest;
	char			 name[64], *end;
	unsigned long		 i;

	*block = NULL;
	if ((dot = strchr(key, '.')) == NULL) {
		f = fblock_field(&page->block, key);
		return f != NULL && f->answer == ANSWER_FILES &&
		    field_visible(f, d->data, NULL) ? f : NULL;
	}
	if ((size_t)(dot - key) >= sizeof(name) || dot[1] < '0' || dot[1] > '9' ||
	    (dot[1] == '0' && dot[2] != '.'))
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)(dot - key), key);
	i = strtoul(dot + 1, &end, 10);
	if (*end != '.' || (g = fblock_field(&page->block, name)) == NULL ||
	    g->answer != ANSWER_BLOCKS || !field_visible(g, d->data, NULL) ||
	    (*block = json_array_get(json_object_get(d->data, name), i)) == NULL)
		return NULL;
	rest = end + 1;
	f = fblock_field(&g->block, rest);
	return f != NULL && f->answer == ANSWER_FILES &&
	    field_visible(f, d->data, *block) ? f : NULL;
}

/*
 * One block of a group shown item by item, on a page of its own: its
 * answers as posted into the stored block (fields not shown keep theirs).
 */
void
answers_take_item(struct req *r, struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k, struct problems *pr)
{
	struct taking	 t = { page->id, pr };
	json_t		*b = json_array_get(json_object_get(d->data, g->name), k);
	json_t		*old = json_pooled(r, json_deep_copy(b));

	if (b != NULL)
		take_block(r, d, &g->block, pool_printf(r->pool, "%s.%zu.",
		    g->name, k), b, old, &t);
}

/* The problems of one block of a group, keyed as on the page. */
void
answers_check_item(struct req *r, struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k, struct problems *pr)
{
	const json_t	*b = json_array_get(json_object_get(d->data, g->name), k);

	if (b != NULL)
		check_block(r, d, &g->block, page->id, pool_printf(r->pool,
		    "%s.%zu.", g->name, k), b, pr);
}

/*
 * The PDF fields a page asks for given the answers, each with its key in
 * the dossier's files: "invoice", and a block's own "workers.1.payslip"
 * (group is then the group, k the block's index).
 */
void
answers_page_files(struct req *r, const struct dossier *d,
    const struct fpage *page, annex_fn fn, void *arg)
{
	const struct ffield	*f, *g;
	const json_t		*b;
	size_t			 k;

	fblock_foreach(&page->block, f) {
		if (!field_visible(f, d->data, NULL))
			continue;
		if (f->answer == ANSWER_FILES)
			fn(arg, f, f->name, NULL, 0);
		if (f->answer != ANSWER_BLOCKS)
			continue;
		json_array_foreach(json_object_get(d->data, f->name), k, b)
			fblock_foreach(&f->block, g)
				if (g->answer == ANSWER_FILES &&
				    field_visible(g, d->data, b))
					fn(arg, g, pool_printf(r->pool, "%s.%zu.%s",
					    f->name, k, g->name), f, k);
	}
}

/* Only what is asked, given the answers: hidden answers stay behind. */
static json_t *
pruned(const struct fblock *b, const json_t *answers, const json_t *block)
{
	const struct ffield	*f;
	const json_t		*v, *e;
	json_t			*out = json_object(), *blocks;
	size_t			 k;

	fblock_foreach(b, f) {
		v = json_object_get(block != NULL ? block : answers, f->name);
		if (f->answer == ANSWER_NONE || f->answer == ANSWER_FILES ||
		    answer_is_empty(v) || !field_visible(f, answers, block))
			continue;
		if (f->answer != ANSWER_BLOCKS) {
			json_object_set(out, f->name, (json_t *)v);
			continue;
		}
		blocks = json_array();
		json_array_foreach(v, k, e)
			json_array_append_new(blocks, pruned(&f->block, answers, e));
		json_object_set_new(out, f->name, blocks);
	}
	return out;
}

json_t *
answers_submitted(const struct dossier *d)
{
	json_t		*out = json_object(), *answers;
	size_t		 i;

	for (i = 0; i < d->def->npages; i++)
		if (page_visible(&d->def->pages[i], d->data)) {
			answers = pruned(&d->def->pages[i].block, d->data, NULL);
			json_object_update(out, answers);
			json_decref(answers);
		}
	return out;
}

static struct dbq q_save = DBQ(
    "UPDATE dossiers SET data = $2::jsonb, status = $3"
    " WHERE id = $1::bigint AND status IN ('en_cours', 'complet')");

/*
 * Saves a draft's answers as they are, right or wrong, and the status
 * they make: complet when every answer asked is valid, else en_cours.
 */
enum gerr
answers_save(struct req *r, struct dossier *d)
{
	struct problems	 all;
	const char	*p[3];
	char		*text;

	problems_init(&all, r);
	answers_check(r, d, NULL, &all);
	if ((text = json_dumps(d->data, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, free, text);
	p[0] = d->id;
	p[1] = text;
	p[2] = all.count == 0 ? "complet" : "en_cours";
	if (db_query(r->pool, &q_save, 3, p) == NULL)
		return db_last_error();
	d->status = p[2];
	return GERR_OK;
}
