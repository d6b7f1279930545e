/*
 * Booking: the offices and their meeting types, a week of free slots
 * (the first page starts at the earliest free day), and the slot held
 * for ten minutes while the person confirms.  Whether a start may be
 * offered is lib/slots.c's one judgement; whether it is still free is the
 * database's exclusion constraint, so of two people posting the same slot
 * at once one holds it and the other sees the next free ones.
 */
#include <stdlib.h>
#include <string.h>

#include "appointments.h"
#include "apptfield.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "log.h"
#include "summary.h"

static struct dbq q_offices = DBQ(
    "SELECT o.id, coalesce(o.names->>$1, o.names->>'fr'), o.address,"
    "  coalesce(o.accessibility->>$1, o.accessibility->>'fr', ''), t.id,"
    "  coalesce(t.labels->>$1, t.labels->>'fr'), t.duration_minutes"
    "  FROM offices o JOIN meeting_types t ON t.office_id = o.id"
    " WHERE o.online AND t.online ORDER BY o.code, o.id, t.position, t.code");

/* The row policy shows a person only their own (sql/0048). */
static struct dbq q_mine = DBQ(
    "SELECT m.uid, m.status, to_char(lower(m.during), 'DD/MM/YYYY HH24:MI'),"
    "  coalesce(o.names->>$1, o.names->>'fr'),"
    "  coalesce(t.labels->>$1, t.labels->>'fr')"
    "  FROM (SELECT DISTINCT ON (a.uid) a.* FROM appointments a"
    "   WHERE a.person_id = $2::bigint AND a.status <> 'expired'"
    "   ORDER BY a.uid, a.id DESC) m"
    "  JOIN offices o ON o.id = m.office_id"
    "  JOIN meeting_types t ON t.id = m.meeting_type_id"
    " WHERE upper(m.during) > now() AND m.status IN ('booked', 'held')"
    " ORDER BY lower(m.during)");
static const char *const mine_cols[] = { "uid", "status", "when", "office",
    "type" };

static void
offices_hdf(struct req *r, const PGresult *res)
{
	const char	*last = "";
	int		 i, o = -1, t = 0;

	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(last, db_value(res, i, 0)) != 0) {
			last = db_value(res, i, 0);
			o++;
			t = 0;
			tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.id", o), last);
			tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.name", o),
			    db_value(res, i, 1));
			tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.address",
			    o), db_value(res, i, 2));
			tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.access",
			    o), db_value(res, i, 3));
		}
		tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.types.%d.id",
		    o, t), db_value(res, i, 4));
		tmpl_set(r->hdf, pool_printf(r->pool, "Offices.%d.types.%d.label",
		    o, t), db_value(res, i, 5));
		tmpl_set(r->hdf, pool_printf(r->pool,
		    "Offices.%d.types.%d.minutes", o, t), db_value(res, i, 6));
		t++;
	}
}

/* GET /appointments: 200 with the offices, their meeting types, and the person's appointments. */
enum gerr
page_offices(struct req *r)
{
	const char	*p[2] = { lang_codes[r->lang], r->session->person_id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_offices, 1, p)) == NULL)
		return db_last_error();
	offices_hdf(r, res);
	if (p[1] != NULL && r->session->acting_org_id == NULL) {
		if ((res = db_query(r->pool, &q_mine, 2, p)) == NULL)
			return db_last_error();
		req_hdf_rows(r, "Mine", res, mine_cols, nitems(mine_cols));
	}
	r->cache = "private, no-store";
	return resp_render(r, 200, "appointments/offices.cs");
}

static void
office_hdf(struct req *r, const struct appt_office *o)
{
	hdf_put(r, "Office", "id", o->id);
	hdf_put(r, "Office", "name", o->name);
	hdf_put(r, "Office", "address", o->address);
	hdf_put(r, "Office", "access", o->access);
	hdf_put(r, "Type", "id", o->type_id);
	hdf_put(r, "Type", "label", o->type_label);
	hdf_put(r, "Type", "minutes", pool_printf(r->pool, "%d",
	    o->rules.duration));
}

