/*
 * lib/payment.c and the GOV.UK Pay adapter (lib/pay-govuk.c) against the
 * stand-in provider of tests/payments, which the runner starts:
 * GUICHET_TEST_PAYMENTS gives its address, GUICHET_TEST_PAYMENTS_DIR the
 * directory with its key and webhook secret (without them, only what
 * needs no provider is run).  The payment page is driven as a browser
 * would, the faults through the stand-in's /_control.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "conf.h"
#include "fetch.h"
#include "payment.h"
#include "tap.h"

static const char	*base;
static struct pool	*p;
static struct payconf	 pc;
static const struct payprovider *pp;

/* One plain request to the stand-in: its status; its body in *out. */
static long
http(const char *method, const char *url, const char *body, char **out)
{
	struct fetch_body fb;
	CURL		*c = fetch_handle(p, &fb, 1 << 22);
	long		 status = 0;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (out != NULL)
		*out = buf_cstr(&fb.b);
	return status;
}

static long
control(const char *what, const char *json)
{
	return http("POST", pool_printf(p, "%s/_control/%s", base, what),
	    json != NULL ? json : "{}", NULL);
}

/* A new payment of amount cents, under its own idempotency key. */
static struct pay_state
created(int64_t amount, const char *key)
{
	struct pay_create c = { "D-2026-0001", amount, "Copie conforme",
	    "fr", "https://localhost/paid?d=D-2026-0001", NULL, key };
	struct pay_state  st;

	memset(&st, 0, sizeof(st));
	if (pp->create(p, &pc, &c, &st) != GERR_OK)
		st.provider_id = NULL;
	return st;
}

/* The page as a person uses it: opened, then a button. */
static long
page_choice(const struct pay_state *st, const char *choice, char **loc)
{
	struct fetch_body fb;
	CURL		*c;
	long		 status = 0;
	char		*l = NULL;

	if (st->next_url == NULL || http("GET", st->next_url, NULL, NULL) != 200)
		return 0;
	c = fetch_handle(p, &fb, 1 << 16);
	curl_easy_setopt(c, CURLOPT_URL, st->next_url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS,
	    pool_printf(p, "choice=%s", choice));
	if (curl_easy_perform(c) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &l);
	}
	if (loc != NULL)
		*loc = l != NULL ? pool_strdup(p, l) : NULL;
	return status;
}

static enum pay_status
status_of(const char *id, struct pay_state *st)
{
	if (pp->read(p, &pc, id, st) != GERR_OK)
		return PAY__MAX;
	return st->status;
}

static void
test_names(void)
{
	size_t	 i;
	int	 named = 1;

	for (i = 0; i < PAY__MAX; i++)
		named &= pay_status_names[i] != NULL;
	ok(named, "every state has a name");
	is_str(pay_status_names[PAY_SUBMITTED], "submitted", "as GOV.UK spells it");
	ok(!pay_status_final(PAY_CREATED) && !pay_status_final(PAY_STARTED) &&
	    !pay_status_final(PAY_SUBMITTED), "open states are not final");
	ok(pay_status_final(PAY_SUCCESS) && pay_status_final(PAY_FAILED) &&
	    pay_status_final(PAY_CANCELLED) && pay_status_final(PAY_ERROR) &&
	    pay_status_final(PAY_EXPIRED), "ends are final");
	ok(payprovider_find("govuk") == &pay_govuk, "the adapter by its name");
	ok(payprovider_find("stripe") == &payprovider_stripe,
	    "Stripe's by its name");
	ok(payprovider_find("nope") == NULL && payprovider_find(NULL) == NULL,
	    "an unknown name finds none");
}

