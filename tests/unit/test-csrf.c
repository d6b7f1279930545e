/* Unit tests of lib/csrf.c: secret, tokens bound to a seed, origin checks. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "csrf.h"
#include "tap.h"

int
main(void)
{
	char			 path[] = "/tmp/guichet-secret-XXXXXX";
	char			 t1[65], t2[65], hex[33];
	const char		*site;
	struct csrf_origin	 o;
	int			 fd;

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

	/* The origin is the site URL's: scheme, host and port, exactly. */
	site = "https://localhost:8443";
	ok(csrf_origin_ok(NULL, NULL, site), "no headers: token decides");
	ok(csrf_origin_ok("https://localhost:8443", "same-origin", site),
	    "same origin");
	ok(!csrf_origin_ok("https://evil.example", NULL, site),
	    "other origin refused");
	ok(!csrf_origin_ok(NULL, "cross-site", site),
	    "Sec-Fetch-Site cross-site refused");
	ok(!csrf_origin_ok(NULL, "same-site", site),
	    "Sec-Fetch-Site same-site refused");
	ok(csrf_origin_ok(NULL, "none", site),
	    "Sec-Fetch-Site none (typed in)");
	ok(!csrf_origin_ok("null", NULL, site), "null origin refused");
	ok(!csrf_origin_ok("http://localhost:8443", NULL, site),
	    "attack: the same host and port over plain HTTP");
	ok(!csrf_origin_ok("https://localhost:8443.evil.example", NULL, site),
	    "attack: the port followed by another domain");
	ok(!csrf_origin_ok("https://localhost:8444", NULL, site),
	    "another port of the same host");
	ok(!csrf_origin_ok("https://localhost", NULL, site),
	    "no port is 443, not the site's 8443");
	ok(!csrf_origin_ok("https://localhost.evil.example:8443", NULL, site),
	    "a longer name is another host");
	ok(!csrf_origin_ok("https://evil.example:8443", NULL, site),
	    "same port, other host");
	ok(!csrf_origin_ok("https://localhost:8443@evil.example", NULL, site),
	    "user information is no origin");
	ok(!csrf_origin_ok("https://evil.example#@localhost:8443", NULL, site),
	    "a fragment is no origin");
	ok(!csrf_origin_ok("https://localhost:8443/", NULL, site),
	    "an origin has no path");
	ok(!csrf_origin_ok("https://localhost:08443", NULL, site),
	    "a port with a leading zero is not how a browser writes it");
	ok(!csrf_origin_ok("https://localhost:+8443", NULL, site),
	    "a port with a sign");
	ok(!csrf_origin_ok("https://localhost:", NULL, site), "an empty port");
	ok(!csrf_origin_ok("https://localhost:99999", NULL,
	    "https://localhost:99999"), "a port past 65535");
	ok(!csrf_origin_ok("https://localhost:8443 ", NULL, site),
	    "a trailing space");
	ok(!csrf_origin_ok("ftp://localhost:8443", NULL, site),
	    "odd scheme refused");
	ok(!csrf_origin_ok("https://localhost:8443", NULL, NULL),
	    "no site URL: refused");

	ok(csrf_origin_ok("https://guichet.example.be", NULL,
	    "https://guichet.example.be"), "default port omitted on both");
	ok(csrf_origin_ok("https://guichet.example.be", NULL,
	    "https://guichet.example.be:443/"),
	    "default port written in the site URL");
	ok(csrf_origin_ok("https://guichet.example.be:443", NULL,
	    "https://guichet.example.be"),
	    "default port written in the origin");
	ok(!csrf_origin_ok("http://guichet.example.be", NULL,
	    "https://guichet.example.be"),
	    "HTTP's default port is not HTTPS's");
	ok(csrf_origin_ok("https://Guichet.Example.BE", NULL,
	    "https://guichet.example.be/"), "uppercase host");
	ok(csrf_origin_ok("HTTPS://guichet.example.be", NULL,
	    "https://guichet.example.be"), "uppercase scheme");
	ok(csrf_origin_ok("https://[::1]:8443", NULL, "https://[::1]:8443"),
	    "IPv6 literal");
	ok(csrf_origin_ok("https://[2001:DB8::1]", NULL,
	    "https://[2001:db8::1]/guichet"),
	    "IPv6 literal in upper case, a path in the site URL");
	ok(!csrf_origin_ok("https://[::1]:8443", NULL, "https://[::2]:8443"),
	    "another IPv6 address");
	ok(!csrf_origin_ok("https://[::1", NULL, "https://[::1]"),
	    "an unclosed IPv6 literal");
	ok(!csrf_origin_ok("https://[::1]x", NULL, "https://[::1]"),
	    "text after an IPv6 literal");
	ok(!csrf_origin_ok("https://[::g]", NULL, "https://[::g]"),
	    "a letter no IPv6 address has");
	ok(!csrf_origin_ok("https://", NULL, "https://"), "no host");

	ok(csrf_origin_parse("https://LocalHost:8443/x?y", 1, &o) == 0 &&
	    strcmp(o.scheme, "https") == 0 &&
	    strcmp(o.host, "localhost") == 0 && o.port == 8443,
	    "a site URL's origin: scheme, host in lower case, port");
	ok(csrf_origin_parse("http://a", 0, &o) == 0 && o.port == 80,
	    "HTTP's default port");
	ok(csrf_origin_parse("https://a/x", 0, &o) == -1,
	    "a path only where a URL is expected");
	return tap_done();
}
