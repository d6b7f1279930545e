/*
 * A business application may authenticate with a client certificate
 * instead of a key (docs/api.md).  nginx asks for one on the API's own
 * port and, having seen the client prove it holds the key, hands the
 * certificate over as $ssl_client_escaped_cert: PEM, URL-escaped.  The
 * certificate is pinned: api_clients.cert_fingerprint holds the SHA-256
 * of its DER form, in lowercase hex, as guichet-admin recorded it from the
 * file the department gave.  No chain is walked, so any certificate the
 * department chooses will do, and replacing it means registering the new
 * one.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "cert.h"
#include "req.h"

/* The digest of the first certificate in PEM text; -1 if there is none. */
int
cert_fingerprint(const char *pem, size_t len, char hex[65])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 md[SHA256_DIGEST_LENGTH], *der = NULL;
	X509			*x = NULL;
	BIO			*b;
	size_t			 i;
	int			 n, rc = -1;

	if (len == 0 || len > 64 * 1024 || len > (size_t)0x7fffffff)
		return -1;
	if ((b = BIO_new_mem_buf(pem, (int)len)) == NULL)
		return -1;
	if ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL &&
	    (n = i2d_X509(x, &der)) > 0) {
		SHA256(der, (size_t)n, md);
		for (i = 0; i < sizeof(md); i++) {
			hex[2 * i] = digits[md[i] >> 4];
			hex[2 * i + 1] = digits[md[i] & 0xf];
		}
		hex[64] = '\0';
		rc = 0;
	}
	ERR_clear_error();
	OPENSSL_free(der);
	X509_free(x);
	BIO_free(b);
	return rc;
}

/* The same from nginx's URL-escaped PEM; -1 for anything else. */
int
cert_fingerprint_escaped(const char *escaped, char hex[65])
{
	size_t	 len;
	char	*pem;
	int	 rc;

	if (escaped == NULL || (len = strlen(escaped)) == 0 ||
	    (pem = strdup(escaped)) == NULL)
		return -1;
	rc = req_url_decode(pem, &len, 0) ? cert_fingerprint(pem, len, hex) :
	    -1;
	free(pem);
	return rc;
}
