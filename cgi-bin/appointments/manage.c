/*
 * One appointment as its person sees it: held (confirm it), booked (move
 * or cancel it), cancelled, past.  Reached by its owner logged in, or by
 * the signed link of its emails (lib/appointment.c: the uid and the
 * sequence of the state the email announced, under the programs'
 * secret): a forged link is refused, and one from before a move or a
 * cancellation is out of date.  A link opens the row for the one
 * transaction that reads or changes it (guichet.appointment, sql/0048).
 */
#include <stdlib.h>
#include <string.h>

#include "appointments.h"
#include "db.h"
#include "html.h"
#include "log.h"
#include "summary.h"

/* The appointment's current row: a live one before a stale hold. */
static struct dbq q_row = DBQ(
    "SELECT a.id, a.uid, a.sequence,"
    "  CASE WHEN a.status = 'held' AND a.held_until <= now() THEN 'expired'"
    "   ELSE a.status END,"
    "  to_char(lower(a.during), 'DD/MM/YYYY HH24:MI'),"
    "  coalesce(o.names->>$2, o.names->>'fr'), o.address,"
    "  coalesce(o.accessibility->>$2, o.accessibility->>'fr', ''),"
    "  coalesce(t.labels->>$2, t.labels->>'fr'), t.duration_minutes,"
    "  coalesce(a.replaces_id::text, ''), lower(a.during) > now(),"
    "  o.id, t.id,"
    "  coalesce((SELECT to_char(lower(p.during), 'DD/MM/YYYY HH24:MI')"
    "   FROM appointments p WHERE p.id = a.replaces_id), '')"
    "  FROM appointments a JOIN offices o ON o.id = a.office_id"
    "  JOIN meeting_types t ON t.id = a.meeting_type_id"
    " WHERE a.uid = $1 AND a.status NOT IN ('moved')"
    " ORDER BY (a.status = 'expired' OR (a.status = 'held'"
    "   AND a.held_until <= now())), a.id DESC LIMIT 1");
static const char *const row_cols[] = { "id", "uid", "sequence", "status",
    "when", "office", "address", "access", "type", "minutes", "replaces",
    "upcoming", "office_id", "type_id", "previous" };

static struct dbq q_link_scope = DBQ(
    "SELECT set_config('guichet.appointment', $1, true)");

struct appt {
	PGresult	*row;
	const char	*id, *sequence, *status, *replaces;
	int		 upcoming;
	int		 by_link;
};

static const char *
param(struct req *r, const char *name)
{
	return r->method == METHOD_POST ? req_form(r, name) :
	    req_query(r, name);
}

/*
 * Opens the appointment in a transaction the caller ends: GERR_NOTFOUND
 * for no such appointment of the caller's, GERR_AUTH for a forged link,
 * GERR_CONFLICT for a link out of date.  Nobody logged in and no link:
 * the login.
 */
static enum gerr
appt_open(struct req *r, struct appt *a)
{
	const char	*uid = r->args[0], *seq = param(r, "seq");
	const char	*sig = param(r, "sig"), *v[2];
	long		 shown;
	enum gerr	 e;

	memset(a, 0, sizeof(*a));
	if (!appt_uid_syntax(uid))
		return GERR_NOTFOUND;
	a->by_link = sig != NULL && *sig != '\0';
	if (!a->by_link && r->session == NULL) {
		resp_need_login(r);
		return GERR_AUTH;
	}
	if (a->by_link && !appt_link_ok(uid, seq, sig)) {
		log_warnx("appointment: a link with a wrong signature");
		return GERR_AUTH;
	}
	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	v[0] = uid;
	v[1] = lang_codes[r->lang];
	if ((a->by_link && db_query(r->pool, &q_link_scope, 1, v) == NULL) ||
	    (a->row = db_query(r->pool, &q_row, 2, v)) == NULL) {
		db_rollback(r->pool);
		return db_last_error();
	}
	if (PQntuples(a->row) != 1) {
		db_rollback(r->pool);
		return GERR_NOTFOUND;
	}
	a->id = db_value(a->row, 0, 0);
	a->sequence = db_value(a->row, 0, 2);
	a->status = db_value(a->row, 0, 3);
	a->replaces = db_value(a->row, 0, 10);
	a->upcoming = strcmp(db_value(a->row, 0, 11), "t") == 0;
	/* a move being confirmed carries the next sequence already */
	shown = atol(a->sequence) - (strcmp(a->status, "held") == 0 &&
	    *a->replaces != '\0' ? 1 : 0);
	if (a->by_link && shown != atol(seq)) {
		db_rollback(r->pool);
		return GERR_CONFLICT;
	}
	return GERR_OK;
}

/* The link to the page in its current state (a link stays a link). */
static const char *
page_url(struct req *r, const struct appt *a, const char *sequence)
{
	char	sig[65];

	if (!a->by_link)
		return pool_printf(r->pool, "/appointments/%s", r->args[0]);
	appt_link_sig(r->args[0], sequence, sig);
	return pool_printf(r->pool, "/appointments/%s?seq=%s&sig=%s",
	    r->args[0], sequence, sig);
}

/* The answer to a refused open: an out-of-date link gets its own page. */
static enum gerr
open_refused(struct req *r, enum gerr e)
{
	if (e != GERR_CONFLICT)
		return e;
	r->cache = "private, no-store";
	return resp_render(r, 410, "appointments/stale.cs");
}

