/*
 * What the pages that show a dossier read, in the forms program, the
 * user's space and the back office: its facts, its answers in words
 * (labels of choices, localities of postal codes, not stored codes) with
 * their problems, its annexes, and its thread of messages.
 */
#include <string.h>

#include "answers.h"
#include "apptfield.h"
#include "formdef.h"
#include "summary.h"
#include "when.h"

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

/*
 * The fields' values are set under each field's node, found once: a set
 * from the top walked "Fields.3.parts.street" level by level each time.
 */
void
node_put(HDF *h, const char *name, const char *value)
{
	if (h != NULL && value != NULL)
		tmpl_set(h, name, value);
}

/* The node below h, made if missing; NULL (nothing set) without memory. */
HDF *
node_child(HDF *h, const char *name)
{
	return h != NULL ? tmpl_node(h, name) : NULL;
}

HDF *
node_child_n(HDF *h, size_t n)
{
	char	name[24], *p = name + sizeof(name) - 1;

	/* the number without printf: a page names dozens of these */
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	return node_child(h, p);
}

const char *
option_label(struct req *r, const struct ffield *f, const char *v)
{
	const json_t	*o;
	size_t		 i;

	json_array_foreach(f->options, i, o)
		if (strcmp(json_string_value(json_object_get(o, "value")), v) == 0)
			return def_text(r, json_object_get(o, "label"));
	return v;
}

void
files_hdf(struct req *r, const struct dossier *d, HDF *h, const char *key)
{
	const json_t	*a;
	HDF		*files = node_child(h, "files"), *fh;
	size_t		 i;

	json_array_foreach(json_object_get(d->files, key), i, a) {
		fh = node_child_n(files, i);
		node_put(fh, "id", pool_printf(r->pool, "%lld", (long long)
		    json_integer_value(json_object_get(a, "id"))));
		node_put(fh, "filename", json_string_value(json_object_get(a,
		    "filename")));
		node_put(fh, "size", pool_printf(r->pool, "%.1f",
		    (double)(json_integer_value(json_object_get(a, "size")) +
		    51) / 1024));
	}
	node_put(h, "count", pool_printf(r->pool, "%zu",
	    json_array_size(json_object_get(d->files, key))));
}

void
dossier_hdf(struct req *r, const struct dossier *d)
{
	hdf_put(r, "Dossier", "id", d->id);
	/* where the annexes download: the owner's URL, the inbox has its own */
	tmpl_setf(r->hdf, "Dossier.files", "/forms/%s/files", d->id);
	hdf_put(r, "Dossier", "code", d->code);
	hdf_put(r, "Dossier", "status", d->status);
	hdf_put(r, "Dossier", "reference", d->reference);
	hdf_put(r, "Dossier", "submitted_at", when_text(r->pool,
	    d->submitted_at, WHEN_MINUTE));
	hdf_put(r, "Dossier", "updated_at", d->updated_at);
	hdf_put(r, "Dossier", "title", def_text(r, d->def->titles));
	hdf_put(r, "Dossier", "assurance", d->def->assurance);
	tmpl_set(r->hdf, "Csrf.need", "1");
}

static const char *
files_words(struct req *r, const struct dossier *d, const char *key)
{
	struct buf	 b;
	const json_t	*e;
	size_t		 i;

	buf_init(&b, r->pool);
	json_array_foreach(json_object_get(d->files, key), i, e)
		buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(
		    json_object_get(e, "filename")));
	return buf_cstr(&b);
}

static const char *
options_words(struct req *r, const struct ffield *f, const json_t *v)
{
	struct buf	 b;
	const json_t	*e;
	size_t		 i;

	if (json_is_string(v))
		return option_label(r, f, json_string_value(v));
	buf_init(&b, r->pool);
	json_array_foreach(v, i, e)
		if (json_is_string(e))
			buf_printf(&b, "%s%s", b.len ? ", " : "", option_label(r,
			    f, json_string_value(e)));
	return buf_cstr(&b);
}

static const char *
address_words(struct req *r, const json_t *v)
{
	const char	*box = json_string_value(json_object_get(v, "box"));

	return pool_printf(r->pool, "%s %s%s%s, %s %s",
	    json_string_value(json_object_get(v, "street")),
	    json_string_value(json_object_get(v, "number")),
	    box && *box ? " bte " : "", box && *box ? box : "",
	    json_string_value(json_object_get(v, "postcode")),
	    json_string_value(json_object_get(v, "locality")));
}

/* One answer in words, for the summary, as its type's table says. */
const char *
answer_words(struct req *r, const struct ffield *f, const json_t *v,
    const struct dossier *d, const char *key)
{
	const struct field_type_info	*t = &field_types[f->as];
	const char			*s = json_string_value(v), *loc;

	if (t->words == WORDS_FILES)
		return files_words(r, d, key);
	if (answer_is_empty(v))
		return "";
	if (f->answer == ANSWER_LIST)
		return options_words(r, f, v);
	switch (t->words) {
	case WORDS_YESNO:
		if (s != NULL)
			return req_tr(r, strcmp(s, "yes") == 0 ? "form.yes" :
			    "form.no");
		break;
	case WORDS_OPTIONS:
		return options_words(r, f, v);
	case WORDS_ADDRESS:
		return address_words(r, v);
	case WORDS_DATE:
		if (s != NULL)
			return when_text(r->pool, s, WHEN_DAY);
		break;
	case WORDS_APPOINTMENT:
		return apptfield_words(r, v);
	case WORDS_LOCALITY:
		if (s != NULL && (loc = postcode_localities(r, s)) != NULL)
			return pool_join(r->pool, s, " ", loc);
		break;
	default:
		break;
	}
	if (s != NULL && t->unit != NULL)
		return pool_join(r->pool, s, "", t->unit);
	return s != NULL ? s : "";
}

