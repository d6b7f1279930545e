/*
 * The catalogue: the online procedures that fit who is asking (a citizen,
 * or the kind of organisation they act for), in their language, with a
 * search and the procedure families as themes; and a public page per
 * procedure saying what is needed before starting.
 */
#include <string.h>

#include "db.h"
#include "forms.h"
#include "valid.h"

/* The audience of the caller: citizens, or their organisation's kind. */
static struct dbq q_audience = DBQ(
    "SELECT CASE kind WHEN 'nonprofit' THEN 'nonprofit' ELSE 'company' END"
    "  FROM organisations WHERE id = $1::bigint");

/*
 * The procedures, and the certificates (docs/certificates.md: asked for
 * at /certificates, for citizens, under the population theme), so that a
 * search for what a retired procedure gave finds what replaces it.
 */
static struct dbq q_catalogue = DBQ(
    "SELECT href, title, summary, family, family_title FROM ("
    " SELECT '/procedures/' || p.code AS href,"
    "  v.definition->'titles'->>$1 AS title,"
    "  v.definition->'summary'->>$1 AS summary, p.family_code AS family,"
    "  f.titles->>$1 AS family_title"
    "  FROM procedures p"
    "  JOIN procedure_versions v ON v.procedure_id = p.id"
    "   AND v.version = p.current_version"
    "  JOIN procedure_families f ON f.code = p.family_code"
    " WHERE p.online"
    "   AND ($2::text IS NULL OR v.definition->'audience' ? $2)"
    "   AND ($3::text IS NULL OR p.family_code = $3)"
    " UNION ALL"
    " SELECT '/certificates/' || t.code,"
    "  coalesce(t.definition->'titles'->>$1, t.definition->'titles'->>'fr'),"
    "  coalesce(t.definition->'summary'->>$1,"
    "   t.definition->'summary'->>'fr'), f.code, f.titles->>$1"
    "  FROM certificate_types t, procedure_families f"
    " WHERE t.online AND f.code = 'population'"
    "   AND ($2::text IS NULL OR $2 = 'citizen')"
    "   AND ($3::text IS NULL OR $3 = 'population')) c"
    " WHERE $4::text IS NULL"
    "  OR search_fold(title) LIKE '%' || search_fold($4) || '%'"
    "  OR search_fold(summary) LIKE '%' || search_fold($4) || '%'"
    " ORDER BY 2");

/* The themes with a procedure for the caller: none is offered empty. */
static struct dbq q_families = DBQ(
    "SELECT DISTINCT f.code, f.titles->>$1 FROM procedure_families f"
    "  JOIN procedures p ON p.family_code = f.code AND p.online"
    "  JOIN procedure_versions v ON v.procedure_id = p.id"
    "   AND v.version = p.current_version"
    " WHERE $2::text IS NULL OR v.definition->'audience' ? $2"
    " UNION SELECT f.code, f.titles->>$1 FROM procedure_families f"
    " WHERE f.code = 'population' AND ($2::text IS NULL OR $2 = 'citizen')"
    "  AND EXISTS (SELECT FROM certificate_types t WHERE t.online)"
    " ORDER BY 2");

static const char *const proc_cols[] = { "href", "title", "summary",
    "family", "family_title" };
static const char *const family_cols[] = { "code", "title" };

/*
 * Escapes %, _ and \ so that a search is a plain substring; accents and
 * case are left to search_fold() (sql/0030): "velo" finds "vélo".
 */
static const char *
like_literal(struct req *r, const char *q)
{
	struct buf	b;

	buf_init(&b, r->pool);
	for (; *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *q);
	}
	return buf_cstr(&b);
}

