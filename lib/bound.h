/* A field's limits: fixed or relative to the day of the check, in words. */
#ifndef GUICHET_BOUND_H
#define GUICHET_BOUND_H

#include <stddef.h>

#include <jansson.h>

/* What a type's "min" and "max" limit (lib/fieldtype.c says which). */
enum bounds {
	BOUNDS_NONE,
	BOUNDS_COUNT,		/* blocks of a group, files of a PDF field */
	BOUNDS_NUMBER,		/* the value typed: fixed, or this_year+N */
	BOUNDS_DATE,		/* the date typed: fixed, or today+N[dmy] */
};

enum bound_kind {
	BOUND_NONE,
	BOUND_NUMBER,		/* n */
	BOUND_YEAR,		/* the current year, plus n */
	BOUND_DATE,		/* y-m-d */
	BOUND_TODAY,		/* today, plus y years, m months, d days */
};

struct bound {
	enum bound_kind	 kind;
	int		 exclusive;	/* the value itself is out */
	double		 n;
	int		 y, m, d;
};

/*
 * The bound a definition writes (a number, a date, "today-18y",
 * "this_year"), for a type with these bounds and decimal places; -1
 * with what is wrong in err.
 */
int		 bound_parse(const json_t *, enum bounds, int places,
		    struct bound *, char *err, size_t errsz);
/* Its value on the day of the check: a number, or a date as YYYYMMDD. */
double		 bound_value(const struct bound *);
/* A date "YYYY-MM-DD" as YYYYMMDD, to compare with bound_value. */
double		 bound_date_value(const char *);
/* Whether a bound is the plain "today", said "the future"/"the past". */
int		 bound_is_today(const struct bound *);
/* Where the zone of the day is (display.timezone); NULL: Europe/Brussels. */
void		 bound_timezone_set(const char *);
/*
 * The bound on the day of the check, as a person of lang ("fr") reads
 * it: "20 000,00 €", "01/01/2000".  places: decimals shown (-1: as few
 * as needed); unit after a number, or NULL.
 */
const char	*bound_words(const struct bound *, const char *lang, int places,
		    const char *unit, char *buf, size_t bufsz);
const char	*number_words(double, const char *lang, int places,
		    const char *unit, char *buf, size_t bufsz);

#endif
