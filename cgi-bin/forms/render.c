/*
 * What a form page's templates read: the fields of a page with their
 * values, errors and sources, ready-made attributes, and the steps.
 */
#include <string.h>

#include "forms.h"

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
options_hdf(struct req *r, const json_t *f, HDF *h, const json_t *v)
{
	const json_t	*o;
	const char	*ov;
	HDF		*opts = node_child(h, "options"), *oh;
	size_t		 i;

	json_array_foreach(json_object_get(f, "options"), i, o) {
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
	node_put(h, "error", e = req_tr(r, e));
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

static void fields_hdf(struct req *, const struct dossier *, const json_t *,
    HDF *, const char *, const json_t *, const struct problems *);

static void
group_hdf(struct req *r, const struct dossier *d, const json_t *f, HDF *h,
    const char *key, const json_t *v, const struct problems *pr)
{
	const json_t	*max = json_object_get(f, "max"), *b;
	HDF		*blocks = node_child(h, "blocks"), *bh;
	size_t		 i, n = json_array_size(v);

	json_array_foreach(v, i, b) {
		bh = node_child_n(blocks, i);
		node_put(bh, "number", pool_printf(r->pool, "%zu", i + 1));
		node_put(bh, "index", pool_printf(r->pool, "%zu", i));
		fields_hdf(r, d, f, node_child(bh, "fields"),
		    pool_printf(r->pool, "%s.%zu.", key, i), b, pr);
	}
	node_put(h, "count", pool_printf(r->pool, "%zu", n));
	if (max == NULL || n < (size_t)json_number_value(max))
		node_put(h, "can_add", "1");
}

/*
 * The hint under a label: the field's help, then its limits in words
 * ("Between 1 and 5 €."), for the kinds that type a number or a length.
 */
static const char *
hint_text(struct req *r, const json_t *f, const char *t)
{
	const json_t	*min = json_object_get(f, "min");
	const json_t	*max = json_object_get(f, "max");
	const char	*help = json_object_get(f, "help") ?
			    def_text(r, json_object_get(f, "help")) : "";
	const char	*range;

	if ((min == NULL && max == NULL) || strcmp(t, "pdf") == 0 ||
	    strcmp(t, "group") == 0)
		return *help != '\0' ? help : NULL;
	if (min != NULL && max != NULL)
		range = pool_printf(r->pool, "%s %g %s %g",
		    req_tr(r, "form.between"), json_number_value(min),
		    req_tr(r, "form.and"), json_number_value(max));
	else if (max != NULL)
		range = pool_printf(r->pool, "%s %g", req_tr(r, "form.at_most"),
		    json_number_value(max));
	else
		range = pool_printf(r->pool, "%s %g",
		    req_tr(r, "form.at_least"), json_number_value(min));
	return pool_printf(r->pool, "%s%s%s%s.", help, *help ? " " : "",
	    range, strcmp(t, "money") == 0 ? " €" : "");
}

/*
 * How a type shows: the templates test one "kind" and copy ready-made
 * attributes, rather than comparing the type at every attribute (that
 * was most of a form page's rendering).
 */
static const char *
field_kind(const json_t *f, const char *t)
{
	static const char *const own[] = { "section", "notice", "longtext",
	    "address", "pdf", "group", "yesno" };
	const char	*display;
	size_t		 i;

	for (i = 0; i < nitems(own); i++)
		if (strcmp(t, own[i]) == 0)
			return own[i];
	if (strcmp(t, "choice") == 0) {
		display = json_string_value(json_object_get(f, "display"));
		return display != NULL && strcmp(display, "select") == 0 ?
		    "select" : "choices";
	}
	return "text";
}

/* A one-line input's type, its keyboard and what the browser may fill. */
static void
input_hdf(struct req *r, const json_t *f, HDF *h, const char *t)
{
	const char	*mode = NULL, *complete = NULL, *type = "text";

	if (strcmp(t, "integer") == 0)
		mode = "numeric";
	else if (strcmp(t, "decimal") == 0 || strcmp(t, "money") == 0)
		mode = "decimal";
	else if (strcmp(t, "postcode") == 0) {
		mode = "numeric";
		complete = "postal-code";
	} else if (strcmp(t, "email") == 0)
		type = complete = "email";
	else if (strcmp(t, "phone") == 0) {
		type = "tel";
		complete = "tel";
	}
	node_put(h, "input_type", type);
	node_put(h, "inputmode", mode);
	node_put(h, "autocomplete", complete);
	if (strcmp(t, "postcode") == 0)
		node_put(h, "maxlength", "4");
	else
		put_number(r, h, "maxlength", json_object_get(f, "maxlength"));
}

static void
field_hdf(struct req *r, const struct dossier *d, const json_t *f, HDF *h,
    const char *key, const json_t *v, const struct problems *pr)
{
	const char	*t = field_type(f), *kind, *loc, *label, *hint;
	const char	*from;
	const json_t	*s, *max;
	struct buf	 by;

	if (strcmp(t, "choice") == 0 && json_object_get(f, "options") == NULL)
		t = "postcode";
	kind = field_kind(f, t);
	node_put(h, "kind", kind);
	node_put(h, "key", key);
	if (strcmp(kind, "section") == 0 || strcmp(kind, "notice") == 0) {
		node_put(h, "text", def_text(r, json_object_get(f, "text")));
		return;
	}
	label = def_text(r, json_object_get(f, "label"));
	if (!json_is_true(json_object_get(f, "required")) &&
	    strcmp(kind, "group") != 0)
		label = pool_join(r->pool, label, " ",
		    req_tr(r, "form.optional"));
	node_put(h, "label", label);

	/* what aria-describedby names: the hint, the source, the error */
	buf_init(&by, r->pool);
	if ((hint = hint_text(r, f, t)) != NULL) {
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

	if (strcmp(kind, "text") == 0 || strcmp(kind, "longtext") == 0)
		input_hdf(r, f, h, t);
	if (strcmp(kind, "choices") == 0) {
		const char *display = json_string_value(json_object_get(f,
		    "display"));

		node_put(h, "input_type", display != NULL &&
		    strcmp(display, "checkboxes") == 0 ? "checkbox" : "radio");
	}
	if (strcmp(kind, "select") == 0 || strcmp(kind, "choices") == 0)
		options_hdf(r, f, h, v);
	else if (strcmp(kind, "address") == 0)
		address_hdf(r, h, key, v, pr);
	else if (strcmp(kind, "pdf") == 0) {
		files_hdf(r, d, h, key);
		max = json_object_get(f, "max");
		if (max != NULL && json_number_value(max) > 1)
			node_put(h, "multiple", "1");
	} else if (strcmp(kind, "group") == 0)
		group_hdf(r, d, f, h, key, v, pr);
	else if (json_is_string(v))
		node_put(h, "value", json_string_value(v));
	if (strcmp(t, "postcode") == 0 && json_is_string(v) &&
	    (loc = postcode_localities(r, json_string_value(v))) != NULL)
		node_put(h, "localities", loc);
}

/* The fields shown of a page or of a block, as N below list. */
static void
fields_hdf(struct req *r, const struct dossier *d, const json_t *holder,
    HDF *list, const char *keyprefix, const json_t *block,
    const struct problems *pr)
{
	const json_t	*f;
	const char	*name;
	size_t		 i, n = 0;

	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		if (!field_visible(f, d->data, block))
			continue;
		name = json_string_value(json_object_get(f, "name"));
		field_hdf(r, d, f, node_child_n(list, n++),
		    *keyprefix != '\0' ? pool_join(r->pool,
		    keyprefix, "", name) : name,
		    json_object_get(block != NULL ? block : d->data, name), pr);
	}
}

static void
errors_hdf(struct req *r, const struct problems *pr)
{
	const char	*key;
	json_t		*e;
	int		 n = 0;

	json_object_foreach(pr->by_key, key, e) {
		hdf_put(r, pool_printf(r->pool, "Errors.list.%d", n), "field", key);
		hdf_put(r, pool_printf(r->pool, "Errors.list.%d", n++), "message",
		    req_tr(r, json_string_value(e)));
	}
	tmpl_setf(r->hdf, "Errors.count", "%d", n);
}

void
page_hdf(struct req *r, const struct dossier *d, const json_t *page,
    const struct problems *pr)
{
	const json_t	*f;
	struct buf	 shown;
	size_t		 i;

	fields_hdf(r, d, page, tmpl_node(r->hdf, "Fields"), "", NULL, pr);
	errors_hdf(r, pr);
	buf_init(&shown, r->pool);
	json_array_foreach(json_object_get(page, "fields"), i, f)
		if (field_visible(f, d->data, NULL))
			buf_printf(&shown, "%s%s", shown.len ? " " : "",
			    json_string_value(json_object_get(f, "name")));
	hdf_put(r, "Page", "shown", buf_cstr(&shown));
	hdf_put(r, "Page", "id", json_string_value(json_object_get(page, "id")));
	hdf_put(r, "Page", "title", def_text(r, json_object_get(page, "titles")));
	if (json_object_size(pr->revealed) > 0)
		hdf_put(r, "Page", "revealed", "1");
	if (json_object_get(d->sources, "_unavailable") != NULL)
		hdf_put(r, "Page", "prefill_failed", "1");
}

/* "Step 2 of 5": the pages shown given the answers, then the summary. */
void
progress_hdf(struct req *r, const struct dossier *d, const json_t *page)
{
	const json_t	*p;
	size_t		 i, n = 0, current = 0;

	json_array_foreach(json_object_get(d->def, "pages"), i, p) {
		const char *sp;

		if (!page_visible(p, d->data))
			continue;
		sp = pool_printf(r->pool, "Steps.%zu", n++);
		hdf_put(r, sp, "id", json_string_value(json_object_get(p, "id")));
		hdf_put(r, sp, "title", def_text(r, json_object_get(p, "titles")));
		if (p == page) {
			hdf_put(r, sp, "current", "1");
			current = n;
		}
	}
	tmpl_setf(r->hdf, "Progress.step", "%zu", page ? current : n + 1);
	tmpl_setf(r->hdf, "Progress.total", "%zu", n + 1);
}
