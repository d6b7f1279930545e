/* The FastCGI program: prefork master, workers, routing and responses. */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "app.h"
#include "conf.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "html.h"
#include "valid.h"

#define WORKERS_MAX	64
#define BODY_CHUNK	16384
#define LANG_COOKIE	"guichet_lang"

static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

static volatile sig_atomic_t	 got_term;
static volatile sig_atomic_t	 got_hup;

static struct {
	size_t	form_max;
	size_t	upload_max;
	size_t	file_max;
	size_t	field_max;
	size_t	parts_max;
} limits;

const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int
gerr_http_status(enum gerr e)
{
	static const int	map[GERR__MAX] = {
		[GERR_OK] = 200, [GERR_INPUT] = 400, [GERR_TOOBIG] = 413,
		[GERR_AUTH] = 403, [GERR_NOTFOUND] = 404,
		[GERR_CONFLICT] = 409, [GERR_DB] = 503,
		[GERR_UPSTREAM] = 502, [GERR_NOMEM] = 500,
		[GERR_SYSTEM] = 500,
	};

	return (unsigned)e < GERR__MAX ? map[e] : 500;
}

const char *
gerr_name(enum gerr e)
{
	static const char *const	names[GERR__MAX] = {
		"ok", "input", "toobig", "auth", "notfound", "conflict", "db",
		"upstream", "nomem", "system",
	};

	return (unsigned)e < GERR__MAX ? names[e] : "?";
}

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

/*
 * SIGTERM and SIGINT ask to stop, SIGHUP to reopen the log; SIGPIPE is
 * ignored.  Also for the programs that are not FastCGI (guichet-notify).
 */
void
signals_install(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must break accept() and waitpid(). */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static int
listen_unix(const char *path)
{
	struct sockaddr_un	 sun;
	struct group		*gr;
	const char		*group;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("socket path too long: %s", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("socket");
		return -1;
	}
	(void)unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(path, 0660) == -1 || listen(fd, 128) == -1) {
		log_warn("listen %s", path);
		close(fd);
		return -1;
	}
	/* nginx's workers reach the socket through its group. */
	group = conf_get("fastcgi.socket_group", NULL);
	if (group != NULL && *group != '\0') {
		if ((gr = getgrnam(group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) == -1)
			log_warn("socket group %s", group);
	}
	return fd;
}

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--conf file] [--listen socket] "
	    "[--workers n] [--log file]\n", prog);
}

/*
 * Reads the options and the configuration, and opens the socket.  Without
 * --listen the socket is inherited on fd 0, as spawn-fcgi and systemd
 * socket units pass it.
 */
int
app_init(struct app *app, const char *prog, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "conf",	required_argument, NULL, 'c' },
		{ "listen",	required_argument, NULL, 'l' },
		{ "workers",	required_argument, NULL, 'w' },
		{ "log",	required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*confpath = getenv("GUICHET_CONF"), *logpath = NULL;
	int		 c, type;
	socklen_t	 len = sizeof(type);

	memset(app, 0, sizeof(*app));
	app->prog = prog;
	app->workers = -1;
	while ((c = getopt_long(argc, argv, "c:l:w:L:", opts, NULL)) != -1) {
		switch (c) {
		case 'c': confpath = optarg; break;
		case 'l': app->listen_path = optarg; break;
		case 'w': app->workers = atoi(optarg); break;
		case 'L': logpath = optarg; break;
		default:
			usage(prog);
			return GERR_INPUT;
		}
	}
	log_init(prog, logpath);
	if (confpath == NULL)
		confpath = "/etc/guichet/guichet.conf";
	if (conf_load(confpath) != GERR_OK)
		return GERR_SYSTEM;
	if (app->workers < 0)
		app->workers = (int)conf_get_int("fastcgi.workers", 2);
	if (app->workers < 1 || app->workers > WORKERS_MAX) {
		log_warnx("workers must be 1 to %d", WORKERS_MAX);
		return GERR_INPUT;
	}
	limits.form_max = (size_t)conf_get_int("limits.form_max", 1 << 20);
	limits.upload_max = (size_t)conf_get_int("limits.upload_max", 25 << 20);
	limits.file_max = (size_t)conf_get_int("limits.file_max", 10 << 20);
	limits.field_max = (size_t)conf_get_int("limits.field_max", 64 << 10);
	limits.parts_max = (size_t)conf_get_int("limits.parts_max", 200);
	if (app->listen_path != NULL) {
		if ((app->listen_fd = listen_unix(app->listen_path)) == -1)
			return GERR_SYSTEM;
	} else if (getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) == -1) {
		log_warnx("no --listen and fd 0 is not a socket");
		return GERR_INPUT;
	} else
		app->listen_fd = 0;
	return GERR_OK;
}