/*
 * GET /appointments/:uid[?seq=&sig=]: 200 with the appointment; 404 if it
 * is not the caller's; 403 for a forged link; 410 for a link out of date.
 */
enum gerr
page_show(struct req *r)
{
	struct appt	a;
	enum gerr	e;

	if ((e = appt_open(r, &a)) != GERR_OK)
		return r->responded ? GERR_OK : open_refused(r, e);
	db_rollback(r->pool);	/* read only */
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	req_hdf_rows(r, "Appt", a.row, row_cols, nitems(row_cols));
	if (a.by_link) {
		hdf_put(r, "Link", "seq", param(r, "seq"));
		hdf_put(r, "Link", "sig", param(r, "sig"));
	}
	r->cache = "private, no-store";
	return resp_render(r, 200, "appointments/show.cs");
}

static struct dbq q_book = DBQ(
    "UPDATE appointments SET status = 'booked', updated_at = now(),"
    "  reminded_day_at = CASE WHEN lower(during) <= now() + interval '1 day'"
    "   THEN now() END,"
    "  reminded_hours_at = CASE WHEN lower(during) <= now() + interval '2 hours'"
    "   THEN now() END"
    " WHERE id = $1::bigint AND status = 'held' AND held_until > now()");

static struct dbq q_move_old = DBQ(
    "UPDATE appointments SET status = 'moved', updated_at = now()"
    " WHERE id = $1::bigint AND status = 'booked'");

/* Books the held row (and lets the moved one go): the email's kind. */
static enum gerr
confirm_txn(struct req *r, const struct appt *a, const char **kind)
{
	const char	*v[1];
	PGresult	*res;

	*kind = "appointment_booked";
	if (*a->replaces != '\0') {
		v[0] = a->replaces;
		if ((res = db_query(r->pool, &q_move_old, 1, v)) == NULL)
			return db_last_error();
		if (atoi(PQcmdTuples(res)) == 1)
			*kind = "appointment_moved";
	}
	v[0] = a->id;
	if ((res = db_query(r->pool, &q_book, 1, v)) == NULL)
		return db_last_error();
	if (atoi(PQcmdTuples(res)) != 1)
		return GERR_CONFLICT;
	return appt_notify(r->pool, a->id, *kind);
}

/*
 * POST /appointments/:uid/confirm: 303 to its page, booked, and the
 * confirmation (or the change) on its way by email; the same 303 for a
 * second click, without a second email; 409 when the hold ran out.
 */
enum gerr
page_confirm(struct req *r)
{
	struct appt	 a;
	const char	*kind;
	enum gerr	 e;

	if ((e = appt_open(r, &a)) != GERR_OK)
		return r->responded ? GERR_OK : open_refused(r, e);
	if (strcmp(a.status, "held") != 0) {
		db_rollback(r->pool);
		if (strcmp(a.status, "booked") == 0)
			return resp_redirect(r, 303, page_url(r, &a, a.sequence));
		return GERR_CONFLICT;
	}
	if ((e = confirm_txn(r, &a, &kind)) != GERR_OK) {
		db_rollback(r->pool);
		/* a second click that waited for the first: booked by it */
		if (e == GERR_CONFLICT && appt_open(r, &a) == GERR_OK) {
			db_rollback(r->pool);
			if (strcmp(a.status, "booked") == 0)
				return resp_redirect(r, 303, page_url(r, &a,
				    a.sequence));
		}
		return e;
	}
	if ((e = db_commit(r->pool)) != GERR_OK)
		return e;
	log_info("appointment %s: %s", a.id, kind);
	return resp_redirect(r, 303, page_url(r, &a, a.sequence));
}

static struct dbq q_cancel = DBQ(
    "UPDATE appointments SET status = CASE status WHEN 'held' THEN 'expired'"
    "  ELSE 'cancelled' END,"
    "  sequence = sequence + CASE status WHEN 'held' THEN 0 ELSE 1 END,"
    "  updated_at = now()"
    " WHERE id = $1::bigint AND status IN ('held', 'booked')"
    "   AND lower(during) > now() RETURNING status, sequence");

/*
 * POST /appointments/:uid/cancel: 303 to its page, cancelled, and the
 * cancellation on its way by email (a hold is simply let go); 409 for
 * an appointment already past, seen or cancelled; the link's refusals.
 */
enum gerr
page_cancel(struct req *r)
{
	struct appt	 a;
	PGresult	*res;
	const char	*v[1];
	enum gerr	 e;

	if ((e = appt_open(r, &a)) != GERR_OK)
		return r->responded ? GERR_OK : open_refused(r, e);
	v[0] = a.id;
	if ((res = db_query(r->pool, &q_cancel, 1, v)) == NULL) {
		db_rollback(r->pool);
		return db_last_error();
	}
	if (PQntuples(res) != 1) {
		db_rollback(r->pool);
		return GERR_CONFLICT;
	}
	if (strcmp(db_value(res, 0, 0), "cancelled") == 0 &&
	    (e = appt_notify(r->pool, a.id, "appointment_cancelled")) !=
	    GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if ((e = db_commit(r->pool)) != GERR_OK)
		return e;
	log_info("appointment %s: cancelled", a.id);
	if (*a.replaces != '\0' && !a.by_link)
		return resp_redirect(r, 303, page_url(r, &a, a.sequence));
	return resp_redirect(r, 303, page_url(r, &a, db_value(res, 0, 1)));
}
