/*
 * guichet-appointments: a citizen books an appointment at an office's
 * counter (docs/appointments.md).  The office and the meeting type, a
 * week of free slots (the earliest first), a slot held ten minutes, one
 * confirmation; then the appointment's page, where it is moved or
 * cancelled, reached from "my appointments" or from the signed link of
 * its emails without logging in.  Works without JavaScript.
 */
#include "appointments.h"

static const struct route routes[] = {
	{ "/appointments",			METHOD_GET,	page_offices,
	    ROUTE_LOGIN },
	{ "/appointments/slots",		METHOD_GET,	page_slots,
	    ROUTE_LOGIN },
	{ "/appointments/hold",			METHOD_POST,	page_hold,
	    ROUTE_LOGIN },
	/* a desk's feed, at its secret address (feed.c) */
	{ "/appointments/feeds/:feed",		METHOD_GET,	page_feed,
	    ROUTE_PASSIVE },
	/* the emails' signed links open these without a session */
	{ "/appointments/:uid",			METHOD_GET,	page_show, 0 },
	{ "/appointments/:uid/confirm",		METHOD_POST,	page_confirm, 0 },
	{ "/appointments/:uid/cancel",		METHOD_POST,	page_cancel, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-appointments", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