static void
test_outcomes(void)
{
	struct pay_state st, r;
	char		*loc;

	st = created(1500, "t-success");
	ok(st.provider_id != NULL && st.status == PAY_CREATED &&
	    st.amount_cents == 1500, "created, its amount");
	ok(st.next_url != NULL && strstr(st.next_url, "/pay/") != NULL,
	    "with the provider's page");
	is_int(page_choice(&st, "success", &loc), 303, "the page answers 303");
	is_str(loc, "https://localhost/paid?d=D-2026-0001",
	    "back to our return_url");
	is_int(status_of(st.provider_id, &r), PAY_SUCCESS, "read: success");
	ok(r.available_cents == 1500 && r.refunded_cents == 0,
	    "all of it refundable");
	is_str(r.method, "card", "paid by card");
	ok(r.next_url == NULL, "no page once finished");

	st = created(700, "t-decline");
	page_choice(&st, "decline", NULL);
	is_int(status_of(st.provider_id, &r), PAY_FAILED, "declined: failed");
	is_str(r.failure, "P0010", "with the provider's code");
	ok(r.available_cents == 0, "nothing to refund");

	st = created(700, "t-cancel");
	page_choice(&st, "cancel", NULL);
	is_int(status_of(st.provider_id, &r), PAY_CANCELLED,
	    "cancelled by the person");

	st = created(700, "t-expire");
	is_int(status_of(st.provider_id, &r), PAY_CREATED, "open");
	control(pool_printf(p, "expire/%s", st.provider_id), NULL);
	is_int(status_of(st.provider_id, &r), PAY_FAILED, "expired: failed");
	is_str(r.failure, "P0020", "with the expiry's code");
	is_int(page_choice(&st, "success", NULL), 303,
	    "the page still sends the person back");
	is_int(status_of(st.provider_id, &r), PAY_FAILED,
	    "but an expired payment cannot be paid");
	ok(pp->read(p, &pc, "0000000000", &r) == GERR_NOTFOUND,
	    "an unknown payment is not found");
	ok(pp->read(p, &pc, "../v1/x", &r) == GERR_NOTFOUND,
	    "an id that is not one never reaches the provider");
}

/* Ours: a payment nobody finished, cancelled (expiry, "change my answers"). */
static void
test_cancel(void)
{
	struct pay_state st, r;

	st = created(900, "t-cancel-ours");
	is_int(pp->cancel(p, &pc, st.provider_id), GERR_OK, "cancel: done");
	is_int(status_of(st.provider_id, &r), PAY_CANCELLED,
	    "read: cancelled (by the service)");
	is_str(r.failure, "P0040", "with the service's code");
	is_int(page_choice(&st, "success", NULL), 303,
	    "its page sends the person back");
	is_int(status_of(st.provider_id, &r), PAY_CANCELLED,
	    "and takes no money");
	st = created(900, "t-cancel-paid");
	page_choice(&st, "success", NULL);
	is_int(pp->cancel(p, &pc, st.provider_id), GERR_CONFLICT,
	    "a paid payment cannot be cancelled");
	is_int(status_of(st.provider_id, &r), PAY_SUCCESS, "it stays paid");
	is_int(pp->cancel(p, &pc, "../x"), GERR_NOTFOUND,
	    "an id that is not one is not sent");
}

static void
test_idempotency(void)
{
	struct pay_state a, b, c;

	a = created(2500, "t-idem-1");
	b = created(2500, "t-idem-1");
	c = created(2500, "t-idem-2");
	ok(a.provider_id != NULL && b.provider_id != NULL &&
	    strcmp(a.provider_id, b.provider_id) == 0,
	    "the same key twice: one payment");
	ok(c.provider_id != NULL && strcmp(a.provider_id, c.provider_id) != 0,
	    "another key: another payment");
	ok(created(2500, NULL).provider_id == NULL,
	    "no key: no payment (a retry could charge twice)");
	ok(created(2500, "k\r\nX-Injected: 1").provider_id == NULL,
	    "a key that would smuggle a header: refused");
}

static void
test_refunds(void)
{
	struct pay_state st, r;
	struct pay_refund f1, f2, f3;

	st = created(1500, "t-refund");
	page_choice(&st, "success", NULL);
	ok(pp->refund(p, &pc, st.provider_id, 500, 1500, "refused dossier",
	    "t-refund-1", &f1) == GERR_OK && f1.done && f1.amount_cents == 500,
	    "a partial refund");
	ok(pp->refund(p, &pc, st.provider_id, 500, 1500, "refused dossier",
	    "t-refund-1", &f2) == GERR_OK &&
	    strcmp(f1.provider_id, f2.provider_id) == 0,
	    "the same key twice: one refund");
	status_of(st.provider_id, &r);
	ok(r.available_cents == 1000 && r.refunded_cents == 500,
	    "refunded once: 10.00 left");
	ok(pp->refund(p, &pc, st.provider_id, 1200, 1000, "too much",
	    "t-refund-2", &f3) == GERR_CONFLICT,
	    "beyond what is left: refused");
	ok(pp->refund(p, &pc, st.provider_id, 100, 1500, "stale",
	    "t-refund-3", &f3) == GERR_CONFLICT,
	    "with a stale amount available: refused (412)");
	ok(pp->refund(p, &pc, st.provider_id, 1000, 1000, "the rest",
	    "t-refund-4", &f3) == GERR_OK, "the rest");
	status_of(st.provider_id, &r);
	ok(r.available_cents == 0 && r.refunded_cents == 1500, "nothing left");
	st = created(900, "t-refund-open");
	ok(pp->refund(p, &pc, st.provider_id, 100, 0, "unpaid",
	    "t-refund-5", &f3) == GERR_CONFLICT, "an unpaid payment: refused");
}

