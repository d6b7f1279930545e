/*
 * Appointments in the back office (docs/appointments.md): an office's
 * agenda for a day or a week, by desk; an appointment marked seen or
 * missed; a desk's time blocked; an appointment booked for someone at
 * the counter or on the phone.  Offices are their department's: an
 * agent of another department gets a 404, a reader sees and does not act.
 * Blocks and bookings go through the same exclusion constraint as the
 * citizens' (sql/0048): a block over an appointment is refused.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "appointment.h"
#include "crypto.h"
#include "db.h"
#include "form.h"
#include "inbox.h"
#include "log.h"
#include "valid.h"

static struct dbq q_offices = DBQ(
    "SELECT o.id, coalesce(o.names->>$2, o.names->>'fr') FROM offices o"
    " WHERE o.department_id = ANY($1::bigint[]) ORDER BY o.code");
static const char *const office_cols[] = { "id", "name" };

static struct dbq q_office = DBQ(
    "SELECT o.id, coalesce(o.names->>$3, o.names->>'fr'), o.department_id"
    "  FROM offices o WHERE o.id = $1::bigint"
    "   AND o.department_id = ANY($2::bigint[])");

static struct dbq q_desks = DBQ(
    "SELECT id, name FROM desks WHERE office_id = $1::bigint AND active"
    " ORDER BY id");
static const char *const desk_cols[] = { "id", "name" };

static struct dbq q_types = DBQ(
    "SELECT id, coalesce(labels->>$2, labels->>'fr'), duration_minutes"
    "  FROM meeting_types WHERE office_id = $1::bigint AND online"
    " ORDER BY position, code");
static const char *const type_cols[] = { "id", "label", "minutes" };

/* The days [$2, $2 + $4) of an office, local time; a desk or all. */
#define AGENDA_ROWS \
    "a.office_id = $1::bigint" \
    " AND a.status IN ('booked', 'seen', 'noshow', 'blocked')" \
    " AND a.during && tstzrange($2::date::timestamp AT TIME ZONE" \
    "  'Europe/Brussels', ($2::date + $4::int)::timestamp AT TIME ZONE" \
    "  'Europe/Brussels')" \
    " AND ($3 = '' OR a.desk_id = $3::bigint)"
static struct dbq q_agenda = DBQ(
    "SELECT a.id, to_char(lower(a.during) AT TIME ZONE 'Europe/Brussels',"
    "  'YYYY-MM-DD'), to_char(lower(a.during) AT TIME ZONE 'Europe/Brussels',"
    "  'HH24:MI'), to_char(upper(a.during) AT TIME ZONE 'Europe/Brussels',"
    "  'HH24:MI'), k.name, coalesce(t.labels->>$5, t.labels->>'fr', ''),"
    "  coalesce(person_label(p.given_names, p.surname, p.email),"
    "   a.contact_name, ''), coalesce(a.contact_phone, ''), a.status,"
    "  coalesce(a.note, ''), a.agent_id IS NOT NULL"
    "  FROM appointments a JOIN desks k ON k.id = a.desk_id"
    "  LEFT JOIN meeting_types t ON t.id = a.meeting_type_id"
    "  LEFT JOIN persons p ON p.id = a.person_id"
    " WHERE " AGENDA_ROWS
    " ORDER BY lower(a.during), k.name");
static const char *const agenda_cols[] = { "id", "day", "from", "to", "desk",
    "type", "person", "phone", "status", "note", "by_agent" };

/*
 * The agenda shows the names of the people booked: each is told, in
 * their access log (GET /my-data), once a day per agent, as an agent
 * opening their dossier is.  $5 the agent, $6 the office's department.
 */
static struct dbq q_agenda_access = DBQ(
    "INSERT INTO access_log (person_id, dossier_id, agent_id, department_id,"
    "  purpose)"
    " SELECT DISTINCT a.person_id, a.dossier_id, $5::bigint, $6::bigint,"
    "  'appointment_agenda' FROM appointments a"
    " WHERE " AGENDA_ROWS " AND a.person_id IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM access_log l"
    "    WHERE l.person_id = a.person_id AND l.agent_id = $5::bigint"
    "     AND l.purpose = 'appointment_agenda'"
    "     AND l.at >= now() - interval '1 day')");

struct office {
	const char	*id, *name, *dept;
};

