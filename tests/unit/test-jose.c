/* Unit tests of lib/jose.c: key sets, verification policy, signing, nested tokens. */
#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>
#include <openssl/hmac.h>

#include "tap.h"
#include "jose.h"

static struct pool	*p;

/* A key set in JSON from cjose keys, private halves kept when asked. */
static char *
set_json(cjose_jwk_t **keys, const char **kids, const char **uses, int n,
    int priv)
{
	json_t		*doc = json_object(), *arr = json_array(), *k;
	json_error_t	 jerr;
	cjose_err	 err;
	char		*t, *out;
	int		 i;

	for (i = 0; i < n; i++) {
		t = cjose_jwk_to_json(keys[i], priv, &err);
		k = json_loads(t, 0, &jerr);
		free(t);
		if (kids[i] != NULL)
			json_object_set_new(k, "kid", json_string(kids[i]));
		if (uses != NULL && uses[i] != NULL)
			json_object_set_new(k, "use", json_string(uses[i]));
		json_array_append_new(arr, k);
	}
	json_object_set_new(doc, "keys", arr);
	out = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return out;
}

static struct jwks *
set_of(cjose_jwk_t **keys, const char **kids, const char **uses, int n,
    int priv)
{
	struct jwks	*set = NULL;
	char		*t = set_json(keys, kids, uses, n, priv);

	if (jwks_parse(t, strlen(t), &set) != GERR_OK)
		set = NULL;
	free(t);
	return set;
}

/* A compact token made by hand: header, payload and signature as given. */
static const char *
hand_token(const char *hdr, const char *payload, const char *sig)
{
	return pool_printf(p, "%s.%s.%s",
	    b64url_encode(p, (const unsigned char *)hdr, strlen(hdr)),
	    b64url_encode(p, (const unsigned char *)payload, strlen(payload)),
	    sig);
}

static enum gerr
verify(const char *tok, const struct jwks *set, json_t **claims)
{
	return jws_verify(p, tok, strlen(tok), set, claims, NULL);
}

/* The same token with one character of the given part changed. */
static const char *
tampered(const char *tok, int part)
{
	char	*t = pool_strdup(p, tok), *c = t;
	int	 i;

	for (i = 0; i < part; i++)
		c = strchr(c, '.') + 1;
	c[2] = c[2] == 'A' ? 'B' : 'A';
	return t;
}

