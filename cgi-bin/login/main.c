/* guichet-login: the login program's FastCGI entry point. */
#include "login.h"

static const struct route routes[] = {
	{ "/login",			METHOD_GET,	page_login,	0 },
	{ "/login/eid",			METHOD_GET,	page_eid,	0 },
	{ "/login/eid/refused",		METHOD_GET,	page_eid_refused, 0 },
	{ "/login/complete",		METHOD_GET,	page_login_complete, 0 },
	{ "/login/code",		METHOD_POST,	page_code_request,
	    ROUTE_FORM },
	{ "/login/code/verify",		METHOD_POST,	page_code_verify,
	    ROUTE_FORM },
	{ "/login/acting",		METHOD_GET,	page_acting,	ROUTE_LOGIN },
	{ "/login/acting",		METHOD_POST,	page_acting_post,
	    ROUTE_LOGIN },
	{ "/account",			METHOD_GET,	page_profile,	ROUTE_LOGIN },
	{ "/account",			METHOD_POST,	page_profile_post,
	    ROUTE_LOGIN | ROUTE_FORM },
	{ "/account/email/confirm",	METHOD_GET,	page_profile_confirm,
	    ROUTE_LOGIN },
	{ "/account/email/confirm",	METHOD_POST,	page_profile_confirm_post,
	    ROUTE_LOGIN },
	{ "/account/sessions",		METHOD_GET,	page_sessions,	ROUTE_LOGIN },
	{ "/account/sessions/:id/end",	METHOD_POST,	page_session_end,
	    ROUTE_LOGIN },
	{ "/logout",			METHOD_POST,	page_logout,	0 },
	{ "/login/idle",		METHOD_GET,	page_kiosk_idle,
	    ROUTE_PASSIVE },
	{ "/login/idle",		METHOD_POST,	page_kiosk_continue,
	    ROUTE_LOGIN },
	{ "/login/ended",		METHOD_GET,	page_kiosk_ended,
	    ROUTE_PASSIVE },
	{ "/login/oidc/jwks",		METHOD_GET,	page_oidc_jwks,	0 },
	{ "/login/oidc/:provider",	METHOD_GET,	page_oidc_start, 0 },
	{ "/login/oidc/:provider/callback", METHOD_GET, page_oidc_callback, 0 },
	{ "/login/oidc/:provider/backchannel", METHOD_POST,
	    page_oidc_backchannel, ROUTE_SERVER },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-login", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
