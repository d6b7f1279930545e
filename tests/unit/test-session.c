/* Unit tests of lib/session.c without a database: the signed cookie. */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "csrf.h"
#include "session.h"
#include "tap.h"

int
main(void)
{
	char		 path[] = "/tmp/guichet-secret-XXXXXX", id[65], got[65];
	char		 cookie[200], bad[200], hash[65];
	time_t		 exp = time(NULL) + 3600, e = 0;
	int		 fd;

	fd = mkstemp(path);
	(void)!write(fd, "0123456789abcdef0123456789abcdef0123456789abcdef", 48);
	close(fd);
	ok(secret_load(path) == GERR_OK, "secret");
	unlink(path);
	strcpy(id, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

	ok(session_cookie_make(id, exp, cookie, sizeof(cookie)) == 0, "make");
	ok(session_cookie_parse(cookie, got, &e) == 0, "a cookie we made parses");
	is_str(got, id, "its id");
	is_int((long long)e, (long long)exp, "its expiry");

	strcpy(bad, cookie);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	ok(session_cookie_parse(bad, got, &e) == -1, "a changed MAC is refused");
	strcpy(bad, cookie);
	bad[0] = bad[0] == '0' ? '1' : '0';
	ok(session_cookie_parse(bad, got, &e) == -1, "a changed id is refused");
	snprintf(bad, sizeof(bad), "%.*s.%lld%s", 64, cookie,
	    (long long)exp + 10, strchr(strchr(cookie, '.') + 1, '.'));
	ok(session_cookie_parse(bad, got, &e) == -1, "a later expiry is refused");
	session_cookie_make(id, time(NULL) - 1, bad, sizeof(bad));
	ok(session_cookie_parse(bad, got, &e) == -1, "an expired cookie is refused");
	ok(session_cookie_parse("", got, &e) == -1, "empty");
	ok(session_cookie_parse(NULL, got, &e) == -1, "absent");
	ok(session_cookie_parse("a.b.c", got, &e) == -1, "malformed");
	strcpy(bad, cookie);
	bad[3] = 'A';
	ok(session_cookie_parse(bad, got, &e) == -1, "upper-case hex is refused");
	ok(session_cookie_make(id, exp, bad, 20) == -1, "too small a buffer");

	session_token_hash(id, hash);
	is_int((long long)strlen(hash), 64, "the stored hash is SHA-256 in hex");
	ok(strcmp(hash, id) != 0, "and not the id");
	return tap_done();
}