/* The page's days with their free starts, and the links to other weeks. */
enum gerr
slots_hdf(struct req *r, struct appt_office *o, long from, const char *move)
{
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	office_hdf(r, o);
	if (move != NULL)
		hdf_put(r, "Page", "move", move);
	return appt_week_hdf(r, r->hdf, o, from);
}

/* The move's uid, if one is asked and has the form of one; "" if none. */
static const char *
move_arg(const char *v)
{
	return v != NULL && appt_uid_syntax(v) ? v : NULL;
}

/*
 * GET /appointments/slots?office=&type=[&from=YYYY-MM-DD][&move=UID]: 200
 * with a week of free slots, from the earliest free day unless from is
 * given; 404 for an unknown office or a meeting type of another office.
 */
enum gerr
page_slots(struct req *r)
{
	struct appt_office	 o;
	const char		*from = req_query(r, "from");
	long			 day = -1;
	enum gerr		 e;

	if ((e = appt_office_load(r->pool, r->lang, req_query(r, "office"),
	    req_query(r, "type"), &o)) != GERR_OK)
		return e;
	if (from != NULL && *from != '\0' && cal_parse(from, &day) == -1)
		return GERR_INPUT;
	if ((e = slots_hdf(r, &o, day, move_arg(req_query(r, "move")))) !=
	    GERR_OK)
		return e;
	r->cache = "private, no-store";
	return resp_render(r, 200, "appointments/slots.cs");
}

/* The slots page again, from the posted start's week, with why. */
static enum gerr
slots_again(struct req *r, struct appt_office *o, long start, int status,
    const char *why)
{
	long		from = start / 1440;
	enum gerr	e;

	if (from < o->today)
		from = -1;	/* the past: the earliest free ones */
	hdf_put(r, "Page", "problem", req_tr(r, why));
	if ((e = slots_hdf(r, o, from, move_arg(req_form(r, "move")))) !=
	    GERR_OK)
		return e;
	r->cache = "private, no-store";
	return resp_render(r, status, "appointments/slots.cs");
}

/* The person's hold of this very slot, if a first click already made one. */
static struct dbq q_same_hold = DBQ(
    "SELECT uid FROM appointments WHERE person_id = $1::bigint"
    "  AND status = 'held' AND held_until > now()"
    "  AND office_id = $2::bigint AND meeting_type_id = $3::bigint"
    "  AND lower(during) = (to_timestamp($4::bigint * 60) AT TIME ZONE 'UTC'"
    "   AT TIME ZONE 'Europe/Brussels')");

/* One hold at a time: a new one lets the person's others go. */
static struct dbq q_drop_holds = DBQ(
    "UPDATE appointments SET status = 'expired', updated_at = now()"
    " WHERE person_id = $1::bigint AND status = 'held'");

/* The appointment moved: the person's, booked, not yet begun. */
static struct dbq q_moved = DBQ(
    "SELECT id, sequence + 1 FROM appointments"
    " WHERE uid = $1 AND status = 'booked' AND lower(during) > now()"
    "   AND person_id = $2::bigint ORDER BY id DESC LIMIT 1");

static struct dbq q_hold = DBQ(
    "SELECT appointment_hold($1::bigint, $2::bigint,"
    "  to_timestamp($3::bigint * 60) AT TIME ZONE 'UTC'"
    "   AT TIME ZONE 'Europe/Brussels', $4::bigint, $5, $6::int,"
    "  $7::bigint, $8, " APPT_HOLD_MINUTES ")");

