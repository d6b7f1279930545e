/*
 * Unit tests of lib/seal.c with a key and certificate made for the test:
 * a seal verifies over its data only, and openssl cms agrees.
 */
#include <unistd.h>

#include "conf.h"
#include "seal.h"
#include "tap.h"

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
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	seal_free();
	pool_free(pool);
	return tap_done();
}
