/*
 * lib/pay-stripe.c against Stripe's API replayed from exchanges recorded
 * after its documentation (tests/payments/stripe/replay, started here on a
 * free port), and its webhooks signed as Stripe documents it.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/hmac.h>

#include "../../lib/pay-stripe.c"
#include "stripe-replay.h"
#include "tap.h"

#define KEY	"sk_test_guichet"
#define SECRET	"whsec_test_guichet"

/* The tests' own lookup: lib/payment.c's payprovider_find is another's. */
static const struct payprovider *const providers[] = { &payprovider_stripe };

static const struct payprovider *
provider(const char *name)
{
	size_t	 i;

	for (i = 0; i < nitems(providers); i++)
		if (strcmp(providers[i]->name, name) == 0)
			return providers[i];
	return NULL;
}

static double
ms_since(const struct timespec *a)
{
	struct timespec	 b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1e3 + (b.tv_nsec - a->tv_nsec) / 1e6;
}

static void
test_create(struct pool *p, const struct payprovider *pp, struct payconf *c)
{
	struct pay_create	 pc = {
		"GUI-2026-000101", 2500,
		"Copie d'acte de naissance — 2 exemplaires", "fr",
		"https://guichet.example.be/pay/return?d=GUI-2026-000101&x=1",
		NULL, "pay-GUI-2026-000101-1",
	};
	struct pay_state	 st, again;
	struct timespec		 t0;
	const char		*url = c->url;

	ok(pp->create(p, c, &pc, &st) == GERR_OK, "create: a session");
	is_str(st.provider_id, "cs_test_a1new", "create: Stripe's session id");
	ok(st.status == PAY_CREATED, "create: created");
	ok(st.next_url != NULL && strncmp(st.next_url,
	    "https://checkout.stripe.com/c/pay/cs_test_a1new#", 48) == 0,
	    "create: the hosted payment page");
	is_int((long long)st.amount_cents, 2500, "create: the amount");
	ok(pp->create(p, c, &pc, &again) == GERR_OK &&
	    strcmp(again.provider_id, st.provider_id) == 0,
	    "create: the same idempotency key gives the same session");
	pc.amount_cents = 2600;
	ok(pp->create(p, c, &pc, &again) == GERR_INPUT,
	    "create: the same key with another amount is refused by Stripe");
	pc.amount_cents = 2500;
	pc.idempotency_key = "pay-GUI-DOWN-1";
	pc.reference = "GUI-DOWN";
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: a 500 is an upstream failure");
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: Stripe answers a key's 500 again (a new try needs a new key)");
	pc.idempotency_key = "pay-GUI-DOWN-2";
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: a new key is a new try");
	pc.idempotency_key = "pay-GUI-SLOW-1";
	pc.reference = "GUI-SLOW";
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: a provider slower than the timeout");
	ok(ms_since(&t0) < 2000, "create: given up after the timeout");
	pc.idempotency_key = "pay-GUI-NOURL-1";
	pc.reference = "GUI-NOURL";
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: a session without a payment page is not a success");
	pc.idempotency_key = "pay-GUI-BADKEY-1";
	pc.reference = "GUI-BADKEY";
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: our key refused (401) is an upstream failure");
	pc.reference = "GUI-2026-000101";
	pc.amount_cents = 0;
	ok(pp->create(p, c, &pc, &st) == GERR_INPUT, "create: no zero amount");
	pc.amount_cents = 2500;
	pc.lang = "es";
	ok(pp->create(p, c, &pc, &st) == GERR_INPUT, "create: fr, nl, de, en");
	pc.lang = "nl";
	pc.idempotency_key = "k\r\nX-Evil: 1";
	ok(pp->create(p, c, &pc, &st) == GERR_INPUT,
	    "create: a key that would split a header is refused");
	pc.idempotency_key = NULL;
	ok(pp->create(p, c, &pc, &st) == GERR_INPUT,
	    "create: never without an idempotency key");
	pc.idempotency_key = "pay-away-1";
	c->url = "http://127.0.0.1:1";
	ok(pp->create(p, c, &pc, &st) == GERR_UPSTREAM,
	    "create: a provider that is away");
	c->url = url;
}

