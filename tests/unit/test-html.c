/* Unit tests of lib/html.c: one escaping helper per output context. */
#include "html.h"
#include "pool.h"
#include "tap.h"

static const char *
run(struct pool *p, int (*fn)(struct buf *, const char *), const char *s)
{
	struct buf	b;

	buf_init(&b, p);
	fn(&b, s);
	return buf_cstr(&b);
}

int
main(void)
{
	struct pool	*p = pool_new(4096);

	is_str(run(p, html_text, "<a href=\"x\">&'"),
	    "&lt;a href=\"x\"&gt;&amp;'", "text escapes <, >, &");
	is_str(run(p, html_attr, "\" onmouseover='x'"),
	    "&quot; onmouseover=&#39;x&#39;", "attribute escapes quotes");
	is_str(run(p, url_escape, "a b/é?&=~._-"),
	    "a%20b%2F%C3%A9%3F%26%3D~._-", "url escapes all but unreserved");
	ok(url_is_local_path("/help/articles/x?lang=nl"), "local path");
	ok(!url_is_local_path("https://evil.example/"), "absolute URL refused");
	ok(!url_is_local_path("//evil.example/"), "scheme-relative refused");
	ok(!url_is_local_path("/\\evil.example/"), "backslash trick refused");
	ok(!url_is_local_path("/a\r\nSet-Cookie: x"), "CR LF refused");
	ok(!url_is_local_path("help"), "relative path refused");
	ok(!url_is_local_path(NULL), "NULL refused");
	ok(header_value_ok("text/html; charset=utf-8"), "plain header value");
	ok(!header_value_ok("x\r\nSet-Cookie: a=b"), "header with CRLF refused");
	ok(!header_value_ok("x\nX: y"), "header with LF refused");
	pool_free(p);
	return tap_done();
}