static double
ms_since(const struct timespec *a)
{
	struct timespec	 b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1e3 + (b.tv_nsec - a->tv_nsec) / 1e6;
}

static void
test_down(void)
{
	struct pay_state st = created(800, "t-down"), r;
	struct timespec	 t;
	const char	*url = pc.url;

	control("faults", "{\"api\": \"down\"}");
	ok(pp->read(p, &pc, st.provider_id, &r) == GERR_UPSTREAM,
	    "the provider answering 503: upstream");
	ok(created(800, "t-down-2").provider_id == NULL,
	    "no payment created while it is down");
	control("faults", "{\"api\": \"refuse\"}");
	ok(pp->read(p, &pc, st.provider_id, &r) == GERR_UPSTREAM,
	    "the connection dropped: upstream");
	control("faults", "{\"api\": \"slow\", \"slow_seconds\": 3}");
	clock_gettime(CLOCK_MONOTONIC, &t);
	ok(pp->read(p, &pc, st.provider_id, &r) == GERR_UPSTREAM,
	    "the provider too slow: upstream");
	ok(ms_since(&t) < 2000, "after payments.timeout_ms, not its delay");
	control("faults", "{\"api\": \"up\"}");
	pc.url = "http://127.0.0.1:1";
	ok(pp->read(p, &pc, st.provider_id, &r) == GERR_UPSTREAM,
	    "nothing listening: upstream");
	pc.url = url;
	ok(created(800, "t-down-2").provider_id != NULL,
	    "back up: the same key creates it now");
}

/* What the sink received, once n webhooks are there (5 s at most). */
static json_t *
sink_wait(size_t n)
{
	json_t	*j = NULL;
	char	*body;
	int	 i;

	for (i = 0; i < 100; i++) {
		json_decref(j);
		http("GET", pool_printf(p, "%s/_control/sink", base), NULL,
		    &body);
		j = json_loads(body, 0, NULL);
		if (json_array_size(j) >= n)
			break;
		usleep(50000);
	}
	return j;
}

static enum gerr
hint_of(json_t *sink, size_t i, struct pay_hint *h)
{
	json_t		*w = json_array_get(sink, i);
	const char	*b = json_string_value(json_object_get(w, "body"));

	if (b == NULL)
		return GERR_SYSTEM;
	return pp->webhook(p, &pc, b, strlen(b),
	    json_string_value(json_object_get(w, "signature")), h);
}

/* Deliveries whose event id, checked, another delivery also carries. */
static int
same_event_pairs(json_t *sink)
{
	struct pay_hint	 a, b;
	size_t		 i, j;
	int		 n = 0;

	for (i = 0; i < json_array_size(sink); i++) {
		if (hint_of(sink, i, &a) != GERR_OK)
			return -1;
		for (j = 0; j < json_array_size(sink); j++)
			if (j != i && hint_of(sink, j, &b) == GERR_OK &&
			    strcmp(a.event_id, b.event_id) == 0) {
				n++;
				break;
			}
	}
	return n;
}

static const char *
event_type(json_t *sink, size_t i)
{
	json_t	*w = json_loads(json_string_value(json_object_get(
		    json_array_get(sink, i), "body")), 0, NULL);
	const char *t = pool_strdup(p, json_string_value(json_object_get(w,
		    "event_type")) ? json_string_value(json_object_get(w,
		    "event_type")) : "");

	json_decref(w);
	return t;
}

/*
 * A payment paid under the stand-in's faults (JSON), from a clean slate;
 * the webhooks its sink received, once n came.
 */
static json_t *
paid_under(const char *faults, const char *key, size_t n,
    struct pay_state *st)
{
	control("reset", NULL);
	control("faults", faults);
	*st = created(1200, key);
	page_choice(st, "success", NULL);
	return sink_wait(n);
}

