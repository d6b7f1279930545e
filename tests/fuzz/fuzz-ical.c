/*
 * libFuzzer target: the iCalendar reader (lib/ical.c), fed what an office
 * uploads as its closures.  Every event it passes on has a UID, an end
 * after its start and dates that exist; an invitation written with what
 * it read is iCalendar the reader accepts.
 */
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "ical.h"

static void
check_time(const struct ical_time *t)
{
	int	y, m, d;

	cal_civil(cal_day(t->y, t->m, t->d), &y, &m, &d);
	if (y != t->y || m != t->m || d != t->d || t->hh < 0 || t->hh > 23 ||
	    t->mm < 0 || t->mm > 59 || t->ss < 0 || t->ss > 60)
		__builtin_trap();
}

static void
ignore(void *arg, const struct ical_event *e)
{
	(void)arg;
	(void)e;
}

static void
seen(void *arg, const struct ical_event *e)
{
	struct pool		*p = arg;
	struct ical_invite	 iv;
	char			*s, err[80];
	int			 skipped;

	if (e->uid == NULL || *e->uid == '\0' || e->summary == NULL)
		__builtin_trap();
	check_time(&e->start);
	check_time(&e->end);
	memset(&iv, 0, sizeof(iv));
	iv.uid = e->uid;
	iv.domain = "x.be";
	iv.summary = e->summary;
	iv.start = 1796292000;
	iv.end = 1796292900;
	if ((s = ical_write(p, &iv)) == NULL ||
	    ical_read(p, s, strlen(s), ignore, NULL, &skipped, err,
	    sizeof(err)) != GERR_OK)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool	*p = pool_new(4096);
	char		 err[80];
	int		 skipped;

	(void)ical_read(p, (const char *)data, size, seen, p, &skipped, err,
	    sizeof(err));
	pool_free(p);
	return 0;
}
