/*
 * The process's secret key and what is made with it (HMAC-SHA256), SHA-256
 * digests, randomness and hex: OpenSSL behind a few calls.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"
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
	sha256_bytes_hex(s, strlen(s), hex);
}

/* SHA-256 of n bytes (a file), in hex. */
void
sha256_bytes_hex(const void *b, size_t n, char hex[65])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	len = 0;

	/* fetched once, as the MAC's digest: no look-up per call */
	if (sha256_md == NULL)
		sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	EVP_Digest(b, n, md, &len, sha256_md, NULL);
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
