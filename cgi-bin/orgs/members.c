/*
 * The organisation's users, shown to all of them; added, given roles per
 * procedure family, an end date, or removed by its main access manager.
 * Each change is the database's (sql/0020: org_member_add, _update,
 * _remove), which checks the manager again and writes the audit trail.
 */
#include <string.h>

#include "orgs.h"
#include "valid.h"
#include "when.h"

static struct dbq q_users = DBQ(
    "SELECT m.id, person_label(m.person_id), m.access_manager,"
    "  coalesce(m.pro_email, ''), m.pro_email_confirmed_at IS NOT NULL,"
    "  m.granted_at::date,"
    "  coalesce(person_label(m.granted_by), ''),"
    "  m.valid_until,"
    "  m.person_id = $2::bigint"
    "  FROM org_members m"
    " WHERE m.organisation_id = $1::bigint AND m.removed_at IS NULL"
    " ORDER BY m.access_manager DESC, person_label(m.person_id), m.id");

static const char *const user_cols[] = { "id", "name", "manager", "email",
    "confirmed", "granted", "granted_by", "until", "me" };

static struct dbq q_roles = DBQ(
    "SELECT r.member_id, coalesce(f.titles->>$2, f.titles->>'fr'),"
    "  coalesce(person_label(r.granted_by), ''),"
    "  r.granted_at::date"
    "  FROM org_member_roles r JOIN org_members m ON m.id = r.member_id"
    "  JOIN procedure_families f ON f.code = r.family_code"
    " WHERE m.organisation_id = $1::bigint AND m.removed_at IS NULL"
    " ORDER BY r.member_id, 2");

static const struct field add_fields[] = {
	{ "nrn", VT_NRN, { 0, 0, 0, 0 }, 1 },
	{ "until", VT_DATE, { 0, 0, 0, 0 }, 0 },
};

