/*
 * guichet-admin office: an office's own closures imported from an
 * iCalendar file its calendar program exports (lib/ical.c reads it; each
 * event is one closure, keyed by its UID, so importing the file again
 * updates rather than duplicates), and the secret address of a desk's
 * read-only iCalendar feed, made or revoked (docs/appointments.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "conf.h"
#include "crypto.h"
#include "ical.h"

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

int
cmd_office(int argc, char *argv[])
{
	int	i, rc = 0;

	if (argc >= 4 && strcmp(argv[1], "closures") == 0) {
		for (i = 3; i < argc; i++)
			rc |= closures_import(argv[2], argv[i]);
		return rc;
	}
	if (argc == 4 && strcmp(argv[1], "feed") == 0)
		return desk_feed(argv[2], argv[3], 0);
	if (argc == 4 && strcmp(argv[1], "feed-revoke") == 0)
		return desk_feed(argv[2], argv[3], 1);
	fprintf(stderr, "usage: guichet-admin office closures OFFICE FILE.ics... "
	    "| feed OFFICE DESK | feed-revoke OFFICE DESK\n");
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
		    "%s takes appointments (see sql/seed/0007 and "
		    "docs/appointments.md)\n", path, page, i, json_string_value(
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
