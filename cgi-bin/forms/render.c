/*
 * What the form templates read: the fields of a page with their values,
 * errors and sources, the steps, and the summary in words (labels of
 * choices, localities of postal codes) rather than stored codes.
 */
#include <string.h>

#include "cond.h"
#include "forms.h"

/* prefix.name = value in the page's HDF; nothing for NULL. */
void
hdf_put(struct req *r, const char *prefix, const char *name,
    const char *value)
{
	char	 path[256];
	size_t	 a, b;

	if (value == NULL)
		return;
	/* "prefix.name" without printf: pages set hundreds of these */
	a = strlen(prefix);
	b = strlen(name);
	if (a + b + 2 > sizeof(path)) {
		tmpl_set(r->hdf, pool_join(r->pool, prefix, ".", name),
		    value);
		return;
	}
	memcpy(path, prefix, a);
	path[a] = '.';
	memcpy(path + a + 1, name, b + 1);
	tmpl_set(r->hdf, path, value);
}
#define set hdf_put

/*
 * The fields' values are set under each field's node, found once: a set
 * from the top walked "Fields.3.parts.street" level by level each time.
 */
static void
put(HDF *h, const char *name, const char *value)
{
	if (h != NULL && value != NULL)
		tmpl_set(h, name, value);
}

/* The node below h, made if missing; NULL (nothing set) without memory. */
static HDF *
child(HDF *h, const char *name)
{
	return h != NULL ? tmpl_node(h, name) : NULL;
}

static HDF *
child_n(HDF *h, size_t n)
{
	char	name[24], *p = name + sizeof(name) - 1;

	/* the number without printf: a page names dozens of these */
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	return child(h, p);
}

static void
put_number(struct req *r, HDF *h, const char *name, const json_t *n)
{
	if (json_is_number(n))
		put(h, name, pool_printf(r->pool, "%g", json_number_value(n)));
}

static const char *
option_label(struct req *r, const json_t *f, const char *v)
{
	const json_t	*o;
	size_t		 i;

	json_array_foreach(json_object_get(f, "options"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "value")), v) == 0)
			return def_text(r, json_object_get(o, "label"));
	return v;
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
	HDF		*opts = child(h, "options"), *oh;
	size_t		 i;

	json_array_foreach(json_object_get(f, "options"), i, o) {
		oh = child_n(opts, i);
		ov = json_string_value(json_object_get(o, "value"));
		put(oh, "value", ov);
		put(oh, "label", def_text(r, json_object_get(o, "label")));
		if (has_value(v, ov))
			put(oh, "checked", "1");
	}
}

/* The problem with the answer at key, in words, under h; NULL if none. */
static const char *
error_hdf(struct req *r, HDF *h, const char *key, const struct problems *pr)
{
	const char	*e = json_string_value(json_object_get(pr->by_key, key));

	if (e == NULL)
		return NULL;
	put(h, "error", e = req_tr(r, e));
	return e;
}

static void
address_hdf(struct req *r, HDF *h, const char *key, const json_t *v,
    const struct problems *pr)
{
	HDF		*parts = child(h, "parts"), *ph;
	const char	*pk, *label;
	size_t		 i;

	for (i = 0; i < nitems(address_parts); i++) {
		ph = child(parts, address_parts[i]);
		pk = pool_join(r->pool, key, ".", address_parts[i]);
		put(ph, "key", pk);
		label = req_tr(r, pool_printf(r->pool, "form.address.%s",
		    address_parts[i]));
		put(ph, "label", strcmp(address_parts[i], "box") == 0 ?
		    pool_join(r->pool, label, " ", req_tr(r, "form.optional")) :
		    label);
		put(ph, "value", json_string_value(json_object_get(v,
		    address_parts[i])));
		if (strcmp(address_parts[i], "postcode") == 0)
			put(ph, "postcode", "1");
		(void)error_hdf(r, ph, pk, pr);
	}
}