int
signal_term(void)
{
	return got_term;
}

int
signal_hup_take(void)
{
	if (!got_hup)
		return 0;
	got_hup = 0;
	return 1;
}

const char *
req_param(struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgx->envp);
}

const char *
req_query(struct req *r, const char *name)
{
	return kvlist_get(&r->query, name);
}

const char *
req_form(struct req *r, const char *name)
{
	return kvlist_get(&r->form, name);
}

const char *
req_tr(struct req *r, const char *key)
{
	return tmpl_str(r->lang, key);
}

int
resp_header(struct req *r, const char *name, const char *value)
{
	if (!header_value_ok(name) || !header_value_ok(value)) {
		log_warnx("refused a header with CR or LF: %s", name);
		return -1;
	}
	return kvlist_add(r->pool, &r->headers, name, value, strlen(value));
}

int
resp_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	const char	*c;

	c = pool_printf(r->pool, "%s=%s; Path=/; Max-Age=%d; Secure; HttpOnly; "
	    "SameSite=Lax", name, value, max_age);
	return c == NULL ? -1 : resp_header(r, "Set-Cookie", c);
}

static int
resp_put(struct req *r, const char *s, size_t n)
{
	if (n > 0 && FCGX_PutStr(s, (int)n, r->fcgx->out) < 0)
		return -1;
	return 0;
}

static enum gerr
resp_headers(struct req *r, int status, const char *ctype, long long len)
{
	struct buf	 h;
	const struct kv	*kv;

	r->responded = 1;
	r->status = status;
	buf_init(&h, r->pool);
	buf_printf(&h, "Status: %d %s\r\n", status, status_text(status));
	if (ctype != NULL)
		buf_printf(&h, "Content-Type: %s\r\n", ctype);
	if (ctype != NULL && len >= 0)
		buf_printf(&h, "Content-Length: %lld\r\n", len);
	buf_puts(&h, security_headers);
	buf_printf(&h, "Cache-Control: %s\r\n", r->cache);
	if (r->lang < LANG__MAX)
		buf_printf(&h, "Content-Language: %s\r\n", lang_codes[r->lang]);
	for (kv = r->headers.head; kv != NULL; kv = kv->next)
		buf_printf(&h, "%s: %s\r\n", kv->name, kv->value);
	if (buf_puts(&h, "\r\n") == -1)
		return GERR_NOMEM;
	return resp_put(r, h.data, h.len) == -1 ? GERR_SYSTEM : GERR_OK;
}

/* Writes status, headers and, unless HEAD, the body. */
enum gerr
resp_send(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	enum gerr	e;

	if (r->responded)
		return GERR_OK;
	if ((e = resp_headers(r, status, ctype, (long long)len)) != GERR_OK)
		return e;
	if (!r->head && body != NULL && resp_put(r, body, len) == -1)
		return GERR_SYSTEM;
	r->bytes = len;
	return GERR_OK;
}

/*
 * A body of unknown length, written piece by piece with resp_write
 * (exports): nginx sends it on chunked.
 */
enum gerr
resp_start(struct req *r, int status, const char *ctype)
{
	if (r->responded)
		return GERR_OK;
	return resp_headers(r, status, ctype, -1);
}

int
resp_write(struct req *r, const char *s, size_t n)
{
	if (r->head)
		return 0;
	if (resp_put(r, s, n) == -1)
		return -1;
	r->bytes += n;
	return 0;
}

/* Only local paths: an open redirect is impossible by construction. */
enum gerr
resp_redirect(struct req *r, int status, const char *to)
{
	if (!url_is_local_path(to))
		to = "/";
	if (resp_header(r, "Location", to) == -1)
		return GERR_INPUT;
	return resp_send(r, status, NULL, NULL, 0);
}