/* The list, with who granted each role and when; the add form. */
static enum gerr
users_render(struct req *r)
{
	const char	*p[2];
	PGresult	*res, *roles;
	int		 i, j, k;

	p[0] = r->session->acting_org_id;
	p[1] = r->session->person_id;
	if ((res = db_query(r->pool, &q_users, 2, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Users", res, user_cols, nitems(user_cols)) == -1)
		return GERR_NOMEM;
	p[1] = lang_codes[r->lang];
	if ((roles = db_query(r->pool, &q_roles, 2, p)) == NULL)
		return db_last_error();
	for (i = 0, j = 0; i < PQntuples(res); i++) {
		for (k = 0; j < PQntuples(roles) && strcmp(PQgetvalue(roles, j,
		    0), PQgetvalue(res, i, 0)) == 0; j++, k++) {
			const char *rp = pool_printf(r->pool,
			    "Users.%d.roles.%d", i, k);

			tmpl_set(r->hdf, pool_printf(r->pool, "%s.title", rp),
			    PQgetvalue(roles, j, 1));
			tmpl_set(r->hdf, pool_printf(r->pool, "%s.by", rp),
			    PQgetvalue(roles, j, 2));
			tmpl_set(r->hdf, pool_printf(r->pool, "%s.at", rp),
			    PQgetvalue(roles, j, 3));
		}
	}
	return org_render(r, 0, "orgs/users.cs");
}

/* The page's organisation and, for a change, its manager and eID. */
static enum gerr
users_start(struct req *r, int change)
{
	enum gerr	e;
	int		manager;

	if ((e = org_start(r, &manager, 1)) != GERR_OK || r->responded)
		return e;
	if (change && !manager)
		return GERR_NOTFOUND;
	return GERR_OK;
}

enum gerr
page_users(struct req *r)
{
	enum gerr	e;

	if ((e = users_start(r, 0)) != GERR_OK || r->responded)
		return e;
	if (req_query(r, "removed") != NULL)
		tmpl_set(r->hdf, "Query.removed", "1");
	return users_render(r);
}

static struct dbq q_add = DBQ(
    "SELECT org_member_add($1::bigint, $2::bigint, $3, $4::date, $5::inet)");

/* 303 to the new user's roles; 400 with the form again. */
enum gerr
page_user_add(struct req *r)
{
	const char	*v[nitems(add_fields)], *p[5];
	PGresult	*res;
	enum gerr	 e;

	if ((e = users_start(r, 1)) != GERR_OK || r->responded)
		return e;
	if (form_check(r, add_fields, nitems(add_fields), v) > 0 ||
	    r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "nrn", "err.expired");
		r->status = 400;
		return users_render(r);
	}
	p[0] = r->session->person_id;
	p[1] = r->session->acting_org_id;
	p[2] = v[0];
	p[3] = v[1];
	p[4] = req_remote_addr(r);
	if ((res = db_query(r->pool, &q_add, 5, p)) == NULL) {
		if ((e = org_fail(r, db_last_error(), "nrn")) != GERR_OK)
			return e;
		return users_render(r);
	}
	return resp_redirect(r, 303, pool_printf(r->pool, "/org/users/%s",
	    PQgetvalue(res, 0, 0)));
}

static struct dbq q_user = DBQ(
    "SELECT m.id, person_label(m.person_id), m.access_manager,"
    "  m.valid_until,"
    "  ARRAY(SELECT family_code FROM org_member_roles r"
    "   WHERE r.member_id = m.id)::text"
    "  FROM org_members m WHERE m.id = $2::bigint"
    "   AND m.organisation_id = $1::bigint AND m.removed_at IS NULL");

/* User.* and the families with theirs ticked; GERR_NOTFOUND if not one. */
static enum gerr
user_load(struct req *r, const char **held)
{
	const char	*p[2] = { r->session->acting_org_id, r->args[0] };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_user, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "User.id", PQgetvalue(res, 0, 0));
	tmpl_set(r->hdf, "User.name", PQgetvalue(res, 0, 1));
	tmpl_set(r->hdf, "User.manager", *PQgetvalue(res, 0, 2) == 't' ?
	    "1" : "0");
	if (hdf_get_value(r->hdf, "Form.until.value", NULL) == NULL)
		tmpl_set(r->hdf, "Form.until.value", when_cell(r->pool, res,
		    0, 3));
	*held = pool_strdup(r->pool, PQgetvalue(res, 0, 4));
	return GERR_OK;
}

static enum gerr
user_render(struct req *r, const char *held)
{
	enum gerr	e;

	if ((e = families_hdf(r, held)) != GERR_OK)
		return e;
	return org_render(r, 0, "orgs/user.cs");
}

/* 200 with a user's roles and end date, to change (the manager only). */
enum gerr
page_user(struct req *r)
{
	const char	*held;
	enum gerr	 e;

	if ((e = users_start(r, 1)) != GERR_OK || r->responded)
		return e;
	if ((e = user_load(r, &held)) != GERR_OK)
		return e;
	if (req_query(r, "saved") != NULL)
		tmpl_set(r->hdf, "User.saved", "1");
	return user_render(r, held);
}

static struct dbq q_update = DBQ(
    "SELECT org_member_update($1::bigint, $2::bigint, $3::bigint,"
    "  $4::text[], $5::date, $6::inet)");

static const struct field until_field[] = {
	{ "until", VT_DATE, { 0, 0, 0, 0 }, 0 },
};

/* 303 to the user's page, saved; 400 or 409 with the form again. */
enum gerr
page_user_post(struct req *r)
{
	const char	*held, *fam, *until, *p[6];
	enum gerr	 e;

	if ((e = users_start(r, 1)) != GERR_OK || r->responded)
		return e;
	if ((e = user_load(r, &held)) != GERR_OK)
		return e;
	fam = families_form(r);
	if (form_check(r, until_field, 1, &until) > 0 || fam == NULL ||
	    r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "until", "err.expired");
		r->status = 400;
		return user_render(r, fam != NULL ? fam : held);
	}
	p[0] = r->session->person_id;
	p[1] = r->session->acting_org_id;
	p[2] = r->args[0];
	p[3] = fam;
	p[4] = until;
	p[5] = req_remote_addr(r);
	if (db_query(r->pool, &q_update, 6, p) == NULL) {
		if ((e = org_fail(r, db_last_error(), "until")) != GERR_OK)
			return e;
		return user_render(r, fam);
	}
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/org/users/%s?saved=1", r->args[0]));
}

static struct dbq q_remove = DBQ(
    "SELECT org_member_remove($1::bigint, $2::bigint, $3::bigint, $4::inet)");

/* 303 to the list; 404 for no such user; 409 for the manager. */
enum gerr
page_user_remove(struct req *r)
{
	const char	*p[4];
	enum gerr	 e;

	if ((e = users_start(r, 1)) != GERR_OK || r->responded)
		return e;
	p[0] = r->session->person_id;
	p[1] = r->session->acting_org_id;
	p[2] = r->args[0];
	p[3] = req_remote_addr(r);
	if (db_query(r->pool, &q_remove, 4, p) == NULL)
		return db_last_error();
	return resp_redirect(r, 303, "/org/users?removed=1");
}
