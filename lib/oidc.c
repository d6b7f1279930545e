/* OpenID Connect relying party: providers, discovery, keys, code exchange, token checks. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "conf.h"
#include "crypto.h"
#include "fetch.h"
#include "html.h"
#include "log.h"
#include "oidc.h"

#define OIDC_BODY_MAX		(256 * 1024)
#define OIDC_REFETCH_MIN	10	/* seconds between two key fetches */
#define OIDC_TOKEN_AGE_MAX	600	/* an ID token's iat, at most */

/* What a provider's discovery document and key set said, per worker. */
struct oidc_cache {
	char		*authorize;
	char		*token;
	char		*userinfo;
	char		*jwks_uri;
	char		*end_session;
	time_t		 meta_at;	/* 0: not fetched */
	struct jwks	*jwks;
	time_t		 jwks_at;
};

enum { OIDC_FAS, OIDC_ITSME, OIDC__MAX };

static struct oidc_provider	providers[OIDC__MAX];
static struct oidc_cache	caches[OIDC__MAX];
static size_t			nproviders;
static int			loaded;
static struct jwks		*own_keys;	/* oidc.keys */
static int			own_loaded;

/*
 * The table of guichet.conf.  Every key is read with its literal name
 * (test-conf finds each read), hence one reader per provider.
 */
static void
oidc_conf_fas(struct oidc_provider *p)
{
	p->issuer = conf_str("oidc.fas.issuer");
	p->discovery_url = conf_str("oidc.fas.discovery_url");
	p->client_id = conf_str("oidc.fas.client_id");
	p->client_auth = conf_str("oidc.fas.client_auth");
	p->secret_file = conf_str("oidc.fas.client_secret_file");
	p->scopes = conf_str("oidc.fas.scopes");
	p->claims = conf_str("oidc.fas.claims");
	p->acr_values = conf_str("oidc.fas.acr_values");
	p->acr_map = conf_str("oidc.fas.acr_map");
	p->nrn_claim = conf_str("oidc.fas.nrn_claim");
	p->cacert = conf_str("oidc.fas.cacert");
}

static void
oidc_conf_itsme(struct oidc_provider *p)
{
	p->issuer = conf_str("oidc.itsme.issuer");
	p->discovery_url = conf_str("oidc.itsme.discovery_url");
	p->client_id = conf_str("oidc.itsme.client_id");
	p->client_auth = conf_str("oidc.itsme.client_auth");
	p->secret_file = conf_str("oidc.itsme.client_secret_file");
	p->scopes = conf_str("oidc.itsme.scopes");
	p->claims = conf_str("oidc.itsme.claims");
	p->acr_values = conf_str("oidc.itsme.acr_values");
	p->acr_map = conf_str("oidc.itsme.acr_map");
	p->nrn_claim = conf_str("oidc.itsme.nrn_claim");
	p->cacert = conf_str("oidc.itsme.cacert");
}

static int
oidc_client_auth_ok(const char *a)
{
	return a != NULL && (strcmp(a, "private_key_jwt") == 0 ||
	    strcmp(a, "client_secret_basic") == 0 ||
	    strcmp(a, "client_secret_post") == 0);
}

static int
oidc_claims_request_ok(const char *text)
{
	json_error_t	 jerr;
	json_t		*j = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	int		 ok = json_is_object(j);

	json_decref(j);
	return ok;
}

static void
oidc_load(void)
{
	struct oidc_provider	all[OIDC__MAX];
	size_t			i;

	if (loaded)
		return;
	loaded = 1;
	memset(all, 0, sizeof(all));
	all[OIDC_FAS].name = "fas";
	oidc_conf_fas(&all[OIDC_FAS]);
	all[OIDC_ITSME].name = "itsme";
	oidc_conf_itsme(&all[OIDC_ITSME]);
	for (i = 0; i < OIDC__MAX; i++) {
		if (all[i].issuer == NULL || all[i].client_id == NULL ||
		    all[i].client_id[0] == '\0')
			continue;
		if (!oidc_client_auth_ok(all[i].client_auth)) {
			log_warnx("oidc.%s.client_auth: %s is none of "
			    "private_key_jwt, client_secret_basic, "
			    "client_secret_post: %s is not offered", all[i].name,
			    all[i].client_auth, all[i].name);
			continue;
		}
		if (all[i].claims != NULL && all[i].claims[0] != '\0' &&
		    !oidc_claims_request_ok(all[i].claims)) {
			log_warnx("oidc.%s.claims is not a JSON object: %s is "
			    "not offered", all[i].name, all[i].name);
			continue;
		}
		providers[nproviders++] = all[i];
	}
}

