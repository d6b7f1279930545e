/*
 * The figures of the departments an agent manages: open dossiers by
 * status (and how many wait for the user), and over the dossiers closed
 * in the last 90 days, how many and how long they took, from submission
 * to closing, with the time spent waiting for users apart; and the open
 * dossiers past their decision deadline or within 7 days of it
 * (docs/deadlines.md).
 */
#include "db.h"
#include "inbox.h"

static struct dbq q_open = DBQ(
    "SELECT count(*) FILTER (WHERE d.status = 'soumis'),"
    "  count(*) FILTER (WHERE d.status = 'receptionne'),"
    "  count(*) FILTER (WHERE d.status = 'en_traitement'),"
    "  count(*) FILTER (WHERE d.waiting_since IS NOT NULL),"
    "  count(*) FILTER (WHERE d.assigned_agent_id IS NULL"
    "   AND d.status <> 'soumis'),"
    "  count(*) FILTER (WHERE deadline_flag(d.due_on) = 'past'),"
    "  count(*) FILTER (WHERE deadline_flag(d.due_on) = 'near'),"
    "  count(*) FILTER (WHERE d.due_on IS NOT NULL)"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE p.department_id = $1::bigint"
    "   AND d.status IN ('soumis', 'receptionne', 'en_traitement')");
static const char *const open_cols[] = { "soumis", "receptionne",
    "en_traitement", "waiting", "unassigned", "due_past", "due_near",
    "due_running" };

static struct dbq q_closed = DBQ(
    "SELECT count(*),"
    "  coalesce(round(extract(epoch FROM avg(d.closed_at - d.submitted_at))"
    "   / 86400, 1), 0),"
    "  coalesce(round(extract(epoch FROM avg(d.waiting_total)) / 86400, 1), 0)"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE p.department_id = $1::bigint AND d.status = 'cloture'"
    "   AND d.closed_at > now() - interval '90 days'");
static const char *const closed_cols[] = { "count", "days", "waiting_days" };

enum gerr
page_stats(struct req *r)
{
	const struct agent *a = r->agent;
	const char	*p[1], *dp;
	PGresult	*res;
	size_t		 i, n = 0;

	for (i = 0; i < a->n; i++) {
		if (a->dept[i].role != ROLE_MANAGER)
			continue;
		dp = pool_printf(r->pool, "Stats.%zu", n++);
		tmpl_set(r->hdf, pool_printf(r->pool, "%s.name", dp),
		    a->dept[i].name);
		p[0] = a->dept[i].id;
		if ((res = db_query(r->pool, &q_open, 1, p)) == NULL)
			return db_last_error();
		req_hdf_rows(r, pool_printf(r->pool, "%s.open", dp), res,
		    open_cols, nitems(open_cols));
		if ((res = db_query(r->pool, &q_closed, 1, p)) == NULL)
			return db_last_error();
		req_hdf_rows(r, pool_printf(r->pool, "%s.closed", dp), res,
		    closed_cols, nitems(closed_cols));
	}
	if (n == 0)
		return GERR_AUTH;
	r->cache = "private, no-store";
	return resp_render(r, 200, "inbox/stats.cs");
}
