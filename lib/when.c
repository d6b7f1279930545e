/*
 * Times and days as a person reads them, in one format: the display zone
 * (display.timezone, Europe/Brussels), day first, "03/12/2026 07:36".  A
 * value comes as PostgreSQL writes a timestamptz or a date (DateStyle
 * ISO, any session zone: "2026-12-03 07:36:39.5+01", "2026-12-03") or as
 * the sealed data and the API write an instant ("2026-12-03T06:36:39Z");
 * it is converted to the zone by the C library's time zone rules, set for
 * the process by when_zone.  Anything else is shown as it is.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "when.h"

#define OID_DATE	1082
#define OID_TIMESTAMP	1114
#define OID_TIMESTAMPTZ	1184

enum { PARSED_NONE, PARSED_INSTANT, PARSED_DAY, PARSED_WALL };

/* The zone of every time shown by this process ("Europe/Brussels"). */
int
when_zone(const char *tz)
{
	if (tz == NULL || *tz == '\0')
		return 0;
	if (setenv("TZ", tz, 1) == -1)
		return -1;
	tzset();
	return 0;
}

/* n digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "+01", "+05:30", "-03:30:00", "Z": seconds east of UTC; -1 if none. */
static int
zone_offset(const char *s, long *off)
{
	int	h, m = 0, sec = 0, sign;

	if (strcmp(s, "Z") == 0) {
		*off = 0;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	if ((h = digits(s, 2)) < 0 || h > 15)
		return -1;
	s += 2;
	if (*s == ':')
		s++;
	if (*s != '\0') {
		if ((m = digits(s, 2)) < 0 || m > 59)
			return -1;
		s += 2;
		if (*s == ':')
			s++;
		if (*s != '\0' && ((sec = digits(s, 2)) < 0 || sec > 59 ||
		    s[2] != '\0'))
			return -1;
	}
	*off = sign * (h * 3600L + m * 60L + sec);
	return 1;
}

/*
 * What a value is: PARSED_INSTANT (*t), PARSED_DAY or PARSED_WALL (a
 * time without a zone, taken as the display zone's; tm's fields), or
 * PARSED_NONE.
 */
static int
parse(const char *s, time_t *t, struct tm *tm)
{
	long	off;
	int	rc;

	memset(tm, 0, sizeof(*tm));
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    (tm->tm_year = digits(s, 4)) < 1 ||
	    (tm->tm_mon = digits(s + 5, 2)) < 1 || tm->tm_mon > 12 ||
	    (tm->tm_mday = digits(s + 8, 2)) < 1 || tm->tm_mday > 31)
		return PARSED_NONE;
	if (s[10] == '\0')
		return PARSED_DAY;
	s += 10;
	if ((*s != ' ' && *s != 'T') || strlen(s) < 6 || s[3] != ':' ||
	    (tm->tm_hour = digits(s + 1, 2)) < 0 || tm->tm_hour > 23 ||
	    (tm->tm_min = digits(s + 4, 2)) < 0 || tm->tm_min > 59)
		return PARSED_NONE;
	s += 6;
	if (*s == ':') {
		if ((tm->tm_sec = digits(s + 1, 2)) < 0 || tm->tm_sec > 60)
			return PARSED_NONE;
		s += 3;
		if (*s == '.')
			for (s++; isdigit((unsigned char)*s); s++)
				;
	}
	if (*s == '\0')
		return PARSED_WALL;
	if ((rc = zone_offset(s, &off)) != 1)
		return PARSED_NONE;
	*t = (time_t)(cal_day(tm->tm_year, tm->tm_mon, tm->tm_mday) *
	    86400LL + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec -
	    off);
	return PARSED_INSTANT;
}

/*
 * For the tests: 1 and *t for an instant, 2 and ymd[0..2] for a day (or a
 * time without a zone), 0 for anything else.
 */
int
when_parse(const char *s, time_t *t, int *ymd)
{
	struct tm	tm;
	int		rc = parse(s, t, &tm);

	if (rc == PARSED_NONE)
		return 0;
	ymd[0] = tm.tm_year;
	ymd[1] = tm.tm_mon;
	ymd[2] = tm.tm_mday;
	return rc == PARSED_INSTANT ? 1 : 2;
}

/* tm with tm_year and tm_mon as written (2026, 12), not as struct tm's. */
static const char *
format(struct pool *pool, const struct tm *tm, enum when_form form)
{
	switch (form) {
	case WHEN_DAY:
		return pool_printf(pool, "%02d/%02d/%04d", tm->tm_mday,
		    tm->tm_mon, tm->tm_year);
	case WHEN_MINUTE:
		return pool_printf(pool, "%02d/%02d/%04d %02d:%02d",
		    tm->tm_mday, tm->tm_mon, tm->tm_year, tm->tm_hour,
		    tm->tm_min);
	case WHEN_SECOND:
	default:
		return pool_printf(pool, "%02d/%02d/%04d %02d:%02d:%02d",
		    tm->tm_mday, tm->tm_mon, tm->tm_year, tm->tm_hour,
		    tm->tm_min, tm->tm_sec);
	}
}

const char *
when_time(struct pool *pool, time_t t, enum when_form form)
{
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL)
		return "";
	tm.tm_year += 1900;
	tm.tm_mon += 1;
	return format(pool, &tm, form);
}

/* The value in the display zone and format; as it is if it is no time. */
const char *
when_text(struct pool *pool, const char *value, enum when_form form)
{
	struct tm	tm;
	time_t		t;

	if (value == NULL)
		return NULL;
	switch (parse(value, &t, &tm)) {
	case PARSED_INSTANT:
		return when_time(pool, t, form);
	case PARSED_DAY:
		return format(pool, &tm, WHEN_DAY);
	case PARSED_WALL:
		return format(pool, &tm, form);
	default:
		return value;
	}
}

/*
 * A cell of a result as a person reads it: a timestamp to the minute, a
 * date as a day, anything else as it is ("" for NULL, as libpq says).
 */
const char *
when_cell(struct pool *pool, const PGresult *res, int row, int col)
{
	const char	*v = PQgetvalue(res, row, col);

	if (PQgetisnull(res, row, col))
		return v;
	switch (PQftype(res, col)) {
	case OID_TIMESTAMPTZ:
	case OID_TIMESTAMP:
		return when_text(pool, v, WHEN_MINUTE);
	case OID_DATE:
		return when_text(pool, v, WHEN_DAY);
	default:
		return v;
	}
}
