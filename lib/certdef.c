/*
 * Certificate types as data: the checks a definition passes before
 * guichet-admin publishes it, and its texts filled with the register's
 * values when a certificate is drawn.  A text names values by path
 * between braces ("{address|address}"); nothing else of the text is
 * interpreted, so a definition cannot run anything.  No database and no
 * templates here: the fuzz target runs it alone.
 */
#include <stdio.h>
#include <string.h>

#include "certdef.h"
#include "fee.h"
#include "gerr.h"

#define PATH_MAX_LEN	80
#define TEXT_MAX_LEN	4000

static const char *const langs[] = { "fr", "nl", "de", "en" };
static const char *const filters[] = { "date", "address", "name", "word" };
static const char *const deliveries[] = { "vault", "post", "email" };

/* Keys a definition may have; anything else is a mistake to say. */
static const char *const keys[] = { "code", "department", "issue",
    "languages", "delivery", "price_cents", "fees", "requires", "titles",
    "summary", "body", "facts", "table", "legal", "seal_holder", "position" };

/* Why a definition is refused: "\"what\": why", or why alone. */
static int
fail(char *err, size_t len, const char *what, const char *why)
{
	if (what != NULL)
		snprintf(err, len, "\"%s\": %s", what, why);
	else
		snprintf(err, len, "%s", why);
	return -1;
}

static int
in_list(const char *const *list, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int
path_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || n > PATH_MAX_LEN || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyz0123456789_.", s[i]) ==
		    NULL || (s[i] == '.' && s[i + 1] == '.'))
			return 0;
	return 1;
}

/* Each {...} of a text is a path with at most one known filter. */
static int
text_ok(const char *s)
{
	const char	*open, *close, *bar;
	char		 filter[16];
	size_t		 n;

	if (strlen(s) > TEXT_MAX_LEN)
		return 0;
	while ((open = strchr(s, '{')) != NULL) {
		if ((close = strchr(open, '}')) == NULL)
			return 0;
		if ((bar = memchr(open, '|', (size_t)(close - open))) == NULL)
			bar = close;
		if (!path_ok(open + 1, (size_t)(bar - open - 1)))
			return 0;
		if (bar != close) {
			n = (size_t)(close - bar - 1);
			if (n == 0 || n >= sizeof(filter))
				return 0;
			memcpy(filter, bar + 1, n);
			filter[n] = '\0';
			if (!in_list(filters, nitems(filters), filter))
				return 0;
		}
		s = close + 1;
	}
	return strchr(s, '}') == NULL;
}

/* A text in each of the given languages (all four when NULL). */
static int
texts_ok(const json_t *t, const json_t *offered, const char *what,
    char *err, size_t len)
{
	const json_t	*v;
	const char	*l;
	size_t		 i;

	if (!json_is_object(t))
		return fail(err, len, what, "must be an object of texts by "
		    "language");
	for (i = 0; i < nitems(langs); i++) {
		l = langs[i];
		if (offered != NULL && !certdef_offers_list(offered, l))
			continue;
		v = json_object_get(t, l);
		if (!json_is_string(v) || json_string_length(v) == 0)
			return fail(err, len, what, "has no text in this "
			    "language (all offered languages are needed)");
		if (!text_ok(json_string_value(v)))
			return fail(err, len, what, "a {value} is not a known "
			    "path and filter, or the text is too long");
	}
	return 0;
}

/* Whether the array of strings list holds s. */
int
certdef_offers_list(const json_t *list, const char *s)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

int
certdef_offers(const json_t *def, const char *list, const char *value)
{
	return value != NULL &&
	    certdef_offers_list(json_object_get(def, list), value);
}

static int
list_ok(const json_t *a, const char *const *allowed, size_t n,
    const char *what, char *err, size_t len)
{
	const json_t	*v;
	size_t		 i, j;

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > n)
		return fail(err, len, what, "must be a non-empty list");
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || !in_list(allowed, n,
		    json_string_value(v)))
			return fail(err, len, what, "has an unknown value");
		for (j = 0; j < i; j++)
			if (json_equal(v, json_array_get(a, j)))
				return fail(err, len, what, "names a value twice");
	}
	return 0;
}

