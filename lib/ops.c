/*
 * What the hosting team asks a program, not the public: its counters in
 * Prometheus's text (/metrics) and whether it can serve (/healthz).  nginx
 * marks those requests with the parameter GUICHET_OPS, set in the
 * monitoring server's locations only (a client's header arrives as
 * HTTP_*, never as this); docs/operations.md.
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "log.h"
#include "metrics.h"

static ops_extra_fn	 ops_extra;

/* A program adds its own lines to /metrics (the API: the outbox's). */
void
ops_init(ops_extra_fn extra)
{
	ops_extra = extra;
}

/* 200 with the counters; 503 outside a prefork server. */
static void
ops_metrics(struct req *r, const struct route *routes, size_t n)
{
	struct metrics_routes	 labels;
	const char		**pat, **meth;
	struct buf		 b;
	size_t			 i;

	if ((pat = pool_alloc(r->pool, (n + 1) * sizeof(*pat))) == NULL ||
	    (meth = pool_alloc(r->pool, (n + 1) * sizeof(*meth))) == NULL) {
		resp_error(r, 500);
		return;
	}
	for (i = 0; i < n; i++) {
		pat[i] = routes[i].pattern;
		meth[i] = routes[i].method == METHOD_POST ? "POST" : "GET";
	}
	labels.patterns = pat;
	labels.methods = meth;
	labels.n = n;
	buf_init(&b, r->pool);
	if (metrics_render(&b, log_prog(), &labels) == -1) {
		resp_error(r, 503);
		return;
	}
	if (ops_extra != NULL)
		(void)ops_extra(r, &b);
	resp_send(r, 200, "text/plain; version=0.0.4; charset=utf-8",
	    b.data, b.len);
}

/*
 * "ok", 200; or "degraded" and why, one reason a line, 503, so that a
 * load balancer takes the host out: the database is unreachable from this
 * program, or fewer than half its workers run.  Never a personal datum.
 */
static void
ops_health(struct req *r)
{
	static struct dbq	 q_ping = DBQ("SELECT 1");
	struct buf		 b;
	int			 alive, wanted, bad = 0;

	buf_init(&b, r->pool);
	db_scope_set(NULL, NULL, NULL, NULL);
	db_trace_set(NULL);
	if (db_ensure() != GERR_OK || db_query(r->pool, &q_ping, 0,
	    NULL) == NULL) {
		buf_puts(&b, "database unreachable\n");
		bad = 1;
	}
	if (metrics_workers(&alive, &wanted) == 0 && 2 * alive < wanted) {
		buf_printf(&b, "workers: %d of %d running\n", alive, wanted);
		bad = 1;
	}
	if (bad)
		resp_send(r, 503, "text/plain; charset=utf-8",
		    pool_printf(r->pool, "degraded\n%s", buf_cstr(&b)),
		    strlen("degraded\n") + b.len);
	else
		resp_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}

/* 1 if the request was the monitoring's (and is answered), else 0. */
int
ops_request(struct req *r, const struct route *routes, size_t n)
{
	const char	*what = req_param(r, "GUICHET_OPS");

	if (what == NULL || *what == '\0')
		return 0;
	r->cache = "no-store";
	if (strcmp(what, "metrics") == 0) {
		r->route = "/metrics";
		ops_metrics(r, routes, n);
	} else if (strcmp(what, "healthz") == 0) {
		r->route = "/healthz";
		ops_health(r);
	} else {
		r->route = "-";
		resp_error(r, 404);
	}
	return 1;
}

/*
 * The queues' state, for the API's /metrics: from the database, so the
 * same on every host (docs/operations.md).  Rows waiting, the oldest's
 * age, those already failed once and those given up.
 */
int
ops_outbox_metrics(struct req *r, struct buf *b)
{
	static struct dbq	 q_queues = DBQ(
	    "SELECT 'outbox', count(*), coalesce(extract(epoch FROM"
	    "  now() - min(created_at)), 0)::bigint,"
	    "  count(*) FILTER (WHERE attempts > 0),"
	    "  (SELECT count(*) FROM notification_outbox"
	    "   WHERE dropped_at IS NOT NULL)"
	    " FROM notification_outbox"
	    " WHERE sent_at IS NULL AND dropped_at IS NULL"
	    " UNION ALL "
	    "SELECT 'webhook', count(*), coalesce(extract(epoch FROM"
	    "  now() - min(created_at)), 0)::bigint,"
	    "  count(*) FILTER (WHERE attempts > 0),"
	    "  (SELECT count(*) FROM webhook_deliveries"
	    "   WHERE dropped_at IS NOT NULL)"
	    " FROM webhook_deliveries"
	    " WHERE delivered_at IS NULL AND dropped_at IS NULL");
	static const struct {
		const char	*name;
		const char	*help;
	} cols[] = {
		{ "backlog", "Messages waiting to be sent." },
		{ "oldest_seconds", "Age of the oldest message waiting." },
		{ "failing", "Messages waiting that failed at least once." },
		{ "dropped_total", "Messages given up on, for good." },
	};
	PGresult	*res;
	size_t		 c;
	int		 i;

	db_scope_set(NULL, NULL, NULL, NULL);
	db_trace_set(NULL);
	if (db_ensure() != GERR_OK ||
	    (res = db_query(r->pool, &q_queues, 0, NULL)) == NULL)
		return -1;
	for (c = 0; c < nitems(cols); c++) {
		buf_printf(b, "# HELP guichet_queue_%s %s\n# TYPE guichet_queue_%s"
		    " %s\n", cols[c].name, cols[c].help, cols[c].name,
		    c == 3 ? "counter" : "gauge");
		for (i = 0; i < PQntuples(res); i++)
			buf_printf(b, "guichet_queue_%s{queue=\"%s\"} %s\n",
			    cols[c].name, PQgetvalue(res, i, 0),
			    PQgetvalue(res, i, (int)c + 1));
	}
	return 0;
}