int
main(void)
{
	cjose_err	 err;
	cjose_jwk_t	*rsa, *rsa2, *ec, *keys[3];
	const char	*kids[3], *uses[3], *tok, *alg;
	struct jwks	*priv, *pub, *other, *two, *ecset, *noalg;
	json_t		*claims, *c;
	char		*pubjson, *plain;
	size_t		 plainlen;

	p = pool_new(4096);
	rsa = cjose_jwk_create_RSA_random(2048, NULL, 0, &err);
	rsa2 = cjose_jwk_create_RSA_random(2048, NULL, 0, &err);
	ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);

	keys[0] = rsa; kids[0] = "k1"; uses[0] = "sig";
	keys[1] = rsa2; kids[1] = "k2"; uses[1] = "enc";
	priv = set_of(keys, kids, uses, 2, 1);
	pub = set_of(keys, kids, uses, 2, 0);
	ok(priv != NULL && jwks_count(priv) == 2, "a private set is read");
	ok(pub != NULL && jwks_count(pub) == 2, "its public half is read");

	/* Sign with ours, verify with the public half. */
	c = json_pack("{s:s, s:s, s:i}", "iss", "https://idp.example",
	    "sub", "abc", "exp", 2000000000);
	ok(jws_sign(p, priv, c, &tok) == GERR_OK, "a token is signed (RS256)");
	json_decref(c);
	ok(verify(tok, pub, &claims) == GERR_OK &&
	    strcmp(json_string_value(json_object_get(claims, "sub")), "abc") == 0,
	    "it verifies against the public set, claims read");
	ok(jws_verify(p, tok, strlen(tok), pub, &claims, &alg) == GERR_OK &&
	    strcmp(alg, "RS256") == 0, "the algorithm is reported");
	is_int(verify(tampered(tok, 1), pub, &claims), GERR_AUTH,
	    "a changed payload is refused");
	is_int(verify(tampered(tok, 2), pub, &claims), GERR_AUTH,
	    "a changed signature is refused");
	ok(claims == NULL, "no claims come out of a refused token");

	/* A key set that does not hold the signer's key. */
	keys[0] = rsa2; kids[0] = "k1";
	other = set_of(keys, kids, NULL, 1, 0);
	is_int(verify(tok, other, &claims), GERR_AUTH,
	    "another key under the same kid: bad signature");
	kids[0] = "k9";
	jwks_free(other);
	other = set_of(keys, kids, NULL, 1, 0);
	is_int(verify(tok, other, &claims), GERR_NOTFOUND,
	    "an unknown kid is reported as such (the caller fetches again)");

	/* alg none, and HMAC keyed with the public key (alg confusion). */
	tok = hand_token("{\"alg\":\"none\"}", "{\"sub\":\"abc\"}", "");
	is_int(verify(tok, pub, &claims), GERR_AUTH, "alg none is refused");
	tok = hand_token("{\"alg\":\"none\",\"kid\":\"k1\"}", "{\"sub\":\"a\"}",
	    "");
	is_int(verify(tok, pub, &claims), GERR_AUTH,
	    "alg none with a kid is refused");
	{
		unsigned char	 mac[32];
		unsigned int	 maclen = 0;
		const char	*in;

		pubjson = jwks_public_json(p, pub);
		in = hand_token("{\"alg\":\"HS256\",\"kid\":\"k1\"}",
		    "{\"sub\":\"abc\"}", "");
		in = pool_strndup(p, in, strlen(in) - 1);
		HMAC(EVP_sha256(), pubjson, (int)strlen(pubjson),
		    (const unsigned char *)in, strlen(in), mac, &maclen);
		tok = pool_printf(p, "%s.%s", in, b64url_encode(p, mac, maclen));
		is_int(verify(tok, pub, &claims), GERR_AUTH,
		    "HS256 keyed with the public key is refused");
	}
	tok = hand_token("{\"alg\":\"RS256\",\"kid\":\"k1\",\"crit\":[\"x\"]}",
	    "{}", "AAAA");
	is_int(verify(tok, pub, &claims), GERR_INPUT,
	    "a critical extension is refused");
	is_int(verify("abc.def", pub, &claims), GERR_INPUT, "two parts: input");
	is_int(verify("a.b.c.d", pub, &claims), GERR_INPUT, "four parts: input");
	is_int(verify("e30.e30.a b", pub, &claims), GERR_INPUT,
	    "a space: input");
	is_int(verify("", pub, &claims), GERR_INPUT, "empty: input");

	/* The "enc" key never verifies a signature, even by kid. */
	{
		struct jwks	*encset;

		keys[0] = rsa; kids[0] = "k1"; uses[0] = "sig";
		keys[1] = rsa2; kids[1] = "k2"; uses[1] = "enc";
		/* sign with rsa2 by listing it as a signing key */
		uses[1] = "sig";
		encset = set_of(&keys[1], &kids[1], &uses[1], 1, 1);
		c = json_pack("{s:s}", "sub", "x");
		ok(jws_sign(p, encset, c, &tok) == GERR_OK, "signed with k2");
		json_decref(c);
		is_int(verify(tok, pub, &claims), GERR_NOTFOUND,
		    "a key published for encryption does not verify");
		jwks_free(encset);
	}

	/* Without a kid: the one key that fits, not one of two. */
	keys[0] = rsa; kids[0] = NULL;
	noalg = set_of(keys, kids, NULL, 1, 1);
	c = json_pack("{s:s}", "sub", "nokid");
	ok(jws_sign(p, noalg, c, &tok) == GERR_OK, "signed without kid");
	ok(verify(tok, noalg, &claims) == GERR_OK,
	    "no kid, one fitting key: verified");
	keys[1] = rsa2; kids[1] = NULL;
	two = set_of(keys, kids, NULL, 2, 0);
	is_int(verify(tok, two, &claims), GERR_NOTFOUND,
	    "no kid, two fitting keys: none is guessed");

	/* EC: ES256, and an RSA key never checks an ES256 token. */
	keys[0] = ec; kids[0] = "e1";
	ecset = set_of(keys, kids, NULL, 1, 1);
	ok(jws_sign(p, ecset, c, &tok) == GERR_OK, "a token is signed (ES256)");
	ok(jws_verify(p, tok, strlen(tok), ecset, &claims, &alg) == GERR_OK &&
	    strcmp(alg, "ES256") == 0, "it verifies as ES256");
	{
		const char	*dot = strrchr(tok, '.');
		const char	*rs = hand_token("{\"alg\":\"RS256\",\"kid\":\"e1\"}",
		    "{}", dot + 1);

		is_int(verify(rs, ecset, &claims), GERR_NOTFOUND,
		    "RS256 naming an EC key finds no key");
	}
	json_decref(c);

	/* Nested: a JWE to our encryption key around a JWS. */
	{
		cjose_header_t	*h = cjose_header_new(&err);
		cjose_jwe_t	*jwe;
		char		*ser;

		cjose_header_set(h, CJOSE_HDR_ALG, CJOSE_HDR_ALG_RSA_OAEP, &err);
		cjose_header_set(h, CJOSE_HDR_ENC, CJOSE_HDR_ENC_A128CBC_HS256,
		    &err);
		cjose_header_set(h, CJOSE_HDR_KID, "k2", &err);
		jwe = cjose_jwe_encrypt(rsa2, h, (const uint8_t *)"inner.jws.x",
		    11, &err);
		ser = cjose_jwe_export(jwe, &err);
		ok(jose_is_jwe(ser, strlen(ser)), "five parts: a JWE");
		ok(jwe_decrypt(p, ser, strlen(ser), priv, &plain, &plainlen) ==
		    GERR_OK && strcmp(plain, "inner.jws.x") == 0,
		    "it opens with our private encryption key");
		is_int(jwe_decrypt(p, ser, strlen(ser), pub, &plain, &plainlen),
		    GERR_AUTH, "not with a public key");
		free(ser);
		cjose_jwe_release(jwe);
		cjose_header_set(h, CJOSE_HDR_ALG, CJOSE_HDR_ALG_RSA1_5, &err);
		jwe = cjose_jwe_encrypt(rsa2, h, (const uint8_t *)"x", 1, &err);
		ser = cjose_jwe_export(jwe, &err);
		is_int(jwe_decrypt(p, ser, strlen(ser), priv, &plain, &plainlen),
		    GERR_AUTH, "RSA1_5 is refused");
		free(ser);
		cjose_jwe_release(jwe);
		cjose_header_release(h);
	}

	/* Key sets that are not. */
	{
		struct jwks	*bad = NULL;
		static const char *const docs[] = { "", "[]", "{}",
		    "{\"keys\":{}}", "{\"keys\":[]}", "{\"keys\":[1,\"a\"]}",
		    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}",
		    "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\","
		    "\"use\":\"other\"}]}",
		    "{\"keys\":[],\"keys\":[]}",
		    /* libcjose's decoder asserts on this one (fuzz-jose) */
		    "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"JOdAA=\",\"n\":\"6RE\"}]}",
		    "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":5}]}" };
		size_t		 i;
		int		 all = 1;

		for (i = 0; i < nitems(docs); i++)
			if (jwks_parse(docs[i], strlen(docs[i]), &bad) !=
			    GERR_INPUT || bad != NULL)
				all = 0;
		ok(all, "empty, symmetric-only, odd-use, padded and malformed sets "
		    "are refused (and nothing aborts)");
	}

	ok(pubjson != NULL && strstr(pubjson, "\"d\"") == NULL &&
	    strstr(pubjson, "\"kid\":\"k1\"") != NULL &&
	    strstr(pubjson, "\"use\":\"enc\"") != NULL,
	    "the public half has kids and uses, and no private part");

	jwks_free(priv);
	jwks_free(pub);
	jwks_free(other);
	jwks_free(two);
	jwks_free(ecset);
	jwks_free(noalg);
	cjose_jwk_release(rsa);
	cjose_jwk_release(rsa2);
	cjose_jwk_release(ec);
	pool_free(p);
	return tap_done();
}
