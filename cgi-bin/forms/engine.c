/*
 * The form engine: a procedure's definition (JSON, immutable per version,
 * so cached per worker for good), a dossier's answers, the checks of every
 * field type, conditions, and the data the page and summary templates read.
 *
 * Answers are stored as the user typed them, normalised when valid: a
 * draft keeps even a wrong IBAN, so leaving and coming back loses nothing.
 * The checks run again on every page, on the summary and at submission.
 */
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "db.h"
#include "forms.h"
#include "valid.h"

#define DEF_CACHE	64

static struct {
	long long	 proc;
	long long	 version;
	json_t		*def;
}			 defs[DEF_CACHE];
static unsigned		 defs_next;

static struct dbq q_def = DBQ(
    "SELECT definition::text FROM procedure_versions"
    " WHERE procedure_id = $1::bigint AND version = $2::integer");

static void
json_free(void *j)
{
	json_decref(j);
}

/* Hands j to the request's pool: it is freed with the request. */
json_t *
json_pooled(struct req *r, json_t *j)
{
	if (j != NULL && pool_defer(r->pool, json_free, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

const json_t *
def_load(struct req *r, const char *proc_id, const char *version)
{
	const char	*p[2] = { proc_id, version };
	long long	 proc = atoll(proc_id), ver = atoll(version);
	PGresult	*res;
	json_t		*def;
	unsigned	 i;

	for (i = 0; i < DEF_CACHE; i++)
		if (defs[i].def != NULL && defs[i].proc == proc &&
		    defs[i].version == ver)
			return defs[i].def;
	if ((res = db_query(r->pool, &q_def, 2, p)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	if ((def = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
		return NULL;
	i = defs_next++ % DEF_CACHE;
	json_decref(defs[i].def);
	defs[i].proc = proc;
	defs[i].version = ver;
	defs[i].def = def;
	return def;
}

/* The text in the request's language of a {fr, nl, de, en} object. */
const char *
def_text(struct req *r, const json_t *texts)
{
	const char	*s = json_string_value(json_object_get(texts,
			    lang_codes[r->lang]));

	return s != NULL ? s : "";
}

/*
 * The dossier, with "more" columns after the usual twelve.  Its
 * procedure's code comes with the cached definition, the time shown is
 * read off updated_at's text, and its annexes are summed up on the row
 * (sql/0025): no join, no subquery, no formatting per page.
 */
#define DOSSIER_COLUMNS_AND(more) \
    "SELECT d.id, d.status, d.procedure_id, d.procedure_version," \
    "  d.reference, to_char(d.submitted_at AT TIME ZONE 'UTC'," \
    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), d.owner_person_id," \
    "  d.acting_org_id, d.data::text, d.prefill_sources::text," \
    "  d.annexes::text," \
    "  d.updated_at::text" more \
    "  FROM dossiers d" \
    " WHERE d.id = $1::bigint"
#define DOSSIER_COLUMNS	DOSSIER_COLUMNS_AND("")
#define DOSSIER_CALLERS \
    "   AND CASE WHEN $3::bigint IS NULL" \
    "   THEN d.acting_org_id IS NULL AND d.owner_person_id = $2::bigint" \
    "   ELSE d.acting_org_id = $3::bigint" \
    "    AND d.procedure_id = ANY ($4::bigint[]) END"
#define DOSSIER_SELECT	DOSSIER_COLUMNS DOSSIER_CALLERS

static struct dbq q_dossier = DBQ(DOSSIER_SELECT);
static struct dbq q_dossier_lock = DBQ(DOSSIER_SELECT " FOR UPDATE OF d");
static struct dbq q_dossier_any = DBQ(DOSSIER_COLUMNS);
/*
 * To submit it: the number of its reference is taken in the same round
 * trip, from the procedure's sequence (sql/0009), if it is still a draft.
 */
static struct dbq q_dossier_submit = DBQ(DOSSIER_COLUMNS_AND(
    ", CASE WHEN d.status IN ('en_cours', 'complet')"
    "   THEN nextval(('dossier_ref_' || d.procedure_id)::regclass) END")
    DOSSIER_CALLERS);

/* Attachments by field, for the checks and the pages. */
static json_t *
files_by_field(const json_t *all)
{
	json_t	*by = json_object(), *a;
	size_t	 i;

	json_array_foreach(all, i, a) {
		const char	*field = json_string_value(json_object_get(a,
				    "field"));
		json_t		*l;

		if (field == NULL)
			continue;
		if ((l = json_object_get(by, field)) == NULL)
			json_object_set_new(by, field, l = json_array());
		json_array_append(l, a);
	}
	return by;
}

/*
 * The dossier if it is the caller's: their own when acting for
 * themselves, their organisation's when acting for it.  GERR_NOTFOUND
 * otherwise, whatever the reason, so ids reveal nothing.
 */
static enum gerr
dossier_fill(struct req *r, PGresult *res, struct dossier *d)
{
	const char	**out[8] = { &d->id, &d->status, &d->proc_id,
			    &d->version, &d->reference, &d->submitted_at,
			    &d->owner_id, &d->org_id };
	int		 k;

	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	for (k = 0; k < 8; k++)
		*out[k] = PQgetisnull(res, 0, k) ? NULL :
		    pool_strdup(r->pool, PQgetvalue(res, 0, k));
	d->data = json_pooled(r, json_loads(PQgetvalue(res, 0, 8), 0, NULL));
	d->sources = json_pooled(r, json_loads(PQgetvalue(res, 0, 9), 0,
	    NULL));
	if ((d->annexes = json_pooled(r, json_loads(PQgetvalue(res, 0, 10), 0,
	    NULL))) == NULL)
		return GERR_NOMEM;
	d->files = json_pooled(r, files_by_field(d->annexes));
	d->stamp = pool_strdup(r->pool, PQgetvalue(res, 0, 11));
	/* "YYYY-MM-DD HH:MM" of "YYYY-MM-DD HH:MM:SS.ffffff+01" (DateStyle
	 * ISO, time zone of the pages: lib/db.c) */
	d->updated_at = pool_strndup(r->pool, d->stamp, 16);
	if (PQnfields(res) > 12 && !PQgetisnull(res, 0, 12))
		d->number = pool_strdup(r->pool, PQgetvalue(res, 0, 12));
	if (d->data == NULL || d->sources == NULL || d->files == NULL ||
	    d->updated_at == NULL)
		return GERR_NOMEM;
	if ((d->def = def_load(r, d->proc_id, d->version)) == NULL ||
	    (d->code = json_string_value(json_object_get(d->def, "code"))) ==
	    NULL)
		return GERR_SYSTEM;
	return GERR_OK;
}

/* The title of a procedure version in the page's language, or "". */
const char *
def_title(struct req *r, const char *proc_id, const char *version)
{
	const json_t	*def = def_load(r, proc_id, version);

	return def != NULL ? def_text(r, json_object_get(def, "titles")) : "";
}

enum gerr
dossier_load(struct req *r, const char *id, struct dossier *d, int how)
{
	const char	*p[4];
	PGresult	*res;

	memset(d, 0, sizeof(*d));
	if (r->session == NULL || !valid_id(id))
		return GERR_NOTFOUND;
	p[0] = id;
	p[1] = r->session->person_id;
	p[2] = r->session->acting_org_id;
	p[3] = r->session->acting_procs;
	if ((res = db_query(r->pool, how == LOAD_SUBMIT ? &q_dossier_submit :
	    how == LOAD_LOCK ? &q_dossier_lock : &q_dossier, 4, p)) == NULL)
		return db_last_error();
	return dossier_fill(r, res, d);
}

/*
 * Any dossier, whoever owns it: for the back office, which has checked
 * that the agent may see it (the procedure is of their department).
 */
enum gerr
dossier_load_any(struct req *r, const char *id, struct dossier *d)
{
	const char	*p[1] = { id };
	PGresult	*res;

	memset(d, 0, sizeof(*d));
	if (!valid_id(id))
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_dossier_any, 1, p)) == NULL)
		return db_last_error();
	return dossier_fill(r, res, d);
}

int
is_draft(const struct dossier *d)
{
	return strcmp(d->status, "en_cours") == 0 ||
	    strcmp(d->status, "complet") == 0;
}

int
field_visible(const json_t *f, const json_t *answers, const json_t *block)
{
	const char	*c = json_string_value(json_object_get(f, "condition"));

	return c == NULL || cond_eval(c, answers, block) == 1;
}

/* A page is skipped when its condition is false or it shows nothing. */
int
page_visible(const json_t *page, const json_t *answers)
{
	const json_t	*f;
	size_t		 i;

	if (!field_visible(page, answers, NULL))
		return 0;
	json_array_foreach(json_object_get(page, "fields"), i, f)
		if (field_visible(f, answers, NULL))
			return 1;
	return 0;
}

const json_t *
page_find(const json_t *def, const char *id, size_t *index)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(def, "pages"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "id")), id) == 0) {
			if (index != NULL)
				*index = i;
			return p;
		}
	return NULL;
}

const char *
field_type(const json_t *f)
{
	return json_string_value(json_object_get(f, "type"));
}

int
is_type(const json_t *f, const char *t)
{
	return strcmp(field_type(f), t) == 0;
}

static int
is_display_only(const json_t *f)
{
	return is_type(f, "section") || is_type(f, "notice");
}

/* The localities of a Belgian postal code, or NULL if it has none. */
const char *
postcode_localities(struct req *r, const char *code)
{
	static struct dbq q = DBQ(
	    "SELECT string_agg(locality, ', ' ORDER BY locality)"
	    "  FROM postal_codes WHERE code = $1");
	const char	*p[1] = { code };
	PGresult	*res;

	if ((res = db_query_cached(r->pool, &q, 1, p, 3600)) == NULL ||
	    PQntuples(res) != 1 || PQgetisnull(res, 0, 0))
		return NULL;
	return PQgetvalue(res, 0, 0);
}

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
