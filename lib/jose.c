/* JOSE policy over libcjose: key sets, JWS verification and signing, JWE decryption. */
#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>

#include "jose.h"
#include "log.h"

struct jwks_key {
	cjose_jwk_t	*jwk;
	char		*kid;		/* "" when the key has none */
	cjose_jwk_kty_t	 kty;
	int		 sig;		/* "use" is "sig" or absent */
	int		 enc;		/* "use" is "enc" or absent */
	int		 private;	/* holds "d" */
};

struct jwks {
	struct jwks_key	 keys[JWKS_KEYS_MAX];
	size_t		 n;
};

/*
 * The algorithms a signature may use, and the key each needs.  No
 * "none", no HMAC: a provider's public key must never serve as a shared
 * secret (the alg-confusion attack), and HMAC would need the client
 * secret in every worker for nothing FAS or itsme use.
 */
static const struct jws_alg {
	const char		*name;
	cjose_jwk_kty_t		 kty;
	int			 curve;	/* EC only */
} jws_algs[] = {
	{ "RS256", CJOSE_JWK_KTY_RSA, 0 },
	{ "RS384", CJOSE_JWK_KTY_RSA, 0 },
	{ "RS512", CJOSE_JWK_KTY_RSA, 0 },
	{ "PS256", CJOSE_JWK_KTY_RSA, 0 },
	{ "PS384", CJOSE_JWK_KTY_RSA, 0 },
	{ "PS512", CJOSE_JWK_KTY_RSA, 0 },
	{ "ES256", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_256 },
	{ "ES384", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_384 },
	{ "ES512", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_521 },
};

/* Key management of a JWE: RSA1_5 is refused (Bleichenbacher). */
static const char *const jwe_algs[] = { "RSA-OAEP", "RSA-OAEP-256",
    "ECDH-ES" };

static const struct jws_alg *
jws_alg_find(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < nitems(jws_algs); i++)
		if (strcmp(jws_algs[i].name, name) == 0)
			return &jws_algs[i];
	return NULL;
}

/* Unpadded base64url of a length that is one: what JOSE writes. */
static int
b64url_ok(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return len % 4 != 1;
}

/*
 * A key's numbers are checked before libcjose reads them: its decoder
 * asserts (aborts the worker) on some padded inputs ("JOdAA="), which a
 * key set from the network must not be able to do (found by fuzz-jose).
 */
static int
jwk_numbers_ok(json_t *k)
{
	static const char *const names[] = { "n", "e", "d", "p", "q", "dp",
	    "dq", "qi", "x", "y", "k" };
	json_t		*v;
	size_t		 i;

	for (i = 0; i < nitems(names); i++) {
		if ((v = json_object_get(k, names[i])) == NULL)
			continue;
		if (!json_is_string(v) || !b64url_ok(json_string_value(v),
		    json_string_length(v)))
			return 0;
	}
	return 1;
}

static int
jwks_add(struct jwks *set, json_t *k)
{
	struct jwks_key	*key = &set->keys[set->n];
	const char	*use = json_string_value(json_object_get(k, "use"));
	const char	*kid = json_string_value(json_object_get(k, "kid"));
	char		*text;
	cjose_err	 err;

	if ((use != NULL && strcmp(use, "sig") != 0 &&
	    strcmp(use, "enc") != 0) || !jwk_numbers_ok(k))
		return 0;
	if ((text = json_dumps(k, JSON_COMPACT)) == NULL)
		return -1;
	key->jwk = cjose_jwk_import(text, strlen(text), &err);
	free(text);
	if (key->jwk == NULL)
		return 0;		/* a type we do not read: skipped */
	key->kty = cjose_jwk_get_kty(key->jwk, &err);
	if (key->kty == CJOSE_JWK_KTY_OCT ||
	    (key->kid = strdup(kid != NULL ? kid : "")) == NULL) {
		cjose_jwk_release(key->jwk);
		return key->kty == CJOSE_JWK_KTY_OCT ? 0 : -1;
	}
	key->sig = use == NULL || strcmp(use, "sig") == 0;
	key->enc = use == NULL || strcmp(use, "enc") == 0;
	key->private = json_object_get(k, "d") != NULL;
	set->n++;
	return 0;
}

enum gerr
jwks_parse(const char *text, size_t len, struct jwks **out)
{
	struct jwks	*set;
	json_t		*doc, *keys, *k;
	json_error_t	 jerr;
	size_t		 i;
	enum gerr	 e = GERR_INPUT;

	*out = NULL;
	if (len > JWKS_BYTES_MAX)
		return GERR_INPUT;
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	keys = json_object_get(doc, "keys");
	if (!json_is_array(keys)) {
		json_decref(doc);
		return GERR_INPUT;
	}
	if ((set = calloc(1, sizeof(*set))) == NULL) {
		json_decref(doc);
		return GERR_NOMEM;
	}
	json_array_foreach(keys, i, k) {
		if (set->n == JWKS_KEYS_MAX)
			break;
		if (json_is_object(k) && jwks_add(set, k) == -1) {
			e = GERR_NOMEM;
			goto out;
		}
	}
	if (set->n > 0) {
		*out = set;
		set = NULL;
		e = GERR_OK;
	}
out:
	json_decref(doc);
	jwks_free(set);
	return e;
}

