/*
 * The HTTP side of the local time-stamping authority: a POST whose
 * Content-Type is application/timestamp-query and whose Content-Length
 * is 1..TSA_QUERY_MAX, found whole in the bytes read (fuzzed by
 * tests/fuzz/fuzz-tsa-http.c).
 */
#include <string.h>
#include <strings.h>

#include "tsa-http.h"

#define QUERY_TYPE	"application/timestamp-query"

/* The end of the line that starts at p, or NULL if none before end. */
static const unsigned char *
line_end(const unsigned char *p, const unsigned char *end)
{
	const unsigned char	*nl = memchr(p, '\n', (size_t)(end - p));

	if (nl == NULL || nl == p || nl[-1] != '\r')
		return NULL;
	return nl - 1;
}

/* The value of "Name: value" if the line is that header, else NULL. */
static const unsigned char *
header_value(const unsigned char *p, const unsigned char *eol,
    const char *name, size_t *vlen)
{
	size_t	 n = strlen(name);

	if ((size_t)(eol - p) <= n || strncasecmp((const char *)p, name, n) != 0 ||
	    p[n] != ':')
		return NULL;
	for (p += n + 1; p < eol && (*p == ' ' || *p == '\t'); p++)
		;
	while (eol > p && (eol[-1] == ' ' || eol[-1] == '\t'))
		eol--;
	*vlen = (size_t)(eol - p);
	return p;
}

/* Content-Length's digits, or -1. */
static long
length_of(const unsigned char *v, size_t n)
{
	long	 len = 0;
	size_t	 i;

	if (n == 0 || n > 6)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		len = len * 10 + (v[i] - '0');
	}
	return len;
}

enum tsa_http_result
tsa_http_parse(const unsigned char *buf, size_t n, struct tsa_http *h)
{
	const unsigned char	*p = buf, *end = buf + n, *eol, *v;
	size_t			 vlen;
	long			 len = -1;
	int			 typed = 0;

	if ((eol = line_end(p, end)) == NULL)
		return memchr(buf, '\n', n) != NULL ? TSA_HTTP_BAD :
		    TSA_HTTP_MORE;
	if ((size_t)(eol - p) < 5 || memcmp(p, "POST ", 5) != 0)
		return TSA_HTTP_BAD;
	for (p = eol + 2; ; p = eol + 2) {
		if (p + 2 <= end && p[0] == '\r' && p[1] == '\n')
			break;
		if ((eol = line_end(p, end)) == NULL)
			return memchr(p, '\n', (size_t)(end - p)) != NULL ?
			    TSA_HTTP_BAD : TSA_HTTP_MORE;
		if ((v = header_value(p, eol, "Content-Length", &vlen)) !=
		    NULL && (len = length_of(v, vlen)) < 0)
			return TSA_HTTP_BAD;
		if ((v = header_value(p, eol, "Content-Type", &vlen)) != NULL)
			typed = vlen == strlen(QUERY_TYPE) &&
			    strncasecmp((const char *)v, QUERY_TYPE, vlen) == 0;
	}
	if (!typed || len < 1 || len > TSA_QUERY_MAX)
		return TSA_HTTP_BAD;
	h->body = (size_t)(p + 2 - buf);
	h->length = (size_t)len;
	return n - h->body >= h->length ? TSA_HTTP_OK : TSA_HTTP_MORE;
}
