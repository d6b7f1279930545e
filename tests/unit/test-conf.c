/*
 * Unit tests of lib/conf.c and its table: each type's parsing, defaults,
 * refusals with file:line, the reference in docs/ and every key the tree
 * reads declared.
 */
#include <sys/wait.h>

#include <ftw.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"

static char	tmp_path[64];

static const char *
write_tmp(const char *content)
{
	int	fd;

	if (tmp_path[0] != '\0')
		unlink(tmp_path);
	strcpy(tmp_path, "/tmp/guichet-conf-XXXXXX");
	fd = mkstemp(tmp_path);
	(void)!write(fd, content, strlen(content));
	close(fd);
	return tmp_path;
}

/* What conf_check says of content, in a static buffer; its result in rc. */
static const char *
check_says(const char *content, enum gerr *rc)
{
	static char	 said[4096];
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*out = open_memstream(&buf, &len);

	*rc = conf_check(write_tmp(content), out);
	fclose(out);
	snprintf(said, sizeof(said), "%s", buf != NULL ? buf : "");
	free(buf);
	return said;
}

/* Whether conf_check refuses "key = value", saying want at line 1. */
static int
refused(const char *key, const char *value, const char *want)
{
	char		 line[512], expect[200];
	const char	*said;
	enum gerr	 rc;

	snprintf(line, sizeof(line), "%s = %s\n", key, value);
	said = check_says(line, &rc);
	snprintf(expect, sizeof(expect), "%s:1: %s", tmp_path, key);
	if (rc == GERR_INPUT && strncmp(said, expect, strlen(expect)) == 0 &&
	    strstr(said, want) != NULL)
		return 1;
	printf("#   said: %s#   want: %s ... %s\n", said, expect, want);
	return 0;
}

static int
accepted(const char *key, const char *value)
{
	char	line[512];

	snprintf(line, sizeof(line), "%s = %s\n", key, value);
	conf_free();
	return conf_load(write_tmp(line)) == GERR_OK;
}

static void
test_table(void)
{
	const struct conf_key	*k, *to;
	size_t			 i;
	int			 sorted = 1, documented = 1, ranges = 1;
	int			 inherit = 1;

	ok(conf_nkeys >= 40, "the table declares the keys");
	for (i = 0; i < conf_nkeys; i++) {
		k = &conf_keys[i];
		if (i > 0 && strcmp(conf_keys[i - 1].name, k->name) >= 0) {
			sorted = 0;
			printf("#   %s after %s\n", k->name,
			    conf_keys[i - 1].name);
		}
		if (k->doc == NULL || *k->doc == '\0' ||
		    strpbrk(k->doc, "|\n") != NULL)
			documented = 0;
		if ((k->type == CONF_INT || k->type == CONF_SIZE) &&
		    (k->min > k->max || (k->type == CONF_INT &&
		    (k->min < INT_MIN || k->max > INT_MAX))))
			ranges = 0;
		to = k->same_as ? conf_key_find(k->same_as) : NULL;
		if (k->same_as != NULL && (to == NULL || to->type != k->type ||
		    k->dfl != NULL))
			inherit = 0;
	}
	ok(sorted, "sorted by name, each once (bsearch finds them)");
	ok(documented, "each key has one line of doc, without '|'");
	ok(ranges, "each range has min <= max, integers within int");
	ok(inherit, "same_as names a key of the same type, without default");
}

static void
test_defaults(void)
{
	conf_free();
	is_int(conf_int("fastcgi.workers"), 2, "default integer");
	ok(conf_size("limits.form_max") == 1048576, "default size");
	is_int(conf_bool("smtp.starttls"), 0, "default boolean");
	is_str(conf_str("templates.dir"), "/usr/share/guichet/templates",
	    "default path");
	ok(conf_str("registers.url") == NULL, "a key without default is unset");
	is_str(conf_str("fastcgi.socket_group"), "", "an empty default");
	is_str(conf_str("db.staff_conninfo"), "dbname=guichet",
	    "an unset same_as key takes the other's value");
}