static void
summary_rows(struct req *r, const struct dossier *d, const struct fblock *fb,
    const char *pp, size_t *n, const char *keyprefix, const char *lprefix,
    const json_t *block, const struct problems *pr)
{
	const struct ffield	*f;
	const json_t		*v, *b;
	const char		*key, *rp, *e;
	size_t			 k, first;

	fblock_foreach(fb, f) {
		if (f->answer == ANSWER_NONE || !field_visible(f, d->data, block))
			continue;
		key = pool_join(r->pool, keyprefix, "", f->name);
		v = json_object_get(block != NULL ? block : d->data, f->name);
		if (f->answer == ANSWER_BLOCKS) {
			json_array_foreach(v, k, b) {
				first = *n;
				summary_rows(r, d, &f->block, pp, n, pool_printf(
				    r->pool, "%s.%zu.", key, k), pool_printf(
				    r->pool, "%s %zu — ", def_text(r,
				    json_object_get(f->json, "label")), k + 1), b,
				    pr);
				/* a large group's block is changed on its page */
				for (; f->by_item && first < *n; first++)
					hdf_put(r, pool_printf(r->pool, "%s.rows.%zu",
					    pp, first), "item", pool_printf(r->pool,
					    "/items/%s/%zu", f->name, k + 1));
			}
			if (json_object_get(pr->by_key, key) == NULL)
				continue;
		}
		rp = pool_printf(r->pool, "%s.rows.%zu", pp, (*n)++);
		hdf_put(r, rp, "key", key);
		hdf_put(r, rp, "label", pool_join(r->pool, lprefix, "",
		    def_text(r, json_object_get(f->json, "label"))));
		hdf_put(r, rp, "value", answer_words(r, f, v, d, key));
		if (f->readonly)	/* no "Change": it cannot be */
			hdf_put(r, rp, "readonly", "1");
		/* an address reports its parts: one line is enough here */
		e = problem_message(r, pr, key);
		if (e == NULL && f->answer == ANSWER_ADDRESS) {
			for (k = 0; k < nitems(address_parts) && e == NULL; k++)
				e = problem_message(r, pr, pool_join(r->pool,
				    key, ".", address_parts[k]));
		}
		hdf_put(r, rp, "problem", e);
	}
}

struct annexes {
	struct req		*r;
	const struct dossier	*d;
	const struct fpage	*page;
	size_t			*n;
};

static void
annex_hdf(void *arg, const struct ffield *f, const char *key,
    const struct ffield *group, size_t k)
{
	struct annexes	*a = arg;
	struct req	*r = a->r;
	const char	*ap = pool_printf(r->pool, "Annexes.%zu", (*a->n)++);
	const char	*label = def_text(r, json_object_get(f->json, "label"));

	if (group != NULL)
		label = pool_printf(r->pool, "%s %zu — %s", def_text(r,
		    json_object_get(group->json, "label")), k + 1, label);
	hdf_put(r, ap, "label", label);
	hdf_put(r, ap, "page", a->page->id);
	hdf_put(r, ap, "required", f->required ? "1" : "0");
	files_hdf(r, a->d, tmpl_node(r->hdf, ap), key);
}

/* The annexes a page asks for (a block's own too), in Annexes.N. */
static void
annexes_hdf(struct req *r, const struct dossier *d, const struct fpage *p,
    size_t *na)
{
	struct annexes	a = { r, d, p, na };

	answers_page_files(r, d, p, annex_hdf, &a);
}

/* Every page shown, its answers in words, its problems; the annexes. */
void
summary_hdf(struct req *r, const struct dossier *d,
    const struct problems *pr)
{
	const struct fpage	*p;
	const char		*pp;
	size_t			 i, n, np = 0, na = 0;

	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if (!page_visible(p, d->data))
			continue;
		pp = pool_printf(r->pool, "Summary.%zu", np++);
		hdf_put(r, pp, "id", p->id);
		hdf_put(r, pp, "title", def_text(r, p->titles));
		n = 0;
		summary_rows(r, d, &p->block, pp, &n, "", "", NULL, pr);
		annexes_hdf(r, d, p, &na);
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
			hdf_put(r, mp, "kind", PQgetvalue(res, i, 1));
			hdf_put(r, mp, "body", PQgetvalue(res, i, 2));
			hdf_put(r, mp, "at", when_cell(r->pool, res, i, 3));
			hdf_put(r, mp, "from", PQgetvalue(res, i, 4));
			hdf_put(r, mp, "name", PQgetvalue(res, i, 5));
		}
		if (PQgetisnull(res, i, 6))
			continue;
		fp = pool_printf(r->pool, "%s.files.%d", mp, k++);
		hdf_put(r, fp, "id", PQgetvalue(res, i, 6));
		hdf_put(r, fp, "filename", PQgetvalue(res, i, 7));
		hdf_put(r, fp, "kb", PQgetvalue(res, i, 8));
	}
}
