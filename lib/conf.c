/* guichet.conf: read against the table of declared keys, refused at the first doubt. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "log.h"

#define CONF_KEYS_MAX	128	/* conf_keys[] may not grow past it */
#define CONF_LINE_MAX	4096

struct conf_value {
	const char	*text;	/* the default's, or owned's; NULL: unset */
	char		*owned;	/* a copy of what the file or conf_set said */
	long long	 num;	/* CONF_INT, CONF_SIZE, CONF_BOOL */
	unsigned	 line;	/* where the file set it; 0: it did not */
};

typedef int	conf_parse_fn(const struct conf_key *, const char *,
		    long long *, char *, size_t);

static conf_parse_fn	parse_string, parse_int, parse_size, parse_bool,
			parse_path, parse_url, parse_email, parse_hostports;

/* Each type's check, and how the reference names and explains it. */
static const struct conf_type_def {
	const char	*name;
	const char	*syntax;
	conf_parse_fn	*parse;
} conf_types[CONF__MAX] = {
	[CONF_STRING] = { "string",
	    "text up to the end of the line, possibly empty", parse_string },
	[CONF_INT] = { "integer",
	    "decimal digits, with a minus sign if negative", parse_int },
	[CONF_SIZE] = { "size",
	    "bytes: digits, then `k`, `m` or `g` for 1024, 1024² or 1024³",
	    parse_size },
	[CONF_BOOL] = { "boolean",
	    "`yes` or `no` (also `on`/`off`, `true`/`false`, `1`/`0`)",
	    parse_bool },
	[CONF_PATH] = { "path", "an absolute path", parse_path },
	[CONF_URL] = { "URL", "`scheme://host[:port][/path]`, without spaces",
	    parse_url },
	[CONF_EMAIL] = { "email", "`local@domain`", parse_email },
	[CONF_HOSTPORTS] = { "host:port list",
	    "`host:port` pairs separated by spaces, possibly none",
	    parse_hostports },
};

static struct conf_value	 conf_values[CONF_KEYS_MAX];
static int			 conf_ready;	/* conf_values has defaults */
static char			*conf_file;

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
has_control(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 && *v != '\t')
			return 1;
	return 0;
}

static int
parse_string(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	(void)k;
	*num = 0;
	if (has_control(v)) {
		snprintf(why, whylen, "control characters in the value");
		return -1;
	}
	return 0;
}

/* n within k's range; overflow: the text did not even fit in n. */
static int
in_range(const struct conf_key *k, const char *v, long long n, int overflow,
    char *why, size_t whylen)
{
	if (overflow)
		snprintf(why, whylen, "%.64s is out of range, %lld to %lld", v,
		    k->min, k->max);
	else if (n < k->min)
		snprintf(why, whylen, "%lld is below the minimum, %lld", n,
		    k->min);
	else if (n > k->max)
		snprintf(why, whylen, "%lld is above the maximum, %lld", n,
		    k->max);
	else
		return 0;
	return -1;
}

static int
parse_int(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	char	*end;

	errno = 0;
	*num = strtoll(v, &end, 10);
	if (end == v || *end != '\0' || isspace((unsigned char)*v)) {
		snprintf(why, whylen, "\"%.64s\" is not an integer", v);
		return -1;
	}
	return in_range(k, v, *num, errno == ERANGE, why, whylen);
}

static int
parse_size(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	static const char	 units[] = "kmg";
	const char		*u = NULL;
	char			*end = NULL;
	long long		 mult = 1;
	int			 overflow;

	errno = 0;
	*num = isdigit((unsigned char)*v) ? strtoll(v, &end, 10) : -1;
	if (*num == -1 || (end[0] != '\0' && end[1] != '\0') ||
	    (end[0] != '\0' &&
	    (u = strchr(units, tolower((unsigned char)end[0]))) == NULL)) {
		snprintf(why, whylen, "\"%.64s\" is not a size (digits, then "
		    "k, m or g)", v);
		return -1;
	}
	if (end[0] != '\0')
		mult = 1LL << (10 * (u - units + 1));
	overflow = errno == ERANGE || *num > LLONG_MAX / mult;
	if (!overflow)
		*num *= mult;
	return in_range(k, v, *num, overflow, why, whylen);
}

