/*
 * libFuzzer target: what the GOV.UK Pay adapter (lib/pay-govuk.c) reads
 * from the provider, which it must not trust to be well formed: payment
 * and refund objects, and webhook bodies (checked under a known secret,
 * then parsed).  What it accepts must hold: an id fit for a path, a state
 * in range, amounts not negative.
 */
#include <stdint.h>
#include <string.h>

#include <openssl/hmac.h>

#include "../../lib/pay-govuk.c"

static void
check_payment(struct pool *p, const char *s, size_t n)
{
	struct pay_state st;
	json_t		*j = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);

	if (j == NULL)
		return;
	if (govuk_parse_payment(p, j, &st) == 0 &&
	    (!govuk_id_ok(st.provider_id) || st.status >= PAY__MAX ||
	    st.amount_cents < 0 || st.available_cents < 0 ||
	    st.refunded_cents < 0))
		__builtin_trap();
	json_decref(j);
}

static void
check_refund(struct pool *p, const char *s, size_t n)
{
	struct pay_refund r;
	json_t		*j = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);

	if (j == NULL)
		return;
	if (govuk_parse_refund(p, j, &r) == 0 &&
	    (!govuk_id_ok(r.provider_id) || r.amount_cents < 0 ||
	    (r.done && r.failed)))
		__builtin_trap();
	json_decref(j);
}

/* Signed as the provider signs, so the parser behind the check is reached. */
static void
check_webhook(struct pool *p, const char *s, size_t n)
{
	static const char	 secret[] = "fuzz-secret";
	struct payconf		 pc = { .webhook_secret = secret };
	struct pay_hint		 h;
	unsigned char		 mac[32];
	unsigned int		 len = 0;
	char			 sig[65];
	size_t			 i;

	HMAC(EVP_sha256(), secret, sizeof(secret) - 1,
	    (const unsigned char *)s, n, mac, &len);
	for (i = 0; i < 32; i++)
		snprintf(sig + 2 * i, 3, "%02x", mac[i]);
	if (govuk_webhook(p, &pc, s, n, sig, &h) == GERR_OK &&
	    (!govuk_id_ok(h.event_id) || !govuk_id_ok(h.provider_id)))
		__builtin_trap();
	sig[0] = sig[0] == '0' ? '1' : '0';
	if (govuk_webhook(p, &pc, s, n, sig, &h) != GERR_AUTH)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool	*p;
	const char		*s = (const char *)data + 1;

	if (size < 1)
		return 0;
	if (p == NULL)
		p = pool_new(4096);
	switch (data[0] % 3) {
	case 0:
		check_payment(p, s, size - 1);
		break;
	case 1:
		check_refund(p, s, size - 1);
		break;
	default:
		check_webhook(p, s, size - 1);
	}
	pool_reset(p);
	return 0;
}