enum gerr
resp_render(struct req *r, int status, const char *tmpl)
{
	struct buf	 b;
	enum gerr	 e;
	const char	*s;

	buf_init(&b, r->pool);
	if ((e = tmpl_render(r->hdf, r->lang, tmpl, &b)) != GERR_OK)
		return e;
	/* Template definitions leave blank lines before the doctype. */
	for (s = b.data; s != NULL && s < b.data + b.len &&
	    (*s == '\n' || *s == ' '); s++)
		;
	return resp_send(r, status, "text/html; charset=utf-8", s,
	    b.len - (size_t)(s - b.data));
}

/* The error page, in the user's language; plain text if even that fails. */
static void
resp_error(struct req *r, int status)
{
	char	key[64];
	char	plain[128];

	if (r->responded)
		return;
	r->cache = "no-store";
	if (r->api) {
		snprintf(plain, sizeof(plain), "{\"error\":\"%s\","
		    "\"status\":%d}\n", status_text(status), status);
		resp_send(r, status, "application/json", plain, strlen(plain));
		return;
	}
	if (r->hdf != NULL) {
		tmpl_setf(r->hdf, "Error.status", "%d", status);
		snprintf(key, sizeof(key), "error.%d.title", status);
		tmpl_set(r->hdf, "Error.title", req_tr(r, key));
		snprintf(key, sizeof(key), "error.%d.text", status);
		/* a handler may say why, by the key of a text */
		tmpl_set(r->hdf, "Error.text", req_tr(r, hdf_get_value(r->hdf,
		    "Error.reason", key)));
		if (resp_render(r, status, "error.cs") == GERR_OK)
			return;
	}
	snprintf(plain, sizeof(plain), "%d %s\n", status, status_text(status));
	resp_send(r, status, "text/plain; charset=utf-8", plain, strlen(plain));
}

/*
 * Matches "/a/:x/b" against a path; ":x" takes one non-empty segment.
 * A trailing slash on the path is ignored.
 */
