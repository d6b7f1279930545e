/*
 * guichet-inbox: the agents' queues, working a dossier, figures.  The
 * queues and their searches, the figures and the payments' day may be
 * read on a standby (ROUTE_READ, docs/high-availability.md).
 */
#include "inbox.h"

static const struct route routes[] = {
	{ "/inbox",				METHOD_GET,	page_queue,
	    ROUTE_AGENT | ROUTE_READ },
	{ "/inbox/stats",			METHOD_GET,	page_stats,
	    ROUTE_AGENT | ROUTE_READ },
	{ "/inbox/payments",			METHOD_GET,	page_reconcile,
	    ROUTE_AGENT | ROUTE_READ },
	{ "/inbox/payments/export.csv",		METHOD_GET,
	    page_reconcile_csv, ROUTE_AGENT | ROUTE_READ },
	{ "/inbox/payments/differences/:id",	METHOD_POST,
	    page_difference_resolve, ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/dossiers/:id",		METHOD_GET,	page_work,
	    ROUTE_AGENT },
	{ "/inbox/dossiers/:id/files/:id",	METHOD_GET,	page_work_file,
	    ROUTE_AGENT },
	{ "/inbox/dossiers/:id/documents/:id",	METHOD_GET,	page_work_file,
	    ROUTE_AGENT },
	{ "/inbox/dossiers/:id/:action",	METHOD_POST,	page_act,
	    ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/certificates",		METHOD_GET,	page_certificates,
	    ROUTE_AGENT },
	{ "/inbox/certificates/figures",	METHOD_GET,
	    page_certificate_figures, ROUTE_AGENT | ROUTE_READ },
	{ "/inbox/certificates/post",		METHOD_GET,
	    page_certificates_post, ROUTE_AGENT },
	{ "/inbox/certificates/post",		METHOD_POST,
	    page_certificates_posted, ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/certificates/post/sheets.pdf",	METHOD_GET,
	    page_certificates_post_sheets, ROUTE_AGENT },
	{ "/inbox/certificates/:id/pdf",	METHOD_GET,
	    page_certificate_pdf, ROUTE_AGENT },
	{ "/inbox/certificates/:id",		METHOD_GET,	page_certificate,
	    ROUTE_AGENT },
	{ "/inbox/certificates/:id/:action",	METHOD_POST,
	    page_certificate_act, ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/helpdesk",			METHOD_GET,	page_helpdesk,
	    ROUTE_AGENT },
	{ "/inbox/appointments",		METHOD_GET,	page_agenda,
	    ROUTE_AGENT },
	{ "/inbox/appointments/block",		METHOD_POST,	page_agenda_block,
	    ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/appointments/book",		METHOD_POST,	page_agenda_book,
	    ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/appointments/:id/:action",	METHOD_POST,	page_agenda_mark,
	    ROUTE_AGENT | ROUTE_FORM },
	{ "/inbox/helpdesk/:qref",		METHOD_GET,
	    page_helpdesk_question, ROUTE_AGENT },
	{ "/inbox/helpdesk/:qref/answer",	METHOD_POST,
	    page_helpdesk_answer, ROUTE_AGENT | ROUTE_FORM },
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
