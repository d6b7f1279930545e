/* Unit tests of lib/app.c and lib/form.c pieces that need no socket. */
#include "app.h"
#include "pool.h"
#include "tap.h"

int
main(void)
{
	struct pool	*p = pool_new(4096);
	const char	*args[ROUTE_ARGS_MAX];

	ok(route_match("/help", "/help", args, 4, p), "exact");
	ok(route_match("/help", "/help/", args, 4, p), "trailing slash");
	ok(!route_match("/help", "/helpdesk", args, 4, p), "prefix is not a match");
	ok(!route_match("/help", "/hel", args, 4, p), "shorter path");
	ok(route_match("/help/articles/:slug", "/help/articles/eid-pin-code",
	    args, 4, p), "one argument");
	is_str(args[0], "eid-pin-code", "argument value");
	ok(!route_match("/help/articles/:slug", "/help/articles/", args, 4, p),
	    "an empty argument is no match");
	ok(!route_match("/help/articles/:slug", "/help/articles/a/b", args, 4,
	    p), "an argument takes one segment");
	ok(route_match("/d/:ref/messages/:id", "/d/2026-X-1/messages/9", args,
	    4, p), "two arguments");
	ok(strcmp(args[0], "2026-X-1") == 0 && strcmp(args[1], "9") == 0,
	    "both values");
	ok(!route_match("/a/:x/:y", "/a/1/2", args, 1, p),
	    "more arguments than room");

	is_int(gerr_http_status(GERR_NOTFOUND), 404, "not found is 404");
	is_int(gerr_http_status(GERR_DB), 503, "database away is 503");
	is_int(gerr_http_status(GERR_TOOBIG), 413, "too big is 413");
	is_int(gerr_http_status((enum gerr)99), 500, "unknown is 500");
	is_str(status_text(413), "Content Too Large", "status text");
	is_str(gerr_name(GERR_INPUT), "input", "error name");
	pool_free(p);
	return tap_done();
}
