/*
 * guichet-heatpump: Wallonia's premium for a heat pump (primes Habitation),
 * ported as a program of its own because its amount is computed from a
 * scale of income categories and the household (docs/porting.md).  Its
 * definition (conf/procedures/HEATPUMP.json) gives the catalogue, the
 * start, the questions and their checks; this program asks them, adds the
 * rules a definition cannot say, computes the amount and sends the
 * dossier through lib/ like the form engine: the receipt, "Mes dossiers",
 * the inbox, the API and the notifications know it as any other.
 */
#include "heatpump.h"

static const struct route routes[] = {
	{ HEATPUMP_PATH "/:id",		METHOD_GET,	page_overview,
	    ROUTE_LOGIN },
	{ HEATPUMP_PATH "/:id/submit",	METHOD_POST,	page_send,
	    ROUTE_LOGIN | ROUTE_FORM },
	{ HEATPUMP_PATH "/:id/:page",	METHOD_GET,	page_step,
	    ROUTE_LOGIN },
	{ HEATPUMP_PATH "/:id/:page",	METHOD_POST,	page_step_post,
	    ROUTE_LOGIN | ROUTE_FORM },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-heatpump", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
