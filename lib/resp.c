/*
 * Responses: status lines and headers (security headers always, CR and LF
 * refused), bodies whole or streamed (and a stream cut short visibly),
 * redirects, rendered templates, and the error page in the user's
 * language.
 */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "html.h"
#include "log.h"
#include "when.h"

static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

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

/*
 * A kiosk's pages are web pages only: a file (a PDF, an export) that a
 * route did not declare ROUTE_DOWNLOAD is refused here all the same, so
 * a download added later cannot leave a file on a public terminal.  The
 * file's own headers (Content-Disposition) go with it; cookies stay.
 */
static int
resp_kiosk_refuses(struct req *r, int status, const char *ctype)
{
	struct kvlist	 keep;
	const struct kv	*kv;

	if (!r->kiosk || status >= 300 || ctype == NULL ||
	    strncmp(ctype, "text/html", 9) == 0 ||
	    strncmp(ctype, "text/plain", 10) == 0)
		return 0;
	log_warnx("kiosk: refused a %s body on %s", ctype, r->route != NULL ?
	    r->route : "-");
	kvlist_init(&keep);
	for (kv = r->headers.head; kv != NULL; kv = kv->next)
		if (strcasecmp(kv->name, "Set-Cookie") == 0)
			(void)kvlist_add(r->pool, &keep, kv->name, kv->value,
			    kv->len);
	r->headers = keep;
	if (r->hdf != NULL)
		tmpl_set(r->hdf, "Error.reason", "error.kiosk_download");
	resp_error(r, 403);
	return 1;
}

/* Writes status, headers and, unless HEAD, the body. */
enum gerr
resp_send(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	enum gerr	e;

	if (r->responded || resp_kiosk_refuses(r, status, ctype))
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
	/* refused: the caller must write nothing more */
	if (resp_kiosk_refuses(r, status, ctype))
		return GERR_AUTH;
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

/*
 * Ends a response whose status is out (resp_start) so that the client
 * sees it cut short, for a failure half-way through a streamed body (the
 * database, memory, a row that cannot be written whole).  A 200 cut short
 * must not look whole.  Ended as usual, or with the FastCGI connection
 * merely closed, the body would be ended properly by nginx (its last
 * chunk), and the client would take what it got for the whole of it.
 * What libfcgi wrote so far is whole records, so eight zero bytes here are
 * where nginx expects the next record's header: a protocol version it
 * refuses ("upstream sent unsupported FastCGI protocol version: 0" in its
 * error log), upon which it drops the client's connection without the
 * last chunk (HTTP/2: resets the stream).  The client sees an incomplete
 * transfer (curl: exit 18, "transfer closed with outstanding read data
 * remaining"; a browser: a failed download), after the bytes that went
 * out; what libfcgi still held is never sent.  That then fails to go out
 * on the shut socket, and libfcgi closes it at FCGX_Finish_r.
 *
 * Before the status is out there is nothing to cut: the caller answers
 * with an error instead, and this does nothing.  The caller logs why.
 */
void
resp_abort(struct req *r)
{
	static const char	 no_record[8];
	int			 fd;

	if (!r->responded || r->fcgx == NULL)
		return;
	fd = r->fcgx->ipcFd;
	if (write(fd, no_record, sizeof(no_record)) == -1 ||
	    shutdown(fd, SHUT_RDWR) == -1)
		log_warn("response cut short: dropping the connection");
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

/*
 * What an application is told of an error the program answers for its
 * pages (docs/api.md lists them): a code to test and a sentence for the
 * person reading the log.  Neither holds a character JSON must escape.
 */
static const struct {
	int		 status;
	const char	*error;
	const char	*message;
} api_errors[] = {
	{ 400, "bad_request", "the request is malformed" },
	{ 401, "unauthorized", "authenticate with an API key (Authorization: "
	    "Bearer gk_ and 64 hexadecimal digits) or a registered client "
	    "certificate" },
	{ 403, "forbidden", "this client may not do this" },
	{ 404, "not_found", "no such resource, or it belongs to another "
	    "department" },
	{ 405, "method_not_allowed", "this method is not allowed on this "
	    "path: the Allow header lists those that are" },
	{ 409, "conflict", "not possible in the resource's present state" },
	{ 413, "too_large", "the body is over the size limit" },
	{ 415, "unsupported_media_type", "send the body as JSON, with "
	    "Content-Type: application/json" },
	{ 429, "too_many_requests", "too many requests: try again later" },
	{ 503, "unavailable", "the service is unavailable: try again later" },
};

/* The JSON body of an error answered to an application. */
static void
resp_error_json(struct req *r, int status)
{
	const char	*error = status >= 500 ? "internal_error" : "error";
	const char	*message = status >= 500 ?
			    "the request could not be completed" :
			    status_text(status);
	char		 body[320];
	size_t		 i;

	for (i = 0; i < nitems(api_errors); i++)
		if (api_errors[i].status == status) {
			error = api_errors[i].error;
			message = api_errors[i].message;
			break;
		}
	snprintf(body, sizeof(body), "{\"error\":\"%s\",\"message\":\"%s\","
	    "\"status\":%d}\n", error, message, status);
	resp_send(r, status, "application/json", body, strlen(body));
}

/*
 * The error page, in the user's language; plain text if even that fails.
 * An application gets JSON (resp_error_json).
 */
void
resp_error(struct req *r, int status)
{
	char	key[64];
	char	plain[128];

	if (r->responded)
		return;
	r->cache = "no-store";
	if (r->api) {
		resp_error_json(r, status);
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
 * Rows of a result as "Prefix.N.name" in the page's data: column k is
 * named names[k] (NULL skips it).  Timestamps and dates are written as a
 * person reads them (lib/when.c): statements select them as they are.
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
			    names[k]), when_cell(r->pool, res, i, k)) == -1)
				return -1;
	return 0;
}