/* facts: [{label, value}]; table: {rows, columns: [{label, value}]} */
static int
pairs_ok(const json_t *a, const json_t *offered, const char *what,
    char *err, size_t len)
{
	const json_t	*p;
	size_t		 i;

	if (!json_is_array(a) || json_array_size(a) > 30)
		return fail(err, len, what, "must be a list of at most 30 "
		    "label and value pairs");
	json_array_foreach(a, i, p) {
		if (!json_is_object(p) || json_object_size(p) != 2 ||
		    !json_is_string(json_object_get(p, "value")) ||
		    !text_ok(json_string_value(json_object_get(p, "value"))))
			return fail(err, len, what, "each needs a label and a "
			    "value with known paths");
		if (texts_ok(json_object_get(p, "label"), offered, what, err,
		    len) == -1)
			return -1;
	}
	return 0;
}

static int
table_ok(const json_t *t, const json_t *offered, char *err, size_t len)
{
	const json_t	*rows = json_object_get(t, "rows");

	if (t == NULL)
		return 0;
	if (!json_is_object(t) || json_object_size(t) != 2 ||
	    !json_is_string(rows) || !path_ok(json_string_value(rows),
	    json_string_length(rows)))
		return fail(err, len, NULL, "\"table\" needs \"rows\" (a path) "
		    "and \"columns\"");
	if (json_array_size(json_object_get(t, "columns")) == 0)
		return fail(err, len, NULL, "\"table\" needs \"columns\"");
	return pairs_ok(json_object_get(t, "columns"), offered, "table",
	    err, len);
}

static int
requires_ok(const json_t *a, char *err, size_t len)
{
	const json_t	*v;
	size_t		 i;

	if (a == NULL)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 10)
		return fail(err, len, NULL, "\"requires\" must be a list of "
		    "paths");
	json_array_foreach(a, i, v)
		if (!json_is_string(v) || !path_ok(json_string_value(v),
		    json_string_length(v)))
			return fail(err, len, NULL, "\"requires\" must be a "
			    "list of paths");
	return 0;
}

