/* The login page, eID login, and what every login does when it succeeds. */
#include <string.h>

#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "html.h"
#include "log.h"
#include "login.h"
#include "valid.h"

/* Where to go after login: a local path, or the account page. */
const char *
login_return(struct req *r)
{
	const char	*ret = r->login_return;

	if (ret == NULL)
		ret = req_form(r, "return");
	if (ret == NULL)
		ret = req_query(r, "return");
	return url_is_local_path(ret) ? ret : "/account/sessions";
}

/* 200 with the two ways to log in; says who is logged in already. */
enum gerr
page_login(struct req *r)
{
	struct buf	 eid;

	buf_init(&eid, r->pool);
	buf_puts(&eid, conf_str("login.eid_url"));
	buf_puts(&eid, "?return=");
	url_escape(&eid, login_return(r));
	tmpl_set(r->hdf, "Login.eid_url", buf_cstr(&eid));
	tmpl_set(r->hdf, "Login.return", login_return(r));
	if (req_query(r, "logged_out") != NULL)
		tmpl_set(r->hdf, "Login.logged_out", "1");
	if (req_query(r, "failed") != NULL)
		tmpl_set(r->hdf, "Login.failed", "1");
	if (req_query(r, "step_up") != NULL)
		tmpl_set(r->hdf, "Login.step_up", "1");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->tmpl = "login/login.cs";
	return GERR_OK;
}

static struct dbq q_person_eid = DBQ(
    "INSERT INTO persons (nrn, given_names, surname) VALUES ($1, $2, $3)"
    " ON CONFLICT (nrn) DO UPDATE SET given_names = EXCLUDED.given_names,"
    "  surname = EXCLUDED.surname, updated_at = CASE"
    "   WHEN (persons.given_names, persons.surname) IS DISTINCT FROM"
    "    (EXCLUDED.given_names, EXCLUDED.surname) THEN now()"
    "   ELSE persons.updated_at END"
    " RETURNING id");
static struct dbq q_has_roles = DBQ(
    "SELECT EXISTS (SELECT 1 FROM org_members WHERE person_id = $1::bigint"
    "  AND removed_at IS NULL"
    "  AND (valid_until IS NULL OR valid_until >= current_date))"
    " OR EXISTS (SELECT 1 FROM mandates md WHERE md.status = 'accepted'"
    "  AND current_date BETWEEN md.starts_on AND md.ends_on"
    "  AND mandate_families($1::bigint, md.beneficiary_org_id, md.id)"
    "   IS NOT NULL)");

/*
 * Rotates the session: the old one (if any) ends, a new one starts, the
 * cookie is set, and the audit trail says so.  *to is where the user was
 * going, by way of the organisation choice if they hold roles.  Within
 * the caller's transaction, if it has one: the cookie must not leave
 * before the session it names is committed.
 */
enum gerr
login_session(struct req *r, const char *person_id, const char *assurance,
    const char *method, const char **to)
{
	struct session	 s;
	char		 cookie[200];
	const char	*p[1] = { person_id };
	PGresult	*res;
	enum gerr	 e;

	*to = login_return(r);
	if (r->session != NULL)
		(void)session_end(r->pool, r->session->row_id,
		    r->session->person_id);
	if ((e = session_create(r->pool, person_id, assurance, method,
	    req_param(r, "HTTP_USER_AGENT"), req_remote_addr(r), &s)) !=
	    GERR_OK)
		return e;
	if ((e = audit(r->pool, "login", person_id, req_remote_addr(r),
	    pool_printf(r->pool, "{\"method\":\"%s\",\"assurance\":\"%s\"}",
	    method, assurance))) != GERR_OK)
		return e;
	if (session_cookie_make(s.id, s.expires, cookie, sizeof(cookie)) == -1 ||
	    resp_cookie(r, SESSION_COOKIE, cookie, SESSION_ABSOLUTE) == -1)
		return GERR_SYSTEM;
	if ((res = db_query(r->pool, &q_has_roles, 1, p)) == NULL)
		return db_last_error();
	if (strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
		struct buf	b;

		buf_init(&b, r->pool);
		buf_puts(&b, "/login/acting?return=");
		url_escape(&b, *to);
		*to = buf_cstr(&b);
	}
	return GERR_OK;
}

/* The session, then 303 (each statement on its own, no transaction). */
enum gerr
login_finish(struct req *r, const char *person_id, const char *assurance,
    const char *method)
{
	const char	*to;
	enum gerr	 e;

	if ((e = login_session(r, person_id, assurance, method, &to)) !=
	    GERR_OK)
		return e;
	return resp_redirect(r, 303, to);
}

static struct dbq q_ticket_new = DBQ(
    "INSERT INTO login_tickets (ticket_hash, person_id, assurance, method,"
    "  return_to) VALUES (decode($1, 'hex'), $2::bigint, 'high', 'eid', $3)");

/*
 * Reached only through the eID host, where nginx's eid module has checked
 * the card and set EID_* (names no client header can produce).  The
 * session cookie is host-only (__Host-), so this host does not set it: it
 * hands the login to the site with a one-minute, single-use ticket.  303 to
 * the site; 403 if the module gave no identity (a misconfigured site).
 */
