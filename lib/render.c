/*
 * What a form page's templates read (templates/forms/fields.cs): the
 * fields of a page with their values, errors and sources, ready-made
 * attributes, and the steps; for the form engine and for a procedure's
 * own program, which draw a definition's pages alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apptfield.h"
#include "conf.h"
#include "formdef.h"
#include "render.h"
#include "summary.h"
#include "upload.h"
#include "when.h"

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
	const char	*e = problem_message(r, pr, key);

	node_put(h, "error", e);
	return e;
}

/*
 * What the error summary calls the answer at key: its label, after its
 * holder's ("Adresse — Rue", holder "addr").  Only for a page with
 * problems, and only what the summary may name: the answers with a
 * problem and the holders of others (an address, a group, a block).
 */
static void
label_note(struct req *r, const struct problems *pr, const char *key,
    const char *holder, const char *label, int holds)
{
	const char	*h;

	if (json_object_size(pr->by_key) == 0 || (!holds &&
	    json_object_get(pr->by_key, key) == NULL))
		return;
	if (holder != NULL && (h = json_string_value(json_object_get(
	    pr->labels, holder))) != NULL)
		label = pool_printf(r->pool, "%s%s%s", h, holds ? " " : " — ",
		    label);
	json_object_set_new(pr->labels, key, json_string(label));
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
		label_note(r, pr, pk, key, label, 0);
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
		if (json_object_size(pr->by_key) > 0)	/* "Frais 2" */
			label_note(r, pr, pool_printf(r->pool, "%s.%zu", key,
			    i), key, pool_printf(r->pool, "%zu", i + 1), 1);
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

/* One limit of f in words for its hint: "at most 20 000,00 €". */
static const char *
limit_hint(struct req *r, const struct ffield *f, const struct bound *b)
{
	char	words[64];

	return tmpl_with(r->pool, req_tr(r, pool_join(r->pool, "form.limit",
	    ".", limit_key(f, b))), "limit", limit_words(r, f, b, words,
	    sizeof(words)));
}

/*
 * The hint under a label: the field's help, then its limits in words,
 * as on the day the page is drawn ("Between 1,00 € and 20 000,00 €.",
 * "Not in the future.").
 */
static const char *
hint_text(struct req *r, const struct ffield *f)
{
	const json_t	*help = json_object_get(f->json, "help");
	const char	*h = help ? def_text(r, help) : "";
	const char	*lo = NULL, *hi = NULL, *range;
	char		 w1[64], w2[64];

	if (field_types[f->as].words == WORDS_DATE)
		h = pool_printf(r->pool, "%s%s%s", h, *h ? " " : "",
		    req_tr(r, "form.date_format"));
	if (f->lo.kind == BOUND_NONE && f->hi.kind == BOUND_NONE)
		return *h != '\0' ? h : NULL;
	if (f->lo.kind != BOUND_NONE && f->hi.kind != BOUND_NONE &&
	    !f->lo.exclusive && !f->hi.exclusive && !bound_is_today(&f->lo) &&
	    !bound_is_today(&f->hi))
		range = pool_printf(r->pool, "%s %s %s %s",
		    req_tr(r, "form.between"), limit_words(r, f, &f->lo, w1,
		    sizeof(w1)), req_tr(r, "form.and"), limit_words(r, f,
		    &f->hi, w2, sizeof(w2)));
	else {
		if (f->lo.kind != BOUND_NONE)
			lo = limit_hint(r, f, &f->lo);
		if (f->hi.kind != BOUND_NONE)
			hi = limit_hint(r, f, &f->hi);
		if (lo != NULL && hi != NULL) {
			/* "At least 1, not in the future": lower case */
			hi = pool_strdup(r->pool, hi);
			if (*hi >= 'A' && *hi <= 'Z')
				*(char *)hi += 'a' - 'A';
			range = pool_printf(r->pool, "%s, %s", lo, hi);
		} else
			range = lo != NULL ? lo : hi;
	}
	return pool_printf(r->pool, "%s%s%s.", h, *h ? " " : "", range);
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
	const char	*w = tmpl_with(r->pool, req_tr(r, "form.file_limits"),
			    "limit", upload_size_words(r, max));

	if (f->count_max > 1) {
		w = pool_join(r->pool, w, " ", tmpl_with(r->pool, req_tr(r,
		    "form.file_count"), "limit", pool_printf(r->pool, "%zu",
		    f->count_max)));
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
		    f->readonly ? "form.readonly_source.%s" :
		    "form.source.%s", from)));
		buf_printf(&by, "%s%s-source", by.len ? " " : "", key);
	} else if ((v == NULL || answer_is_empty(v)) && (from =
	    json_string_value(json_object_get(json_object_get(d->sources,
	    "_missing"), key))) != NULL) {
		/* the register answered, without it: say so, not "read from" */
		node_put(h, "source", req_tr(r, pool_printf(r->pool,
		    "form.source_missing.%s", from)));
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
	case ANSWER_APPOINTMENT:
		/* an office gone since the import: the page says the field is unavailable */
		if (apptfield_hdf(r, d, f, h, v) != GERR_OK)
			node_put(h, "unavailable", "1");
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
	/* a day stored as ISO is shown as the hint asks: 15/11/2026 */
	if (json_is_string(v))
		node_put(h, "value", field_types[f->as].words == WORDS_DATE ?
		    when_text(r->pool, json_string_value(v), WHEN_DAY) :
		    json_string_value(v));
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
	label_note(r, pr, key, NULL, label, f->answer == ANSWER_ADDRESS ||
	    f->answer == ANSWER_BLOCKS);
	if (f->readonly) {
		/* shown, not asked: no name, so nothing of it is posted */
		node_put(h, "kind", "readonly");
		node_put(h, "label", label);
		described_hdf(r, d, f, h, key, v, pr);
		if (!answer_is_empty(v))
			node_put(h, "value", answer_words(r, f, v, d, key));
		return;
	}
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
 * What the error summary calls the answer at key: its label, after its
 * block's in a group ("Employee 2 — Hours"); NULL if the page drew none.
 */
static const char *
error_label(struct req *r, const struct problems *pr, const char *key)
{
	const char	*l, *p, *bl;
	size_t		 n;

	l = json_string_value(json_object_get(pr->labels, key));
	for (p = strchr(key, '.'); p != NULL && l != NULL;
	    p = strchr(p + 1, '.')) {
		n = strspn(p + 1, "0123456789");
		if (n == 0 || p[1 + n] != '.')
			continue;
		bl = json_string_value(json_object_get(pr->labels, pool_printf(
		    r->pool, "%.*s", (int)(p + 1 + n - key), key)));
		if (bl != NULL)
			return pool_printf(r->pool, "%s — %s", bl, l);
	}
	return l;
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
 * The error summary: each problem after the name of its field; the
 * problems of a block of a group filled item by item, whose fields are on
 * its own page, make one line linked to its place in the list.
 */
static void
errors_hdf(struct req *r, const struct fblock *fb, const struct problems *pr)
{
	const struct ffield	*g;
	const char		*key, *msg, *label, *at;
	json_t			*e, *told = NULL;
	size_t			 k;
	int			 n = 0;

	json_object_foreach(pr->by_key, key, e) {
		at = key;
		msg = problem_message(r, pr, key);
		label = error_label(r, pr, key);
		if ((g = item_of(fb, key, &k)) != NULL) {
			at = pool_printf(r->pool, "%s-%zu", g->name, k);
			if (told == NULL)
				told = json_pooled(r, json_object());
			if (json_object_get(told, at) != NULL)
				continue;
			json_object_set_new(told, at, json_true());
			label = pool_printf(r->pool, "%s %zu", def_text(r,
			    json_object_get(g->json, "label")), k + 1);
			msg = req_tr(r, "form.item_incomplete");
		}
		/* the message last: a definition's text may hold "{label}" */
		if (label != NULL)
			msg = tmpl_with(r->pool, tmpl_with(r->pool, req_tr(r,
			    "form.error_field"), "label", label), "message",
			    msg);
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

	/* the error summary says "Volunteers 4 — Surname" */
	label_note(r, pr, pool_printf(r->pool, "%s.%zu", g->name, k), NULL,
	    pool_printf(r->pool, "%s %zu", label, k + 1), 1);
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

/*
 * A page of questions answered with the given status: the dossier, the
 * steps, the page drawn, the anti-forgery token, through tmpl (the form
 * engine's page, or a procedure program's own).
 */
enum gerr
page_render(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct problems *pr, int status, const char *tmpl)
{
	dossier_hdf(r, d);
	progress_hdf(r, d, page);
	page_hdf(r, d, page, pr);
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return resp_render(r, status, tmpl);
}
