/*
 * An appointment as a field of a procedure (docs/appointments.md): the
 * office's meeting type a definition's field offers, a week of its free
 * slots drawn inside the form, the slot held ten minutes while the form
 * is finished, held again when the hold lapsed and nobody took it, and
 * booked in the submission's transaction, linked to the dossier.  The
 * field's answer is the appointment's uid.  The form engine (and any
 * program drawing form pages) shares it.
 */
#ifndef GUICHET_APPTFIELD_H
#define GUICHET_APPTFIELD_H

#include "answers.h"
#include "app.h"
#include "appointment.h"
#include "dossier.h"
#include "fdef.h"

/*
 * A week of slots in HDF below h: Days.N.{label,date,slots.K.{start,
 * time}} and Week.{first,last,next,prev}; from a day, or from the first
 * day with a free slot when from < 0.
 */
enum gerr	 appt_week_hdf(struct req *, HDF *h, struct appt_office *,
		    long from);
/* A day's heading: "Monday 7/12/2026", in the request's language. */
const char	*appt_day_label(struct req *, long day);

/*
 * The field's node on its page: the slot held (and until when), booked,
 * or lapsed (held again on "continue" if still free, else said taken),
 * and a week of free slots (?from=YYYY-MM-DD, else the earliest).
 */
enum gerr	 apptfield_hdf(struct req *, const struct dossier *,
		    const struct ffield *, HDF *h, const json_t *v);

/*
 * A slot button pressed on a page ("NAME:YYYY-MM-DDTHH:MM", the part of
 * "slot:..." after the verb): held for the field, the answer set, the
 * field's previous hold let go.  A start the rules refuse, or one just
 * taken (*taken set), is a problem at the field.  In the caller's
 * transaction.  GERR_INPUT for a field the page does not show.
 */
enum gerr	 apptfield_hold(struct req *, struct dossier *,
		    const struct fpage *, const char *arg, struct problems *,
		    int *taken);

/*
 * The fields of page (or of every page shown, when NULL) whose hold
 * lapsed are held again; one whose slot someone took meanwhile is a
 * problem ("just taken, here are the next ones", *taken set).  In the
 * caller's transaction.
 */
enum gerr	 apptfield_refresh(struct req *, struct dossier *,
		    const struct fpage *, struct problems *, int *taken);

/*
 * Books the dossier's held slots, in the submission's transaction:
 * linked to the dossier, the confirmation (with its iCalendar part)
 * queued once.  A slot already booked for this dossier (a second click)
 * is left as it is.  *page is the page of a slot just taken (then the
 * caller rolls back and shows it), else NULL.
 */
enum gerr	 apptfield_confirm(struct req *, struct dossier *,
		    struct problems *, const struct fpage **page);

/*
 * Before a payment that will send the dossier (a fee due at submission):
 * the holds checked as apptfield_confirm checks them (*page the page of
 * a slot taken since its hold lapsed), then kept for minutes, the
 * payment's time, so the slot waits for the provider's answer.  In the
 * caller's transaction.
 */
enum gerr	 apptfield_keep(struct req *, struct dossier *, int minutes,
		    struct problems *, const struct fpage **page);

/*
 * A dossier its payment sends, in that transaction: its held slots
 * booked; one taken all the same (the provider answered after the
 * payment's time) is not booked and its answer dropped, since the money
 * is in and the dossier goes; the person books again from the dossier.
 */
enum gerr	 apptfield_book_paid(struct req *, struct dossier *);

/*
 * The payment did not go through (declined, cancelled, expired): the
 * draft's holds back to ten minutes at most, so a slot is not kept for
 * someone who went away.
 */
enum gerr	 apptfield_release(struct pool *, const char *dossier_id);

/* The answer in words: "Monday 7/12/2026 09:15, <office>", or "". */
const char	*apptfield_words(struct req *, const json_t *v);

#endif
