/*
 * guichet-orgs: the shared workspace of an organisation, its users and
 * their roles, mandates given and held, the audit trail; the legal
 * representative's designation of the main access manager; a user's
 * professional address.  Every action is checked in the database at the
 * time it is made (sql/0020).
 */
#include "orgs.h"

static const struct route routes[] = {
	{ "/org",				METHOD_GET,	page_space, 0 },
	{ "/org/audit",				METHOD_GET,	page_audit, 0 },
	{ "/org/users",				METHOD_GET,	page_users, 0 },
	{ "/org/users",				METHOD_POST,	page_user_add,
	    ROUTE_FORM },
	{ "/org/users/:id",			METHOD_GET,	page_user, 0 },
	{ "/org/users/:id",			METHOD_POST,	page_user_post,
	    ROUTE_FORM },
	{ "/org/users/:id/remove",		METHOD_POST,	page_user_remove,
	    0 },
	{ "/org/mandates",			METHOD_GET,	page_mandates, 0 },
	{ "/org/mandates",			METHOD_POST,	page_mandate_new,
	    ROUTE_FORM },
	{ "/org/mandates/:id/:action",		METHOD_POST,	page_mandate_act,
	    0 },
	{ "/org/represent",			METHOD_GET,	page_represent, 0 },
	{ "/org/represent",			METHOD_POST,	page_represent_post,
	    ROUTE_FORM },
	{ "/org/represent/:bce",		METHOD_GET,	page_represent_org,
	    0 },
	{ "/org/represent/:bce/manager",	METHOD_POST,
	    page_represent_manager, ROUTE_FORM },
	{ "/org/email",				METHOD_GET,	page_email, 0 },
	{ "/org/email",				METHOD_POST,	page_email_post,
	    ROUTE_FORM },
	{ "/org/email/confirm",			METHOD_GET,	page_email_confirm,
	    0 },
	{ "/org/email/confirm",			METHOD_POST,
	    page_email_confirm_post, 0 },
};

int
main(int argc, char *argv[])
{
	struct app	app;

	if (app_init(&app, "guichet-orgs", argc, argv) != GERR_OK)
		return 1;
	return app_serve(&app, routes, nitems(routes));
}
