/* guichet-dossiers: "Mes dossiers", a dossier, "Mes documents", "Mes données". */
#include "dossiers.h"

static const struct route routes[] = {
	{ "/dossiers",				METHOD_GET,	page_list, 0 },
	{ "/dossiers/:ref",			METHOD_GET,	page_dossier, 0 },
	{ "/dossiers/:ref/messages",		METHOD_POST,	page_message,
	    ROUTE_FORM },
	{ "/dossiers/:ref/messages/files/:id",	METHOD_GET,	page_message_file,
	    0 },
	{ "/dossiers/:ref/archive",		METHOD_POST,	page_archive, 0 },
	{ "/documents",				METHOD_GET,	page_documents, 0 },
	{ "/documents/:id",			METHOD_GET,	page_document_file,
	    0 },
	{ "/my-data",				METHOD_GET,	page_my_data, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-dossiers", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
