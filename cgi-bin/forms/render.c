/*
 * What a form page's templates read: the fields of a page with their
 * values, errors and sources, ready-made attributes, and the steps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "forms.h"
#include "upload.h"

static void
put_number(struct req *r, HDF *h, const char *name, const json_t *n)
{
	if (json_is_number(n))
		node_put(h, name, pool_printf(r->pool, "%g", json_number_value(n)));
}

static int
has_value(const json_t *v, const char *opt)
{
	const json_t	*e;
	size_t		 i;

	if (json_is_string(v))
		return strcmp(json_string_value(v), opt) == 0;
	json_array_foreach(v, i, e)
		if (json_is_string(e) && strcmp(json_string_value(e), opt) == 0)
			return 1;
	return 0;
}

static void
options_hdf(struct req *r, const struct ffield *f, HDF *h, const json_t *v)
{
	const json_t	*o;
	const char	*ov;
	HDF		*opts = node_child(h, "options"), *oh;
	size_t		 i;

	json_array_foreach(f->options, i, o) {
		oh = node_child_n(opts, i);
		ov = json_string_value(json_object_get(o, "value"));
		node_put(oh, "value", ov);
		node_put(oh, "label", def_text(r, json_object_get(o, "label")));
		if (has_value(v, ov))
			node_put(oh, "checked", "1");
	}
}

/* The problem with the answer at key, in words, under h; NULL if none. */
static const char *
error_hdf(struct req *r, HDF *h, const char *key, const struct problems *pr)
{
	const char	*e = json_string_value(json_object_get(pr->by_key, key));

	if (e == NULL)
		return NULL;
	node_put(h, "error", e = problem_text(r, e));
	return e;
}

static void
address_hdf(struct req *r, HDF *h, const char *key, const json_t *v,
    const struct problems *pr)
{
	HDF		*parts = node_child(h, "parts"), *ph;
	const char	*pk, *label;
	size_t		 i;

	for (i = 0; i < nitems(address_parts); i++) {
		ph = node_child(parts, address_parts[i]);
		pk = pool_join(r->pool, key, ".", address_parts[i]);
		node_put(ph, "key", pk);
		label = req_tr(r, pool_printf(r->pool, "form.address.%s",
		    address_parts[i]));
		node_put(ph, "label", strcmp(address_parts[i], "box") == 0 ?
		    pool_join(r->pool, label, " ", req_tr(r, "form.optional")) :
		    label);
		node_put(ph, "value", json_string_value(json_object_get(v,
		    address_parts[i])));
		if (strcmp(address_parts[i], "postcode") == 0)
			node_put(ph, "postcode", "1");
		(void)error_hdf(r, ph, pk, pr);
	}
}

static void fields_hdf(struct req *, const struct dossier *,
    const struct fblock *, HDF *, const char *, const json_t *,
    const struct problems *);

/* A block in a few words, for a group's list: its first two answers. */
static const char *
block_words(struct req *r, const struct ffield *g, const json_t *b)
{
	const struct ffield	*f;
	const char		*s;
	struct buf		 w;
	int			 n = 0;

	buf_init(&w, r->pool);
	fblock_foreach(&g->block, f) {
		if (f->answer != ANSWER_TEXT || f->as == FIELD_CHOICE ||
		    f->as == FIELD_YESNO ||
		    (s = json_string_value(json_object_get(b, f->name))) == NULL ||
		    *s == '\0')
			continue;
		buf_printf(&w, "%s%s", n ? " " : "", s);
		if (++n == 2)
			break;
	}
	return w.len > 0 ? buf_cstr(&w) : NULL;
}

/* Whether a problem concerns a key under prefix ("volunteers.3."). */
static int
problems_under(const struct problems *pr, const char *prefix)
{
	const char	*key;
	json_t		*v;
	size_t		 n = strlen(prefix);

	json_object_foreach(pr->by_key, key, v)
		if (strncmp(key, prefix, n) == 0)
			return 1;
	return 0;
}

