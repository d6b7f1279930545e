/*
 * The OpenID Connect relying party's protocol side: the providers of
 * guichet.conf (FAS, itsme), their discovery documents and key sets
 * cached per worker, the authorization request, the code exchange, the
 * ID token's, the userinfo's and the logout token's checks, and the
 * acr's level.  The pages are cgi-bin/login/oidc.c.
 */
#ifndef GUICHET_OIDC_H
#define GUICHET_OIDC_H

#include <time.h>

#include <jansson.h>

#include "identity.h"
#include "jose.h"

/* One provider of guichet.conf's table (oidc.<name>.*). */
struct oidc_provider {
	const char	*name;		/* "fas", "itsme": in URLs and the db */
	const char	*issuer;	/* NULL: not configured, not offered */
	const char	*discovery_url;
	const char	*client_id;
	const char	*client_auth;	/* client_secret_basic, _post, private_key_jwt */
	const char	*secret_file;
	const char	*scopes;
	const char	*claims;	/* a claims request (JSON), or NULL */
	const char	*acr_values;	/* asked for when no level is needed */
	const char	*acr_map;	/* "acr=level acr=level ..." */
	const char	*nrn_claim;	/* the claim with the national number */
	const char	*cacert;	/* CA of its TLS certificates, or NULL */
};

/* What a provider's endpoints said about a login, checked. */
struct oidc_login {
	const char	*id_token;	/* as received, for id_token_hint */
	const char	*subject;	/* sub */
	const char	*sid;		/* the provider's session, or NULL */
	const char	*acr;
	enum assurance	 level;		/* the acr mapped; NONE if unknown */
	const char	*nrn;		/* as sent, unchecked; NULL if none */
	const char	*given_names;	/* NULL if not sent */
	const char	*surname;
};

/* The configured providers, in the table's order. */
size_t		 oidc_provider_count(void);
const struct oidc_provider *oidc_provider_at(size_t);
const struct oidc_provider *oidc_provider_find(const char *name);

/* The level an acr stands for at this provider; NONE if not listed. */
enum assurance	 oidc_acr_level(const struct oidc_provider *, const char *acr);
/* The acr_values to ask for: those reaching level, else the default. */
const char	*oidc_acr_request(struct pool *, const struct oidc_provider *,
		    enum assurance level);

/*
 * site + /login/oidc/<name>/callback, exactly as registered: site is the
 * address the login started on (site.url, or kiosk.url at a kiosk).
 */
const char	*oidc_redirect_uri(struct pool *, const struct oidc_provider *,
		    const char *site);

/*
 * The authorization request (code flow, PKCE S256).  GERR_UPSTREAM when
 * the discovery document cannot be had.
 */
enum gerr	 oidc_authorize_url(struct pool *, const struct oidc_provider *,
		    const char *site, const char *state, const char *nonce,
		    const char *verifier, enum assurance level,
		    const char **url);

/*
 * The code exchanged at the token endpoint, the ID token verified (key
 * set, iss, aud, azp, exp, iat, nonce), the userinfo read (JSON or a
 * signed JWT, verified alike, its sub the ID token's), the claims taken.
 * GERR_UPSTREAM: the provider or its keys are away; GERR_AUTH: a token
 * was refused (why, for the log, in *why); GERR_INPUT: malformed.
 */
enum gerr	 oidc_code_exchange(struct pool *, const struct oidc_provider *,
		    const char *site, const char *code, const char *verifier,
		    const char *nonce, struct oidc_login *, const char **why);

/*
 * The checks of an ID token's claims, alone (unit-tested): iss exactly
 * the issuer, aud naming our client (and azp when several do), exp not
 * past, iat neither in the future nor older than the token lifetime we
 * accept, nonce the one we sent, sub present.  NULL when it passes, else
 * why.
 */
const char	*oidc_id_claims_check(const struct oidc_provider *,
		    const json_t *, const char *nonce, time_t now);

/*
 * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0):
 * verified against the provider's keys, iss, aud, iat, the logout event,
 * a sid or a sub, no nonce.  *sid and *sub may be NULL (not both); *jti
 * for replay protection; *exp when it may be forgotten.
 */
enum gerr	 oidc_logout_token(struct pool *, const struct oidc_provider *,
		    const char *token, const char **sid, const char **sub,
		    const char **jti, time_t *exp, const char **why);
const char	*oidc_logout_claims_check(const struct oidc_provider *,
		    const json_t *, time_t now);

/* The end-session URL with id_token_hint, or NULL if it has none. */
const char	*oidc_end_session_url(struct pool *,
		    const struct oidc_provider *, const char *id_token,
		    const char *post_logout_uri);

/* Our key set's public half (oidc.keys), for the providers; NULL: none. */
const char	*oidc_public_keys(struct pool *);

/* Forgets the cached discovery documents and key sets (tests). */
void		 oidc_cache_clear(void);

#endif
