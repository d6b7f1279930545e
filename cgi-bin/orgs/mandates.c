/*
 * Mandates: an organisation (or a person) acting for a beneficiary
 * organisation, for some procedure families, between two dates.  The
 * mandatary's access manager (or the person) asks; the beneficiary's
 * access manager accepts or refuses, or gives one at once; either side
 * revokes.  sql/0020 (mandate_create, mandate_decide) checks who may.
 */
#include <string.h>

#include "orgs.h"
#include "valid.h"

#define MANDATE_COLS \
    "SELECT md.id, md.status, md.starts_on, md.ends_on," \
    "  (SELECT string_agg(coalesce(f.titles->>$2, f.code), ', ' ORDER BY 1)" \
    "   FROM procedure_families f WHERE f.code = ANY (md.scope))," \
    "  bo.name, bo.bce," \
    "  coalesce(mo.name, person_label(md.mandatary_person_id))," \
    "  coalesce(mo.bce, '')," \
    "  md.status = 'accepted' AND current_date > md.ends_on," \
    "  md.requested_at::date," \
    "  coalesce(person_label(md.requested_by), '')" \
    "  FROM mandates md JOIN organisations bo ON bo.id = md.beneficiary_org_id" \
    "  LEFT JOIN organisations mo ON mo.id = md.mandatary_org_id"

static struct dbq q_given = DBQ(MANDATE_COLS
    " WHERE md.beneficiary_org_id = $1::bigint"
    " ORDER BY md.status = 'requested' DESC, md.ends_on DESC, md.id DESC");
static struct dbq q_held_org = DBQ(MANDATE_COLS
    " WHERE md.mandatary_org_id = $1::bigint"
    " ORDER BY md.ends_on DESC, md.id DESC");
static struct dbq q_held_person = DBQ(MANDATE_COLS
    " WHERE md.mandatary_person_id = $1::bigint"
    " ORDER BY md.ends_on DESC, md.id DESC");

static const char *const mandate_cols[] = { "id", "status", "from", "to",
    "scope", "beneficiary", "beneficiary_bce", "mandatary",
    "mandatary_bce", "expired", "requested", "requested_by" };

static const struct field mandate_fields[] = {
	{ "bce", VT_BCE, { 0, 0, 0, 0 }, 0 },
	{ "nrn", VT_NRN, { 0, 0, 0, 0 }, 0 },
	{ "from", VT_DATE, { 0, 0, 0, 0 }, 1 },
	{ "to", VT_DATE, { 0, 0, 0, 0 }, 1 },
};

/*
 * Acting for an organisation: the mandates it gave and holds; acting for
 * oneself: the mandates one holds.  With the forms to ask or give one.
 */
static enum gerr
mandates_render(struct req *r)
{
	const struct session	*s = r->session;
	const char		*p[2];
	PGresult		*res;
	enum gerr		 e;

	p[1] = lang_codes[r->lang];
	if (s->acting_org_id != NULL) {
		p[0] = s->acting_org_id;
		if ((res = db_query(r->pool, &q_given, 2, p)) == NULL ||
		    req_hdf_rows(r, "Given", res, mandate_cols,
		    nitems(mandate_cols)) == -1)
			return db_last_error();
		if ((res = db_query(r->pool, &q_held_org, 2, p)) == NULL)
			return db_last_error();
	} else {
		p[0] = s->person_id;
		if ((res = db_query(r->pool, &q_held_person, 2, p)) == NULL)
			return db_last_error();
	}
	if (req_hdf_rows(r, "Held", res, mandate_cols, nitems(mandate_cols))
	    == -1)
		return GERR_NOMEM;
	if ((e = families_hdf(r, "{}")) != GERR_OK)
		return e;
	return org_render(r, 0, "orgs/mandates.cs");
}

/* Org.* when acting for one through a role (a mandatary's mandate gives none). */
static enum gerr
mandates_start(struct req *r, int *manager)
{
	enum gerr	e;

	*manager = 0;
	if ((e = org_load(r, manager)) != GERR_OK && e != GERR_NOTFOUND)
		return e;
	if (r->session->acting_mandate_id != NULL)
		return GERR_NOTFOUND;
	return GERR_OK;
}

enum gerr
page_mandates(struct req *r)
{
	enum gerr	e;
	int		manager;

	if ((e = mandates_start(r, &manager)) != GERR_OK || r->responded)
		return e;
	if (req_query(r, "saved") != NULL)
		tmpl_set(r->hdf, "Query.saved", "1");
	return mandates_render(r);
}