static int
code_ok(const json_t *v, size_t max)
{
	const char	*s = json_string_value(v);
	size_t		 n = s != NULL ? strlen(s) : 0;

	return n >= 2 && n <= max && s[0] >= 'A' && s[0] <= 'Z' &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

/*
 * What a certificate may cost: a fixed "price_cents" (one line, the
 * type's title), or "fees" as a procedure declares them (lib/fee.c),
 * their conditions and quantities naming "delivery" and "lang" (the
 * form's two answers), always paid when ordering.  Not both.
 */
static int
fees_ok(const json_t *d, char *err, size_t len)
{
	const json_t	*price = json_object_get(d, "price_cents");
	const json_t	*fees = json_object_get(d, "fees");
	json_t		*names;
	char		 msg[400];
	int		 rc;

	if (price != NULL && (!json_is_integer(price) ||
	    json_integer_value(price) < 0 ||
	    json_integer_value(price) > FEE_CENTS_MAX))
		return fail(err, len, "price_cents", "must be a whole number of "
		    "cents from 0 to 1000000");
	if (fees == NULL)
		return 0;
	if (price != NULL && json_integer_value(price) != 0)
		return fail(err, len, "fees", "a type has \"fees\" or a "
		    "\"price_cents\", not both");
	if (!json_is_object(fees) || !json_is_string(json_object_get(fees,
	    "due")) || strcmp(json_string_value(json_object_get(fees, "due")),
	    "submission") != 0)
		return fail(err, len, "fees", "\"due\" must be \"submission\": "
		    "a certificate is paid when it is ordered");
	if ((names = json_pack("{s{}s{}}", "delivery", "lang")) == NULL)
		return fail(err, len, NULL, "out of memory");
	rc = fee_check(fees, names, msg, sizeof(msg));
	json_decref(names);
	return rc == -1 ? fail(err, len, NULL, msg) : 0;
}

enum gerr
certdef_fee(const json_t *def, const char *delivery, const char *lang,
    struct fee *f)
{
	const json_t	*price = json_object_get(def, "price_cents");
	json_t		*answers, *fees;
	enum gerr	 e;

	answers = json_pack("{ssss}", "delivery", delivery != NULL ?
	    delivery : "", "lang", lang != NULL ? lang : "");
	if (json_object_get(def, "fees") != NULL)
		fees = json_incref(json_object_get(def, "fees"));
	else if (json_integer_value(price) > 0)
		fees = json_pack("{ss s[{sOsI}]}", "due", "submission", "lines",
		    "label", json_object_get(def, "titles"), "cents",
		    (json_int_t)json_integer_value(price));
	else
		fees = NULL;
	e = answers == NULL ? GERR_NOMEM : fee_compute(fees, answers, f);
	json_decref(answers);
	json_decref(fees);
	return e;
}

int
certdef_check(const json_t *d, char *err, size_t len)
{
	const char	*k, *issue;
	const json_t	*v, *offered;

	if (!json_is_object(d))
		return fail(err, len, NULL, "a definition is a JSON object");
	json_object_foreach((json_t *)d, k, v)
		if (!in_list(keys, nitems(keys), k))
			return fail(err, len, k, "unknown key");
	if (!code_ok(json_object_get(d, "code"), 40))
		return fail(err, len, NULL, "\"code\" must be 2 to 40 capitals, "
		    "digits or _");
	if (!code_ok(json_object_get(d, "department"), 20))
		return fail(err, len, NULL, "\"department\" must be a "
		    "department's code");
	issue = json_string_value(json_object_get(d, "issue"));
	if (issue == NULL || (strcmp(issue, "automatic") != 0 &&
	    strcmp(issue, "checked") != 0))
		return fail(err, len, NULL, "\"issue\" must be \"automatic\" or "
		    "\"checked\"");
	offered = json_object_get(d, "languages");
	if (list_ok(offered, langs, nitems(langs), "languages", err,
	    len) == -1 || list_ok(json_object_get(d, "delivery"), deliveries,
	    nitems(deliveries), "delivery", err, len) == -1)
		return -1;
	if (fees_ok(d, err, len) == -1)
		return -1;
	v = json_object_get(d, "position");
	if (v != NULL && (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 1000))
		return fail(err, len, NULL, "\"position\" must be 0 to 1000");
	if (texts_ok(json_object_get(d, "titles"), NULL, "titles", err,
	    len) == -1 ||
	    texts_ok(json_object_get(d, "summary"), NULL, "summary", err,
	    len) == -1 ||
	    texts_ok(json_object_get(d, "body"), offered, "body", err,
	    len) == -1 ||
	    texts_ok(json_object_get(d, "legal"), offered, "legal", err,
	    len) == -1 ||
	    texts_ok(json_object_get(d, "seal_holder"), offered, "seal_holder",
	    err, len) == -1)
		return -1;
	if ((v = json_object_get(d, "facts")) != NULL &&
	    pairs_ok(v, offered, "facts", err, len) == -1)
		return -1;
	if (table_ok(json_object_get(d, "table"), offered, err, len) == -1)
		return -1;
	return requires_ok(json_object_get(d, "requires"), err, len);
}

const char *
certdef_text(const json_t *def, const char *key, const char *lang)
{
	const char	*s;

	s = json_string_value(json_object_get(json_object_get(def, key), lang));
	return s != NULL ? s : "";
}

/* The value at a path of n bytes. */
static const json_t *
value_at(const struct certfill *f, const char *path, size_t n)
{
	const json_t	*v = f->data;
	const char	*dot;
	char		 part[PATH_MAX_LEN + 1];
	size_t		 len;

	if (n == 3 && strncmp(path, "row", 3) == 0 && f->row != NULL)
		return f->row;
	if (n == 6 && strncmp(path, "person", 6) == 0 &&
	    json_object_get(f->data, "person") == NULL)
		return f->data;
	if (f->row != NULL && strncmp(path, "row.", 4) == 0) {
		v = f->row;
		path += 4;
		n -= 4;
	}
	while (n > 0 && v != NULL) {
		dot = memchr(path, '.', n);
		len = dot != NULL ? (size_t)(dot - path) : n;
		if (len > PATH_MAX_LEN)
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		v = json_object_get(v, part);
		path += len;
		n -= len;
		if (n > 0) {
			path++;
			n--;
		}
	}
	return json_is_null(v) ? NULL : v;
}

/* The value at path; NULL for none, and for no path (an entry of an
 * unchecked definition that is not a string). */
const json_t *
certdef_value(const struct certfill *f, const char *path)
{
	return path != NULL ? value_at(f, path, strlen(path)) : NULL;
}

int
certdef_requires_met(const json_t *def, const json_t *data)
{
	struct certfill	 f = { data, NULL, "fr", NULL };
	const json_t	*v, *got;
	size_t		 i;

	json_array_foreach(json_object_get(def, "requires"), i, v) {
		/* certdef_check refuses them; the fuzz target calls this unchecked */
		if (!json_is_string(v))
			return 0;
		got = certdef_value(&f, json_string_value(v));
		if (got == NULL || (json_is_string(got) &&
		    json_string_length(got) == 0) ||
		    (json_is_array(got) && json_array_size(got) == 0))
			return 0;
	}
	return 1;
}

static const char *
word(const struct certfill *f, const char *key)
{
	const char	*s = f->word != NULL ? f->word(f->lang, key) : NULL;

	return s != NULL ? s : "";
}

static void
put_date(struct buf *b, const struct certfill *f, const char *s)
{
	int	 y, m, d;
	char	 sep = strcmp(f->lang, "de") == 0 ? '.' : '/';

	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    s[4] == '-' && s[7] == '-')
		buf_printf(b, "%02d%c%02d%c%04d", d, sep, m, sep, y);
	else
		buf_puts(b, s);
}

