/* guichet-forms: the forms program's FastCGI entry point. */
#include "forms.h"

static const struct route routes[] = {
	{ "/procedures",		METHOD_GET,	page_catalogue, 0 },
	{ "/procedures/:code",		METHOD_GET,	page_procedure, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-forms", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
