/*
 * "Mes données": what the platform holds about the person (the profile),
 * which authentic sources filled which of their dossiers, and every time
 * someone else read their data: an agent opening one of their dossiers or
 * a business application reading it through the API, with the department
 * and the purpose.  Acting for an organisation, the log is the
 * organisation's.
 */
#include <string.h>

#include "db.h"
#include "dossiers.h"
#include "when.h"

static struct dbq q_profile = DBQ(
    "SELECT given_names, surname, nrn, coalesce(email, ''), lang,"
    "  created_at::date FROM persons WHERE id = $1::bigint");
static const char *const profile_cols[] = { "given_names", "surname",
    "nrn", "email", "lang", "since" };

static struct dbq q_sources = DBQ(
    "SELECT coalesce(d.reference, ''), d.procedure_id, d.procedure_version,"
    "  d.status, d.created_at::date,"
    "  count(*), bool_or(v->>'from' = 'profile'),"
    "  bool_or(v->>'from' = 'register'), bool_or(v->>'from' = 'company'),"
    "  bool_or(v->>'from' = 'previous')"
    "  FROM dossiers d, jsonb_each(d.prefill_sources) AS e(k, v)"
    " WHERE " DOSSIERS_OF_SCOPE("$1::bigint", "$2::bigint")
    "   AND left(e.k, 1) <> '_'"
    " GROUP BY d.id ORDER BY d.created_at DESC, d.id DESC LIMIT 100");

static struct dbq q_access = DBQ(
    "SELECT l.at,"
    "  coalesce(dep.names->>$3, dep.names->>'fr', ''), l.purpose,"
    "  coalesce(d.reference, ''),"
    "  CASE WHEN l.agent_id IS NOT NULL THEN 'agent' ELSE 'application' END,"
    "  coalesce(c.name, '')"
    "  FROM access_log l"
    "  LEFT JOIN departments dep ON dep.id = l.department_id"
    "  LEFT JOIN dossiers d ON d.id = l.dossier_id"
    "  LEFT JOIN api_clients c ON c.id = l.api_client_id"
    " WHERE (l.person_id = $1::bigint OR l.organisation_id = $2::bigint)"
    " ORDER BY l.at DESC, l.id DESC LIMIT 200");
static const char *const access_cols[] = { "at", "department", "purpose",
    "reference", "by", "application" };

/* 85.07.30-033.28: the way the card prints it. */
static const char *
nrn_printed(struct req *r, const char *n)
{
	if (strlen(n) != 11)
		return n;
	return pool_printf(r->pool, "%.2s.%.2s.%.2s-%.3s.%.2s", n, n + 2,
	    n + 4, n + 6, n + 9);
}

enum gerr
page_my_data(struct req *r)
{
	const char	*p[3], *rp;
	PGresult	*res;
	int		 i;

	p[0] = r->session->person_id;
	if ((res = db_query(r->pool, &q_profile, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	req_hdf_rows(r, "Profile", res, profile_cols, nitems(profile_cols));
	hdf_put(r, "Profile.0", "nrn", nrn_printed(r, PQgetvalue(res, 0, 2)));
	/* whose dossiers and log: the policies decide (lib/dossier.c) */
	dossier_scope_params(r, &p[0], &p[1]);
	p[2] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_sources, 2, p)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++) {
		rp = pool_printf(r->pool, "Sources.%d", i);
		hdf_put(r, rp, "reference", PQgetvalue(res, i, 0));
		hdf_put(r, rp, "title", def_title(r, PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2)));
		hdf_put(r, rp, "status", PQgetvalue(res, i, 3));
		hdf_put(r, rp, "created", when_cell(r->pool, res, i, 4));
		hdf_put(r, rp, "fields", PQgetvalue(res, i, 5));
		hdf_put(r, rp, "profile", *PQgetvalue(res, i, 6) == 't' ? "1" : "0");
		hdf_put(r, rp, "register", *PQgetvalue(res, i, 7) == 't' ? "1" : "0");
		hdf_put(r, rp, "company", *PQgetvalue(res, i, 8) == 't' ? "1" : "0");
		hdf_put(r, rp, "previous", *PQgetvalue(res, i, 9) == 't' ? "1" : "0");
	}
	if ((res = db_query(r->pool, &q_access, 3, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Access", res, access_cols, nitems(access_cols));
	r->cache = "private, no-store";
	return resp_render(r, 200, "dossiers/data.cs");
}
