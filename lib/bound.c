/*
 * A field's limits, as a definition writes them and as a person reads
 * them: a number (with no more decimals than its type keeps, so 0.01 on
 * an amount stays 0.01), a date, or a bound relative to the day of the
 * check ("today-18y", "this_year"), so a definition need not be
 * republished every January.  The checker of definitions, the compiler
 * and the checks of answers read the same parser.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bound.h"

#define NUMBER_MAX	1e15	/* 15 digits: what answers keep (lib/valid.c) */
#define OFFSET_MAX	1000	/* years, months or days after today */

static char	*zone;		/* of the day: display.timezone */

void
bound_timezone_set(const char *tz)
{
	free(zone);
	zone = tz != NULL ? strdup(tz) : NULL;
}

/*
 * Today in the zone of the pages (Europe/Brussels): at 00:30 in Brussels
 * it is already tomorrow there, while UTC still says today.  Computed
 * once a minute; the process's own TZ is left as it was.
 */
static struct tm
today(void)
{
	static long	 minute = -1;
	static struct tm today_tm;
	time_t		 now = time(NULL);
	const char	*old;
	char		*saved;

	if (now / 60 == minute)
		return today_tm;
	old = getenv("TZ");
	saved = old != NULL ? strdup(old) : NULL;
	setenv("TZ", zone != NULL ? zone : "Europe/Brussels", 1);
	tzset();
	localtime_r(&now, &today_tm);
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else
		unsetenv("TZ");
	tzset();
	minute = now / 60;
	return today_tm;
}

static int
days_in_month(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* A calendar day "YYYY-MM-DD", from 1800 on, as lib/valid.c takes it. */
static int
date_parse(const char *s, int *y, int *m, int *d)
{
	size_t	i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	return *y >= 1800 && *m >= 1 && *m <= 12 && *d >= 1 &&
	    *d <= days_in_month(*y, *m);
}

/* "+6m", "-18y", "+30d" after "today" (or years after "this_year"). */
static int
offsets_parse(const char *s, struct bound *b, int years_only)
{
	char	*end;
	long	 n;

	while (*s != '\0') {
		if ((*s != '+' && *s != '-') || !isdigit((unsigned char)s[1]))
			return 0;
		n = strtol(s, &end, 10);
		if (n < -OFFSET_MAX || n > OFFSET_MAX)
			return 0;
		s = end;
		if (years_only) {
			if (*s != '\0')
				return 0;
			b->n += (double)n;
			return 1;
		}
		switch (*s++) {
		case 'y':
			b->y += (int)n;
			break;
		case 'm':
			b->m += (int)n;
			break;
		case 'd':
			b->d += (int)n;
			break;
		default:
			return 0;
		}
	}
	return 1;
}

/* Decimals a number is written with (beyond 6, as many as 7). */
static int
decimals(double v)
{
	char		 s[40];
	const char	*dot;

	snprintf(s, sizeof(s), "%.15g", v);
	if (strchr(s, 'e') != NULL)
		return v == (double)(long long)v ? 0 : 7;
	return (dot = strchr(s, '.')) == NULL ? 0 : (int)strlen(dot + 1);
}

static int
parse_number(const json_t *j, int places, struct bound *b, char *err,
    size_t errsz)
{
	const char	*s = json_string_value(j);

	if (s != NULL && strncmp(s, "this_year", 9) == 0 &&
	    offsets_parse(s + 9, b, 1)) {
		b->kind = BOUND_YEAR;
		return 0;
	}
	if (!json_is_number(j)) {
		snprintf(err, errsz, "must be a number, or this_year (+ or - "
		    "years)");
		return -1;
	}
	b->kind = BOUND_NUMBER;
	b->n = json_number_value(j);
	if (b->n < -NUMBER_MAX || b->n > NUMBER_MAX) {
		snprintf(err, errsz, "must have at most 15 digits");
		return -1;
	}
	if (decimals(b->n) > places) {
		if (places == 0)
			snprintf(err, errsz, "must be a whole number");
		else
			snprintf(err, errsz, "has more than %d decimals",
			    places);
		return -1;
	}
	return 0;
}

int
bound_parse(const json_t *j, enum bounds kind, int places, struct bound *b,
    char *err, size_t errsz)
{
	const char	*s = json_string_value(j);

	memset(b, 0, sizeof(*b));
	switch (kind) {
	case BOUNDS_COUNT:
		if (!json_is_number(j) || json_number_value(j) < 0 ||
		    json_number_value(j) > 1000 ||
		    decimals(json_number_value(j)) != 0) {
			snprintf(err, errsz, "must be a whole number from 0 to "
			    "1000");
			return -1;
		}
		b->kind = BOUND_NUMBER;
		b->n = json_number_value(j);
		return 0;
	case BOUNDS_NUMBER:
		return parse_number(j, places, b, err, errsz);
	case BOUNDS_DATE:
		if (s != NULL && date_parse(s, &b->y, &b->m, &b->d)) {
			b->kind = BOUND_DATE;
			return 0;
		}
		if (s != NULL && strncmp(s, "today", 5) == 0 &&
		    offsets_parse(s + 5, b, 0)) {
			b->kind = BOUND_TODAY;
			return 0;
		}
		snprintf(err, errsz, "must be a date YYYY-MM-DD, or today (+ "
		    "or - days d, months m, years y: today-18y)");
		return -1;
	default:
		snprintf(err, errsz, "does not apply to this type");
		return -1;
	}
}

/* today plus the bound's offsets: years and months, then days. */
static double
today_plus(const struct bound *b)
{
	struct tm	t = today();
	int		y = t.tm_year + 1900 + b->y, m = t.tm_mon + b->m;
	int		d = t.tm_mday;
	time_t		at;

	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = (m % 12 + 12) % 12 + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);	/* 31 March + 1 month: 30 Apr */
	memset(&t, 0, sizeof(t));
	t.tm_year = y - 1900;
	t.tm_mon = m - 1;
	t.tm_mday = d + b->d;
	t.tm_hour = 12;
	at = timegm(&t);		/* normalises the days */
	gmtime_r(&at, &t);
	return (t.tm_year + 1900) * 10000.0 + (t.tm_mon + 1) * 100 +
	    t.tm_mday;
}

