/*
 * Tests of lib/resp.c over a real FastCGI connection: the test plays the
 * web server on one end of a unix socket, libfcgi accepts on the other, as
 * in a worker.  A response cut short (resp_abort) must reach the web
 * server as a record stream that breaks off, with no end of the request,
 * so that it never ends the body as if whole; one ended as usual, and an
 * error answered before any status went out, end with it.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <fastcgi.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "pool.h"
#include "tap.h"

/* One record from the web server: request 1, no padding. */
static void
put_record(int fd, int type, const void *content, size_t len)
{
	unsigned char	h[8] = { FCGI_VERSION_1, (unsigned char)type, 0, 1,
			    (unsigned char)(len >> 8), (unsigned char)len, 0, 0 };

	if (write(fd, h, sizeof(h)) != (ssize_t)sizeof(h) ||
	    (len > 0 && write(fd, content, len) != (ssize_t)len))
		perror("write");
}

/* A GET as nginx sends it: the request, its parameters, no body. */
static int
web_request(const char *path)
{
	static const unsigned char begin[8] = { 0, FCGI_RESPONDER, 0 };
	static const char	 params[] = "\016\003REQUEST_METHODGET";
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror("connect");
		return -1;
	}
	put_record(fd, FCGI_BEGIN_REQUEST, begin, sizeof(begin));
	put_record(fd, FCGI_PARAMS, params, sizeof(params) - 1);
	put_record(fd, FCGI_PARAMS, NULL, 0);
	put_record(fd, FCGI_STDIN, NULL, 0);
	return fd;
}

/* What the web server read, up to the end of the connection. */
struct seen {
	char	 out[8192];	/* the records' FCGI_STDOUT */
	size_t	 out_len;
	size_t	 total;		/* bytes in all */
	size_t	 broken_at;	/* where a header not of version 1 was */
	char	 broken_by[8];	/* its bytes */
	int	 broken;
	int	 ended;		/* an FCGI_END_REQUEST came */
};

static void
web_read(int fd, struct seen *s)
{
	static unsigned char	 buf[65536];
	size_t			 at = 0, len;
	ssize_t			 n;

	memset(s, 0, sizeof(*s));
	while (s->total < sizeof(buf) &&
	    (n = read(fd, buf + s->total, sizeof(buf) - s->total)) > 0)
		s->total += (size_t)n;
	close(fd);
	while (at + 8 <= s->total) {
		if (buf[at] != FCGI_VERSION_1) {
			s->broken = 1;
			s->broken_at = at;
			memcpy(s->broken_by, buf + at, 8);
			return;
		}
		len = (size_t)buf[at + 4] << 8 | buf[at + 5];
		if (buf[at + 1] == FCGI_STDOUT &&
		    s->out_len + len < sizeof(s->out)) {
			memcpy(s->out + s->out_len, buf + at + 8, len);
			s->out_len += len;
		}
		if (buf[at + 1] == FCGI_END_REQUEST)
			s->ended = 1;
		at += 8 + len + buf[at + 6];
	}
}

static int
has(const struct seen *s, const char *text)
{
	return memmem(s->out, s->out_len, text, strlen(text)) != NULL;
}

static int
only_zeros(const char *p, size_t n)
{
	while (n-- > 0)
		if (*p++ != '\0')
			return 0;
	return 1;
}

/* A request accepted as a worker does, ready for a response. */
static int
accept_request(FCGX_Request *fcgx, struct req *r, struct pool *pool)
{
	if (FCGX_Accept_r(fcgx) < 0)
		return -1;
	memset(r, 0, sizeof(*r));
	r->pool = pool;
	r->fcgx = fcgx;
	r->cache = "no-store";
	r->lang = LANG__MAX;	/* no Content-Language */
	return 0;
}

