/* guichet-api: the JSON API of /api/v1 for business applications. */
#include "api.h"

static const struct route routes[] = {
	{ "/api/v1/procedures/:code/dossiers",	METHOD_GET,	page_changes,
	    ROUTE_API },
	{ "/api/v1/procedures/:code/export.csv", METHOD_GET,	page_export,
	    ROUTE_API },
	{ "/api/v1/procedures/:code/export.json", METHOD_GET,	page_export,
	    ROUTE_API },
	{ "/api/v1/dossiers/:ref",		METHOD_GET,	page_dossier,
	    ROUTE_API },
	{ "/api/v1/dossiers/:ref/files/:id",	METHOD_GET,	page_file,
	    ROUTE_API },
	{ "/api/v1/dossiers/:ref/status",	METHOD_POST,	page_status,
	    ROUTE_API },
	{ "/api/v1/dossiers/:ref/messages",	METHOD_POST,	page_message,
	    ROUTE_API },
	{ "/api/v1/webhooks",			METHOD_GET,	page_hooks,
	    ROUTE_API },
	{ "/api/v1/webhooks",			METHOD_POST,	page_hook_add,
	    ROUTE_API },
	{ "/api/v1/webhooks/:id/delete",	METHOD_POST,	page_hook_delete,
	    ROUTE_API },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-api", argc, argv) != GERR_OK)
		return 1;
	app.staff = 1;
	app.metrics_extra = ops_outbox_metrics;
	return app_serve(&app, routes, nitems(routes));
}