size_t
oidc_provider_count(void)
{
	oidc_load();
	return nproviders;
}

const struct oidc_provider *
oidc_provider_at(size_t i)
{
	oidc_load();
	return i < nproviders ? &providers[i] : NULL;
}

const struct oidc_provider *
oidc_provider_find(const char *name)
{
	size_t	i;

	oidc_load();
	for (i = 0; name != NULL && i < nproviders; i++)
		if (strcmp(providers[i].name, name) == 0)
			return &providers[i];
	return NULL;
}

static struct oidc_cache *
oidc_cache_of(const struct oidc_provider *p)
{
	return &caches[p - providers];
}

static void
oidc_cache_free(struct oidc_cache *c)
{
	free(c->authorize);
	free(c->token);
	free(c->userinfo);
	free(c->jwks_uri);
	free(c->end_session);
	jwks_free(c->jwks);
	memset(c, 0, sizeof(*c));
}

void
oidc_cache_clear(void)
{
	size_t	i;

	for (i = 0; i < OIDC__MAX; i++)
		oidc_cache_free(&caches[i]);
}

/*
 * "acr=level" words: the level of one acr.  The map is the provider's in
 * guichet.conf, so FAS's Level450 and itsme's acr_advanced say "high"
 * where a hosting team decided so.
 */
enum assurance
oidc_acr_level(const struct oidc_provider *p, const char *acr)
{
	const char	*w, *eq, *end;
	size_t		 n;
	char		 level[16];

	if (acr == NULL || p->acr_map == NULL)
		return ASSURANCE_NONE;
	n = strlen(acr);
	for (w = p->acr_map; *w != '\0'; w = end) {
		w += strspn(w, " \t");
		end = w + strcspn(w, " \t");
		if ((eq = memchr(w, '=', (size_t)(end - w))) == NULL)
			continue;
		if ((size_t)(eq - w) != n || strncmp(w, acr, n) != 0 ||
		    (size_t)(end - eq - 1) >= sizeof(level))
			continue;
		memcpy(level, eq + 1, (size_t)(end - eq - 1));
		level[end - eq - 1] = '\0';
		return assurance_parse(level);
	}
	return ASSURANCE_NONE;
}

const char *
oidc_acr_request(struct pool *pool, const struct oidc_provider *p,
    enum assurance level)
{
	const char	*w, *eq, *end;
	struct buf	 b;

	if (level <= ASSURANCE_LOW || p->acr_map == NULL)
		return p->acr_values;
	buf_init(&b, pool);
	for (w = p->acr_map; *w != '\0'; w = end) {
		w += strspn(w, " \t");
		end = w + strcspn(w, " \t");
		if ((eq = memchr(w, '=', (size_t)(end - w))) == NULL)
			continue;
		if (assurance_parse(pool_strndup(pool, eq + 1,
		    (size_t)(end - eq - 1))) < level)
			continue;
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_append(&b, w, (size_t)(eq - w));
	}
	return b.len > 0 ? buf_cstr(&b) : p->acr_values;
}

const char *
oidc_redirect_uri(struct pool *pool, const struct oidc_provider *p,
    const char *site)
{
	return pool_printf(pool, "%s/login/oidc/%s/callback", site, p->name);
}

/* HTTP with a provider: HTTPS only, bounded in time and size. */
static void
oidc_slist_free(void *l)
{
	curl_slist_free_all(l);
}

struct oidc_http {
	const char	*url;
	const char	*post;		/* NULL: GET */
	const char	*bearer;	/* Authorization: Bearer */
	const char	*user;		/* client_secret_basic */
	const char	*password;
	long		 status;
	const char	*ctype;
	struct buf	 body;
};

static enum gerr
oidc_fetch(struct pool *pool, const struct oidc_provider *p,
    struct oidc_http *h)
{
	struct fetch_body	 body;
	struct curl_slist	*hdrs = NULL;
	CURL			*c;
	CURLcode		 rc;
	char			*ct = NULL;