static void
test_webhooks(void)
{
	struct pay_state st;
	struct pay_hint	 h, h2;
	json_t		*s;
	const char	*b, *sig;
	char		*bad;
	struct timespec	 t;

	control("webhook_url", pool_printf(p,
	    "{\"url\": \"%s/_control/sink\"}", base));
	s = paid_under("{}", "t-hook", 2, &st);
	is_int((long long)json_array_size(s), 2, "started and succeeded sent");
	ok(hint_of(s, 1, &h) == GERR_OK, "a good webhook checks");
	ok(h.provider_id != NULL && strcmp(h.provider_id, st.provider_id) == 0,
	    "and names the payment to read");
	ok(h.event_id != NULL && h.event_id[0] != '\0', "with its event id");
	b = json_string_value(json_object_get(json_array_get(s, 1), "body"));
	sig = json_string_value(json_object_get(json_array_get(s, 1),
	    "signature"));
	bad = pool_strdup(p, b);
	bad[strlen(bad) / 2] ^= 1;
	ok(pp->webhook(p, &pc, bad, strlen(bad), sig, &h2) == GERR_AUTH,
	    "a body changed on the way: refused");
	ok(pp->webhook(p, &pc, b, strlen(b), NULL, &h2) == GERR_AUTH,
	    "no signature: refused");
	json_decref(s);

	s = paid_under("{\"bad_signature\": true}", "t-hook-bad", 2, &st);
	ok(hint_of(s, 1, &h) == GERR_AUTH, "a bad signature: GERR_AUTH");
	json_decref(s);

	s = paid_under("{\"twice\": true}", "t-hook-twice", 4, &st);
	is_int((long long)json_array_size(s), 4, "each webhook sent twice");
	ok(same_event_pairs(s) == 4,
	    "a replay gives the same event id (deduplicated by it)");
	json_decref(s);

	s = paid_under("{\"out_of_order\": true}", "t-hook-order", 2, &st);
	ok(strcmp(event_type(s, 0), "card_payment_succeeded") == 0 &&
	    strcmp(event_type(s, 1), "card_payment_started") == 0,
	    "out of order: the success before the start");
	json_decref(s);

	clock_gettime(CLOCK_MONOTONIC, &t);
	s = paid_under("{\"delay\": 1}", "t-hook-late", 2, &st);
	ok(json_array_size(s) == 2 && ms_since(&t) >= 1000, "late, by a second");
	json_decref(s);
	control("reset", NULL);
}

/* The list for reconciliation: a time range, every payment in it. */
static void
test_list(void)
{
	struct pay_state a, b, c;
	struct pay_list	 l;
	time_t		 now = time(NULL);
	size_t		 i, found = 0;

	control("reset", NULL);
	a = created(700, "t-list-1");
	b = created(800, "t-list-2");
	c = created(900, "t-list-3");
	page_choice(&b, "success", NULL);
	ok(pp->list(p, &pc, now - 60, now + 60, NULL, &l) == GERR_OK,
	    "list: the payments of the last minute");
	is_int((long)l.n, 3, "all three");
	ok(l.next == NULL, "on one page");
	for (i = 0; i < l.n; i++) {
		if (strcmp(l.items[i].provider_id, b.provider_id) == 0 &&
		    l.items[i].status == PAY_SUCCESS &&
		    l.items[i].amount_cents == 800)
			found++;
		if (l.items[i].reference == NULL ||
		    strcmp(l.items[i].reference, "D-2026-0001") != 0 ||
		    l.items[i].created < now - 60 || l.items[i].created > now + 60)
			found = 100;
	}
	is_int((long)found, 1, "each with its state, amount, reference and time");
	ok(a.provider_id != NULL && c.provider_id != NULL, "(made)");
	ok(pp->list(p, &pc, now - 7200, now - 3600, NULL, &l) == GERR_OK &&
	    l.n == 0, "an hour before: none");
	ok(pp->list(p, &pc, now - 60, now + 60, "x", &l) == GERR_INPUT,
	    "a cursor that is not one is not sent");
	ok(pp->list(p, &pc, now, now - 60, NULL, &l) == GERR_INPUT,
	    "nor a range the wrong way round");
	control("faults", "{\"api\": \"down\"}");
	ok(pp->list(p, &pc, now - 60, now + 60, NULL, &l) == GERR_UPSTREAM,
	    "the provider down: GERR_UPSTREAM");
	control("reset", NULL);
}

int
main(void)
{
	const char	*dir = getenv("GUICHET_TEST_PAYMENTS_DIR");

	base = getenv("GUICHET_TEST_PAYMENTS");
	p = pool_new(4096);
	test_names();
	if (base == NULL || dir == NULL) {
		pool_free(p);
		return tap_done();
	}
	conf_set("payments.provider", "govuk");
	conf_set("payments.url", base);
	conf_set("payments.key_file", pool_printf(p, "%s/key", dir));
	conf_set("payments.webhook_secret_file",
	    pool_printf(p, "%s/webhook-secret", dir));
	conf_set("payments.timeout_ms", "800");
	ok((pp = payconf_load(p, &pc)) == &pay_govuk && pc.key != NULL &&
	    pc.webhook_secret != NULL, "the settings, secrets from their files");
	if (pp == NULL) {
		pool_free(p);
		return tap_done();
	}
	control("reset", NULL);
	test_outcomes();
	test_cancel();
	test_idempotency();
	test_refunds();
	test_down();
	test_webhooks();
	test_list();
	pool_free(p);
	conf_free();
	return tap_done();
}
