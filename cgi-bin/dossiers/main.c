/* guichet-dossiers: "Mes dossiers", a dossier, "Mes documents", "Mes données". */
#include "dossiers.h"

static const struct route routes[] = {
	{ "/dossiers",			METHOD_GET,	page_list,	ROUTE_LOGIN },
	{ "/dossiers/:ref",		METHOD_GET,	page_dossier,	ROUTE_LOGIN },
	{ "/dossiers/:ref/messages",	METHOD_POST,	page_message,
	    ROUTE_LOGIN | ROUTE_FORM },
	{ "/dossiers/:ref/messages/files/:id", METHOD_GET, page_message_file,
	    ROUTE_LOGIN | ROUTE_DOWNLOAD },
	{ "/dossiers/:ref/archive",	METHOD_POST,	page_archive,	ROUTE_LOGIN },
	/* a fee due after acceptance (pay.c) */
	{ "/dossiers/:ref/pay",		METHOD_POST,	page_fee_pay,	ROUTE_LOGIN },
	{ "/dossiers/:ref/payment",	METHOD_GET,	page_fee_payment,
	    ROUTE_LOGIN },
	{ "/dossiers/:ref/payment/cancel", METHOD_POST,
	    page_fee_payment_cancel, ROUTE_LOGIN },
	{ "/documents",			METHOD_GET,	page_documents,	ROUTE_LOGIN },
	{ "/documents/:id",		METHOD_GET,	page_document_file,
	    ROUTE_LOGIN | ROUTE_DOWNLOAD },
	{ "/my-data",			METHOD_GET,	page_my_data,	ROUTE_LOGIN },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-dossiers", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
