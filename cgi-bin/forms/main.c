/* guichet-forms: the catalogue and the form engine's FastCGI entry point. */
#include "forms.h"

static const struct route routes[] = {
	{ "/procedures",		METHOD_GET,	page_catalogue,	0 },
	{ "/procedures/:code",		METHOD_GET,	page_procedure,	0 },
	/* logs in itself: back to the procedure's page, not to this POST */
	{ "/procedures/:code/start",	METHOD_POST,	page_start,	0 },
	{ "/forms",			METHOD_GET,	page_drafts,	ROUTE_LOGIN },
	{ "/forms/:id/pages/:page",	METHOD_GET,	page_form,	ROUTE_LOGIN },
	{ "/forms/:id/pages/:page",	METHOD_POST,	page_form_post,
	    ROUTE_LOGIN | ROUTE_FORM },
	/* a large group's blocks, one page each (items.c) */
	{ "/forms/:id/pages/:page/items/:group/:item", METHOD_GET, page_item,
	    ROUTE_LOGIN },
	{ "/forms/:id/pages/:page/items/:group/:item", METHOD_POST,
	    page_item_post, ROUTE_LOGIN | ROUTE_FORM },
	/* a field's PDF files, sent apart from the answers (annex.c) */
	{ "/forms/:id/pages/:page/files/:field", METHOD_GET, page_attach,
	    ROUTE_LOGIN },
	{ "/forms/:id/pages/:page/files/:field", METHOD_POST,
	    page_attach_post, ROUTE_LOGIN | ROUTE_FORM },
	{ "/forms/:id/summary",		METHOD_GET,	page_summary,	ROUTE_LOGIN },
	{ "/forms/:id/submit",		METHOD_POST,	page_submit,
	    ROUTE_LOGIN | ROUTE_FORM },
	/* a fee paid to send it (payment.c) */
	{ "/forms/:id/payment",		METHOD_GET,	page_payment,	ROUTE_LOGIN },
	{ "/forms/:id/payment/cancel",	METHOD_POST,	page_payment_cancel,
	    ROUTE_LOGIN },
	/* the provider's webhooks: signed, no session, no anti-forgery */
	{ "/payments/webhook",		METHOD_POST,	page_payment_webhook,
	    ROUTE_API },
	{ "/forms/:id/delete",		METHOD_POST,	page_delete,	ROUTE_LOGIN },
	{ "/forms/:id/files/:id",	METHOD_GET,	page_file,
	    ROUTE_LOGIN | ROUTE_DOWNLOAD },
	{ "/forms/:id/receipt",		METHOD_GET,	page_receipt,	ROUTE_LOGIN },
	{ "/forms/:id/receipt.pdf",	METHOD_GET,	page_receipt_pdf,
	    ROUTE_LOGIN | ROUTE_DOWNLOAD },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-forms", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
