/* guichet-forms: the catalogue and the form engine's FastCGI entry point. */
#include "forms.h"

static const struct route routes[] = {
	{ "/procedures",		METHOD_GET,	page_catalogue, 0 },
	{ "/procedures/:code",		METHOD_GET,	page_procedure, 0 },
	{ "/procedures/:code/start",	METHOD_POST,	page_start, 0 },
	{ "/forms",			METHOD_GET,	page_drafts, 0 },
	{ "/forms/:id/pages/:page",	METHOD_GET,	page_form, 0 },
	{ "/forms/:id/pages/:page",	METHOD_POST,	page_form_post,
	    ROUTE_FORM },
	{ "/forms/:id/summary",		METHOD_GET,	page_summary, 0 },
	{ "/forms/:id/submit",		METHOD_POST,	page_submit, ROUTE_FORM },
	{ "/forms/:id/delete",		METHOD_POST,	page_delete, 0 },
	{ "/forms/:id/files/:file",	METHOD_GET,	page_file, 0 },
	{ "/forms/:id/receipt",		METHOD_GET,	page_receipt, 0 },
	{ "/forms/:id/receipt.pdf",	METHOD_GET,	page_receipt_pdf, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-forms", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