int
route_match(const char *pat, const char *path, const char **args,
    size_t nargs, struct pool *p)
{
	size_t		 n = 0, seg;
	const char	*end;

	while (*pat != '\0') {
		if (*pat == ':') {
			for (seg = 0; path[seg] != '\0' && path[seg] != '/'; seg++)
				;
			if (seg == 0 || n >= nargs)
				return 0;
			if ((args[n++] = pool_strndup(p, path, seg)) == NULL)
				return 0;
			path += seg;
			end = strchr(pat, '/');
			pat = end != NULL ? end : pat + strlen(pat);
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0' || (path[0] == '/' && path[1] == '\0');
}

/* Values every template may use: language and the switcher's links. */
static void
req_hdf_common(struct req *r)
{
	const char	*path = r->path;
	int		 i;

	tmpl_set(r->hdf, "Page.lang", lang_codes[r->lang]);
	tmpl_set(r->hdf, "Page.path", path);
	for (i = 0; i < LANG__MAX; i++) {
		tmpl_setf(r->hdf, pool_printf(r->pool, "Page.langs.%d.code", i),
		    "%s", lang_codes[i]);
		if (i == (int)r->lang)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Page.langs.%d.current", i), "1");
	}
}

/*
 * Pages with a form call this: it makes sure the browser has its random
 * anti-forgery cookie and gives the template the token.  Pages without a
 * form set no cookie at all.
 */
int
req_csrf_form(struct req *r)
{
	char	*fresh, token[65];

	if (hdf_get_value(r->hdf, "Csrf.token", NULL) != NULL)
		return 0;		/* done already for this request */
	/* Logged in, the token is bound to the session (made as it loaded). */
	if (r->session != NULL) {
		r->csrf_seed = r->session->id;
		return tmpl_set(r->hdf, "Csrf.field", CSRF_FIELD) == -1 ||
		    tmpl_set(r->hdf, "Csrf.token", r->session->csrf) == -1 ?
		    -1 : 0;
	} else if (r->csrf_seed == NULL || strlen(r->csrf_seed) != 32) {
		if ((fresh = pool_alloc(r->pool, 33)) == NULL ||
		    random_hex(fresh, 16) == -1)
			return -1;
		r->csrf_seed = fresh;
		if (resp_cookie(r, CSRF_COOKIE, fresh, 86400 * 7) == -1)
			return -1;
	}
	csrf_token(r->csrf_seed, token);
	if (tmpl_set(r->hdf, "Csrf.field", CSRF_FIELD) == -1 ||
	    tmpl_set(r->hdf, "Csrf.token", token) == -1)
		return -1;
	return 0;
}

static const char *
hex_only(struct pool *p, const char *s)
{
	size_t	n;

	if (s == NULL)
		return "-";
	n = strspn(s, "0123456789abcdefABCDEF");
	return n > 0 && s[n] == '\0' ? s : pool_strndup(p, s, n);
}

/*
 * Returns 0, or the HTTP status to answer with.  Language and template data
 * come first, so that even a request refused here gets a translated page.
 */
static int
req_setup(struct req *r)
{
	const char	*m, *q, *c, *uri;
	enum lang	 l;
	int		 bad_uri;

	r->rid = hex_only(r->pool, req_param(r, "REQUEST_ID"));
	c = req_param(r, "CONTENT_LENGTH");
	r->body_unread = c != NULL && c[strspn(c, "0")] != '\0';
	m = req_param(r, "REQUEST_METHOD");
	r->method_name = m != NULL ? m : "-";
	uri = req_param(r, "DOCUMENT_URI");
	bad_uri = uri == NULL || !valid_utf8(uri, strlen(uri));
	r->path = bad_uri ? "/" : uri;
	if ((c = req_param(r, "HTTP_COOKIE")) != NULL &&
	    req_parse_cookies(r->pool, c, &r->cookies) != GERR_OK)
		return 500;
	if (!lang_parse(kvlist_get(&r->cookies, LANG_COOKIE), &r->lang))
		r->lang = lang_negotiate(req_param(r, "HTTP_ACCEPT_LANGUAGE"));
	if ((r->hdf = tmpl_hdf_new(r->pool)) == NULL)
		return 500;
	q = req_param(r, "QUERY_STRING");
	if (q != NULL &&
	    req_parse_urlencoded(r->pool, q, strlen(q), &r->query) != GERR_OK)
		return 400;
	if (lang_parse(req_query(r, "lang"), &l)) {
		r->lang = l;
		resp_cookie(r, LANG_COOKIE, lang_codes[l], 365 * 86400);
	}
	r->csrf_seed = kvlist_get(&r->cookies, CSRF_COOKIE);
	req_hdf_common(r);
	if (bad_uri)
		return 400;
	if (m != NULL && (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)) {
		r->method = METHOD_GET;
		r->head = m[0] == 'H';
	} else if (m != NULL && strcmp(m, "POST") == 0)
		r->method = METHOD_POST;
	else
		return 405;
	return 0;
}

static int
gerr_body_status(enum gerr e)
{
	return e == GERR_TOOBIG ? 413 : e == GERR_NOMEM ? 500 : 400;
}

static int
body_read(struct req *r, char *b, size_t n)
{
	return FCGX_GetStr(b, (int)n, r->fcgx->in) == (int)n ? 0 : -1;
}

static int
body_multipart(struct req *r, const char *boundary, size_t clen)
{
	struct mp		 mp;
	struct mp_limits	 lim;
	char			*chunk;
	size_t			 n;
	enum gerr		 e;

	if (clen > limits.upload_max)
		return 413;
	lim.field_max = limits.field_max;
	lim.file_max = limits.file_max;
	lim.parts_max = limits.parts_max;
	if (mp_init(&mp, r->pool, boundary, &lim, &r->form) != GERR_OK ||
	    (chunk = pool_alloc(r->pool, BODY_CHUNK)) == NULL)
		return 500;
	while (clen > 0) {
		n = clen < BODY_CHUNK ? clen : BODY_CHUNK;
		if (body_read(r, chunk, n) == -1)
			return 400;
		if ((e = mp_feed(&mp, chunk, n)) != GERR_OK)
			return gerr_body_status(e);
		clen -= n;
	}
	r->body_unread = 0;
	return (e = mp_finish(&mp)) == GERR_OK ? 0 : gerr_body_status(e);
}

/* A small body read whole, NUL-terminated; 0 or an HTTP status. */
static int
body_whole(struct req *r, unsigned long long clen, char **out)
{
	char	*body;

	if (clen > limits.form_max)
		return 413;
	if ((body = pool_alloc(r->pool, (size_t)clen + 1)) == NULL)
		return 500;
	if (body_read(r, body, (size_t)clen) == -1)
		return 400;
	r->body_unread = 0;
	body[clen] = '\0';
	*out = body;
	return 0;
}

/* Reads a POST body within the limits; returns 0 or an HTTP status. */
static int
req_body(struct req *r)
{
	const char	*ct = req_param(r, "CONTENT_TYPE");
	const char	*cl = req_param(r, "CONTENT_LENGTH");
	const char	*boundary;
	char		*body, *end;
	unsigned long long clen = 0;
	enum gerr	 e;
	int		 status;

	if (cl != NULL && *cl != '\0') {
		errno = 0;
		clen = strtoull(cl, &end, 10);
		if (errno != 0 || *end != '\0')
			return 400;
	}
	/* applications speak JSON only */
	if (r->api && clen > 0 && (ct == NULL ||
	    strncasecmp(ct, "application/json", 16) != 0))
		return 415;
	if (ct != NULL && strncasecmp(ct,
	    "application/x-www-form-urlencoded", 33) == 0) {
		if ((status = body_whole(r, clen, &body)) != 0)
			return status;
		e = req_parse_urlencoded(r->pool, body, (size_t)clen, &r->form);
		return e == GERR_OK ? 0 : gerr_body_status(e);
	}
	if (r->api && ct != NULL && strncasecmp(ct, "application/json", 16)
	    == 0) {
		if ((status = body_whole(r, clen, &body)) != 0)
			return status;
		r->body = body;
		r->body_len = (size_t)clen;
		return 0;
	}
	if ((boundary = req_multipart_boundary(r->pool, ct)) != NULL)
		return body_multipart(r, boundary, (size_t)clen);
	if (ct != NULL && strncasecmp(ct, "multipart/", 10) == 0)
		return 400;
	return clen == 0 ? 0 : 415;
}

const char *
req_remote_addr(struct req *r)
{
	const char	*a = req_param(r, "REMOTE_ADDR");

	return a != NULL && *a != '\0' ? a : NULL;
}

/*
 * Rows of a result as "Prefix.N.name" in the page's data: column k is
 * named names[k] (NULL skips it).
 */
int
req_hdf_rows(struct req *r, const char *prefix, const PGresult *res,
    const char *const *names, int n)
{
	int	i, k;

	for (i = 0; i < PQntuples(res); i++)
		for (k = 0; k < n && k < PQnfields(res); k++)
			if (names[k] != NULL && tmpl_set(r->hdf,
			    pool_printf(r->pool, "%s.%d.%s", prefix, i,
			    names[k]), PQgetvalue(res, i, k)) == -1)
				return -1;
	return 0;
}

/* Pages for logged-in people send the others to the login page. */
enum gerr
resp_need_login(struct req *r)
{
	struct buf	b;

	buf_init(&b, r->pool);
	buf_puts(&b, "/login?return=");
	url_escape(&b, r->path);
	return resp_redirect(r, 303, buf_cstr(&b));
}

/* Who is logged in and for whom they act, for the layout of every page. */
void
req_session_hdf(struct req *r)
{
	struct session	*s = r->session;

	if (s == NULL)
		return;
	tmpl_set(r->hdf, "Session.on", "1");
	tmpl_setf(r->hdf, "Session.name", "%s %s", s->given_names, s->surname);
	if (s->given_names[0] == '\0' && s->email != NULL)
		tmpl_set(r->hdf, "Session.name", s->email);
	tmpl_set(r->hdf, "Session.assurance", s->assurance);
	if (s->acting_org_name != NULL)
		tmpl_set(r->hdf, "Session.acting", s->acting_org_name);
}

/*
 * The session of the request, if its cookie is ours and the session is
 * still open.  A cookie that is not (expired, ended, forged) is cleared.
 * The check is redone on every request: a logout or a removal takes
 * effect at once.
 */
static int	app_staff;

/* The rows the request may see: the session's, or no one's. */
static void
req_scope(struct req *r)
{
	struct session	*s = r->session;

	if (app_staff)
		return;
	if (s == NULL)
		db_scope_set("user", NULL, NULL, NULL);
	else
		db_scope_set("user", s->acting_org_id == NULL ? s->person_id :
		    NULL, s->acting_org_id, s->acting_procs);
}

static enum gerr
req_session(struct req *r)
{
	const char	*c = kvlist_get(&r->cookies, SESSION_COOKIE);
	struct session	*s;
	enum gerr	 e;

	if (c == NULL)
		return GERR_OK;
	if ((s = pool_alloc(r->pool, sizeof(*s))) == NULL)
		return GERR_NOMEM;
	e = session_load(r->pool, c, s);
	if (e == GERR_AUTH) {
		resp_cookie(r, SESSION_COOKIE, "", 0);
		return GERR_OK;
	}
	if (e != GERR_OK)
		return e;
	r->session = s;
	req_session_hdf(r);
	/* The layout's logout button is a form. */
	return req_csrf_form(r) == -1 ? GERR_NOMEM : GERR_OK;
}

static int
req_csrf_ok(struct req *r)
{
	const char	*token = req_form(r, CSRF_FIELD);

	if (!csrf_origin_ok(req_param(r, "HTTP_ORIGIN"),
	    req_param(r, "HTTP_SEC_FETCH_SITE"), req_param(r, "HTTP_HOST")))
		return 0;
	/* With a session, its token was made as it loaded. */
	if (r->session != NULL)
		return token != NULL && strlen(token) == 64 &&
		    CRYPTO_memcmp(r->session->csrf, token, 64) == 0;
	return csrf_token_ok(r->csrf_seed, token);
}

static int
app_dispatch(struct req *r, const struct route *routes, size_t n)
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
	r->api = (routes[i].flags & ROUTE_API) != 0;
	/* The session first: a logged-in user's forms carry its token. */
	if (db_ensure() != GERR_OK)
		return 503;
	db_scope_set(NULL, NULL, NULL, NULL);
	if (!r->api && (e = req_session(r)) != GERR_OK)
		return gerr_http_status(e);
	req_scope(r);
	if (r->method == METHOD_POST) {
		if ((status = req_body(r)) != 0)
			return status;
		/* A forged POST never reaches a handler that would act on it. */
		if (!r->api && !req_csrf_ok(r)) {
			if (!(routes[i].flags & ROUTE_FORM))
				return 403;
			r->csrf_failed = 1;
		}
	}
	if ((e = routes[i].fn(r)) != GERR_OK) {
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

static void
app_request(struct req *r, const struct route *routes, size_t n)
{
	int	status;

	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->cache = "no-store";
	r->route = "-";
	if ((status = req_setup(r)) == 0)
		status = app_dispatch(r, routes, n);
	if (status == 405)
		resp_header(r, "Allow", "GET, HEAD, POST");
	if (status != 0)
		resp_error(r, status);
	log_request(r->rid, r->method_name, r->route, r->status,
	    elapsed_ms(&r->start), r->bytes);
}

static int
worker_setup(struct app *app)
{
	const char	*secret = conf_get("secret.file", "var/secret");

	if (tmpl_init(conf_get("templates.dir", "templates")) != GERR_OK ||
	    secret_load(secret) != GERR_OK)
		return -1;
	if (app->worker_init != NULL && app->worker_init() != 0)
		return -1;
	/*
	 * A database still starting is not fatal: each request retries.
	 * Sessions read are kept a few seconds, dropped on notice (session.c).
	 */
	db_listen("guichet_sessions", session_cache_clear);
	db_timezone_set(conf_get("display.timezone", "Europe/Brussels"));
	/*
	 * The programs for citizens run under row-level security, in the
	 * scope of each request's session (sql/0021); the staff's do not.
	 */
	app_staff = app->staff;
	(void)db_open(app->staff ? conf_get("db.staff_conninfo",
	    conf_get("db.conninfo", "dbname=guichet")) :
	    conf_get("db.conninfo", "dbname=guichet"));
	return 0;
}

/*
 * Reads the input up to its end (the empty STDIN record nginx sends right
 * after the parameters or the body), so that closing at once can never
 * meet a record still on its way.  A body left unread is not drained here.
 */
static int
input_drained(FCGX_Request *fcgx)
{
	char	buf[512];
	int	n, total = 0;

	while ((n = FCGX_GetStr(buf, sizeof(buf), fcgx->in)) > 0)
		if ((total += n) > 4096)
			return 0;
	return FCGX_GetError(fcgx->in) == 0;
}

/*
 * SIGTERM and SIGHUP are blocked while a request is served: a signal must
 * not interrupt a read of its body.  They arrive between requests, or wake
 * accept(); the master's shutdown() of the socket covers the last gap.
 */
static void
worker_main(struct app *app, const struct route *routes, size_t n)
{
	FCGX_Request	 fcgx;
	struct req	 r;
	struct pool	*pool;
	sigset_t	 sigs;

	if (worker_setup(app) == -1 ||
	    (pool = pool_new(64 * 1024)) == NULL)
		_exit(1);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	FCGX_Init();
	FCGX_InitRequest(&fcgx, app->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	for (;;) {
		sigprocmask(SIG_UNBLOCK, &sigs, NULL);
		if (got_hup) {
			got_hup = 0;
			log_reopen();
		}
		if (got_term)
			break;
		if (FCGX_Accept_r(&fcgx) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		sigprocmask(SIG_BLOCK, &sigs, NULL);
		memset(&r, 0, sizeof(r));
		r.pool = pool;
		r.fcgx = &fcgx;
		app_request(&r, routes, n);
		/*
		 * Without the detach, libfcgi half-closes the socket and waits
		 * for nginx to close its end before taking the next request.
		 * Over a unix socket (the only kind we use) close() loses no
		 * data already written, so the worker need not wait.  It must
		 * wait when it answered before reading the whole body (413,
		 * 415): nginx is still sending, and would see a reset.
		 */
		if (!r.body_unread && input_drained(&fcgx))
			FCGX_Detach(&fcgx);
		FCGX_Finish_r(&fcgx);
		pool_reset(pool);
	}
	pool_free(pool);
	db_close();
	tmpl_free();
	conf_free();
	_exit(0);
}

static pid_t
worker_spawn(struct app *app, const struct route *routes, size_t n)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		log_warn("fork");
		return -1;
	}
	if (pid == 0)
		worker_main(app, routes, n);
	return pid;
}

static void
workers_signal(const pid_t *pids, int n, int sig)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], sig);
}