static const char *
str(const json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* "Rue des Guillemins 12 bte B, 4000 Liège" */
static void
put_address(struct buf *b, const struct certfill *f, const json_t *a)
{
	buf_printf(b, "%s %s", str(a, "street"), str(a, "number"));
	if (*str(a, "box") != '\0')
		buf_printf(b, " %s %s", word(f, "certs.box"), str(a, "box"));
	buf_printf(b, ", %s %s", str(a, "postcode"), str(a, "locality"));
	if (*str(a, "country") != '\0' && strcmp(str(a, "country"), "BE") != 0)
		buf_printf(b, " (%s)", str(a, "country"));
}

static void
put_word(struct buf *b, const struct certfill *f, const char *s)
{
	char	 key[64];

	if (strlen(s) < 40 && strspn(s, "abcdefghijklmnopqrstuvwxyz_") ==
	    strlen(s)) {
		snprintf(key, sizeof(key), "certs.word.%s", s);
		if (*word(f, key) != '\0') {
			buf_puts(b, word(f, key));
			return;
		}
	}
	buf_puts(b, s);
}

static void
put_value(struct buf *b, const struct certfill *f, const json_t *v,
    const char *filter, size_t flen)
{
	char	 num[32];

	if (v == NULL) {
		buf_puts(b, "-");
		return;
	}
	if (flen == 7 && strncmp(filter, "address", 7) == 0 &&
	    json_is_object(v)) {
		put_address(b, f, v);
		return;
	}
	if (flen == 4 && strncmp(filter, "name", 4) == 0 && json_is_object(v)) {
		buf_printf(b, "%s %s", str(v, "given_names"), str(v, "surname"));
		return;
	}
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		buf_puts(b, num);
		return;
	}
	if (!json_is_string(v)) {
		buf_puts(b, "-");
		return;
	}
	if (flen == 4 && strncmp(filter, "date", 4) == 0)
		put_date(b, f, json_string_value(v));
	else if (flen == 4 && strncmp(filter, "word", 4) == 0)
		put_word(b, f, json_string_value(v));
	else
		buf_puts(b, json_string_value(v));
}

char *
certdef_fill(struct pool *p, const char *text, const struct certfill *f)
{
	struct buf	 b;
	const char	*open, *close, *bar;

	buf_init(&b, p);
	while ((open = strchr(text, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		buf_append(&b, text, (size_t)(open - text));
		if ((bar = memchr(open, '|', (size_t)(close - open))) == NULL)
			bar = close;
		put_value(&b, f, value_at(f, open + 1, (size_t)(bar - open - 1)),
		    bar + 1, bar == close ? 0 : (size_t)(close - bar - 1));
		text = close + 1;
	}
	buf_puts(&b, text);
	return buf_cstr(&b);
}
