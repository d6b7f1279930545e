/* Webhooks: URLs that may be called, signatures, the call itself. */
#ifndef GUICHET_WEBHOOK_H
#define GUICHET_WEBHOOK_H

#include <stddef.h>
#include <sys/socket.h>

#include "gerr.h"
#include "pool.h"

int		 webhook_url_syntax(const char *url, char **host, long *port,
		    int *https);
int		 webhook_url_ok(struct pool *, const char *url, const char **why);
int		 addr_public(const struct sockaddr *);
void		 webhook_sign(const void *secret, size_t secretlen,
		    const char *timestamp, const char *body, char hex[65]);
enum gerr	 webhook_post(const char *url, const void *secret,
		    size_t secretlen, const char *delivery, const char *kind,
		    const char *body, long *http_status, char *err,
		    size_t errlen);

#endif
