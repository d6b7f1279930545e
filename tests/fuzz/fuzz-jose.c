/* libFuzzer target: what a provider sends, as lib/jose.c reads it: key sets, signed and encrypted tokens. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>

#include "jose.h"

static struct jwks	*pub, *priv;

/* One RSA key and one P-256 key, public and private halves, made once. */
static void
keys_make(void)
{
	cjose_err	 err;
	cjose_jwk_t	*k[2];
	char		*t, doc[16384];
	int		 i, priv_half;

	k[0] = cjose_jwk_create_RSA_random(2048, NULL, 0, &err);
	k[1] = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
	for (priv_half = 0; priv_half < 2; priv_half++) {
		strcpy(doc, "{\"keys\":[");
		for (i = 0; i < 2; i++) {
			t = cjose_jwk_to_json(k[i], priv_half, &err);
			strcat(doc, i ? "," : "");
			strcat(doc, t);
			free(t);
		}
		strcat(doc, "]}");
		if (jwks_parse(doc, strlen(doc), priv_half ? &priv : &pub) !=
		    GERR_OK)
			abort();
	}
	cjose_jwk_release(k[0]);
	cjose_jwk_release(k[1]);
}

/* The first byte chooses the reader; the rest is the provider's bytes. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool	*p;
	struct jwks	*set = NULL;
	json_t		*claims;
	const char	*alg;
	char		*plain;
	size_t		 plen;

	if (pub == NULL)
		keys_make();
	if (size < 1)
		return 0;
	p = pool_new(4096);
	switch (data[0] % 3) {
	case 0:
		if (jwks_parse((const char *)data + 1, size - 1, &set) ==
		    GERR_OK && jwks_count(set) == 0)
			__builtin_trap();
		if (set != NULL && jwks_public_json(p, set) == NULL)
			__builtin_trap();
		jwks_free(set);
		break;
	case 1:
		if (jws_verify(p, (const char *)data + 1, size - 1, pub,
		    &claims, &alg) == GERR_OK)
			__builtin_trap();	/* nobody can forge our keys */
		break;
	default:
		if (jwe_decrypt(p, (const char *)data + 1, size - 1, priv,
		    &plain, &plen) == GERR_OK && plain[plen] != '\0')
			__builtin_trap();
		break;
	}
	pool_free(p);
	return 0;
}
