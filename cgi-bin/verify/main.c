/*
 * guichet-verify: anyone checks a document we issued, without logging in
 * (docs/verify.md).  nginx limits the requests per client address.
 */
#include "verify.h"

static const struct route routes[] = {
	{ "/verify",		METHOD_GET,	page_verify,		0 },
	{ "/verify",		METHOD_POST,	page_verify_post,	ROUTE_FORM },
	{ "/verify/:vcode",	METHOD_GET,	page_verify_code,	0 },
	{ "/verify/:vcode",	METHOD_POST,	page_verify_code_post,
	    ROUTE_FORM },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-verify", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