enum gerr
page_eid(struct req *r)
{
	const char	*nrn = req_param(r, "EID_NRN");
	const char	*given = req_param(r, "EID_GIVEN_NAMES");
	const char	*surname = req_param(r, "EID_SURNAME");
	const char	*assurance = req_param(r, "EID_ASSURANCE");
	const char	*p[3];
	char		 ticket[65], hash[65];
	struct buf	 to;
	PGresult	*res;

	if (nrn == NULL || !valid_nrn(nrn, NULL, NULL, 0) || given == NULL ||
	    surname == NULL || assurance == NULL ||
	    strcmp(assurance, "high") != 0)
		return GERR_AUTH;
	p[0] = nrn;
	p[1] = given;
	p[2] = surname;
	if ((res = db_query(r->pool, &q_person_eid, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1 || random_hex(ticket, 32) == -1)
		return GERR_SYSTEM;
	session_token_hash(ticket, hash);
	p[0] = hash;
	p[1] = PQgetvalue(res, 0, 0);
	p[2] = login_return(r);
	if (db_query(r->pool, &q_ticket_new, 3, p) == NULL)
		return db_last_error();
	buf_init(&to, r->pool);
	buf_printf(&to, "%s/login/complete?ticket=%s",
	    conf_str("site.url"), ticket);
	if (resp_header(r, "Location", buf_cstr(&to)) == -1)
		return GERR_SYSTEM;
	return resp_send(r, 303, NULL, NULL, 0);
}

static struct dbq q_ticket_use = DBQ(
    "UPDATE login_tickets SET used_at = now()"
    " WHERE ticket_hash = decode($1, 'hex') AND used_at IS NULL"
    "   AND expires_at > now()"
    " RETURNING person_id, assurance, method, return_to");

/*
 * On the site: the ticket from the eID host opens the session.  303 after
 * login; a used, expired or unknown ticket goes back to the login page.
 */
enum gerr
page_login_complete(struct req *r)
{
	const char	*t = req_query(r, "ticket"), *p[1];
	char		 hash[65];
	PGresult	*res;

	if (t == NULL || strlen(t) != 64 || strspn(t, "0123456789abcdef") != 64)
		return resp_redirect(r, 303, "/login?failed=1");
	session_token_hash(t, hash);
	p[0] = hash;
	if ((res = db_query(r->pool, &q_ticket_use, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
		    "{\"method\":\"eid\",\"ticket\":\"refused\"}");
		return resp_redirect(r, 303, "/login?failed=1");
	}
	r->login_return = pool_strdup(r->pool, PQgetvalue(res, 0, 3));
	return login_finish(r, pool_strdup(r->pool, PQgetvalue(res, 0, 0)),
	    pool_strdup(r->pool, PQgetvalue(res, 0, 1)),
	    pool_strdup(r->pool, PQgetvalue(res, 0, 2)));
}

/*
 * nginx sends here every refusal on the eID port (its own chain and OCSP
 * checks, 495/496, and the module's 403) so that it is audited with its
 * reason ($eid_refusal, EID_REFUSAL).  403 with the page saying, in the
 * user's language, which of the common cases it is and what to do.
 */
enum gerr
page_eid_refused(struct req *r)
{
	/* the module's codes, and the page's words for each (none: general) */
	static const struct {
		const char	*code;
		const char	*why;
	} refusals[] = {
		{ "no_certificate",		"no_certificate" },
		{ "expired",			"expired" },
		{ "signature_certificate",	"signature" },
		{ "revoked",			"revoked" },
		{ "revocation_unknown",		"unavailable" },
		{ "unknown_issuer",		"not_accepted" },
		{ "issuer_not_allowed",		"not_accepted" },
		{ "no_auth_policy",		"not_accepted" },
		{ "key_usage",			"not_accepted" },
		{ "invalid_number",		"not_accepted" },
		{ "no_names",			"not_accepted" },
		{ "not_yet_valid",		NULL },
		{ "not_verified",		NULL },
		{ "internal",			NULL },
	};
	const char	*verify = req_param(r, "EID_VERIFY");
	const char	*code = req_param(r, "EID_REFUSAL");
	const char	*issuer = req_param(r, "EID_ISSUER");
	const char	*fp = req_param(r, "EID_CLIENT_FINGERPRINT");
	const char	*reason = "none", *why = NULL;
	struct buf	 d;
	size_t		 i;

	if (code != NULL && *code != '\0') {
		reason = "unknown";
		for (i = 0; i < nitems(refusals); i++)
			if (strcmp(code, refusals[i].code) == 0) {
				reason = refusals[i].code;
				why = refusals[i].why;
				break;
			}
	}
	/* the card's issuer (a CA's name, no one's identity), if readable */
	if (issuer == NULL || strlen(issuer) > 512 ||
	    !valid_utf8(issuer, strlen(issuer)))
		issuer = "";
	buf_init(&d, r->pool);
	buf_puts(&d, "{\"method\":\"eid\",\"reason\":\"");
	buf_puts(&d, reason);
	buf_puts(&d, "\",\"verify\":\"");
	json_escape(&d, verify != NULL && *verify != '\0' ? verify : "NONE");
	buf_puts(&d, "\",\"issuer\":\"");
	json_escape(&d, issuer);
	buf_puts(&d, "\",\"fingerprint\":\"");
	json_escape(&d, fp != NULL ? fp : "");
	buf_puts(&d, "\"}");
	(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
	    buf_cstr(&d));
	if (why != NULL)
		tmpl_set(r->hdf, "Login.why", why);
	tmpl_set(r->hdf, "Login.retry", conf_str("login.eid_url"));
	return resp_render(r, 403, "login/refused.cs");
}