static void
group_hdf(struct req *r, const struct dossier *d, const struct ffield *f,
    HDF *h, const char *key, const json_t *v, const struct problems *pr)
{
	const json_t	*b;
	HDF		*blocks = node_child(h, "blocks"), *bh;
	size_t		 i, n = json_array_size(v);
	const char	*prefix;

	if (f->by_item)
		node_put(h, "by_item", "1");
	json_array_foreach(v, i, b) {
		bh = node_child_n(blocks, i);
		node_put(bh, "number", pool_printf(r->pool, "%zu", i + 1));
		node_put(bh, "index", pool_printf(r->pool, "%zu", i));
		prefix = pool_printf(r->pool, "%s.%zu.", key, i);
		if (!f->by_item) {
			fields_hdf(r, d, &f->block, node_child(bh, "fields"),
			    prefix, b, pr);
			continue;
		}
		node_put(bh, "words", block_words(r, f, b));
		if (problems_under(pr, prefix))
			node_put(bh, "incomplete", "1");
	}
	node_put(h, "count", pool_printf(r->pool, "%zu", n));
	if (n < blocks_max(f))
		node_put(h, "can_add", "1");
}

/*
 * The hint under a label: the field's help, then, for a number, its
 * limits in words ("Between 1 and 5 €.").
 */
static const char *
hint_text(struct req *r, const struct ffield *f)
{
	const struct field_type_info	*t = &field_types[f->as];
	const json_t			*help = json_object_get(f->json, "help");
	const char			*h = help ? def_text(r, help) : "";
	const char			*range;

	if ((f->min == NULL && f->max == NULL) || !(t->flags & FT_NUMBER))
		return *h != '\0' ? h : NULL;
	if (f->min != NULL && f->max != NULL)
		range = pool_printf(r->pool, "%s %g %s %g",
		    req_tr(r, "form.between"), json_number_value(f->min),
		    req_tr(r, "form.and"), json_number_value(f->max));
	else if (f->max != NULL)
		range = pool_printf(r->pool, "%s %g", req_tr(r, "form.at_most"),
		    json_number_value(f->max));
	else
		range = pool_printf(r->pool, "%s %g",
		    req_tr(r, "form.at_least"), json_number_value(f->min));
	return pool_printf(r->pool, "%s%s%s%s.", h, *h ? " " : "",
	    range, t->unit != NULL ? t->unit : "");
}

/*
 * A box's type, its keyboard and what the browser may fill, from the
 * type's table: the templates copy ready-made attributes rather than
 * compare the type at every attribute (that was most of a form page's
 * rendering).
 */
static void
input_hdf(struct req *r, const struct ffield *f, HDF *h)
{
	const struct field_type_info	*t = &field_types[f->as];

	node_put(h, "input_type", t->input_type);
	node_put(h, "inputmode", t->inputmode);
	node_put(h, "autocomplete", t->autocomplete);
	if (t->input_max != NULL)
		node_put(h, "maxlength", t->input_max);
	else
		put_number(r, h, "maxlength", json_object_get(f->json,
		    "maxlength"));
}

/*
 * A PDF field's limits in words ("PDF files only, at most 2 MB each. Up
 * to 3 files."): its own, within the platform's.
 */
void
file_limits_hdf(struct req *r, const struct ffield *f, HDF *h)
{
	size_t		 platform = conf_size("forms.pdf_max");
	size_t		 max = f->size_max > 0 && f->size_max < platform ?
			    f->size_max : platform;
	const char	*w = problem_text(r, pool_join(r->pool,
			    "form.file_limits|", "", upload_size_words(r, max)));

	if (f->count_max > 1) {
		w = pool_join(r->pool, w, " ", problem_text(r, pool_printf(
		    r->pool, "form.file_count|%zu", f->count_max)));
		node_put(h, "multiple", "1");
	}
	node_put(h, "limits", w);
}

/* What aria-describedby names: the hint, the source, the error. */
static void
described_hdf(struct req *r, const struct dossier *d, const struct ffield *f,
    HDF *h, const char *key, const json_t *v, const struct problems *pr)
{
	const char	*hint, *from;
	const json_t	*s;
	struct buf	 by;

	buf_init(&by, r->pool);
	if ((hint = hint_text(r, f)) != NULL) {
		node_put(h, "hint", hint);
		buf_printf(&by, "%s-hint", key);
	}
	s = json_object_get(d->sources, key);
	if (s != NULL && v != NULL && json_equal(json_object_get(s, "value"),
	    (json_t *)v) &&
	    (from = json_string_value(json_object_get(s, "from"))) != NULL) {
		node_put(h, "source", req_tr(r, pool_printf(r->pool,
		    "form.source.%s", from)));
		buf_printf(&by, "%s%s-source", by.len ? " " : "", key);
	}
	if (error_hdf(r, h, key, pr) != NULL)
		buf_printf(&by, "%s%s-error", by.len ? " " : "", key);
	if (by.len)
		node_put(h, "describedby", buf_cstr(&by));
}

