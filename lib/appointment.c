/*
 * Appointments as every program sees them: an office's rules and busy
 * times read for lib/slots.c, local minutes, the emails' signed links,
 * and the outbox rows (docs/appointments.md).  Local time is Europe/
 * Brussels wall-clock time counted in minutes since 1970-01-01 00:00, as
 * PostgreSQL's epoch of a timestamp without time zone gives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "appointment.h"
#include "crypto.h"
#include "db.h"
#include "log.h"

/*
 * The office, its meeting type, its weekly hours ("weekday opens closes"
 * in minutes, comma-separated) and its active desks' ids, in one
 * statement: the slot page's first cost is its round trips.
 */
static struct dbq q_office = DBQ(
    "SELECT o.id, o.code, coalesce(o.names->>$3, o.names->>'fr'), o.address,"
    "  coalesce(o.accessibility->>$3, o.accessibility->>'fr', ''), o.region,"
    "  o.min_delay_minutes, o.max_delay_days, t.id, t.code,"
    "  coalesce(t.labels->>$3, t.labels->>'fr'), t.duration_minutes,"
    "  (extract(epoch FROM now() AT TIME ZONE 'Europe/Brussels') / 60)::bigint,"
    "  (SELECT string_agg(h.weekday || ' ' || extract(epoch FROM h.opens)::int"
    "    / 60 || ' ' || extract(epoch FROM h.closes)::int / 60, ','"
    "    ORDER BY h.weekday, h.opens)"
    "   FROM (SELECT * FROM opening_rules WHERE office_id = o.id"
    "    ORDER BY weekday, opens LIMIT 32) h),"
    "  (SELECT string_agg(k.id::text, ',' ORDER BY k.id)"
    "   FROM (SELECT id FROM desks WHERE office_id = o.id AND active"
    "    ORDER BY id LIMIT 64) k)"
    "  FROM offices o JOIN meeting_types t ON t.office_id = o.id"
    " WHERE o.id = $1::bigint AND t.id = $2::bigint AND o.online AND t.online");

/* Local minutes $2 and $3 made instants, for the ranges' overlap. */
#define LOCAL(n) "(to_timestamp($" #n "::bigint * 60) AT TIME ZONE 'UTC'" \
    " AT TIME ZONE 'Europe/Brussels')"

static struct dbq q_busy = DBQ(
    "SELECT b.desk_id, b.starts, b.ends"
    "  FROM appointment_busy_minutes($1::bigint, $2::bigint, $3::bigint) b"
    " UNION ALL"
    " SELECT NULL, floor(extract(epoch FROM lower(c.during) AT TIME ZONE"
    "   'Europe/Brussels') / 60)::bigint, ceil(extract(epoch FROM"
    "   upper(c.during) AT TIME ZONE 'Europe/Brussels') / 60)::bigint"
    "  FROM office_closures c WHERE c.office_id = $1::bigint"
    "   AND c.during && tstzrange(" LOCAL(2) ", " LOCAL(3) ")");

/* The hours and desks q_office listed, into o (at most their maxima). */
static enum gerr
hours_read(struct pool *p, struct appt_office *o, const char *hours,
    const char *desks)
{
	const char	*s;
	char		*end;
	size_t		 n;
	int		 i;

	for (s = hours, n = 0; *s != '\0' && n < SLOTS_HOURS_MAX; n++) {
		o->hours[n].weekday = (int)strtol(s, &end, 10);
		o->hours[n].opens = (int)strtol(end, &end, 10);
		o->hours[n].closes = (int)strtol(end, &end, 10);
		s = *end == ',' ? end + 1 : end;
	}
	o->rules.hours = o->hours;
	o->rules.nhours = n;
	for (s = desks, i = 0; *s != '\0' && i < SLOTS_DESKS_MAX; i++) {
		n = strcspn(s, ",");
		if ((o->desks[i] = pool_strndup(p, s, n)) == NULL)
			return GERR_NOMEM;
		s += n + (s[n] == ',');
	}
	o->rules.ndesks = i;
	return GERR_OK;
}

