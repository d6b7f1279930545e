/*
 * What an OpenID Connect callback costs a worker beyond the provider's
 * answers: the ID token verified against the cached key set and its
 * claims checked, as lib/oidc.c does, per second on one core.  The code
 * exchange (a round trip to the provider) is left out; so is the
 * database, measured by the integration run's access log.  Tokens are
 * shaped as LemonLDAP::NG's and FAS's: RS256 with a 2048-bit key, or
 * ES256; the key set holds three keys, as during a rotation.
 *
 *   tests/bench/oidc-verify [seconds per measure, default 3]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjose/cjose.h>

#include "conf.h"
#include "jose.h"
#include "oidc.h"

static double
now_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static char *
key_json(cjose_jwk_t *k, const char *kid, int priv)
{
	cjose_err	 err;
	char		*t = cjose_jwk_to_json(k, priv, &err), *out;
	json_error_t	 jerr;
	json_t		*j = json_loads(t, 0, &jerr);

	free(t);
	json_object_set_new(j, "kid", json_string(kid));
	json_object_set_new(j, "use", json_string("sig"));
	out = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return out;
}

/* Verifications per second of one token against the set, claims checked. */
static void
measure(const char *name, const struct jwks *pub, const char *tok,
    const struct oidc_provider *p, double secs)
{
	struct pool	*pool = pool_new(16384);
	json_t		*claims;
	double		 t0 = now_s(), t;
	long		 n = 0;

	do {
		if (jws_verify(pool, tok, strlen(tok), pub, &claims, NULL) !=
		    GERR_OK || oidc_id_claims_check(p, claims, "n0nce",
		    time(NULL)) != NULL) {
			printf("%s: refused, the bench is wrong\n", name);
			exit(1);
		}
		pool_reset(pool);
		n++;
	} while ((t = now_s() - t0) < secs);
	printf("%-40s %8.0f per second (%.1f µs each)\n", name, n / t,
	    1e6 * t / n);
	pool_free(pool);
}

int
main(int argc, char *argv[])
{
	double		 secs = argc > 1 ? atof(argv[1]) : 3;
	cjose_err	 err;
	cjose_jwk_t	*rsa = cjose_jwk_create_RSA_random(2048, NULL, 0, &err);
	cjose_jwk_t	*old = cjose_jwk_create_RSA_random(2048, NULL, 0, &err);
	cjose_jwk_t	*ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
	struct jwks	*pub, *signer_rsa, *signer_ec;
	const struct oidc_provider *p;
	struct pool	*pool = pool_new(16384);
	const char	*rs_tok, *es_tok;
	char		*set, *one;
	json_t		*c;
	double		 t0;
	long		 n;

	conf_set("oidc.fas.issuer", "https://idp.iamfas.belgium.be/fas/oauth2");
	conf_set("oidc.fas.client_id", "guichet");
	p = oidc_provider_find("fas");
	set = malloc(65536);
	snprintf(set, 65536, "{\"keys\":[%s,%s,%s]}", key_json(old, "old", 0),
	    key_json(rsa, "rsa", 0), key_json(ec, "ec", 0));
	if (jwks_parse(set, strlen(set), &pub) != GERR_OK)
		return 1;
	one = malloc(16384);
	snprintf(one, 16384, "{\"keys\":[%s]}", key_json(rsa, "rsa", 1));
	jwks_parse(one, strlen(one), &signer_rsa);
	snprintf(one, 16384, "{\"keys\":[%s]}", key_json(ec, "ec", 1));
	jwks_parse(one, strlen(one), &signer_ec);
	c = json_pack("{s:s, s:[s], s:s, s:s, s:s, s:s, s:I, s:I, s:I}",
	    "iss", "https://idp.iamfas.belgium.be/fas/oauth2", "aud", "guichet",
	    "azp", "guichet", "sub", "a4b1c2d3e4f5", "nonce", "n0nce", "acr",
	    "urn:be:fedict:iam:fas:Level500", "iat", (json_int_t)time(NULL),
	    "exp", (json_int_t)time(NULL) + 3600, "auth_time",
	    (json_int_t)time(NULL));
	if (jws_sign(pool, signer_rsa, c, &rs_tok) != GERR_OK ||
	    jws_sign(pool, signer_ec, c, &es_tok) != GERR_OK)
		return 1;
	printf("one core, %.0f s per measure; a token of %zu bytes (RS256)\n",
	    secs, strlen(rs_tok));
	measure("ID token RS256-2048, claims checked", pub, rs_tok, p, secs);
	measure("ID token ES256, claims checked", pub, es_tok, p, secs);
	/* A key set read again (an unknown kid, a cache expiry). */
	t0 = now_s();
	n = 0;
	do {
		struct jwks	*s;

		jwks_parse(set, strlen(set), &s);
		jwks_free(s);
		n++;
	} while (now_s() - t0 < secs);
	printf("%-40s %8.0f per second\n", "key set of three keys parsed",
	    n / (now_s() - t0));
	return 0;
}