static struct dbq q_create = DBQ(
    "SELECT mandate_create($1::bigint, $2::bigint, $3::bigint, $4::bigint,"
    "  $5::text[], $6::date, $7::date, $8::boolean, $9::inet)");

static struct dbq q_person = DBQ("SELECT person_by_nrn($1)");

/*
 * "side=ask": the organisation acted for (or the person) asks a mandate
 * of the beneficiary "bce".  "side=give": the organisation acted for gives
 * one to the organisation "bce" or the person "nrn".  303 to the list;
 * 400 with the form again.
 */
enum gerr
page_mandate_new(struct req *r)
{
	const struct session	*s = r->session;
	const char		*v[nitems(mandate_fields)], *p[9], *side;
	const char		*other = NULL, *scope;
	PGresult		*res;
	enum gerr		 e;
	int			 manager, give, bad;

	if ((e = mandates_start(r, &manager)) != GERR_OK || r->responded)
		return e;
	side = req_form(r, "side");
	give = side != NULL && strcmp(side, "give") == 0;
	if (s->acting_org_id != NULL && !manager)
		return GERR_NOTFOUND;
	if (give && s->acting_org_id == NULL)
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Form.side", give ? "give" : "ask");
	bad = form_check(r, mandate_fields, nitems(mandate_fields), v);
	scope = families_form(r);
	if (scope == NULL || strcmp(scope, "{}") == 0) {
		form_error(r, "scope", "orgs.err_scope");
		bad++;
	}
	if (v[0] == NULL && (!give || v[1] == NULL) &&
	    hdf_get_value(r->hdf, "Form.bce.error", NULL) == NULL &&
	    hdf_get_value(r->hdf, "Form.nrn.error", NULL) == NULL) {
		form_error(r, "bce", give ? "orgs.err_whom" : "err.required");
		bad++;
	}
	if (r->csrf_failed) {
		form_error(r, "bce", "err.expired");
		bad++;
	}
	if (bad == 0 && v[0] != NULL && (e = org_by_bce(r, v[0], &other)) !=
	    GERR_OK) {
		if (e != GERR_NOTFOUND && e != GERR_UPSTREAM)
			return e;
		form_error(r, "bce", e == GERR_NOTFOUND ? "orgs.err_unknown_bce" :
		    "orgs.err_register");
		bad++;
	}
	if (bad > 0) {
		r->status = 400;
		return mandates_render(r);
	}
	p[0] = s->person_id;
	p[5] = v[2];
	p[6] = v[3];
	p[7] = give ? "true" : "false";
	p[8] = req_remote_addr(r);
	p[4] = scope;
	if (give) {
		p[1] = s->acting_org_id;
		p[2] = other;
		p[3] = NULL;
		if (other == NULL) {
			if ((res = db_query(r->pool, &q_person, 1, &v[1])) == NULL)
				return db_last_error();
			p[3] = PQgetvalue(res, 0, 0);
		}
	} else {
		p[1] = other;
		p[2] = s->acting_org_id;
		p[3] = s->acting_org_id == NULL ? s->person_id : NULL;
	}
	if (db_query(r->pool, &q_create, 9, p) == NULL) {
		if ((e = org_fail(r, db_last_error(), "from")) != GERR_OK)
			return e == GERR_NOTFOUND ? GERR_NOTFOUND : e;
		return mandates_render(r);
	}
	return resp_redirect(r, 303, "/org/mandates?saved=1");
}

static struct dbq q_decide = DBQ(
    "SELECT mandate_decide($1::bigint, $2::bigint, $3, $4::inet)");

/* accept, refuse or revoke: 303 to the list; 404 if not a party; 409. */
enum gerr
page_mandate_act(struct req *r)
{
	const char	*a = r->args[1], *p[4];
	enum gerr	 e;
	int		 manager;

	if ((e = mandates_start(r, &manager)) != GERR_OK || r->responded)
		return e;
	if ((strcmp(a, "accept") != 0 &&
	    strcmp(a, "refuse") != 0 && strcmp(a, "revoke") != 0))
		return GERR_NOTFOUND;
	p[0] = r->session->person_id;
	p[1] = r->args[0];
	p[2] = a;
	p[3] = req_remote_addr(r);
	if (db_query(r->pool, &q_decide, 4, p) == NULL)
		return db_last_error();
	return resp_redirect(r, 303, "/org/mandates?saved=1");
}