double
bound_value(const struct bound *b)
{
	switch (b->kind) {
	case BOUND_YEAR:
		return today().tm_year + 1900 + b->n;
	case BOUND_DATE:
		return b->y * 10000.0 + b->m * 100 + b->d;
	case BOUND_TODAY:
		return today_plus(b);
	default:
		return b->n;
	}
}

double
bound_date_value(const char *s)
{
	int	y, m, d;

	return date_parse(s, &y, &m, &d) ? y * 10000.0 + m * 100 + d : 0;
}

int
bound_is_today(const struct bound *b)
{
	return b->kind == BOUND_TODAY && b->y == 0 && b->m == 0 && b->d == 0;
}

/* How a language writes 1234567.5: groups, and the decimal mark. */
static void
marks(const char *lang, const char **group, char *mark)
{
	*mark = ',';
	if (strcmp(lang, "en") == 0) {
		*group = ",";
		*mark = '.';
	} else if (strcmp(lang, "fr") == 0)
		*group = "\xc2\xa0";		/* a space that never breaks */
	else
		*group = ".";
}

const char *
number_words(double v, const char *lang, int places, const char *unit,
    char *buf, size_t bufsz)
{
	char		 digits[64], out[96], *dot, *p;
	const char	*group;
	char		 mark;
	size_t		 n = 0, intlen, i;

	marks(lang, &group, &mark);
	snprintf(digits, sizeof(digits), "%.*f", places < 0 ? 6 : places, v);
	if (places < 0 && (dot = strchr(digits, '.')) != NULL) {
		for (p = digits + strlen(digits) - 1; *p == '0'; p--)
			*p = '\0';
		if (*p == '.')
			*p = '\0';
	}
	p = digits;
	if (*p == '-')
		out[n++] = *p++;
	intlen = strcspn(p, ".");
	for (i = 0; i < intlen && n + 4 < sizeof(out); i++) {
		/* 4 digits stay together (a year, 1500); 10 000 is grouped */
		if (i > 0 && intlen > 4 && (intlen - i) % 3 == 0) {
			memcpy(out + n, group, strlen(group));
			n += strlen(group);
		}
		out[n++] = p[i];
	}
	if (p[intlen] == '.') {
		out[n++] = mark;
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s",
		    p + intlen + 1);
	}
	out[n < sizeof(out) ? n : sizeof(out) - 1] = '\0';
	if (unit != NULL && *unit == ' ')
		snprintf(buf, bufsz, "%s\xc2\xa0%s", out, unit + 1);
	else
		snprintf(buf, bufsz, "%s%s", out, unit != NULL ? unit : "");
	return buf;
}

const char *
bound_words(const struct bound *b, const char *lang, int places,
    const char *unit, char *buf, size_t bufsz)
{
	double	v = bound_value(b);
	long	d = (long)v;

	if (b->kind == BOUND_DATE || b->kind == BOUND_TODAY) {
		/* the Belgian habit, in every language: 01/01/2000 */
		snprintf(buf, bufsz, "%02ld/%02ld/%04ld", d % 100,
		    d / 100 % 100, d / 10000);
		return buf;
	}
	if (b->kind == BOUND_YEAR)
		places = 0;
	return number_words(v, lang, places, unit, buf, bufsz);
}
