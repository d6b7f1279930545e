/*
 * An office's free slots, computed from its rules (docs/appointments.md):
 * weekly opening hours, the public holidays of its region
 * (lib/calendar.c), its own closures, the minimum and maximum booking
 * delays, and what its desks already hold.  Pure: the caller reads the
 * rules and the busy times from the database, in local time (minutes
 * since 1970-01-01 00:00 Europe/Brussels wall-clock time, so a day is
 * 1440 of them whatever the clocks do).
 */
#ifndef GUICHET_SLOTS_H
#define GUICHET_SLOTS_H

#include <stddef.h>

#include "calendar.h"

#define SLOTS_HOURS_MAX		32	/* opening rows per office */
#define SLOTS_DESKS_MAX		64

struct slot_hours {
	int	weekday;		/* ISO, 1 Monday */
	int	opens, closes;		/* minutes after midnight */
};

/* A desk's or the office's time taken: [from, to) in local minutes. */
struct slot_busy {
	int	desk;			/* index into the desks, -1: every desk */
	long	from, to;
};

struct slot_rules {
	enum cal_region		 region;
	int			 duration;	/* the meeting type's, minutes */
	int			 ndesks;
	long			 earliest;	/* now + the minimum delay */
	long			 latest_day;	/* today + the maximum delay */
	const struct slot_hours	*hours;
	size_t			 nhours;
	/* closures (desk -1) and appointments, any order */
	const struct slot_busy	*busy;
	size_t			 nbusy;
};

/* Why a start is not offered. */
enum slot_verdict {
	SLOT_OK,
	SLOT_PAST,		/* before now */
	SLOT_TOO_SOON,		/* before the minimum delay */
	SLOT_TOO_FAR,		/* after the maximum delay */
	SLOT_HOLIDAY,		/* a public holiday of the region */
	SLOT_CLOSED,		/* one of the office's closures */
	SLOT_HOURS,		/* not a start the opening hours give */
	SLOT_TAKEN,		/* every desk busy */
	SLOT__MAX
};

/* "ok", "past", "too_soon"...: the language files' appt.verdict.* keys. */
extern const char *const slot_verdict_names[SLOT__MAX];

/* Minutes between two starts: the duration, at most 15. */
int		 slot_step(int duration);

/*
 * Whether start (local minutes) is a slot the rules offer, now being the
 * local minute under way (a start in it is past); with check_busy, whether a desk is free.
 * *desk gets the first free desk's index (or -1).
 */
enum slot_verdict slot_check(const struct slot_rules *, long now, long start,
		    int check_busy, int *desk);

/*
 * The free starts of days [from_day, to_day), earliest first, at most max
 * of them into out.  Returns how many.
 */
size_t		 slots_free(const struct slot_rules *, long now, long from_day,
		    long to_day, long *out, size_t max);

#endif