void
jwks_free(struct jwks *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		cjose_jwk_release(set->keys[i].jwk);
		free(set->keys[i].kid);
	}
	free(set);
}

size_t
jwks_count(const struct jwks *set)
{
	return set == NULL ? 0 : set->n;
}

static void
jose_json_free(void *j)
{
	json_decref(j);
}

static void
jose_free(void *p)
{
	cjose_get_dealloc()(p);
}

char *
jwks_public_json(struct pool *p, const struct jwks *set)
{
	json_t		*doc, *keys, *k;
	char		*text, *copy = NULL;
	json_error_t	 jerr;
	cjose_err	 err;
	size_t		 i;

	if ((doc = json_object()) == NULL)
		return NULL;
	keys = json_array();
	json_object_set_new(doc, "keys", keys);
	for (i = 0; set != NULL && i < set->n; i++) {
		if ((text = cjose_jwk_to_json(set->keys[i].jwk, false, &err)) ==
		    NULL)
			goto out;
		k = json_loads(text, 0, &jerr);
		jose_free(text);
		if (k == NULL)
			goto out;
		if (set->keys[i].sig != set->keys[i].enc)
			json_object_set_new(k, "use",
			    json_string(set->keys[i].sig ? "sig" : "enc"));
		json_array_append_new(keys, k);
	}
	if ((text = json_dumps(doc, JSON_COMPACT)) != NULL) {
		copy = pool_strdup(p, text);
		free(text);
	}
out:
	json_decref(doc);
	return copy;
}

/*
 * The key a token's header names: by kid when it has one, else the only
 * key of the set that fits.  Keys of another family or curve never fit.
 */
static const struct jwks_key *
jwks_pick(const struct jwks *set, const char *kid, const struct jws_alg *a,
    int for_sig)
{
	const struct jwks_key	*found = NULL;
	cjose_err		 err;
	size_t			 i, n = 0;

	for (i = 0; set != NULL && i < set->n; i++) {
		const struct jwks_key	*k = &set->keys[i];

		if ((for_sig ? !k->sig : !k->enc) ||
		    (a != NULL && (k->kty != a->kty || (a->curve != 0 &&
		    (int)cjose_jwk_EC_get_curve(k->jwk, &err) != a->curve))))
			continue;
		if (kid != NULL && strcmp(kid, k->kid) != 0)
			continue;
		found = k;
		n++;
	}
	/* Without a kid, two candidates are one too many. */
	return n == 1 || (kid != NULL && n > 0) ? found : NULL;
}

static void
jws_release(void *jws)
{
	cjose_jws_release(jws);
}

/* So many base64url parts between dots, nothing else. */
static int
jose_compact_ok(const char *t, size_t len, int parts)
{
	const char	*end = t + len, *dot;
	int		 n = 0;

	if (len == 0 || len > JOSE_TOKEN_MAX)
		return 0;
	for (;; t = dot + 1) {
		if ((dot = memchr(t, '.', (size_t)(end - t))) == NULL)
			dot = end;
		if (!b64url_ok(t, (size_t)(dot - t)) || ++n > parts)
			return 0;
		if (dot == end)
			break;
	}
	return n == parts;
}

int
jose_is_jwe(const char *t, size_t len)
{
	return jose_compact_ok(t, len, 5);
}

