/*
 * An appointment as a field of a procedure: a week of the office's free
 * slots inside the form, the slot held while the form is finished, held
 * again when the hold lapsed, and booked with the submission
 * (docs/appointments.md, "Booking inside a procedure").  The rules of a
 * slot are lib/slots.c's and its freedom the exclusion constraint's, as
 * for the booking pages of guichet-appointments.
 */
#include <stdlib.h>
#include <string.h>

#include "apptfield.h"
#include "db.h"
#include "formdef.h"
#include "log.h"
#include "summary.h"

/* Starts a week shows at most: a week of a busy office. */
#define WEEK_STARTS_MAX	700

const char *
appt_day_label(struct req *r, long day)
{
	int	y, m, d;
	char	key[32];

	cal_civil(day, &y, &m, &d);
	snprintf(key, sizeof(key), "appt.weekday.%d", cal_weekday(day));
	return pool_printf(r->pool, "%s %d/%d/%d", req_tr(r, key), d, m, y);
}

enum gerr
appt_week_hdf(struct req *r, HDF *h, struct appt_office *o, long from)
{
	long	*out, first, n, i, day = -1, earliest = o->rules.earliest / 1440;
	int	 d = -1, k = 0;
	char	 buf[11];

	if ((out = pool_calloc(r->pool, WEEK_STARTS_MAX, sizeof(*out))) == NULL)
		return GERR_NOMEM;
	if ((n = appt_slots(r->pool, o, from, &first, out,
	    WEEK_STARTS_MAX)) < 0)
		return db_last_error();
	for (i = 0; i < n; i++) {
		if (out[i] / 1440 != day) {
			day = out[i] / 1440;
			d++;
			k = 0;
			tmpl_set(h, pool_printf(r->pool, "Days.%d.label", d),
			    appt_day_label(r, day));
			tmpl_set(h, pool_printf(r->pool, "Days.%d.date", d),
			    cal_format(day, buf));
		}
		tmpl_set(h, pool_printf(r->pool, "Days.%d.slots.%d.start", d, k),
		    appt_minute_text(r->pool, out[i]));
		tmpl_set(h, pool_printf(r->pool, "Days.%d.slots.%d.time", d, k),
		    appt_minute_text(r->pool, out[i]) + 11);
		k++;
	}
	tmpl_set(h, "Week.first", appt_day_label(r, first));
	tmpl_set(h, "Week.last", appt_day_label(r, first + APPT_WEEK - 1));
	if (first + APPT_WEEK <= o->rules.latest_day)
		tmpl_set(h, "Week.next", cal_format(first + APPT_WEEK, buf));
	if (first > earliest)
		tmpl_set(h, "Week.prev", cal_format(first - APPT_WEEK <
		    earliest ? earliest : first - APPT_WEEK, buf));
	return GERR_OK;
}

/* The office and meeting type a field offers, by their codes. */
static struct dbq q_codes = DBQ(
    "SELECT o.id, t.id FROM offices o JOIN meeting_types t"
    "  ON t.office_id = o.id WHERE o.code = $1 AND t.code = $2");