int
main(void)
{
	char		 dir[] = "/tmp/test-resp.XXXXXX", path[128];
	struct pool	*pool = pool_new(4096);
	FCGX_Request	 fcgx;
	struct req	 r;
	struct seen	 s;
	int		 lfd, fd;

	/* as the server does: a write on the shut socket fails, no more */
	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/s", dir);
	FCGX_Init();
	if ((lfd = FCGX_OpenSocket(path, 4)) < 0)
		return 1;
	FCGX_InitRequest(&fcgx, lfd, 0);

	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "a request over FastCGI");
	ok(resp_start(&r, 200, "text/csv") == GERR_OK &&
	    resp_write(&r, "row 1\r\n", 7) == 0, "a body streamed");
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(!s.broken && s.ended && has(&s, "Status: 200 OK\r\n") &&
	    has(&s, "\r\n\r\nrow 1\r\n"), "ended as usual: whole records, "
	    "then the end of the request (the body is whole)");
	pool_reset(pool);

	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "another request");
	resp_start(&r, 200, "text/csv");
	resp_write(&r, "row 1\r\n", 7);
	FCGX_FFlush(fcgx.out);		/* what went out before the failure */
	resp_write(&r, "row 2, half", 11);
	resp_abort(&r);
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(has(&s, "Status: 200 OK\r\n") && has(&s, "row 1\r\n"),
	    "cut short: what went out before reaches the web server");
	ok(s.broken && only_zeros(s.broken_by, 8), "then eight zero bytes "
	    "where a record's header belongs (protocol version 0, which nginx "
	    "refuses: it drops the client's connection)");
	ok(s.broken && s.broken_at + 8 == s.total,
	    "and the end of the connection");
	ok(!s.ended, "no end of the request: the body is never ended as if "
	    "whole");
	ok(!has(&s, "row 2"), "and nothing of what libfcgi still held");
	pool_reset(pool);

	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "a third request");
	resp_abort(&r);
	ok(resp_send(&r, 503, "text/plain", "down\n", 5) == GERR_OK,
	    "before any status went out, resp_abort does nothing");
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(!s.broken && s.ended && has(&s, "Status: 503 Service Unavailable") &&
	    has(&s, "\r\n\r\ndown\n"), "and the error goes out whole");

	/* At a kiosk (docs/kiosk.md), a file no route declared goes nowhere. */
	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "a request at a kiosk");
	r.kiosk = 1;
	resp_header(&r, "Set-Cookie", "guichet_lang=nl; Path=/");
	resp_header(&r, "Content-Disposition", "attachment; filename=\"a.pdf\"");
	ok(resp_send(&r, 200, "application/pdf", "%PDF-1.7 secret", 15) ==
	    GERR_OK, "a PDF sent at a kiosk");
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(has(&s, "Status: 403 Forbidden") && !has(&s, "%PDF"),
	    "kiosk: refused, nothing of the file goes out");
	ok(!has(&s, "Content-Disposition") && !has(&s, "application/pdf"),
	    "kiosk: nor its headers, so the error is not saved as the file");
	ok(has(&s, "Set-Cookie: guichet_lang=nl"), "kiosk: cookies stay");
	pool_reset(pool);

	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "another request at a kiosk");
	r.kiosk = 1;
	ok(resp_start(&r, 200, "text/csv") != GERR_OK,
	    "kiosk: a streamed file is refused, so its writer stops");
	ok(resp_send(&r, 200, "text/html; charset=utf-8", "<p>x</p>", 8) ==
	    GERR_OK, "kiosk: what follows does nothing");
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(has(&s, "Status: 403") && !has(&s, "<p>x</p>") && !has(&s, "text/csv"),
	    "kiosk: the refusal alone goes out");
	pool_reset(pool);

	fd = web_request(path);
	ok(fd != -1 && accept_request(&fcgx, &r, pool) == 0,
	    "a page at a kiosk");
	r.kiosk = 1;
	resp_send(&r, 200, "text/html; charset=utf-8", "<p>page</p>", 11);
	FCGX_Finish_r(&fcgx);
	web_read(fd, &s);
	ok(has(&s, "Status: 200 OK") && has(&s, "<p>page</p>"),
	    "kiosk: a page goes out as ever");
	pool_reset(pool);

	close(lfd);
	unlink(path);
	rmdir(dir);
	pool_free(pool);
	return tap_done();
}
