/*
 * Logins through an OpenID provider (FAS, itsme): the authorization
 * request, the callback, the provider's logout (RP-initiated and
 * back-channel), and our public keys.  The protocol is lib/oidc.c; here
 * are the browser's side, the database's and the pages.
 */
#include <string.h>

#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "html.h"
#include "log.h"
#include "login.h"
#include "metrics.h"
#include "oidc.h"
#include "valid.h"

/*
 * The browser's binding: a random value in a host-only cookie; a request
 * in flight keeps only its hash.  Lax, so that the provider's redirect
 * back (a top-level GET from another site) carries it.
 */
#define OIDC_COOKIE		"__Host-guichet_oidc"
#define OIDC_COOKIE_AGE		3600

/* Why a callback is refused: the audit trail's word and the page's text. */
enum oidc_failure {
	OIDC_FAIL_STATE,	/* unknown, used, expired: Back, a reload */
	OIDC_FAIL_BROWSER,	/* another browser's, or the cookie is lost */
	OIDC_FAIL_CANCELLED,	/* the user (or the provider) said no */
	OIDC_FAIL_PROVIDER,	/* the provider or its keys are away */
	OIDC_FAIL_TOKEN,	/* a token refused */
	OIDC_FAIL_LEVEL,	/* an acr we do not know */
	OIDC_FAIL_NRN,		/* no national number, or a wrong one */
	OIDC_FAIL__MAX
};

static const struct {
	const char	*reason;
	const char	*text;		/* under Lang.oidc */
	int		 status;
} oidc_failures[OIDC_FAIL__MAX] = {
	[OIDC_FAIL_STATE] = { "state", "fail_state", 400 },
	[OIDC_FAIL_BROWSER] = { "browser", "fail_browser", 400 },
	[OIDC_FAIL_CANCELLED] = { "cancelled", "fail_cancelled", 400 },
	[OIDC_FAIL_PROVIDER] = { "provider", "fail_provider", 502 },
	[OIDC_FAIL_TOKEN] = { "token", "fail_token", 400 },
	[OIDC_FAIL_LEVEL] = { "level", "fail_level", 400 },
	[OIDC_FAIL_NRN] = { "nrn", "fail_nrn", 400 },
};