static void
files_hdf(struct req *r, const struct dossier *d, HDF *h, const char *key)
{
	const json_t	*a;
	HDF		*files = child(h, "files"), *fh;
	size_t		 i;

	json_array_foreach(json_object_get(d->files, key), i, a) {
		fh = child_n(files, i);
		put(fh, "id", pool_printf(r->pool, "%lld", (long long)
		    json_integer_value(json_object_get(a, "id"))));
		put(fh, "filename", json_string_value(json_object_get(a,
		    "filename")));
		put(fh, "size", pool_printf(r->pool, "%.1f",
		    (double)(json_integer_value(json_object_get(a, "size")) +
		    51) / 1024));
	}
	put(h, "count", pool_printf(r->pool, "%zu",
	    json_array_size(json_object_get(d->files, key))));
}

static void fields_hdf(struct req *, const struct dossier *, const json_t *,
    HDF *, const char *, const json_t *, const struct problems *);

static void
group_hdf(struct req *r, const struct dossier *d, const json_t *f, HDF *h,
    const char *key, const json_t *v, const struct problems *pr)
{
	const json_t	*max = json_object_get(f, "max"), *b;
	HDF		*blocks = child(h, "blocks"), *bh;
	size_t		 i, n = json_array_size(v);

	json_array_foreach(v, i, b) {
		bh = child_n(blocks, i);
		put(bh, "number", pool_printf(r->pool, "%zu", i + 1));
		put(bh, "index", pool_printf(r->pool, "%zu", i));
		fields_hdf(r, d, f, child(bh, "fields"),
		    pool_printf(r->pool, "%s.%zu.", key, i), b, pr);
	}
	put(h, "count", pool_printf(r->pool, "%zu", n));
	if (max == NULL || n < (size_t)json_number_value(max))
		put(h, "can_add", "1");
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
	put(h, "input_type", type);
	put(h, "inputmode", mode);
	put(h, "autocomplete", complete);
	if (strcmp(t, "postcode") == 0)
		put(h, "maxlength", "4");
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
	put(h, "kind", kind);
	put(h, "key", key);
	if (strcmp(kind, "section") == 0 || strcmp(kind, "notice") == 0) {
		put(h, "text", def_text(r, json_object_get(f, "text")));
		return;
	}
	label = def_text(r, json_object_get(f, "label"));
	if (!json_is_true(json_object_get(f, "required")) &&
	    strcmp(kind, "group") != 0)
		label = pool_join(r->pool, label, " ",
		    req_tr(r, "form.optional"));
	put(h, "label", label);

	/* what aria-describedby names: the hint, the source, the error */
	buf_init(&by, r->pool);
	if ((hint = hint_text(r, f, t)) != NULL) {
		put(h, "hint", hint);
		buf_printf(&by, "%s-hint", key);
	}
	s = json_object_get(d->sources, key);
	if (s != NULL && v != NULL && json_equal(json_object_get(s, "value"),
	    (json_t *)v) &&
	    (from = json_string_value(json_object_get(s, "from"))) != NULL) {
		put(h, "source", req_tr(r, pool_printf(r->pool,
		    "form.source.%s", from)));
		buf_printf(&by, "%s%s-source", by.len ? " " : "", key);
	}
	if (error_hdf(r, h, key, pr) != NULL)
		buf_printf(&by, "%s%s-error", by.len ? " " : "", key);
	if (by.len)
		put(h, "describedby", buf_cstr(&by));

	if (strcmp(kind, "text") == 0 || strcmp(kind, "longtext") == 0)
		input_hdf(r, f, h, t);
	if (strcmp(kind, "choices") == 0) {
		const char *display = json_string_value(json_object_get(f,
		    "display"));

		put(h, "input_type", display != NULL &&
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
			put(h, "multiple", "1");
	} else if (strcmp(kind, "group") == 0)
		group_hdf(r, d, f, h, key, v, pr);
	else if (json_is_string(v))
		put(h, "value", json_string_value(v));
	if (strcmp(t, "postcode") == 0 && json_is_string(v) &&
	    (loc = postcode_localities(r, json_string_value(v))) != NULL)
		put(h, "localities", loc);
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
		field_hdf(r, d, f, child_n(list, n++),
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
		set(r, pool_printf(r->pool, "Errors.list.%d", n), "field", key);
		set(r, pool_printf(r->pool, "Errors.list.%d", n++), "message",
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
	set(r, "Page", "shown", buf_cstr(&shown));
	set(r, "Page", "id", json_string_value(json_object_get(page, "id")));
	set(r, "Page", "title", def_text(r, json_object_get(page, "titles")));
	if (json_object_size(pr->revealed) > 0)
		set(r, "Page", "revealed", "1");
	if (json_object_get(d->sources, "_unavailable") != NULL)
		set(r, "Page", "prefill_failed", "1");
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
		set(r, sp, "id", json_string_value(json_object_get(p, "id")));
		set(r, sp, "title", def_text(r, json_object_get(p, "titles")));
		if (p == page) {
			set(r, sp, "current", "1");
			current = n;
		}
	}
	tmpl_setf(r->hdf, "Progress.step", "%zu", page ? current : n + 1);
	tmpl_setf(r->hdf, "Progress.total", "%zu", n + 1);
}

void
dossier_hdf(struct req *r, const struct dossier *d)
{
	set(r, "Dossier", "id", d->id);
	/* where the annexes download: the owner's URL, the inbox has its own */
	tmpl_setf(r->hdf, "Dossier.files", "/forms/%s/files", d->id);
	set(r, "Dossier", "code", d->code);
	set(r, "Dossier", "status", d->status);
	set(r, "Dossier", "reference", d->reference);
	set(r, "Dossier", "submitted_at", d->submitted_at);
	set(r, "Dossier", "updated_at", d->updated_at);
	set(r, "Dossier", "title", def_text(r, json_object_get(d->def,
	    "titles")));
	set(r, "Dossier", "assurance", json_string_value(json_object_get(
	    d->def, "assurance")));
	tmpl_set(r->hdf, "Csrf.need", "1");
}

/* One answer in words, for the summary. */
static const char *
answer_words(struct req *r, const json_t *f, const json_t *v,
    const struct dossier *d, const char *key)
{
	const char	*t = field_type(f), *s = json_string_value(v), *loc;
	struct buf	 b;
	const json_t	*e;
	size_t		 i;

	buf_init(&b, r->pool);
	if (strcmp(t, "pdf") == 0) {
		json_array_foreach(json_object_get(d->files, key), i, e)
			buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(
			    json_object_get(e, "filename")));
		return buf_cstr(&b);
	}
	if (answer_is_empty(v))
		return "";
	if (strcmp(t, "yesno") == 0)
		return req_tr(r, strcmp(s, "yes") == 0 ? "form.yes" : "form.no");
	if (strcmp(t, "choice") == 0 && json_is_array(v)) {
		json_array_foreach(v, i, e)
			buf_printf(&b, "%s%s", i ? ", " : "", option_label(r, f,
			    json_string_value(e)));
		return buf_cstr(&b);
	}
	if (strcmp(t, "choice") == 0 && json_object_get(f, "options") != NULL)
		return option_label(r, f, s);
	if (strcmp(t, "address") == 0) {
		const char *box = json_string_value(json_object_get(v, "box"));

		buf_printf(&b, "%s %s%s%s, %s %s",
		    json_string_value(json_object_get(v, "street")),
		    json_string_value(json_object_get(v, "number")),
		    box && *box ? " bte " : "", box && *box ? box : "",
		    json_string_value(json_object_get(v, "postcode")),
		    json_string_value(json_object_get(v, "locality")));
		return buf_cstr(&b);
	}
	if (strcmp(t, "money") == 0)
		return pool_printf(r->pool, "%s €", s);
	if ((strcmp(t, "postcode") == 0 || strcmp(t, "choice") == 0) &&
	    s != NULL && (loc = postcode_localities(r, s)) != NULL)
		return pool_join(r->pool, s, " ", loc);
	return s != NULL ? s : "";
}

static void
summary_rows(struct req *r, const struct dossier *d, const json_t *holder,
    const char *pp, size_t *n, const char *keyprefix, const char *lprefix,
    const json_t *block, const struct problems *pr)
{
	const json_t	*f, *v, *b;
	const char	*name, *key, *rp, *e;
	size_t		 i, k;

	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		if (is_type(f, "section") || is_type(f, "notice") ||
		    !field_visible(f, d->data, block))
			continue;
		name = json_string_value(json_object_get(f, "name"));
		key = pool_join(r->pool, keyprefix, "", name);
		v = json_object_get(block != NULL ? block : d->data, name);
		if (is_type(f, "group")) {
			json_array_foreach(v, k, b)
				summary_rows(r, d, f, pp, n, pool_printf(r->pool,
				    "%s.%zu.", key, k), pool_printf(r->pool,
				    "%s %zu — ", def_text(r, json_object_get(f,
				    "label")), k + 1), b, pr);
			if (json_object_get(pr->by_key, key) == NULL)
				continue;
		}
		rp = pool_printf(r->pool, "%s.rows.%zu", pp, (*n)++);
		set(r, rp, "key", key);
		set(r, rp, "label", pool_join(r->pool, lprefix, "",
		    def_text(r, json_object_get(f, "label"))));
		set(r, rp, "value", answer_words(r, f, v, d, key));
		/* an address reports its parts: one line is enough here */
		e = json_string_value(json_object_get(pr->by_key, key));
		if (e == NULL && is_type(f, "address")) {
			for (k = 0; k < nitems(address_parts) && e == NULL; k++)
				e = json_string_value(json_object_get(pr->by_key,
				    pool_join(r->pool, key, ".",
				    address_parts[k])));
		}
		if (e != NULL)
			set(r, rp, "problem", req_tr(r, e));
	}
}

