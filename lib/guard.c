/*
 * What stands between a request and its page: the session its cookie
 * names, the rows it may see, the anti-forgery check of a POST, and the
 * preconditions its route declares (a login, an assurance level, an
 * agent), each refused the same way whatever the page.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "agent.h"
#include "app.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "html.h"
#include "identity.h"
#include "log.h"

static int	guard_staff;

/* The agents' and applications' programs see every row (sql/0021). */
void
guard_init(int staff)
{
	guard_staff = staff;
}

/* Who is logged in and for whom they act, for the layout of every page. */
void
req_session_hdf(struct req *r)
{
	struct session	*s = r->session;

	if (s == NULL)
		return;
	tmpl_set(r->hdf, "Session.on", "1");
	tmpl_setf(r->hdf, "Session.name", "%s %s", s->given_names, s->surname);
	if (s->given_names[0] == '\0' && s->email != NULL)
		tmpl_set(r->hdf, "Session.name", s->email);
	tmpl_set(r->hdf, "Session.assurance", s->assurance);
	tmpl_set(r->hdf, "Session.method", s->method);
	if (s->acting_org_name != NULL)
		tmpl_set(r->hdf, "Session.acting", s->acting_org_name);
}

/*
 * Pages with a form call this: it makes sure the browser has its random
 * anti-forgery cookie and gives the template the token.  Pages without a
 * form set no cookie at all.
 */
int
req_csrf_form(struct req *r)
{
	char	*fresh, token[65];

	if (hdf_get_value(r->hdf, "Csrf.token", NULL) != NULL)
		return 0;		/* done already for this request */
	/* Logged in, the token is bound to the session (made as it loaded). */
	if (r->session != NULL) {
		r->csrf_seed = r->session->id;
		return tmpl_set(r->hdf, "Csrf.field", CSRF_FIELD) == -1 ||
		    tmpl_set(r->hdf, "Csrf.token", r->session->csrf) == -1 ?
		    -1 : 0;
	} else if (r->csrf_seed == NULL || strlen(r->csrf_seed) != 32) {
		if ((fresh = pool_alloc(r->pool, 33)) == NULL ||
		    random_hex(fresh, 16) == -1)
			return -1;
		r->csrf_seed = fresh;
		if (resp_cookie(r, CSRF_COOKIE, fresh, 86400 * 7) == -1)
			return -1;
	}
	csrf_token(r->csrf_seed, token);
	if (tmpl_set(r->hdf, "Csrf.field", CSRF_FIELD) == -1 ||
	    tmpl_set(r->hdf, "Csrf.token", token) == -1)
		return -1;
	return 0;
}

/* The rows the request may see: the session's, or no one's. */
static void
guard_scope(struct req *r)
{
	struct session	*s = r->session;

	if (guard_staff)
		return;
	if (s == NULL)
		db_scope_set("user", NULL, NULL, NULL);
	else
		db_scope_set("user", s->acting_org_id == NULL ? s->person_id :
		    NULL, s->acting_org_id, s->acting_procs);
}

/*
 * The session of the request, if its cookie is ours and the session is
 * still open.  A cookie that is not (expired, ended, forged) is cleared.
 * The check is redone on every request: a logout or a removal takes
 * effect at once.  passive: the request is no sign of life
 * (ROUTE_PASSIVE).
 */
static enum gerr
guard_session(struct req *r, int passive)
{
	const char	*c = kvlist_get(&r->cookies, SESSION_COOKIE);
	struct session	*s;
	enum gerr	 e;

	if (c == NULL)
		return GERR_OK;
	if ((s = pool_alloc(r->pool, sizeof(*s))) == NULL)
		return GERR_NOMEM;
	e = session_load(r->pool, c, passive ? SESSION_PASSIVE : 0, s);
	if (e == GERR_AUTH) {
		resp_session_clear(r);
		return GERR_OK;
	}
	if (e != GERR_OK)
		return e;
	/*
	 * A kiosk serves only sessions opened there, with their short idle
	 * time.  Another host's cookie reaches it only where both share a
	 * host name (the local stack): ignored, not cleared.
	 */
	if (r->kiosk && !s->kiosk)
		return GERR_OK;
	r->session = s;
	req_session_hdf(r);
	/* The layout's logout button is a form. */
	return req_csrf_form(r) == -1 ? GERR_NOMEM : GERR_OK;
}