/* The payload as a JSON object, duplicate names refused. */
static enum gerr
jws_claims(struct pool *p, cjose_jws_t *jws, json_t **claims)
{
	uint8_t		*pl;
	size_t		 pllen;
	json_error_t	 jerr;
	cjose_err	 err;

	if (!cjose_jws_get_plaintext(jws, &pl, &pllen, &err))
		return GERR_INPUT;
	*claims = json_loadb((const char *)pl, pllen, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (*claims == NULL || !json_is_object(*claims)) {
		json_decref(*claims);
		*claims = NULL;
		return GERR_INPUT;
	}
	if (pool_defer(p, jose_json_free, *claims) == -1) {
		json_decref(*claims);
		*claims = NULL;
		return GERR_NOMEM;
	}
	return GERR_OK;
}

enum gerr
jws_verify(struct pool *p, const char *token, size_t len,
    const struct jwks *set, json_t **claims, const char **algp)
{
	const struct jws_alg	*a;
	const struct jwks_key	*k;
	cjose_header_t		*hdr;
	cjose_jws_t		*jws;
	cjose_err		 err;
	char			*crit = NULL;

	*claims = NULL;
	if (algp != NULL)
		*algp = NULL;
	if (!jose_compact_ok(token, len, 3))
		return GERR_INPUT;
	if ((jws = cjose_jws_import(token, len, &err)) == NULL)
		return GERR_INPUT;
	if (pool_defer(p, jws_release, jws) == -1) {
		cjose_jws_release(jws);
		return GERR_NOMEM;
	}
	hdr = cjose_jws_get_protected(jws);
	/* "crit" names extensions we would have to understand: we do not. */
	if (hdr == NULL || (crit = cjose_header_get_raw(hdr, "crit", &err)) !=
	    NULL) {
		jose_free(crit);
		return GERR_INPUT;
	}
	if ((a = jws_alg_find(cjose_header_get(hdr, CJOSE_HDR_ALG, &err))) ==
	    NULL)
		return GERR_AUTH;
	if (algp != NULL)
		*algp = a->name;
	if ((k = jwks_pick(set, cjose_header_get(hdr, CJOSE_HDR_KID, &err), a,
	    1)) == NULL)
		return GERR_NOTFOUND;
	if (!cjose_jws_verify(jws, k->jwk, &err))
		return GERR_AUTH;
	return jws_claims(p, jws, claims);
}

static void
jwe_release(void *jwe)
{
	cjose_jwe_release(jwe);
}

enum gerr
jwe_decrypt(struct pool *p, const char *token, size_t len,
    const struct jwks *set, char **plain, size_t *plainlen)
{
	cjose_header_t	*hdr;
	cjose_jwe_t	*jwe;
	cjose_err	 err;
	const char	*alg, *kid;
	uint8_t		*out = NULL;
	size_t		 i, n = 0;

	*plain = NULL;
	if (!jose_is_jwe(token, len) ||
	    (jwe = cjose_jwe_import(token, len, &err)) == NULL)
		return GERR_INPUT;
	if (pool_defer(p, jwe_release, jwe) == -1) {
		cjose_jwe_release(jwe);
		return GERR_NOMEM;
	}
	if ((hdr = cjose_jwe_get_protected(jwe)) == NULL ||
	    (alg = cjose_header_get(hdr, CJOSE_HDR_ALG, &err)) == NULL)
		return GERR_INPUT;
	for (i = 0; i < nitems(jwe_algs) && strcmp(jwe_algs[i], alg) != 0; i++)
		;
	if (i == nitems(jwe_algs))
		return GERR_AUTH;
	kid = cjose_header_get(hdr, CJOSE_HDR_KID, &err);
	for (i = 0; set != NULL && i < set->n && out == NULL; i++) {
		const struct jwks_key	*k = &set->keys[i];

		if (!k->enc || !k->private || k->kty == CJOSE_JWK_KTY_OCT ||
		    (kid != NULL && strcmp(kid, k->kid) != 0))
			continue;
		out = cjose_jwe_decrypt(jwe, k->jwk, &n, &err);
	}
	if (out == NULL)
		return GERR_AUTH;
	if ((*plain = pool_alloc(p, n + 1)) != NULL) {
		memcpy(*plain, out, n);
		(*plain)[n] = '\0';
		*plainlen = n;
	}
	cjose_get_dealloc()(out);
	return *plain == NULL ? GERR_NOMEM : GERR_OK;
}

enum gerr
jws_sign(struct pool *p, const struct jwks *set, const json_t *claims,
    const char **compact)
{
	const struct jwks_key	*k = NULL;
	cjose_header_t		*hdr;
	cjose_jws_t		*jws = NULL;
	cjose_err		 err;
	const char		*ser;
	char			*payload;
	size_t			 i;
	enum gerr		 e = GERR_SYSTEM;

	*compact = NULL;
	for (i = 0; set != NULL && i < set->n && k == NULL; i++)
		if (set->keys[i].sig && set->keys[i].private &&
		    (set->keys[i].kty == CJOSE_JWK_KTY_RSA ||
		    cjose_jwk_EC_get_curve(set->keys[i].jwk, &err) ==
		    CJOSE_JWK_EC_P_256))
			k = &set->keys[i];
	if (k == NULL || (payload = json_dumps(claims, JSON_COMPACT)) == NULL)
		return GERR_SYSTEM;
	if ((hdr = cjose_header_new(&err)) == NULL)
		goto out;
	if (cjose_header_set(hdr, CJOSE_HDR_ALG, k->kty == CJOSE_JWK_KTY_RSA ?
	    CJOSE_HDR_ALG_RS256 : CJOSE_HDR_ALG_ES256, &err) &&
	    cjose_header_set(hdr, "typ", "JWT", &err) &&
	    (k->kid[0] == '\0' ||
	    cjose_header_set(hdr, CJOSE_HDR_KID, k->kid, &err)))
		jws = cjose_jws_sign(k->jwk, hdr, (const uint8_t *)payload,
		    strlen(payload), &err);
	cjose_header_release(hdr);
	if (jws != NULL && cjose_jws_export(jws, &ser, &err))
		e = (*compact = pool_strdup(p, ser)) == NULL ? GERR_NOMEM :
		    GERR_OK;
out:
	if (jws != NULL)
		cjose_jws_release(jws);
	free(payload);
	return e;
}

char *
b64url_encode(struct pool *p, const unsigned char *in, size_t len)
{
	char		*out, *copy;
	size_t		 outlen;
	cjose_err	 err;

	if (!cjose_base64url_encode(in, len, &out, &outlen, &err))
		return NULL;
	copy = pool_strndup(p, out, outlen);
	jose_free(out);
	return copy;
}
