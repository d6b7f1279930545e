/*
 * What a request brings: its FastCGI parameters, language, query string
 * and cookies (set up before routing, so even a refused request gets a
 * translated page), and its body, read within the configured limits.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "conf.h"
#include "csrf.h"
#include "log.h"
#include "valid.h"

#define BODY_CHUNK	16384
#define LANG_COOKIE	"guichet_lang"

static struct {
	size_t	form_max;
	size_t	upload_max;
	size_t	file_max;
	size_t	field_max;
	size_t	parts_max;
} limits;

/* The body limits of guichet.conf, read once at start. */
void
input_limits_load(void)
{
	limits.form_max = conf_size("limits.form_max");
	limits.upload_max = conf_size("limits.upload_max");
	limits.file_max = conf_size("limits.file_max");
	limits.field_max = conf_size("limits.field_max");
	limits.parts_max = (size_t)conf_int("limits.parts_max");	/* >= 1 */
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

const char *
req_remote_addr(struct req *r)
{
	const char	*a = req_param(r, "REMOTE_ADDR");

	return a != NULL && *a != '\0' ? a : NULL;
}

/*
 * The site's address as this request reached it: a kiosk's server block
 * (GUICHET_KIOSK, docs/kiosk.md) has its own, for redirects and the
 * origin of its POSTs.
 */
const char *
req_site_url(struct req *r)
{
	return r->kiosk ? conf_str("kiosk.url") : conf_str("site.url");
}

/* The eID login the login page links to: a kiosk's has its own host. */
const char *
req_eid_url(struct req *r)
{
	return r->kiosk ? conf_str("kiosk.eid_url") :
	    conf_str("login.eid_url");
}

/* Seconds of warning before a kiosk session ends: half its idle at most. */
int
kiosk_warning_seconds(void)
{
	int	idle = conf_int("kiosk.idle_seconds");
	int	warn = conf_int("kiosk.warning_seconds");

	return warn > idle / 2 ? idle / 2 : warn;
}

/*
 * A kiosk's pages know it ("Kiosk" at the root of their data) and when
 * to warn of the end: a page left alone reloads to the warning
 * (Kiosk.warn_after seconds), which counts down Kiosk.warning seconds.
 */
static void
req_hdf_kiosk(struct req *r)
{
	int	idle = conf_int("kiosk.idle_seconds");
	int	warn = kiosk_warning_seconds();

	tmpl_set(r->hdf, "Kiosk", "1");
	tmpl_setf(r->hdf, "Kiosk.idle", "%d", idle);
	tmpl_setf(r->hdf, "Kiosk.warning", "%d", warn);
	tmpl_setf(r->hdf, "Kiosk.warn_after", "%d", idle - warn);
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

/* Values every template may use: language and the switcher's links. */
static void
req_hdf_common(struct req *r)
{
	const char	*path = r->path;
	int		 i;

	tmpl_set(r->hdf, "Page.lang", lang_codes[r->lang]);
	tmpl_set(r->hdf, "Page.path", path);
	if (r->kiosk)
		req_hdf_kiosk(r);
	for (i = 0; i < LANG__MAX; i++) {
		tmpl_setf(r->hdf, pool_printf(r->pool, "Page.langs.%d.code", i),
		    "%s", lang_codes[i]);
		if (i == (int)r->lang)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Page.langs.%d.current", i), "1");
	}
}

/*
 * Returns 0, or the HTTP status to answer with.  Language and template data
 * come first, so that even a request refused here gets a translated page.
 */
int
input_setup(struct req *r)
{
	const char	*m, *q, *c, *uri;
	enum lang	 l;
	int		 bad_uri;

	r->rid = hex_only(r->pool, req_param(r, "REQUEST_ID"));
	/* nginx's W3C traceparent: on every log line of the request */
	log_trace_set(req_param(r, "TRACEPARENT"));
	/* set by nginx's kiosk server blocks only, never from a header */
	c = req_param(r, "GUICHET_KIOSK");
	r->kiosk = c != NULL && strcmp(c, "1") == 0;
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
int
input_body(struct req *r)
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
