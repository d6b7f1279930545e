/*
 * A dossier's answers: the checks of every field type (each problem a
 * language key, by field and by page), and the answers as submitted (only
 * what the answers leave shown).
 *
 * Answers are stored as the user typed them, normalised when valid: a
 * draft keeps even a wrong IBAN, so leaving and coming back loses nothing.
 * The checks run again on every page, on the summary and at submission.
 */
#include <string.h>

#include "answers.h"
#include "formdef.h"
#include "valid.h"

static void
limits_of(const json_t *f, struct vlimits *lim, size_t dflmax)
{
	const json_t	*ml = json_object_get(f, "maxlength");

	memset(lim, 0, sizeof(*lim));
	lim->maxlen = ml != NULL ? (size_t)json_integer_value(ml) : dflmax;
	if (json_object_get(f, "min") != NULL || json_object_get(f, "max")) {
		lim->min = json_object_get(f, "min") ? (long long)
		    json_number_value(json_object_get(f, "min")) : -(1LL << 52);
		lim->max = json_object_get(f, "max") ? (long long)
		    json_number_value(json_object_get(f, "max")) : 1LL << 52;
	}
}

static int
is_option(const json_t *f, const char *v)
{
	const json_t	*o;
	size_t		 i;

	json_array_foreach(json_object_get(f, "options"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "value")), v) == 0)
			return 1;
	return 0;
}

/*
 * What is wrong with one typed value of a scalar field, as a language key,
 * or NULL; *norm is the value to store (normalised when valid).
 */
const char *
scalar_problem(struct req *r, const json_t *f, const char *v,
    const char **norm)
{
	static const struct { const char *type; enum vtype vt; size_t max; }
	    simple[] = {
		{ "text", VT_TEXT, 200 }, { "longtext", VT_LONGTEXT, 5000 },
		{ "integer", VT_INT, 0 }, { "decimal", VT_DECIMAL, 0 },
		{ "money", VT_MONEY, 0 }, { "date", VT_DATE, 0 },
		{ "email", VT_EMAIL, 0 }, { "phone", VT_PHONE, 0 },
		{ "iban", VT_IBAN, 0 }, { "nrn", VT_NRN, 0 },
		{ "bce", VT_BCE, 0 }, { "postcode", VT_POSTCODE, 0 },
	};
	const char	*t = field_type(f);
	struct vlimits	 lim;
	char		*out;
	size_t		 i, len = strlen(v);

	*norm = v;
	if (strcmp(t, "yesno") == 0)
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 ? NULL :
		    "err.choice";
	if (strcmp(t, "choice") == 0 && json_object_get(f, "options") != NULL)
		return is_option(f, v) ? NULL : "err.choice";
	if (strcmp(t, "choice") == 0)		/* options_from postal_codes */
		t = "postcode";
	for (i = 0; i < nitems(simple); i++)
		if (strcmp(t, simple[i].type) == 0)
			break;
	if (i == nitems(simple))
		return "err.text";
	limits_of(f, &lim, simple[i].max);
	if ((out = pool_alloc(r->pool, len + 32)) == NULL ||
	    !valid_field(simple[i].vt, v, &lim, out, len + 32))
		return validators[simple[i].vt].errkey;
	*norm = out;
	if (simple[i].vt == VT_POSTCODE && postcode_localities(r, out) == NULL)
		return "err.postcode_unknown";
	return NULL;
}

void
problems_init(struct problems *pr, struct req *r)
{
	pr->by_key = json_pooled(r, json_object());
	pr->by_page = json_pooled(r, json_object());
	pr->revealed = json_pooled(r, json_object());
	pr->count = 0;
}

void
problem_add(struct problems *pr, const char *page, const char *key,
    const char *errkey)
{
	if (json_object_get(pr->by_key, key) != NULL)
		return;
	json_object_set_new(pr->by_key, key, json_string(errkey));
	json_object_set_new(pr->by_page, page, json_integer(1 +
	    json_integer_value(json_object_get(pr->by_page, page))));
	pr->count++;
}

int
answer_is_empty(const json_t *v)
{
	return v == NULL || json_is_null(v) || (json_is_string(v) &&
	    json_string_value(v)[strspn(json_string_value(v), " \t\r\n")] ==
	    '\0') || (json_is_array(v) && json_array_size(v) == 0);
}

const char *const address_parts[5] = { "street", "number", "box",
    "postcode", "locality" };

