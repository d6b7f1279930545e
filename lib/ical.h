/*
 * iCalendar (RFC 5545) in the small: a reader of the events of a file an
 * office exports from its own calendar (its closures), and a writer of
 * one appointment as an invitation or its cancellation (RFC 5546 iTIP:
 * METHOD REQUEST / CANCEL, a stable UID, a growing SEQUENCE).
 */
#ifndef GUICHET_ICAL_H
#define GUICHET_ICAL_H

#include <stddef.h>
#include <time.h>

#include "gerr.h"
#include "pool.h"

/* A date or date-time as the file writes it. */
struct ical_time {
	int	y, m, d, hh, mm, ss;
	int	date_only;	/* VALUE=DATE: a whole day */
	int	utc;		/* ends in Z; otherwise local (floating or TZID) */
};

struct ical_event {
	const char		*uid;		/* never NULL */
	const char		*summary;	/* unescaped; "" if none */
	struct ical_time	 start;
	struct ical_time	 end;		/* DTEND, or start + DURATION */
};

typedef void	(*ical_event_fn)(void *, const struct ical_event *);

/*
 * Reads the VEVENTs of a VCALENDAR: fn is called for each usable one (a
 * UID, a DTSTART, an end after the start; a DATE without end is one
 * day).  Events with a recurrence rule are counted in *skipped and not
 * passed on, as are events without what they need.  GERR_INPUT with err
 * filled (a line number) for what is not iCalendar at all: no
 * BEGIN:VCALENDAR, unbalanced BEGIN/END, a line without a colon, a value
 * that is not a date, more than 100 000 lines.
 */
enum gerr	 ical_read(struct pool *, const char *, size_t, ical_event_fn,
		    void *, int *skipped, char *err, size_t errlen);

/* "2026-12-25T09:00:00Z", "2026-12-25T09:00:00" (local), "2026-12-25". */
char		*ical_time_text(struct pool *, const struct ical_time *);

enum ical_method { ICAL_REQUEST, ICAL_CANCEL };

struct ical_invite {
	enum ical_method	 method;
	const char		*uid;		/* becomes UID:uid@domain */
	const char		*domain;
	int			 sequence;
	time_t			 start, end, stamp;
	const char		*summary, *location, *description;
	const char		*organizer;	/* an email address, or NULL */
	const char		*attendee;	/* an email address, or NULL */
};

/* The whole VCALENDAR text, CRLF lines folded at 75 octets; NULL if no memory. */
char		*ical_write(struct pool *, const struct ical_invite *);
/* A calendar to subscribe to (METHOD:PUBLISH) of n events, named. */
char		*ical_feed(struct pool *, const char *name,
		    const struct ical_invite *, size_t n);

#endif
