/*
 * The client of an RFC 3161 time-stamping authority, for PAdES B-T
 * (lib/pades.c): a request with the SHA-256 imprint, a random nonce and
 * certReq, posted with libcurl; the reply's token is kept only if it was
 * granted for this request and its signature chains to tsa.cacert with a
 * certificate for timestamping (OpenSSL's TS_RESP_verify_response).
 * An authority that fails is not asked again for 30 seconds, so that an
 * outage costs one timeout, not one per document (docs/decisions.md).
 */
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "conf.h"
#include "fetch.h"
#include "log.h"
#include "tsa.h"

#define TSA_REPLY_MAX	(64 * 1024)
#define TSA_BACKOFF	30	/* seconds an authority that failed is spared */

static X509_STORE	*tsa_store;
static time_t		 tsa_down_until;
/*
 * The process's connections to the authority, kept between tokens: a
 * token costs one round trip, not a connection's too (and with HTTPS,
 * not a handshake each).  A FastCGI process is single-threaded: no lock.
 */
static CURLSH		*tsa_share;

int
tsa_configured(void)
{
	return conf_str("tsa.url") != NULL;
}

void
tsa_free(void)
{
	X509_STORE_free(tsa_store);
	tsa_store = NULL;
	tsa_down_until = 0;
	if (tsa_share != NULL && curl_share_cleanup(tsa_share) == CURLSHE_OK)
		tsa_share = NULL;
}

static X509_STORE *
store(void)
{
	const char	*ca = conf_str("tsa.cacert");

	if (tsa_store != NULL)
		return tsa_store;
	if ((tsa_store = X509_STORE_new()) == NULL)
		return NULL;
	if ((ca != NULL ? X509_STORE_load_file(tsa_store, ca) :
	    X509_STORE_set_default_paths(tsa_store)) != 1) {
		log_warnx("tsa: cannot load the CA certificates%s%s",
		    ca ? " of " : "", ca ? ca : "");
		ERR_clear_error();
		X509_STORE_free(tsa_store);
		tsa_store = NULL;
	}
	return tsa_store;
}

/* The request: version 1, SHA-256 imprint of data, a nonce, certReq. */
static TS_REQ *
request(const void *data, size_t n)
{
	unsigned char	 md[32], rnd[16];
	TS_REQ		*req = TS_REQ_new();
	TS_MSG_IMPRINT	*mi = TS_MSG_IMPRINT_new();
	X509_ALGOR	*alg = X509_ALGOR_new();
	ASN1_INTEGER	*nonce = NULL;
	BIGNUM		*bn = NULL;
	int		 ok;

	ok = req != NULL && mi != NULL && alg != NULL &&
	    EVP_Digest(data, n, md, NULL, EVP_sha256(), NULL) == 1 &&
	    X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL,
	    NULL) == 1 && TS_MSG_IMPRINT_set_algo(mi, alg) == 1 &&
	    TS_MSG_IMPRINT_set_msg(mi, md, sizeof(md)) == 1 &&
	    TS_REQ_set_version(req, 1) == 1 &&
	    TS_REQ_set_msg_imprint(req, mi) == 1 &&
	    RAND_bytes(rnd, sizeof(rnd)) == 1 &&
	    (bn = BN_bin2bn(rnd, sizeof(rnd), NULL)) != NULL &&
	    (nonce = BN_to_ASN1_INTEGER(bn, NULL)) != NULL &&
	    TS_REQ_set_nonce(req, nonce) == 1 &&
	    TS_REQ_set_cert_req(req, 1) == 1;
	BN_free(bn);
	ASN1_INTEGER_free(nonce);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	if (!ok) {
		ERR_clear_error();
		TS_REQ_free(req);
		return NULL;
	}
	return req;
}

int
tsa_reply_token(struct pool *pool, const unsigned char *reply, size_t n,
    TS_REQ *req, X509_STORE *st, struct der *token)
{
	const unsigned char	*p = reply;
	TS_RESP			*resp;
	TS_VERIFY_CTX		*ctx = NULL;
	unsigned char		*der = NULL, *copy;
	int			 len, rc = -1;

	if ((resp = d2i_TS_RESP(NULL, &p, (long)n)) == NULL) {
		log_warnx("tsa: the reply is not a timestamp response");
		goto out;
	}
	if ((ctx = TS_REQ_to_TS_VERIFY_CTX(req, NULL)) == NULL ||
	    X509_STORE_up_ref(st) != 1)
		goto out;
	TS_VERIFY_CTX_set_store(ctx, st);
	TS_VERIFY_CTX_add_flags(ctx, TS_VFY_SIGNATURE);
	if (TS_RESP_verify_response(ctx, resp) != 1) {
		log_warnx("tsa: the reply does not check: %s",
		    ERR_reason_error_string(ERR_peek_last_error()));
		goto out;
	}
	if ((len = i2d_PKCS7(TS_RESP_get_token(resp), &der)) <= 0 ||
	    (copy = pool_alloc(pool, (size_t)len)) == NULL)
		goto out;
	memcpy(copy, der, (size_t)len);
	token->p = copy;
	token->n = (size_t)len;
	rc = 0;
out:
	ERR_clear_error();
	OPENSSL_free(der);
	TS_VERIFY_CTX_free(ctx);
	TS_RESP_free(resp);
	return rc;
}

