/*
 * Connectors to authentic sources: GET <registers.url>/<register>/<key>,
 * JSON back.  A register that is slow, away, or answers nonsense must not
 * break a form: the caller gets GERR_UPSTREAM and lets the user type the
 * data; GERR_NOTFOUND when the register does not know the key.  Keys are
 * national or enterprise numbers: they never reach the log.
 */
#include <string.h>

#include "conf.h"
#include "connector.h"
#include "fetch.h"
#include "log.h"

#define CONNECTOR_BODY_MAX	(1 << 20)

static void
connector_json_free(void *j)
{
	json_decref(j);
}

/*
 * Connections to the gateway are kept between requests (one share per
 * process, which serves one request at a time): the register is asked
 * for every certificate, and a TLS handshake each time would cost more
 * than the question.
 */
static CURLSH *
connector_share(void)
{
	static CURLSH	*share;

	if (share == NULL && (share = curl_share_init()) != NULL)
		curl_share_setopt(share, CURLSHOPT_SHARE,
		    CURL_LOCK_DATA_CONNECT);
	return share;
}

enum gerr
connector_get(struct pool *p, const char *reg, const char *key, json_t **out)
{
	const char	*base = conf_str("registers.url");
	const char	*cert = conf_str("registers.cert");
	const char	*ckey = conf_str("registers.key");
	const char	*ca = conf_str("registers.cacert");
	struct fetch_body body;
	CURL		*c;
	CURLcode	 rc;
	long		 status = 0;
	json_error_t	 jerr;
	char		*url;

	*out = NULL;
	if (base == NULL || key[strspn(key, "0123456789")] != '\0' ||
	    strspn(reg, "abcdefghijklmnopqrstuvwxyz") != strlen(reg))
		return GERR_UPSTREAM;
	if ((url = pool_printf(p, "%s/%s/%s", base, reg, key)) == NULL ||
	    (c = fetch_handle(p, &body, CONNECTOR_BODY_MAX)) == NULL)
		return GERR_NOMEM;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
	    (long)conf_int("registers.timeout_ms"));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_SHARE, connector_share());
	if (cert != NULL)
		curl_easy_setopt(c, CURLOPT_SSLCERT, cert);
	if (ckey != NULL)
		curl_easy_setopt(c, CURLOPT_SSLKEY, ckey);
	if (ca != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK) {
		log_warnx("register %s: %s", reg, body.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
		return GERR_UPSTREAM;
	}
	if (status == 404)
		return GERR_NOTFOUND;
	if (status != 200) {
		log_warnx("register %s: HTTP status %ld", reg, status);
		return GERR_UPSTREAM;
	}
	*out = json_loadb(body.b.data ? body.b.data : "", body.b.len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (*out == NULL || !json_is_object(*out)) {
		log_warnx("register %s: the answer is not a JSON object", reg);
		json_decref(*out);
		*out = NULL;
		return GERR_UPSTREAM;
	}
	if (pool_defer(p, connector_json_free, *out) == -1) {
		json_decref(*out);
		*out = NULL;
		return GERR_NOMEM;
	}
	return GERR_OK;
}