/* What the answer is drawn with, by the form of the answer. */
static void
answer_hdf(struct req *r, const struct dossier *d, const struct ffield *f,
    HDF *h, const char *key, const json_t *v, const struct problems *pr)
{
	const char	*loc;

	switch (f->answer) {
	case ANSWER_ADDRESS:
		address_hdf(r, h, key, v, pr);
		return;
	case ANSWER_FILES:
		files_hdf(r, d, h, key);
		file_limits_hdf(r, f, h);
		if (json_array_size(json_object_get(d->files, key)) <
		    f->count_max)
			node_put(h, "can_attach", "1");
		return;
	case ANSWER_BLOCKS:
		group_hdf(r, d, f, h, key, v, pr);
		return;
	default:
		break;
	}
	if (f->as == FIELD_CHOICE) {
		if (f->display != DISPLAY_SELECT)
			node_put(h, "input_type", f->display ==
			    DISPLAY_CHECKBOXES ? "checkbox" : "radio");
		options_hdf(r, f, h, v);
		return;
	}
	if (field_types[f->as].flags & FT_TYPED)
		input_hdf(r, f, h);
	if (json_is_string(v))
		node_put(h, "value", json_string_value(v));
	if (f->as == FIELD_POSTCODE && json_is_string(v) &&
	    (loc = postcode_localities(r, json_string_value(v))) != NULL)
		node_put(h, "localities", loc);
}

static void
field_hdf(struct req *r, const struct dossier *d, const struct ffield *f,
    HDF *h, const char *key, const json_t *v, const struct problems *pr)
{
	const char	*label;

	node_put(h, "kind", f->kind);
	node_put(h, "key", key);
	if (f->answer == ANSWER_NONE) {
		node_put(h, "text", def_text(r, json_object_get(f->json,
		    "text")));
		return;
	}
	label = def_text(r, json_object_get(f->json, "label"));
	if (!f->required && f->answer != ANSWER_BLOCKS)
		label = pool_join(r->pool, label, " ",
		    req_tr(r, "form.optional"));
	node_put(h, "label", label);
	described_hdf(r, d, f, h, key, v, pr);
	answer_hdf(r, d, f, h, key, v, pr);
}

/* The fields shown of a page or of a block, as N below list. */
static void
fields_hdf(struct req *r, const struct dossier *d, const struct fblock *b,
    HDF *list, const char *keyprefix, const json_t *block,
    const struct problems *pr)
{
	const struct ffield	*f;
	size_t			 n = 0;

	fblock_foreach(b, f) {
		if (!field_visible(f, d->data, block))
			continue;
		field_hdf(r, d, f, node_child_n(list, n++),
		    *keyprefix != '\0' ? pool_join(r->pool,
		    keyprefix, "", f->name) : f->name,
		    json_object_get(block != NULL ? block : d->data, f->name), pr);
	}
}

/*
 * The group shown item by item that a block's key ("volunteers.3.surname")
 * falls under, with the block's index; NULL for any other key.
 */
static const struct ffield *
item_of(const struct fblock *fb, const char *key, size_t *k)
{
	const struct ffield	*g;
	const char		*dot = strchr(key, '.');
	char			 name[64], *end;

	if (fb == NULL || dot == NULL || (size_t)(dot - key) >= sizeof(name))
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)(dot - key), key);
	if ((g = fblock_field(fb, name)) == NULL || !g->by_item)
		return NULL;
	*k = strtoul(dot + 1, &end, 10);
	return *end == '.' ? g : NULL;
}

/*
 * The list at the top of the page: one line per problem, linked to its
 * field; a block of a group filled item by item, whose fields are on its
 * own page, gets one line linked to its place in the list.
 */
