/*
 * Unit tests of lib/slots.c: the starts an office offers over a week
 * with a lunch break, capacity from desks, a holiday of the office's
 * region but not of another's, a closure, the minimum and maximum
 * delays, and the verdict on starts in the past, outside hours, on a
 * holiday or taken.
 */
#include "tap.h"
#include "slots.h"

#define AT(y, m, d, hh, mm)	(cal_day(y, m, d) * 1440L + (hh) * 60 + (mm))

static const struct slot_hours hours[] = {
	{ 1, 9 * 60, 12 * 60 }, { 1, 13 * 60, 16 * 60 },
	{ 2, 9 * 60, 12 * 60 }, { 3, 9 * 60, 12 * 60 },
	{ 4, 9 * 60, 12 * 60 }, { 5, 9 * 60, 11 * 60 },
};

int
main(void)
{
	/* Monday 7 December 2026, 08:00; a 15-minute type, two desks */
	long			 now = AT(2026, 12, 7, 8, 0), out[400];
	struct slot_busy	 busy[] = {
		{ 0, AT(2026, 12, 7, 9, 0), AT(2026, 12, 7, 9, 15) },
		{ 1, AT(2026, 12, 7, 9, 0), AT(2026, 12, 7, 9, 30) },
		{ 0, AT(2026, 12, 7, 9, 15), AT(2026, 12, 7, 9, 30) },
		{ -1, AT(2026, 12, 9, 0, 0), AT(2026, 12, 10, 0, 0) },
	};
	struct slot_rules	 r = { CAL_BRUSSELS, 15, 2, now, 0,
	    hours, sizeof(hours) / sizeof(hours[0]), busy, 4 };
	size_t			 n;
	int			 desk;

	r.latest_day = cal_day(2026, 12, 7) + 60;
	n = slots_free(&r, now, cal_day(2026, 12, 7), cal_day(2026, 12, 14),
	    out, 400);
	is_int(out[0], AT(2026, 12, 7, 9, 30), "the first free start: both desks busy until 09:30");
	/* Monday 12+12, Tuesday 12, Wednesday closed, Thursday 12, Friday 8 */
	is_int(n, 22 + 12 + 12 + 8, "a week's starts: lunch, the closure and the weekend left out");
	is_int(out[10], AT(2026, 12, 7, 13, 0), "after 11:45 comes 13:00, the afternoon");
	ok(slot_check(&r, now, AT(2026, 12, 7, 9, 0), 1, &desk) == SLOT_TAKEN,
	    "09:00: taken on both desks");
	busy[1].to = AT(2026, 12, 7, 9, 15);
	ok(slot_check(&r, now, AT(2026, 12, 7, 9, 0), 1, &desk) == SLOT_TAKEN &&
	    slot_check(&r, now, AT(2026, 12, 7, 9, 15), 1, &desk) == SLOT_OK &&
	    desk == 1, "09:15: free on the second desk");
	ok(slot_check(&r, now, AT(2026, 12, 7, 7, 0), 1, &desk) == SLOT_PAST,
	    "a start in the past");
	ok(slot_check(&r, now, AT(2026, 12, 7, 9, 45), 1, &desk) == SLOT_OK &&
	    slot_check(&r, AT(2026, 12, 7, 8, 0), AT(2026, 12, 7, 9, 45), 0,
	    &desk) == SLOT_OK, "09:45 is offered");
	r.earliest = now + 24 * 60;
	ok(slot_check(&r, now, AT(2026, 12, 7, 9, 45), 1, &desk) == SLOT_TOO_SOON,
	    "before the minimum delay");
	ok(slot_check(&r, now, AT(2027, 3, 1, 9, 0), 1, &desk) == SLOT_TOO_FAR,
	    "after the maximum delay");
	ok(slot_check(&r, now, AT(2026, 12, 8, 9, 5), 1, &desk) == SLOT_HOURS,
	    "09:05: not a start (15-minute steps)");
	ok(slot_check(&r, now, AT(2026, 12, 8, 11, 50), 1, &desk) == SLOT_HOURS,
	    "11:50: would end after closing");
	ok(slot_check(&r, now, AT(2026, 12, 12, 10, 0), 1, &desk) == SLOT_HOURS,
	    "a Saturday: closed");
	ok(slot_check(&r, now, AT(2026, 12, 9, 10, 0), 1, &desk) == SLOT_CLOSED,
	    "the day of a closure");
	ok(slot_check(&r, now, AT(2026, 12, 25, 10, 0), 1, &desk) == SLOT_HOLIDAY,
	    "Christmas: a holiday");
	r.earliest = now;
	r.latest_day = cal_day(2027, 6, 1);
	ok(slot_check(&r, now, AT(2027, 5, 10, 10, 0), 1, &desk) == SLOT_OK,
	    "10 May 2027 in Brussels: a Monday like others");
	r.region = CAL_BRUSSELS;
	ok(slot_check(&r, now, AT(2027, 5, 7, 10, 0), 1, &desk) == SLOT_OK,
	    "7 May 2027, a Friday, open");
	ok(slot_check(&r, now, AT(2026, 5, 8, 10, 0), 1, &desk) == SLOT_PAST,
	    "8 May 2026 is past anyway");
	r.latest_day = cal_day(2028, 1, 1);
	ok(slot_check(&r, now, AT(2027, 5, 10, 10, 0), 1, &desk) == SLOT_OK,
	    "a working Monday in May");
	ok(slot_check(&r, now, AT(2027, 7, 12, 10, 0), 1, &desk) == SLOT_OK,
	    "12 July: open in Brussels");
	r.region = CAL_FLANDERS;
	ok(slot_check(&r, now, AT(2027, 7, 12, 10, 0), 1, &desk) == SLOT_OK,
	    "12 July 2027 in Flanders too (the 11th is a Sunday)");
	ok(slot_check(&r, now, AT(2026, 12, 8, 10, 0), 1, &desk) == SLOT_OK,
	    "a Flemish office on a Tuesday");
	r.region = CAL_WALLONIA;
	ok(slot_check(&r, now, AT(2027, 9, 27, 10, 0), 1, &desk) == SLOT_HOLIDAY,
	    "27 September 2027 (a Monday) in Wallonia: a holiday");
	r.region = CAL_FLANDERS;
	ok(slot_check(&r, now, AT(2027, 9, 27, 10, 0), 1, &desk) == SLOT_OK,
	    "and not in Flanders");
	r.ndesks = 0;
	ok(slot_check(&r, now, AT(2026, 12, 8, 10, 0), 1, &desk) == SLOT_TAKEN,
	    "no desk: nothing to book");
	r.ndesks = 2;
	r.duration = 30;
	n = slots_free(&r, now, cal_day(2026, 12, 11), cal_day(2026, 12, 12), out, 400);
	is_int(n, 7, "a 30-minute type on Friday 9-11: starts every 15 minutes, ending by 11:00");
	return tap_done();
}
