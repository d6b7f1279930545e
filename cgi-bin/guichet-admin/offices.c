/*
 * guichet-admin office: offices defined from JSON files (lib/officedef.c
 * checks them; a second import updates: meeting types and desks left out
 * are withdrawn, not deleted, since appointments name them), an office's
 * own closures imported from an iCalendar file its calendar program
 * exports (lib/ical.c reads it; each event is one closure, keyed by its
 * UID, so importing the file again updates rather than duplicates), and
 * the secret address of a desk's read-only iCalendar feed, made or
 * revoked (docs/appointments.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "conf.h"
#include "crypto.h"
#include "ical.h"
#include "officedef.h"

#define ICS_MAX		(5 << 20)

/* A time as the file gave it: UTC, or Brussels wall-clock time. */
#define ICS_TIME(n) "CASE WHEN $" #n " LIKE '%Z' THEN $" #n "::timestamptz" \
    " ELSE $" #n "::timestamp AT TIME ZONE 'Europe/Brussels' END"

static const char *const q_closure =
    "INSERT INTO office_closures (office_id, uid, during, summary)"
    " SELECT o.id, $2, tstzrange(" ICS_TIME(3) ", " ICS_TIME(4) "), $5"
    "  FROM offices o WHERE o.code = $1"
    " ON CONFLICT (office_id, uid) DO UPDATE SET during = EXCLUDED.during,"
    "  summary = EXCLUDED.summary RETURNING id";

struct import {
	struct pool	*pool;
	const char	*office, *path;
	int		 stored, failed;
};

static void
closure_store(void *arg, const struct ical_event *e)
{
	struct import	*im = arg;
	const char	*p[5];
	PGresult	*res;

	p[0] = im->office;
	p[1] = e->uid;
	p[2] = ical_time_text(im->pool, &e->start);
	p[3] = ical_time_text(im->pool, &e->end);
	p[4] = e->summary;
	if ((res = admin_step(im->path, q_closure, 5, p)) == NULL) {
		im->failed++;
		return;
	}
	if (PQntuples(res) == 1)
		im->stored++;
	else
		im->failed++;
	PQclear(res);
}