static enum gerr
field_office(struct req *r, const struct ffield *f, struct appt_office *o)
{
	const char	*v[2];
	PGresult	*res;

	v[0] = json_string_value(json_object_get(f->json, "office"));
	v[1] = json_string_value(json_object_get(f->json, "meeting_type"));
	if ((res = db_query(r->pool, &q_codes, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		log_warnx("appointment field %s: no office %s with type %s",
		    f->name, v[0], v[1]);
		return GERR_NOTFOUND;
	}
	return appt_office_load(r->pool, r->lang, db_value(res, 0, 0),
	    db_value(res, 0, 1), o);
}

/*
 * The field's appointment as it stands (the row policy shows the
 * person's own): its newest row, a lapsed hold said "lapsed".
 */
static struct dbq q_state = DBQ(
    "SELECT a.id, CASE WHEN a.status = 'expired' OR (a.status = 'held'"
    "   AND a.held_until <= now()) THEN 'lapsed' ELSE a.status END,"
    "  (extract(epoch FROM lower(a.during) AT TIME ZONE 'Europe/Brussels')"
    "   / 60)::bigint,"
    "  to_char(a.held_until AT TIME ZONE 'Europe/Brussels', 'HH24:MI'),"
    "  coalesce(a.dossier_id::text, ''),"
    "  coalesce(o.names->>$2, o.names->>'fr'), o.address"
    "  FROM appointments a JOIN offices o ON o.id = a.office_id"
    " WHERE a.uid = $1 AND a.status <> 'moved'"
    " ORDER BY a.id DESC LIMIT 1");

struct fstate {
	const char	*id, *status, *until, *dossier, *office, *address;
	long		 start;
};

/* GERR_NOTFOUND when the answer names no appointment of the person's. */
static enum gerr
state_load(struct req *r, const json_t *v, struct fstate *s)
{
	const char	*p[2] = { json_string_value(v), lang_codes[r->lang] };
	PGresult	*res;

	memset(s, 0, sizeof(*s));
	if (!appt_uid_syntax(p[0]))
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_state, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	s->id = db_value(res, 0, 0);
	s->status = db_value(res, 0, 1);
	s->start = atol(db_value(res, 0, 2));
	s->until = db_value(res, 0, 3);
	s->dossier = db_value(res, 0, 4);
	s->office = db_value(res, 0, 5);
	s->address = db_value(res, 0, 6);
	return GERR_OK;
}

static const char *
slot_words(struct req *r, long start)
{
	return pool_printf(r->pool, "%s %s", appt_day_label(r, start / 1440),
	    appt_minute_text(r->pool, start) + 11);
}

enum gerr
apptfield_hdf(struct req *r, const struct dossier *d, const struct ffield *f,
    HDF *h, const json_t *v)
{
	struct appt_office	 o;
	struct fstate		 s;
	const char		*from = req_query(r, "from");
	long			 day = -1;
	int			 desk;
	enum gerr		 e;

	(void)d;
	if ((e = field_office(r, f, &o)) != GERR_OK)
		return e == GERR_NOTFOUND ? GERR_SYSTEM : e;
	node_put(h, "office", o.name);
	node_put(h, "address", o.address);
	node_put(h, "access", o.access);
	node_put(h, "type", o.type_label);
	node_put(h, "minutes", pool_printf(r->pool, "%d", o.rules.duration));
	if (v != NULL && (e = state_load(r, v, &s)) == GERR_OK) {
		node_put(h, "state", s.status);
		node_put(h, "when", slot_words(r, s.start));
		node_put(h, "until", s.until);
		if (strcmp(s.status, "booked") == 0)
			return GERR_OK;
		if (strcmp(s.status, "lapsed") == 0 && s.start > o.now) {
			if ((e = appt_busy_load(r->pool, &o, s.start / 1440,
			    s.start / 1440 + 1)) != GERR_OK)
				return e;
			if (slot_check(&o.rules, o.now, s.start, 1, &desk) !=
			    SLOT_OK)
				node_put(h, "gone", "1");
		}
	} else if (v != NULL && e != GERR_NOTFOUND)
		return e;
	if (from != NULL && *from != '\0' && cal_parse(from, &day) == -1)
		day = -1;
	node_put(h, "week", "1");
	return appt_week_hdf(r, h, &o, day);
}

/* One person's holds one after the other, as guichet-appointments does. */
static struct dbq q_person_lock = DBQ(
    "SELECT pg_advisory_xact_lock(20, ($1::bigint % 2147483647)::int)");

static struct dbq q_hold = DBQ(
    "SELECT appointment_hold($1::bigint, $2::bigint,"
    "  to_timestamp($3::bigint * 60) AT TIME ZONE 'UTC'"
    "   AT TIME ZONE 'Europe/Brussels', $4::bigint, $5, 0, NULL, $6, "
    APPT_HOLD_MINUTES ")");

/* The field's previous hold let go, once another is held. */
static struct dbq q_let_go = DBQ(
    "UPDATE appointments SET status = 'expired', updated_at = now()"
    " WHERE uid = $1 AND status = 'held'");

/* Holds start under uid: 1, 0 when every desk is taken, -1 on failure. */
static int
hold_under(struct req *r, const struct appt_office *o, long start,
    const char *uid)
{
	const char	*v[6];
	PGresult	*res;

	v[0] = o->id;
	v[1] = o->type_id;
	v[2] = pool_printf(r->pool, "%ld", start);
	v[3] = r->session->person_id;
	v[4] = uid;
	v[5] = lang_codes[r->lang];
	if (db_query(r->pool, &q_person_lock, 1, &v[3]) == NULL ||
	    (res = db_query(r->pool, &q_hold, 6, v)) == NULL)
		return -1;
	return PQgetisnull(res, 0, 0) ? 0 : 1;
}

/* The appointment field named at the start of arg, shown on page. */
static const struct ffield *
field_named(const struct dossier *d, const struct fpage *page,
    const char *arg, const char **rest)
{
	const struct ffield	*f;
	const char		*colon = strchr(arg, ':');

	if (colon == NULL)
		return NULL;
	fblock_foreach(&page->block, f)
		if (f->answer == ANSWER_APPOINTMENT &&
		    strlen(f->name) == (size_t)(colon - arg) &&
		    strncmp(f->name, arg, (size_t)(colon - arg)) == 0 &&
		    field_visible(f, d->data, NULL)) {
			*rest = colon + 1;
			return f;
		}
	return NULL;
}

enum gerr
apptfield_hold(struct req *r, struct dossier *d, const struct fpage *page,
    const char *arg, struct problems *pr, int *taken)
{
	const struct ffield	*f;
	struct appt_office	 o;
	enum slot_verdict	 verdict;
	struct fstate		 s;
	const json_t		*cur;
	const char		*text, *old;
	char			*uid, why[40];
	long			 start;
	int			 desk, held;
	enum gerr		 e;

	*taken = 0;
	if ((f = field_named(d, page, arg, &text)) == NULL)
		return GERR_INPUT;
	if (r->session->acting_org_id != NULL) {
		problem_add(pr, page->id, f->name, "appt.field.org");
		return GERR_OK;
	}
	if ((e = field_office(r, f, &o)) != GERR_OK)
		return e == GERR_NOTFOUND ? GERR_SYSTEM : e;
	if (appt_minute_parse(text, &start) == -1) {
		problem_add(pr, page->id, f->name, "appt.verdict.hours");
		return GERR_OK;
	}
	if ((e = appt_busy_load(r->pool, &o, start / 1440, start / 1440 + 1)) !=
	    GERR_OK)
		return e;
	if ((verdict = slot_check(&o.rules, o.now, start, 0, &desk)) !=
	    SLOT_OK) {
		snprintf(why, sizeof(why), "appt.verdict.%s",
		    slot_verdict_names[verdict]);
		problem_add(pr, page->id, f->name, why);
		return GERR_OK;
	}
	/* pressed twice: the first press holds it already */
	cur = json_object_get(d->data, f->name);
	if (cur != NULL && (e = state_load(r, cur, &s)) != GERR_NOTFOUND) {
		if (e != GERR_OK)
			return e;
		if (strcmp(s.status, "held") == 0 && s.start == start)
			return GERR_OK;
	}
	if ((uid = pool_alloc(r->pool, APPT_UID_HEX + 1)) == NULL ||
	    appt_uid_new(uid) == -1)
		return GERR_NOMEM;
	if ((held = hold_under(r, &o, start, uid)) == -1)
		return db_last_error();
	if (held == 0) {
		*taken = 1;
		problem_add(pr, page->id, f->name, "appt.taken");
		return GERR_OK;
	}
	old = json_string_value(json_object_get(d->data, f->name));
	if (appt_uid_syntax(old) && db_query(r->pool, &q_let_go, 1, &old) ==
	    NULL)
		return db_last_error();
	json_object_set_new(d->data, f->name, json_string(uid));
	log_info("appointment field %s of dossier %s: held", f->name, d->id);
	return GERR_OK;
}

/* One field's lapsed hold held again: 0, or 1 when someone took it. */
static enum gerr
refresh_one(struct req *r, struct dossier *d, const struct ffield *f,
    const char *page, struct problems *pr, int *taken)
{
	const json_t		*v = json_object_get(d->data, f->name);
	struct appt_office	 o;
	struct fstate		 s;
	int			 held;
	enum gerr		 e;

	if ((e = state_load(r, v, &s)) != GERR_OK)
		return e == GERR_NOTFOUND ? GERR_OK : e;
	if (strcmp(s.status, "lapsed") != 0)
		return GERR_OK;
	if ((e = field_office(r, f, &o)) != GERR_OK)
		return e == GERR_NOTFOUND ? GERR_SYSTEM : e;
	if (s.start <= o.now) {
		problem_add(pr, page, f->name, "appt.verdict.past");
		*taken = 1;
		return GERR_OK;
	}
	if ((held = hold_under(r, &o, s.start, json_string_value(v))) == -1)
		return db_last_error();
	if (held == 0) {
		*taken = 1;
		problem_add(pr, page, f->name, "appt.taken");
		log_info("appointment field %s of dossier %s: lapsed and taken",
		    f->name, d->id);
	}
	return GERR_OK;
}

enum gerr
apptfield_refresh(struct req *r, struct dossier *d, const struct fpage *page,
    struct problems *pr, int *taken)
{
	const struct fpage	*p;
	const struct ffield	*f;
	size_t			 i;
	enum gerr		 e;

	*taken = 0;
	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if ((page != NULL && p != page) || !page_visible(p, d->data))
			continue;
		fblock_foreach(&p->block, f)
			if (f->answer == ANSWER_APPOINTMENT &&
			    field_visible(f, d->data, NULL) &&
			    (e = refresh_one(r, d, f, p->id, pr, taken)) !=
			    GERR_OK)
				return e;
	}
	return GERR_OK;
}

/* Booked for the dossier; reminders already within reach are not sent. */
static struct dbq q_book = DBQ(
    "UPDATE appointments SET status = 'booked', dossier_id = $2::bigint,"
    "  updated_at = now(),"
    "  reminded_day_at = CASE WHEN lower(during) <= now() + interval '1 day'"
    "   THEN now() END,"
    "  reminded_hours_at = CASE WHEN lower(during) <= now() + interval '2 hours'"
    "   THEN now() END"
    " WHERE uid = $1 AND status = 'held' AND held_until > now()"
    " RETURNING id");

static struct dbq q_booked_here = DBQ(
    "SELECT 1 FROM appointments WHERE uid = $1 AND status = 'booked'"
    "  AND dossier_id = $2::bigint");

static enum gerr
book_one(struct req *r, struct dossier *d, const struct ffield *f)
{
	const char	*v[2];
	PGresult	*res;

	v[0] = json_string_value(json_object_get(d->data, f->name));
	v[1] = d->id;
	if (!appt_uid_syntax(v[0]))
		return GERR_OK;		/* optional, not chosen */
	if ((res = db_query(r->pool, &q_book, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1)
		return appt_notify(r->pool, db_value(res, 0, 0),
		    "appointment_booked");
	if ((res = db_query(r->pool, &q_booked_here, 2, v)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_CONFLICT;
}

enum walk { WALK_KEEP, WALK_BOOK, WALK_PAID };

/*
 * Every shown appointment field of d, its lapsed hold held again, then:
 * left held (WALK_KEEP), or booked for the dossier (WALK_BOOK), *page the
 * page of a slot someone took meanwhile; or, for a dossier a payment
 * sends (WALK_PAID), booked where it can be and the answer dropped where
 * the slot was taken, since the money is in and the dossier goes.
 */
static enum gerr
fields_walk(struct req *r, struct dossier *d, struct problems *pr,
    const struct fpage **page, enum walk how, int *n)
{
	const struct fpage	*p;
	const struct ffield	*f;
	size_t			 i;
	int			 taken;
	enum gerr		 e = GERR_OK;

	*page = NULL;
	*n = 0;
	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if (!page_visible(p, d->data))
			continue;
		fblock_foreach(&p->block, f) {
			if (f->answer != ANSWER_APPOINTMENT ||
			    !field_visible(f, d->data, NULL))
				continue;
			taken = 0;
			(*n)++;
			if ((e = refresh_one(r, d, f, p->id, pr, &taken)) !=
			    GERR_OK)
				return e;
			if (!taken && how != WALK_KEEP &&
			    (e = book_one(r, d, f)) == GERR_CONFLICT)
				taken = 1;
			else if (e != GERR_OK)
				return e;
			if (taken && how == WALK_PAID) {
				log_warnx("appointment field %s of dossier %s: "
				    "taken while paying, not booked", f->name,
				    d->id);
				json_object_del(d->data, f->name);
			} else if (taken) {
				problem_add(pr, p->id, f->name, "appt.taken");
				*page = p;
				return GERR_OK;
			}
		}
	}
	return GERR_OK;
}

enum gerr
apptfield_confirm(struct req *r, struct dossier *d, struct problems *pr,
    const struct fpage **page)
{
	int	n;

	return fields_walk(r, d, pr, page, WALK_BOOK, &n);
}

enum gerr
apptfield_book_paid(struct req *r, struct dossier *d)
{
	const struct fpage	*page;
	struct problems		 pr;
	int			 n;

	problems_init(&pr, r);
	return fields_walk(r, d, &pr, &page, WALK_PAID, &n);
}

/*
 * The holds of a draft's answers (the fields' answers are the top-level
 * uids, groups hold none): kept until $2 minutes from now, or, with 0,
 * brought back to a hold's usual ten minutes at most.
 */
static struct dbq q_keep = DBQ(
    "UPDATE appointments a SET updated_at = now(), held_until ="
    "  CASE WHEN $2::int > 0"
    "   THEN greatest(a.held_until, now() + make_interval(mins => $2::int))"
    "   ELSE least(a.held_until, now() + interval '" APPT_HOLD_MINUTES
    " minutes') END"
    " FROM dossiers d WHERE d.id = $1::bigint"
    "  AND a.person_id = d.owner_person_id AND a.status = 'held'"
    "  AND a.held_until > now()"
    "  AND a.uid IN (SELECT value FROM jsonb_each_text(d.data))");

enum gerr
apptfield_keep(struct req *r, struct dossier *d, int minutes,
    struct problems *pr, const struct fpage **page)
{
	const char	*v[2];
	int		 n;
	enum gerr	 e;

	if ((e = fields_walk(r, d, pr, page, WALK_KEEP, &n)) != GERR_OK ||
	    *page != NULL || n == 0)
		return e;
	v[0] = d->id;
	v[1] = pool_printf(r->pool, "%d", minutes);
	return db_query(r->pool, &q_keep, 2, v) != NULL ? GERR_OK :
	    db_last_error();
}

enum gerr
apptfield_release(struct pool *p, const char *dossier_id)
{
	const char	*v[2] = { dossier_id, "0" };

	return db_query(p, &q_keep, 2, v) != NULL ? GERR_OK : db_last_error();
}

const char *
apptfield_words(struct req *r, const json_t *v)
{
	struct fstate	s;

	if (state_load(r, v, &s) != GERR_OK)
		return "";
	return pool_printf(r->pool, "%s, %s, %s", slot_words(r, s.start),
	    s.office, s.address);
}