static int
parse_bool(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	static const char	*words[] = { "no", "yes", "off", "on",
				    "false", "true", "0", "1" };
	size_t			 i;

	(void)k;
	for (i = 0; i < nitems(words); i++)
		if (strcasecmp(v, words[i]) == 0) {
			*num = (long long)(i % 2);
			return 0;
		}
	snprintf(why, whylen, "\"%.64s\" is not yes or no", v);
	return -1;
}

static int
parse_path(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	if (parse_string(k, v, num, why, whylen) == -1)
		return -1;
	if (v[0] != '/') {
		snprintf(why, whylen, "\"%.64s\" is not an absolute path", v);
		return -1;
	}
	return 0;
}

static int
parse_url(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	const char	*p = v;

	*num = 0;
	(void)k;
	while (isalnum((unsigned char)*p) || (p > v && strchr("+.-", *p)))
		p++;
	if (p == v || !isalpha((unsigned char)*v) || strncmp(p, "://", 3) != 0 ||
	    strchr("/:?#", p[3]) != NULL || strpbrk(v, " \t\"<>\\") != NULL ||
	    has_control(v)) {
		snprintf(why, whylen, "\"%.64s\" is not a URL "
		    "(scheme://host...)", v);
		return -1;
	}
	return 0;
}

static int
parse_email(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	const char	*at = strchr(v, '@');

	*num = 0;
	(void)k;
	if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') ||
	    strpbrk(v, " \t\"<>(),;:\\[]") != NULL || has_control(v)) {
		snprintf(why, whylen, "\"%.64s\" is not an address "
		    "(local@domain)", v);
		return -1;
	}
	return 0;
}

/* One "host:port" of n bytes: a name or [IPv6], a port 1 to 65535. */
static int
hostport_ok(const char *s, size_t n)
{
	const char	*colon = NULL, *p;
	long		 port = 0;

	for (p = s; p < s + n; p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL || colon == s || colon + 1 == s + n ||
	    colon + 6 < s + n)
		return 0;
	for (p = colon + 1; p < s + n; p++) {
		if (!isdigit((unsigned char)*p))
			return 0;
		port = port * 10 + (*p - '0');
	}
	if (s[0] == '[')
		return colon[-1] == ']' && port >= 1 && port <= 65535;
	for (p = s; p < colon; p++)
		if (!isalnum((unsigned char)*p) && strchr("-._", *p) == NULL)
			return 0;
	return port >= 1 && port <= 65535;
}

static int
parse_hostports(const struct conf_key *k, const char *v, long long *num,
    char *why, size_t whylen)
{
	const char	*p = v;
	size_t		 n;

	*num = 0;
	(void)k;
	while (*p != '\0') {
		n = strcspn(p, " ");
		if (n > 0 && !hostport_ok(p, n)) {
			snprintf(why, whylen, "\"%.*s\" is not host:port",
			    (int)(n < 64 ? n : 64), p);
			return -1;
		}
		p += n + strspn(p + n, " ");
	}
	return 0;
}

/* bsearch's comparison: a name against a key. */
static int
key_cmp(const void *name, const void *key)
{
	return strcmp(name, ((const struct conf_key *)key)->name);
}

const struct conf_key *
conf_key_find(const char *name)
{
	return bsearch(name, conf_keys, conf_nkeys, sizeof(conf_keys[0]),
	    key_cmp);
}

/* Every key at its default; a default that does not parse is our bug. */
static void
values_default(struct conf_value *vals)
{
	const struct conf_key	*k;
	char			 why[160];
	size_t			 i;

	if (conf_nkeys > CONF_KEYS_MAX) {
		log_warnx("conf_keys has more than %d keys", CONF_KEYS_MAX);
		abort();
	}
	memset(vals, 0, sizeof(*vals) * CONF_KEYS_MAX);
	for (i = 0; i < conf_nkeys; i++) {
		k = &conf_keys[i];
		if ((vals[i].text = k->dfl) != NULL &&
		    conf_types[k->type].parse(k, k->dfl, &vals[i].num, why,
		    sizeof(why)) == -1) {
			log_warnx("default of %s: %s", k->name, why);
			abort();
		}
	}
}

static void
values_free(struct conf_value *vals)
{
	size_t	i;

	for (i = 0; i < CONF_KEYS_MAX; i++)
		free(vals[i].owned);
	memset(vals, 0, sizeof(*vals) * CONF_KEYS_MAX);
}

