/*
 * The adapter for GOV.UK Pay's public API (docs/payments.md), which the
 * stand-in provider of tests/payments speaks: Bearer key, JSON both
 * ways, Idempotency-Key on what creates, webhooks signed with
 * HMAC-SHA256 of the body in Pay-Signature.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fetch.h"
#include "log.h"
#include "payment.h"

#define GOVUK_BODY_MAX	(256 * 1024)
#define GOVUK_ID_MAX	64
/* a page of the list: 100 payments of ~1.3 KB stay under GOVUK_BODY_MAX */
#define GOVUK_LIST_PAGE	100

struct govuk_answer {
	long		 status;
	json_t		*json;		/* NULL: none, or not an object */
};

static void
govuk_json_free(void *j)
{
	json_decref(j);
}

/* Ids go into paths: letters and digits only, bounded. */
static int
govuk_id_ok(const char *id)
{
	size_t	 n;

	if (id == NULL || (n = strlen(id)) == 0 || n > GOVUK_ID_MAX)
		return 0;
	for (; *id != '\0'; id++)
		if (!isalnum((unsigned char)*id))
			return 0;
	return 1;
}

/* An idempotency key: printable ASCII, bounded, as a header carries it. */
static int
govuk_idem_ok(const char *k)
{
	size_t	 n;

	if (k == NULL || (n = strlen(k)) == 0 || n > 255)
		return 0;
	for (; *k != '\0'; k++)
		if (*k < 0x21 || *k > 0x7e)
			return 0;
	return 1;
}

static const char *
govuk_str(struct pool *p, json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s == NULL ? NULL : pool_strdup(p, s);
}

static int
govuk_int(json_t *o, const char *key, int64_t *out)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*out = json_integer_value(v);
	return 0;
}

/* GOV.UK Pay's state and its code: a user's cancellation is "failed". */
static int
govuk_status(const char *s, const char *code, enum pay_status *out)
{
	static const struct { const char *name; enum pay_status st; } m[] = {
		{ "created", PAY_CREATED }, { "started", PAY_STARTED },
		{ "submitted", PAY_SUBMITTED }, { "capturable", PAY_SUBMITTED },
		{ "success", PAY_SUCCESS }, { "failed", PAY_FAILED },
		{ "cancelled", PAY_CANCELLED }, { "error", PAY_ERROR },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < nitems(m); i++)
		if (strcmp(s, m[i].name) == 0) {
			*out = m[i].st;
			if (*out == PAY_FAILED && code != NULL &&
			    strcmp(code, "P0030") == 0)
				*out = PAY_CANCELLED;
			return 0;
		}
	return -1;
}

/* "2026-12-03T15:04:05.123Z" as a time; 0 when it is not one. */
static time_t
govuk_time(const char *s)
{
	struct tm	 tm;
	int		 n = 0;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
	    &n) != 6 || n != 19 || tm.tm_year < 1970 || tm.tm_year > 9999 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60 || tm.tm_hour < 0 || tm.tm_min < 0 ||
	    tm.tm_sec < 0)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/* A payment object of the API into st; -1 when it is not one. */
static int
govuk_parse_payment(struct pool *p, json_t *j, struct pay_state *st)
{
	json_t		*state = json_object_get(j, "state");
	json_t		*rs = json_object_get(j, "refund_summary");
	json_t		*links = json_object_get(j, "_links");

	memset(st, 0, sizeof(*st));
	st->failure = govuk_str(p, state, "code");
	if ((st->provider_id = govuk_str(p, j, "payment_id")) == NULL ||
	    !govuk_id_ok(st->provider_id) ||
	    govuk_status(json_string_value(json_object_get(state, "status")),
	    st->failure, &st->status) == -1 ||
	    govuk_int(j, "amount", &st->amount_cents) == -1)
		return -1;
	if (json_is_object(rs) &&
	    (govuk_int(rs, "amount_available", &st->available_cents) == -1 ||
	    govuk_int(rs, "amount_submitted", &st->refunded_cents) == -1))
		return -1;
	st->next_url = govuk_str(p, json_object_get(links, "next_url"), "href");
	st->reference = govuk_str(p, j, "reference");
	st->created = govuk_time(json_string_value(json_object_get(j,
	    "created_date")));
	if (json_is_object(json_object_get(j, "card_details")))
		st->method = "card";
	return 0;
}

