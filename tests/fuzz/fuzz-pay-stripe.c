/*
 * libFuzzer target: everything lib/pay-stripe.c reads from outside, Stripe's
 * answers (a Checkout Session, a Refund, an error) and a webhook (its
 * Stripe-Signature header and body).  The first byte picks which; for a
 * webhook, the header is the first line and the body the rest.  Whatever
 * the bytes: no crash, and no webhook passes without its signature.
 */
#include <stdint.h>
#include <string.h>

#include "../../lib/pay-stripe.c"

static void
answers(struct pool *p, const char *data, size_t size)
{
	struct pay_state	 st;
	struct pay_refund	 r;
	const char		*pi;
	json_t			*j;

	if ((j = stripe_json(p, data, size)) == NULL)
		return;
	if (session_state(p, j, &st, &pi) == GERR_OK &&
	    (st.provider_id == NULL || st.available_cents < 0 ||
	    st.available_cents > st.amount_cents))
		__builtin_trap();
	(void)refund_state(p, j, &r);
	(void)stripe_refusal(400, j, "POST");
}

static void
webhook(struct pool *p, const char *data, size_t size)
{
	static const struct payconf	 c = { "http://127.0.0.1:1", "sk_test",
	    "whsec_fuzz", NULL, 100 };
	const char			*nl = memchr(data, '\n', size);
	struct stripe_sigs		 s;
	struct pay_hint			 h;
	char				*header;

	if (nl == NULL)
		return;
	header = pool_strndup(p, data, (size_t)(nl - data));
	(void)sig_parse(header, &s);
	/* a random header never carries the right HMAC of the body */
	if (payprovider_stripe.webhook(p, &c, nl + 1, size - (size_t)(nl - data) -
	    1, header, &h) == GERR_OK)
		__builtin_trap();
	(void)event_hint(p, nl + 1, size - (size_t)(nl - data) - 1, &h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool	*p = pool_new(4096);

	if (size > 0) {
		if (data[0] & 1)
			webhook(p, (const char *)data + 1, size - 1);
		else
			answers(p, (const char *)data + 1, size - 1);
	}
	pool_free(p);
	return 0;
}