static void
test_read(struct pool *p, const struct payprovider *pp, const struct payconf *c)
{
	struct pay_state	 st;
	struct timespec		 t0;

	ok(pp->read(p, c, "cs_test_a1new", &st) == GERR_OK &&
	    st.status == PAY_CREATED && st.next_url != NULL,
	    "read: open, nothing tried yet: created");
	ok(pp->read(p, c, "cs_test_a1declined", &st) == GERR_OK &&
	    st.status == PAY_STARTED, "read: a card declined, still open: started");
	is_str(st.failure, "insufficient_funds", "read: the decline code");
	ok(pp->read(p, c, "cs_test_a1processing", &st) == GERR_OK &&
	    st.status == PAY_SUBMITTED, "read: processing: submitted");
	ok(pp->read(p, c, "cs_test_a1paid", &st) == GERR_OK &&
	    st.status == PAY_SUCCESS, "read: complete and paid: success");
	is_int((long long)st.available_cents, 2500, "read: all refundable");
	is_str(st.method, "bancontact", "read: paid with Bancontact");
	ok(st.next_url == NULL, "read: no payment page once paid");
	ok(pp->read(p, c, "cs_test_a1part", &st) == GERR_OK &&
	    st.status == PAY_SUCCESS && st.refunded_cents == 1000 &&
	    st.available_cents == 1500, "read: part refunded, the rest left");
	is_str(st.method, "card", "read: paid by card");
	ok(pp->read(p, c, "cs_test_a1expired", &st) == GERR_OK &&
	    st.status == PAY_FAILED, "read: expired at Stripe: failed");
	is_str(st.failure, "expired", "read: why");
	ok(pp->read(p, c, "cs_test_a1canceled", &st) == GERR_OK &&
	    st.status == PAY_CANCELLED, "read: payment intent canceled");
	ok(pp->read(p, c, "cs_test_a1missing", &st) == GERR_NOTFOUND,
	    "read: an unknown session is not found");
	ok(pp->read(p, c, "cs_test_a1down", &st) == GERR_UPSTREAM,
	    "read: a 502 is an upstream failure");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(pp->read(p, c, "cs_test_a1slow", &st) == GERR_UPSTREAM &&
	    ms_since(&t0) < 2000, "read: too slow, given up after the timeout");
	ok(pp->read(p, c, "cs_test_a1garbage", &st) == GERR_UPSTREAM,
	    "read: a page that is not JSON");
	ok(pp->read(p, c, "cs_test_a1other", &st) == GERR_UPSTREAM,
	    "read: an answer about another session is not believed");
	ok(pp->read(p, c, "cs_test_a1usd", &st) == GERR_UPSTREAM,
	    "read: a payment in dollars is not read as euros");
	ok(pp->read(p, c, "../v1/refunds", &st) == GERR_NOTFOUND &&
	    pp->read(p, c, "cs_x?expand=1", &st) == GERR_NOTFOUND,
	    "read: an id that is not Stripe's never reaches it");
}

/* POST /v1/checkout/sessions/:id/expire: ours, at expiry or on request. */
static void
test_cancel(struct pool *p, const struct payprovider *pp,
    const struct payconf *c)
{
	ok(pp->cancel(p, c, "cs_test_a1new") == GERR_OK,
	    "cancel: an open session expires");
	ok(pp->cancel(p, c, "cs_test_a1paid") == GERR_CONFLICT,
	    "cancel: a complete session cannot, and says so");
	ok(pp->cancel(p, c, "cs_x/../y") == GERR_NOTFOUND,
	    "cancel: an id that is not Stripe's never reaches it");
}

