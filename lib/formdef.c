/*
 * Procedure definitions as the programs read them: a version's JSON
 * (cached per worker, pinned per request), its texts in the request's
 * language, its pages and fields, and which of them the answers show.
 */
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "db.h"
#include "formdef.h"

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

static json_t *
def_cached(long long proc, long long ver)
{
	unsigned	i;

	for (i = 0; i < DEF_CACHE; i++)
		if (defs[i].def != NULL && defs[i].proc == proc &&
		    defs[i].version == ver)
			return defs[i].def;
	return NULL;
}

/* Takes a reference of its own; drops the oldest entry's. */
static void
def_cache_add(long long proc, long long ver, json_t *def)
{
	unsigned	i = defs_next++ % DEF_CACHE;

	json_decref(defs[i].def);
	defs[i].proc = proc;
	defs[i].version = ver;
	defs[i].def = json_incref(def);
}

/* The request holds a reference until its pool is freed. */
static const json_t *
def_pin(struct req *r, json_t *def)
{
	return json_pooled(r, json_incref(def));
}

/*
 * The definition of a procedure's version.  Versions never change, so the
 * last DEF_CACHE read stay in the worker for good; each request that
 * reads one holds a reference to it until its pool is freed (jansson's
 * reference count is the pin), so an entry evicted while a request still
 * uses it lives on until that request ends.
 */
const json_t *
def_load(struct req *r, const char *proc_id, const char *version)
{
	const char	*p[2] = { proc_id, version };
	long long	 proc = atoll(proc_id), ver = atoll(version);
	PGresult	*res;
	json_t		*def;

	if ((def = def_cached(proc, ver)) == NULL) {
		if ((res = db_query(r->pool, &q_def, 2, p)) == NULL ||
		    PQntuples(res) != 1 || (def = json_loads(PQgetvalue(res,
		    0, 0), 0, NULL)) == NULL)
			return NULL;
		def_cache_add(proc, ver, def);
		json_decref(def);	/* the cache's reference is enough */
	}
	return def_pin(r, def);
}

/* The text in the request's language of a {fr, nl, de, en} object. */
const char *
def_text(struct req *r, const json_t *texts)
{
	const char	*s = json_string_value(json_object_get(texts,
			    lang_codes[r->lang]));

	return s != NULL ? s : "";
}

/* The title of a procedure version in the page's language, or "". */
const char *
def_title(struct req *r, const char *proc_id, const char *version)
{
	const json_t	*def = def_load(r, proc_id, version);

	return def != NULL ? def_text(r, json_object_get(def, "titles")) : "";
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

int
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