static void
check_address(struct req *r, const json_t *f, const char *page,
    const char *key, const json_t *v, struct problems *pr)
{
	static const json_t	*partdef[5];
	const char		*s, *norm, *k;
	size_t			 i;

	(void)f;
	for (i = 0; i < nitems(address_parts); i++) {
		s = json_string_value(json_object_get(v, address_parts[i]));
		k = pool_join(r->pool, key, ".", address_parts[i]);
		if (s == NULL || s[strspn(s, " ")] == '\0') {
			if (i != 2)		/* the box is optional */
				problem_add(pr, page, k, "err.required");
			continue;
		}
		if (partdef[0] == NULL) {
			partdef[0] = json_pack("{s:s, s:i}", "type", "text",
			    "maxlength", 200);
			partdef[1] = json_pack("{s:s, s:i}", "type", "text",
			    "maxlength", 10);
			partdef[2] = partdef[1];
			partdef[3] = json_pack("{s:s}", "type", "postcode");
			partdef[4] = partdef[0];
		}
		if ((s = scalar_problem(r, partdef[i], s, &norm)) != NULL)
			problem_add(pr, page, k, s);
	}
}

static void check_fields(struct req *, const struct dossier *, const json_t *,
    const char *, const char *, const json_t *, struct problems *);

static void
check_field(struct req *r, const struct dossier *d, const json_t *f,
    const char *page, const char *key, const json_t *v,
    const json_t *block, struct problems *pr)
{
	const json_t	*min = json_object_get(f, "min");
	const json_t	*max = json_object_get(f, "max"), *e;
	int		 required = json_is_true(json_object_get(f, "required"));
	const char	*norm, *err;
	size_t		 i, n;

	if (is_display_only(f) || !field_visible(f, d->data, block))
		return;
	if (is_type(f, "pdf")) {
		n = json_array_size(json_object_get(d->files, key));
		if (n == 0 && required)
			problem_add(pr, page, key, "err.pdf_required");
		else if (max != NULL && n > (size_t)json_number_value(max))
			problem_add(pr, page, key, "err.pdf_count");
		return;
	}
	if (answer_is_empty(v) && !is_type(f, "group")) {
		if (required)
			problem_add(pr, page, key, "err.required");
		return;
	}
	if (is_type(f, "address")) {
		check_address(r, f, page, key, v, pr);
		return;
	}
	if (is_type(f, "group")) {
		n = json_array_size(v);
		if ((required && n == 0) || (min != NULL &&
		    n < (size_t)json_number_value(min)))
			problem_add(pr, page, key, "err.group_min");
		else if (max != NULL && n > (size_t)json_number_value(max))
			problem_add(pr, page, key, "err.group_max");
		json_array_foreach(v, i, e)
			check_fields(r, d, f, page, pool_printf(r->pool, "%s.%zu.",
			    key, i), e, pr);
		return;
	}
	if (json_is_array(v)) {			/* checkboxes */
		json_array_foreach(v, i, e)
			if (!json_is_string(e) || !is_option(f,
			    json_string_value(e))) {
				problem_add(pr, page, key, "err.choice");
				return;
			}
		return;
	}
	if (!json_is_string(v))
		problem_add(pr, page, key, "err.text");
	else if ((err = scalar_problem(r, f, json_string_value(v), &norm)))
		problem_add(pr, page, key, err);
}

/* The fields of a page (prefix "") or of one block of a group. */
static void
check_fields(struct req *r, const struct dossier *d, const json_t *holder,
    const char *page, const char *prefix, const json_t *block,
    struct problems *pr)
{
	const json_t	*f;
	const char	*name;
	size_t		 i;

	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		name = json_string_value(json_object_get(f, "name"));
		check_field(r, d, f, page, pool_join(r->pool, prefix, "", name),
		    json_object_get(block != NULL ? block : d->data,
		    name), block, pr);
	}
}

/* The problems of one page, or of every page shown when page is NULL. */
void
answers_check(struct req *r, const struct dossier *d, const json_t *page,
    struct problems *pr)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(d->def, "pages"), i, p) {
		if ((page != NULL && p != page) || !page_visible(p, d->data))
			continue;
		check_fields(r, d, p, json_string_value(json_object_get(p, "id")),
		    "", NULL, pr);
	}
}

/* Only what is asked, given the answers: hidden answers stay behind. */
static json_t *
pruned(const json_t *holder, const json_t *answers, const json_t *block)
{
	const json_t	*f, *v, *e;
	json_t		*out = json_object(), *blocks;
	const char	*name;
	size_t		 i, k;

	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		name = json_string_value(json_object_get(f, "name"));
		v = json_object_get(block != NULL ? block : answers, name);
		if (is_display_only(f) || is_type(f, "pdf") || answer_is_empty(v) ||
		    !field_visible(f, answers, block))
			continue;
		if (!is_type(f, "group")) {
			json_object_set(out, name, (json_t *)v);
			continue;
		}
		blocks = json_array();
		json_array_foreach(v, k, e)
			json_array_append_new(blocks, pruned(f, answers, e));
		json_object_set_new(out, name, blocks);
	}
	return out;
}

json_t *
answers_submitted(const struct dossier *d)
{
	json_t		*out = json_object();
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(d->def, "pages"), i, p)
		if (page_visible(p, d->data)) {
			json_t *answers = pruned(p, d->data, NULL);

			json_object_update(out, answers);
			json_decref(answers);
		}
	return out;
}