static void
test_refund(struct pool *p, const struct payprovider *pp,
    const struct payconf *c)
{
	struct pay_refund	 r, again;

	ok(pp->refund(p, c, "cs_test_a1paid", 500, 2500, "copie inutile",
	    "refund-1", &r) == GERR_OK && r.done && !r.failed,
	    "refund: part of a payment");
	is_str(r.provider_id, "re_test_part", "refund: Stripe's refund id");
	is_int((long long)r.amount_cents, 500, "refund: the amount");
	ok(pp->refund(p, c, "cs_test_a1paid", 500, 2500, "copie inutile",
	    "refund-1", &again) == GERR_OK &&
	    strcmp(again.provider_id, r.provider_id) == 0,
	    "refund: a retry with the same key is the same refund");
	ok(pp->refund(p, c, "cs_test_a1paid", 2500, 2500, "dossier refusé",
	    "refund-2", &r) == GERR_OK && !r.done && !r.failed,
	    "refund: the whole, pending at Stripe");
	ok(pp->refund(p, c, "cs_test_a1paid", 3000, 2500, "x", "refund-3",
	    &r) == GERR_CONFLICT, "refund: beyond what we know is left");
	ok(pp->refund(p, c, "cs_test_a1part", 2000, 2000, "x", "refund-4",
	    &r) == GERR_CONFLICT,
	    "refund: beyond what Stripe says is left, never sent");
	ok(pp->refund(p, c, "cs_test_a1part", 1400, 1500, "x", "refund-5",
	    &r) == GERR_CONFLICT,
	    "refund: Stripe's amount_too_large is a conflict");
	ok(pp->refund(p, c, "cs_test_a1part", 700, 1500, "x", "refund-6",
	    &r) == GERR_UPSTREAM, "refund: a 500 is an upstream failure");
	ok(pp->refund(p, c, "cs_test_a1part", 300, 1500, "x", "refund-7",
	    &r) == GERR_OK && r.failed && !r.done, "refund: failed at Stripe");
	ok(pp->refund(p, c, "cs_test_a1new", 100, 2500, "x", "refund-8",
	    &r) == GERR_CONFLICT, "refund: nothing to refund on an open session");
	ok(pp->refund(p, c, "cs_test_a1paid", 0, 2500, "x", "refund-9",
	    &r) == GERR_INPUT, "refund: no zero amount");
	ok(pp->refund(p, c, "cs_test_a1paid", 100, 2500, "x", NULL,
	    &r) == GERR_INPUT, "refund: never without an idempotency key");
	ok(pp->refund(p, c, "cs_test_a1missing", 100, 2500, "x", "refund-10",
	    &r) == GERR_NOTFOUND, "refund: an unknown session");
}

/* A refund left pending, read again by its id (refund-60 to refund-92). */
static void
test_refund_read(struct pool *p, const struct payprovider *pp,
    const struct payconf *c)
{
	struct pay_refund	 r;

	ok(pp->refund_read != NULL, "refund read: Stripe's adapter has one");
	ok(pp->refund_read(p, c, "re_test_whole", &r) == GERR_OK && !r.done &&
	    !r.failed && r.amount_cents == 2500 &&
	    strcmp(r.provider_id, "re_test_whole") == 0,
	    "refund read: still pending");
	ok(pp->refund_read(p, c, "re_test_later", &r) == GERR_OK && r.done &&
	    !r.failed, "refund read: succeeded since");
	ok(pp->refund_read(p, c, "re_test_declined", &r) == GERR_OK &&
	    r.failed && !r.done, "refund read: failed since");
	ok(pp->refund_read(p, c, "re_test_missing", &r) == GERR_NOTFOUND,
	    "refund read: an id Stripe does not know");
	ok(pp->refund_read(p, c, "re_test_down", &r) == GERR_UPSTREAM,
	    "refund read: a 502 is an upstream failure");
	ok(pp->refund_read(p, c, "re_test_other", &r) == GERR_UPSTREAM,
	    "refund read: another refund in the answer is refused");
	ok(pp->refund_read(p, c, "re_x/../v1/charges", &r) == GERR_NOTFOUND,
	    "refund read: an id that is not Stripe's never reaches it");
}

/* Stripe's scheme, computed here with OpenSSL's one-shot HMAC. */
static char *
sign(struct pool *p, const char *secret, long long t, const char *body)
{
	unsigned char	 mac[32];
	unsigned int	 len = sizeof(mac);
	char		*msg = pool_printf(p, "%lld.%s", t, body);
	char		 hex[65];
	unsigned int	 i;

	HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, strlen(msg), mac, &len);
	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	return pool_strdup(p, hex);
}

static char *
event_file(struct pool *p, const char *name)
{
	const char	*src = getenv("GUICHET_SRCDIR");
	char		*path, buf[65536];
	FILE		*f;
	size_t		 n;

	path = pool_printf(p, "%s/tests/payments/stripe/webhooks/%s.json",
	    src != NULL ? src : ".", name);
	if ((f = fopen(path, "r")) == NULL)
		return pool_strdup(p, "");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	return pool_strndup(p, buf, n);
}

static enum gerr
hook(struct pool *p, const struct payprovider *pp, const struct payconf *c,
    const char *body, const char *header, struct pay_hint *h)
{
	return pp->webhook(p, c, body, strlen(body), header, h);
}