/* The office, if of one of the agent's departments: GERR_NOTFOUND otherwise. */
static enum gerr
office_of_agent(struct req *r, const char *id, struct office *o)
{
	const char	*v[3] = { id, r->agent->depts, lang_codes[r->lang] };
	PGresult	*res;

	if (id == NULL || *id == '\0' || strlen(id) > 18 ||
	    strspn(id, "0123456789") != strlen(id))
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_office, 3, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	o->id = db_value(res, 0, 0);
	o->name = db_value(res, 0, 1);
	o->dept = db_value(res, 0, 2);
	return GERR_OK;
}

/*
 * The day asked (?day=), else today where the office is (the process's
 * zone is display.timezone, lib/when.c); a week starts on its Monday.
 */
static long
agenda_day(const char *s, int week)
{
	struct tm	tm;
	time_t		now = time(NULL);
	long		day;

	if (s == NULL || cal_parse(s, &day) == -1) {
		localtime_r(&now, &tm);
		day = cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	if (week)
		day -= cal_weekday(day) - 1;
	return day;
}

/* Days, desks, types and rows of the agenda: what the page reads. */
static enum gerr
agenda_hdf(struct req *r, const struct office *o, long day, int week,
    const char *desk)
{
	const char	*v[6];
	PGresult	*res;
	char		 buf[11];

	v[0] = o->id;
	v[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_desks, 1, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Desks", res, desk_cols, nitems(desk_cols));
	if ((res = db_query(r->pool, &q_types, 2, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Types", res, type_cols, nitems(type_cols));
	v[1] = pool_strdup(r->pool, cal_format(day, buf));
	v[2] = desk != NULL && strspn(desk, "0123456789") == strlen(desk) ?
	    desk : "";
	v[3] = week ? "7" : "1";
	v[4] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_agenda, 5, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Agenda", res, agenda_cols, nitems(agenda_cols));
	v[4] = r->agent->id;
	v[5] = o->dept;
	if (db_query(r->pool, &q_agenda_access, 6, v) == NULL)
		return db_last_error();
	hdf_put(r, "Office", "id", o->id);
	hdf_put(r, "Office", "name", o->name);
	hdf_put(r, "Page", "day", cal_format(day, buf));
	hdf_put(r, "Page", "desk", v[2]);
	hdf_put(r, "Page", "week", week ? "1" : "");
	hdf_put(r, "Page", "prev", cal_format(day - (week ? 7 : 1), buf));
	hdf_put(r, "Page", "next", cal_format(day + (week ? 7 : 1), buf));
	hdf_put(r, "Page", "act", agent_role(r->agent, o->dept) >=
	    ROLE_PROCESSOR ? "1" : "");
	return req_csrf_form(r) == -1 ? GERR_NOMEM : GERR_OK;
}

/* A field of the agenda's address, or of the form that came back to it. */
static const char *
agenda_arg(struct req *r, const char *name)
{
	return r->method == METHOD_POST ? req_form(r, name) :
	    req_query(r, name);
}

static enum gerr
agenda_page(struct req *r, const struct office *o, int status)
{
	const char	*week = agenda_arg(r, "view");
	int		 w = week != NULL && strcmp(week, "week") == 0;
	enum gerr	 e;

	if ((e = agenda_hdf(r, o, agenda_day(agenda_arg(r, "day"), w), w,
	    agenda_arg(r, "desk"))) != GERR_OK)
		return e;
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/appointments.cs");
}

/*
 * GET /inbox/appointments[?office=&day=&view=week&desk=]: 200 with the
 * offices of the agent's departments, and the chosen one's agenda; 404
 * for an office of another department.
 */
enum gerr
page_agenda(struct req *r)
{
	const char	*v[2] = { r->agent->depts, lang_codes[r->lang] };
	const char	*id = req_query(r, "office");
	PGresult	*res;
	struct office	 o;
	enum gerr	 e;

	if ((res = db_query(r->pool, &q_offices, 2, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Offices", res, office_cols, nitems(office_cols));
	if (id == NULL && PQntuples(res) > 0)
		id = db_value(res, 0, 0);
	if (id == NULL) {
		r->cache = "private, no-store";
		return resp_render(r, 200, "inbox/appointments.cs");
	}
	if ((e = office_of_agent(r, id, &o)) != GERR_OK)
		return e;
	return agenda_page(r, &o, 200);
}

/* Back to the agenda the form was on. */
static enum gerr
agenda_back(struct req *r, const struct office *o)
{
	struct buf	b;
	const char	*day = req_form(r, "day");
	long		 d;

	buf_init(&b, r->pool);
	buf_printf(&b, "/inbox/appointments?office=%s", o->id);
	if (day != NULL && cal_parse(day, &d) == 0)
		buf_printf(&b, "&day=%s", day);
	return resp_redirect(r, 303, buf_cstr(&b));
}

/* A form refused: the agenda again, with why. */
static enum gerr
agenda_problem(struct req *r, const struct office *o, int status,
    const char *key)
{
	hdf_put(r, "Page", "problem", req_tr(r, key));
	return agenda_page(r, o, status);
}

static struct dbq q_mark = DBQ(
    "UPDATE appointments SET status = $2, updated_at = now()"
    " WHERE id = $1::bigint AND office_id = $3::bigint"
    "   AND status IN ('booked', 'seen', 'noshow')"
    "   AND lower(during) < now() + interval '1 day'");

/*
 * POST /inbox/appointments/:id/seen|noshow (office, day): 303 to the
 * agenda; 409 for an appointment not booked or more than a day ahead;
 * 404 for another department's; 403 for a reader.
 */
enum gerr
page_agenda_mark(struct req *r)
{
	const char	*action = r->args[1], *v[3];
	struct office	 o;
	PGresult	*res;
	enum gerr	 e;

	if (strcmp(action, "seen") != 0 && strcmp(action, "noshow") != 0)
		return GERR_NOTFOUND;
	if ((e = office_of_agent(r, req_form(r, "office"), &o)) != GERR_OK)
		return e;
	if (agent_role(r->agent, o.dept) < ROLE_PROCESSOR || r->csrf_failed)
		return GERR_AUTH;
	v[0] = r->args[0];
	v[1] = action;
	v[2] = o.id;
	if ((res = db_query(r->pool, &q_mark, 3, v)) == NULL)
		return db_last_error();
	if (atoi(PQcmdTuples(res)) != 1)
		return agenda_problem(r, &o, 409, "appt.agent.not_markable");
	log_info("appointment %s: %s by agent %s", v[0], action, r->agent->id);
	return agenda_back(r, &o);
}

/* The local minute of a day and "HH:MM"; -1 if they are not one. */
static long
minute_of(const char *day, const char *hhmm)
{
	char	s[32];
	long	m;

	if (day == NULL || hhmm == NULL || strlen(day) != 10 ||
	    strlen(hhmm) != 5)
		return -1;
	snprintf(s, sizeof(s), "%sT%s", day, hhmm);
	return appt_minute_parse(s, &m) == 0 ? m : -1;
}

#define LOCAL_MINUTE(n) "(to_timestamp($" #n "::bigint * 60) AT TIME ZONE" \
    " 'UTC' AT TIME ZONE 'Europe/Brussels')"

static struct dbq q_block = DBQ(
    "INSERT INTO appointments (uid, office_id, desk_id, status, during,"
    "  agent_id, note)"
    " VALUES ($1, $2::bigint, $3::bigint, 'blocked', tstzrange("
    LOCAL_MINUTE(4) ", " LOCAL_MINUTE(5) "), $6::bigint, nullif($7, ''))");

/* A fresh uid, for a block or a booking. */
static const char *
uid_new(struct req *r)
{
	char	*uid;

	if ((uid = pool_alloc(r->pool, APPT_UID_HEX + 1)) == NULL ||
	    appt_uid_new(uid) == -1)
		return NULL;
	return uid;
}

/*
 * POST /inbox/appointments/block (office, desk, day, from, to, note): 303
 * to the agenda; 422 for times that are not a range; 409 when the desk
 * has an appointment or a block then.
 */
enum gerr
page_agenda_block(struct req *r)
{
	const char	*v[7], *note = req_form(r, "note");
	struct office	 o;
	long		 from, to;
	enum gerr	 e;

	if ((e = office_of_agent(r, req_form(r, "office"), &o)) != GERR_OK)
		return e;
	if (agent_role(r->agent, o.dept) < ROLE_PROCESSOR || r->csrf_failed)
		return GERR_AUTH;
	from = minute_of(req_form(r, "day"), req_form(r, "from"));
	to = minute_of(req_form(r, "day"), req_form(r, "to"));
	if (from < 0 || to <= from || (note != NULL && strlen(note) > 500) ||
	    req_form(r, "desk") == NULL ||
	    strspn(req_form(r, "desk"), "0123456789") == 0)
		return agenda_problem(r, &o, 422, "appt.agent.bad_block");
	if ((v[0] = uid_new(r)) == NULL)
		return GERR_NOMEM;
	v[1] = o.id;
	v[2] = req_form(r, "desk");
	v[3] = pool_printf(r->pool, "%ld", from);
	v[4] = pool_printf(r->pool, "%ld", to);
	v[5] = r->agent->id;
	v[6] = note != NULL ? note : "";
	if (db_query(r->pool, &q_block, 7, v) == NULL) {
		if ((e = db_last_error()) == GERR_CONFLICT)
			return agenda_problem(r, &o, 409, "appt.agent.overlap");
		return e;
	}
	return agenda_back(r, &o);
}

static struct dbq q_hold = DBQ(
    "SELECT appointment_hold($1::bigint, $2::bigint, " LOCAL_MINUTE(3) ","
    "  NULL, $4, 0, NULL, $5, 1)");

static struct dbq q_counter = DBQ(
    "UPDATE appointments SET status = 'booked', contact_name = $2,"
    "  contact_email = nullif($3, ''), contact_phone = nullif($4, ''),"
    "  agent_id = $5::bigint, lang = $6, updated_at = now(),"
    "  reminded_day_at = CASE WHEN lower(during) <= now() + interval '1 day'"
    "   THEN now() END,"
    "  reminded_hours_at = CASE WHEN lower(during) <= now() + interval '2 hours'"
    "   THEN now() END"
    " WHERE id = $1::bigint AND status = 'held'");

/* Held and booked in one transaction: the new row's id, or NULL if taken. */
static enum gerr
counter_txn(struct pool *p, void *arg)
{
	const char	**v = arg;
	PGresult	*res;

	if ((res = db_query(p, &q_hold, 5, v)) == NULL)
		return db_last_error();
	if (PQgetisnull(res, 0, 0))
		return GERR_CONFLICT;
	v[6] = pool_strdup(p, db_value(res, 0, 0));
	v[7] = v[6];
	if ((res = db_query(p, &q_counter, 6, v + 7)) == NULL)
		return db_last_error();
	return v[9] != NULL && *v[9] != '\0' ?
	    appt_notify(p, v[6], "appointment_booked") : GERR_OK;
}

/*
 * POST /inbox/appointments/book (office, type, day, time, name, email,
 * phone): 303 to the agenda, booked for someone at the counter or on the
 * phone (the confirmation emailed if an address is given); 422 for a
 * time the office does not offer (the minimum delay does not hold at the
 * counter) or a missing name; 409 when every desk is taken.
 */
enum gerr
page_agenda_book(struct req *r)
{
	static const struct field fields[] = {
		{ "name",	VT_TEXT,	{ .maxlen = 200 }, 1 },
		{ "email",	VT_EMAIL,	{ 0 }, 0 },
		{ "phone",	VT_TEXT,	{ .maxlen = 40 }, 0 },
	};
	const char		*f[nitems(fields)], *v[13];
	struct office		 o;
	struct appt_office	 ao;
	enum slot_verdict	 verdict;
	long			 start;
	int			 desk;
	enum gerr		 e;

	if ((e = office_of_agent(r, req_form(r, "office"), &o)) != GERR_OK)
		return e;
	if (agent_role(r->agent, o.dept) < ROLE_PROCESSOR || r->csrf_failed)
		return GERR_AUTH;
	if ((e = appt_office_load(r->pool, r->lang, o.id, req_form(r, "type"),
	    &ao)) != GERR_OK)
		return e;
	if (form_check(r, fields, nitems(fields), f) > 0)
		return agenda_problem(r, &o, 422, "appt.agent.bad_booking");
	if ((start = minute_of(req_form(r, "day"), req_form(r, "time"))) < 0)
		return agenda_problem(r, &o, 422, "appt.verdict.hours");
	if ((e = appt_busy_load(r->pool, &ao, start / 1440, start / 1440 + 1)) !=
	    GERR_OK)
		return e;
	ao.rules.earliest = ao.now;	/* at the counter: now will do */
	if ((verdict = slot_check(&ao.rules, ao.now, start, 0, &desk)) !=
	    SLOT_OK)
		return agenda_problem(r, &o, 422, pool_printf(r->pool,
		    "appt.verdict.%s", slot_verdict_names[verdict]));
	v[0] = o.id;
	v[1] = ao.type_id;
	v[2] = pool_printf(r->pool, "%ld", start);
	if ((v[3] = uid_new(r)) == NULL)
		return GERR_NOMEM;
	v[4] = lang_codes[r->lang];
	v[8] = f[0];
	v[9] = f[1] != NULL ? f[1] : "";
	v[10] = f[2] != NULL ? f[2] : "";
	v[11] = r->agent->id;
	v[12] = lang_codes[r->lang];
	if ((e = db_transaction(r->pool, counter_txn, v)) == GERR_CONFLICT)
		return agenda_problem(r, &o, 409, "appt.taken");
	if (e != GERR_OK)
		return e;
	log_info("appointment %s: booked at the counter by agent %s", v[6],
	    r->agent->id);
	return agenda_back(r, &o);
}
