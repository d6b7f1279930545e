/* libcurl handles that live as long as the request and read answers within a bound. */
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
