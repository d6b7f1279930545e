/*
 * Sealing with OpenSSL CMS: detached, binary, signed attributes with the
 * content type, signing time and digest, the certificate included; no
 * S/MIME capabilities, which mean nothing for a seal and cost a third of
 * the signing time.  The key and certificate are read once per
 * process, on first use, so that a missing file shows in the log of the
 * first submission rather than stopping every program at start.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "conf.h"
#include "log.h"
#include "seal.h"

static X509	*seal_cert;
static EVP_PKEY	*seal_key;

static int
seal_load(void)
{
	const char	*cpath = conf_get("seal.cert", NULL);
	const char	*kpath = conf_get("seal.key", NULL);
	FILE		*f;

	if (seal_cert != NULL && seal_key != NULL)
		return 0;
	if (cpath == NULL || kpath == NULL) {
		log_warnx("seal: seal.cert and seal.key are not configured");
		return -1;
	}
	if ((f = fopen(cpath, "r")) != NULL) {
		seal_cert = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if ((f = fopen(kpath, "r")) != NULL) {
		seal_key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (seal_cert == NULL || seal_key == NULL ||
	    X509_check_private_key(seal_cert, seal_key) != 1) {
		log_warnx("seal: cannot load the seal's key and certificate");
		ERR_clear_error();
		seal_free();
		return -1;
	}
	return 0;
}

void
seal_free(void)
{
	X509_free(seal_cert);
	EVP_PKEY_free(seal_key);
	seal_cert = NULL;
	seal_key = NULL;
}

enum gerr
seal_sign(struct pool *pool, const void *data, size_t len,
    unsigned char **der, size_t *derlen)
{
	BIO		*in = NULL;
	CMS_ContentInfo	*cms = NULL;
	unsigned char	*out = NULL;
	int		 n;
	enum gerr	 e = GERR_SYSTEM;

	if (seal_load() == -1)
		return GERR_SYSTEM;
	if ((in = BIO_new_mem_buf(data, (int)len)) == NULL ||
	    (cms = CMS_sign(seal_cert, seal_key, NULL, in,
	    CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP)) == NULL ||
	    (n = i2d_CMS_ContentInfo(cms, &out)) <= 0) {
		log_warnx("seal: CMS signature failed");
		ERR_clear_error();
		goto out;
	}
	if ((*der = pool_alloc(pool, (size_t)n)) == NULL) {
		e = GERR_NOMEM;
		goto out;
	}
	memcpy(*der, out, (size_t)n);
	*derlen = (size_t)n;
	e = GERR_OK;
out:
	OPENSSL_free(out);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return e;
}

int
seal_verify(const unsigned char *der, size_t derlen, const void *data,
    size_t len)
{
	const unsigned char	*p = der;
	CMS_ContentInfo		*cms;
	STACK_OF(X509)		*certs = NULL;
	BIO			*in = NULL;
	int			 rc = -1;

	if (seal_load() == -1 ||
	    (cms = d2i_CMS_ContentInfo(NULL, &p, (long)derlen)) == NULL)
		return -1;
	if ((certs = sk_X509_new_null()) == NULL ||
	    !sk_X509_push(certs, seal_cert) ||
	    (in = BIO_new_mem_buf(data, (int)len)) == NULL)
		goto out;
	/* Our own certificate, trusted as it is: no chain to walk. */
	if (CMS_verify(cms, certs, NULL, in, NULL, CMS_BINARY |
	    CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN) == 1)
		rc = 0;
out:
	ERR_clear_error();
	BIO_free(in);
	sk_X509_free(certs);
	CMS_ContentInfo_free(cms);
	return rc;
}

const char *
seal_subject(struct pool *pool)
{
	char	buf[256];

	if (seal_load() == -1)
		return "";
	X509_NAME_oneline(X509_get_subject_name(seal_cert), buf, sizeof(buf));
	return pool_strdup(pool, buf);
}
