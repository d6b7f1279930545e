/*
 * Procedure definitions as the programs read them: a version's
 * definition compiled (lib/fdef.c; cached per worker, pinned per
 * request), its texts in the request's language, its pages and fields,
 * and which of them the answers show.
 */
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "db.h"
#include "formdef.h"
#include "log.h"

#define DEF_CACHE	64

static struct {
	long long	 proc;
	long long	 version;
	struct fdef	*def;
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

static struct fdef *
def_cached(long long proc, long long ver)
{
	unsigned	i;

	for (i = 0; i < DEF_CACHE; i++)
		if (defs[i].def != NULL && defs[i].proc == proc &&
		    defs[i].version == ver)
			return defs[i].def;
	return NULL;
}

/* A pin dropped: the last one frees the definition. */
static void
def_unpin(void *arg)
{
	struct fdef	*def = arg;

	if (def != NULL && --def->pins == 0)
		fdef_free(def);
}

/* The cache pins what it holds; the oldest entry's pin is dropped. */
static void
def_cache_add(long long proc, long long ver, struct fdef *def)
{
	unsigned	i = defs_next++ % DEF_CACHE;

	def_unpin(defs[i].def);
	defs[i].proc = proc;
	defs[i].version = ver;
	defs[i].def = def;
	def->pins++;
}

/* The request pins it until its pool is freed. */
static const struct fdef *
def_pin(struct req *r, struct fdef *def)
{
	def->pins++;
	if (pool_defer(r->pool, def_unpin, def) == -1) {
		def_unpin(def);
		return NULL;
	}
	return def;
}

/*
 * The definition of a procedure's version, compiled (lib/fdef.c).
 * Versions never change, so the last DEF_CACHE read stay in the worker
 * for good; each request that reads one pins it until its pool is freed,
 * so an entry evicted while a request still uses it lives on until that
 * request ends (after PostgreSQL's relcache).
 */
const struct fdef *
def_load(struct req *r, const char *proc_id, const char *version)
{
	const char	*p[2] = { proc_id, version };
	long long	 proc = atoll(proc_id), ver = atoll(version);
	PGresult	*res;
	json_t		*json;
	struct fdef	*def;
	char		 err[400];

	if ((def = def_cached(proc, ver)) != NULL)
		return def_pin(r, def);
	if ((res = db_query(r->pool, &q_def, 2, p)) == NULL ||
	    PQntuples(res) != 1 || (json = json_loads(PQgetvalue(res, 0, 0), 0,
	    NULL)) == NULL)
		return NULL;
	def = fdef_compile(json, err, sizeof(err));
	json_decref(json);		/* the definition's reference is enough */
	if (def == NULL) {
		log_warnx("procedure %s version %s: %s", proc_id, version, err);
		return NULL;
	}
	def_cache_add(proc, ver, def);
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
	const struct fdef	*def = def_load(r, proc_id, version);

	return def != NULL ? def_text(r, def->titles) : "";
}

int
field_visible(const struct ffield *f, const json_t *answers,
    const json_t *block)
{
	return f->condition == NULL || cond_eval(f->condition, answers,
	    block) == 1;
}

/* A page is skipped when its condition is false or it shows nothing. */
int
page_visible(const struct fpage *page, const json_t *answers)
{
	const struct ffield	*f;

	if (page->condition != NULL && cond_eval(page->condition, answers,
	    NULL) != 1)
		return 0;
	fblock_foreach(&page->block, f)
		if (field_visible(f, answers, NULL))
			return 1;
	return 0;
}

const struct fpage *
page_find(const struct fdef *def, const char *id, size_t *index)
{
	size_t	i;

	for (i = 0; i < def->npages; i++)
		if (strcmp(def->pages[i].id, id) == 0) {
			if (index != NULL)
				*index = i;
			return &def->pages[i];
		}
	return NULL;
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
