/* Anti-forgery tokens: HMAC of a per-browser secret cookie, checked on POST. */
#ifndef GUICHET_CSRF_H
#define GUICHET_CSRF_H

#include <stddef.h>

#include "gerr.h"

#define CSRF_COOKIE	"__Host-guichet-csrf"
#define CSRF_FIELD	"csrf"

/* An origin (RFC 6454): what a browser's Origin header names. */
struct csrf_origin {
	char		scheme[8];	/* "https" or "http" */
	char		host[256];	/* lower case; an IPv6 literal in [] */
	unsigned	port;		/* the scheme's default if none given */
};

void		csrf_token(const char *seed, char out[65]);
int		csrf_token_ok(const char *seed, const char *token);
int		csrf_origin_parse(const char *s, int path_ok,
		    struct csrf_origin *o);
int		csrf_origin_ok(const char *origin, const char *fetch_site,
		    const char *site_url);

#endif
