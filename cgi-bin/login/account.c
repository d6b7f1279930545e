/* After login: acting for an organisation, the list of sessions, logout. */
#include <string.h>

#include "audit.h"
#include "conf.h"
#include "db.h"
#include "html.h"
#include "login.h"

static struct dbq q_orgs = DBQ(
    "SELECT o.id, o.name, o.bce FROM org_members m"
    "  JOIN organisations o ON o.id = m.organisation_id"
    " WHERE m.person_id = $1::bigint AND m.removed_at IS NULL"
    "   AND (m.valid_until IS NULL OR m.valid_until >= current_date)"
    " ORDER BY o.name");

/* The person's rows of q as "Prefix.N.col": how the account pages start. */
static enum gerr
person_rows(struct req *r, struct dbq *q, const char *prefix,
    const char *const *cols, int n, PGresult **res)
{
	const char	*p[1] = { r->session->person_id };

	if ((*res = db_query(r->pool, q, 1, p)) == NULL)
		return db_last_error();
	return req_hdf_rows(r, prefix, *res, cols, n) == -1 ? GERR_NOMEM :
	    GERR_OK;
}

static const char *const org_cols[] = { "id", "name", "bce" };

/* Organisations one may act for through a mandate, today. */
static struct dbq q_mandates = DBQ(
    "SELECT md.id, o.name, o.bce, coalesce(mo.name, '')"
    "  FROM mandates md JOIN organisations o ON o.id = md.beneficiary_org_id"
    "  LEFT JOIN organisations mo ON mo.id = md.mandatary_org_id"
    " WHERE md.status = 'accepted'"
    "   AND current_date BETWEEN md.starts_on AND md.ends_on"
    "   AND (md.mandatary_person_id = $1::bigint"
    "    OR md.mandatary_org_id IN (SELECT m.organisation_id"
    "     FROM org_members m WHERE m.person_id = $1::bigint"
    "      AND m.removed_at IS NULL))"
    "   AND mandate_families($1::bigint, o.id, md.id) IS NOT NULL"
    " ORDER BY o.name, md.id");

static const char *const mandate_cols[] = { "id", "name", "bce", "via" };

/* 200 with the choice: oneself, or each organisation one holds a role in. */
enum gerr
page_acting(struct req *r)
{
	PGresult	*res;
	enum gerr	 e;
	int		 i;

	if ((e = person_rows(r, &q_orgs, "Orgs", org_cols, nitems(org_cols),
	    &res)) != GERR_OK)
		return e;
	for (i = 0; i < PQntuples(res); i++) {
		if (r->session->acting_org_id != NULL &&
		    r->session->acting_mandate_id == NULL &&
		    strcmp(r->session->acting_org_id, PQgetvalue(res, i, 0)) == 0)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Orgs.%d.current", i), "1");
	}
	if ((e = person_rows(r, &q_mandates, "Mandates", mandate_cols,
	    nitems(mandate_cols), &res)) != GERR_OK)
		return e;
	for (i = 0; i < PQntuples(res); i++)
		if (r->session->acting_mandate_id != NULL &&
		    strcmp(r->session->acting_mandate_id,
		    PQgetvalue(res, i, 0)) == 0)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Mandates.%d.current", i), "1");
	tmpl_set(r->hdf, "Login.return", login_return(r));
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->tmpl = "login/acting.cs";
	return GERR_OK;
}

/*
 * Acting for oneself, for an organisation as one of its users, or for a
 * beneficiary through a mandate: whatever it is, it must hold now.  The
 * answer says whether a user still has to confirm a professional address.
 */
static struct dbq q_act = DBQ(
    "UPDATE sessions s SET acting_org_id = CASE WHEN $4::bigint IS NULL"
    "  THEN $3::bigint ELSE (SELECT beneficiary_org_id FROM mandates"
    "   WHERE id = $4::bigint) END, acting_mandate_id = $4::bigint"
    " WHERE s.id = $1::bigint AND CASE"
    "  WHEN $4::bigint IS NOT NULL THEN mandate_families($2::bigint,"
    "   (SELECT beneficiary_org_id FROM mandates WHERE id = $4::bigint),"
    "   $4::bigint) IS NOT NULL"
    "  WHEN $3::bigint IS NOT NULL THEN"
    "   org_member_families($2::bigint, $3::bigint) IS NOT NULL"
    "  ELSE true END"
    " RETURNING $3::bigint IS NOT NULL AND NOT EXISTS (SELECT 1"
    "  FROM org_members m WHERE m.person_id = $2::bigint"
    "   AND m.organisation_id = $3::bigint AND m.removed_at IS NULL"
    "   AND m.pro_email_confirmed_at IS NOT NULL)");

