/*
 * Days as the law counts them (issue 20, docs/deadlines.md): day numbers,
 * weekdays, Easter, Belgium's public holidays and the regions' and
 * communities' own, working days.  A day is a number of days since
 * 1970-01-01 (proleptic Gregorian), so periods are additions.
 *
 * The holidays are the ten legal public holidays of Belgium (Royal Decree
 * of 18 April 1974) and the day off of the administrations of each region
 * or community: 8 May in Brussels (Iris Day), 11 July in Flanders,
 * 27 September in Wallonia (the Wallonia-Brussels Federation's), 15
 * November in the German-speaking Community.  A commune's own closures
 * are data (an office's exceptions), not rules.
 */
#ifndef GUICHET_CALENDAR_H
#define GUICHET_CALENDAR_H

enum cal_region {
	CAL_BELGIUM,	/* the ten legal holidays only */
	CAL_BRUSSELS,
	CAL_WALLONIA,
	CAL_FLANDERS,
	CAL_GERMAN,	/* the German-speaking Community */
	CAL__MAX
};

/* "belgium", "brussels", "wallonia", "flanders", "german": as in definitions. */
extern const char *const cal_region_names[CAL__MAX];

int		 cal_region(const char *name);	/* enum cal_region, or -1 */

long		 cal_day(int y, int m, int d);	/* days since 1970-01-01 */
void		 cal_civil(long day, int *y, int *m, int *d);
int		 cal_weekday(long day);		/* ISO: 1 Monday .. 7 Sunday */
long		 cal_easter(int y);		/* Easter Sunday of year y */

/* "2026-12-03" exactly (a real date, 1900-2999) into *day: 0, or -1. */
int		 cal_parse(const char *, long *day);
/* day as "2026-12-03" into buf (at least 11 bytes); buf. */
char		*cal_format(long day, char *buf);

/*
 * The holiday's key (for the language files: "holiday.easter_monday"...)
 * if day is a public holiday in region, or NULL.
 */
const char	*cal_holiday(enum cal_region, long day);
/* Neither a Saturday nor a Sunday nor a holiday of region. */
int		 cal_working(enum cal_region, long day);
/*
 * The n-th working day after day (n > 0), whatever day itself is; with
 * n == 0, day if it is a working day, else the next one (the rule that
 * moves a period's last day off a Sunday or a holiday: Judicial Code,
 * art. 53).
 */
long		 cal_add_working(enum cal_region, long day, int n);
/* Working days in (from, to]: 0 when to <= from. */
int		 cal_working_between(enum cal_region, long from, long to);

#endif
