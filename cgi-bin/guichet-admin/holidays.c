/*
 * The public holidays the database counts deadlines with (sql/0049,
 * docs/deadlines.md): written at every migrate from lib/calendar.c, the
 * one place their rules live, for the years HOLIDAY_FIRST..HOLIDAY_LAST.
 * Rerunning it changes nothing; a rule changed in lib/calendar.c is
 * written again over the old days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "calendar.h"
#include "pool.h"

#define HOLIDAY_FIRST	2000
#define HOLIDAY_LAST	2100

static const char q_holidays[] =
    "WITH y AS (INSERT INTO public_holiday_years"
    "  SELECT generate_series($4::integer, $5::integer)"
    "  ON CONFLICT DO NOTHING),"
    " gone AS (DELETE FROM public_holidays h"
    "  WHERE extract(year FROM h.day) BETWEEN $4::integer AND $5::integer"
    "   AND (h.region, h.day) NOT IN (SELECT * FROM unnest($1::text[],"
    "    $2::date[])))"
    " INSERT INTO public_holidays (region, day, name)"
    " SELECT * FROM unnest($1::text[], $2::date[], $3::text[])"
    " ON CONFLICT (region, day) DO UPDATE SET name = EXCLUDED.name"
    "  WHERE public_holidays.name <> EXCLUDED.name";

/* Appends "v" (a PostgreSQL array's element) to the array being built. */
static void
array_add(struct buf *b, const char *v)
{
	if (b->len > 1)
		buf_putc(b, ',');
	buf_printf(b, "\"%s\"", v);
}

int
holidays_write(void)
{
	struct pool	*p;
	struct buf	 regions, days, names;
	const char	*v[5], *key;
	char		 day[11];
	PGresult	*res;
	long		 d, last;
	int		 r, rc = 1;

	if ((p = pool_new(64 << 10)) == NULL)
		return 1;
	buf_init(&regions, p);
	buf_init(&days, p);
	buf_init(&names, p);
	buf_putc(&regions, '{');
	buf_putc(&days, '{');
	buf_putc(&names, '{');
	last = cal_day(HOLIDAY_LAST, 12, 31);
	for (r = 0; r < CAL__MAX; r++)
		for (d = cal_day(HOLIDAY_FIRST, 1, 1); d <= last; d++) {
			if ((key = cal_holiday(r, d)) == NULL)
				continue;
			array_add(&regions, cal_region_names[r]);
			array_add(&days, cal_format(d, day));
			array_add(&names, key);
		}
	buf_putc(&regions, '}');
	buf_putc(&days, '}');
	buf_putc(&names, '}');
	v[0] = buf_cstr(&regions);
	v[1] = buf_cstr(&days);
	v[2] = buf_cstr(&names);
	v[3] = pool_printf(p, "%d", HOLIDAY_FIRST);
	v[4] = pool_printf(p, "%d", HOLIDAY_LAST);
	if ((res = admin_step("public holidays", q_holidays, 5, v)) != NULL) {
		PQclear(res);
		rc = 0;
	}
	pool_free(p);
	return rc;
}
