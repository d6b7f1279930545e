/* Unit tests of lib/metrics.c: counters shared across fork, the text. */
#include <sys/wait.h>

#include <string.h>
#include <unistd.h>

#include "metrics.h"
#include "tap.h"

static const char *const patterns[] = {
	"/help", "/help/articles/:slug", "/help/contact",
};
static const char *const methods[] = { "GET", "GET", "POST" };
static const struct metrics_routes routes = { patterns, methods, 3 };

static char *
render(struct pool *p)
{
	struct buf	b;

	buf_init(&b, p);
	if (metrics_render(&b, "guichet-help", &routes) == -1)
		return NULL;
	return buf_cstr(&b);
}

static int
has(const char *text, const char *line)
{
	const char	*at = text;
	size_t		 n = strlen(line);

	while (at != NULL && (at = strstr(at, line)) != NULL) {
		if ((at == text || at[-1] == '\n') && at[n] == '\n')
			return 1;
		at += n;
	}
	return 0;
}

int
main(void)
{
	struct pool	*p = pool_new(64 * 1024);
	char		*t;
	pid_t		 kids[2];
	int		 i, k, st, alive, wanted, all = 1;

	metrics_count(MEV_LOGIN, "eid", NULL);
	ok(!metrics_active() && render(p) == NULL,
	    "outside a prefork server: no counters, nothing counted");
	ok(metrics_init(2, 3) == 0, "the shared counters are mapped");

	/* two workers count, the master renders the sum */
	for (k = 0; k < 2; k++)
		if ((kids[k] = fork()) == 0) {
			for (i = 0; i < 1000; i++) {
				metrics_count(MEV_LOGIN, "eid", NULL);
				metrics_request(1, 200, 3.0);
			}
			metrics_count(MEV_SUBMISSION, k ? "EBIKE" : "TOURISM",
			    NULL);
			_exit(0);
		}
	for (k = 0; k < 2; k++)
		all &= waitpid(kids[k], &st, 0) == kids[k] && st == 0;
	ok(all, "two children counted");
	t = render(p);
	ok(t != NULL && has(t,
	    "guichet_logins_total{program=\"help\",method=\"eid\"} 2000"),
	    "2000 logins: both workers' counts, none lost");
	ok(has(t, "guichet_requests_total{program=\"help\","
	    "route=\"/help/articles/:slug\",method=\"GET\",code=\"2xx\"} 2000"),
	    "requests by route pattern and status class");
	ok(has(t, "guichet_request_duration_seconds_bucket{program=\"help\","
	    "route=\"/help/articles/:slug\",method=\"GET\",le=\"0.0025\"} 0") &&
	    has(t, "guichet_request_duration_seconds_bucket{program=\"help\","
	    "route=\"/help/articles/:slug\",method=\"GET\",le=\"0.005\"} 2000") &&
	    has(t, "guichet_request_duration_seconds_bucket{program=\"help\","
	    "route=\"/help/articles/:slug\",method=\"GET\",le=\"+Inf\"} 2000"),
	    "3 ms requests: in the 5 ms bucket and above, cumulative");
	ok(has(t, "guichet_request_duration_seconds_sum{program=\"help\","
	    "route=\"/help/articles/:slug\",method=\"GET\"} 6.000000"),
	    "the histogram's sum, in seconds");
	ok(has(t, "guichet_submissions_total{program=\"help\","
	    "procedure=\"EBIKE\"} 1") && has(t, "guichet_submissions_total"
	    "{program=\"help\",procedure=\"TOURISM\"} 1"),
	    "submissions by procedure");
	ok(strstr(t, "route=\"/help\"") == NULL,
	    "a route never requested has no sample");

	/* what could come from outside is never a label */
	metrics_count(MEV_LOGIN_REFUSED, "eid", "85073003328");
	metrics_count(MEV_LOGIN_REFUSED, "email", "jan@example.be");
	metrics_count(MEV_LOGIN_REFUSED, "eid", "expired\"} 1\nx{");
	metrics_count(MEV_LOGIN_REFUSED, "eid", NULL);
	metrics_request(99, 599, 20000);
	metrics_request(3, 404, 1);
	t = render(p);
	ok(strstr(t, "85073003328") == NULL && strstr(t, "@") == NULL &&
	    strstr(t, "expired\"") == NULL, "a number, an address, a quote: "
	    "never in the text");
	ok(has(t, "guichet_login_refusals_total{program=\"help\","
	    "method=\"eid\",reason=\"other\"} 2") && has(t,
	    "guichet_login_refusals_total{program=\"help\",method=\"email\","
	    "reason=\"other\"} 1"), "they are counted as \"other\"");
	ok(has(t, "guichet_login_refusals_total{program=\"help\","
	    "method=\"eid\",reason=\"none\"} 1"), "no reason: \"none\"");
	ok(has(t, "guichet_requests_total{program=\"help\",route=\"none\","
	    "method=\"any\",code=\"5xx\"} 1") && has(t,
	    "guichet_requests_total{program=\"help\",route=\"none\","
	    "method=\"any\",code=\"4xx\"} 1"),
	    "no route (or beyond the table): route \"none\"");
	ok(has(t, "guichet_request_duration_seconds_bucket{program=\"help\","
	    "route=\"none\",method=\"any\",le=\"10\"} 1") && has(t,
	    "guichet_request_duration_seconds_bucket{program=\"help\","
	    "route=\"none\",method=\"any\",le=\"+Inf\"} 2"),
	    "a 20 s request: only in +Inf");

	ok(metrics_label_ok("RESIDENCE") && metrics_label_ok("no_certificate")
	    && metrics_label_ok("SIGKILL") && !metrics_label_ok("1234567")
	    && !metrics_label_ok("a b") && !metrics_label_ok(
	    "abcdefghijklmnopqrstuvwxyzabcdefgh"), "metrics_label_ok");

	/* more values than slots: the rest are dropped, nothing breaks */
	for (i = 0; i < 400; i++)
		metrics_count(MEV_SUBMISSION, pool_printf(p, "P%d", i), NULL);
	t = render(p);
	ok(t != NULL && has(t, "guichet_logins_total{program=\"help\","
	    "method=\"eid\"} 2000"), "a full table keeps what it counted");

	metrics_workers_alive(1);
	ok(metrics_workers(&alive, &wanted) == 0 && alive == 1 && wanted == 2,
	    "workers alive and wanted");
	metrics_free();
	pool_free(p);
	return tap_done();
}
