/*
 * Routing: a request's path against the program's route table, typed
 * placeholders checked before the page runs, the page itself, and what
 * every request ends with (the error page, the access log).
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "valid.h"

/*
 * A placeholder's name says what its segment must be; a segment that is
 * not is no match (404), before any page runs.  Other names (":slug",
 * ":page", ":action") take any non-empty segment.
 */
static const struct {
	const char	*name;
	int		(*valid)(const char *);
} arg_types[] = {
	{ "id",		valid_id },
	{ "ref",	valid_reference },
	{ "code",	valid_code },
	{ "bce",	valid_bce_number },
	{ "qref",	valid_question_ref },
};

static int
arg_valid(const char *name, size_t len, const char *value)
{
	size_t	i;

	for (i = 0; i < nitems(arg_types); i++)
		if (strlen(arg_types[i].name) == len &&
		    strncmp(arg_types[i].name, name, len) == 0)
			return arg_types[i].valid(value);
	return 1;
}

/*
 * Matches "/a/:x/b" against a path; ":x" takes one non-empty segment, of
 * its type if its name has one.  A trailing slash on the path is ignored.
 */
int
route_match(const char *pat, const char *path, const char **args,
    size_t nargs, struct pool *p)
{
	size_t		 n = 0, seg, name;
	const char	*end;

	while (*pat != '\0') {
		if (*pat == ':') {
			for (seg = 0; path[seg] != '\0' && path[seg] != '/'; seg++)
				;
			if (seg == 0 || n >= nargs)
				return 0;
			if ((args[n] = pool_strndup(p, path, seg)) == NULL)
				return 0;
			end = strchr(pat, '/');
			name = (end != NULL ? (size_t)(end - pat) :
			    strlen(pat)) - 1;
			if (!arg_valid(pat + 1, name, args[n++]))
				return 0;
			path += seg;
			pat += name + 1;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0' || (path[0] == '/' && path[1] == '\0');
}

/*
 * Whether a page that lost its connection may run again from the start
 * once a node takes writes: nothing was answered yet, and running it
 * twice does what running it once does (a GET, or a form carrying the
 * submission key, which a second submission finds already used).
 */
static int
route_replayable(struct req *r)
{
	if (r->responded)
		return 0;
	return r->method == METHOD_GET || (r->method == METHOD_POST &&
	    req_form(r, "submit_key") != NULL);
}

/* The page's function, its reads on a standby when it says so. */
static enum gerr
route_fn_run(struct req *r, const struct route *route)
{
	enum gerr	e;

	if ((route->flags & ROUTE_READ) != 0)
		(void)db_read_begin();
	e = route->fn(r);
	db_read_end();
	return e;
}

/*
 * The page, run again once if the database connection was given up while
 * it ran (a failover, lib/db.c; or the standby it read from went away)
 * and it may be: the person sees the page after a wait rather than a 503.
 */
static enum gerr
route_run(struct req *r, const struct route *route)
{
	unsigned	drops = db_drop_count();
	enum gerr	e;

	e = route_fn_run(r, route);
	if (db_drop_count() == drops || !route_replayable(r))
		return e;
	db_rollback(r->pool);
	if (guard_db_back(1) != GERR_OK)
		return GERR_DB;
	log_warnx("%s %s: run again after the database failed over",
	    r->method_name, r->route);
	r->tmpl = NULL;
	return route_fn_run(r, route);
}

/* 0 when answered, or the HTTP status of the error page to answer with. */
static int
route_dispatch(struct req *r, const struct route *routes, size_t n)
{
	size_t		 i;
	int		 path_found = 0, status;
	enum gerr	 e;

	for (i = 0; i < n; i++) {
		memset(r->args, 0, sizeof(r->args));
		if (!route_match(routes[i].pattern, r->path, r->args,
		    ROUTE_ARGS_MAX, r->pool))
			continue;
		path_found = 1;
		if (routes[i].method == r->method)
			break;
	}
	if (i == n)
		return path_found ? 405 : 404;
	r->route = routes[i].pattern;
	r->route_i = i;
	r->api = (routes[i].flags & ROUTE_API) != 0;
	if ((status = guard_request(r, &routes[i])) != 0)
		return status == -1 ? 0 : status;
	if ((e = route_run(r, &routes[i])) != GERR_OK) {
		db_rollback(r->pool);
		/* an application without a valid key is told to bring one */
		if (r->api && e == GERR_AUTH) {
			resp_header(r, "WWW-Authenticate", "Bearer");
			return 401;
		}
		return gerr_http_status(e);
	}
	if (!r->responded && r->tmpl != NULL &&
	    (e = resp_render(r, 200, r->tmpl)) != GERR_OK)
		return gerr_http_status(e);
	return r->responded ? 0 : 500;
}

static double
elapsed_ms(const struct timespec *s)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - s->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - s->tv_nsec) / 1e6;
}

/*
 * A program whose every route is for applications (the API) answers them
 * in JSON whatever goes wrong, a path it does not serve included.
 */
static int
routes_all_api(const struct route *routes, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((routes[i].flags & ROUTE_API) == 0)
			return 0;
	return n > 0;
}

/* One request, from its parameters to its access log line. */
void
route_request(struct req *r, const struct route *routes, size_t n)
{
	double	ms;
	int	status;

	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->cache = "no-store";
	r->route = "-";
	r->route_i = n;
	r->api = routes_all_api(routes, n);
	if ((status = input_setup(r)) == 0 && ops_request(r, routes, n)) {
		/* the monitoring's own requests are not counted */
		log_request(r->rid, r->method_name, r->route, r->status,
		    elapsed_ms(&r->start), r->bytes);
		log_trace_set(NULL);
		return;
	}
	if (status == 0)
		status = route_dispatch(r, routes, n);
	if (status == 405)
		resp_header(r, "Allow", "GET, HEAD, POST");
	if (status != 0)
		resp_error(r, status);
	ms = elapsed_ms(&r->start);
	metrics_request(r->route_i, r->status, ms);
	log_request(r->rid, r->method_name, r->route, r->status, ms, r->bytes);
	log_trace_set(NULL);
}
