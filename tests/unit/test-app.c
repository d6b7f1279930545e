/* Unit tests of routing (lib/route.c) and error codes (lib/gerr.c, lib/resp.c). */
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
	ok(route_match("/d/:ref/messages/:id", "/d/2026-EBIKE-000001/messages/9", args,
	    4, p), "two arguments");
	ok(strcmp(args[0], "2026-EBIKE-000001") == 0 && strcmp(args[1], "9") == 0,
	    "both values");
	ok(!route_match("/a/:x/:y", "/a/1/2", args, 1, p),
	    "more arguments than room");

	/* typed placeholders: a segment of another form is no match */
	ok(route_match("/forms/:id/summary", "/forms/42/summary", args, 4, p),
	    ":id takes an id");
	ok(!route_match("/forms/:id/summary", "/forms/4x2/summary", args, 4,
	    p), ":id refuses letters");
	ok(!route_match("/forms/:id/summary", "/forms/042/summary", args, 4,
	    p), ":id refuses a leading zero");
	ok(!route_match("/forms/:id", "/forms/1234567890123456789", args, 4,
	    p), ":id refuses what a bigint cannot hold");
	ok(route_match("/forms/:id/files/:id", "/forms/7/files/9", args, 4, p)
	    && strcmp(args[1], "9") == 0, "two :id");
	ok(!route_match("/forms/:id/files/:id", "/forms/7/files/x", args, 4, p),
	    "the second :id is checked too");
	ok(route_match("/dossiers/:ref", "/dossiers/2026-EBIKE-000042", args, 4,
	    p), ":ref takes a reference");
	ok(!route_match("/dossiers/:ref", "/dossiers/2026-ebike-000042", args,
	    4, p), ":ref refuses lower case");
	ok(!route_match("/dossiers/:ref", "/dossiers/1", args, 4, p),
	    ":ref refuses an id");
	ok(route_match("/procedures/:code/start", "/procedures/EBIKE/start",
	    args, 4, p), ":code takes a code");
	ok(!route_match("/procedures/:code/start", "/procedures/ebike/start",
	    args, 4, p), ":code refuses lower case");
	ok(!route_match("/procedures/:code", "/procedures/1ABC", args, 4, p),
	    ":code starts with a letter");
	ok(route_match("/org/represent/:bce", "/org/represent/0203201340",
	    args, 4, p), ":bce takes an enterprise number");
	ok(!route_match("/org/represent/:bce", "/org/represent/0203201341",
	    args, 4, p), ":bce refuses a wrong checksum");
	ok(!route_match("/org/represent/:bce", "/org/represent/0203.201.340",
	    args, 4, p), ":bce takes the ten digits only");
	ok(route_match("/help/articles/:slug", "/help/articles/x-1_y", args, 4,
	    p), "an untyped name takes any segment");
	ok(route_match("/org/mandates/:id/:action", "/org/mandates/5/accept",
	    args, 4, p) && strcmp(args[1], "accept") == 0,
	    "a typed and an untyped placeholder");

	is_int(gerr_http_status(GERR_NOTFOUND), 404, "not found is 404");
	is_int(gerr_http_status(GERR_DB), 503, "database away is 503");
	is_int(gerr_http_status(GERR_TOOBIG), 413, "too big is 413");
	is_int(gerr_http_status((enum gerr)99), 500, "unknown is 500");
	is_str(status_text(413), "Content Too Large", "status text");
	is_str(gerr_name(GERR_INPUT), "input", "error name");
	pool_free(p);
	return tap_done();
}