static int
workers_alive(const pid_t *pids, int n)
{
	int	i, alive = 0;

	for (i = 0; i < n; i++)
		alive += pids[i] > 0;
	return alive;
}

/* Stops gracefully: in-flight requests finish, then the workers leave. */
static void
master_stop(struct app *app, pid_t *pids)
{
	pid_t	pid;
	int	i, waited;

	workers_signal(pids, app->workers, SIGTERM);
	/* Wakes the workers blocked in accept(); queued clients are refused. */
	shutdown(app->listen_fd, SHUT_RDWR);
	for (waited = 0; workers_alive(pids, app->workers) && waited < 300;
	    waited++) {
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (i = 0; i < app->workers; i++)
				if (pids[i] == pid)
					pids[i] = 0;
		if (workers_alive(pids, app->workers))
			usleep(100000);
	}
	workers_signal(pids, app->workers, SIGKILL);
	if (app->listen_path != NULL)
		unlink(app->listen_path);
	log_info("stopped");
}

int
app_serve(struct app *app, const struct route *routes, size_t n)
{
	pid_t		 pids[WORKERS_MAX] = { 0 }, pid;
	time_t		 born[WORKERS_MAX] = { 0 };
	int		 i, st;

	signals_install();
	/* parsed once, shared by the workers: guichet-help's are help/ */
	if (tmpl_init(conf_get("templates.dir", "templates")) == GERR_OK)
		tmpl_preload(conf_get("templates.dir", "templates"),
		    strncmp(app->prog, "guichet-", 8) == 0 ? app->prog + 8 :
		    app->prog);
	log_info("listening with %d workers", app->workers);
	for (i = 0; i < app->workers; i++) {
		pids[i] = worker_spawn(app, routes, n);
		born[i] = time(NULL);
	}
	while (!got_term) {
		if (got_hup) {
			got_hup = 0;
			log_reopen();
			workers_signal(pids, app->workers, SIGHUP);
		}
		if ((pid = waitpid(-1, &st, 0)) == -1)
			continue;
		for (i = 0; i < app->workers; i++) {
			if (pids[i] != pid)
				continue;
			log_warnx("worker %ld ended (%s %d), restarting",
			    (long)pid, WIFSIGNALED(st) ? "signal" : "status",
			    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			/* A worker that dies at once must not fork-bomb us. */
			if (time(NULL) - born[i] < 1)
				sleep(1);
			if (got_term) {
				pids[i] = 0;
				break;
			}
			pids[i] = worker_spawn(app, routes, n);
			born[i] = time(NULL);
		}
	}
	master_stop(app, pids);
	conf_free();
	return 0;
}
