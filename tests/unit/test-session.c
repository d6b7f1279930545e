/* Unit tests of lib/session.c without a database: the signed cookie. */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "csrf.h"
#include "session.h"
#include "tap.h"
#include "vectors.h"

/* The shared secret, as nginx and the programs read it: from a file. */
static int
secret_from(const char *s)
{
	char	path[] = "/tmp/guichet-secret-XXXXXX";
	int	fd, r;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	(void)!write(fd, s, strlen(s));
	close(fd);
	r = secret_load(path) == GERR_OK ? 0 : -1;
	unlink(path);
	return r;
}

/* The cookies both this parser and nginx's module must judge alike. */
static void
cookie_vectors(void)
{
	struct vector	 v = { .lineno = 0 };
	char		 id[65], want_id[65], name[700];
	time_t		 e;
	FILE		*f;
	int		 want, n = 0, keyed = 0;

	if ((f = vectors_open("session-cookies.txt")) == NULL)
		return;
	while (vector_next(f, &v)) {
		if (strcmp(v.key, "secret") == 0) {
			keyed = secret_from(v.input) == 0;
			ok(keyed, "the vectors' secret");
			continue;
		}
		want = vector_verdict(&v);
		snprintf(name, sizeof(name), "session-cookies.txt:%d %s: %s",
		    v.lineno, v.key, v.why);
		if (want == -1 || !keyed) {
			ok(0, name);
			continue;
		}
		ok((session_cookie_parse(v.input, id, &e) == 0) == want, name);
		if (want) {
			snprintf(want_id, sizeof(want_id), "%s", v.input);
			is_str(id, want_id, "  its id");
			is_int((long long)e, strtoll(v.input + 65, NULL, 10),
			    "  its expiry");
		}
		n++;
	}
	fclose(f);
	ok(n >= 20, "session-cookies.txt holds the vectors");
}

int
main(void)
{
	char		 id[65], got[65];
	char		 cookie[200], bad[200], hash[65];
	time_t		 exp = time(NULL) + 3600, e = 0;

	ok(secret_from("0123456789abcdef0123456789abcdef0123456789abcdef") == 0,
	    "secret");
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
	cookie_vectors();
	return tap_done();
}
