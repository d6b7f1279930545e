/*
 * Days as the law counts them: see calendar.h.  Day numbers by Howard
 * Hinnant's civil-from-days algorithms; Easter by the anonymous Gregorian
 * algorithm (Meeus, Jones, Butcher).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"

const char *const cal_region_names[CAL__MAX] = {
	"belgium", "brussels", "wallonia", "flanders", "german"
};

int
cal_region(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < CAL__MAX; i++)
		if (strcmp(name, cal_region_names[i]) == 0)
			return i;
	return -1;
}

long
cal_day(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
cal_civil(long day, int *y, int *m, int *d)
{
	long	z = day + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
cal_weekday(long day)
{
	long	w = (day + 3) % 7;	/* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w) + 1;
}

long
cal_easter(int y)
{
	int	a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int	f = (b + 8) / 25, g = (b - f + 1) / 3;
	int	h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int	l = (32 + 2 * e + 2 * i - h - k) % 7;
	int	m = (a + 11 * h + 22 * l) / 451;
	int	month = (h + l - 7 * m + 114) / 31;
	int	dd = (h + l - 7 * m + 114) % 31 + 1;

	return cal_day(y, month, dd);
}

static int
two_digits(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int
cal_parse(const char *s, long *day)
{
	int	y, m, d, yy, cy, ny, nm, nd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((cy = two_digits(s)) == -1 || (yy = two_digits(s + 2)) == -1 ||
	    (m = two_digits(s + 5)) == -1 || (d = two_digits(s + 8)) == -1)
		return -1;
	y = cy * 100 + yy;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = cal_day(y, m, d);
	cal_civil(*day, &ny, &nm, &nd);
	return ny == y && nm == m && nd == d ? 0 : -1;	/* 31 April */
}

char *
cal_format(long day, char *buf)
{
	int	y, m, d;

	cal_civil(day, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

/* Fixed days: month, day, key, and the region whose alone (or -1: all). */
static const struct fixed {
	int		 m, d;
	const char	*key;
	int		 region;
} fixed[] = {
	{ 1, 1, "new_year", -1 },
	{ 5, 1, "labour_day", -1 },
	{ 5, 8, "iris_day", CAL_BRUSSELS },
	{ 7, 11, "flemish_community", CAL_FLANDERS },
	{ 7, 21, "national_day", -1 },
	{ 8, 15, "assumption", -1 },
	{ 9, 27, "french_community", CAL_WALLONIA },
	{ 11, 1, "all_saints", -1 },
	{ 11, 11, "armistice", -1 },
	{ 11, 15, "german_community", CAL_GERMAN },
	{ 12, 25, "christmas", -1 },
};

const char *
cal_holiday(enum cal_region region, long day)
{
	int	y, m, d;
	long	e;
	size_t	i;

	cal_civil(day, &y, &m, &d);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i].m == m && fixed[i].d == d &&
		    (fixed[i].region == -1 || fixed[i].region == (int)region))
			return fixed[i].key;
	if (m < 3 || m > 6)
		return NULL;
	e = cal_easter(y);
	if (day == e + 1)
		return "easter_monday";
	if (day == e + 39)
		return "ascension";
	if (day == e + 50)
		return "whit_monday";
	return NULL;
}

int
cal_working(enum cal_region region, long day)
{
	return cal_weekday(day) < 6 && cal_holiday(region, day) == NULL;
}

long
cal_add_working(enum cal_region region, long day, int n)
{
	if (n <= 0) {
		while (!cal_working(region, day))
			day++;
		return day;
	}
	while (n > 0)
		n -= cal_working(region, ++day);
	return day;
}

int
cal_working_between(enum cal_region region, long from, long to)
{
	int	n = 0;

	while (from < to)
		n += cal_working(region, ++from);
	return n;
}
