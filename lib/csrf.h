/* Anti-forgery tokens: HMAC of a per-browser secret cookie, checked on POST. */
#ifndef GUICHET_CSRF_H
#define GUICHET_CSRF_H

#include <stddef.h>

#include "gerr.h"

#define CSRF_COOKIE	"__Host-guichet-csrf"
#define CSRF_FIELD	"csrf"

void		csrf_token(const char *seed, char out[65]);
int		csrf_token_ok(const char *seed, const char *token);
int		csrf_origin_ok(const char *origin, const char *fetch_site,
		    const char *host);

#endif
