/*
 * A dossier: loaded for the caller (only if theirs) or for the back office,
 * with its definition, answers and annexes; and the canonical form of a
 * submitted one, which the forms program seals at submission and
 * guichet-admin rebuilds from the database to show that nothing changed
 * since (docs/procedures.md gives an example).
 */
#include <string.h>

#include "db.h"
#include "dossier.h"
#include "formdef.h"
#include "when.h"

char *
dossier_canonical(const char *code, long long version, const char *id,
    const char *reference, const char *submitted_at, const json_t *answers,
    const json_t *annexes)
{
	json_t	*c = json_pack("{s:s, s:I, s:s, s:s, s:s, s:O, s:O}",
		    "procedure", code, "version", (json_int_t)version,
		    "dossier", id, "reference", reference, "submitted_at",
		    submitted_at, "answers", answers, "annexes", annexes);
	char	*s;

	if (c == NULL)
		return NULL;
	s = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(c);
	return s;
}

/*
 * Who sees a dossier is decided in one place: the row-level-security
 * policy on dossiers (sql/0021, scope_sees()), for the scope of the
 * session that lib/guard.c sets before every page.  The citizens' programs
 * connect as a role under that policy, and refuse to serve on any other
 * (lib/db.c), so a dossier that is not the caller's is not found, whatever
 * the reason: ids and references reveal nothing.  The back office and the
 * API connect as staff, which sees every row: they load a dossier only
 * after checking that it is of one of the caller's departments.
 *
 * The dossier, with "more" columns after the usual twelve.  Its
 * procedure's code comes with the cached definition, the time shown is
 * made of updated_at's text (lib/when.c), and its annexes are summed up on the row
 * (sql/0025): no join, no subquery, no formatting per page.
 */
#define DOSSIER_SELECT(more, where) \
    "SELECT d.id, d.status, d.procedure_id, d.procedure_version," \
    "  d.reference, to_char(d.submitted_at AT TIME ZONE 'UTC'," \
    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), d.owner_person_id," \
    "  d.acting_org_id, d.data::text, d.prefill_sources::text," \
    "  d.annexes::text," \
    "  d.updated_at::text" more \
    "  FROM dossiers d WHERE " where

static struct dbq q_dossier = DBQ(DOSSIER_SELECT("", "d.id = $1::bigint"));
static struct dbq q_dossier_lock = DBQ(DOSSIER_SELECT("", "d.id = $1::bigint")
    " FOR UPDATE OF d");
static struct dbq q_dossier_ref = DBQ(DOSSIER_SELECT("", "d.reference = $1"));
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
	/* as people read it, to the minute (lib/when.c) */
	d->updated_at = when_text(r->pool, d->stamp, WHEN_MINUTE);
	if (d->data == NULL || d->sources == NULL || d->files == NULL ||
	    d->updated_at == NULL)
		return GERR_NOMEM;
	if ((d->def = def_load(r, d->proc_id, d->version)) == NULL ||
	    (d->code = d->def->code) == NULL)
		return GERR_SYSTEM;
	return GERR_OK;
}

/* The dossier if the caller may see it (see above); GERR_NOTFOUND if not. */
enum gerr
dossier_load(struct req *r, const char *id, struct dossier *d, int how)
{
	const char	*p[1] = { id };
	PGresult	*res;

	memset(d, 0, sizeof(*d));
	if ((res = db_query(r->pool, how == LOAD_LOCK ? &q_dossier_lock :
	    &q_dossier, 1, p)) == NULL)
		return db_last_error();
	return dossier_fill(r, res, d);
}

/* The same by its reference, once submitted. */
enum gerr
dossier_load_ref(struct req *r, const char *ref, struct dossier *d)
{
	const char	*p[1] = { ref };
	PGresult	*res;

	memset(d, 0, sizeof(*d));
	if ((res = db_query(r->pool, &q_dossier_ref, 1, p)) == NULL)
		return db_last_error();
	return dossier_fill(r, res, d);
}

/* Where the caller's dossiers are looked for: DOSSIERS_OF_SCOPE's values. */
void
dossier_scope_params(const struct req *r, const char **person,
    const char **org)
{
	const struct session	*s = r->session;

	*person = s->acting_org_id == NULL ? s->person_id : NULL;
	*org = s->acting_org_id;
}

/*
 * Where a draft is filled when its procedure has a program of its own
 * (the definition's "program", docs/porting.md): that program's page of
 * the draft, or its overview when page is NULL or not one of the
 * definition's; NULL for the form engine's drafts.  A page asked
 * "?check=1" (a summary's "Change" link) keeps it.
 */
const char *
dossier_program_url(struct req *r, const struct dossier *d, const char *page)
{
	if (d->def == NULL || d->def->program == NULL)
		return NULL;
	if (page == NULL || page_find(d->def, page, NULL) == NULL)
		return pool_printf(r->pool, "%s/%s", d->def->program, d->id);
	return pool_printf(r->pool, "%s/%s/%s%s", d->def->program, d->id, page,
	    req_query(r, "check") != NULL ? "?check=1" : "");
}

int
is_draft(const struct dossier *d)
{
	return strcmp(d->status, "en_cours") == 0 ||
	    strcmp(d->status, "complet") == 0;
}