/* The whole file, NUL-terminated; NULL (said) if unreadable or too big. */
static char *
file_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return NULL;
	}
	if ((buf = malloc(ICS_MAX + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, ICS_MAX + 1, f);
	fclose(f);
	if (*len > ICS_MAX) {
		fprintf(stderr, "%s: more than %d bytes\n", path, ICS_MAX);
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

static int
closures_import(const char *office, const char *path)
{
	struct import	 im = { NULL, office, path, 0, 0 };
	char		*text, err[160];
	size_t		 len;
	int		 skipped, rc = 1;

	if ((text = file_read(path, &len)) == NULL)
		return 1;
	if ((im.pool = pool_new(16384)) == NULL)
		goto out;
	if (ical_read(im.pool, text, len, closure_store, &im, &skipped, err,
	    sizeof(err)) != GERR_OK) {
		fprintf(stderr, "%s: %s\n", path, err);
		goto out;
	}
	printf("%s: %d closure(s) of %s stored, %d event(s) skipped "
	    "(recurring, or without UID, start or end)\n", path, im.stored,
	    office, skipped);
	if (im.failed > 0)
		fprintf(stderr, "%s: %d event(s) not stored (no office %s?)\n",
		    path, im.failed, office);
	rc = im.failed > 0;
out:
	pool_free(im.pool);
	free(text);
	return rc;
}

static const char *const q_feed =
    "UPDATE desks k SET feed_hash = CASE WHEN $3 = '' THEN NULL"
    "  ELSE sha256(convert_to($3, 'UTF8')) END"
    "  FROM offices o WHERE o.id = k.office_id AND o.code = $1 AND k.name = $2"
    " RETURNING k.id";

/* A desk's feed: a new secret (the old one stops working), or none. */
static int
desk_feed(const char *office, const char *desk, int revoke)
{
	const char	*p[3];
	char		 secret[65];
	PGresult	*res;
	int		 rc;

	if (!revoke && random_hex(secret, 32) == -1)
		return 1;
	p[0] = office;
	p[1] = desk;
	p[2] = revoke ? "" : secret;
	if ((res = admin_step(desk, q_feed, 3, p)) == NULL)
		return 1;
	rc = PQntuples(res) == 1 ? 0 : 1;
	if (rc)
		fprintf(stderr, "guichet-admin: no desk \"%s\" at office %s\n",
		    desk, office);
	else if (revoke)
		printf("%s, %s: feed revoked\n", office, desk);
	else
		printf("%s/appointments/feeds/%s.ics\n", conf_str("site.url"),
		    secret);
	PQclear(res);
	return rc;
}

static const char *const q_office_upsert =
    "WITH f (j) AS (SELECT $1::jsonb)"
    " INSERT INTO offices (code, department_id, names, address,"
    "  accessibility, region, min_delay_minutes, max_delay_days, online)"
    " SELECT j->>'code', d.id, j->'names', j->>'address',"
    "  COALESCE(j->'accessibility', '{}'), j->>'region',"
    "  COALESCE((j->>'min_delay_minutes')::int, 120),"
    "  COALESCE((j->>'max_delay_days')::int, 60),"
    "  COALESCE((j->>'online')::boolean, true)"
    "  FROM f JOIN departments d ON d.code = j->>'department'"
    " ON CONFLICT (code) DO UPDATE SET department_id = EXCLUDED.department_id,"
    "  names = EXCLUDED.names, address = EXCLUDED.address,"
    "  accessibility = EXCLUDED.accessibility, region = EXCLUDED.region,"
    "  min_delay_minutes = EXCLUDED.min_delay_minutes,"
    "  max_delay_days = EXCLUDED.max_delay_days, online = EXCLUDED.online"
    " RETURNING id";

/* Meeting types in the file's order; those left out can no longer be chosen. */
static const char *const q_types_upsert =
    "INSERT INTO meeting_types (office_id, code, labels, duration_minutes,"
    "  online, position)"
    " SELECT $1::bigint, e->>'code', e->'labels',"
    "  (e->>'duration_minutes')::int, COALESCE((e->>'online')::boolean, true),"
    "  n FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t (e, n)"
    " ON CONFLICT (office_id, code) DO UPDATE SET labels = EXCLUDED.labels,"
    "  duration_minutes = EXCLUDED.duration_minutes,"
    "  online = EXCLUDED.online, position = EXCLUDED.position";

static const char *const q_types_gone =
    "UPDATE meeting_types SET online = false"
    " WHERE office_id = $1::bigint AND online AND code NOT IN"
    "  (SELECT e->>'code' FROM jsonb_array_elements($2::jsonb) e)"
    " RETURNING code";

static const char *const q_desks_upsert =
    "INSERT INTO desks (office_id, name)"
    " SELECT $1::bigint, n FROM jsonb_array_elements_text($2::jsonb) n"
    " ON CONFLICT (office_id, name) DO UPDATE SET active = true";

/* A desk withdrawn keeps its appointments: say how many are to come. */
static const char *const q_desks_gone =
    "UPDATE desks k SET active = false"
    " WHERE office_id = $1::bigint AND active AND name NOT IN"
    "  (SELECT jsonb_array_elements_text($2::jsonb))"
    " RETURNING name, (SELECT count(*) FROM appointments a"
    "  WHERE a.desk_id = k.id AND a.status IN ('held', 'booked')"
    "  AND upper(a.during) > now())";

/* The "hours" keys (lib/officedef.c checked them), by ISO number. */
#define WEEKDAYS "ARRAY['monday', 'tuesday', 'wednesday', 'thursday'," \
    " 'friday', 'saturday', 'sunday']"

static const char *const q_hours =
    "WITH gone AS (DELETE FROM opening_rules WHERE office_id = $1::bigint)"
    " INSERT INTO opening_rules (office_id, weekday, opens, closes)"
    " SELECT $1::bigint, array_position(" WEEKDAYS ", d.day),"
    "  split_part(s, '-', 1)::time, split_part(s, '-', 2)::time"
    "  FROM jsonb_each($2::jsonb) AS d (day, spans),"
    "  jsonb_array_elements_text(d.spans) s";

/* The statements after the office's: its id, then the part of the file. */
static int
office_parts(const char *path, const char *id, const json_t *d)
{
	static const struct { const char *key, *sql; } parts[] = {
		{ "meeting_types", q_types_upsert },
		{ "meeting_types", q_types_gone },
		{ "desks", q_desks_upsert },
		{ "desks", q_desks_gone },
		{ "hours", q_hours },
	};
	const char	*p[2];
	char		*text;
	PGresult	*res;
	size_t		 i;
	int		 j;

	p[0] = id;
	for (i = 0; i < nitems(parts); i++) {
		if ((text = json_dumps(json_object_get(d, parts[i].key),
		    JSON_COMPACT)) == NULL)
			return -1;
		p[1] = text;
		res = admin_step(path, parts[i].sql, 2, p);
		free(text);
		if (res == NULL)
			return -1;
		for (j = 0; j < PQntuples(res); j++) {
			if (parts[i].sql == q_types_gone)
				printf("%s: meeting type %s withdrawn\n", path,
				    PQgetvalue(res, j, 0));
			else
				printf("%s: desk \"%s\" withdrawn (%s "
				    "appointment(s) to come stay booked on "
				    "it)\n", path, PQgetvalue(res, j, 0),
				    PQgetvalue(res, j, 1));
		}
		PQclear(res);
	}
	return 0;
}

/* One definition stored whole, or nothing of it. */
static int
office_define(const char *path)
{
	json_t		*d;
	json_error_t	 jerr;
	const char	*p[1];
	char		 err[300], id[24], *text = NULL;
	PGresult	*res = NULL;
	int		 rc = 1;

	if ((d = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, jerr.line, jerr.column,
		    jerr.text);
		return 1;
	}
	if (officedef_check(d, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s\n", path, err);
		goto out;
	}
	if ((text = json_dumps(d, JSON_COMPACT)) == NULL ||
	    (res = admin_step(path, "BEGIN", 0, NULL)) == NULL)
		goto out;
	PQclear(res);
	p[0] = text;
	if ((res = admin_step(path, q_office_upsert, 1, p)) == NULL)
		goto rollback;
	if (PQntuples(res) != 1) {
		fprintf(stderr, "%s: department: no department %s "
		    "(guichet-admin department add)\n", path, json_string_value(
		    json_object_get(d, "department")));
		goto rollback;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	res = NULL;
	if (office_parts(path, id, d) == -1 ||
	    (res = admin_step(path, "COMMIT", 0, NULL)) == NULL)
		goto rollback;
	printf("%s: office %s defined: %zu meeting type(s), %zu desk(s)\n",
	    path, json_string_value(json_object_get(d, "code")),
	    json_array_size(json_object_get(d, "meeting_types")),
	    json_array_size(json_object_get(d, "desks")));
	rc = 0;
	goto out;
rollback:
	PQclear(res);
	res = admin_step(path, "ROLLBACK", 0, NULL);
out:
	PQclear(res);
	free(text);
	json_decref(d);
	return rc;
}

/* An office as a definition: what define reads, from what is stored. */
static const char *const q_office_show =
    "SELECT jsonb_pretty(jsonb_strip_nulls(jsonb_build_object("
    "  'code', o.code, 'department', d.code, 'names', o.names,"
    "  'address', o.address, 'accessibility', o.accessibility,"
    "  'region', o.region, 'min_delay_minutes', o.min_delay_minutes,"
    "  'max_delay_days', o.max_delay_days, 'online', o.online,"
    "  'desks', (SELECT jsonb_agg(k.name ORDER BY k.id) FROM desks k"
    "   WHERE k.office_id = o.id AND k.active),"
    "  'meeting_types', (SELECT jsonb_agg(jsonb_build_object('code', t.code,"
    "    'labels', t.labels, 'duration_minutes', t.duration_minutes,"
    "    'online', t.online) ORDER BY t.position, t.code)"
    "   FROM meeting_types t WHERE t.office_id = o.id AND t.online),"
    "  'hours', (SELECT jsonb_object_agg(w.day, w.spans) FROM"
    "   (SELECT (" WEEKDAYS ")[r.weekday] AS day,"
    "     jsonb_agg(to_char(r.opens, 'HH24:MI') || '-' ||"
    "      to_char(r.closes, 'HH24:MI') ORDER BY r.opens) AS spans"
    "    FROM opening_rules r WHERE r.office_id = o.id"
    "    GROUP BY r.weekday) w))))"
    " FROM offices o JOIN departments d ON d.id = o.department_id"
    " WHERE o.code = $1";

static int
office_show(const char *code)
{
	const char	*p[1] = { code };
	PGresult	*res;
	int		 rc;

	if ((res = admin_step(code, q_office_show, 1, p)) == NULL)
		return 1;
	rc = PQntuples(res) == 1 ? 0 : 1;
	if (rc)
		fprintf(stderr, "guichet-admin: no office %s\n", code);
	else
		printf("%s\n", PQgetvalue(res, 0, 0));
	PQclear(res);
	return rc;
}

int
cmd_office(int argc, char *argv[])
{
	int	i, rc = 0;

	if (argc >= 3 && strcmp(argv[1], "define") == 0) {
		for (i = 2; i < argc; i++)
			rc |= office_define(argv[i]);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return office_show(argv[2]);
	if (argc >= 4 && strcmp(argv[1], "closures") == 0) {
		for (i = 3; i < argc; i++)
			rc |= closures_import(argv[2], argv[i]);
		return rc;
	}
	if (argc == 4 && strcmp(argv[1], "feed") == 0)
		return desk_feed(argv[2], argv[3], 0);
	if (argc == 4 && strcmp(argv[1], "feed-revoke") == 0)
		return desk_feed(argv[2], argv[3], 1);
	fprintf(stderr, "usage: guichet-admin office define FILE.json... | "
	    "show OFFICE | closures OFFICE FILE.ics... | feed OFFICE DESK | "
	    "feed-revoke OFFICE DESK\n");
	return 2;
}

static const char *const q_field_office =
    "SELECT EXISTS (SELECT 1 FROM offices WHERE code = $1),"
    "  EXISTS (SELECT 1 FROM meeting_types t JOIN offices o"
    "   ON o.id = t.office_id WHERE o.code = $1 AND t.code = $2),"
    "  (SELECT string_agg(DISTINCT o.code, ', ' ORDER BY o.code)"
    "   FROM meeting_types t JOIN offices o ON o.id = t.office_id"
    "   WHERE t.code = $2)";

/* One appointment field's office and meeting type, as the database has them. */
static int
field_office_check(const char *path, size_t page, size_t i, const json_t *f)
{
	const char	*p[2];
	PGresult	*res;
	int		 rc = 0;

	p[0] = json_string_value(json_object_get(f, "office"));
	p[1] = json_string_value(json_object_get(f, "meeting_type"));
	if ((res = admin_step(path, q_field_office, 2, p)) == NULL)
		return -1;
	if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
		fprintf(stderr, "%s: pages[%zu].fields[%zu] \"%s\": no office "
		    "%s takes appointments (guichet-admin office "
		    "define, docs/appointments.md)\n", path, page, i, json_string_value(
		    json_object_get(f, "name")), p[0]);
		rc = -1;
	} else if (strcmp(PQgetvalue(res, 0, 1), "t") != 0) {
		fprintf(stderr, "%s: pages[%zu].fields[%zu] \"%s\": meeting type "
		    "%s is not one of office %s's%s%s%s\n", path, page, i,
		    json_string_value(json_object_get(f, "name")), p[1], p[0],
		    PQgetisnull(res, 0, 2) ? "" : " (it is ",
		    PQgetisnull(res, 0, 2) ? "" : PQgetvalue(res, 0, 2),
		    PQgetisnull(res, 0, 2) ? "" : "'s)");
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/*
 * The appointment fields of a definition (lib/procdef.c checked their
 * form): each names an office that exists and one of its meeting types.
 */
int
offices_fields_check(const char *path, const json_t *def)
{
	const json_t	*page, *f;
	size_t		 i, j;
	int		 rc = 0;

	json_array_foreach(json_object_get(def, "pages"), i, page)
		json_array_foreach(json_object_get(page, "fields"), j, f)
			if (json_is_string(json_object_get(f, "type")) &&
			    strcmp(json_string_value(json_object_get(f, "type")),
			    "appointment") == 0 &&
			    field_office_check(path, i, j, f) == -1)
				rc = -1;
	return rc;
}