static void
ready(void)
{
	if (!conf_ready) {
		values_default(conf_values);
		conf_ready = 1;
	}
}

/* Checks text as k's and keeps a copy; -1 with why, or GERR_NOMEM. */
static int
value_set(struct conf_value *v, const struct conf_key *k, const char *text,
    char *why, size_t whylen)
{
	long long	 num;
	char		*copy;

	if (conf_types[k->type].parse(k, text, &num, why, whylen) == -1)
		return -1;
	if ((copy = strdup(text)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	free(v->owned);
	v->text = v->owned = copy;
	v->num = num;
	return 0;
}

/* "file:line: ..." to out, or to the log when out is NULL. */
static void
report(FILE *out, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (out != NULL)
		fprintf(out, "%s\n", msg);
	else
		log_warnx("%s", msg);
}

/* One "key = value" line into vals; 0, or -1 once reported. */
static int
line_read(const char *path, unsigned lineno, char *p, struct conf_value *vals,
    FILE *out)
{
	const struct conf_key	*k;
	struct conf_value	*v;
	char			*eq, why[160];

	if ((eq = strchr(p, '=')) == NULL) {
		report(out, "%s:%u: expected key = value", path, lineno);
		return -1;
	}
	*eq = '\0';
	p = trim(p);
	if ((k = conf_key_find(p)) == NULL) {
		report(out, "%s:%u: unknown key \"%.64s\"", path, lineno, p);
		return -1;
	}
	v = &vals[k - conf_keys];
	if (v->line != 0) {
		report(out, "%s:%u: %s set again (first at line %u)", path,
		    lineno, k->name, v->line);
		return -1;
	}
	if (value_set(v, k, trim(eq + 1), why, sizeof(why)) == -1) {
		report(out, "%s:%u: %s: %s", path, lineno, k->name, why);
		return -1;
	}
	v->line = lineno;
	return 0;
}

/*
 * Reads path into vals, which hold the defaults: every problem is
 * reported, not only the first, so a file is mended in one go.
 */
static enum gerr
file_read(const char *path, struct conf_value *vals, FILE *out)
{
	FILE		*f;
	char		 line[CONF_LINE_MAX], *p;
	unsigned	 lineno = 0;
	enum gerr	 rc = GERR_OK;
	int		 c;

	if ((f = fopen(path, "r")) == NULL) {
		report(out, "%s: %s", path, strerror(errno));
		return GERR_SYSTEM;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			report(out, "%s:%u: line longer than %d bytes", path,
			    lineno, CONF_LINE_MAX - 2);
			while ((c = getc(f)) != EOF && c != '\n')
				continue;
			rc = GERR_INPUT;
			continue;
		}
		p = trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		if (line_read(path, lineno, p, vals, out) == -1)
			rc = GERR_INPUT;
	}
	if (ferror(f)) {
		report(out, "%s: %s", path, strerror(errno));
		rc = GERR_SYSTEM;
	}
	fclose(f);
	return rc;
}

/* GERR_INPUT if anything in the file is refused (each logged file:line). */
enum gerr
conf_load(const char *path)
{
	enum gerr	rc;

	conf_free();
	ready();
	if ((conf_file = strdup(path)) == NULL)
		return GERR_NOMEM;
	if ((rc = file_read(path, conf_values, NULL)) != GERR_OK)
		conf_free();
	return rc;
}

/* Like conf_load, with the problems on out and nothing kept. */
enum gerr
conf_check(const char *path, FILE *out)
{
	struct conf_value	vals[CONF_KEYS_MAX];
	enum gerr		rc;

	values_default(vals);
	rc = file_read(path, vals, out);
	values_free(vals);
	return rc;
}

/* For tests and tools: one value, checked as the file's would be. */
enum gerr
conf_set(const char *key, const char *value)
{
	const struct conf_key	*k;
	char			 why[160];

	ready();
	if ((k = conf_key_find(key)) == NULL) {
		log_warnx("conf_set: unknown key %.64s", key);
		return GERR_INPUT;
	}
	if (value_set(&conf_values[k - conf_keys], k, value, why,
	    sizeof(why)) == -1) {
		log_warnx("conf_set: %s: %s", k->name, why);
		return GERR_INPUT;
	}
	return GERR_OK;
}

void
conf_free(void)
{
	values_free(conf_values);
	conf_ready = 0;
	free(conf_file);
	conf_file = NULL;
}

const char *
conf_path(void)
{
	return conf_file;
}

static int
type_textual(enum conf_type t)
{
	return t != CONF_INT && t != CONF_SIZE && t != CONF_BOOL;
}

/* want CONF_STRING stands for every textual type. */
static const struct conf_value *
value_get(const char *key, enum conf_type want)
{
	const struct conf_key	*k = conf_key_find(key);
	const struct conf_value	*v;

	if (k == NULL || (want == CONF_STRING ? !type_textual(k->type) :
	    k->type != want)) {
		log_warnx("configuration key %s is not declared as a%s %s "
		    "in lib/confkeys.c", key, want == CONF_INT ? "n" : "",
		    conf_types[want].name);
		abort();
	}
	ready();
	v = &conf_values[k - conf_keys];
	if (v->text == NULL && k->same_as != NULL)
		return value_get(k->same_as, want);
	return v;
}

const char *
conf_str(const char *key)
{
	return value_get(key, CONF_STRING)->text;
}

int
conf_int(const char *key)
{
	return (int)value_get(key, CONF_INT)->num;
}

size_t
conf_size(const char *key)
{
	return (size_t)value_get(key, CONF_SIZE)->num;
}

int
conf_bool(const char *key)
{
	return value_get(key, CONF_BOOL)->num != 0;
}

/* A size in the largest unit that divides it: 65536 is "64k". */
static const char *
size_text(long long n, char *buf, size_t len)
{
	static const char	 units[] = "gmk";
	int			 i;

	for (i = 0; i < 3; i++)
		if (n != 0 && n % (1LL << (10 * (3 - i))) == 0) {
			snprintf(buf, len, "%lld%c", n >> (10 * (3 - i)),
			    units[i]);
			return buf;
		}
	snprintf(buf, len, "%lld", n);
	return buf;
}

static void
reference_key(FILE *out, const struct conf_key *k)
{
	char	lo[32], hi[32];

	fprintf(out, "| `%s` | %s | ", k->name, conf_types[k->type].name);
	if (k->dfl == NULL && k->same_as != NULL)
		fprintf(out, "as `%s`", k->same_as);
	else if (k->dfl == NULL)
		fprintf(out, "unset");
	else if (*k->dfl == '\0')
		fprintf(out, "empty");
	else
		fprintf(out, "`%s`", k->dfl);
	if (k->type == CONF_INT)
		fprintf(out, " | %lld to %lld", k->min, k->max);
	else if (k->type == CONF_SIZE)
		fprintf(out, " | %s to %s", size_text(k->min, lo, sizeof(lo)),
		    size_text(k->max, hi, sizeof(hi)));
	else
		fprintf(out, " | ");
	fprintf(out, " | %s |\n", k->doc);
}

/* docs/configuration.md, whole: test-conf compares it with the file. */
void
conf_reference(FILE *out)
{
	size_t	i;

	fprintf(out, "# Configuration reference\n\n"
	    "<!-- Generated from lib/confkeys.c by `guichet-admin conf "
	    "reference`:\n     edit the table, then regenerate this file. "
	    "-->\n\n"
	    "Every program reads `guichet.conf` (`--conf FILE`, else "
	    "`$GUICHET_CONF`,\nelse `/etc/guichet/guichet.conf`): "
	    "`key = value` lines, blank lines, and\ncomment lines that start "
	    "with `#`. A value runs to the end of its line.\n\n"
	    "A key that is not below, a key given twice, or a value of the "
	    "wrong type\nor out of its range stops the program at start, "
	    "with `file:line:` and\nthe reason in its log. "
	    "`guichet-admin conf check FILE` says the same\nwithout starting "
	    "anything, and exits 1 if the file would be refused.\n\n"
	    "## Types\n\n| type | written as |\n|---|---|\n");
	for (i = 0; i < CONF__MAX; i++)
		fprintf(out, "| %s | %s |\n", conf_types[i].name,
		    conf_types[i].syntax);
	fprintf(out, "\n## Keys\n\n"
	    "| key | type | default | range | meaning |\n"
	    "|---|---|---|---|---|\n");
	for (i = 0; i < conf_nkeys; i++)
		reference_key(out, &conf_keys[i]);
}