/* The sessions of a day, page by page (list-10-page1, list-20-page2). */
static void
test_list(struct pool *p, const struct payprovider *pp,
    const struct payconf *c)
{
	struct pay_list	 l;

	ok(pp->list(p, c, 1764720000, 1764806400, NULL, &l) == GERR_OK,
	    "list: the first page of a day's sessions");
	ok(l.n == 2 && strcmp(l.items[0].provider_id, "cs_test_list3") == 0 &&
	    l.items[0].status == PAY_SUCCESS && l.items[0].amount_cents == 2500 &&
	    strcmp(l.items[0].reference, "GUI-2026-000103") == 0 &&
	    l.items[0].created == 1764790000, "a paid one, with its reference "
	    "and time");
	ok(l.n == 2 && l.items[1].status == PAY_CREATED &&
	    strcmp(l.items[1].reference, "GUI-2026-000102") == 0,
	    "an open one");
	ok(l.next != NULL && strcmp(l.next, "cs_test_list2") == 0,
	    "has_more: the next page starts after the last one");
	ok(pp->list(p, c, 1764720000, 1764806400, l.next, &l) == GERR_OK &&
	    l.n == 1 && strcmp(l.items[0].provider_id, "cs_test_list1") == 0 &&
	    l.next == NULL, "the second page, the last");
	ok(pp->list(p, c, 1764720000, 1764806400, "../x", &l) == GERR_INPUT,
	    "a cursor that is not an id is not sent");
	ok(pp->list(p, c, 1764806400, 1764720000, NULL, &l) == GERR_INPUT,
	    "nor a range the wrong way round");
}

static void
test_signature_scheme(struct pool *p)
{
	static const char	 body[] = "{\"id\":\"evt_test\",\"object\":\"event\"}";
	struct stripe_sigs	 s;
	char			 hex[65];

	/* printf '%s' '1764770500.<body>' | openssl dgst -sha256 -hmac SECRET */
	ok(sig_expected(p, SECRET, "1764770500", body, strlen(body), hex) == 0,
	    "signature: computed");
	is_str(hex, "dd768d40ffa880f8a681d9d276efde9e84858ed3330dab7f15a740b7e8702537",
	    "signature: as openssl dgst -hmac computes the documented payload");
	is_str(sign(p, SECRET, 1764770500, body), hex,
	    "signature: the tests' signer agrees");
	ok(sig_parse("t=1764770500,v1=dd768d40ffa880f8a681d9d276efde9e84858ed3330dab7f15a740b7e8702537,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
	    &s) == 0 && s.n == 1 && s.when == 1764770500,
	    "signature: the header's parts, v0 ignored");
	ok(sig_parse("t=1,t=2,v1=dd768d40ffa880f8a681d9d276efde9e84858ed3330dab7f15a740b7e8702537",
	    &s) == -1, "signature: two timestamps are refused");
	ok(sig_parse("v1=dd768d40ffa880f8a681d9d276efde9e84858ed3330dab7f15a740b7e8702537",
	    &s) == -1 && sig_parse("t=1764770500", &s) == -1 &&
	    sig_parse("", &s) == -1 && sig_parse(NULL, &s) == -1,
	    "signature: a timestamp and a v1 are both needed");
}

