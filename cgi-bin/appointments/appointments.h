/* guichet-appointments: booking an appointment at a counter (docs/appointments.md). */
#ifndef GUICHET_APPOINTMENTS_H
#define GUICHET_APPOINTMENTS_H

#include "app.h"
#include "appointment.h"

/* book.c: offices, a week of slots, a slot held */
enum gerr	page_offices(struct req *);
enum gerr	page_slots(struct req *);
enum gerr	page_hold(struct req *);
enum gerr	slots_hdf(struct req *, struct appt_office *, long from,
		    const char *move);

/* manage.c: one appointment: confirmed, moved, cancelled */
enum gerr	page_show(struct req *);
enum gerr	page_confirm(struct req *);
enum gerr	page_cancel(struct req *);

/* feed.c: a desk's iCalendar feed */
enum gerr	page_feed(struct req *);

#endif
