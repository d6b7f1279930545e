/* Stripe's Checkout Sessions behind lib/payment.h (docs/payments-stripe.md). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fetch.h"
#include "log.h"
#include "payment.h"

/* The API version the adapter was written against: pinned, not the account's. */
#define STRIPE_VERSION		"2024-06-20"
#define STRIPE_ANSWER_MAX	(256 * 1024)
#define STRIPE_TOLERANCE	300	/* seconds: Stripe's libraries' default */
#define STRIPE_EXPIRY		5400	/* the guichet's 90 minutes (issue 19) */
#define STRIPE_SIGS_MAX		8	/* v1 signatures during a secret's roll */
#define STRIPE_ID_MAX		255

struct stripe_sigs {
	char		 t[16];		/* the timestamp, as signed */
	long long	 when;
	char		 v1[STRIPE_SIGS_MAX][65];
	int		 n;
};

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* An id as Stripe makes them (cs_..., pi_..., re_...): safe in a path. */
static int
stripe_id_ok(const char *id)
{
	size_t	 i;

	if (id == NULL || *id == '\0' || strlen(id) > STRIPE_ID_MAX)
		return 0;
	for (i = 0; id[i] != '\0'; i++)
		if (!(id[i] >= 'a' && id[i] <= 'z') &&
		    !(id[i] >= 'A' && id[i] <= 'Z') &&
		    !(id[i] >= '0' && id[i] <= '9') && id[i] != '_')
			return 0;
	return 1;
}

/* A header value: no CR, LF or other control byte. */
static int
header_value_ok(const char *v)
{
	if (v == NULL || *v == '\0')
		return 0;
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return 0;
	return 1;
}

/* name=value&..., percent-encoded as application/x-www-form-urlencoded. */
static int
form_add(struct buf *f, const char *name, const char *value)
{
	const char	*s;
	int		 first = 1;

	if (f->len > 0 && buf_putc(f, '&') == -1)
		return -1;
	for (s = name; ; s = value, first = 0) {
		for (; *s != '\0'; s++) {
			unsigned char	 c = (unsigned char)*s;

			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    c == '.' || c == '~') {
				if (buf_putc(f, (char)c) == -1)
					return -1;
			} else if (buf_printf(f, "%%%02X", c) == -1)
				return -1;
		}
		if (!first)
			break;
		if (buf_putc(f, '=') == -1)
			return -1;
	}
	return 0;
}

static void
json_release(void *j)
{
	json_decref(j);
}