	if ((c = fetch_handle(pool, &body, OIDC_BODY_MAX)) == NULL)
		return GERR_NOMEM;
	curl_easy_setopt(c, CURLOPT_URL, h->url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)conf_int("oidc.timeout_ms"));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	if (p->cacert != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, p->cacert);
	hdrs = curl_slist_append(hdrs, "Accept: application/json, "
	    "application/jwt");
	if (h->bearer != NULL)
		hdrs = curl_slist_append(hdrs, pool_printf(pool,
		    "Authorization: Bearer %s", h->bearer));
	if (hdrs == NULL || pool_defer(pool, oidc_slist_free, hdrs) == -1) {
		curl_slist_free_all(hdrs);
		return GERR_NOMEM;
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (h->user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, h->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, h->password);
	}
	if (h->post != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, h->post);
	rc = curl_easy_perform(c);
	h->status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &h->status);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	h->ctype = pool_strdup(pool, ct != NULL ? ct : "");
	h->body = body.b;
	if (rc != CURLE_OK) {
		log_warnx("oidc %s: %s: %s", p->name, h->url, body.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

static void
oidc_json_free(void *j)
{
	json_decref(j);
}

/* A body as a JSON object without duplicate names, freed with the pool. */
static json_t *
oidc_json(struct pool *pool, struct buf *body)
{
	json_error_t	 jerr;
	json_t		*j;

	j = json_loadb(body->data != NULL ? body->data : "", body->len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL || !json_is_object(j) ||
	    pool_defer(pool, oidc_json_free, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* A JSON object from a 200 answer; GERR_UPSTREAM otherwise. */
static enum gerr
oidc_fetch_json(struct pool *pool, const struct oidc_provider *p,
    struct oidc_http *h, json_t **out)
{
	enum gerr	e;

	*out = NULL;
	if ((e = oidc_fetch(pool, p, h)) != GERR_OK)
		return e;
	if (h->status != 200) {
		log_warnx("oidc %s: %s: HTTP status %ld", p->name, h->url,
		    h->status);
		return GERR_UPSTREAM;
	}
	if ((*out = oidc_json(pool, &h->body)) == NULL) {
		log_warnx("oidc %s: %s: not a JSON object", p->name, h->url);
		return GERR_UPSTREAM;
	}
	return GERR_OK;
}

static char *
oidc_endpoint(const struct oidc_provider *p, json_t *doc, const char *name,
    int required)
{
	const char	*v = json_string_value(json_object_get(doc, name));

	if (v == NULL || strncmp(v, "https://", 8) != 0) {
		if (required)
			log_warnx("oidc %s: discovery gives no https %s",
			    p->name, name);
		return NULL;
	}
	return strdup(v);
}

/* The discovery document, fetched once per oidc.cache_seconds. */
static enum gerr
oidc_meta(struct pool *pool, const struct oidc_provider *p,
    struct oidc_cache **cp)
{
	struct oidc_cache	*c = oidc_cache_of(p), fresh;
	struct oidc_http	 h;
	json_t			*doc;
	const char		*iss;
	time_t			 now = time(NULL);
	enum gerr		 e;

	*cp = c;
	if (c->meta_at != 0 && now - c->meta_at < conf_int("oidc.cache_seconds"))
		return GERR_OK;
	memset(&h, 0, sizeof(h));
	h.url = p->discovery_url != NULL ? p->discovery_url :
	    pool_printf(pool, "%s/.well-known/openid-configuration", p->issuer);
	if ((e = oidc_fetch_json(pool, p, &h, &doc)) != GERR_OK)
		return c->meta_at != 0 ? GERR_OK : e;	/* the old one serves */
	/* OpenID Connect Discovery 1.0, 4.3: the issuer must be ours. */
	iss = json_string_value(json_object_get(doc, "issuer"));
	if (iss == NULL || strcmp(iss, p->issuer) != 0) {
		log_warnx("oidc %s: discovery names another issuer", p->name);
		return GERR_UPSTREAM;
	}
	memset(&fresh, 0, sizeof(fresh));
	fresh.authorize = oidc_endpoint(p, doc, "authorization_endpoint", 1);
	fresh.token = oidc_endpoint(p, doc, "token_endpoint", 1);
	fresh.jwks_uri = oidc_endpoint(p, doc, "jwks_uri", 1);
	fresh.userinfo = oidc_endpoint(p, doc, "userinfo_endpoint", 0);
	fresh.end_session = oidc_endpoint(p, doc, "end_session_endpoint", 0);
	if (fresh.authorize == NULL || fresh.token == NULL ||
	    fresh.jwks_uri == NULL) {
		oidc_cache_free(&fresh);
		return GERR_UPSTREAM;
	}
	/* The keys stay, unless they came from elsewhere. */
	if (c->jwks_uri != NULL && strcmp(c->jwks_uri, fresh.jwks_uri) == 0) {
		fresh.jwks = c->jwks;
		fresh.jwks_at = c->jwks_at;
		c->jwks = NULL;
	}
	oidc_cache_free(c);
	*c = fresh;
	c->meta_at = now;
	return GERR_OK;
}

/* The key set; again when asked (an unknown kid), at most every 10 s. */
static enum gerr
oidc_keys(struct pool *pool, const struct oidc_provider *p,
    struct oidc_cache *c, int again)
{
	struct oidc_http	 h;
	struct jwks		*set;
	time_t			 now = time(NULL);
	enum gerr		 e;

	if (c->jwks != NULL && (again ? now - c->jwks_at < OIDC_REFETCH_MIN :
	    now - c->jwks_at < conf_int("oidc.cache_seconds")))
		return GERR_OK;
	memset(&h, 0, sizeof(h));
	h.url = c->jwks_uri;
	if ((e = oidc_fetch(pool, p, &h)) != GERR_OK || h.status != 200) {
		if (e == GERR_OK)
			log_warnx("oidc %s: key set: HTTP status %ld", p->name,
			    h.status);
		/* Known keys still verify; a first fetch that fails does not. */
		return c->jwks != NULL && !again ? GERR_OK : GERR_UPSTREAM;
	}
	if ((e = jwks_parse(h.body.data != NULL ? h.body.data : "", h.body.len,
	    &set)) != GERR_OK) {
		log_warnx("oidc %s: the key set is unusable", p->name);
		return GERR_UPSTREAM;
	}
	jwks_free(c->jwks);
	c->jwks = set;
	c->jwks_at = now;
	return GERR_OK;
}

static enum gerr
oidc_own_keys(const struct jwks **set)
{
	const char	*path = conf_str("oidc.keys");
	FILE		*f;
	char		*text;
	size_t		 n;

	if (!own_loaded && path != NULL) {
		own_loaded = 1;
		if ((f = fopen(path, "r")) == NULL) {
			log_warn("oidc.keys %s", path);
			return GERR_SYSTEM;
		}
		if ((text = malloc(JWKS_BYTES_MAX)) != NULL) {
			n = fread(text, 1, JWKS_BYTES_MAX, f);
			if (jwks_parse(text, n, &own_keys) != GERR_OK)
				log_warnx("oidc.keys %s: not a key set", path);
			free(text);
		}
		fclose(f);
	}
	*set = own_keys;
	return own_keys != NULL ? GERR_OK : GERR_SYSTEM;
}

const char *
oidc_public_keys(struct pool *pool)
{
	const struct jwks	*set;

	if (oidc_own_keys(&set) != GERR_OK)
		return NULL;
	return jwks_public_json(pool, set);
}

/*
 * A token from the provider: a JWS, or a JWE around one (itsme) opened
 * with our keys; the key set fetched again once for an unknown kid.
 */
static enum gerr
oidc_verify(struct pool *pool, const struct oidc_provider *p,
    const char *token, json_t **claims, const char **why)
{
	struct oidc_cache	*c;
	const struct jwks	*own;
	size_t			 len = strlen(token), plen;
	char			*plain;
	enum gerr		 e;

	*claims = NULL;
	if (jose_is_jwe(token, len)) {
		if (oidc_own_keys(&own) != GERR_OK) {
			*why = "an encrypted token, and no oidc.keys";
			return GERR_AUTH;
		}
		if ((e = jwe_decrypt(pool, token, len, own, &plain, &plen)) !=
		    GERR_OK) {
			*why = "an encrypted token we cannot open";
			return e;
		}
		token = plain;
		len = plen;
	}
	if ((e = oidc_meta(pool, p, &c)) != GERR_OK ||
	    (e = oidc_keys(pool, p, c, 0)) != GERR_OK) {
		*why = "the provider's keys cannot be had";
		return e;
	}
	e = jws_verify(pool, token, len, c->jwks, claims, NULL);
	if (e == GERR_NOTFOUND) {
		if (oidc_keys(pool, p, c, 1) != GERR_OK) {
			*why = "an unknown key, and the key set cannot be had";
			return GERR_UPSTREAM;
		}
		e = jws_verify(pool, token, len, c->jwks, claims, NULL);
	}
	if (e == GERR_NOTFOUND)
		*why = "signed with a key the provider does not publish";
	else if (e == GERR_AUTH)
		*why = "a bad signature or a refused algorithm";
	else if (e == GERR_INPUT)
		*why = "not a signed token";
	return e == GERR_NOTFOUND || e == GERR_INPUT ? GERR_AUTH : e;
}

static int
claim_time(const json_t *claims, const char *name, time_t *t)
{
	json_t	*v = json_object_get(claims, name);

	if (json_is_integer(v))
		*t = (time_t)json_integer_value(v);
	else if (json_is_real(v))
		*t = (time_t)json_real_value(v);
	else
		return 0;
	return 1;
}

/* aud is our client_id, or a list naming it (then azp says it's ours). */
static const char *
claims_audience(const struct oidc_provider *p, const json_t *claims)
{
	json_t		*aud = json_object_get(claims, "aud"), *v;
	const char	*azp = json_string_value(json_object_get(claims, "azp"));
	size_t		 i;
	int		 found = 0;

	if (json_is_string(aud))
		found = strcmp(json_string_value(aud), p->client_id) == 0;
	else if (json_is_array(aud))
		json_array_foreach(aud, i, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), p->client_id) == 0)
				found = 1;
	if (!found)
		return "aud is not our client";
	if (json_object_get(claims, "azp") != NULL &&
	    (azp == NULL || strcmp(azp, p->client_id) != 0))
		return "azp is another client";
	if (json_is_array(aud) && json_array_size(aud) > 1 && azp == NULL)
		return "several audiences and no azp";
	return NULL;
}

static const char *
claims_common(const struct oidc_provider *p, const json_t *claims,
    time_t now)
{
	const char	*iss = json_string_value(json_object_get(claims, "iss"));
	const char	*why;
	time_t		 iat, skew = conf_int("oidc.clock_skew");

	if (iss == NULL || strcmp(iss, p->issuer) != 0)
		return "iss is another issuer";
	if ((why = claims_audience(p, claims)) != NULL)
		return why;
	if (!claim_time(claims, "iat", &iat))
		return "no iat";
	if (iat > now + skew)
		return "iat is in the future";
	if (iat < now - OIDC_TOKEN_AGE_MAX - skew)
		return "iat is too old";
	return NULL;
}

static int
claim_string_ok(const json_t *claims, const char *name)
{
	const char	*v = json_string_value(json_object_get(claims, name));

	return v != NULL && v[0] != '\0' && strlen(v) <= 255;
}

const char *
oidc_id_claims_check(const struct oidc_provider *p, const json_t *claims,
    const char *nonce, time_t now)
{
	const char	*why, *got;
	time_t		 exp;

	if ((why = claims_common(p, claims, now)) != NULL)
		return why;
	if (!claim_time(claims, "exp", &exp))
		return "no exp";
	if (exp < now - conf_int("oidc.clock_skew"))
		return "expired";
	got = json_string_value(json_object_get(claims, "nonce"));
	if (got == NULL || nonce == NULL || strlen(got) != strlen(nonce) ||
	    CRYPTO_memcmp(got, nonce, strlen(nonce)) != 0)
		return "nonce is not ours";
	if (!claim_string_ok(claims, "sub"))
		return "no sub";
	if (json_object_get(claims, "sid") != NULL &&
	    !claim_string_ok(claims, "sid"))
		return "a malformed sid";
	return NULL;
}

const char *
oidc_logout_claims_check(const struct oidc_provider *p, const json_t *claims,
    time_t now)
{
	const char	*why;
	json_t		*events;
	time_t		 exp;

	if ((why = claims_common(p, claims, now)) != NULL)
		return why;
	events = json_object_get(claims, "events");
	if (!json_is_object(json_object_get(events,
	    "http://schemas.openid.net/event/backchannel-logout")))
		return "no logout event";
	if (json_object_get(claims, "nonce") != NULL)
		return "a nonce (an ID token, not a logout token)";
	if (!claim_string_ok(claims, "jti"))
		return "no jti";
	if (claim_time(claims, "exp", &exp) &&
	    exp < now - conf_int("oidc.clock_skew"))
		return "expired";
	if (!claim_string_ok(claims, "sid") && !claim_string_ok(claims, "sub"))
		return "neither sid nor sub";
	if ((json_object_get(claims, "sid") != NULL &&
	    !claim_string_ok(claims, "sid")) ||
	    (json_object_get(claims, "sub") != NULL &&
	    !claim_string_ok(claims, "sub")))
		return "a malformed sid or sub";
	return NULL;
}

/* The S256 challenge of a verifier. */
static const char *
pkce_challenge(struct pool *pool, const char *verifier)
{
	unsigned char	md[32];
	unsigned int	mdlen = 0;

	if (EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(),
	    NULL) != 1)
		return NULL;
	return b64url_encode(pool, md, mdlen);
}

static void
query_param(struct buf *b, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_putc(b, b->len > 0 ? '&' : '?');
	buf_puts(b, name);
	buf_putc(b, '=');
	url_escape(b, value);
}

enum gerr
oidc_authorize_url(struct pool *pool, const struct oidc_provider *p,
    const char *site, const char *state, const char *nonce,
    const char *verifier, enum assurance level, const char **url)
{
	struct oidc_cache	*c;
	struct buf		 q, b;
	const char		*challenge;
	enum gerr		 e;

	*url = NULL;
	if ((e = oidc_meta(pool, p, &c)) != GERR_OK)
		return e;
	if ((challenge = pkce_challenge(pool, verifier)) == NULL)
		return GERR_SYSTEM;
	buf_init(&q, pool);
	query_param(&q, "response_type", "code");
	query_param(&q, "client_id", p->client_id);
	query_param(&q, "redirect_uri", oidc_redirect_uri(pool, p, site));
	query_param(&q, "scope", p->scopes);
	query_param(&q, "state", state);
	query_param(&q, "nonce", nonce);
	query_param(&q, "code_challenge", challenge);
	query_param(&q, "code_challenge_method", "S256");
	query_param(&q, "acr_values", oidc_acr_request(pool, p, level));
	query_param(&q, "claims", p->claims);
	buf_init(&b, pool);
	buf_puts(&b, c->authorize);
	if (strchr(c->authorize, '?') != NULL && q.len > 0)
		q.data[0] = '&';
	buf_append(&b, q.data, q.len);
	*url = buf_cstr(&b);
	return *url == NULL ? GERR_NOMEM : GERR_OK;
}

/* private_key_jwt: a one-minute assertion for the token endpoint. */
static const char *
client_assertion(struct pool *pool, const struct oidc_provider *p,
    const char *aud)
{
	const struct jwks	*own;
	const char		*jwt;
	char			 jti[33];
	json_t			*c;
	time_t			 now = time(NULL);
	enum gerr		 e;

	if (oidc_own_keys(&own) != GERR_OK || random_hex(jti, 16) == -1)
		return NULL;
	c = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "iss", p->client_id,
	    "sub", p->client_id, "aud", aud, "jti", jti, "iat",
	    (json_int_t)now, "exp", (json_int_t)now + 60);
	if (c == NULL)
		return NULL;
	e = jws_sign(pool, own, c, &jwt);
	json_decref(c);
	return e == GERR_OK ? jwt : NULL;
}

/* The client secret, read from its file at each use (it may rotate). */
static const char *
client_secret(struct pool *pool, const struct oidc_provider *p)
{
	FILE	*f;
	char	 line[512];
	size_t	 n;

	if (p->secret_file == NULL || (f = fopen(p->secret_file, "r")) == NULL) {
		log_warnx("oidc %s: no client secret file", p->name);
		return NULL;
	}
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	return line[0] != '\0' ? pool_strdup(pool, line) : NULL;
}

/* The token request's body and client authentication. */
static enum gerr
token_request(struct pool *pool, const struct oidc_provider *p,
    struct oidc_cache *c, const char *site, const char *code,
    const char *verifier, struct oidc_http *h)
{
	struct buf	 b;
	const char	*secret, *jwt;

	buf_init(&b, pool);
	buf_puts(&b, "grant_type=authorization_code&code=");
	url_escape(&b, code);
	buf_puts(&b, "&redirect_uri=");
	url_escape(&b, oidc_redirect_uri(pool, p, site));
	buf_puts(&b, "&code_verifier=");
	url_escape(&b, verifier);
	if (strcmp(p->client_auth, "private_key_jwt") == 0) {
		if ((jwt = client_assertion(pool, p, c->token)) == NULL) {
			log_warnx("oidc %s: no key to sign the client assertion "
			    "(oidc.keys)", p->name);
			return GERR_SYSTEM;
		}
		buf_puts(&b, "&client_id=");
		url_escape(&b, p->client_id);
		buf_puts(&b, "&client_assertion_type=urn%3Aietf%3Aparams%3A"
		    "oauth%3Aclient-assertion-type%3Ajwt-bearer"
		    "&client_assertion=");
		buf_puts(&b, jwt);
	} else {
		if ((secret = client_secret(pool, p)) == NULL)
			return GERR_SYSTEM;
		if (strcmp(p->client_auth, "client_secret_post") == 0) {
			buf_puts(&b, "&client_id=");
			url_escape(&b, p->client_id);
			buf_puts(&b, "&client_secret=");
			url_escape(&b, secret);
		} else {
			h->user = p->client_id;
			h->password = secret;
		}
	}
	h->url = c->token;
	h->post = buf_cstr(&b);
	return h->post == NULL ? GERR_NOMEM : GERR_OK;
}

static const char *
claim_str(const json_t *a, const json_t *b, const char *name)
{
	const char	*v = json_string_value(json_object_get(a, name));

	if (v == NULL && b != NULL)
		v = json_string_value(json_object_get(b, name));
	return v;
}

/* userinfo: JSON, or a JWT (signed, perhaps encrypted) checked alike. */
static enum gerr
oidc_userinfo(struct pool *pool, const struct oidc_provider *p,
    struct oidc_cache *c, const char *access, const char *sub,
    json_t **info, const char **why)
{
	struct oidc_http	 h;
	const char		*iss;
	enum gerr		 e;

	*info = NULL;
	if (c->userinfo == NULL)
		return GERR_OK;
	memset(&h, 0, sizeof(h));
	h.url = c->userinfo;
	h.bearer = access;
	if ((e = oidc_fetch(pool, p, &h)) != GERR_OK)
		return e;
	if (h.status != 200) {
		log_warnx("oidc %s: userinfo: HTTP status %ld", p->name,
		    h.status);
		return GERR_UPSTREAM;
	}
	if (strncmp(h.ctype, "application/jwt", 15) == 0) {
		if ((e = oidc_verify(pool, p, buf_cstr(&h.body), info, why)) !=
		    GERR_OK)
			return e;
		/* OIDC Core 5.3.2: iss and aud, when present, are ours. */
		iss = json_string_value(json_object_get(*info, "iss"));
		if ((json_object_get(*info, "iss") != NULL &&
		    (iss == NULL || strcmp(iss, p->issuer) != 0)) ||
		    (json_object_get(*info, "aud") != NULL &&
		    claims_audience(p, *info) != NULL)) {
			*why = "userinfo from another issuer or for another "
			    "client";
			return GERR_AUTH;
		}
	} else if ((*info = oidc_json(pool, &h.body)) == NULL) {
		*why = "userinfo is not a JSON object";
		return GERR_UPSTREAM;
	}
	if (json_string_value(json_object_get(*info, "sub")) == NULL ||
	    strcmp(json_string_value(json_object_get(*info, "sub")), sub) != 0) {
		*why = "userinfo is about another subject";
		return GERR_AUTH;
	}
	return GERR_OK;
}

enum gerr
oidc_code_exchange(struct pool *pool, const struct oidc_provider *p,
    const char *site, const char *code, const char *verifier,
    const char *nonce,
    struct oidc_login *out, const char **why)
{
	struct oidc_cache	*c;
	struct oidc_http	 h;
	json_t			*tok, *idc, *info;
	const char		*idt, *access;
	enum gerr		 e;

	memset(out, 0, sizeof(*out));
	*why = "the provider is away";
	if ((e = oidc_meta(pool, p, &c)) != GERR_OK)
		return e;
	memset(&h, 0, sizeof(h));
	if ((e = token_request(pool, p, c, site, code, verifier, &h)) != GERR_OK)
		return e;
	if ((e = oidc_fetch(pool, p, &h)) != GERR_OK)
		return e;
	if (h.status == 400 || h.status == 401) {
		/* invalid_grant: a code used twice, expired, or not ours */
		*why = "the token endpoint refused the code";
		return GERR_AUTH;
	}
	if (h.status != 200) {
		log_warnx("oidc %s: token: HTTP status %ld", p->name, h.status);
		return GERR_UPSTREAM;
	}
	if ((tok = oidc_json(pool, &h.body)) == NULL) {
		*why = "the token answer is not a JSON object";
		return GERR_UPSTREAM;
	}
	idt = json_string_value(json_object_get(tok, "id_token"));
	access = json_string_value(json_object_get(tok, "access_token"));
	if (idt == NULL) {
		*why = "no ID token";
		return GERR_AUTH;
	}
	if ((e = oidc_verify(pool, p, idt, &idc, why)) != GERR_OK)
		return e;
	if ((*why = oidc_id_claims_check(p, idc, nonce, time(NULL))) != NULL)
		return GERR_AUTH;
	out->id_token = pool_strdup(pool, idt);
	out->subject = claim_str(idc, NULL, "sub");
	out->sid = claim_str(idc, NULL, "sid");
	out->acr = claim_str(idc, NULL, "acr");
	out->level = oidc_acr_level(p, out->acr);
	info = NULL;
	if (access != NULL && (e = oidc_userinfo(pool, p, c, access,
	    out->subject, &info, why)) != GERR_OK)
		return e;
	out->nrn = claim_str(idc, info, p->nrn_claim);
	out->given_names = claim_str(idc, info, "given_name");
	if (out->given_names == NULL)
		out->given_names = claim_str(idc, info, "givenName");
	out->surname = claim_str(idc, info, "family_name");
	if (out->surname == NULL)
		out->surname = claim_str(idc, info, "surname");
	*why = NULL;
	return GERR_OK;
}

enum gerr
oidc_logout_token(struct pool *pool, const struct oidc_provider *p,
    const char *token, const char **sid, const char **sub, const char **jti,
    time_t *exp, const char **why)
{
	json_t		*claims;
	time_t		 now = time(NULL);
	enum gerr	 e;

	*sid = *sub = *jti = NULL;
	if ((e = oidc_verify(pool, p, token, &claims, why)) != GERR_OK)
		return e;
	if ((*why = oidc_logout_claims_check(p, claims, now)) != NULL)
		return GERR_AUTH;
	*sid = claim_str(claims, NULL, "sid");
	*sub = claim_str(claims, NULL, "sub");
	*jti = claim_str(claims, NULL, "jti");
	if (!claim_time(claims, "exp", exp) || *exp > now + 86400)
		*exp = now + 86400;
	return GERR_OK;
}

const char *
oidc_end_session_url(struct pool *pool, const struct oidc_provider *p,
    const char *id_token, const char *post_logout_uri)
{
	struct oidc_cache	*c;
	struct buf		 b, q;

	if (oidc_meta(pool, p, &c) != GERR_OK || c->end_session == NULL)
		return NULL;
	buf_init(&q, pool);
	query_param(&q, "id_token_hint", id_token);
	query_param(&q, "post_logout_redirect_uri", post_logout_uri);
	query_param(&q, "client_id", p->client_id);
	buf_init(&b, pool);
	buf_puts(&b, c->end_session);
	if (strchr(c->end_session, '?') != NULL && q.len > 0)
		q.data[0] = '&';
	buf_append(&b, q.data, q.len);
	return buf_cstr(&b);
}