static int
hex64(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

/* The nonce and the PKCE verifier of a state, under the secret. */
static void
oidc_derive(const char *what, const char *state, char out[65])
{
	char	msg[128];

	snprintf(msg, sizeof(msg), "oidc-%s|%s", what, state);
	secret_mac_hex(msg, strlen(msg), out);
}

/* The provider's links for the login page (login_page_hdf). */
void
login_oidc_hdf(struct req *r)
{
	const struct oidc_provider	*p;
	const char			*level = req_query(r, "level");
	struct buf			 u;
	size_t				 i;

	for (i = 0; (p = oidc_provider_at(i)) != NULL; i++) {
		buf_init(&u, r->pool);
		buf_printf(&u, "/login/oidc/%s?return=", p->name);
		url_escape(&u, login_return(r));
		if (assurance_parse(level) != ASSURANCE_NONE)
			buf_printf(&u, "&level=%s", level);
		tmpl_setf(r->hdf, pool_printf(r->pool, "Login.oidc.%zu.name",
		    i), "%s", p->name);
		tmpl_set(r->hdf, pool_printf(r->pool, "Login.oidc.%zu.url", i),
		    buf_cstr(&u));
	}
}

/*
 * A "log in again" page in the user's language, never a 500: the
 * reason in the audit trail (no token, no national number), a link to
 * try the same provider again and the way back to every login.
 */
static enum gerr
oidc_failed(struct req *r, const struct oidc_provider *p,
    enum oidc_failure f, const char *why, const char *return_to)
{
	struct buf	 d, again;

	buf_init(&d, r->pool);
	buf_printf(&d, "{\"method\":\"oidc\",\"provider\":\"%s\","
	    "\"reason\":\"%s\"", p->name, oidc_failures[f].reason);
	if (why != NULL) {
		buf_puts(&d, ",\"why\":\"");
		json_escape(&d, why);
		buf_putc(&d, '"');
	}
	buf_putc(&d, '}');
	(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
	    buf_cstr(&d));
	metrics_count(MEV_LOGIN_REFUSED, "oidc", oidc_failures[f].reason);
	log_info("oidc %s: login refused (%s)%s%s", p->name,
	    oidc_failures[f].reason, why != NULL ? ": " : "",
	    why != NULL ? why : "");
	if (return_to != NULL)
		r->login_return = return_to;
	login_page_hdf(r);
	buf_init(&again, r->pool);
	buf_printf(&again, "/login/oidc/%s?return=", p->name);
	url_escape(&again, login_return(r));
	tmpl_set(r->hdf, "Oidc.provider", p->name);
	tmpl_set(r->hdf, "Oidc.again", buf_cstr(&again));
	tmpl_set(r->hdf, "Oidc.reason", oidc_failures[f].text);
	return resp_render(r, oidc_failures[f].status, "login/oidc-failed.cs");
}

/*
 * What the flow leaves behind goes when a login starts: requests a day
 * past their expiry, and the provider sessions of sessions that ended
 * (their ID tokens with them).
 */
static struct dbq q_requests_forget = DBQ(
    "DELETE FROM oidc_requests WHERE expires_at < now() - interval '1 day'");
static struct dbq q_sessions_forget = DBQ(
    "DELETE FROM oidc_sessions o USING sessions s"
    " WHERE s.id = o.session_id"
    "   AND (s.ended_at IS NOT NULL OR s.expires_at < now())");
static struct dbq q_request_new = DBQ(
    "INSERT INTO oidc_requests (state_hash, browser_hash, provider, level,"
    "  return_to) VALUES (decode($1, 'hex'), decode($2, 'hex'), $3, $4, $5)");

/*
 * GET /login/oidc/:provider: 303 to the provider's authorization
 * endpoint; 404 for a provider that is not configured; 502 with the page
 * that offers the other ways in when the provider cannot be reached.
 */
enum gerr
page_oidc_start(struct req *r)
{
	const struct oidc_provider	*p = oidc_provider_find(r->args[0]);
	const char			*browser, *url, *params[5];
	char				 state[65], nonce[65], verifier[65];
	char				 shash[65], bhash[65], fresh[65];
	enum assurance			 level;
	enum gerr			 e;

	if (p == NULL)
		return GERR_NOTFOUND;
	if ((level = assurance_parse(req_query(r, "level"))) == ASSURANCE_NONE)
		level = ASSURANCE_LOW;
	browser = kvlist_get(&r->cookies, OIDC_COOKIE);
	if (!hex64(browser)) {
		if (random_hex(fresh, 32) == -1)
			return GERR_SYSTEM;
		browser = fresh;
	}
	if (random_hex(state, 32) == -1)
		return GERR_SYSTEM;
	oidc_derive("nonce", state, nonce);
	oidc_derive("pkce", state, verifier);
	if ((e = oidc_authorize_url(r->pool, p, req_site_url(r), state, nonce,
	    verifier, level, &url)) != GERR_OK)
		return e == GERR_UPSTREAM ? oidc_failed(r, p,
		    OIDC_FAIL_PROVIDER, "no discovery document", NULL) : e;
	sha256_hex(state, shash);
	sha256_hex(browser, bhash);
	params[0] = shash;
	params[1] = bhash;
	params[2] = p->name;
	params[3] = assurance_name(level);
	params[4] = login_return(r);
	if (db_query(r->pool, &q_request_new, 5, params) == NULL ||
	    db_query(r->pool, &q_requests_forget, 0, NULL) == NULL ||
	    db_query(r->pool, &q_sessions_forget, 0, NULL) == NULL)
		return db_last_error();
	if (resp_cookie(r, OIDC_COOKIE, browser, OIDC_COOKIE_AGE) == -1 ||
	    resp_header(r, "Location", url) == -1)
		return GERR_SYSTEM;
	return resp_send(r, 303, NULL, NULL, 0);
}

/*
 * The request a state names, taken once whatever happens next: a replay
 * (Back, a reload, a code used twice) or another browser's state finds
 * it spent.
 */
static struct dbq q_request_take = DBQ(
    "UPDATE oidc_requests o SET used_at = now()"
    " FROM (SELECT id, used_at AS was_used FROM oidc_requests"
    "   WHERE state_hash = decode($1, 'hex') AND provider = $2 FOR UPDATE) w"
    " WHERE o.id = w.id"
    " RETURNING w.was_used IS NULL AND o.expires_at > now(),"
    "  o.browser_hash = decode($3, 'hex'), o.level, o.return_to");

struct oidc_txn {
	struct req			*r;
	const struct oidc_provider	*p;
	const struct identity		*id;
	const struct oidc_login		*login;
	const char			*to;
};

static struct dbq q_session_link = DBQ(
    "INSERT INTO oidc_sessions (session_id, provider, subject, sid, id_token)"
    " VALUES ($1::bigint, $2, $3, $4, $5)");

/* The person, the session and its provider session, together. */
static enum gerr
oidc_login_txn(struct pool *pool, void *arg)
{
	struct oidc_txn	*t = arg;
	const char	*person_id, *params[5];
	enum gerr	 e;

	if ((e = identity_resolve(t->r, t->id, &person_id)) != GERR_OK)
		return e;
	if ((e = login_session(t->r, person_id,
	    assurance_name(t->login->level), "oidc", &t->to, &params[0])) !=
	    GERR_OK)
		return e;
	params[1] = t->p->name;
	params[2] = t->login->subject;
	params[3] = t->login->sid;
	params[4] = t->login->id_token;
	return db_query(pool, &q_session_link, 5, params) == NULL ?
	    db_last_error() : GERR_OK;
}

/* The tokens' identity, the national number checked, the session opened. */
static enum gerr
oidc_finish(struct req *r, const struct oidc_provider *p,
    const struct oidc_login *login)
{
	struct identity	 id;
	struct oidc_txn	 t;
	char		 nrn[12];
	enum gerr	 e;

	if (login->level == ASSURANCE_NONE)
		return oidc_failed(r, p, OIDC_FAIL_LEVEL, "an acr not in the "
		    "provider's acr_map", NULL);
	if (login->nrn == NULL)
		return oidc_failed(r, p, OIDC_FAIL_NRN, "no national number",
		    NULL);
	if (!valid_nrn(login->nrn, NULL, nrn, sizeof(nrn)))
		return oidc_failed(r, p, OIDC_FAIL_NRN, "a national number "
		    "that fails its check", NULL);
	memset(&id, 0, sizeof(id));
	id.kind = "oidc";
	id.issuer = p->name;
	id.subject = login->subject;
	id.nrn = nrn;
	id.given_names = login->given_names;
	id.surname = login->surname;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.p = p;
	t.id = &id;
	t.login = login;
	if ((e = db_transaction(r->pool, oidc_login_txn, &t)) ==
	    GERR_CONFLICT) {
		(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
		    pool_printf(r->pool, "{\"method\":\"oidc\",\"provider\":"
		    "\"%s\",\"reason\":\"conflict\"}", p->name));
		return login_conflict(r);
	}
	if (e != GERR_OK)
		return e;
	return resp_redirect(r, 303, t.to);
}

/*
 * GET /login/oidc/:provider/callback: 303 where the user was going, the
 * session open; a stale, replayed, foreign or tampered callback gets the
 * "log in again" page (400), a provider that is away the same page with
 * 502; 404 for a provider that is not configured.
 */
enum gerr
page_oidc_callback(struct req *r)
{
	const struct oidc_provider	*p = oidc_provider_find(r->args[0]);
	const char			*state = req_query(r, "state");
	const char			*code = req_query(r, "code");
	const char			*browser, *params[3], *why, *ret;
	char				 shash[65], bhash[65], nonce[65];
	char				 verifier[65];
	struct oidc_login		 login;
	PGresult			*res;
	enum gerr			 e;

	if (p == NULL)
		return GERR_NOTFOUND;
	if (!hex64(state))
		return oidc_failed(r, p, OIDC_FAIL_STATE, "no state", NULL);
	browser = kvlist_get(&r->cookies, OIDC_COOKIE);
	sha256_hex(state, shash);
	sha256_hex(hex64(browser) ? browser : "", bhash);
	params[0] = shash;
	params[1] = p->name;
	params[2] = bhash;
	if ((res = db_query(r->pool, &q_request_take, 3, params)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return oidc_failed(r, p, OIDC_FAIL_STATE, "an unknown state",
		    NULL);
	ret = pool_strdup(r->pool, PQgetvalue(res, 0, 3));
	if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
		return oidc_failed(r, p, OIDC_FAIL_BROWSER, hex64(browser) ?
		    "another browser's state" : "no browser cookie", ret);
	if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
		return oidc_failed(r, p, OIDC_FAIL_STATE, "a used or expired "
		    "state", ret);
	r->login_return = ret;
	if (req_query(r, "error") != NULL || code == NULL || code[0] == '\0' ||
	    strlen(code) > 2048)
		return oidc_failed(r, p, OIDC_FAIL_CANCELLED, "no code", ret);
	oidc_derive("nonce", state, nonce);
	oidc_derive("pkce", state, verifier);
	e = oidc_code_exchange(r->pool, p, req_site_url(r), code, verifier,
	    nonce, &login, &why);
	if (e == GERR_UPSTREAM)
		return oidc_failed(r, p, OIDC_FAIL_PROVIDER, why, ret);
	if (e == GERR_AUTH || e == GERR_INPUT)
		return oidc_failed(r, p, OIDC_FAIL_TOKEN, why, ret);
	if (e != GERR_OK)
		return e;
	return oidc_finish(r, p, &login);
}

static struct dbq q_logout_seen = DBQ(
    "INSERT INTO oidc_logout_tokens (provider, jti, expires_at)"
    " VALUES ($1, $2, to_timestamp($3::bigint)) ON CONFLICT DO NOTHING"
    " RETURNING 1");
static struct dbq q_logout_end = DBQ(
    "UPDATE sessions s SET ended_at = now() FROM oidc_sessions o"
    " WHERE o.session_id = s.id AND o.provider = $1 AND s.ended_at IS NULL"
    "   AND ($2::text IS NULL OR o.sid = $2)"
    "   AND ($3::text IS NULL OR o.subject = $3)"
    " RETURNING s.person_id");
static struct dbq q_logout_forget = DBQ(
    "DELETE FROM oidc_logout_tokens WHERE expires_at < now() - interval '1 day'");

static enum gerr
oidc_backchannel_answer(struct req *r, int status, const char *error)
{
	const char	*body = error == NULL ? "" :
	    pool_printf(r->pool, "{\"error\":\"%s\"}", error);

	return resp_send(r, status, error == NULL ? NULL : "application/json",
	    body, strlen(body));
}

/*
 * POST /login/oidc/:provider/backchannel (OpenID Connect Back-Channel
 * Logout 1.0), from the provider's server: the logout token verified,
 * never acted on twice, the sessions it names (by sid, else every one
 * of the sub) ended at once.  200; 400 with an OAuth error for a token
 * refused or replayed; 404 for a provider that is not configured.
 */
enum gerr
page_oidc_backchannel(struct req *r)
{
	const struct oidc_provider	*p = oidc_provider_find(r->args[0]);
	const char			*token = req_form(r, "logout_token");
	const char			*sid, *sub, *jti, *why, *params[3];
	char				 exps[24];
	time_t				 exp;
	PGresult			*res;
	int				 i;
	enum gerr			 e;

	if (p == NULL)
		return GERR_NOTFOUND;
	if (token == NULL)
		return oidc_backchannel_answer(r, 400, "invalid_request");
	e = oidc_logout_token(r->pool, p, token, &sid, &sub, &jti, &exp, &why);
	if (e == GERR_UPSTREAM)
		return oidc_backchannel_answer(r, 503, "temporarily_unavailable");
	if (e != GERR_OK) {
		log_info("oidc %s: logout token refused: %s", p->name,
		    why != NULL ? why : gerr_name(e));
		return oidc_backchannel_answer(r, 400, "invalid_request");
	}
	(void)db_query(r->pool, &q_logout_forget, 0, NULL);
	snprintf(exps, sizeof(exps), "%lld", (long long)exp);
	params[0] = p->name;
	params[1] = jti;
	params[2] = exps;
	if ((res = db_query(r->pool, &q_logout_seen, 3, params)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		log_info("oidc %s: logout token replayed", p->name);
		return oidc_backchannel_answer(r, 400, "invalid_request");
	}
	params[1] = sid;
	params[2] = sid == NULL ? sub : NULL;
	if ((res = db_query(r->pool, &q_logout_end, 3, params)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++)
		(void)audit(r->pool, "logout", PQgetvalue(res, i, 0),
		    req_remote_addr(r), pool_printf(r->pool, "{\"method\":"
		    "\"oidc\",\"provider\":\"%s\",\"by\":\"backchannel\"}",
		    p->name));
	return oidc_backchannel_answer(r, 200, NULL);
}

static struct dbq q_session_provider = DBQ(
    "SELECT provider, id_token FROM oidc_sessions WHERE session_id = $1");

/*
 * Where a logout goes once the session is ended here: the provider's
 * end-session endpoint with the ID token as hint, coming back to the
 * login page; NULL when the session did not come from a provider, or
 * the provider publishes no end-session endpoint.  Read before the
 * session ends (its row goes with it).
 */
const char *
login_oidc_logout(struct req *r)
{
	const struct oidc_provider	*p;
	const char			*params[1];
	PGresult			*res;

	if (r->session == NULL || strcmp(r->session->method, "oidc") != 0)
		return NULL;
	params[0] = r->session->row_id;
	if ((res = db_query(r->pool, &q_session_provider, 1, params)) == NULL ||
	    PQntuples(res) != 1 ||
	    (p = oidc_provider_find(PQgetvalue(res, 0, 0))) == NULL)
		return NULL;
	return oidc_end_session_url(r->pool, p, PQgetvalue(res, 0, 1),
	    pool_printf(r->pool, "%s/login?logged_out=1", req_site_url(r)));
}

/* GET /login/oidc/jwks: our public keys (itsme fetches them); 404: none. */
enum gerr
page_oidc_jwks(struct req *r)
{
	const char	*doc = oidc_public_keys(r->pool);

	if (doc == NULL)
		return GERR_NOTFOUND;
	r->cache = "public, max-age=300";
	return resp_send(r, 200, "application/json", doc, strlen(doc));
}
