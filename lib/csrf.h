/* Anti-forgery tokens: HMAC of a per-browser secret cookie, checked on POST. */
#ifndef GUICHET_CSRF_H
#define GUICHET_CSRF_H

#include <stddef.h>

#include "gerr.h"

#define CSRF_COOKIE	"__Host-guichet-csrf"
#define CSRF_FIELD	"csrf"

enum gerr	secret_load(const char *path);
void		secret_mac_hex(const char *, size_t, char hex[65]);
void		hex_encode(const unsigned char *, size_t, char *);
int		random_hex(char *, size_t nbytes);
void		sha256_hex(const char *, char hex[65]);
void		csrf_token(const char *seed, char out[65]);
int		csrf_token_ok(const char *seed, const char *token);
int		csrf_origin_ok(const char *origin, const char *fetch_site,
		    const char *host);

#endif
