/* Anti-forgery tokens and the process's secret key. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "csrf.h"
#include "log.h"

static unsigned char	secret[64];
static size_t		secret_len;
/*
 * HMAC-SHA256 under the secret, keyed once: OpenSSL 3's one-shot HMAC()
 * fetches the digest and keys a context at every call, 6 % of a form
 * page's time in the program.  Each use copies this context.
 */
static EVP_MAC_CTX	*secret_hmac;
static EVP_MD		*sha256_md;

static enum gerr secret_mac_key(void);

/* The secret file holds at least 32 random bytes, shared with nginx's module. */
enum gerr
secret_load(const char *path)
{
	int	fd;
	ssize_t	n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_warn("secret %s", path);
		return GERR_SYSTEM;
	}
	n = read(fd, secret, sizeof(secret));
	close(fd);
	if (n < 32) {
		log_warnx("secret %s: fewer than 32 bytes", path);
		return GERR_SYSTEM;
	}
	secret_len = (size_t)n;
	return secret_mac_key();
}

static enum gerr
secret_mac_key(void)
{
	OSSL_PARAM	 params[2];
	EVP_MAC		*mac;

	EVP_MAC_CTX_free(secret_hmac);
	secret_hmac = NULL;
	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		return GERR_SYSTEM;
	secret_hmac = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac);
	params[0] = OSSL_PARAM_construct_utf8_string("digest", "SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (secret_hmac == NULL ||
	    EVP_MAC_init(secret_hmac, secret, secret_len, params) != 1) {
		log_warnx("secret: HMAC-SHA256 unavailable");
		EVP_MAC_CTX_free(secret_hmac);
		secret_hmac = NULL;
		return GERR_SYSTEM;
	}
	return GERR_OK;
}

/* HMAC-SHA256 of msg under the secret, in hex. */
void
secret_mac_hex(const char *msg, size_t len, char hex[65])
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	size_t		 maclen = 0;
	EVP_MAC_CTX	*c = NULL;

	if (secret_hmac != NULL && (c = EVP_MAC_CTX_dup(secret_hmac)) != NULL &&
	    EVP_MAC_update(c, (const unsigned char *)msg, len) == 1 &&
	    EVP_MAC_final(c, mac, &maclen, sizeof(mac)) == 1 && maclen == 32)
		hex_encode(mac, 32, hex);
	else {
		/* no key: a value that matches no token (hex has no 'x') */
		memset(hex, 'x', 64);
		hex[64] = '\0';
	}
	EVP_MAC_CTX_free(c);
}

void
hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* SHA-256 of a string, in hex: how we store tokens, and digest definitions. */
void
sha256_hex(const char *s, char hex[65])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	len = 0;

	/* fetched once, as the MAC's digest: no look-up per call */
	if (sha256_md == NULL)
		sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	EVP_Digest(s, strlen(s), md, &len, sha256_md, NULL);
	hex_encode(md, 32, hex);
}

/* nbytes of randomness as 2*nbytes hex digits plus NUL in out. */
int
random_hex(char *out, size_t nbytes)
{
	unsigned char	raw[64];

	if (nbytes > sizeof(raw) || RAND_bytes(raw, (int)nbytes) != 1)
		return -1;
	hex_encode(raw, nbytes, out);
	return 0;
}

void
csrf_token(const char *seed, char out[65])
{
	char		msg[160];
	int		n;

	n = snprintf(msg, sizeof(msg), "csrf|%s", seed);
	secret_mac_hex(msg, n < (int)sizeof(msg) ? (size_t)n : strlen(msg), out);
}

int
csrf_token_ok(const char *seed, const char *token)
{
	char	want[65];

	if (seed == NULL || token == NULL ||
	    (strlen(seed) != 32 && strlen(seed) != 64) || strlen(token) != 64)
		return 0;
	csrf_token(seed, want);
	return CRYPTO_memcmp(want, token, 64) == 0;
}

/* The host name of "host[:port]" or "[v6]:port", into out. */
static void
host_name(const char *h, size_t hlen, char *out, size_t outsz)
{
	const char	*end = h + hlen, *colon;

	if (hlen > 0 && h[0] == '[') {
		if ((colon = memchr(h, ']', hlen)) != NULL)
			end = colon + 1;
	} else if ((colon = memchr(h, ':', hlen)) != NULL)
		end = colon;
	snprintf(out, outsz, "%.*s", (int)(end - h), h);
}

/*
 * A second line behind the token: browsers say where a POST comes from.
 * A request that names another site is refused even with a good token.
 * Ports are not compared: nginx gives the host without one, and another
 * port of the same host shares our cookies anyway.
 */
int
csrf_origin_ok(const char *origin, const char *fetch_site, const char *host)
{
	const char	*o;
	char		 oname[256], hname[256];

	if (fetch_site != NULL && strcmp(fetch_site, "same-origin") != 0 &&
	    strcmp(fetch_site, "none") != 0)
		return 0;
	if (origin == NULL)
		return 1;
	if (host == NULL || strcmp(origin, "null") == 0)
		return 0;
	if (strncmp(origin, "https://", 8) == 0)
		o = origin + 8;
	else if (strncmp(origin, "http://", 7) == 0)
		o = origin + 7;
	else
		return 0;
	host_name(o, strlen(o), oname, sizeof(oname));
	host_name(host, strlen(host), hname, sizeof(hname));
	return *hname != '\0' && strcasecmp(oname, hname) == 0;
}
