/* libcurl clients' common start: a handle freed with the pool, the answer read into it within a bound. */
#ifndef GUICHET_FETCH_H
#define GUICHET_FETCH_H

#include <curl/curl.h>

#include "pool.h"

struct fetch_body {
	struct buf	b;
	size_t		max;
	int		too_big;	/* the answer went past max */
};

/* A handle writing into body, cleaned up with the pool; NULL: memory. */
CURL	*fetch_handle(struct pool *, struct fetch_body *, size_t max);

/* The handle reuses the process's connections (a provider's, a register's). */
void	 fetch_keep_alive(CURL *);

#endif
