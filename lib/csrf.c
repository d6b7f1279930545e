/* Anti-forgery tokens: HMAC of a per-browser seed, and the origin check. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "csrf.h"

void
csrf_token(const char *seed, char out[65])
{
	char		msg[160];
	int		n;

	n = snprintf(msg, sizeof(msg), "csrf|%s", seed);
	secret_mac_hex(msg, n < (int)sizeof(msg) ? (size_t)n : strlen(msg), out);
}

int
csrf_token_ok(const char *seed, const char *token)
{
	char	want[65];

	if (seed == NULL || token == NULL ||
	    (strlen(seed) != 32 && strlen(seed) != 64) || strlen(token) != 64)
		return 0;
	csrf_token(seed, want);
	return CRYPTO_memcmp(want, token, 64) == 0;
}

/* "host" or "[v6]" into o->host, in lower case; the length used, or -1. */
static int
origin_host(const char *s, size_t len, struct csrf_origin *o)
{
	size_t		 n = 0, i;
	const char	*ok;

	if (len > 0 && s[0] == '[') {
		/* an IPv6 literal: to its bracket, only what one holds */
		ok = "0123456789abcdefABCDEF:.";
		while (n + 1 < len && s[n + 1] != ']')
			n++;
		if (n == 0 || n + 1 >= len || strspn(s + 1, ok) < n)
			return -1;
		n += 2;
	} else {
		ok = "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
		while (n < len && s[n] != '\0' && strchr(ok, s[n]) != NULL)
			n++;
		if (n == 0)
			return -1;
	}
	if (n >= sizeof(o->host))
		return -1;
	for (i = 0; i < n; i++)
		o->host[i] = (char)tolower((unsigned char)s[i]);
	o->host[n] = '\0';
	return (int)n;
}

/*
 * "scheme://host[:port]" as browsers write an Origin (RFC 6454), and with
 * path_ok a path after it (a site URL).  The port is the scheme's default
 * when absent.  -1 for anything else: another scheme, user information, an
 * empty port, a port with a sign or a leading zero, a character no host
 * name has (so "localhost:8443.evil.example" is no host and port).
 */
int
csrf_origin_parse(const char *s, int path_ok, struct csrf_origin *o)
{
	const char	*p;
	size_t		 len;
	int		 n;
	unsigned long	 port;

	if (s == NULL)
		return -1;
	if (strncasecmp(s, "https://", 8) == 0) {
		memcpy(o->scheme, "https", sizeof("https"));
		o->port = 443;
		p = s + 8;
	} else if (strncasecmp(s, "http://", 7) == 0) {
		memcpy(o->scheme, "http", sizeof("http"));
		o->port = 80;
		p = s + 7;
	} else
		return -1;
	len = path_ok ? strcspn(p, "/?#") : strlen(p);
	if ((n = origin_host(p, len, o)) == -1)
		return -1;
	p += n;
	len -= (size_t)n;
	if (len == 0)
		return 0;
	if (*p != ':' || len < 2 || len > 6 || p[1] == '0' ||
	    strspn(p + 1, "0123456789") < len - 1)
		return -1;
	port = strtoul(p + 1, NULL, 10);
	if (port > 65535)
		return -1;
	o->port = (unsigned)port;
	return 0;
}

/*
 * A second line behind the token: browsers say where a POST comes from.
 * A request that names another origin than the site's own (the configured
 * site URL: scheme, host and port, exactly) is refused even with a good
 * token.  The Host header is not used: a client writes what it likes there.
 */
int
csrf_origin_ok(const char *origin, const char *fetch_site,
    const char *site_url)
{
	struct csrf_origin	got, want;

	if (fetch_site != NULL && strcmp(fetch_site, "same-origin") != 0 &&
	    strcmp(fetch_site, "none") != 0)
		return 0;
	if (origin == NULL)
		return 1;
	if (csrf_origin_parse(origin, 0, &got) == -1 ||
	    csrf_origin_parse(site_url, 1, &want) == -1)
		return 0;
	return strcmp(got.scheme, want.scheme) == 0 &&
	    strcmp(got.host, want.host) == 0 && got.port == want.port;
}
