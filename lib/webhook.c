/*
 * Webhooks of the departments' applications.  A URL is accepted only if
 * it is https and every address its host has is public: no loopback, no
 * private, link-local, shared or multicast range, so the counter cannot
 * be made to call into its own network (SSRF).  The same test runs again
 * on the address libcurl is about to connect to, so a name that changes
 * its answer after registration (DNS rebinding) gets nowhere.  An
 * operator may let named host:port pairs through (webhooks.allow), for an
 * application inside the administration's network or for the tests.
 *
 * Each call carries X-Guichet-Signature: sha256=HMAC(secret, timestamp
 * "." body), with the timestamp in X-Guichet-Timestamp.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/hmac.h>

#include "conf.h"
#include "log.h"
#include "webhook.h"

/* Scheme, host and port of an absolute http(s) URL without credentials. */
int
webhook_url_syntax(const char *url, char **host, long *port, int *https)
{
	CURLU	*u;
	char	*scheme = NULL, *user = NULL, *h = NULL, *ps = NULL;
	int	 ok = 0;

	*host = NULL;
	if (url == NULL || strlen(url) > 500 || strpbrk(url, " \t\r\n") != NULL)
		return 0;
	if ((u = curl_url()) == NULL)
		return 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &ps, CURLU_DEFAULT_PORT) != CURLUE_OK)
		goto done;
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
		goto done;		/* no credentials in URLs */
	if (strcmp(scheme, "https") != 0 && strcmp(scheme, "http") != 0)
		goto done;
	*https = strcmp(scheme, "https") == 0;
	*port = strtol(ps, NULL, 10);
	if (*port < 1 || *port > 65535 || *h == '\0')
		goto done;		/* the fuzzer found port 0 accepted */
	if ((*host = strdup(h)) == NULL)
		goto done;
	ok = 1;
done:
	curl_free(scheme);
	curl_free(user);
	curl_free(h);
	curl_free(ps);
	curl_url_cleanup(u);
	return ok;
}

/* host:port listed in webhooks.allow (space separated). */
static int
allowed(const char *host, long port)
{
	const char	*list = conf_str("webhooks.allow"), *p;
	char		 one[300];
	size_t		 n;

	snprintf(one, sizeof(one), "%s:%ld", host, port);
	n = strlen(one);
	for (p = list; (p = strstr(p, one)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

int
addr_public(const struct sockaddr *sa)
{
	const unsigned char	*b;
	uint32_t		 a;

	if (sa->sa_family == AF_INET) {
		a = ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr);
		return !((a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
		    (a >> 16) == 0xa9fe ||			/* 169.254/16 */
		    (a >> 20) == 0xac1 ||			/* 172.16/12 */
		    (a >> 16) == 0xc0a8 ||			/* 192.168/16 */
		    (a >> 22) == (0x64400000u >> 22) ||		/* 100.64/10 */
		    (a >> 24) >= 224 ||				/* multicast, reserved */
		    (a >> 8) == 0xc00000 ||			/* 192.0.0/24 */
		    (a >> 17) == (0xc6120000u >> 17));		/* 198.18/15 */
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr	*in6 =
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;

		b = in6->s6_addr;
		if (IN6_IS_ADDR_V4MAPPED(in6)) {
			struct sockaddr_in	v4;

			memset(&v4, 0, sizeof(v4));
			v4.sin_family = AF_INET;
			memcpy(&v4.sin_addr, b + 12, 4);
			return addr_public((struct sockaddr *)&v4);
		}
		return !(IN6_IS_ADDR_UNSPECIFIED(in6) || IN6_IS_ADDR_LOOPBACK(in6) ||
		    IN6_IS_ADDR_LINKLOCAL(in6) || IN6_IS_ADDR_SITELOCAL(in6) ||
		    IN6_IS_ADDR_MULTICAST(in6) || (b[0] & 0xfe) == 0xfc ||
		    IN6_IS_ADDR_V4COMPAT(in6));
	}
	return 0;
}

/* 1 if the URL may be registered; else 0 and why (a fixed string). */
int
webhook_url_ok(struct pool *p, const char *url, const char **why)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	char		*host;
	long		 port;
	int		 https, ok = 1;

	(void)p;
	if (!webhook_url_syntax(url, &host, &port, &https)) {
		*why = "url: an absolute https URL without user or password";
		return 0;
	}
	if (allowed(host, port)) {
		free(host);
		return 1;
	}
	if (!https) {
		*why = "url: https only";
		free(host);
		return 0;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &res) != 0 || res == NULL) {
		*why = "url: the host does not resolve";
		free(host);
		return 0;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (!addr_public(ai->ai_addr))
			ok = 0;
	freeaddrinfo(res);
	free(host);
	if (!ok)
		*why = "url: the host has a loopback, private or reserved address";
	return ok;
}

void
webhook_sign(const void *secret, size_t secretlen, const char *timestamp,
    const char *body, char hex[65])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0, i;
	size_t		 tl = strlen(timestamp), bl = strlen(body);
	unsigned char	*msg;

	hex[0] = '\0';
	if ((msg = malloc(tl + 1 + bl)) == NULL)
		return;
	memcpy(msg, timestamp, tl);
	msg[tl] = '.';
	memcpy(msg + tl + 1, body, bl);
	if (HMAC(EVP_sha256(), secret, (int)secretlen, msg, tl + 1 + bl, md,
	    &n) != NULL)
		for (i = 0; i < n && i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
	free(msg);
}

struct target {
	int	allowed;	/* host:port let through by the operator */
};

/* The last word before connecting: the address must be public. */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct target	*t = arg;

	(void)purpose;
	if (!t->allowed && !addr_public(&a->addr))
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype, a->protocol);
}

