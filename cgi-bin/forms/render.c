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
		tmpl_set(r->hdf, pool_printf(r->pool, "%s.%s", prefix, name),
		    value);
		return;
	}
	memcpy(path, prefix, a);
	path[a] = '.';
	memcpy(path + a + 1, name, b + 1);
	tmpl_set(r->hdf, path, value);
}
#define set hdf_put

static void
set_number(struct req *r, const char *prefix, const char *name,
    const json_t *n)
{
	if (json_is_number(n))
		set(r, prefix, name, pool_printf(r->pool, "%g",
		    json_number_value(n)));
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
options_hdf(struct req *r, const json_t *f, const char *hp, const json_t *v)
{
	const json_t	*o;
	const char	*ov, *op;
	size_t		 i;

	json_array_foreach(json_object_get(f, "options"), i, o) {
		op = pool_printf(r->pool, "%s.options.%zu", hp, i);
		ov = json_string_value(json_object_get(o, "value"));
		set(r, op, "value", ov);
		set(r, op, "label", def_text(r, json_object_get(o, "label")));
		if (has_value(v, ov))
			set(r, op, "checked", "1");
	}
}

static void
error_hdf(struct req *r, const char *hp, const char *key,
    const struct problems *pr)
{
	const char	*e = json_string_value(json_object_get(pr->by_key, key));

	if (e != NULL)
		set(r, hp, "error", req_tr(r, e));
}

static void
address_hdf(struct req *r, const char *hp, const char *key, const json_t *v,
    const struct problems *pr)
{
	const char	*pp;
	size_t		 i;

	for (i = 0; i < nitems(address_parts); i++) {
		pp = pool_printf(r->pool, "%s.parts.%s", hp, address_parts[i]);
		set(r, pp, "key", pool_printf(r->pool, "%s.%s", key,
		    address_parts[i]));
		set(r, pp, "value", json_string_value(json_object_get(v,
		    address_parts[i])));
		error_hdf(r, pp, pool_printf(r->pool, "%s.%s", key,
		    address_parts[i]), pr);
	}
}

static void
files_hdf(struct req *r, const struct dossier *d, const char *hp,
    const char *key)
{
	const json_t	*a;
	const char	*fp;
	size_t		 i;

	json_array_foreach(json_object_get(d->files, key), i, a) {
		fp = pool_printf(r->pool, "%s.files.%zu", hp, i);
		set(r, fp, "id", pool_printf(r->pool, "%lld", (long long)
		    json_integer_value(json_object_get(a, "id"))));
		set(r, fp, "filename", json_string_value(json_object_get(a,
		    "filename")));
		set(r, fp, "size", pool_printf(r->pool, "%.1f",
		    (double)(json_integer_value(json_object_get(a, "size")) +
		    51) / 1024));
	}
	set(r, hp, "count", pool_printf(r->pool, "%zu",
	    json_array_size(json_object_get(d->files, key))));
}

static void fields_hdf(struct req *, const struct dossier *, const json_t *,
    const char *, const char *, const json_t *, const struct problems *);

static void
group_hdf(struct req *r, const struct dossier *d, const json_t *f,
    const char *hp, const char *key, const json_t *v,
    const struct problems *pr)
{
	const json_t	*max = json_object_get(f, "max"), *b;
	size_t		 i, n = json_array_size(v);

	json_array_foreach(v, i, b) {
		const char *bp = pool_printf(r->pool, "%s.blocks.%zu", hp, i);

		set(r, bp, "number", pool_printf(r->pool, "%zu", i + 1));
		set(r, bp, "index", pool_printf(r->pool, "%zu", i));
		fields_hdf(r, d, f, pool_printf(r->pool, "%s.fields", bp),
		    pool_printf(r->pool, "%s.%zu.", key, i), b, pr);
	}
	set(r, hp, "count", pool_printf(r->pool, "%zu", n));
	if (max == NULL || n < (size_t)json_number_value(max))
		set(r, hp, "can_add", "1");
}

/* Shows where a pre-filled value came from while it is unchanged. */
static void
source_hdf(struct req *r, const struct dossier *d, const char *hp,
    const char *key, const json_t *v)
{
	const json_t	*s = json_object_get(d->sources, key);

	if (s != NULL && v != NULL && json_equal(json_object_get(s, "value"),
	    (json_t *)v))
		set(r, hp, "source", json_string_value(json_object_get(s,
		    "from")));
}

static void
field_hdf(struct req *r, const struct dossier *d, const json_t *f,
    const char *hp, const char *key, const json_t *v, const json_t *block,
    const struct problems *pr)
{
	const char	*t = field_type(f), *loc;

	set(r, hp, "key", key);
	set(r, hp, "type", t);
	set(r, hp, "label", def_text(r, json_object_get(f, "label")));
	set(r, hp, "help", json_object_get(f, "help") ?
	    def_text(r, json_object_get(f, "help")) : NULL);
	set(r, hp, "text", json_object_get(f, "text") ?
	    def_text(r, json_object_get(f, "text")) : NULL);
	set(r, hp, "required", json_is_true(json_object_get(f, "required")) ?
	    "1" : "0");
	set(r, hp, "display", json_string_value(json_object_get(f, "display")));
	/* "0" is false to the templates: they test has_min and has_max */
	set_number(r, hp, "min", json_object_get(f, "min"));
	set_number(r, hp, "max", json_object_get(f, "max"));
	if (json_object_get(f, "min") != NULL)
		set(r, hp, "has_min", "1");
	if (json_object_get(f, "max") != NULL)
		set(r, hp, "has_max", "1");
	set_number(r, hp, "maxlength", json_object_get(f, "maxlength"));
	error_hdf(r, hp, key, pr);
	source_hdf(r, d, hp, key, v);
	(void)block;
	if (strcmp(t, "choice") == 0 && json_object_get(f, "options") == NULL)
		set(r, hp, "type", t = "postcode");
	if (strcmp(t, "choice") == 0)
		options_hdf(r, f, hp, v);
	else if (strcmp(t, "address") == 0)
		address_hdf(r, hp, key, v, pr);
	else if (strcmp(t, "pdf") == 0)
		files_hdf(r, d, hp, key);
	else if (strcmp(t, "group") == 0)
		group_hdf(r, d, f, hp, key, v, pr);
	else if (json_is_string(v))
		set(r, hp, "value", json_string_value(v));
	if (strcmp(t, "postcode") == 0 && json_is_string(v) &&
	    (loc = postcode_localities(r, json_string_value(v))) != NULL)
		set(r, hp, "localities", loc);
}

/* The fields shown of a page or of a block, as prefix.N. */
static void
fields_hdf(struct req *r, const struct dossier *d, const json_t *holder,
    const char *prefix, const char *keyprefix, const json_t *block,
    const struct problems *pr)
{
	const json_t	*f;
	const char	*name;
	size_t		 i, n = 0;

	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		if (!field_visible(f, d->data, block))
			continue;
		name = json_string_value(json_object_get(f, "name"));
		field_hdf(r, d, f, pool_printf(r->pool, "%s.%zu", prefix, n++),
		    pool_printf(r->pool, "%s%s", keyprefix, name),
		    json_object_get(block != NULL ? block : d->data, name),
		    block, pr);
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

	fields_hdf(r, d, page, "Fields", "", NULL, pr);
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
		return pool_printf(r->pool, "%s %s", s, loc);
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
		key = pool_printf(r->pool, "%s%s", keyprefix, name);
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
		set(r, rp, "label", pool_printf(r->pool, "%s%s", lprefix,
		    def_text(r, json_object_get(f, "label"))));
		set(r, rp, "value", answer_words(r, f, v, d, key));
		/* an address reports its parts: one line is enough here */
		e = json_string_value(json_object_get(pr->by_key, key));
		if (e == NULL && is_type(f, "address")) {
			for (k = 0; k < nitems(address_parts) && e == NULL; k++)
				e = json_string_value(json_object_get(pr->by_key,
				    pool_printf(r->pool, "%s.%s", key,
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
			files_hdf(r, d, ap, json_string_value(json_object_get(f,
			    "name")));
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