static void
test_load(void)
{
	const char	*path;

	path = write_tmp("# comment\n\n"
	    "db.conninfo = host=/x dbname=g\n"
	    "  fastcgi.workers=3  \n"
	    "limits.form_max = 2m\n"
	    "limits.field_max = 128K\n"
	    "smtp.starttls = yes\n"
	    "webhooks.allow = apps.internal:8443 [::1]:9000\n"
	    "fastcgi.socket_group =\n");
	ok(conf_load(path) == GERR_OK, "a good file loads");
	is_str(conf_str("db.conninfo"), "host=/x dbname=g",
	    "a value keeps inner spaces and '='");
	is_int(conf_int("fastcgi.workers"), 3, "spaces around are trimmed");
	ok(conf_size("limits.form_max") == 2 << 20, "m is 1024 * 1024");
	ok(conf_size("limits.field_max") == 128 << 10, "K is 1024");
	is_int(conf_bool("smtp.starttls"), 1, "yes is true");
	is_str(conf_str("db.staff_conninfo"), "host=/x dbname=g",
	    "same_as follows the file");
	is_str(conf_str("fastcgi.socket_group"), "", "an empty value is one");
	is_int(conf_int("notify.batch"), 100, "what the file lacks: default");
	is_str(conf_path(), path, "the path is remembered");
	conf_free();
	is_int(conf_int("fastcgi.workers"), 2, "free forgets the file");

	ok(accepted("db.staff_conninfo", "dbname=staff") &&
	    strcmp(conf_str("db.staff_conninfo"), "dbname=staff") == 0 &&
	    strcmp(conf_str("db.conninfo"), "dbname=guichet") == 0,
	    "a same_as key set is its own");
}

static void
test_refusals(void)
{
	const char	*said;
	enum gerr	 rc;

	said = check_says("# first\nno.such_key = 1\n", &rc);
	ok(rc == GERR_INPUT && strncmp(said, tmp_path, strlen(tmp_path)) == 0 &&
	    strcmp(said + strlen(tmp_path), ":2: unknown key \"no.such_key\"\n")
	    == 0, "an unknown key is refused with file and line");
	said = check_says("fastcgi.workers = 2\n# two\n\nfastcgi.workers = 3\n",
	    &rc);
	ok(rc == GERR_INPUT && strstr(said,
	    ":4: fastcgi.workers set again (first at line 1)") != NULL,
	    "a key given twice is refused at the second line");
	said = check_says("limits.form_max = 1g\nbogus = x\nlanguages = fr\n",
	    &rc);
	ok(rc == GERR_INPUT && strstr(said, ":1: limits.form_max") &&
	    strstr(said, ":2: unknown key") && strstr(said, ":3: unknown key"),
	    "every problem is reported, not only the first");
	ok(refused("fastcgi.workers", "two", "fastcgi.workers: \"two\" is not "
	    "an integer"), "a word is not an integer");
	said = check_says("no equals sign\n", &rc);
	ok(rc == GERR_INPUT && strstr(said, ":1: expected key = value") != NULL,
	    "a line without '=' is refused");

	conf_free();
	ok(conf_load(write_tmp("fastcgi.workers = 3\nbogus.key = 1\n")) ==
	    GERR_INPUT, "conf_load refuses an unknown key");
	is_int(conf_int("fastcgi.workers"), 2, "and keeps nothing of the file");
	ok(conf_path() == NULL, "nor its path");
	ok(conf_load("/nonexistent/guichet.conf") == GERR_SYSTEM,
	    "a missing file is an error");
	conf_free();
}