static size_t
discard(char *b, size_t s, size_t n, void *arg)
{
	(void)b;
	(void)arg;
	return s * n;
}

/*
 * POSTs body to url.  GERR_OK on 2xx; GERR_UPSTREAM otherwise, with the
 * HTTP status (0 if none) and curl's words in err.
 */
enum gerr
webhook_post(const char *url, const void *secret, size_t secretlen,
    const char *delivery, const char *kind, const char *body,
    long *http_status, char *err, size_t errlen)
{
	struct curl_slist	*h = NULL;
	struct target		 t;
	char			 ts[32], sig[65], line[160], *host;
	long			 port;
	int			 https;
	CURL			*c;
	CURLcode		 rc;

	*http_status = 0;
	snprintf(err, errlen, "%s", "");
	if (!webhook_url_syntax(url, &host, &port, &https)) {
		snprintf(err, errlen, "unusable url");
		return GERR_INPUT;
	}
	t.allowed = allowed(host, port);
	free(host);
	if (!https && !t.allowed) {
		snprintf(err, errlen, "https only");
		return GERR_INPUT;
	}
	snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	webhook_sign(secret, secretlen, ts, body, sig);
	if ((c = curl_easy_init()) == NULL)
		return GERR_NOMEM;
	h = curl_slist_append(h, "Content-Type: application/json");
	snprintf(line, sizeof(line), "X-Guichet-Timestamp: %s", ts);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Guichet-Signature: sha256=%s", sig);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Guichet-Delivery: %s", delivery);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Guichet-Event: %.60s", kind);
	h = curl_slist_append(h, line);
	/* the W3C traceparent of the request that queued it (lib/log.c) */
	if (log_trace() != NULL) {
		snprintf(line, sizeof(line), "traceparent: %s", log_trace());
		h = curl_slist_append(h, line);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "Guichet-Webhooks/1");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
	    (long)conf_int("webhooks.timeout"));
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &t);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, http_status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
		return GERR_UPSTREAM;
	}
	if (*http_status < 200 || *http_status > 299) {
		snprintf(err, errlen, "HTTP %ld", *http_status);
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}