enum gerr
appt_office_load(struct pool *p, enum lang l, const char *office,
    const char *type, struct appt_office *o)
{
	const char	*v[3] = { office, type, lang_codes[l] };
	PGresult	*res;
	int		 region;

	memset(o, 0, sizeof(*o));
	if (office == NULL || type == NULL || strlen(office) > 18 ||
	    strlen(type) > 18 || strspn(office, "0123456789") != strlen(office) ||
	    strspn(type, "0123456789") != strlen(type) || *office == '\0' ||
	    *type == '\0')
		return GERR_NOTFOUND;
	if ((res = db_query(p, &q_office, 3, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	o->id = db_value(res, 0, 0);
	o->code = db_value(res, 0, 1);
	o->name = db_value(res, 0, 2);
	o->address = db_value(res, 0, 3);
	o->access = db_value(res, 0, 4);
	if ((region = cal_region(db_value(res, 0, 5))) < 0)
		region = CAL_BELGIUM;
	o->rules.region = (enum cal_region)region;
	o->now = atol(db_value(res, 0, 12));
	o->today = o->now >= 0 ? o->now / 1440 : 0;
	o->rules.earliest = o->now + atol(db_value(res, 0, 6));
	o->rules.latest_day = o->today + atol(db_value(res, 0, 7));
	o->type_id = db_value(res, 0, 8);
	o->type_code = db_value(res, 0, 9);
	o->type_label = db_value(res, 0, 10);
	o->rules.duration = atoi(db_value(res, 0, 11));
	return hours_read(p, o, db_value(res, 0, 13), db_value(res, 0, 14));
}

enum gerr
appt_busy_load(struct pool *p, struct appt_office *o, long from, long to)
{
	const char		*v[3];
	PGresult		*res;
	struct slot_busy	*b;
	int			 i, j, n;
	size_t			 k;

	v[0] = o->id;
	v[1] = pool_printf(p, "%ld", from * 1440);
	v[2] = pool_printf(p, "%ld", to * 1440);
	if ((res = db_query(p, &q_busy, 3, v)) == NULL)
		return db_last_error();
	n = PQntuples(res);
	if ((b = pool_calloc(p, (size_t)n + 1, sizeof(*b))) == NULL)
		return GERR_NOMEM;
	for (i = 0, k = 0; i < n; i++) {
		b[k].desk = -1;
		if (!PQgetisnull(res, i, 0)) {
			/* a desk's index among the active ones; an inactive one's rows are no matter */
			for (j = 0; j < o->rules.ndesks; j++)
				if (strcmp(o->desks[j], db_value(res, i, 0)) == 0)
					break;
			if (j == o->rules.ndesks)
				continue;
			b[k].desk = j;
		}
		b[k].from = atol(db_value(res, i, 1));
		b[k].to = atol(db_value(res, i, 2));
		k++;
	}
	o->rules.busy = b;
	o->rules.nbusy = k;
	return GERR_OK;
}

long
appt_slots(struct pool *p, struct appt_office *o, long from, long *first,
    long *out, size_t max)
{
	long	day, n;

	if (from >= 0) {
		*first = from < o->today ? o->today : from;
		if (appt_busy_load(p, o, *first, *first + APPT_WEEK) != GERR_OK)
			return -1;
		return (long)slots_free(&o->rules, o->now, *first,
		    *first + APPT_WEEK, out, max);
	}
	/* the first day with a free slot: a week at a time, to the last day */
	for (day = o->rules.earliest / 1440; day <= o->rules.latest_day;
	    day += APPT_WEEK) {
		if (appt_busy_load(p, o, day, day + APPT_WEEK) != GERR_OK)
			return -1;
		if ((n = (long)slots_free(&o->rules, o->now, day,
		    day + APPT_WEEK, out, 1)) > 0) {
			*first = out[0] / 1440;
			/* the busy times read cover the page already */
			if (*first == day)
				return (long)slots_free(&o->rules, o->now, day,
				    day + APPT_WEEK, out, max);
			return appt_slots(p, o, *first, first, out, max);
		}
	}
	*first = o->rules.earliest / 1440;
	return 0;
}

int
appt_minute_parse(const char *s, long *minute)
{
	char	day[11];
	long	d;

	if (s == NULL || strlen(s) != 16 || s[10] != 'T' || s[13] != ':' ||
	    strspn(s + 11, "0123456789") != 2 ||
	    strspn(s + 14, "0123456789") != 2)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (cal_parse(day, &d) == -1 || atoi(s + 11) > 23 || atoi(s + 14) > 59)
		return -1;
	*minute = d * 1440 + atoi(s + 11) * 60 + atoi(s + 14);
	return 0;
}

char *
appt_minute_text(struct pool *p, long minute)
{
	char	day[11];
	long	d = minute >= 0 ? minute / 1440 : (minute - 1439) / 1440;
	long	m = minute - d * 1440;

	return pool_printf(p, "%sT%02ld:%02ld", cal_format(d, day), m / 60,
	    m % 60);
}

int
appt_uid_new(char uid[APPT_UID_HEX + 1])
{
	return random_hex(uid, APPT_UID_HEX / 2);
}

int
appt_uid_syntax(const char *s)
{
	return s != NULL && strlen(s) == APPT_UID_HEX &&
	    strspn(s, "0123456789abcdef") == APPT_UID_HEX;
}

void
appt_link_sig(const char *uid, const char *sequence, char hex[65])
{
	char	msg[96];
	int	n;

	n = snprintf(msg, sizeof(msg), "appointment|%s|%s", uid, sequence);
	secret_mac_hex(msg, n > 0 && (size_t)n < sizeof(msg) ? (size_t)n :
	    strlen(msg), hex);
}

int
appt_link_ok(const char *uid, const char *sequence, const char *sig)
{
	char	want[65];

	if (!appt_uid_syntax(uid) || sig == NULL || strlen(sig) != 64 ||
	    sequence == NULL)
		return 0;
	appt_link_sig(uid, sequence, want);
	return CRYPTO_memcmp(want, sig, 64) == 0;
}

static struct dbq q_notify = DBQ(
    "INSERT INTO notification_outbox (kind, person_id, email, lang, payload)"
    " SELECT $2, a.person_id, a.contact_email, a.lang, " APPT_PAYLOAD
    "  FROM appointments a JOIN offices o ON o.id = a.office_id"
    "  JOIN meeting_types t ON t.id = a.meeting_type_id"
    " WHERE a.id = $1::bigint"
    "   AND (a.person_id IS NOT NULL OR a.contact_email IS NOT NULL)");

enum gerr
appt_notify(struct pool *p, const char *appointment_id, const char *kind)
{
	const char	*v[2] = { appointment_id, kind };

	if (db_query(p, &q_notify, 2, v) == NULL)
		return db_last_error();
	return GERR_OK;
}