/* What the hold carries: a new uid, or the moved appointment's. */
static enum gerr
hold_identity(struct req *r, const char *move, const char **uid,
    const char **seq, const char **replaces)
{
	const char	*v[2] = { move, r->session->person_id };
	PGresult	*res;
	char		*fresh;

	*seq = "0";
	*replaces = NULL;
	if (move == NULL) {
		if ((fresh = pool_alloc(r->pool, APPT_UID_HEX + 1)) == NULL ||
		    appt_uid_new(fresh) == -1)
			return GERR_NOMEM;
		*uid = fresh;
		return GERR_OK;
	}
	if ((res = db_query(r->pool, &q_moved, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	*uid = move;
	*replaces = db_value(res, 0, 0);
	*seq = db_value(res, 0, 1);
	return GERR_OK;
}

/* Holds the slot: its uid, NULL when every desk is taken (*e set on failure). */
static const char *
hold_take(struct req *r, const struct appt_office *o, long start,
    const char *move, enum gerr *e)
{
	const char	*v[8];
	PGresult	*res;

	v[0] = r->session->person_id;
	v[1] = o->id;
	v[2] = o->type_id;
	v[3] = pool_printf(r->pool, "%ld", start);
	*e = GERR_OK;
	if (move == NULL) {
		/* posted twice: the first click's hold */
		if ((res = db_query(r->pool, &q_same_hold, 4, v)) == NULL)
			return (*e = db_last_error(), NULL);
		if (PQntuples(res) == 1)
			return db_value(res, 0, 0);
	}
	if (db_query(r->pool, &q_drop_holds, 1, v) == NULL)
		return (*e = db_last_error(), NULL);
	v[0] = o->id;
	v[1] = o->type_id;
	v[2] = pool_printf(r->pool, "%ld", start);
	v[3] = r->session->person_id;
	if ((*e = hold_identity(r, move, &v[4], &v[5], &v[6])) != GERR_OK)
		return NULL;
	v[7] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_hold, 8, v)) == NULL)
		return (*e = db_last_error(), NULL);
	return PQgetisnull(res, 0, 0) ? NULL : v[4];
}

/* One person's holds one after the other: a double click holds one slot. */
static struct dbq q_person_lock = DBQ(
    "SELECT pg_advisory_xact_lock(20, ($1::bigint % 2147483647)::int)");

static const char *
hold_serialised(struct req *r, const struct appt_office *o, long start,
    const char *move, enum gerr *e)
{
	const char	*v[1] = { r->session->person_id }, *uid;

	if ((*e = db_begin(r->pool)) != GERR_OK)
		return NULL;
	if (db_query(r->pool, &q_person_lock, 1, v) == NULL) {
		*e = db_last_error();
		db_rollback(r->pool);
		return NULL;
	}
	uid = hold_take(r, o, start, move, e);
	if (*e != GERR_OK) {
		db_rollback(r->pool);
		return NULL;
	}
	if ((*e = db_commit(r->pool)) != GERR_OK)
		return NULL;
	return uid;
}

/*
 * POST /appointments/hold (office, type, start, [move]): 303 to the
 * appointment's page, held ten minutes for the confirmation; 422 with the
 * week's slots for a start the rules do not offer (past, too soon or too
 * far, a holiday, a closure, outside the hours); 409 with the next free
 * slots when it was just taken; 404 for an unknown office or a meeting
 * type of another office; 403 when acting for an organisation.
 */
enum gerr
page_hold(struct req *r)
{
	struct appt_office	 o;
	enum slot_verdict	 v;
	const char		*uid, *move = move_arg(req_form(r, "move"));
	long			 start;
	int			 desk;
	enum gerr		 e;
	char			 why[40];

	if (r->session->acting_org_id != NULL)
		return GERR_AUTH;
	if ((e = appt_office_load(r->pool, r->lang, req_form(r, "office"),
	    req_form(r, "type"), &o)) != GERR_OK)
		return e;
	if (appt_minute_parse(req_form(r, "start"), &start) == -1)
		return slots_again(r, &o, o.now, 422, "appt.verdict.hours");
	if ((e = appt_busy_load(r->pool, &o, start / 1440, start / 1440 + 1)) !=
	    GERR_OK)
		return e;
	if ((v = slot_check(&o.rules, o.now, start, 0, &desk)) != SLOT_OK) {
		snprintf(why, sizeof(why), "appt.verdict.%s",
		    slot_verdict_names[v]);
		return slots_again(r, &o, start, 422, why);
	}
	if ((uid = hold_serialised(r, &o, start, move, &e)) == NULL) {
		if (e != GERR_OK)
			return e;
		log_info("appointment: slot taken at office %s", o.id);
		return slots_again(r, &o, start, 409, "appt.taken");
	}
	return resp_redirect(r, 303, pool_printf(r->pool, "/appointments/%s",
	    uid));
}