static void
test_ranges(void)
{
	ok(refused("limits.form_max", "3000000000", "limits.form_max: "
	    "3000000000 is above the maximum, 67108864"),
	    "limits.form_max over 64m is refused, not truncated");
	ok(refused("limits.form_max", "99999999999999999999",
	    "limits.form_max: 99999999999999999999 is out of range"),
	    "a size past 64 bits is refused");
	ok(refused("limits.form_max", "17179869184g",
	    "limits.form_max: 17179869184g is out of range"),
	    "a size whose unit overflows is refused");
	ok(refused("limits.form_max", "512", "limits.form_max: 512 is below "
	    "the minimum, 1024"), "below a size's minimum");
	ok(refused("fastcgi.workers", "0", "fastcgi.workers: 0 is below the "
	    "minimum, 1"), "below an integer's minimum");
	ok(refused("fastcgi.workers", "65", "fastcgi.workers: 65 is above the "
	    "maximum, 64"), "above an integer's maximum");
	ok(refused("notify.batch", "9223372036854775808",
	    "notify.batch: 9223372036854775808 is out of range, 1 to 10000"),
	    "an integer past 64 bits is refused");
	ok(accepted("fastcgi.workers", "64") && conf_int("fastcgi.workers") ==
	    64, "the maximum itself is allowed");
	ok(accepted("api.settle_seconds", "0") &&
	    conf_int("api.settle_seconds") == 0, "so is the minimum");
	ok(accepted("limits.form_max", "64m") &&
	    conf_size("limits.form_max") == 64 << 20, "64m is the top");
}

static void
test_types(void)
{
	ok(accepted("api.settle_seconds", "-0") &&
	    accepted("api.settle_seconds", "+7") &&
	    conf_int("api.settle_seconds") == 7, "integer with a sign");
	ok(refused("notify.batch", "12x", "is not an integer") &&
	    refused("notify.batch", "1.5", "is not an integer"),
	    "integer with trailing bytes");
	ok(accepted("forms.bytes_max", "4G") &&
	    conf_size("forms.bytes_max") == 4ULL << 30, "size in g");
	ok(accepted("forms.bytes_max", "70000") &&
	    conf_size("forms.bytes_max") == 70000, "size in bytes");
	ok(refused("forms.bytes_max", "1.5m", "is not a size") &&
	    refused("forms.bytes_max", "-1", "is not a size") &&
	    refused("forms.bytes_max", "10 m", "is not a size") &&
	    refused("forms.bytes_max", "1t", "is not a size") &&
	    refused("forms.bytes_max", "1mb", "is not a size"),
	    "sizes that are not");
	ok(accepted("smtp.starttls", "On") && conf_bool("smtp.starttls") &&
	    accepted("smtp.starttls", "true") && conf_bool("smtp.starttls") &&
	    accepted("smtp.starttls", "0") && !conf_bool("smtp.starttls") &&
	    accepted("smtp.starttls", "NO") && !conf_bool("smtp.starttls"),
	    "booleans");
	ok(refused("smtp.starttls", "maybe", "is not yes or no"),
	    "a boolean that is not");
	ok(accepted("seal.key", "/etc/guichet/seal.key") &&
	    refused("seal.key", "seal.key", "is not an absolute path"),
	    "a path must be absolute");
	ok(accepted("smtp.url", "smtps://mail.example.be:465") &&
	    accepted("registers.url", "http://127.0.0.1:9000/base"),
	    "URLs");
	ok(refused("smtp.url", "mail.example.be:25", "is not a URL") &&
	    refused("site.url", "https://", "is not a URL") &&
	    refused("site.url", "https:///x", "is not a URL") &&
	    refused("site.url", "https://a b", "is not a URL") &&
	    refused("site.url", "1http://a", "is not a URL"),
	    "URLs that are not");
	ok(accepted("smtp.from", "guichet@localhost"), "an address");
	ok(refused("smtp.from", "guichet", "is not an address") &&
	    refused("smtp.from", "@b", "is not an address") &&
	    refused("smtp.from", "a@b@c", "is not an address") &&
	    refused("smtp.from", "Guichet <a@b>", "is not an address"),
	    "addresses that are not");
	ok(accepted("webhooks.allow", "") &&
	    accepted("webhooks.allow", "a.example:443  b-c:1 [::1]:65535"),
	    "host:port lists");
	ok(refused("webhooks.allow", "a.example", "\"a.example\" is not "
	    "host:port") && refused("webhooks.allow", "a:0", "is not") &&
	    refused("webhooks.allow", "a:65536", "is not") &&
	    refused("webhooks.allow", "a:1 a/b:2", "\"a/b:2\" is not") &&
	    refused("webhooks.allow", ":80", "is not"),
	    "host:port lists that are not");
	conf_free();
	ok(conf_set("registers.url", "http://127.0.0.1:1") == GERR_OK &&
	    strcmp(conf_str("registers.url"), "http://127.0.0.1:1") == 0,
	    "conf_set sets");
	ok(conf_set("limits.form_max", "1g") == GERR_INPUT &&
	    conf_size("limits.form_max") == 1 << 20,
	    "conf_set checks the range and keeps the old value");
	ok(conf_set("db.conninfo", "a\001b") == GERR_INPUT,
	    "a control character is refused");
	ok(conf_set("no.such", "x") == GERR_INPUT, "conf_set refuses unknown");
	conf_free();
}