/* The answer's JSON, released with the pool; NULL if it is not JSON. */
static json_t *
stripe_json(struct pool *p, const char *data, size_t len)
{
	json_t	*j;

	if ((j = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return NULL;
	if (pool_defer(p, json_release, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* What Stripe's error object says, as an enum gerr. */
static enum gerr
stripe_refusal(long status, const json_t *answer, const char *what)
{
	const json_t	*e = json_object_get(answer, "error");
	const char	*code = jstr(e, "code"), *type = jstr(e, "type");

	log_warnx("stripe: %s refused: HTTP %ld, %s%s%s", what, status,
	    type != NULL ? type : "no error type", code != NULL ? ", " : "",
	    code != NULL ? code : "");
	if (status == 404 || streq(code, "resource_missing"))
		return GERR_NOTFOUND;
	if (streq(code, "amount_too_large") ||
	    streq(code, "charge_already_refunded"))
		return GERR_CONFLICT;
	/* our key refused, a concurrent call on the key, a rate limit:
	 * nothing the request itself can change, so try again later */
	if (status == 401 || status == 403 || status == 409 || status == 429)
		return GERR_UPSTREAM;
	return GERR_INPUT;
}

static struct curl_slist *
header_add(struct curl_slist *h, const char *line, int *failed)
{
	struct curl_slist	*n;

	if (line == NULL || (n = curl_slist_append(h, line)) == NULL) {
		*failed = 1;
		return h;
	}
	return n;
}

/* Our key, the pinned version, and for a POST its key and form; NULL: memory. */
static struct curl_slist *
stripe_headers(struct pool *p, const struct payconf *conf, int post,
    const char *idempotency_key)
{
	struct curl_slist	*h = NULL;
	int			 failed = 0;

	h = header_add(h, pool_join(p, "Authorization: Bearer ", conf->key, ""),
	    &failed);
	h = header_add(h, "Stripe-Version: " STRIPE_VERSION, &failed);
	h = header_add(h, "Accept: application/json", &failed);
	if (idempotency_key != NULL)
		h = header_add(h, pool_join(p, "Idempotency-Key: ",
		    idempotency_key, ""), &failed);
	if (post)
		h = header_add(h,
		    "Content-Type: application/x-www-form-urlencoded", &failed);
	if (failed) {
		curl_slist_free_all(h);
		return NULL;
	}
	return h;
}

/* An HTTP answer as enum gerr, with *answer its JSON when it is a 2xx. */
static enum gerr
stripe_answer(struct pool *p, const char *what, long status,
    struct fetch_body *body, json_t **answer)
{
	enum gerr	 e;

	if (status >= 500 || status < 200) {
		log_warnx("stripe: %s: HTTP %ld", what, status);
		return GERR_UPSTREAM;
	}
	if ((*answer = stripe_json(p, body->b.data == NULL ? "" : body->b.data,
	    body->b.len)) == NULL || !json_is_object(*answer)) {
		log_warnx("stripe: %s: HTTP %ld, an answer that is not JSON",
		    what, status);
		*answer = NULL;
		return GERR_UPSTREAM;
	}
	if (status < 300)
		return GERR_OK;
	e = stripe_refusal(status, *answer, what);
	*answer = NULL;
	return e;
}

/*
 * One call to the API.  form NULL: a GET.  GERR_OK with *answer the JSON
 * of a 2xx; otherwise what stripe_refusal says, or GERR_UPSTREAM.
 */
static enum gerr
stripe_call(struct pool *p, const struct payconf *conf, const char *path,
    const struct buf *form, const char *idempotency_key, json_t **answer)
{
	struct fetch_body	 body;
	struct curl_slist	*h;
	CURL			*c;
	CURLcode		 rc;
	long			 status = 0;
	const char		*what = form != NULL ? "POST" : "GET";

	*answer = NULL;
	if (conf->url == NULL || !header_value_ok(conf->key)) {
		log_warnx("stripe: no API address or key configured");
		return GERR_UPSTREAM;
	}
	if ((c = fetch_handle(p, &body, STRIPE_ANSWER_MAX)) == NULL ||
	    (h = stripe_headers(p, conf, form != NULL, idempotency_key)) == NULL)
		return GERR_NOMEM;
	if (form != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form->data);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)form->len);
	}
	curl_easy_setopt(c, CURLOPT_URL, pool_join(p, conf->url, path, ""));
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	fetch_keep_alive(c);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
	    conf->timeout_ms > 0 ? conf->timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (conf->cacert != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, conf->cacert);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		log_warnx("stripe: %s: %s", what, body.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
		return GERR_UPSTREAM;
	}
	return stripe_answer(p, what, status, &body, answer);
}

/*
 * Onto GOV.UK Pay's states: the session's status and payment_status, and
 * its PaymentIntent's status when it was expanded (docs/payments-stripe.md).
 */
static enum pay_status
session_status(const char *status, const char *paid, const char *pi)
{
	if (streq(status, "complete")) {
		if (streq(paid, "paid"))
			return PAY_SUCCESS;
		if (streq(pi, "requires_payment_method") ||
		    streq(pi, "canceled"))
			return PAY_FAILED;
		return PAY_SUBMITTED;
	}
	if (streq(status, "expired"))
		return PAY_FAILED;
	/* open */
	if (pi == NULL)
		return PAY_CREATED;
	if (streq(pi, "succeeded"))
		return PAY_SUCCESS;
	if (streq(pi, "processing") || streq(pi, "requires_capture"))
		return PAY_SUBMITTED;
	if (streq(pi, "canceled"))
		return PAY_CANCELLED;
	return PAY_STARTED;
}

static int
json_cents(const json_t *o, const char *key, int64_t *cents)
{
	const json_t	*v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*cents = (int64_t)json_integer_value(v);
	return 0;
}

/* The charge's part: what was refunded, how it was paid, why it failed. */
static int
session_charge(struct pool *p, const json_t *pi, struct pay_state *st)
{
	const json_t	*ch = json_object_get(pi, "latest_charge");
	const json_t	*err = json_object_get(pi, "last_payment_error");
	const char	*s;

	if ((s = jstr(err, "decline_code")) != NULL ||
	    (s = jstr(err, "code")) != NULL)
		st->failure = pool_strdup(p, s);
	if (!json_is_object(ch))
		return 0;
	if (json_cents(ch, "amount_refunded", &st->refunded_cents) == -1)
		return -1;
	if ((s = jstr(json_object_get(ch, "payment_method_details"), "type"))
	    != NULL)
		st->method = pool_strdup(p, s);
	return 0;
}

/*
 * A Checkout Session as pay_state; *pi_id its PaymentIntent's id when it
 * has one.  GERR_UPSTREAM for what is not a session we can read.
 */
static enum gerr
session_state(struct pool *p, const json_t *s, struct pay_state *st,
    const char **pi_id)
{
	const json_t	*pi = json_object_get(s, "payment_intent");
	const char	*status = jstr(s, "status"), *paid;
	const char	*id = jstr(s, "id"), *url = jstr(s, "url"), *ref;

	memset(st, 0, sizeof(*st));
	*pi_id = json_is_object(pi) ? jstr(pi, "id") : json_string_value(pi);
	paid = jstr(s, "payment_status");
	if (!streq(jstr(s, "object"), "checkout.session") || !stripe_id_ok(id) ||
	    !streq(jstr(s, "currency"), "eur") || paid == NULL ||
	    !(streq(status, "open") || streq(status, "complete") ||
	    streq(status, "expired")) ||
	    json_cents(s, "amount_total", &st->amount_cents) == -1 ||
	    (*pi_id != NULL && !stripe_id_ok(*pi_id)) ||
	    (json_is_object(pi) && session_charge(p, pi, st) == -1)) {
		log_warnx("stripe: a checkout session we cannot read");
		return GERR_UPSTREAM;
	}
	st->provider_id = pool_strdup(p, id);
	if ((ref = jstr(s, "client_reference_id")) != NULL)
		st->reference = pool_strdup(p, ref);
	if (json_is_integer(json_object_get(s, "created")) &&
	    json_integer_value(json_object_get(s, "created")) > 0)
		st->created = (time_t)json_integer_value(json_object_get(s,
		    "created"));
	st->status = session_status(status, paid,
	    json_is_object(pi) ? jstr(pi, "status") : NULL);
	if (url != NULL && streq(status, "open"))
		st->next_url = pool_strdup(p, url);
	if (st->status == PAY_FAILED && st->failure == NULL &&
	    streq(status, "expired"))
		st->failure = "expired";
	if (st->refunded_cents > st->amount_cents)
		st->refunded_cents = st->amount_cents;
	if (st->status == PAY_SUCCESS)
		st->available_cents = st->amount_cents - st->refunded_cents;
	return GERR_OK;
}

static int
lang_ok(const char *l)
{
	return streq(l, "fr") || streq(l, "nl") || streq(l, "de") ||
	    streq(l, "en");
}

/* The session's fields: Bancontact and cards, one line, in euros. */
static int
create_form(struct pool *p, const struct pay_create *pc, struct buf *f)
{
	char	 n[24], exp[24];

	snprintf(n, sizeof(n), "%" PRId64, pc->amount_cents);
	/*
	 * Whole minutes: a request sent again with its idempotency key must
	 * carry the same fields, or Stripe refuses it (idempotency_error);
	 * by the second, one sent again across a second's turn did.
	 */
	snprintf(exp, sizeof(exp), "%lld",
	    (long long)time(NULL) / 60 * 60 + STRIPE_EXPIRY);
	buf_init(f, p);
	return form_add(f, "mode", "payment") |
	    form_add(f, "payment_method_types[0]", "bancontact") |
	    form_add(f, "payment_method_types[1]", "card") |
	    form_add(f, "line_items[0][quantity]", "1") |
	    form_add(f, "line_items[0][price_data][currency]", "eur") |
	    form_add(f, "line_items[0][price_data][unit_amount]", n) |
	    form_add(f, "line_items[0][price_data][product_data][name]",
		pc->description) |
	    form_add(f, "client_reference_id", pc->reference) |
	    form_add(f, "metadata[reference]", pc->reference) |
	    form_add(f, "payment_intent_data[metadata][reference]",
		pc->reference) |
	    form_add(f, "locale", pc->lang) |
	    form_add(f, "success_url", pc->return_url) |
	    form_add(f, "cancel_url", pc->return_url) |
	    form_add(f, "expires_at", exp);
}

/*
 * POST /v1/checkout/sessions.  GERR_OK with the session's id and payment
 * page; GERR_INPUT for arguments we will not send; GERR_UPSTREAM.
 */
static enum gerr
stripe_create(struct pool *p, const struct payconf *conf,
    const struct pay_create *pc, struct pay_state *st)
{
	struct buf	 f;
	json_t		*a;
	const char	*pi;
	enum gerr	 e;

	if (pc->amount_cents <= 0 || pc->reference == NULL ||
	    pc->description == NULL || pc->return_url == NULL ||
	    !lang_ok(pc->lang) || !header_value_ok(pc->idempotency_key))
		return GERR_INPUT;
	if (create_form(p, pc, &f) == -1)
		return GERR_NOMEM;
	if ((e = stripe_call(p, conf, "/v1/checkout/sessions", &f,
	    pc->idempotency_key, &a)) != GERR_OK)
		return e;
	if ((e = session_state(p, a, st, &pi)) != GERR_OK)
		return e;
	if (st->next_url == NULL || st->amount_cents != pc->amount_cents) {
		log_warnx("stripe: a new session without a payment page or "
		    "with another amount");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

static enum gerr
session_get(struct pool *p, const struct payconf *conf, const char *id,
    struct pay_state *st, const char **pi_id)
{
	json_t		*a;
	enum gerr	 e;

	if (!stripe_id_ok(id))
		return GERR_NOTFOUND;
	if ((e = stripe_call(p, conf, pool_join(p, "/v1/checkout/sessions/",
	    id, "?expand%5B%5D=payment_intent.latest_charge"), NULL, NULL,
	    &a)) != GERR_OK)
		return e;
	if ((e = session_state(p, a, st, pi_id)) != GERR_OK)
		return e;
	if (strcmp(st->provider_id, id) != 0) {
		log_warnx("stripe: asked for one session, answered another");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

/* GET /v1/checkout/sessions/:id with its PaymentIntent and charge. */
static enum gerr
stripe_read(struct pool *p, const struct payconf *conf, const char *id,
    struct pay_state *st)
{
	const char	*pi;

	return session_get(p, conf, id, st, &pi);
}

/* A Refund object as pay_refund. */
static enum gerr
refund_state(struct pool *p, const json_t *r, struct pay_refund *out)
{
	const char	*status = jstr(r, "status"), *id = jstr(r, "id");

	memset(out, 0, sizeof(*out));
	if (!streq(jstr(r, "object"), "refund") || !stripe_id_ok(id) ||
	    status == NULL || json_cents(r, "amount", &out->amount_cents) == -1) {
		log_warnx("stripe: a refund we cannot read");
		return GERR_UPSTREAM;
	}
	out->provider_id = pool_strdup(p, id);
	out->done = streq(status, "succeeded");
	out->failed = streq(status, "failed") || streq(status, "canceled");
	return GERR_OK;
}

/*
 * GET /v1/refunds/:id: a refund Stripe left pending (requires_action, or
 * an asynchronous method's), read again.  An id not made of Stripe's
 * characters never reaches it.
 */
static enum gerr
stripe_refund_read(struct pool *p, const struct payconf *conf,
    const char *id, struct pay_refund *out)
{
	json_t		*a;
	enum gerr	 e;

	memset(out, 0, sizeof(*out));
	if (!stripe_id_ok(id))
		return GERR_NOTFOUND;
	if ((e = stripe_call(p, conf, pool_join(p, "/v1/refunds/", id, ""),
	    NULL, NULL, &a)) != GERR_OK)
		return e;
	if ((e = refund_state(p, a, out)) != GERR_OK)
		return e;
	if (strcmp(out->provider_id, id) != 0) {
		log_warnx("stripe: asked for one refund, answered another");
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

/*
 * The session is read first (its PaymentIntent is what Stripe refunds, and
 * what is left is checked against Stripe's figure, not only ours); then
 * POST /v1/refunds.  The agent's reason stays here: free text may name a
 * person, and Stripe needs none of it.
 */
static enum gerr
stripe_refund(struct pool *p, const struct payconf *conf, const char *id,
    int64_t amount, int64_t available, const char *reason,
    const char *idempotency_key, struct pay_refund *out)
{
	struct pay_state st;
	struct buf	 f;
	json_t		*a;
	const char	*pi;
	char		 n[24];
	enum gerr	 e;

	(void)reason;
	memset(out, 0, sizeof(*out));
	if (amount <= 0 || !header_value_ok(idempotency_key))
		return GERR_INPUT;
	if (amount > available)
		return GERR_CONFLICT;
	if ((e = session_get(p, conf, id, &st, &pi)) != GERR_OK)
		return e;
	if (st.status != PAY_SUCCESS || pi == NULL || amount > st.available_cents)
		return GERR_CONFLICT;
	snprintf(n, sizeof(n), "%" PRId64, amount);
	buf_init(&f, p);
	if ((form_add(&f, "payment_intent", pi) | form_add(&f, "amount", n) |
	    form_add(&f, "reason", "requested_by_customer") |
	    form_add(&f, "metadata[session]", id)) == -1)
		return GERR_NOMEM;
	if ((e = stripe_call(p, conf, "/v1/refunds", &f, idempotency_key,
	    &a)) != GERR_OK)
		return e;
	return refund_state(p, a, out);
}

/* Stripe-Signature: t=<unix time>,v1=<hex>[,v1=<hex>...][,v0=...]. */
static int
sig_parse(const char *h, struct stripe_sigs *s)
{
	const char	*end;
	size_t		 n;

	memset(s, 0, sizeof(*s));
	if (h == NULL)
		return -1;
	for (; *h != '\0'; h = *end == ',' ? end + 1 : end) {
		end = h + strcspn(h, ",");
		n = (size_t)(end - h);
		if (n > 2 && strncmp(h, "t=", 2) == 0) {
			if (s->t[0] != '\0' || n - 2 >= 12 ||
			    strspn(h + 2, "0123456789") < n - 2)
				return -1;
			memcpy(s->t, h + 2, n - 2);
			s->when = strtoll(s->t, NULL, 10);
		} else if (n == 67 && strncmp(h, "v1=", 3) == 0 &&
		    s->n < STRIPE_SIGS_MAX) {
			memcpy(s->v1[s->n], h + 3, 64);
			s->v1[s->n++][64] = '\0';
		}
	}
	return s->t[0] != '\0' && s->n > 0 ? 0 : -1;
}

/* HMAC-SHA256 under the secret of "<t>.<body>", in lower-case hex. */
static int
sig_expected(struct pool *p, const char *secret, const char *t,
    const char *body, size_t len, char hex[65])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 mac[EVP_MAX_MD_SIZE];
	unsigned int		 maclen = 0, i;
	struct buf		 msg;

	buf_init(&msg, p);
	if (buf_puts(&msg, t) == -1 || buf_putc(&msg, '.') == -1 ||
	    buf_append(&msg, body, len) == -1)
		return -1;
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg.data, msg.len, mac, &maclen) == NULL ||
	    maclen != 32)
		return -1;
	for (i = 0; i < maclen; i++) {
		hex[2 * i] = digits[mac[i] >> 4];
		hex[2 * i + 1] = digits[mac[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

/* The event, once its signature checks: its id, and the session to read. */
static enum gerr
event_hint(struct pool *p, const char *body, size_t len, struct pay_hint *h)
{
	json_t		*j;
	const json_t	*o;
	const char	*id;

	memset(h, 0, sizeof(*h));
	if ((j = stripe_json(p, body, len)) == NULL ||
	    !streq(jstr(j, "object"), "event") ||
	    !stripe_id_ok(id = jstr(j, "id")) || jstr(j, "type") == NULL ||
	    !json_is_object(o = json_object_get(json_object_get(j, "data"),
	    "object"))) {
		log_warnx("stripe: a signed webhook that is not an event");
		return GERR_INPUT;
	}
	h->event_id = pool_strdup(p, id);
	/* other objects' events (charges, refunds) name no session: the
	 * session's own events say all the guichet reads */
	if (streq(jstr(o, "object"), "checkout.session")) {
		if (!stripe_id_ok(jstr(o, "id")))
			return GERR_INPUT;
		h->provider_id = pool_strdup(p, jstr(o, "id"));
	}
	return GERR_OK;
}

/*
 * A webhook: the signature over "<t>.<body>" with the endpoint's secret,
 * compared in constant time with each v1; t within five minutes of now.
 * GERR_AUTH for anything that does not check; GERR_INPUT for a signed body
 * that is not an event.
 */
static enum gerr
stripe_webhook(struct pool *p, const struct payconf *conf, const char *body,
    size_t len, const char *signature, struct pay_hint *h)
{
	struct stripe_sigs	 s;
	char			 want[65];
	long long		 age;
	int			 i, good = 0;

	memset(h, 0, sizeof(*h));
	if (conf->webhook_secret == NULL || *conf->webhook_secret == '\0') {
		log_warnx("stripe: webhook refused: no signing secret configured");
		return GERR_AUTH;
	}
	if (body == NULL || sig_parse(signature, &s) == -1) {
		log_warnx("stripe: webhook refused: no readable Stripe-Signature");
		return GERR_AUTH;
	}
	age = (long long)time(NULL) - s.when;
	if (age > STRIPE_TOLERANCE || age < -STRIPE_TOLERANCE) {
		log_warnx("stripe: webhook refused: signed %llds away from now",
		    age);
		return GERR_AUTH;
	}
	if (sig_expected(p, conf->webhook_secret, s.t, body, len, want) == -1)
		return GERR_SYSTEM;
	for (i = 0; i < s.n; i++)
		good |= CRYPTO_memcmp(want, s.v1[i], 64) == 0;
	if (!good) {
		log_warnx("stripe: webhook refused: the signature does not check");
		return GERR_AUTH;
	}
	return event_hint(p, body, len, h);
}

/*
 * A page of GET /v1/checkout/sessions: every item a session we can read
 * (one we cannot makes the page unreadable: a reconciliation must not
 * skip one silently); the cursor is the last one's id while has_more.
 */
static enum gerr
session_list(struct pool *p, const json_t *a, struct pay_list *l)
{
	const json_t	*data = json_object_get(a, "data"), *v;
	const char	*pi;
	size_t		 i, n;
	enum gerr	 e;

	memset(l, 0, sizeof(*l));
	if (!streq(jstr(a, "object"), "list") || !json_is_array(data) ||
	    (n = json_array_size(data)) > PAY_LIST_MAX) {
		log_warnx("stripe: list: not a list of sessions");
		return GERR_UPSTREAM;
	}
	if (n > 0 && (l->items = pool_calloc(p, n, sizeof(*l->items))) == NULL)
		return GERR_NOMEM;
	json_array_foreach(data, i, v)
		if ((e = session_state(p, v, &l->items[i], &pi)) != GERR_OK)
			return e;
	l->n = n;
	if (json_is_true(json_object_get(a, "has_more")) && n > 0)
		l->next = l->items[n - 1].provider_id;
	return GERR_OK;
}

/*
 * GET /v1/checkout/sessions?created[gte]=&created[lt]=&limit=100
 * [&starting_after=], with each session's PaymentIntent and charge.
 * Stripe lists newest first; the reconciliation does not mind.
 */
static enum gerr
stripe_list(struct pool *p, const struct payconf *conf, time_t from,
    time_t to, const char *cursor, struct pay_list *l)
{
	json_t		*a;
	enum gerr	 e;
	const char	*path;

	memset(l, 0, sizeof(*l));
	if (to <= from || (cursor != NULL && !stripe_id_ok(cursor)))
		return GERR_INPUT;
	path = pool_printf(p, "/v1/checkout/sessions?created%%5Bgte%%5D=%lld"
	    "&created%%5Blt%%5D=%lld&limit=100"
	    "&expand%%5B%%5D=data.payment_intent.latest_charge%s%s",
	    (long long)from, (long long)to, cursor != NULL ?
	    "&starting_after=" : "", cursor != NULL ? cursor : "");
	if ((e = stripe_call(p, conf, path, NULL, NULL, &a)) != GERR_OK)
		return e;
	return session_list(p, a, l);
}

/*
 * POST /v1/checkout/sessions/:id/expire: an open session ends, and its
 * page takes no payment; Stripe refuses (400) a session already complete
 * or expired, which the caller learns by reading it.
 */
static enum gerr
stripe_cancel(struct pool *p, const struct payconf *conf, const char *id)
{
	struct buf	 form;
	json_t		*a;
	enum gerr	 e;

	if (!stripe_id_ok(id))
		return GERR_NOTFOUND;
	buf_init(&form, p);
	if (buf_cstr(&form) == NULL)
		return GERR_NOMEM;
	e = stripe_call(p, conf, pool_join(p, "/v1/checkout/sessions/", id,
	    "/expire"), &form, NULL, &a);
	return e == GERR_INPUT ? GERR_CONFLICT : e;	/* not open */
}

const struct payprovider payprovider_stripe = {
	.name = "stripe",
	.create = stripe_create,
	.read = stripe_read,
	.refund = stripe_refund,
	.webhook = stripe_webhook,
	.list = stripe_list,
	.cancel = stripe_cancel,
	.refund_read = stripe_refund_read,
};