static int
govuk_parse_refund(struct pool *p, json_t *j, struct pay_refund *r)
{
	const char	*s = json_string_value(json_object_get(j, "status"));

	memset(r, 0, sizeof(*r));
	if ((r->provider_id = govuk_str(p, j, "refund_id")) == NULL ||
	    !govuk_id_ok(r->provider_id) || s == NULL ||
	    govuk_int(j, "amount", &r->amount_cents) == -1)
		return -1;
	r->done = strcmp(s, "success") == 0;
	r->failed = strcmp(s, "error") == 0;
	return r->done || r->failed || strcmp(s, "submitted") == 0 ? 0 : -1;
}

/* A webhook body (already authenticated) into the hint it gives. */
static int
govuk_parse_webhook(struct pool *p, const char *body, size_t len,
    struct pay_hint *h)
{
	json_t		*j;
	const char	*type;
	int		 rc = -1;

	memset(h, 0, sizeof(*h));
	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return -1;
	type = json_string_value(json_object_get(j, "resource_type"));
	h->event_id = govuk_str(p, j, "webhook_message_id");
	h->provider_id = govuk_str(p, j, "resource_id");
	if (type != NULL && strcmp(type, "payment") == 0 &&
	    govuk_id_ok(h->event_id) && govuk_id_ok(h->provider_id))
		rc = 0;
	json_decref(j);
	return rc;
}