static void
errors_hdf(struct req *r, const struct fblock *fb, const struct problems *pr)
{
	const struct ffield	*g;
	const char		*key, *at, *msg;
	json_t			*e, *told = json_pooled(r, json_object());
	size_t			 k;
	int			 n = 0;

	json_object_foreach(pr->by_key, key, e) {
		at = key;
		msg = problem_text(r, json_string_value(e));
		if ((g = item_of(fb, key, &k)) != NULL) {
			at = pool_printf(r->pool, "%s-%zu", g->name, k);
			if (json_object_get(told, at) != NULL)
				continue;
			json_object_set_new(told, at, json_true());
			msg = pool_printf(r->pool, "%s %zu: %s", def_text(r,
			    json_object_get(g->json, "label")), k + 1,
			    req_tr(r, "form.item_incomplete"));
		}
		hdf_put(r, pool_printf(r->pool, "Errors.list.%d", n), "field", at);
		hdf_put(r, pool_printf(r->pool, "Errors.list.%d", n++), "message",
		    msg);
	}
	tmpl_setf(r->hdf, "Errors.count", "%d", n);
}

void
page_hdf(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct problems *pr)
{
	const struct ffield	*f;
	struct buf		 shown;

	fields_hdf(r, d, &page->block, tmpl_node(r->hdf, "Fields"), "", NULL,
	    pr);
	errors_hdf(r, &page->block, pr);
	buf_init(&shown, r->pool);
	fblock_foreach(&page->block, f)
		if (field_visible(f, d->data, NULL))
			buf_printf(&shown, "%s%s", shown.len ? " " : "", f->name);
	hdf_put(r, "Page", "shown", buf_cstr(&shown));
	hdf_put(r, "Page", "id", page->id);
	hdf_put(r, "Page", "title", def_text(r, page->titles));
	if (json_object_size(pr->revealed) > 0)
		hdf_put(r, "Page", "revealed", "1");
	if (json_object_get(d->sources, "_unavailable") != NULL)
		hdf_put(r, "Page", "prefill_failed", "1");
}

/* One block of a group filled item by item, on its own page. */
void
item_hdf(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k, const struct problems *pr)
{
	const json_t	*blocks = json_object_get(d->data, g->name);
	const char	*label = def_text(r, json_object_get(g->json, "label"));

	fields_hdf(r, d, &g->block, tmpl_node(r->hdf, "Fields"),
	    pool_printf(r->pool, "%s.%zu.", g->name, k),
	    json_array_get(blocks, k), pr);
	errors_hdf(r, NULL, pr);
	hdf_put(r, "Page", "id", page->id);
	hdf_put(r, "Page", "title", def_text(r, page->titles));
	hdf_put(r, "Item", "title", pool_printf(r->pool, "%s %zu", label,
	    k + 1));
	hdf_put(r, "Item", "group", g->name);
	hdf_put(r, "Item", "index", pool_printf(r->pool, "%zu", k));
	hdf_put(r, "Item", "count", pool_printf(r->pool, "%zu",
	    json_array_size(blocks)));
	hdf_put(r, "Item", "max", pool_printf(r->pool, "%zu", blocks_max(g)));
	if (json_array_size(blocks) < blocks_max(g))
		hdf_put(r, "Item", "can_add", "1");
	if (json_object_size(pr->revealed) > 0)
		hdf_put(r, "Page", "revealed", "1");
}

/* "Step 2 of 5": the pages shown given the answers, then the summary. */
void
progress_hdf(struct req *r, const struct dossier *d, const struct fpage *page)
{
	const struct fpage	*p;
	const char		*sp;
	size_t			 i, n = 0, current = 0;

	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if (!page_visible(p, d->data))
			continue;
		sp = pool_printf(r->pool, "Steps.%zu", n++);
		hdf_put(r, sp, "id", p->id);
		hdf_put(r, sp, "title", def_text(r, p->titles));
		if (p == page) {
			hdf_put(r, sp, "current", "1");
			current = n;
		}
	}
	tmpl_setf(r->hdf, "Progress.step", "%zu", page ? current : n + 1);
	tmpl_setf(r->hdf, "Progress.total", "%zu", n + 1);
}
