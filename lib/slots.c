/*
 * An office's free slots from its rules: opening hours, holidays of its
 * region, closures, booking delays, and its desks' busy times.  The same
 * function draws the slot page and judges a posted start, so a start the
 * page would not offer is refused with why (docs/appointments.md).
 */
#include "slots.h"

const char *const slot_verdict_names[SLOT__MAX] = {
	"ok", "past", "too_soon", "too_far", "holiday", "closed", "hours",
	"taken",
};

int
slot_step(int duration)
{
	return duration < 15 ? duration : 15;
}

static long
floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Whether the opening hours of start's day give it as a start. */
static int
in_hours(const struct slot_rules *r, long start)
{
	long	day = floor_div(start, 1440);
	int	m = (int)(start - day * 1440), wd = cal_weekday(day);
	size_t	i;

	for (i = 0; i < r->nhours; i++) {
		const struct slot_hours	*h = &r->hours[i];

		if (h->weekday == wd && m >= h->opens &&
		    m + r->duration <= h->closes &&
		    (m - h->opens) % slot_step(r->duration) == 0)
			return 1;
	}
	return 0;
}

static int
overlaps(const struct slot_busy *b, long from, long to)
{
	return b->from < to && from < b->to;
}

/* The first desk free over [from, to), or -1; -2 if a closure covers it. */
static int
desk_free(const struct slot_rules *r, long from, long to)
{
	unsigned long long	taken[(SLOTS_DESKS_MAX + 63) / 64] = { 0 };
	size_t			i;
	int			d;

	for (i = 0; i < r->nbusy; i++) {
		const struct slot_busy	*b = &r->busy[i];

		if (!overlaps(b, from, to))
			continue;
		if (b->desk < 0)
			return -2;
		if (b->desk < SLOTS_DESKS_MAX)
			taken[b->desk / 64] |= 1ULL << (b->desk % 64);
	}
	for (d = 0; d < r->ndesks && d < SLOTS_DESKS_MAX; d++)
		if ((taken[d / 64] & (1ULL << (d % 64))) == 0)
			return d;
	return -1;
}

enum slot_verdict
slot_check(const struct slot_rules *r, long now, long start, int check_busy,
    int *desk)
{
	long	day = floor_div(start, 1440);
	int	d;

	*desk = -1;
	/* now is the minute under way: a start in it has begun */
	if (start <= now)
		return SLOT_PAST;
	if (start < r->earliest)
		return SLOT_TOO_SOON;
	if (day > r->latest_day)
		return SLOT_TOO_FAR;
	if (cal_holiday(r->region, day) != NULL)
		return SLOT_HOLIDAY;
	if (!in_hours(r, start))
		return SLOT_HOURS;
	d = desk_free(r, start, start + r->duration);
	if (d == -2)
		return SLOT_CLOSED;
	if (!check_busy)
		return SLOT_OK;
	if (d < 0)
		return SLOT_TAKEN;
	*desk = d;
	return SLOT_OK;
}

size_t
slots_free(const struct slot_rules *r, long now, long from_day, long to_day,
    long *out, size_t max)
{
	size_t	n = 0, i;
	long	day, start;
	int	m, desk, wd, step = slot_step(r->duration), best;

	if (step <= 0)
		return 0;
	for (day = from_day; day < to_day && n < max; day++) {
		if (day > r->latest_day)
			break;
		if (cal_holiday(r->region, day) != NULL)
			continue;
		wd = cal_weekday(day);
		/* the day's starts in order, over its opening rows */
		for (m = 0; m < 1440 && n < max; m = best) {
			best = 1440;
			for (i = 0; i < r->nhours; i++) {
				const struct slot_hours	*h = &r->hours[i];
				int			 k;

				if (h->weekday != wd || m >= h->closes)
					continue;
				k = m <= h->opens ? h->opens : h->opens +
				    ((m - h->opens + step - 1) / step) * step;
				if (k + r->duration <= h->closes && k < best)
					best = k;
			}
			if (best >= 1440)
				break;
			start = day * 1440 + best;
			if (slot_check(r, now, start, 1, &desk) == SLOT_OK)
				out[n++] = start;
			best++;
		}
	}
	return n;
}