/* A JSON answer, kept with the pool; NULL for none or not an object. */
static json_t *
govuk_json(struct pool *p, const struct buf *b)
{
	json_t	*j;

	if (b->len == 0 || (j = json_loadb(b->data, b->len,
	    JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return NULL;
	if (!json_is_object(j) || pool_defer(p, govuk_json_free, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/*
 * One more request header; -1 when memory ran out or the line would
 * smuggle another header (a key file or an idempotency key with CR/LF).
 */
static int
govuk_header(struct curl_slist **h, const char *line)
{
	struct curl_slist	*t;

	if (line == NULL || strpbrk(line, "\r\n") != NULL ||
	    (t = curl_slist_append(*h, line)) == NULL)
		return -1;
	*h = t;
	return 0;
}

/*
 * One call of the API: GERR_OK with the status and the JSON answer,
 * whatever the status; GERR_UPSTREAM when nothing came back.  The key
 * goes in a header and never into a log line.
 */
static enum gerr
govuk_call(struct pool *p, const struct payconf *pc, const char *path,
    json_t *body, const char *idem, struct govuk_answer *a)
{
	struct fetch_body fb;
	struct curl_slist *h = NULL;
	CURL		*c;
	CURLcode	 rc;
	char		*url, *data = NULL;
	enum gerr	 e = GERR_NOMEM;

	memset(a, 0, sizeof(*a));
	if ((url = pool_printf(p, "%s%s", pc->url, path)) == NULL ||
	    (c = fetch_handle(p, &fb, GOVUK_BODY_MAX)) == NULL)
		return GERR_NOMEM;
	if (govuk_header(&h, "Accept: application/json") == -1 ||
	    govuk_header(&h, pool_printf(p, "Authorization: Bearer %s",
	    pc->key)) == -1 || (idem != NULL && govuk_header(&h,
	    pool_printf(p, "Idempotency-Key: %s", idem)) == -1))
		goto out;
	if (body != NULL) {
		if ((data = json_dumps(body, JSON_COMPACT)) == NULL ||
		    govuk_header(&h, "Content-Type: application/json") == -1)
			goto out;
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, data);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	fetch_keep_alive(c);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, pc->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, pc->timeout_ms);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (pc->cacert != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, pc->cacert);
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		log_warnx("payments govuk %s: %s", path, fb.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
		e = GERR_UPSTREAM;
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
	a->json = govuk_json(p, &fb.b);
	e = GERR_OK;
out:
	curl_slist_free_all(h);
	free(data);
	return e;
}

/* What the API's refusals mean to the caller; logged with its code. */
static enum gerr
govuk_refused(const char *what, const struct govuk_answer *a)
{
	const char	*code = json_string_value(json_object_get(a->json,
			    "code"));

	log_warnx("payments govuk %s: HTTP %ld %s", what, a->status,
	    code != NULL ? code : "");
	switch (a->status) {
	case 404:
		return GERR_NOTFOUND;
	case 400:
	case 409:
	case 412:
		return GERR_CONFLICT;
	case 422:
		return GERR_INPUT;
	default:
		return GERR_UPSTREAM;	/* 401 (our key), 5xx, the rest */
	}
}

static enum gerr
govuk_payment_answer(struct pool *p, const char *what,
    const struct govuk_answer *a, struct pay_state *st)
{
	if (a->status != 200 && a->status != 201)
		return govuk_refused(what, a);
	if (a->json == NULL || govuk_parse_payment(p, a->json, st) == -1) {
		log_warnx("payments govuk %s: not a payment", what);
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

static enum gerr
govuk_create(struct pool *p, const struct payconf *pc,
    const struct pay_create *pcr, struct pay_state *st)
{
	struct govuk_answer a;
	json_t		*b;
	enum gerr	 e;

	if (pcr->amount_cents <= 0 || !govuk_idem_ok(pcr->idempotency_key))
		return GERR_INPUT;
	b = json_pack("{sIssssssss}", "amount", (json_int_t)pcr->amount_cents,
	    "reference", pcr->reference, "description", pcr->description,
	    "return_url", pcr->return_url, "language", pcr->lang);
	if (b == NULL)
		return GERR_INPUT;
	e = govuk_call(p, pc, "/v1/payments", b, pcr->idempotency_key, &a);
	json_decref(b);
	if (e != GERR_OK)
		return e;
	if ((e = govuk_payment_answer(p, "create", &a, st)) != GERR_OK)
		return e;
	if (st->next_url == NULL && !pay_status_final(st->status)) {
		log_warnx("payments govuk create: no next_url");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

static enum gerr
govuk_read(struct pool *p, const struct payconf *pc, const char *id,
    struct pay_state *st)
{
	struct govuk_answer a;
	enum gerr	 e;

	if (!govuk_id_ok(id))
		return GERR_NOTFOUND;
	if ((e = govuk_call(p, pc, pool_printf(p, "/v1/payments/%s", id),
	    NULL, NULL, &a)) != GERR_OK)
		return e;
	return govuk_payment_answer(p, "read", &a, st);
}

/*
 * refund_amount_available is what we believe is left: the provider
 * refuses (412) when it differs, so two refunds racing never both pass.
 */
static enum gerr
govuk_refund(struct pool *p, const struct payconf *pc, const char *id,
    int64_t amount, int64_t available, const char *reason,
    const char *idem, struct pay_refund *r)
{
	struct govuk_answer a;
	json_t		*b;
	enum gerr	 e;

	(void)reason;	/* GOV.UK Pay keeps none; the guichet's table does */
	if (!govuk_id_ok(id))
		return GERR_NOTFOUND;
	if (amount <= 0 || !govuk_idem_ok(idem))
		return GERR_INPUT;
	if ((b = json_pack("{sIsI}", "amount", (json_int_t)amount,
	    "refund_amount_available", (json_int_t)available)) == NULL)
		return GERR_NOMEM;
	e = govuk_call(p, pc, pool_printf(p, "/v1/payments/%s/refunds", id),
	    b, idem, &a);
	json_decref(b);
	if (e != GERR_OK)
		return e;
	if (a.status != 200 && a.status != 201 && a.status != 202)
		return govuk_refused("refund", &a);
	if (a.json == NULL || govuk_parse_refund(p, a.json, r) == -1) {
		log_warnx("payments govuk refund: not a refund");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

/* HMAC-SHA256 of the body under the secret, hex, in constant time. */
static int
govuk_signature_ok(const char *secret, const char *body, size_t len,
    const char *sig)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0;
	char		 hex[2 * EVP_MAX_MD_SIZE + 1], got[65];
	size_t		 i;

	if (secret == NULL || sig == NULL || strlen(sig) != 64 ||
	    HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)body, len, mac, &n) == NULL || n != 32)
		return 0;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	for (i = 0; i < 64; i++)
		got[i] = (char)tolower((unsigned char)sig[i]);
	got[64] = '\0';
	return CRYPTO_memcmp(hex, got, 64) == 0;
}

/*
 * GOV.UK Pay signs the body alone, without a time: freshness is the
 * caller's deduplication by (provider, event id), and a webhook only
 * hints that a read is due, so a replay changes nothing.
 */
static enum gerr
govuk_webhook(struct pool *p, const struct payconf *pc, const char *body,
    size_t len, const char *sig, struct pay_hint *h)
{
	memset(h, 0, sizeof(*h));
	if (!govuk_signature_ok(pc->webhook_secret, body, len, sig)) {
		log_warnx("payments govuk webhook: the signature does not "
		    "check");
		return GERR_AUTH;
	}
	if (govuk_parse_webhook(p, body, len, h) == -1) {
		log_warnx("payments govuk webhook: not a payment's event");
		return GERR_INPUT;
	}
	return GERR_OK;
}

/*
 * A page of the search's answer: results parsed one by one (one that is
 * not a payment makes the whole page unreadable: a reconciliation must
 * not miss one silently), the next page when _links.next_page is there.
 */
static int
govuk_parse_list(struct pool *p, json_t *j, int page, struct pay_list *l)
{
	json_t		*results = json_object_get(j, "results"), *v;
	size_t		 i, n;

	memset(l, 0, sizeof(*l));
	if (!json_is_array(results) || (n = json_array_size(results)) >
	    PAY_LIST_MAX)
		return -1;
	if (n > 0 && (l->items = pool_calloc(p, n, sizeof(*l->items))) ==
	    NULL)
		return -1;
	json_array_foreach(results, i, v)
		if (govuk_parse_payment(p, v, &l->items[i]) == -1)
			return -1;
	l->n = n;
	if (json_is_object(json_object_get(json_object_get(j, "_links"),
	    "next_page")) && n > 0 && page < 1000000)
		l->next = pool_printf(p, "%d", page + 1);
	return 0;
}

static const char *
govuk_iso(struct pool *p, time_t t)
{
	struct tm	 tm;
	char		 b[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return pool_strdup(p, b);
}

/* GET /v1/payments?from_date=&to_date=&page=&display_size= */
static enum gerr
govuk_list(struct pool *p, const struct payconf *pc, time_t from, time_t to,
    const char *cursor, struct pay_list *l)
{
	struct govuk_answer a;
	const char	*f = govuk_iso(p, from), *t = govuk_iso(p, to);
	char		*end;
	long		 page = 1;
	enum gerr	 e;

	memset(l, 0, sizeof(*l));
	if (cursor != NULL && ((page = strtol(cursor, &end, 10)) < 1 ||
	    page > 1000000 || *end != '\0'))
		return GERR_INPUT;
	if (f == NULL || t == NULL || to <= from)
		return GERR_INPUT;
	if ((e = govuk_call(p, pc, pool_printf(p, "/v1/payments?from_date=%s"
	    "&to_date=%s&page=%ld&display_size=%d", f, t, page, GOVUK_LIST_PAGE),
	    NULL, NULL, &a)) != GERR_OK)
		return e;
	if (a.status != 200)
		return govuk_refused("list", &a);
	if (a.json == NULL || govuk_parse_list(p, a.json, (int)page, l) == -1) {
		log_warnx("payments govuk list: not a list of payments");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

/* POST /v1/payments/{id}/cancel: 204; 400 P0501 once it has ended. */
static enum gerr
govuk_cancel(struct pool *p, const struct payconf *pc, const char *id)
{
	struct govuk_answer a;
	json_t		*empty;
	enum gerr	 e;

	if (!govuk_id_ok(id))
		return GERR_NOTFOUND;
	if ((empty = json_object()) == NULL)
		return GERR_NOMEM;
	e = govuk_call(p, pc, pool_printf(p, "/v1/payments/%s/cancel", id),
	    empty, NULL, &a);
	json_decref(empty);
	if (e != GERR_OK)
		return e;
	return a.status == 204 || a.status == 200 ? GERR_OK :
	    govuk_refused("cancel", &a);
}

const struct payprovider pay_govuk = {
	.name = "govuk",
	.create = govuk_create,
	.read = govuk_read,
	.refund = govuk_refund,
	.webhook = govuk_webhook,
	.list = govuk_list,
	.cancel = govuk_cancel,
};
