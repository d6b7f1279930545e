/*
 * Who may use the back office: a person logged in with the eID card (an
 * email code is not enough: the route's ROUTE_AGENT says so, lib/guard.c)
 * who is an agent, not disabled, of at least one department.  Read again
 * at every request, so a disabled agent or a role taken away stops at once.
 */
#include <string.h>

#include "agent.h"
#include "app.h"
#include "conf.h"
#include "db.h"

static struct dbq q_agent = DBQ(
    "SELECT a.id, d.id, d.code, coalesce(d.names->>$2, d.names->>'fr'),"
    "  ad.role"
    "  FROM agents a JOIN agent_departments ad ON ad.agent_id = a.id"
    "  JOIN departments d ON d.id = ad.department_id"
    " WHERE a.person_id = $1::bigint AND a.disabled_at IS NULL"
    " ORDER BY d.code");

static enum role
role_parse(const char *s)
{
	if (strcmp(s, "manager") == 0)
		return ROLE_MANAGER;
	if (strcmp(s, "processor") == 0)
		return ROLE_PROCESSOR;
	if (strcmp(s, "reader") == 0)
		return ROLE_READER;
	return ROLE_NONE;
}

/* The session's person as an agent, or GERR_AUTH if they are none. */
enum gerr
agent_load(struct req *r, struct agent *a)
{
	const char	*p[2];
	PGresult	*res;
	struct buf	 b;
	size_t		 i;

	memset(a, 0, sizeof(*a));
	p[0] = r->session->person_id;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_agent, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0)
		return GERR_AUTH;
	buf_init(&b, r->pool);
	buf_putc(&b, '{');
	for (i = 0; i < (size_t)PQntuples(res) && i < AGENT_DEPTS_MAX; i++) {
		a->dept[i].id = PQgetvalue(res, (int)i, 1);
		a->dept[i].code = PQgetvalue(res, (int)i, 2);
		a->dept[i].name = PQgetvalue(res, (int)i, 3);
		a->dept[i].role = role_parse(PQgetvalue(res, (int)i, 4));
		buf_printf(&b, "%s%s", i ? "," : "", a->dept[i].id);
		tmpl_set(r->hdf, pool_printf(r->pool, "Agent.depts.%zu.name",
		    i), a->dept[i].name);
		if (a->dept[i].role == ROLE_MANAGER)
			tmpl_set(r->hdf, "Agent.manager", "1");
		if (strcmp(a->dept[i].code, conf_str("helpdesk.department"))
		    == 0)
			tmpl_set(r->hdf, "Agent.helpdesk", "1");
	}
	buf_putc(&b, '}');
	a->n = i;
	if ((a->depts = buf_cstr(&b)) == NULL)
		return GERR_NOMEM;
	a->id = PQgetvalue(res, 0, 0);
	tmpl_set(r->hdf, "Agent.id", a->id);
	return GERR_OK;
}

enum role
agent_role(const struct agent *a, const char *dept_id)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->dept[i].id, dept_id) == 0)
			return a->dept[i].role;
	return ROLE_NONE;
}
