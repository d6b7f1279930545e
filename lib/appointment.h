/*
 * Appointments at the counter, as every program sees them
 * (docs/appointments.md): an office's rules read for lib/slots.c, local
 * minutes to and from text, the signature of the links in the emails,
 * and the outbox row of a confirmation, change, cancellation or reminder.
 * guichet-appointments (citizens), the inbox (agents) and guichet-notify
 * (emails, reminders) share it.
 */
#ifndef GUICHET_APPOINTMENT_H
#define GUICHET_APPOINTMENT_H

#include "gerr.h"
#include "pool.h"
#include "slots.h"
#include "tmpl.h"

/* Minutes a slot is held while the person finishes. */
#define APPT_HOLD_MINUTES	"10"
/* Days shown by a page of slots. */
#define APPT_WEEK		7
/* "0123456789abcdef01234567" */
#define APPT_UID_HEX		24

/* An office and one of its meeting types, with what slots need. */
struct appt_office {
	const char		*id, *code, *name, *address, *access;
	const char		*type_id, *type_code, *type_label;
	long			 now;		/* local minute */
	long			 today;		/* local day */
	struct slot_rules	 rules;
	struct slot_hours	 hours[SLOTS_HOURS_MAX];
	const char		*desks[SLOTS_DESKS_MAX];	/* their ids */
};

/*
 * The office and its meeting type, online, with hours and desks; its
 * names in language l.  GERR_NOTFOUND when either is unknown, offline, or
 * the type is another office's.
 */
enum gerr	 appt_office_load(struct pool *, enum lang l, const char *office,
		    const char *type, struct appt_office *);
/* The busy times of days [from, to): closures and live appointments. */
enum gerr	 appt_busy_load(struct pool *, struct appt_office *, long from,
		    long to);
/*
 * The first page of free slots: from day `from` (or, when from < 0, the
 * first day with a free slot), APPT_WEEK days.  *first is the page's first
 * day.  Returns the number of starts in out, or -1 if the database failed.
 */
long		 appt_slots(struct pool *, struct appt_office *, long from,
		    long *first, long *out, size_t max);

/* "2026-12-07T09:15" (local) into a local minute: 0, or -1. */
int		 appt_minute_parse(const char *, long *);
/* A local minute as "2026-12-07T09:15" (17 bytes with the NUL). */
char		*appt_minute_text(struct pool *, long);

/* A fresh uid: APPT_UID_HEX lowercase hex digits. */
int		 appt_uid_new(char uid[APPT_UID_HEX + 1]);
int		 appt_uid_syntax(const char *);
/*
 * The signature of the emails' links to one state of an appointment:
 * HMAC of "appointment|uid|sequence" under the programs' secret, so a
 * link from before a move (or a forged one) opens nothing.
 */
void		 appt_link_sig(const char *uid, const char *sequence,
		    char hex[65]);
int		 appt_link_ok(const char *uid, const char *sequence,
		    const char *sig);

/*
 * Writes the outbox row announcing one appointment's state (kind
 * appointment_booked, _moved, _cancelled, _reminder), in the caller's
 * transaction: the worker composes the text and the iCalendar part.
 */
enum gerr	 appt_notify(struct pool *, const char *appointment_id,
		    const char *kind);

/*
 * The payload of those rows, from appointments a, offices o and
 * meeting_types t (for the reminders' statement in guichet-notify too).
 */
#define APPT_PAYLOAD							\
    "jsonb_build_object('uid', a.uid, 'sequence', a.sequence,"		\
    " 'start', extract(epoch FROM lower(a.during))::bigint,"		\
    " 'end', extract(epoch FROM upper(a.during))::bigint,"		\
    " 'office', o.names, 'address', o.address, 'type', t.labels,"	\
    " 'status', a.status)"

#endif
