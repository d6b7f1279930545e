/*
 * Unit tests of lib/bound.c: bounds as definitions write them (numbers
 * with their decimals, dates, today and this_year give or take), their
 * value on the day of the check, and how each language writes them.
 */
#include <time.h>

#include "bound.h"
#include "tap.h"

static int
parses(const char *json, enum bounds kind, int places, struct bound *b)
{
	json_t	*j = json_loads(json, JSON_DECODE_ANY, NULL);
	char	 err[200];
	int	 rc = bound_parse(j, kind, places, b, err, sizeof(err));

	json_decref(j);
	return rc == 0;
}

/* Today in Brussels as YYYYMMDD, computed apart from lib/bound.c. */
static double
brussels_today(int years, int months, int days)
{
	time_t		 now = time(NULL);
	struct tm	 t;
	int		 dim;

	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	localtime_r(&now, &t);
	unsetenv("TZ");
	tzset();
	t.tm_year += years;
	t.tm_mon += months;
	t.tm_year += t.tm_mon / 12;
	t.tm_mon %= 12;
	/* the last day of a shorter month, as the bound does */
	dim = t.tm_mon == 1 ? ((t.tm_year + 1900) % 4 == 0 ? 29 : 28) :
	    (t.tm_mon == 3 || t.tm_mon == 5 || t.tm_mon == 8 ||
	    t.tm_mon == 10) ? 30 : 31;
	if (t.tm_mday > dim)
		t.tm_mday = dim;
	t.tm_mday += days;
	t.tm_hour = 12;
	now = timegm(&t);
	gmtime_r(&now, &t);
	return (t.tm_year + 1900) * 10000.0 + (t.tm_mon + 1) * 100 + t.tm_mday;
}

int
main(void)
{
	struct bound	 b;
	char		 w[64];

	/* Numbers keep their decimals: 0.01 is not 0. */
	ok(parses("0.01", BOUNDS_NUMBER, 2, &b) && b.kind == BOUND_NUMBER &&
	    b.n == 0.01 && bound_value(&b) > 0, "0.01 on an amount");
	ok(!parses("0.001", BOUNDS_NUMBER, 2, &b), "0.001 on an amount: no");
	ok(parses("1.123456", BOUNDS_NUMBER, 6, &b), "6 decimals on a decimal");
	ok(!parses("1.5", BOUNDS_NUMBER, 0, &b), "1.5 on an integer: no");
	ok(!parses("1e16", BOUNDS_NUMBER, 0, &b), "beyond 15 digits: no");
	ok(!parses("\"12\"", BOUNDS_NUMBER, 0, &b), "a number in a string: no");
	ok(parses("\"this_year\"", BOUNDS_NUMBER, 0, &b) &&
	    b.kind == BOUND_YEAR && bound_value(&b) ==
	    (double)(int)(brussels_today(0, 0, 0) / 10000), "this_year");
	ok(parses("\"this_year-1\"", BOUNDS_NUMBER, 0, &b) &&
	    bound_value(&b) == (int)(brussels_today(0, 0, 0) / 10000) - 1,
	    "this_year-1");
	ok(!parses("\"this_year-1y\"", BOUNDS_NUMBER, 0, &b) &&
	    !parses("\"next_year\"", BOUNDS_NUMBER, 0, &b), "nothing else");

	/* Counts: whole, from 0 to 1000. */
	ok(parses("5", BOUNDS_COUNT, 0, &b) && bound_value(&b) == 5, "a count");
	ok(!parses("2.5", BOUNDS_COUNT, 0, &b) && !parses("-1", BOUNDS_COUNT,
	    0, &b) && !parses("\"this_year\"", BOUNDS_COUNT, 0, &b),
	    "a count is whole, not negative, not relative");

	/* Dates: fixed or relative to today in Brussels. */
	ok(parses("\"2000-02-29\"", BOUNDS_DATE, 0, &b) &&
	    bound_value(&b) == 20000229, "a date");
	ok(!parses("\"2001-02-29\"", BOUNDS_DATE, 0, &b), "not a real day: no");
	ok(!parses("\"1799-12-31\"", BOUNDS_DATE, 0, &b), "before 1800: no");
	ok(!parses("2000", BOUNDS_DATE, 0, &b), "a number for a date: no");
	ok(parses("\"today\"", BOUNDS_DATE, 0, &b) && bound_is_today(&b) &&
	    bound_value(&b) == brussels_today(0, 0, 0), "today, in Brussels");
	ok(parses("\"today+6m\"", BOUNDS_DATE, 0, &b) && !bound_is_today(&b) &&
	    bound_value(&b) == brussels_today(0, 6, 0), "today+6m");
	ok(parses("\"today-18y\"", BOUNDS_DATE, 0, &b) &&
	    bound_value(&b) == brussels_today(-18, 0, 0), "today-18y");
	ok(parses("\"today+1y-1d\"", BOUNDS_DATE, 0, &b) &&
	    bound_value(&b) == brussels_today(1, 0, -1), "today+1y-1d");
	ok(parses("\"today+30d\"", BOUNDS_DATE, 0, &b) &&
	    bound_value(&b) == brussels_today(0, 0, 30), "today+30d");
	ok(!parses("\"today+6w\"", BOUNDS_DATE, 0, &b) &&
	    !parses("\"today+\"", BOUNDS_DATE, 0, &b) &&
	    !parses("\"today+2000d\"", BOUNDS_DATE, 0, &b) &&
	    !parses("\"tomorrow\"", BOUNDS_DATE, 0, &b), "nothing else");
	is_int((int)bound_date_value("2026-03-31"), 20260331, "a date typed");
	is_int((int)bound_date_value("31/03/2026"), 0, "not ISO: 0");
	ok(!parses("1", BOUNDS_NONE, 0, &b), "no bounds for a text");

	/* In words, as each language writes them. */
	is_str(number_words(20000, "fr", 2, " €", w, sizeof(w)),
	    "20\xc2\xa0" "000,00\xc2\xa0€", "fr: 20 000,00 €");
	is_str(number_words(20000, "nl", 2, " €", w, sizeof(w)),
	    "20.000,00\xc2\xa0€", "nl: 20.000,00 €");
	is_str(number_words(20000, "de", 2, " €", w, sizeof(w)),
	    "20.000,00\xc2\xa0€", "de: 20.000,00 €");
	is_str(number_words(20000, "en", 2, " €", w, sizeof(w)),
	    "20,000.00\xc2\xa0€", "en: 20,000.00 €");
	is_str(number_words(1234567.5, "en", -1, NULL, w, sizeof(w)),
	    "1,234,567.5", "as few decimals as needed");
	is_str(number_words(2026, "fr", 0, NULL, w, sizeof(w)), "2026",
	    "four digits together: a year");
	is_str(number_words(-15000, "de", 0, NULL, w, sizeof(w)), "-15.000",
	    "negative");
	is_str(number_words(0.01, "fr", 2, " €", w, sizeof(w)),
	    "0,01\xc2\xa0€", "0,01 €");
	parses("\"2000-01-05\"", BOUNDS_DATE, 0, &b);
	is_str(bound_words(&b, "en", 0, NULL, w, sizeof(w)), "05/01/2000",
	    "a date, the Belgian way, in every language");
	parses("\"this_year\"", BOUNDS_NUMBER, 2, &b);
	ok(strchr(bound_words(&b, "fr", 2, " €", w, sizeof(w)), ',') == NULL,
	    "a year has no decimals");
	return tap_done();
}