/* Every page shown, its answers in words, its problems; the annexes. */
void
summary_hdf(struct req *r, const struct dossier *d,
    const struct problems *pr)
{
	const json_t	*p, *f;
	const char	*pp, *ap;
	size_t		 i, k, n, np = 0, na = 0;

	json_array_foreach(json_object_get(d->def, "pages"), i, p) {
		if (!page_visible(p, d->data))
			continue;
		pp = pool_printf(r->pool, "Summary.%zu", np++);
		set(r, pp, "id", json_string_value(json_object_get(p, "id")));
		set(r, pp, "title", def_text(r, json_object_get(p, "titles")));
		n = 0;
		summary_rows(r, d, p, pp, &n, "", "", NULL, pr);
		json_array_foreach(json_object_get(p, "fields"), k, f) {
			if (!is_type(f, "pdf") || !field_visible(f, d->data, NULL))
				continue;
			ap = pool_printf(r->pool, "Annexes.%zu", na++);
			set(r, ap, "label", def_text(r, json_object_get(f,
			    "label")));
			set(r, ap, "page", json_string_value(json_object_get(p,
			    "id")));
			set(r, ap, "required", json_is_true(json_object_get(f,
			    "required")) ? "1" : "0");
			files_hdf(r, d, tmpl_node(r->hdf, ap),
			    json_string_value(json_object_get(f, "name")));
		}
	}
	tmpl_setf(r->hdf, "Problems.count", "%d", pr->count);
}

/*
 * The thread of a dossier, from rows of (message id, kind, body, time,
 * from, author's name, attachment id, filename, size in KB), one row per
 * attachment: Messages.N with its files under Messages.N.files.
 */
void
thread_hdf(struct req *r, const PGresult *res)
{
	const char	*mp = NULL, *last = "", *fp;
	int		 i, n = -1, k = 0;

	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), last) != 0) {
			last = PQgetvalue(res, i, 0);
			mp = pool_printf(r->pool, "Messages.%d", ++n);
			k = 0;
			set(r, mp, "kind", PQgetvalue(res, i, 1));
			set(r, mp, "body", PQgetvalue(res, i, 2));
			set(r, mp, "at", PQgetvalue(res, i, 3));
			set(r, mp, "from", PQgetvalue(res, i, 4));
			set(r, mp, "name", PQgetvalue(res, i, 5));
		}
		if (PQgetisnull(res, i, 6))
			continue;
		fp = pool_printf(r->pool, "%s.files.%d", mp, k++);
		set(r, fp, "id", PQgetvalue(res, i, 6));
		set(r, fp, "filename", PQgetvalue(res, i, 7));
		set(r, fp, "kb", PQgetvalue(res, i, 8));
	}
}
