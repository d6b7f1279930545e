/*
 * guichet-orgs: the shared workspace of an organisation, its users and
 * their roles, mandates given and held, the audit trail; the legal
 * representative's designation of the main access manager; a user's
 * professional address.  Every action is checked in the database at the
 * time it is made (sql/0020).
 */
#include "orgs.h"

static const struct route routes[] = {
	{ "/org",			METHOD_GET,	page_space,	ROUTE_LOGIN },
	{ "/org/audit",			METHOD_GET,	page_audit,	ROUTE_LOGIN },
	{ "/org/users",			METHOD_GET,	page_users,	ROUTE_LOGIN },
	{ "/org/users",			METHOD_POST,	page_user_add,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/org/users/:id",		METHOD_GET,	page_user,	ROUTE_LOGIN },
	{ "/org/users/:id",		METHOD_POST,	page_user_post,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/org/users/:id/remove",	METHOD_POST,	page_user_remove,
	    ROUTE_HIGH },
	{ "/org/mandates",		METHOD_GET,	page_mandates,	ROUTE_LOGIN },
	{ "/org/mandates",		METHOD_POST,	page_mandate_new,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/org/mandates/:id/:action",	METHOD_POST,	page_mandate_act,
	    ROUTE_HIGH },
	{ "/org/represent",		METHOD_GET,	page_represent,	ROUTE_HIGH },
	{ "/org/represent",		METHOD_POST,	page_represent_post,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/org/represent/:bce",	METHOD_GET,	page_represent_org,
	    ROUTE_HIGH },
	{ "/org/represent/:bce/manager", METHOD_POST,	page_represent_manager,
	    ROUTE_HIGH | ROUTE_FORM },
	{ "/org/email",			METHOD_GET,	page_email,	ROUTE_LOGIN },
	{ "/org/email",			METHOD_POST,	page_email_post,
	    ROUTE_LOGIN | ROUTE_FORM },
	{ "/org/email/confirm",		METHOD_GET,	page_email_confirm,
	    ROUTE_LOGIN },
	{ "/org/email/confirm",		METHOD_POST,	page_email_confirm_post,
	    ROUTE_LOGIN },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-orgs", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
