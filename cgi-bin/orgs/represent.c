/*
 * A legal representative, as the company register lists them, designates
 * (or replaces) the organisation's main access manager; and a user of an
 * organisation confirms the professional address its notifications go to.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "connector.h"
#include "csrf.h"
#include "html.h"
#include "mail.h"
#include "orgs.h"
#include "valid.h"

static struct dbq q_by_bce = DBQ(
    "SELECT id FROM organisations WHERE bce = $1");

static struct dbq q_store = DBQ(
    "SELECT org_from_register($1, $2, $3, $4, $5::jsonb, $6::jsonb)");

/* The register's word on an enterprise, stored; its id in *id. */
static enum gerr
org_refresh(struct req *r, const char *bce, const char **id)
{
	json_t		*j, *reps, *rep, *out;
	const char	*kind, *p[6];
	char		*addr, *list;
	PGresult	*res;
	size_t		 i;
	enum gerr	 e;

	if ((e = connector_get(r->pool, "enterprises", bce, &j)) != GERR_OK)
		return e;
	kind = json_string_value(json_object_get(j, "kind"));
	if (kind == NULL || (strcmp(kind, "company") != 0 &&
	    strcmp(kind, "nonprofit") != 0 && strcmp(kind, "public") != 0) ||
	    json_string_value(json_object_get(j, "name")) == NULL)
		return GERR_UPSTREAM;
	out = json_array();
	reps = json_object_get(j, "legal_representatives");
	json_array_foreach(reps, i, rep) {
		const char *nrn = json_string_value(json_object_get(rep, "nrn"));
		const char *cap = json_string_value(json_object_get(rep,
		    "capacity"));

		if (nrn != NULL)
			json_array_append_new(out, json_pack("{s:s,s:s?}", "nrn",
			    nrn, "capacity", cap));
	}
	addr = json_dumps(json_object_get(j, "address") != NULL ?
	    json_object_get(j, "address") : json_null(),
	    JSON_COMPACT | JSON_ENCODE_ANY);
	list = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	p[0] = bce;
	p[1] = kind;
	p[2] = json_string_value(json_object_get(j, "name"));
	p[3] = json_string_value(json_object_get(j, "legal_form"));
	p[4] = addr != NULL ? pool_strdup(r->pool, addr) : "null";
	p[5] = list != NULL ? pool_strdup(r->pool, list) : "[]";
	free(addr);
	free(list);
	if ((res = db_query(r->pool, &q_store, 6, p)) == NULL)
		return db_last_error();
	*id = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	return GERR_OK;
}

/*
 * The organisation with that (valid) number: known here, or fetched from
 * the company register.  GERR_NOTFOUND if the register does not know it,
 * GERR_UPSTREAM if the register cannot say.
 */
enum gerr
org_by_bce(struct req *r, const char *bce, const char **id)
{
	const char	*p[1] = { bce };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_by_bce, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1) {
		*id = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
		return GERR_OK;
	}
	return org_refresh(r, bce, id);
}

static const struct field bce_field[] = {
	{ "bce", VT_BCE, { 0, 0, 0, 0 }, 1 },
};

static enum gerr
represent_render(struct req *r, int status)
{
	return org_render(r, status, "orgs/represent.cs");
}

/* 200 with the form: which organisation one represents. */
enum gerr
page_represent(struct req *r)
{
	return represent_render(r, 200);
}

static struct dbq q_is_rep = DBQ(
    "SELECT o.bce, o.name, coalesce(o.legal_form, ''),"
    "  coalesce(r.capacity, ''),"
    "  coalesce((SELECT person_label(m.person_id) FROM org_members m"
    "   WHERE m.organisation_id = o.id AND m.access_manager"
    "    AND m.removed_at IS NULL), ''), o.id"
    "  FROM organisations o JOIN org_legal_reps r ON r.organisation_id = o.id"
    "  JOIN persons p ON p.nrn = r.person_nrn"
    " WHERE o.bce = $1 AND p.id = $2::bigint");

/*
 * 303 to the organisation's page if the register, asked now, lists the
 * user as its legal representative; 403 with the form if it does not,
 * 400 for a number that is not one, 502 if the register cannot say.
 */
enum gerr
page_represent_post(struct req *r)
{
	const char	*bce, *id, *p[2];
	PGresult	*res;
	enum gerr	 e;

	if (form_check(r, bce_field, 1, &bce) > 0 || r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "bce", "err.expired");
		return represent_render(r, 400);
	}
	if ((e = org_refresh(r, bce, &id)) != GERR_OK) {
		if (e != GERR_NOTFOUND && e != GERR_UPSTREAM)
			return e;
		form_error(r, "bce", e == GERR_NOTFOUND ?
		    "orgs.err_unknown_bce" : "orgs.err_register");
		return represent_render(r, e == GERR_NOTFOUND ? 400 : 502);
	}
	p[0] = bce;
	p[1] = r->session->person_id;
	if ((res = db_query(r->pool, &q_is_rep, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		form_error(r, "bce", "orgs.err_not_rep");
		return represent_render(r, 403);
	}
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/org/represent/%s", bce));
}

/* Rep.*: the organisation one represents; GERR_NOTFOUND otherwise. */
static enum gerr
rep_load(struct req *r, const char **org)
{
	const char	*p[2] = { r->args[0], r->session->person_id };
	PGresult	*res;

	if (strlen(r->args[0]) != 10 ||
	    strspn(r->args[0], "0123456789") != 10)
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_is_rep, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Rep.bce", PQgetvalue(res, 0, 0));
	tmpl_set(r->hdf, "Rep.name", PQgetvalue(res, 0, 1));
	tmpl_set(r->hdf, "Rep.legal_form", PQgetvalue(res, 0, 2));
	tmpl_set(r->hdf, "Rep.capacity", PQgetvalue(res, 0, 3));
	tmpl_set(r->hdf, "Rep.manager", PQgetvalue(res, 0, 4));
	*org = pool_strdup(r->pool, PQgetvalue(res, 0, 5));
	return GERR_OK;
}

static enum gerr
rep_render(struct req *r, int status)
{
	return org_render(r, status, "orgs/represent_org.cs");
}

enum gerr
page_represent_org(struct req *r)
{
	const char	*org;
	enum gerr	 e;

	if ((e = rep_load(r, &org)) != GERR_OK)
		return e;
	if (req_query(r, "done") != NULL)
		tmpl_set(r->hdf, "Rep.done", "1");
	return rep_render(r, 200);
}

static const struct field nrn_field[] = {
	{ "nrn", VT_NRN, { 0, 0, 0, 0 }, 1 },
};

static struct dbq q_designate = DBQ(
    "SELECT org_designate_manager($1::bigint, $2::bigint, $3, $4::inet)");

/* 303 back, designated; 400 with the form; 404 if not a representative. */
enum gerr
page_represent_manager(struct req *r)
{
	const char	*org, *nrn, *p[4];
	enum gerr	 e;

	if ((e = rep_load(r, &org)) != GERR_OK)
		return e;
	if (form_check(r, nrn_field, 1, &nrn) > 0 || r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "nrn", "err.expired");
		return rep_render(r, 400);
	}
	p[0] = r->session->person_id;
	p[1] = org;
	p[2] = nrn;
	p[3] = req_remote_addr(r);
	if (db_query(r->pool, &q_designate, 4, p) == NULL) {
		if ((e = org_fail(r, db_last_error(), "nrn")) != GERR_OK)
			return e;
		return rep_render(r, r->status);
	}
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/org/represent/%s?done=1", r->args[0]));
}
