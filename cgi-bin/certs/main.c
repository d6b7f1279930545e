/*
 * guichet-certs: certificates on demand.  A citizen logged in with the
 * eID card picks a type (certificate_types, published by guichet-admin
 * from conf/certificates/), chooses the language and the delivery, and
 * gets the sealed certificate in the vault while waiting when the
 * register answers and no check is needed; otherwise the request waits
 * for the register (the queue, worked by guichet-notify) or for an
 * agent (the inbox), and the user is notified.
 */
#include "certs.h"

static const struct route routes[] = {
	{ "/certificates",			METHOD_GET,	page_catalogue,
	    ROUTE_LOGIN },
	{ "/certificates/requests/:cref",	METHOD_GET,	page_status,
	    ROUTE_LOGIN },
	/* the certificate as a page to print (at a kiosk: no PDF there) */
	{ "/certificates/requests/:cref/print",	METHOD_GET,	page_print,
	    ROUTE_LOGIN },
	/* the page's own reloads while it is made: no sign of life */
	{ "/certificates/requests/:cref/wait",	METHOD_GET,	page_status,
	    ROUTE_LOGIN | ROUTE_PASSIVE },
	/* an order with a fee: "Pay and order", the provider's return */
	{ "/certificates/requests/:cref/pay",	METHOD_POST,	page_order_pay,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/certificates/requests/:cref/payment", METHOD_GET,
	    page_order_payment, ROUTE_LOGIN },
	{ "/certificates/requests/:cref/payment/cancel", METHOD_POST,
	    page_order_cancel, ROUTE_LOGIN | ROUTE_FORM },
	{ "/certificates/:type",		METHOD_GET,	page_form,
	    ROUTE_HIGH },
	{ "/certificates/:type",		METHOD_POST,	page_request,
	    ROUTE_HIGH | ROUTE_FORM },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-certs", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
