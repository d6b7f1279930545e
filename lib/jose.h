/*
 * JOSE for the OpenID Connect relying party: key sets (JWKS), signed
 * tokens (JWS compact) verified against them, nested tokens decrypted
 * (JWE compact, itsme), and tokens we sign ourselves (private_key_jwt).
 * The cryptography is libcjose's (Debian's libcjose0); the policy is
 * here: asymmetric algorithms only, the key chosen by kid and by the
 * algorithm's family, never by what the token asks for.
 */
#ifndef GUICHET_JOSE_H
#define GUICHET_JOSE_H

#include <jansson.h>

#include "gerr.h"
#include "pool.h"

#define JOSE_TOKEN_MAX	(64 * 1024)	/* a token's compact form */
#define JWKS_BYTES_MAX	(256 * 1024)	/* a key set as fetched */
#define JWKS_KEYS_MAX	32

/* A key set, as a provider publishes it or as we keep ours. */
struct jwks;

/*
 * Parses a JWKS document ({"keys": [...]}).  Keys of unknown types, or
 * that libcjose cannot read, are skipped; none usable is GERR_INPUT.
 * The set lives on the heap, beyond requests (the per-worker caches).
 */
enum gerr	 jwks_parse(const char *json, size_t len, struct jwks **);
void		 jwks_free(struct jwks *);
size_t		 jwks_count(const struct jwks *);
/* Our own set's public half, as a JSON document; NULL on failure. */
char		*jwks_public_json(struct pool *, const struct jwks *);

/*
 * Verifies a JWS in compact form against a key set and returns its
 * payload as a JSON object (freed with the pool) and the header's alg.
 * GERR_INPUT: not a JWS, or its payload is not a JSON object without
 * duplicate names; GERR_AUTH: an algorithm refused (none, HMAC, ...) or
 * a bad signature; GERR_NOTFOUND: no key in the set fits its kid and
 * algorithm (the caller may fetch the set again, once).
 */
enum gerr	 jws_verify(struct pool *, const char *token, size_t len,
		    const struct jwks *, json_t **claims, const char **alg);

/* A JWE in compact form (five parts)?  Only the dots are counted. */
int		 jose_is_jwe(const char *token, size_t len);

/*
 * Decrypts a JWE with one of the set's private keys (by kid, or each
 * fitting key in turn); the plaintext is NUL-terminated, in the pool.
 * GERR_INPUT malformed, GERR_AUTH when no key opens it.
 */
enum gerr	 jwe_decrypt(struct pool *, const char *token, size_t len,
		    const struct jwks *, char **plain, size_t *plainlen);

/*
 * Signs a JSON object with the set's first signing key (RS256 for RSA,
 * ES256 for P-256), with its kid in the header; the compact form is in
 * the pool.  GERR_SYSTEM when the set has no private signing key.
 */
enum gerr	 jws_sign(struct pool *, const struct jwks *, const json_t *,
		    const char **compact);

/* base64url without padding, as JOSE writes it, into the pool. */
char		*b64url_encode(struct pool *, const unsigned char *, size_t);

#endif
