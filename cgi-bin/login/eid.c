/* The login page, eID login, and what every login does when it succeeds. */
#include <string.h>

#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "html.h"
#include "identity.h"
#include "log.h"
#include "login.h"
#include "metrics.h"
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

/* The eID host's address, coming back to where the user was going. */
void
login_page_hdf(struct req *r)
{
	struct buf	 eid;

	buf_init(&eid, r->pool);
	buf_puts(&eid, req_eid_url(r));
	buf_puts(&eid, "?return=");
	url_escape(&eid, login_return(r));
	tmpl_set(r->hdf, "Login.eid_url", buf_cstr(&eid));
	tmpl_set(r->hdf, "Login.return", login_return(r));
	login_oidc_hdf(r);
}

/* 200 with the ways to log in; says who is logged in already. */
enum gerr
page_login(struct req *r)
{
	login_page_hdf(r);
	if (req_query(r, "logged_out") != NULL)
		tmpl_set(r->hdf, "Login.logged_out", "1");
	if (req_query(r, "failed") != NULL)
		tmpl_set(r->hdf, "Login.failed", "1");
	if (req_query(r, "step_up") != NULL)
		tmpl_set(r->hdf, "Login.step_up", "1");
	/* a code by email cannot reach the level a step-up asks for */
	if (assurance_parse(req_query(r, "level")) > ASSURANCE_LOW)
		tmpl_set(r->hdf, "Login.strong_only", "1");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->tmpl = "login/login.cs";
	return GERR_OK;
}

static struct dbq q_who = DBQ(
    "SELECT (SELECT nrn IS NULL FROM persons WHERE id = $1::bigint),"
    "  (SELECT nrn IS NOT NULL FROM persons WHERE id = $2::bigint)");
static struct dbq q_merge = DBQ(
    "SELECT identity_merge($1::bigint, $2::bigint, $3::inet)");
static struct dbq q_has_roles = DBQ(
    "SELECT EXISTS (SELECT 1 FROM org_members WHERE person_id = $1::bigint"
    "  AND removed_at IS NULL"
    "  AND (valid_until IS NULL OR valid_until >= current_date))"
    " OR EXISTS (SELECT 1 FROM mandates md WHERE md.status = 'accepted'"
    "  AND current_date BETWEEN md.starts_on AND md.ends_on"
    "  AND mandate_families($1::bigint, md.beneficiary_org_id, md.id)"
    "   IS NOT NULL)");

/*
 * The person logged in in this browser before this login, if another: an
 * email-only person stepping up to a national-number login is carried
 * over into it (identity_merge, audited) so the drafts and dossiers follow;
 * from an email-only person to another, nothing is carried; anyone else
 * must log out first (GERR_CONFLICT): two national-number identities are
 * never merged.  At a kiosk, whoever was logged in before has left the
 * terminal: their session ends (login_session), and nothing of theirs is
 * carried over to the next person or shown to them (docs/kiosk.md).
 */
static enum gerr
login_step_up(struct req *r, const char *person_id)
{
	const char	*p[3];
	PGresult	*res;

	if (r->session == NULL || strcmp(r->session->person_id, person_id) == 0 ||
	    r->kiosk)
		return GERR_OK;
	p[0] = r->session->person_id;
	p[1] = person_id;
	if ((res = db_query(r->pool, &q_who, 2, p)) == NULL)
		return db_last_error();
	if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
		return GERR_CONFLICT;
	if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
		return GERR_OK;
	p[2] = req_remote_addr(r);
	return db_query(r->pool, &q_merge, 3, p) == NULL ? db_last_error() :
	    GERR_OK;
}

/*
 * Rotates the session: the old one (if any) ends or steps up, a new one
 * starts, the cookie is set, and the audit trail says so.  *to is where
 * the user was going, by way of the organisation choice if they hold
 * roles; *row_id (unless NULL) the new session's row.  Within the
 * caller's transaction: the cookie must not leave
 * before the session it names is committed, and a step-up carries the
 * drafts over with the session or not at all.
 */
