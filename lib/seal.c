/*
 * Sealing: a detached CMS (RFC 5652) SignedData over the data, binary,
 * with the signed attributes content type, signing time and message
 * digest, and the certificate included; no S/MIME capabilities, which mean
 * nothing for a seal.  What OpenSSL's CMS_sign() makes, byte for byte
 * (tests/unit/test-seal.c compares them), but built here: all but the
 * time, the digest and the signature is the same for every seal, so it is
 * encoded once, and a seal costs the signature and a few copies.  CMS_sign()
 * spent two thirds of a seal duplicating names and encoding ASN.1, and
 * the seal was more than half of a submission's instructions in the
 * program.
 * Keys: EC (ECDSA with SHA-256) and RSA (PKCS #1 v1.5 with SHA-256).
 *
 * The key and certificate are read once per process, on first use, so
 * that a missing file shows in the log of the first submission rather
 * than stopping every program at start.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "conf.h"
#include "der.h"
#include "log.h"
#include "seal.h"

/* DER of the object identifiers and algorithms we write, tag included. */
static const unsigned char oid_signed_data[] = { 0x06, 0x09, 0x2a, 0x86,
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const unsigned char encap_data[] = { 0x30, 0x0b, 0x06, 0x09, 0x2a,
    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const unsigned char alg_sha256[] = { 0x30, 0x0b, 0x06, 0x09, 0x60,
    0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const unsigned char alg_ecdsa_sha256[] = { 0x30, 0x0a, 0x06, 0x08,
    0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 };
static const unsigned char alg_rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a,
    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
static const unsigned char version_1[] = { 0x02, 0x01, 0x01 };
/* The three signed attributes, in DER order, with the places to fill. */
static const unsigned char attr_content_type[] = { 0x30, 0x18, 0x06, 0x09,
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03, 0x31, 0x0b, 0x06,
    0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const unsigned char attr_signing_time[] = { 0x30, 0x1c, 0x06, 0x09,
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05, 0x31, 0x0f, 0x17,
    0x0d };			/* then YYMMDDHHMMSSZ */
static const unsigned char attr_digest[] = { 0x30, 0x2f, 0x06, 0x09, 0x2a,
    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04, 0x31, 0x22, 0x04,
    0x20 };			/* then the 32 bytes of SHA-256 */
#define ATTRS_LEN	(sizeof(attr_content_type) + \
			 sizeof(attr_signing_time) + 13 + \
			 sizeof(attr_digest) + 32)

static X509		*seal_cert;
static EVP_PKEY		*seal_key;
static EVP_MD		*seal_md;
/* Encoded once: the certificate, the signer's id, the signature algorithm. */
static unsigned char	*seal_cert_der, *seal_sid_der;
static size_t		 seal_cert_len, seal_sid_len;
static const unsigned char *seal_sig_alg;
static size_t		 seal_sig_alg_len;
/* What lib/pades.c reads: the above, the chain, the certificate's digest. */
static struct seal_id	 seal_ident;
static unsigned char	*seal_chain_der, *seal_issuer_der, *seal_serial_der;

/* The DER of issuerAndSerialNumber: the certificate's issuer and serial. */
static int
seal_encode_sid(void)
{
	unsigned char	*name = NULL, *serial = NULL, *p;
	int		 nl, sl, rc = -1;
	size_t		 hl;

	nl = i2d_X509_NAME(X509_get_issuer_name(seal_cert), &name);
	sl = i2d_ASN1_INTEGER((ASN1_INTEGER *)X509_get0_serialNumber(seal_cert),
	    &serial);
	if (nl > 0 && sl > 0) {
		hl = der_header_len((size_t)(nl + sl));
		seal_sid_len = hl + (size_t)(nl + sl);
		if ((seal_sid_der = OPENSSL_malloc(seal_sid_len)) != NULL) {
			p = der_header(seal_sid_der, 0x30, (size_t)(nl + sl));
			memcpy(p, name, (size_t)nl);
			memcpy(p + nl, serial, (size_t)sl);
			rc = 0;
		}
	}
	seal_issuer_der = name;
	seal_serial_der = serial;
	seal_ident.issuer.n = nl > 0 ? (size_t)nl : 0;
	seal_ident.serial.n = sl > 0 ? (size_t)sl : 0;
	return rc;
}

/*
 * seal.chain: the certificates above the seal's, up to its root, in the
 * order a PEM file has them; their DER one after another (PAdES embeds
 * them so that a reader can build the path without looking it up).
 */
static int
seal_load_chain(void)
{
	const char	*path = conf_str("seal.chain");
	unsigned char	*der, *p;
	X509		*x;
	FILE		*f;
	size_t		 len = 0;
	int		 n, rc = 0;

	if (path == NULL)
		return 0;
	if ((f = fopen(path, "r")) == NULL) {
		log_warnx("seal: cannot read seal.chain %s", path);
		return -1;
	}
	while (rc == 0 && (x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
		der = NULL;
		if ((n = i2d_X509(x, &der)) <= 0 || (p = OPENSSL_realloc(
		    seal_chain_der, len + (size_t)n)) == NULL)
			rc = -1;
		else {
			memcpy(p + len, der, (size_t)n);
			seal_chain_der = p;
			len += (size_t)n;
		}
		OPENSSL_free(der);
		X509_free(x);
	}
	ERR_clear_error();	/* the end of the file */
	fclose(f);
	seal_ident.chain.p = seal_chain_der;
	seal_ident.chain.n = len;
	return rc;
}

/* What a signature made in lib/pades.c needs of ours. */
static void
seal_fill_ident(void)
{
	seal_ident.cert.p = seal_cert_der;
	seal_ident.cert.n = seal_cert_len;
	seal_ident.sid.p = seal_sid_der;
	seal_ident.sid.n = seal_sid_len;
	seal_ident.sig_alg.p = seal_sig_alg;
	seal_ident.sig_alg.n = seal_sig_alg_len;
	seal_ident.issuer.p = seal_issuer_der;
	seal_ident.serial.p = seal_serial_der;
	seal_ident.sig_max = (size_t)EVP_PKEY_get_size(seal_key);
	EVP_Digest(seal_cert_der, seal_cert_len, seal_ident.cert_sha256, NULL,
	    seal_md, NULL);
}

static int
seal_load(void)
{
	const char	*cpath = conf_str("seal.cert");
	const char	*kpath = conf_str("seal.key");
	FILE		*f;
	int		 n;

	if (seal_cert_der != NULL)
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
	if (EVP_PKEY_is_a(seal_key, "EC")) {
		seal_sig_alg = alg_ecdsa_sha256;
		seal_sig_alg_len = sizeof(alg_ecdsa_sha256);
	} else if (EVP_PKEY_is_a(seal_key, "RSA")) {
		seal_sig_alg = alg_rsa;
		seal_sig_alg_len = sizeof(alg_rsa);
	} else {
		log_warnx("seal: the key must be EC or RSA");
		seal_free();
		return -1;
	}
	seal_cert_der = NULL;
	if ((n = i2d_X509(seal_cert, &seal_cert_der)) <= 0 ||
	    seal_encode_sid() == -1 ||
	    (seal_md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		log_warnx("seal: cannot encode the certificate");
		ERR_clear_error();
		seal_free();
		return -1;
	}
	seal_cert_len = (size_t)n;
	if (seal_load_chain() == -1) {
		log_warnx("seal: cannot encode seal.chain");
		seal_free();
		return -1;
	}
	seal_fill_ident();
	return 0;
}

void
seal_free(void)
{
	X509_free(seal_cert);
	EVP_PKEY_free(seal_key);
	EVP_MD_free(seal_md);
	OPENSSL_free(seal_cert_der);
	OPENSSL_free(seal_sid_der);
	OPENSSL_free(seal_chain_der);
	OPENSSL_free(seal_issuer_der);
	OPENSSL_free(seal_serial_der);
	seal_cert = NULL;
	seal_key = NULL;
	seal_md = NULL;
	seal_cert_der = seal_sid_der = seal_chain_der = NULL;
	seal_issuer_der = seal_serial_der = NULL;
	memset(&seal_ident, 0, sizeof(seal_ident));
}

/* The signed attributes' content, signed under the tag SET (RFC 5652 5.4). */
static void
seal_attrs(unsigned char attrs[ATTRS_LEN], const void *data, size_t len,
    time_t at)
{
	unsigned char	*p = attrs;
	struct tm	 tm;
	char		 utc[64];

	gmtime_r(&at, &tm);
	/* UTCTime, as RFC 5652 11.3 wants until 2049 */
	snprintf(utc, sizeof(utc), "%02d%02d%02d%02d%02d%02dZ",
	    (tm.tm_year + 1900) % 100, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	p = der_put(p, attr_content_type, sizeof(attr_content_type));
	p = der_put(p, attr_signing_time, sizeof(attr_signing_time));
	p = der_put(p, utc, 13);
	p = der_put(p, attr_digest, sizeof(attr_digest));
	EVP_Digest(data, len, p, NULL, seal_md, NULL);
}

/* The seal's signature over tbs, DER as the key's algorithm has it. */
static int
seal_sign_bytes(const void *tbs, size_t n, unsigned char *sig, size_t *siglen)
{
	EVP_MD_CTX	*c;
	int		 ok;

	if ((c = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestSignInit(c, NULL, seal_md, NULL, seal_key) == 1 &&
	    EVP_DigestSign(c, sig, siglen, tbs, n) == 1;
	EVP_MD_CTX_free(c);
	if (!ok)
		ERR_clear_error();
	return ok ? 0 : -1;
}

/* The signature over the attributes, signed under the tag SET. */
static int
seal_signature(const unsigned char attrs[ATTRS_LEN], unsigned char *sig,
    size_t *siglen)
{
	unsigned char	 tbs[2 + ATTRS_LEN];

	der_put(der_header(tbs, 0x31, ATTRS_LEN), attrs, ATTRS_LEN);
	return seal_sign_bytes(tbs, sizeof(tbs), sig, siglen);
}

const struct seal_id *
seal_id(void)
{
	return seal_load() == -1 ? NULL : &seal_ident;
}

int
seal_raw_sign(const void *tbs, size_t n, unsigned char *sig, size_t *siglen)
{
	if (seal_load() == -1 || *siglen < seal_ident.sig_max)
		return -1;
	return seal_sign_bytes(tbs, n, sig, siglen);
}

static enum gerr
seal_sign_at(struct pool *pool, const void *data, size_t len, time_t at,
    unsigned char **der, size_t *derlen)
{
	unsigned char	 attrs[ATTRS_LEN], sig[1024], *p;
	size_t		 siglen = sizeof(sig), si, sis, sd, ci;

	if (seal_load() == -1)
		return GERR_SYSTEM;
	if ((size_t)EVP_PKEY_get_size(seal_key) > sizeof(sig)) {
		log_warnx("seal: key too large");
		return GERR_SYSTEM;
	}
	seal_attrs(attrs, data, len, at);
	if (seal_signature(attrs, sig, &siglen) == -1) {
		log_warnx("seal: signature failed");
		ERR_clear_error();
		return GERR_SYSTEM;
	}
	/* The content lengths, innermost first. */
	si = sizeof(version_1) + seal_sid_len + sizeof(alg_sha256) +
	    der_header_len(ATTRS_LEN) + ATTRS_LEN + seal_sig_alg_len +
	    der_header_len(siglen) + siglen;
	sis = der_header_len(si) + si;
	sd = sizeof(version_1) + 2 + sizeof(alg_sha256) + sizeof(encap_data) +
	    der_header_len(seal_cert_len) + seal_cert_len +
	    der_header_len(sis) + sis;
	ci = sizeof(oid_signed_data) + der_header_len(der_header_len(sd) + sd) +
	    der_header_len(sd) + sd;
	*derlen = der_header_len(ci) + ci;
	if ((*der = p = pool_alloc(pool, *derlen)) == NULL)
		return GERR_NOMEM;
	p = der_header(p, 0x30, ci);			/* ContentInfo */
	p = der_put(p, oid_signed_data, sizeof(oid_signed_data));
	p = der_header(p, 0xa0, der_header_len(sd) + sd);
	p = der_header(p, 0x30, sd);			/* SignedData */
	p = der_put(p, version_1, sizeof(version_1));
	p = der_header(p, 0x31, sizeof(alg_sha256));	/* digestAlgorithms */
	p = der_put(p, alg_sha256, sizeof(alg_sha256));
	p = der_put(p, encap_data, sizeof(encap_data));	/* detached */
	p = der_header(p, 0xa0, seal_cert_len);		/* certificates */
	p = der_put(p, seal_cert_der, seal_cert_len);
	p = der_header(p, 0x31, sis);			/* signerInfos */
	p = der_header(p, 0x30, si);			/* SignerInfo */
	p = der_put(p, version_1, sizeof(version_1));
	p = der_put(p, seal_sid_der, seal_sid_len);
	p = der_put(p, alg_sha256, sizeof(alg_sha256));
	p = der_header(p, 0xa0, ATTRS_LEN);		/* signedAttrs */
	p = der_put(p, attrs, ATTRS_LEN);
	p = der_put(p, seal_sig_alg, seal_sig_alg_len);
	p = der_header(p, 0x04, siglen);
	p = der_put(p, sig, siglen);
	if ((size_t)(p - *der) != *derlen) {
		log_warnx("seal: %zu bytes written of %zu", (size_t)(p - *der),
		    *derlen);
		return GERR_SYSTEM;
	}
	return GERR_OK;
}

enum gerr
seal_sign(struct pool *pool, const void *data, size_t len,
    unsigned char **der, size_t *derlen)
{
	return seal_sign_at(pool, data, len, time(NULL), der, derlen);
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

/* The text of the first attribute nid of a name, UTF-8; NULL if none. */
static const char *
name_entry(struct pool *pool, const X509_NAME *name, int nid)
{
	const X509_NAME_ENTRY	*e;
	unsigned char		*utf8;
	const char		*s;
	int			 i, n;

	if ((i = X509_NAME_get_index_by_NID(name, nid, -1)) < 0 ||
	    (e = X509_NAME_get_entry(name, i)) == NULL ||
	    (n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e))) <= 0)
		return NULL;
	s = pool_strndup(pool, (const char *)utf8, (size_t)n);
	OPENSSL_free(utf8);
	return s;
}

/*
 * Who holds the seal, as people read it: the organisation its certificate
 * names (a qualified seal's subject is a legal person, O=), else its common
 * name.  The pages and letters add "electronic seal" in their language.
 */
const char *
seal_holder(struct pool *pool)
{
	const X509_NAME	*name;
	const char	*s;

	if (seal_load() == -1)
		return "";
	name = X509_get_subject_name(seal_cert);
	if ((s = name_entry(pool, name, NID_organizationName)) != NULL ||
	    (s = name_entry(pool, name, NID_commonName)) != NULL)
		return s;
	return seal_subject(pool);
}