static int
id_ok(const char *s)
{
	return *s != '\0' && strlen(s) <= 18 &&
	    s[strspn(s, "0123456789")] == '\0';
}

/*
 * 303 to where the user was going (by way of confirming a professional
 * address, the first time for an organisation); 404 for an organisation
 * or a mandate not theirs.  "org" is "self", an organisation's id, or
 * "m" and a mandate's id.
 */
enum gerr
page_acting_post(struct req *r)
{
	const char	*org = req_form(r, "org"), *mandate = NULL, *p[4];
	PGresult	*res;

	if (org != NULL && (*org == '\0' || strcmp(org, "self") == 0))
		org = NULL;
	if (org != NULL && *org == 'm') {
		mandate = org + 1;
		org = NULL;
	}
	if ((org != NULL && !id_ok(org)) || (mandate != NULL && !id_ok(mandate)))
		return GERR_NOTFOUND;
	p[0] = r->session->row_id;
	p[1] = r->session->person_id;
	p[2] = org;
	p[3] = mandate;
	if ((res = db_query(r->pool, &q_act, 4, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (*PQgetvalue(res, 0, 0) == 't') {
		struct buf	to;

		buf_init(&to, r->pool);
		buf_puts(&to, "/org/email?return=");
		url_escape(&to, login_return(r));
		return resp_redirect(r, 303, buf_cstr(&to));
	}
	return resp_redirect(r, 303, login_return(r));
}

/* Open: a kiosk's session ($2, docs/kiosk.md) idles out sooner ($3). */
static struct dbq q_sessions = DBQ(
    "SELECT id, created_at, last_seen_at, method,"
    "  coalesce(user_agent, ''), coalesce(host(ip), ''),"
    "  CASE WHEN kiosk THEN '1' ELSE '' END"
    "  FROM sessions WHERE person_id = $1::bigint AND ended_at IS NULL"
    "   AND expires_at > now()"
    "   AND last_seen_at > now() - make_interval(secs =>"
    "    CASE WHEN kiosk THEN $2::int ELSE $3::int END)"
    " ORDER BY last_seen_at DESC");

static const char *const session_cols[] = { "id", "created", "seen",
    "method", "agent", "ip", "kiosk" };

/* 200 with the person's open sessions, the current one marked. */
enum gerr
page_sessions(struct req *r)
{
	PGresult	*res;
	const char	*p[3];
	int		 i;

	p[0] = r->session->person_id;
	p[1] = pool_printf(r->pool, "%d", conf_int("kiosk.idle_seconds"));
	p[2] = pool_printf(r->pool, "%d", SESSION_IDLE);
	if ((res = db_query(r->pool, &q_sessions, 3, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Sessions", res, session_cols,
	    nitems(session_cols)) == -1)
		return GERR_NOMEM;
	for (i = 0; i < PQntuples(res); i++)
		if (strcmp(PQgetvalue(res, i, 0), r->session->row_id) == 0)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Sessions.%d.current", i), "1");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->tmpl = "login/sessions.cs";
	return GERR_OK;
}

/* 303 back to the list; 404 if the session is not one of the person's. */
enum gerr
page_session_end(struct req *r)
{
	const char	*id = r->args[0];
	enum gerr	 e;

	if ((e = session_end(r->pool, id, r->session->person_id)) != GERR_OK)
		return e;
	(void)audit(r->pool, "session_ended", r->session->person_id,
	    req_remote_addr(r), NULL);
	return resp_redirect(r, 303, strcmp(id, r->session->row_id) == 0 ?
	    "/login?logged_out=1" : "/account/sessions");
}

/* 303 to the login page; the session ends on the server, the cookie goes. */
enum gerr
page_logout(struct req *r)
{
	const char	*ret, *provider;
	struct buf	 to;

	/* A provider's session ends there too (RP-initiated logout). */
	provider = login_oidc_logout(r);
	if (r->session != NULL) {
		(void)session_end(r->pool, r->session->row_id,
		    r->session->person_id);
		(void)audit(r->pool, "logout", r->session->person_id,
		    req_remote_addr(r), NULL);
	}
	resp_session_clear(r);
	if (provider != NULL) {
		if (resp_header(r, "Location", provider) == -1)
			return GERR_SYSTEM;
		return resp_send(r, 303, NULL, NULL, 0);
	}
	if ((ret = req_form(r, "return")) != NULL && url_is_local_path(ret)) {
		/* from the page saying someone else was logged in */
		buf_init(&to, r->pool);
		buf_puts(&to, "/login?logged_out=1&return=");
		url_escape(&to, ret);
		return resp_redirect(r, 303, buf_cstr(&to));
	}
	return resp_redirect(r, 303, "/login?logged_out=1");
}
