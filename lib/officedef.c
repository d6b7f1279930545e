/*
 * Offices as data: what a definition must say before guichet-admin
 * stores it, checked here so a mistake is named by its place in the file
 * ("meeting_types[2].duration_minutes: ...") rather than by a constraint
 * of the schema (sql/0048).  No database here: the fuzz target runs it
 * alone.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "gerr.h"
#include "officedef.h"

#define LIST_MAX	50		/* desks, meeting types */
#define DAY_SPANS_MAX	6

static const char *const langs[] = { "fr", "nl", "de", "en" };
static const char *const weekdays[] = { "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday" };
static const char *const keys[] = { "code", "department", "names",
    "address", "accessibility", "region", "min_delay_minutes",
    "max_delay_days", "online", "desks", "meeting_types", "hours" };
static const char *const type_keys[] = { "code", "labels",
    "duration_minutes", "online" };

/* Why a definition is refused: "what: why". */
static int
fail(char *err, size_t len, const char *what, const char *why)
{
	snprintf(err, len, "%s: %s", what, why);
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

/* An unknown key is a mistake (a misspelt "hours" would close the office). */
static int
keys_known(const json_t *o, const char *const *list, size_t n,
    const char *where, char *err, size_t len)
{
	const char	*k;
	json_t		*v;
	char		 what[96];

	json_object_foreach((json_t *)o, k, v) {
		if (!in_list(list, n, k)) {
			snprintf(what, sizeof(what), "%s%s%.40s", where,
			    *where ? "." : "", k);
			return fail(err, len, what, "not a key of an office's "
			    "definition");
		}
	}
	return 0;
}

/* "A" then 1 to 29 of A-Z 0-9 _ -, as the schema has it. */
static int
code_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n < 2 || n > 30 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (i = 1; i < n; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", s[i]) ==
		    NULL)
			return 0;
	return 1;
}

