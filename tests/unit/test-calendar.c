/*
 * Unit tests of lib/calendar.c: day numbers both ways over four
 * centuries, weekdays, Easter against published dates, Belgium's holidays
 * and each region's own, working days across weekends, holidays and the
 * ends of months and years.
 */
#include "tap.h"
#include "calendar.h"

static long
D(const char *s)
{
	long	day = -999999;

	cal_parse(s, &day);
	return day;
}

static const char *
F(long day)
{
	static char	buf[4][11];
	static int	i;

	return cal_format(day, buf[i++ % 4]);
}

static void
test_days(void)
{
	long	day, bad = 0;
	int	y, m, d;

	is_int(cal_day(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(cal_day(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	for (day = cal_day(1900, 1, 1); day <= cal_day(2300, 12, 31); day++) {
		cal_civil(day, &y, &m, &d);
		bad += cal_day(y, m, d) != day;
	}
	is_int(bad, 0, "civil and day numbers agree for 1900-2300");
	is_int(cal_weekday(D("2026-12-03")), 4, "2026-12-03 is a Thursday");
	is_int(cal_weekday(D("2000-01-01")), 6, "2000-01-01 was a Saturday");
	is_int(cal_weekday(D("1969-12-28")), 7, "before 1970 too (a Sunday)");
	ok(cal_parse("2026-02-29", &day) == -1, "29 February 2026 refused");
	ok(cal_parse("2024-02-29", &day) == 0, "29 February 2024 read");
	ok(cal_parse("2026-04-31", &day) == -1, "31 April refused");
	ok(cal_parse("2026-4-01", &day) == -1 && cal_parse("2026-04-01x", &day)
	    == -1 && cal_parse("", &day) == -1 && cal_parse(NULL, &day) == -1,
	    "other shapes refused");
	is_str(F(D("2026-12-31") + 1), "2027-01-01", "the year turns");
	is_str(F(D("2028-02-28") + 1), "2028-02-29", "a leap day follows");
}

static void
test_easter(void)
{
	static const char *const known[] = {
		"2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21",
		"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
		"2038-04-25", "2285-03-22",
	};
	size_t	i;
	int	y, m, d, good = 0;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		cal_civil(D(known[i]), &y, &m, &d);
		good += cal_easter(y) == D(known[i]);
	}
	is_int(good, (long long)(sizeof(known) / sizeof(known[0])),
	    "Easter on its published dates (1 in 10 centuries apart too)");
	is_int(cal_weekday(cal_easter(2031)), 7, "Easter is a Sunday");
}

static void
test_holidays(void)
{
	long	day;
	int	n = 0;

	is_str(cal_holiday(CAL_BELGIUM, D("2026-04-06")), "easter_monday",
	    "Easter Monday 2026");
	is_str(cal_holiday(CAL_BELGIUM, D("2026-05-14")), "ascension",
	    "Ascension 2026");
	is_str(cal_holiday(CAL_BELGIUM, D("2026-05-25")), "whit_monday",
	    "Whit Monday 2026");
	is_str(cal_holiday(CAL_WALLONIA, D("2026-07-21")), "national_day",
	    "21 July everywhere");
	ok(cal_holiday(CAL_BELGIUM, D("2026-04-05")) == NULL,
	    "Easter Sunday itself is a Sunday, not a listed holiday");
	ok(cal_holiday(CAL_WALLONIA, D("2026-09-27")) != NULL &&
	    cal_holiday(CAL_FLANDERS, D("2026-09-27")) == NULL,
	    "27 September in Wallonia, not in Flanders");
	ok(cal_holiday(CAL_FLANDERS, D("2026-07-11")) != NULL &&
	    cal_holiday(CAL_BRUSSELS, D("2026-07-11")) == NULL,
	    "11 July in Flanders, not in Brussels");
	ok(cal_holiday(CAL_BRUSSELS, D("2026-05-08")) != NULL &&
	    cal_holiday(CAL_BELGIUM, D("2026-05-08")) == NULL,
	    "8 May in Brussels only");
	ok(cal_holiday(CAL_GERMAN, D("2026-11-15")) != NULL &&
	    cal_holiday(CAL_WALLONIA, D("2026-11-15")) == NULL,
	    "15 November in the German-speaking Community");
	for (day = D("2027-01-01"); day <= D("2027-12-31"); day++)
		n += cal_holiday(CAL_BELGIUM, day) != NULL;
	is_int(n, 10, "ten legal holidays in 2027");
	is_int(cal_region("wallonia"), CAL_WALLONIA, "a region by its name");
	is_int(cal_region("Wallonie"), -1, "an unknown name: -1");
}

static void
test_working(void)
{
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-12-03"), 1)),
	    "2026-12-04", "Thursday + 1 working day: Friday");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-12-04"), 1)),
	    "2026-12-07", "Friday + 1: Monday");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-12-05"), 1)),
	    "2026-12-07", "Saturday + 1: Monday");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-12-24"), 1)),
	    "2026-12-28", "24 December + 1: over Christmas and a weekend");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-12-24"), 5)),
	    "2027-01-04", "over the year's end and New Year");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-04-02"), 2)),
	    "2026-04-07", "over Easter Monday");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2026-09-25"), 1)),
	    "2026-09-28", "27 September 2026 is a Sunday anyway");
	is_str(F(cal_add_working(CAL_WALLONIA, D("2027-09-24"), 1)),
	    "2027-09-28", "27 September 2027, a Monday, skipped in Wallonia");
	is_str(F(cal_add_working(CAL_FLANDERS, D("2027-09-24"), 1)),
	    "2027-09-27", "but not in Flanders");
	is_str(F(cal_add_working(CAL_BELGIUM, D("2026-11-01"), 0)),
	    "2026-11-02", "a period ending on a Sunday holiday: the next working day");
	is_str(F(cal_add_working(CAL_BELGIUM, D("2026-11-10"), 0)),
	    "2026-11-10", "one ending on a working day stays");
	is_int(cal_working_between(CAL_WALLONIA, D("2026-12-24"),
	    D("2027-01-04")), 5, "working days counted back agree");
	is_int(cal_working_between(CAL_WALLONIA, D("2026-12-24"),
	    D("2026-12-24")), 0, "none in an empty span");
	is_int(cal_working_between(CAL_BELGIUM, D("2026-01-31"),
	    D("2026-02-28")), 20, "February 2026: 20 working days");
}

int
main(void)
{
	test_days();
	test_easter();
	test_holidays();
	test_working();
	return tap_done();
}
