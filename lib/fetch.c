/* libcurl handles that live as long as the request and read answers within a bound. */
#include <unistd.h>

#include "fetch.h"

static size_t
fetch_write(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_body	*body = arg;

	if (body->b.len + size * n > body->max) {
		body->too_big = 1;
		return 0;
	}
	return buf_append(&body->b, data, size * n) == -1 ? 0 : size * n;
}

static void
fetch_cleanup(void *c)
{
	curl_easy_cleanup(c);
}

CURL *
fetch_handle(struct pool *p, struct fetch_body *body, size_t max)
{
	CURL	*c;

	buf_init(&body->b, p);
	body->max = max;
	body->too_big = 0;
	if ((c = curl_easy_init()) == NULL)
		return NULL;
	if (pool_defer(p, fetch_cleanup, c) == -1) {
		curl_easy_cleanup(c);
		return NULL;
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	return c;
}

/*
 * The process's connections, kept between requests: a worker calling the
 * same provider for every request (a payment's read) reuses its TCP and
 * TLS connection instead of opening one each time.  Made in the process
 * that uses it (a worker, after the fork), never shared between processes;
 * a worker serves one request at a time, so it needs no lock.
 */
void
fetch_keep_alive(CURL *c)
{
	static CURLSH	*share;
	static pid_t	 owner;

	if (share == NULL || owner != getpid()) {
		if ((share = curl_share_init()) == NULL)
			return;
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
		curl_share_setopt(share, CURLSHOPT_SHARE,
		    CURL_LOCK_DATA_SSL_SESSION);
		owner = getpid();
	}
	curl_easy_setopt(c, CURLOPT_SHARE, share);
}