enum gerr
login_session(struct req *r, const char *person_id, const char *assurance,
    const char *method, const char **to, const char **row_id)
{
	struct session	 s;
	char		 cookie[200];
	const char	*p[1] = { person_id };
	PGresult	*res;
	enum gerr	 e;

	*to = login_return(r);
	if ((e = login_step_up(r, person_id)) != GERR_OK)
		return e;
	if (r->session != NULL)
		(void)session_end(r->pool, r->session->row_id,
		    r->session->person_id);
	if ((e = session_create(r->pool, person_id, assurance, method,
	    req_param(r, "HTTP_USER_AGENT"), req_remote_addr(r), r->kiosk,
	    &s)) != GERR_OK)
		return e;
	if (row_id != NULL)
		*row_id = s.row_id;
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

/*
 * 409 when someone else is logged in in this browser: who, and the button
 * to log out; the login page comes back after it.
 */
enum gerr
login_conflict(struct req *r)
{
	login_page_hdf(r);
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return resp_render(r, 409, "login/conflict.cs");
}

struct login_txn {
	struct req	*r;
	const char	*ticket;	/* the eID host's, or NULL */
	const char	*person_id;
	const char	*assurance;
	const char	*method;
	const char	*to;
};

static struct dbq q_ticket_use = DBQ(
    "UPDATE login_tickets SET used_at = now()"
    " WHERE ticket_hash = decode($1, 'hex') AND used_at IS NULL"
    "   AND expires_at > now()"
    " RETURNING person_id, assurance, method, return_to");

/* The ticket taken (if any), and the session: one transaction. */
static enum gerr
login_txn(struct pool *pool, void *arg)
{
	struct login_txn	*t = arg;
	const char		*p[1];
	char			 hash[65];
	PGresult		*res;

	if (t->ticket != NULL) {
		session_token_hash(t->ticket, hash);
		p[0] = hash;
		if ((res = db_query(pool, &q_ticket_use, 1, p)) == NULL)
			return db_last_error();
		if (PQntuples(res) != 1)
			return GERR_NOTFOUND;
		t->person_id = pool_strdup(pool, PQgetvalue(res, 0, 0));
		t->assurance = pool_strdup(pool, PQgetvalue(res, 0, 1));
		t->method = pool_strdup(pool, PQgetvalue(res, 0, 2));
		t->r->login_return = pool_strdup(pool, PQgetvalue(res, 0, 3));
	}
	return login_session(t->r, t->person_id, t->assurance, t->method,
	    &t->to, NULL);
}

static enum gerr
login_run(struct req *r, struct login_txn *t)
{
	enum gerr	e;

	t->r = r;
	if ((e = db_transaction(r->pool, login_txn, t)) == GERR_CONFLICT)
		return login_conflict(r);
	if (e != GERR_OK)
		return e;
	return resp_redirect(r, 303, t->to);
}

/* The session in one transaction with a step-up's carrying over, 303. */
enum gerr
login_finish(struct req *r, const char *person_id, const char *assurance,
    const char *method)
{
	struct login_txn	t;

	memset(&t, 0, sizeof(t));
	t.person_id = person_id;
	t.assurance = assurance;
	t.method = method;
	return login_run(r, &t);
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
	struct identity	 id;
	const char	*person_id, *p[3];
	char		 ticket[65], hash[65];
	struct buf	 to;
	enum gerr	 e;

	memset(&id, 0, sizeof(id));
	id.kind = "eid";
	id.subject = req_param(r, "EID_FINGERPRINT");
	id.nrn = req_param(r, "EID_NRN");
	id.given_names = req_param(r, "EID_GIVEN_NAMES");
	id.surname = req_param(r, "EID_SURNAME");
	if (id.nrn == NULL || !valid_nrn(id.nrn, NULL, NULL, 0) ||
	    id.given_names == NULL || id.surname == NULL ||
	    id.subject == NULL || assurance_parse(req_param(r,
	    "EID_ASSURANCE")) != ASSURANCE_HIGH)
		return GERR_AUTH;
	/*
	 * Whoever is logged in in this browser is the site's business, at
	 * the ticket's use: this host sees the site's cookie only where both
	 * share a host name (the local stack), never in production.
	 */
	r->session = NULL;
	if ((e = identity_resolve(r, &id, &person_id)) != GERR_OK)
		return e;
	if (random_hex(ticket, 32) == -1)
		return GERR_SYSTEM;
	session_token_hash(ticket, hash);
	p[0] = hash;
	p[1] = person_id;
	p[2] = login_return(r);
	if (db_query(r->pool, &q_ticket_new, 3, p) == NULL)
		return db_last_error();
	buf_init(&to, r->pool);
	buf_printf(&to, "%s/login/complete?ticket=%s",
	    req_site_url(r), ticket);
	if (resp_header(r, "Location", buf_cstr(&to)) == -1)
		return GERR_SYSTEM;
	return resp_send(r, 303, NULL, NULL, 0);
}

/*
 * On the site: the ticket from the eID host opens the session, in one
 * transaction with its use.  303 after login; a used, expired or unknown
 * ticket goes back to the login page; 409 if someone else is logged in.
 */
enum gerr
page_login_complete(struct req *r)
{
	const char		*t = req_query(r, "ticket");
	struct login_txn	 txn;
	enum gerr		 e;

	if (t == NULL || strlen(t) != 64 || strspn(t, "0123456789abcdef") != 64)
		return resp_redirect(r, 303, "/login?failed=1");
	memset(&txn, 0, sizeof(txn));
	txn.ticket = t;
	if ((e = login_run(r, &txn)) == GERR_NOTFOUND) {
		(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
		    "{\"method\":\"eid\",\"ticket\":\"refused\"}");
		return resp_redirect(r, 303, "/login?failed=1");
	}
	return e;
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
	metrics_count(MEV_LOGIN_REFUSED, "eid", reason);
	if (why != NULL)
		tmpl_set(r->hdf, "Login.why", why);
	tmpl_set(r->hdf, "Login.retry", req_eid_url(r));
	return resp_render(r, 403, "login/refused.cs");
}
