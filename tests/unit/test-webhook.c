/*
 * Tests of lib/webhook.c's signature against the vector docs/api.md gives
 * receivers: the secret's 64 hex digits are decoded, and the 32 bytes are
 * the HMAC key; the same digits taken as text give another signature.
 */
#include <string.h>

#include "tap.h"
#include "webhook.h"

int
main(void)
{
	unsigned char	 key[32];
	const char	*text =
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
	const char	*body = "{\"event\":\"dossier\",\"kind\":\"status\"}";
	char		 sig[65];
	size_t		 i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)i;
	webhook_sign(key, sizeof(key), "1700000000", body, sig);
	is_str(sig, "419ad3e23c69a555e23d0e320008354558612fa993bdf95c10efcee181976541",
	    "the documented vector: the key is the secret hex-decoded");
	webhook_sign(text, strlen(text), "1700000000", body, sig);
	is_str(sig, "438089d551e7580d0ce65d4b1a1569695ee1f18be5720be1442e0da70fe4411b",
	    "the digits as text give the other, documented as wrong");
	webhook_sign(key, sizeof(key), "1700000001", body, sig);
	ok(strcmp(sig, "419ad3e23c69a555e23d0e320008354558612fa993bdf95c10efcee181976541")
	    != 0, "the timestamp is signed");
	return tap_done();
}