static enum gerr
audience(struct req *r, const char **aud)
{
	const char	*p[1];
	PGresult	*res;

	*aud = NULL;
	if (r->session == NULL)
		return GERR_OK;		/* anonymous: everything, to read */
	*aud = "citizen";
	if (r->session->acting_org_id == NULL)
		return GERR_OK;
	p[0] = r->session->acting_org_id;
	if ((res = db_query(r->pool, &q_audience, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1)
		*aud = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	return GERR_OK;
}

/* 200 with the procedures that fit; 400 for a search over 100 characters. */
enum gerr
page_catalogue(struct req *r)
{
	static const struct vlimits	 lim = { 0, 100, 0, 0 };
	const char			*q = req_query(r, "q");
	const char			*fam = req_query(r, "theme"), *p[4];
	PGresult			*res;
	enum gerr			 e;

	r->tmpl = "forms/catalogue.cs";
	p[0] = lang_codes[r->lang];
	if ((e = audience(r, &p[1])) != GERR_OK)
		return e;
	if ((res = db_query(r->pool, &q_families, 2, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Themes", res, family_cols,
	    nitems(family_cols)) == -1)
		return GERR_NOMEM;
	if (q != NULL && q[strspn(q, " ")] == '\0')
		q = NULL;
	if (fam != NULL && *fam == '\0')
		fam = NULL;
	tmpl_set(r->hdf, "Catalogue.q", q ? q : "");
	tmpl_set(r->hdf, "Catalogue.theme", fam ? fam : "");
	if (q != NULL && !valid_text(q, &lim, NULL, 0)) {
		tmpl_set(r->hdf, "Catalogue.error",
		    req_tr(r, "catalogue.search_too_long"));
		return resp_render(r, 400, r->tmpl);
	}
	p[2] = fam;
	p[3] = q ? like_literal(r, q) : NULL;
	if ((res = db_query(r->pool, &q_catalogue, 4, p)) == NULL)
		return db_last_error();
	tmpl_setf(r->hdf, "Catalogue.count", "%d", PQntuples(res));
	return req_hdf_rows(r, "Procedures", res, proc_cols,
	    nitems(proc_cols)) == -1 ? GERR_NOMEM : GERR_OK;
}

static struct dbq q_procedure = DBQ(
    "SELECT v.definition->'titles'->>$2, v.definition->'summary'->>$2,"
    "  v.definition->'documents'->>$2, v.definition->'deadline'->>$2,"
    "  v.definition->>'assurance', d.names->>$2, f.titles->>$2,"
    "  (SELECT string_agg(a, ' ') FROM"
    "   jsonb_array_elements_text(v.definition->'audience') a),"
    "  p.family_code,"
    "  CASE WHEN NOT v.definition->'audience' ? $3 THEN 'audience'"
    "   WHEN $4::bigint[] IS NOT NULL AND p.id <> ALL ($4::bigint[])"
    "   THEN 'role' END, p.replaced_by"
    "  FROM procedures p"
    "  JOIN procedure_versions v ON v.procedure_id = p.id"
    "   AND v.version = p.current_version"
    "  JOIN departments d ON d.id = p.department_id"
    "  JOIN procedure_families f ON f.code = p.family_code"
    " WHERE p.code = $1 AND (p.online OR p.replaced_by IS NOT NULL)");

static const char *const detail_cols[] = { "title", "summary", "documents",
    "deadline", "assurance", "department", "family_title", "audience",
    "family", "cannot_start" };

/*
 * 200 with what the procedure asks before starting, and a Start button
 * only for whom may start it: logged in, for the procedure's audience
 * (citizens, companies, non-profits) and, acting for an organisation,
 * with a role (or a mandate) for its family; otherwise why not
 * (Procedure.cannot_start: "audience" or "role").  404 if not online;
 * 301 to what replaces a retired one (its links and bookmarks).
 */
enum gerr
page_procedure(struct req *r)
{
	const char	*p[4] = { r->args[0], lang_codes[r->lang] };
	PGresult	*res;
	enum gerr	 e;
	int		 k;

	if ((e = audience(r, &p[2])) != GERR_OK)
		return e;
	/* the procedures acting for the organisation allows, as start does */
	p[3] = r->session != NULL && r->session->acting_org_id != NULL ?
	    (r->session->acting_procs != NULL ? r->session->acting_procs :
	    "{}") : NULL;
	if ((res = db_query(r->pool, &q_procedure, 4, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (!PQgetisnull(res, 0, (int)nitems(detail_cols)))
		return resp_redirect(r, 301, PQgetvalue(res, 0,
		    (int)nitems(detail_cols)));
	for (k = 0; k < (int)nitems(detail_cols); k++)
		if (!PQgetisnull(res, 0, k))
			tmpl_set(r->hdf, pool_printf(r->pool, "Procedure.%s",
			    detail_cols[k]), PQgetvalue(res, 0, k));
	tmpl_set(r->hdf, "Procedure.code", r->args[0]);
	r->tmpl = "forms/procedure.cs";
	return GERR_OK;
}
