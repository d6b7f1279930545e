/* guichet-inbox: the agents' queues, working a dossier, figures. */
#include "inbox.h"

static const struct route routes[] = {
	{ "/inbox",					METHOD_GET,	page_queue, 0 },
	{ "/inbox/stats",				METHOD_GET,	page_stats, 0 },
	{ "/inbox/dossiers/:id",			METHOD_GET,	page_work, 0 },
	{ "/inbox/dossiers/:id/files/:file",		METHOD_GET,	page_work_file,
	    0 },
	{ "/inbox/dossiers/:id/documents/:doc",		METHOD_GET,	page_work_file,
	    0 },
	{ "/inbox/dossiers/:id/:action",		METHOD_POST,	page_act,
	    ROUTE_FORM },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-inbox", argc, argv) != GERR_OK)
		return 1;
	app.staff = 1;
	return app_serve(&app, routes, nitems(routes));
}