static void
test_long_line(void)
{
	char		*big = malloc(6000);
	enum gerr	 rc;
	const char	*said;

	memset(big, 'x', 5998);
	memcpy(big, "db.conninfo = ", 14);
	big[5998] = '\n';
	big[5999] = '\0';
	said = check_says(big, &rc);
	ok(rc == GERR_INPUT && strstr(said, ":1: line longer than") != NULL,
	    "a line too long is refused, not split");
	free(big);
}

/* Whether calling what in a child aborts it. */
static int
aborts(void (*what)(void))
{
	pid_t	pid;
	int	st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		(void)!freopen("/dev/null", "w", stderr);
		what();
		_exit(0);
	}
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGABRT;
}

static void read_undeclared(void) { (void)conf_int("no.such.key"); }
static void read_mistyped(void) { (void)conf_int("site.url"); }
static void read_size_as_int(void) { (void)conf_int("limits.form_max"); }

/* Calls of the typed getters across lib/ and cgi-bin/. */
static regex_t	re_call, re_any;
static int	calls, undeclared, mistyped, indirect;
static char	read_keys[256];	/* which of conf_keys were read */

static enum conf_type
getter_type(const char *name, size_t len)
{
	if (len == 3 && strncmp(name, "int", 3) == 0)
		return CONF_INT;
	if (len == 4 && strncmp(name, "size", 4) == 0)
		return CONF_SIZE;
	if (len == 4 && strncmp(name, "bool", 4) == 0)
		return CONF_BOOL;
	return CONF_STRING;	/* str: any of the textual types */
}

static void
source_calls(const char *path, const char *text)
{
	const struct conf_key	*k;
	const char		*p;
	regmatch_t		 m[4];
	enum conf_type		 want;
	char			 key[128];
	size_t			 n;

	for (p = text; regexec(&re_call, p, 4, m, 0) == 0; p += m[0].rm_eo) {
		calls++;
		n = (size_t)(m[3].rm_eo - m[3].rm_so);
		snprintf(key, sizeof(key), "%.*s", (int)n, p + m[3].rm_so);
		want = getter_type(p + m[2].rm_so,
		    (size_t)(m[2].rm_eo - m[2].rm_so));
		if ((k = conf_key_find(key)) == NULL) {
			undeclared++;
			printf("#   %s: %s is not declared\n", path, key);
			continue;
		}
		read_keys[k - conf_keys] = 1;
		if (want == CONF_STRING ? (k->type == CONF_INT ||
		    k->type == CONF_SIZE || k->type == CONF_BOOL) :
		    k->type != want) {
			mistyped++;
			printf("#   %s: %s read with another type's getter\n",
			    path, key);
		}
	}
	if (strstr(path, "/lib/conf.") != NULL)
		return;
	for (p = text; regexec(&re_any, p, 1, m, 0) == 0; p += m[0].rm_eo) {
		indirect++;
		printf("#   %s: a getter called with no literal key\n", path);
	}
}

