/*
 * The end of a session at a public kiosk (docs/kiosk.md), without
 * JavaScript: the warning a page left alone reloads to, "I am still here"
 * that extends the session, and the page that ends it once the warning
 * ran out (WCAG 2.2.1).  Only a kiosk's server block serves them.
 */
#include <time.h>

#include "audit.h"
#include "html.h"
#include "login.h"

/*
 * GET /login/idle (ROUTE_PASSIVE: loading it is no sign of life): 200
 * with the warning, how long is left and the button to go on, reloading
 * to the end when that runs out; 303 to the end when the session is over
 * already; 404 off a kiosk.
 */
enum gerr
page_kiosk_idle(struct req *r)
{
	struct buf	to;

	if (!r->kiosk)
		return GERR_NOTFOUND;
	if (r->session == NULL)
		return resp_redirect(r, 303, "/login/ended");
	buf_init(&to, r->pool);
	buf_puts(&to, "/login/ended?return=");
	url_escape(&to, login_return(r));
	tmpl_set(r->hdf, "Kiosk.return", login_return(r));
	tmpl_setf(r->hdf, "Kiosk.refresh_after", "%d", kiosk_warning_seconds());
	tmpl_set(r->hdf, "Kiosk.refresh_url", buf_cstr(&to));
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->tmpl = "login/idle.cs";
	return GERR_OK;
}

/* POST /login/idle: 303 back where the user was, the idle time anew. */
enum gerr
page_kiosk_continue(struct req *r)
{
	enum gerr	e;

	if (!r->kiosk)
		return GERR_NOTFOUND;
	if ((e = session_touch(r->pool, r->session)) != GERR_OK)
		return e;
	return resp_redirect(r, 303, login_return(r));
}

/*
 * GET /login/ended (ROUTE_PASSIVE), where the warning leads when nobody
 * answered it: a session left alone since its warning was due ends here,
 * and the terminal forgets everything of it; 200 with the page saying so.
 * A session used since (another tab, a clock ahead) is left alone: 303
 * back.  A GET, since the browser comes by itself; at worst someone ends
 * a session idle for minutes.
 */
enum gerr
page_kiosk_ended(struct req *r)
{
	struct session	*s = r->session;
	time_t		 quiet;

	if (!r->kiosk)
		return GERR_NOTFOUND;
	if (s != NULL) {
		quiet = time(NULL) - s->seen;
		if (quiet < session_idle_seconds(s) - kiosk_warning_seconds())
			return resp_redirect(r, 303, login_return(r));
		if (session_end(r->pool, s->row_id, s->person_id) == GERR_OK)
			(void)audit(r->pool, "logout", s->person_id,
			    req_remote_addr(r), "{\"why\":\"kiosk_idle\"}");
		r->session = NULL;
		tmpl_set(r->hdf, "Session.on", "");	/* the layout's bar */
	}
	if (resp_session_clear(r) == -1)
		return GERR_SYSTEM;
	r->tmpl = "login/ended.cs";
	return GERR_OK;
}