/* The reply to req; GERR_UPSTREAM if none came. */
static enum gerr
post(struct pool *pool, TS_REQ *req, struct fetch_body *body)
{
	struct curl_slist	*h = NULL;
	unsigned char		*der = NULL;
	const char		*ca = conf_str("tsa.cacert");
	CURL			*c;
	CURLcode		 rc;
	long			 status = 0;
	int			 len;

	if ((len = i2d_TS_REQ(req, &der)) <= 0 ||
	    (c = fetch_handle(pool, body, TSA_REPLY_MAX)) == NULL) {
		OPENSSL_free(der);
		return GERR_NOMEM;
	}
	h = curl_slist_append(h, "Content-Type: application/timestamp-query");
	h = curl_slist_append(h, "Accept: application/timestamp-reply");
	if (tsa_share == NULL && (tsa_share = curl_share_init()) != NULL)
		curl_share_setopt(tsa_share, CURLSHOPT_SHARE,
		    CURL_LOCK_DATA_CONNECT);
	if (tsa_share != NULL)
		curl_easy_setopt(c, CURLOPT_SHARE, tsa_share);
	curl_easy_setopt(c, CURLOPT_URL, conf_str("tsa.url"));
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, der);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)conf_int("tsa.timeout_ms"));
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (ca != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	/* the connection stays in the share; the handle, the pool's, leaves it */
	curl_easy_setopt(c, CURLOPT_SHARE, NULL);
	curl_slist_free_all(h);
	OPENSSL_free(der);
	if (rc != CURLE_OK || status != 200) {
		log_warnx("tsa: %s", rc != CURLE_OK ? (body->too_big ?
		    "reply too big" : curl_easy_strerror(rc)) :
		    pool_printf(pool, "HTTP status %ld", status));
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

enum gerr
tsa_stamp(struct pool *pool, const void *data, size_t n, struct der *token)
{
	struct fetch_body	 body;
	X509_STORE		*st;
	TS_REQ			*req;
	enum gerr		 e;

	token->p = NULL;
	token->n = 0;
	if (!tsa_configured() || time(NULL) < tsa_down_until)
		return GERR_UPSTREAM;
	if ((st = store()) == NULL || (req = request(data, n)) == NULL)
		return GERR_SYSTEM;
	if ((e = post(pool, req, &body)) == GERR_OK &&
	    tsa_reply_token(pool, (const unsigned char *)body.b.data,
	    body.b.len, req, st, token) == -1)
		e = GERR_UPSTREAM;
	TS_REQ_free(req);
	if (e == GERR_UPSTREAM)
		tsa_down_until = time(NULL) + TSA_BACKOFF;
	return e;
}

int
tsa_token_check(const unsigned char *token, size_t n, const void *data,
    size_t dn)
{
	const unsigned char	*p = token;
	unsigned char		*md;
	PKCS7			*tok = NULL;
	TS_VERIFY_CTX		*ctx = NULL;
	X509_STORE		*st;
	int			 ok = 0;

	if ((st = store()) == NULL ||
	    (tok = d2i_PKCS7(NULL, &p, (long)n)) == NULL ||
	    (ctx = TS_VERIFY_CTX_new()) == NULL ||
	    (md = OPENSSL_malloc(32)) == NULL)
		goto out;
	EVP_Digest(data, dn, md, NULL, EVP_sha256(), NULL);
	TS_VERIFY_CTX_set_imprint(ctx, md, 32);		/* the context's now */
	if (X509_STORE_up_ref(st) != 1)
		goto out;
	TS_VERIFY_CTX_set_store(ctx, st);
	TS_VERIFY_CTX_set_flags(ctx, TS_VFY_VERSION | TS_VFY_IMPRINT |
	    TS_VFY_SIGNATURE);
	ok = TS_RESP_verify_token(ctx, tok) == 1;
out:
	ERR_clear_error();
	TS_VERIFY_CTX_free(ctx);
	PKCS7_free(tok);
	return ok;
}