static void
test_webhook(struct pool *p, const struct payprovider *pp, struct payconf *c)
{
	const char	*done = event_file(p, "checkout.session.completed");
	const char	*expired = event_file(p, "checkout.session.expired");
	const char	*refunded = event_file(p, "charge.refunded");
	long long	 now = (long long)time(NULL);
	struct pay_hint	 h, h2;
	char		*hdr, *bad, *body2;

	hdr = pool_printf(p, "t=%lld,v1=%s", now, sign(p, SECRET, now, done));
	ok(hook(p, pp, c, done, hdr, &h) == GERR_OK,
	    "webhook: signed as documented, checks");
	is_str(h.event_id, "evt_1QaPaidSessionGuichet", "webhook: the event's id");
	is_str(h.provider_id, "cs_test_a1paid", "webhook: the session to read");
	ok(hook(p, pp, c, done, hdr, &h2) == GERR_OK &&
	    strcmp(h2.event_id, h.event_id) == 0,
	    "webhook: a replay within five minutes gives the same event id "
	    "(deduplicated by the caller)");
	ok(hook(p, pp, c, expired, pool_printf(p, "t=%lld,v1=%s", now,
	    sign(p, SECRET, now, expired)), &h) == GERR_OK &&
	    strcmp(h.provider_id, "cs_test_a1expired") == 0,
	    "webhook: an expired session");
	ok(hook(p, pp, c, refunded, pool_printf(p, "t=%lld,v1=%s", now,
	    sign(p, SECRET, now, refunded)), &h) == GERR_OK &&
	    h.event_id != NULL && h.provider_id == NULL,
	    "webhook: a charge's event names no session to read");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v1=%s", now - 301,
	    sign(p, SECRET, now - 301, done)), &h) == GERR_AUTH,
	    "webhook: a stale timestamp (a replay later) is refused");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v1=%s", now + 301,
	    sign(p, SECRET, now + 301, done)), &h) == GERR_AUTH,
	    "webhook: a timestamp from the future is refused");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v1=%s", now - 290,
	    sign(p, SECRET, now - 290, done)), &h) == GERR_OK,
	    "webhook: late within the tolerance");
	bad = pool_strdup(p, hdr);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	ok(hook(p, pp, c, done, bad, &h) == GERR_AUTH && h.provider_id == NULL,
	    "webhook: a bad signature is refused");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v1=%s", now,
	    sign(p, "whsec_another_endpoint", now, done)), &h) == GERR_AUTH,
	    "webhook: signed with another endpoint's secret");
	body2 = pool_strdup(p, done);
	body2[strstr(body2, "cs_test_a1paid") - body2 + 8] = 'b';
	ok(hook(p, pp, c, body2, hdr, &h) == GERR_AUTH,
	    "webhook: a body changed after signing");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v1=%s,v1=%s", now,
	    sign(p, "whsec_rolled_away", now, done), sign(p, SECRET, now, done)),
	    &h) == GERR_OK, "webhook: one good v1 among several (a secret rolled)");
	ok(hook(p, pp, c, done, pool_printf(p, "t=%lld,v0=%s", now,
	    sign(p, SECRET, now, done)), &h) == GERR_AUTH,
	    "webhook: v0 (test mode's) is not accepted");
	ok(hook(p, pp, c, done, NULL, &h) == GERR_AUTH &&
	    hook(p, pp, c, done, "", &h) == GERR_AUTH,
	    "webhook: no signature header");
	ok(hook(p, pp, c, "{}", pool_printf(p, "t=%lld,v1=%s", now,
	    sign(p, SECRET, now, "{}")), &h) == GERR_INPUT &&
	    hook(p, pp, c, "not json", pool_printf(p, "t=%lld,v1=%s", now,
	    sign(p, SECRET, now, "not json")), &h) == GERR_INPUT,
	    "webhook: signed, but not an event");
	c->webhook_secret = "";
	ok(hook(p, pp, c, done, hdr, &h) == GERR_AUTH,
	    "webhook: without a secret configured nothing checks");
	c->webhook_secret = SECRET;
}

int
main(void)
{
	struct pool		*p = pool_new(4096);
	const struct payprovider *pp = provider("stripe");
	struct payconf		 c = { NULL, KEY, SECRET, NULL, 800 };
	json_t			*stats, *v;
	size_t			 i;

	ok(pp == &payprovider_stripe && provider("mollie") == NULL,
	    "the adapter is found by its name");
	test_signature_scheme(p);
	test_webhook(p, pp, &c);
	if ((c.url = replay_start(p)) == NULL) {
		ok(0, "the replay server starts");
		replay_stop();
		return tap_done();
	}
	test_create(p, pp, &c);
	test_read(p, pp, &c);
	test_refund(p, pp, &c);
	test_refund_read(p, pp, &c);
	test_list(p, pp, &c);
	test_cancel(p, pp, &c);
	stats = replay_stats(p, c.url);
	v = json_object_get(stats, "violations");
	ok(json_is_array(v) && json_array_size(v) == 0,
	    "every request had its documented method, path, headers and fields");
	for (i = 0; i < json_array_size(v); i++)
		printf("#   %s\n", json_string_value(json_array_get(v, i)));
	is_int(served(stats, "served", "create-10-ok"), 1,
	    "one session created for two calls with one key");
	is_int(served(stats, "replayed", "create-10-ok"), 1,
	    "the second answered from the key");
	is_int(served(stats, "served", "create-20-down"), 2,
	    "a failed creation is tried again only with a new key");
	is_int(served(stats, "replayed", "create-20-down"), 1,
	    "the same key's 500 answered from the key");
	is_int(served(stats, "served", "refund-10-part"), 1,
	    "one refund for two calls with one key");
	is_int(served(stats, "served", "list-10-page1") +
	    served(stats, "served", "list-20-page2"), 2, "two pages listed");
	replay_stop();
	pool_free(p);
	return tap_done();
}