static int
source_file(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	FILE	*in;
	char	*text;
	size_t	 n, len = strlen(path);

	(void)f;
	if (flag != FTW_F || len < 2 || (strcmp(path + len - 2, ".c") != 0 &&
	    strcmp(path + len - 2, ".h") != 0))
		return 0;
	if ((in = fopen(path, "r")) == NULL ||
	    (text = malloc((size_t)st->st_size + 1)) == NULL)
		return -1;
	n = fread(text, 1, (size_t)st->st_size, in);
	text[n] = '\0';
	fclose(in);
	source_calls(path, text);
	free(text);
	return 0;
}

static void
test_tree(void)
{
	char	dir[PATH_MAX];
	size_t	i;
	int	unread = 0;

	regcomp(&re_call, "(^|[^A-Za-z0-9_])conf_(str|int|size|bool)\\("
	    "[[:space:]]*\"([^\"]*)\"", REG_EXTENDED);
	regcomp(&re_any, "(^|[^A-Za-z0-9_])conf_(str|int|size|bool)\\("
	    "[[:space:]]*[^\"[:space:]]", REG_EXTENDED);
	snprintf(dir, sizeof(dir), "%s/lib", srcdir());
	ok(nftw(dir, source_file, 16, FTW_PHYS) == 0, "lib/ read");
	snprintf(dir, sizeof(dir), "%s/cgi-bin", srcdir());
	ok(nftw(dir, source_file, 16, FTW_PHYS) == 0, "cgi-bin/ read");
	ok(calls >= 40, "the getters' calls found");
	is_int(undeclared, 0, "every key read in the tree is declared");
	is_int(mistyped, 0, "and read with the getter of its type");
	is_int(indirect, 0, "every getter is called with a literal key");
	for (i = 0; i < conf_nkeys; i++)
		if (!read_keys[i]) {
			unread++;
			printf("#   %s is declared, read nowhere\n",
			    conf_keys[i].name);
		}
	is_int(unread, 0, "every declared key is read somewhere");
	regfree(&re_call);
	regfree(&re_any);
}

static void
test_files(void)
{
	char		 path[PATH_MAX], *want = NULL, *got = NULL;
	size_t		 wantlen = 0, gotlen = 0;
	FILE		*f;
	enum gerr	 rc;
	int		 c;

	snprintf(path, sizeof(path), "%s/conf/guichet.conf", srcdir());
	rc = conf_check(path, stdout);
	ok(rc == GERR_OK, "conf/guichet.conf as shipped is accepted");

	f = open_memstream(&got, &gotlen);
	conf_reference(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/docs/configuration.md", srcdir());
	if ((f = fopen(path, "r")) != NULL) {
		FILE	*w = open_memstream(&want, &wantlen);

		while ((c = getc(f)) != EOF)
			putc(c, w);
		fclose(w);
		fclose(f);
	}
	ok(want != NULL && strcmp(got, want) == 0, "docs/configuration.md is "
	    "what the table generates (guichet-admin conf reference)");
	ok(strstr(got, "| `limits.form_max` | size | `1048576` | 1k to 64m |")
	    != NULL, "the reference shows a size's type, default and range");
	free(got);
	free(want);
}

int
main(void)
{
	test_table();
	test_defaults();
	test_load();
	test_refusals();
	test_ranges();
	test_types();
	test_long_line();
	ok(aborts(read_undeclared), "reading an undeclared key aborts");
	ok(aborts(read_mistyped), "reading a URL as an integer aborts");
	ok(aborts(read_size_as_int), "reading a size as an integer aborts");
	test_tree();
	test_files();
	unlink(tmp_path);
	return tap_done();
}
