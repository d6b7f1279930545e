/*
 * Unit tests of lib/seal.c with keys and certificates made for the test:
 * a seal verifies over its data only, openssl cms agrees, and with an RSA
 * key (whose signatures are deterministic) it is the very DER that
 * OpenSSL's CMS_sign() makes at the same second.
 */
#include <unistd.h>

#include <openssl/cms.h>

#include "../../lib/seal.c"
#include "tap.h"

/* What OpenSSL's own CMS code makes of the same data at the same time. */
static int
openssl_seal(const char *data, time_t at, unsigned char **out)
{
	const int	 flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP;
	BIO		*in = BIO_new_mem_buf(data, (int)strlen(data));
	CMS_ContentInfo	*cms;
	CMS_SignerInfo	*si;
	ASN1_TIME	*t = ASN1_UTCTIME_set(NULL, at);
	int		 n = -1;

	*out = NULL;
	if ((cms = CMS_sign(seal_cert, seal_key, NULL, in,
	    flags | CMS_PARTIAL)) != NULL &&
	    (si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0)) &&
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime,
	    V_ASN1_UTCTIME, t, -1) == 1 &&
	    BIO_reset(in) >= 0 && CMS_final(cms, in, NULL, flags) == 1)
		n = i2d_CMS_ContentInfo(cms, out);
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return n;
}

int
main(void)
{
	char		 dir[] = "/tmp/guichet-seal-XXXXXX", cmd[1024], path[600];
	const char	 data[] = "{\"answers\":{\"price\":\"1500.00\"}}";
	unsigned char	*der;
	size_t		 derlen;
	struct pool	*pool = pool_new(4096);
	FILE		*f;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey rsa:2048 -nodes"
	    " -days 2 -subj '/CN=Guichet test seal/O=Test' -keyout %s/seal.key"
	    " -out %s/seal.crt 2>/dev/null", dir, dir);
	ok(system(cmd) == 0, "test key and certificate");
	ok(seal_sign(pool, data, strlen(data), &der, &derlen) == GERR_SYSTEM,
	    "no seal without configuration");
	snprintf(path, sizeof(path), "%s/seal.crt", dir);
	conf_set("seal.cert", path);
	snprintf(path, sizeof(path), "%s/seal.key", dir);
	conf_set("seal.key", path);
	ok(seal_sign(pool, data, strlen(data), &der, &derlen) == GERR_OK &&
	    derlen > 500, "sealed");
	ok(seal_verify(der, derlen, data, strlen(data)) == 0, "verifies");
	ok(seal_verify(der, derlen, data, strlen(data) - 1) == -1,
	    "one byte less does not");
	der[derlen - 10] ^= 1;
	ok(seal_verify(der, derlen, data, strlen(data)) == -1,
	    "a changed signature does not");
	der[derlen - 10] ^= 1;
	ok(strstr(seal_subject(pool), "CN=Guichet test seal") != NULL,
	    "subject for receipts");
	is_str(seal_holder(pool), "Test", "the holder, in words: its organisation");
	{
		unsigned char	*ours, *theirs;
		size_t		 ourlen;
		int		 n;
		time_t		 at = 1795000000;

		ok(seal_sign_at(pool, data, strlen(data), at, &ours,
		    &ourlen) == GERR_OK, "sealed at a given time");
		n = openssl_seal(data, at, &theirs);
		ok(n > 0 && (size_t)n == ourlen &&
		    memcmp(ours, theirs, ourlen) == 0,
		    "the same DER as OpenSSL's CMS_sign()");
		OPENSSL_free(theirs);
	}
	/* What anyone can do with the certificate and openssl. */
	snprintf(path, sizeof(path), "%s/seal.der", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(der, 1, derlen, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/data", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(data, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "openssl cms -verify -binary -inform DER"
	    " -in %s/seal.der -content %s/data -CAfile %s/seal.crt"
	    " -purpose any -out /dev/null 2>/dev/null", dir, dir, dir);
	ok(system(cmd) == 0, "openssl cms -verify agrees");
	/* The stack's kind of key: EC P-256, signatures of 70 to 72 bytes. */
	seal_free();
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec"
	    " -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
	    " -subj '/CN=Guichet EC seal' -keyout %s/seal.key"
	    " -out %s/seal.crt 2>/dev/null", dir, dir);
	ok(system(cmd) == 0, "EC key and certificate");
	{
		int	i, good = 0;

		for (i = 0; i < 50; i++)
			if (seal_sign(pool, data, strlen(data), &der,
			    &derlen) == GERR_OK &&
			    seal_verify(der, derlen, data, strlen(data)) == 0 &&
			    seal_verify(der, derlen, data, 3) == -1)
				good++;
		is_int(good, 50, "fifty EC seals verify, over their data only");
	}
	is_str(seal_holder(pool), "Guichet EC seal",
	    "no organisation: the holder is its common name");
	snprintf(path, sizeof(path), "%s/seal.der", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(der, 1, derlen, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "openssl cms -verify -binary -inform DER"
	    " -in %s/seal.der -content %s/data -CAfile %s/seal.crt"
	    " -purpose any -out /dev/null 2>/dev/null", dir, dir, dir);
	ok(system(cmd) == 0, "openssl cms -verify agrees with an EC seal");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	seal_free();
	pool_free(pool);
	return tap_done();
}
