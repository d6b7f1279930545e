/*
 * A desk's iCalendar feed (docs/appointments.md): read-only, at a secret
 * address an agent subscribes to in their own calendar program
 * (guichet-admin office feed makes it, feed-revoke ends it).  The
 * database finds the desk by the secret's hash (desk_feed, sql/0048);
 * the feed holds times, meeting types and states, never who comes.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "appointments.h"
#include "db.h"
#include "ical.h"

static struct dbq q_feed = DBQ(
    "SELECT uid, sequence, status, starts, ends,"
    "  coalesce(labels->>$2, labels->>'fr', ''),"
    "  coalesce(office->>$2, office->>'fr', ''), address, desk"
    "  FROM desk_feed($1)");

/* "<64 hex>.ics" */
static const char *
feed_secret(struct req *r, const char *seg)
{
	if (strlen(seg) != 68 || strcmp(seg + 64, ".ics") != 0 ||
	    strspn(seg, "0123456789abcdef") != 64)
		return NULL;
	return pool_strndup(r->pool, seg, 64);
}

/* The site's host, for the events' UIDs: the same as in the emails. */
static const char *
uid_domain(struct req *r)
{
	const char	*site = req_site_url(r), *h, *end;

	h = (h = strstr(site, "://")) != NULL ? h + 3 : site;
	end = h + strcspn(h, ":/");
	return pool_strndup(r->pool, h, (size_t)(end - h));
}

/*
 * GET /appointments/feeds/:feed: 200 text/calendar with the desk's
 * appointments and blocks from a month ago to a year ahead; 404 for a
 * secret that is no desk's (never made, or revoked).
 */
enum gerr
page_feed(struct req *r)
{
	const char		*v[2], *name;
	struct ical_invite	*iv;
	PGresult		*res;
	char			*text, key[48];
	int			 i, k, n;

	if ((v[0] = feed_secret(r, r->args[0])) == NULL)
		return GERR_NOTFOUND;
	v[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_feed, 2, v)) == NULL)
		return db_last_error();
	if ((n = PQntuples(res)) == 0)
		return GERR_NOTFOUND;
	if ((iv = pool_calloc(r->pool, (size_t)n, sizeof(*iv))) == NULL)
		return GERR_NOMEM;
	name = pool_printf(r->pool, "%s — %s", db_value(res, 0, 6),
	    db_value(res, 0, 8));
	for (i = 0, k = 0; i < n; i++) {
		if (PQgetisnull(res, i, 0))
			continue;	/* the desk, without appointments */
		iv[k].method = ICAL_REQUEST;
		iv[k].uid = db_value(res, i, 0);
		iv[k].domain = uid_domain(r);
		iv[k].sequence = atoi(db_value(res, i, 1));
		iv[k].start = (time_t)atoll(db_value(res, i, 3));
		iv[k].end = (time_t)atoll(db_value(res, i, 4));
		iv[k].stamp = time(NULL);
		snprintf(key, sizeof(key), "appt.status.%s", db_value(res, i, 2));
		iv[k].summary = strcmp(db_value(res, i, 2), "blocked") == 0 ?
		    req_tr(r, key) : pool_printf(r->pool, "%s (%s)",
		    db_value(res, i, 5), req_tr(r, key));
		iv[k].location = db_value(res, i, 7);
		k++;
	}
	if ((text = ical_feed(r->pool, name, iv, (size_t)k)) == NULL)
		return GERR_NOMEM;
	r->cache = "private, max-age=300";
	return resp_send(r, 200, "text/calendar; charset=utf-8", text,
	    strlen(text));
}
