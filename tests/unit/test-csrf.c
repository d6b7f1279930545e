/* Unit tests of lib/csrf.c: secret, tokens bound to a seed, origin checks. */
#include <fcntl.h>
#include <unistd.h>

#include "crypto.h"
#include "csrf.h"
#include "tap.h"

int
main(void)
{
	char	 path[] = "/tmp/guichet-secret-XXXXXX", t1[65], t2[65], hex[33];
	int	 fd;

	fd = mkstemp(path);
	(void)!write(fd, "short", 5);
	close(fd);
	ok(secret_load(path) != GERR_OK, "a secret under 32 bytes is refused");
	fd = open(path, O_WRONLY | O_TRUNC);
	(void)!write(fd, "0123456789abcdef0123456789abcdef0123", 36);
	close(fd);
	ok(secret_load(path) == GERR_OK, "secret loaded");
	unlink(path);

	csrf_token("0123456789abcdef0123456789abcdef", t1);
	csrf_token("0123456789abcdef0123456789abcdef", t2);
	is_str(t1, t2, "same seed, same token");
	/* HMAC-SHA256 as RFC 2104 has it (Python's hmac gave these) */
	is_str(t1, "f6b671c77462e4f6956ab8bef5e50dad34fe3362207af58197b99cb820ec5426",
	    "token is HMAC-SHA256(secret, \"csrf|\" seed)");
	secret_mac_hex("sess|ab.1", 9, t2);
	is_str(t2, "a3414315fe282f8080abe7fdaf4c524acdc1eb2ac786cb924929c22deea72c8d",
	    "the keyed-once MAC again, on another message");
	csrf_token("0123456789abcdef0123456789abcdef", t2);
	is_int((long long)strlen(t1), 64, "token is 64 hex digits");
	ok(csrf_token_ok("0123456789abcdef0123456789abcdef", t1), "token accepted for its seed");
	ok(!csrf_token_ok("fedcba9876543210fedcba9876543210", t1), "token of another seed refused");
	t2[10] = t2[10] == 'a' ? 'b' : 'a';
	ok(!csrf_token_ok("0123456789abcdef0123456789abcdef", t2), "altered token refused");
	ok(!csrf_token_ok("0123456789abcdef0123456789abcdef", NULL), "missing token refused");
	ok(!csrf_token_ok("", t1), "empty seed refused");
	ok(!csrf_token_ok("0123456789abcdef0123456789abcdef", "abc"), "short token refused");

	ok(random_hex(hex, 16) == 0 && strlen(hex) == 32, "random hex");
	ok(strspn(hex, "0123456789abcdef") == 32, "random hex is hex");

	ok(csrf_origin_ok(NULL, NULL, "localhost:8443"), "no headers: token decides");
	ok(csrf_origin_ok("https://localhost:8443", "same-origin",
	    "localhost:8443"), "same origin");
	ok(!csrf_origin_ok("https://evil.example", NULL, "localhost:8443"),
	    "other origin refused");
	ok(!csrf_origin_ok(NULL, "cross-site", "localhost:8443"),
	    "Sec-Fetch-Site cross-site refused");
	ok(!csrf_origin_ok(NULL, "same-site", "localhost:8443"),
	    "Sec-Fetch-Site same-site refused");
	ok(!csrf_origin_ok("null", NULL, "localhost:8443"), "null origin refused");
	ok(csrf_origin_ok("https://localhost:8443", "same-origin", "localhost"),
	    "nginx gives the host without its port");
	ok(csrf_origin_ok("https://Guichet.Example.BE", NULL,
	    "guichet.example.be"), "host names compare without case");
	ok(!csrf_origin_ok("https://localhost.evil.example", NULL, "localhost"),
	    "a longer name is another host");
	ok(!csrf_origin_ok("https://evil.example:443", NULL, "localhost:443"),
	    "same port, other host");
	ok(csrf_origin_ok("https://[::1]:8443", NULL, "[::1]"), "IPv6 literal");
	ok(!csrf_origin_ok("ftp://localhost", NULL, "localhost"), "odd scheme refused");
	return tap_done();
}
