/*
 * Unit tests of lib/when.c: times as people read them, in Brussels time
 * whatever zone the value was written in, across the changes of hour.
 */
#include "tap.h"
#include "pool.h"
#include "when.h"

struct wcase {
	const char	*in;
	enum when_form	 form;
	const char	*want;
};

static const struct wcase cases[] = {
	/* the sealed UTC of a receipt, in winter (UTC+1) and summer (UTC+2) */
	{ "2026-12-03T06:36:39Z", WHEN_MINUTE, "03/12/2026 07:36" },
	{ "2026-12-03T06:36:39Z", WHEN_SECOND, "03/12/2026 07:36:39" },
	{ "2026-07-14T22:30:00Z", WHEN_MINUTE, "15/07/2026 00:30" },
	{ "2026-07-14T22:30:00Z", WHEN_DAY, "15/07/2026" },
	/* PostgreSQL's text of a timestamptz, in any session zone */
	{ "2026-12-03 07:36:39.123456+01", WHEN_MINUTE, "03/12/2026 07:36" },
	{ "2026-12-03 06:36:39+00", WHEN_MINUTE, "03/12/2026 07:36" },
	{ "2026-12-03 12:06:39+05:30", WHEN_MINUTE, "03/12/2026 07:36" },
	{ "2026-12-02 21:36:39-09:00", WHEN_MINUTE, "03/12/2026 07:36" },
	{ "2026-03-29 01:00:00+00", WHEN_MINUTE, "29/03/2026 03:00" },
	{ "2026-03-29 00:59:59+00", WHEN_SECOND, "29/03/2026 01:59:59" },
	{ "2026-10-25 00:30:00+00", WHEN_MINUTE, "25/10/2026 02:30" },
	{ "2026-10-25 01:30:00+00", WHEN_MINUTE, "25/10/2026 02:30" },
	{ "2024-02-29 23:00:00+00", WHEN_DAY, "01/03/2024" },
	{ "1999-12-31T23:00:00Z", WHEN_MINUTE, "01/01/2000 00:00" },
	/* a day stays the day it is: no zone moves it */
	{ "2026-11-15", WHEN_MINUTE, "15/11/2026" },
	{ "2026-11-15", WHEN_DAY, "15/11/2026" },
	/* a time without a zone is already the wall clock's */
	{ "2026-11-15 08:05:00", WHEN_MINUTE, "15/11/2026 08:05" },
	/* anything else as it is */
	{ "", WHEN_MINUTE, "" },
	{ "infinity", WHEN_MINUTE, "infinity" },
	{ "2026-13-01", WHEN_DAY, "2026-13-01" },
	{ "2026-12-03T25:00:00Z", WHEN_MINUTE, "2026-12-03T25:00:00Z" },
	{ "2026-12-03 07:36:39+1", WHEN_MINUTE, "2026-12-03 07:36:39+1" },
	{ "2026-12-03 07:36:39 Europe/Brussels", WHEN_MINUTE,
	    "2026-12-03 07:36:39 Europe/Brussels" },
	{ "15/11/2026", WHEN_DAY, "15/11/2026" },
};

int
main(void)
{
	struct pool	*pool = pool_new(4096);
	time_t		 t;
	int		 ymd[3];
	size_t		 i;

	ok(when_zone("Europe/Brussels") == 0, "the zone is set");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(when_text(pool, cases[i].in, cases[i].form),
		    cases[i].want, cases[i].in);
	ok(when_text(pool, NULL, WHEN_DAY) == NULL, "NULL stays NULL");
	is_int(when_parse("2026-12-03T06:36:39Z", &t, ymd), 1,
	    "an instant is parsed as one");
	is_int(t, 1796279799LL, "to the second since the epoch");
	is_int(when_parse("2026-02-28", &t, ymd), 2, "a day as a day");
	is_int(ymd[0] * 10000 + ymd[1] * 100 + ymd[2], 20260228,
	    "with its year, month and day");
	is_int(when_parse("not a time", &t, ymd), 0, "nonsense is refused");
	is_str(when_time(pool, 0, WHEN_MINUTE), "01/01/1970 01:00",
	    "the epoch, in Brussels");
	ok(when_zone("UTC") == 0, "another zone");
	is_str(when_text(pool, "2026-12-03 07:36:39+01", WHEN_MINUTE),
	    "03/12/2026 06:36", "follows the zone the process is given");
	is_str(when_text(pool, "2026-11-15", WHEN_DAY), "15/11/2026",
	    "a day does not");
	pool_free(pool);
	return tap_done();
}
