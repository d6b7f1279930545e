/* Anti-forgery tokens: HMAC of a per-browser seed, and the origin check. */
#include <stdio.h>
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

/* The host name of "host[:port]" or "[v6]:port", into out. */
static void
host_name(const char *h, size_t hlen, char *out, size_t outsz)
{
	const char	*end = h + hlen, *colon;

	if (hlen > 0 && h[0] == '[') {
		if ((colon = memchr(h, ']', hlen)) != NULL)
			end = colon + 1;
	} else if ((colon = memchr(h, ':', hlen)) != NULL)
		end = colon;
	snprintf(out, outsz, "%.*s", (int)(end - h), h);
}

/*
 * A second line behind the token: browsers say where a POST comes from.
 * A request that names another site is refused even with a good token.
 * Ports are not compared: nginx gives the host without one, and another
 * port of the same host shares our cookies anyway.
 */
int
csrf_origin_ok(const char *origin, const char *fetch_site, const char *host)
{
	const char	*o;
	char		 oname[256], hname[256];

	if (fetch_site != NULL && strcmp(fetch_site, "same-origin") != 0 &&
	    strcmp(fetch_site, "none") != 0)
		return 0;
	if (origin == NULL)
		return 1;
	if (host == NULL || strcmp(origin, "null") == 0)
		return 0;
	if (strncmp(origin, "https://", 8) == 0)
		o = origin + 8;
	else if (strncmp(origin, "http://", 7) == 0)
		o = origin + 7;
	else
		return 0;
	host_name(o, strlen(o), oname, sizeof(oname));
	host_name(host, strlen(host), hname, sizeof(hname));
	return *hname != '\0' && strcasecmp(oname, hname) == 0;
}