static int
guard_csrf_ok(struct req *r)
{
	const char	*token = req_form(r, CSRF_FIELD);

	if (!csrf_origin_ok(req_param(r, "HTTP_ORIGIN"),
	    req_param(r, "HTTP_SEC_FETCH_SITE"), req_site_url(r)))
		return 0;
	/* With a session, its token was made as it loaded. */
	if (r->session != NULL)
		return token != NULL && strlen(token) == 64 &&
		    CRYPTO_memcmp(r->session->csrf, token, 64) == 0;
	return csrf_token_ok(r->csrf_seed, token);
}

/* The login page with its query ("return=" last), coming back here. */
static const char *
login_back_here(struct req *r, const char *query)
{
	struct buf	b;

	buf_init(&b, r->pool);
	buf_puts(&b, query);
	url_escape(&b, r->path);
	return buf_cstr(&b);
}

/*
 * The browser forgets the session: its cookie and, at a kiosk, all the
 * site left on the terminal (cache, cookies, storage), so the next person
 * finds nothing of it, not even with the Back button.
 */
int
resp_session_clear(struct req *r)
{
	if (r->kiosk && resp_header(r, "Clear-Site-Data",
	    "\"cache\", \"cookies\", \"storage\"") == -1)
		return -1;
	return resp_cookie(r, SESSION_COOKIE, "", 0);
}

/* Pages for logged-in people send the others to the login page. */
enum gerr
resp_need_login(struct req *r)
{
	return resp_redirect(r, 303, login_back_here(r, "/login?return="));
}

/*
 * Logged in, but not strongly enough: the error page says why, with a way
 * to log in again with the eID card that comes back here.
 */
static int
guard_step_up(struct req *r)
{
	tmpl_set(r->hdf, "Error.reason", "error.step_up");
	tmpl_set(r->hdf, "Error.step_up", login_back_here(r,
	    "/login?step_up=1&level=high&return="));
	return 403;
}

/*
 * The route's preconditions: 0 to go on; an HTTP status to answer with
 * (its page made ready); -1 when answered already (the login redirect).
 */
static int
guard_route(struct req *r, int flags)
{
	enum gerr	e;

	/* nothing is downloaded at a public terminal (docs/kiosk.md) */
	if ((flags & ROUTE_DOWNLOAD) && r->kiosk) {
		tmpl_set(r->hdf, "Error.reason", "error.kiosk_download");
		return 403;
	}
	if (!(flags & (ROUTE_LOGIN | ROUTE_HIGH | ROUTE_AGENT)))
		return 0;
	if (r->session == NULL)
		return resp_need_login(r) == GERR_OK ? -1 : 500;
	if ((flags & (ROUTE_HIGH | ROUTE_AGENT)) &&
	    !assurance_meets(r->session, "high"))
		return guard_step_up(r);
	if (!(flags & ROUTE_AGENT))
		return 0;
	if ((r->agent = pool_alloc(r->pool, sizeof(*r->agent))) == NULL)
		return 500;
	if ((e = agent_load(r, r->agent)) == GERR_AUTH) {
		tmpl_set(r->hdf, "Error.reason", "error.not_agent");
		return 403;
	}
	return e == GERR_OK ? 0 : gerr_http_status(e);
}

/*
 * Everything before the page runs: the session (a logged-in user's forms
 * carry its token), the scope of its rows, the route's preconditions, the
 * body of a POST and its anti-forgery check.  Returns as guard_route.
 */
int
guard_request(struct req *r, const struct route *route)
{
	int		 status;
	enum gerr	 e;

	if (db_ensure() != GERR_OK)
		return 503;
	db_scope_set(NULL, NULL, NULL, NULL);
	db_trace_set(r->method == METHOD_POST ? log_trace() : NULL);
	if (!r->api && !(route->flags & ROUTE_SERVER) &&
	    (e = guard_session(r, route->flags & ROUTE_PASSIVE)) != GERR_OK)
		return gerr_http_status(e);
	guard_scope(r);
	if ((status = guard_route(r, route->flags)) != 0)
		return status;
	if (r->method != METHOD_POST)
		return 0;
	if ((status = input_body(r)) != 0)
		return status;
	/* A forged POST never reaches a handler that would act on it. */
	if (!r->api && !(route->flags & ROUTE_SERVER) && !guard_csrf_ok(r)) {
		if (!(route->flags & ROUTE_FORM))
			return 403;
		r->csrf_failed = 1;
	}
	return 0;
}