/* Printable text of 1 to max bytes: no control characters. */
static int
text_ok(const json_t *v, size_t max)
{
	const char	*s;
	size_t		 i, n;

	if (!json_is_string(v))
		return 0;
	s = json_string_value(v);
	n = json_string_length(v);
	if (n == 0 || n > max || strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* An object of texts by language: all four (all) or some of them. */
static int
texts_ok(const json_t *o, int all, size_t max, const char *what, char *err,
    size_t len)
{
	const char	*k;
	json_t		*v;
	size_t		 i;

	if (!json_is_object(o))
		return fail(err, len, what, "an object of texts by language "
		    "(\"fr\", \"nl\", \"de\", \"en\")");
	json_object_foreach((json_t *)o, k, v)
		if (!in_list(langs, nitems(langs), k) || !text_ok(v, max))
			return fail(err, len, what, "texts under \"fr\", "
			    "\"nl\", \"de\" and \"en\" only, each one line");
	if (all)
		for (i = 0; i < nitems(langs); i++)
			if (json_object_get(o, langs[i]) == NULL)
				return fail(err, len, what, "a text in each "
				    "of \"fr\", \"nl\", \"de\" and \"en\"");
	return 0;
}

/* An optional integer in [lo, hi]. */
static int
int_ok(const json_t *d, const char *key, long long lo, long long hi)
{
	const json_t	*v = json_object_get(d, key);

	return v == NULL || (json_is_integer(v) && json_integer_value(v) >= lo &&
	    json_integer_value(v) <= hi);
}

/* "HH:MM" at s; minutes since midnight, or -1. */
static int
hhmm(const char *s)
{
	int	h, m;

	if (s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[2] != ':' || s[3] < '0' || s[3] > '5' || s[4] < '0' ||
	    s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	return h > 23 ? -1 : h * 60 + m;
}

/* A day's spans: "08:30-12:00", in order, none overlapping. */
static int
day_ok(const json_t *spans, const char *day, int *count, char *err,
    size_t len)
{
	const char	*s;
	char		 what[48];
	size_t		 i;
	int		 opens, closes, last = -1;

	snprintf(what, sizeof(what), "hours.%s", day);
	if (!json_is_array(spans) || json_array_size(spans) > DAY_SPANS_MAX)
		return fail(err, len, what, "a list of at most 6 spans such as "
		    "\"08:30-12:00\"");
	for (i = 0; i < json_array_size(spans); i++) {
		s = json_string_value(json_array_get(spans, i));
		if (s == NULL || strlen(s) != 11 || s[5] != '-' ||
		    (opens = hhmm(s)) == -1 || (closes = hhmm(s + 6)) == -1)
			return fail(err, len, what, "spans are written "
			    "\"08:30-12:00\" (opens-closes, 24-hour clock)");
		if (opens >= closes)
			return fail(err, len, what, "a span must close after "
			    "it opens");
		if (opens < last)
			return fail(err, len, what, "spans must follow one "
			    "another without overlapping");
		last = closes;
		(*count)++;
	}
	return 0;
}

static int
hours_ok(const json_t *h, char *err, size_t len)
{
	const char	*k;
	json_t		*v;
	int		 count = 0;

	if (!json_is_object(h))
		return fail(err, len, "hours", "an object of weekdays "
		    "(\"monday\" ... \"sunday\") and their spans");
	json_object_foreach((json_t *)h, k, v) {
		if (!in_list(weekdays, nitems(weekdays), k))
			return fail(err, len, "hours", "weekdays are \"monday\" "
			    "... \"sunday\"");
		if (day_ok(v, k, &count, err, len) == -1)
			return -1;
	}
	if (count == 0)
		return fail(err, len, "hours", "an office opens at least once "
		    "a week (to close it, say \"online\": false)");
	return 0;
}

static int
desks_ok(const json_t *a, char *err, size_t len)
{
	size_t	i, j;

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > LIST_MAX)
		return fail(err, len, "desks", "a list of 1 to 50 desks' names");
	for (i = 0; i < json_array_size(a); i++) {
		if (!text_ok(json_array_get(a, i), 60))
			return fail(err, len, "desks", "a desk's name is one "
			    "line of 1 to 60 bytes");
		for (j = 0; j < i; j++)
			if (json_equal(json_array_get(a, i),
			    json_array_get(a, j)))
				return fail(err, len, "desks", "two desks have "
				    "the same name");
	}
	return 0;
}

static int
type_ok(const json_t *t, size_t i, char *err, size_t len)
{
	const json_t	*v;
	char		 what[64];
	long long	 m;

	snprintf(what, sizeof(what), "meeting_types[%zu]", i);
	if (!json_is_object(t))
		return fail(err, len, what, "an object with \"code\", "
		    "\"labels\" and \"duration_minutes\"");
	if (keys_known(t, type_keys, nitems(type_keys), what, err, len) == -1)
		return -1;
	v = json_object_get(t, "code");
	if (!json_is_string(v) || !code_ok(json_string_value(v)))
		return fail(err, len, what, "\"code\" is 2 to 30 of A-Z, 0-9, "
		    "_ and -, starting with a letter");
	snprintf(what, sizeof(what), "meeting_types[%zu].labels", i);
	if (texts_ok(json_object_get(t, "labels"), 1, 200, what, err,
	    len) == -1)
		return -1;
	snprintf(what, sizeof(what), "meeting_types[%zu].duration_minutes", i);
	v = json_object_get(t, "duration_minutes");
	m = json_is_integer(v) ? json_integer_value(v) : 0;
	if (m < 5 || m > 240 || m % 5 != 0)
		return fail(err, len, what, "a multiple of 5 between 5 and "
		    "240");
	v = json_object_get(t, "online");
	if (v != NULL && !json_is_boolean(v))
		return fail(err, len, what, "\"online\" is true or false");
	return 0;
}

static int
types_ok(const json_t *a, char *err, size_t len)
{
	size_t	i, j;

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > LIST_MAX)
		return fail(err, len, "meeting_types", "a list of 1 to 50 "
		    "meeting types");
	for (i = 0; i < json_array_size(a); i++) {
		if (type_ok(json_array_get(a, i), i, err, len) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (json_equal(json_object_get(json_array_get(a, i),
			    "code"), json_object_get(json_array_get(a, j),
			    "code")))
				return fail(err, len, "meeting_types", "two "
				    "meeting types have the same code");
	}
	return 0;
}

int
officedef_check(const json_t *d, char *err, size_t len)
{
	const json_t	*v;

	if (!json_is_object(d))
		return fail(err, len, "office", "the file is one JSON object");
	if (keys_known(d, keys, nitems(keys), "", err, len) == -1)
		return -1;
	v = json_object_get(d, "code");
	if (!json_is_string(v) || !code_ok(json_string_value(v)))
		return fail(err, len, "code", "2 to 30 of A-Z, 0-9, _ and -, "
		    "starting with a letter");
	v = json_object_get(d, "department");
	if (!json_is_string(v) || !code_ok(json_string_value(v)))
		return fail(err, len, "department", "the code of a department "
		    "(guichet-admin department list)");
	if (texts_ok(json_object_get(d, "names"), 1, 200, "names", err,
	    len) == -1)
		return -1;
	if (!text_ok(json_object_get(d, "address"), 300))
		return fail(err, len, "address", "one line, such as \"Place du "
		    "Marché 2, 4000 Liège\"");
	if ((v = json_object_get(d, "accessibility")) != NULL &&
	    texts_ok(v, 0, 1000, "accessibility", err, len) == -1)
		return -1;
	v = json_object_get(d, "region");
	if (cal_region(json_string_value(v)) == -1)
		return fail(err, len, "region", "one of \"belgium\", "
		    "\"brussels\", \"wallonia\", \"flanders\", \"german\" "
		    "(whose public holidays close the office)");
	if (!int_ok(d, "min_delay_minutes", 0, 43200))
		return fail(err, len, "min_delay_minutes", "whole minutes "
		    "between 0 and 43200 (30 days)");
	if (!int_ok(d, "max_delay_days", 1, 366))
		return fail(err, len, "max_delay_days", "whole days between 1 "
		    "and 366");
	if ((v = json_object_get(d, "online")) != NULL && !json_is_boolean(v))
		return fail(err, len, "online", "true or false");
	if (desks_ok(json_object_get(d, "desks"), err, len) == -1 ||
	    types_ok(json_object_get(d, "meeting_types"), err, len) == -1 ||
	    hours_ok(json_object_get(d, "hours"), err, len) == -1)
		return -1;
	return 0;
}

int
officedef_weekday(const char *key)
{
	size_t	i;

	for (i = 0; i < nitems(weekdays); i++)
		if (strcmp(weekdays[i], key) == 0)
			return (int)i + 1;
	return 0;
}
