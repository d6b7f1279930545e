/* guichet-help: the help centre's FastCGI program. */
#include "app.h"
#include "help.h"

static const struct route routes[] = {
	{ "/help",			METHOD_GET,	page_index, 0 },
	{ "/help/search",		METHOD_GET,	page_search, 0 },
	{ "/help/themes/:theme",	METHOD_GET,	page_theme, 0 },
	{ "/help/articles/:slug",	METHOD_GET,	page_article, 0 },
	{ "/help/contact",		METHOD_GET,	page_contact, 0 },
	{ "/help/contact",		METHOD_POST,	page_contact_post,
	    ROUTE_FORM },
	{ "/help/contact/sent",		METHOD_GET,	page_contact_sent, 0 },
	{ "/help/questions",		METHOD_GET,	page_questions,
	    ROUTE_LOGIN },
	{ "/help/questions/:qref",	METHOD_GET,	page_question, 0 },
	{ "/help/privacy",		METHOD_GET,	page_privacy, 0 },
	{ "/help/accessibility",	METHOD_GET,	page_accessibility, 0 },
	{ "/help/legal-notice",		METHOD_GET,	page_legal_notice, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-help", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
