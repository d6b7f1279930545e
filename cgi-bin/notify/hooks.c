/*
 * Webhook deliveries, sent by the same worker as the emails: due rows are
 * claimed like the outbox's (a lease, FOR UPDATE SKIP LOCKED), but only
 * the oldest undelivered one of each webhook and dossier, so that an
 * application hears of a dossier's events in the order they happened,
 * whatever the number of workers.  A delivery that fails is tried again
 * with the same doubling backoff, and holds back that dossier's later
 * ones until it succeeds or is given up.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "sdnotify.h"
#include "webhook.h"

static struct dbq q_claim = DBQ(
    "UPDATE webhook_deliveries w"
    " SET next_attempt_at = now() + make_interval(secs => $2),"
    "  attempts = w.attempts + 1, claimed_by = $3"
    " FROM (SELECT x.id FROM webhook_deliveries x"
    "  WHERE x.delivered_at IS NULL AND x.dropped_at IS NULL"
    "   AND x.next_attempt_at <= now()"
    "   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries y"
    "    WHERE y.webhook_id = x.webhook_id AND y.dossier_id = x.dossier_id"
    "     AND y.id < x.id AND y.delivered_at IS NULL"
    "     AND y.dropped_at IS NULL)"
    "  ORDER BY x.next_attempt_at, x.id LIMIT $1"
    "  FOR UPDATE SKIP LOCKED) c"
    " WHERE w.id = c.id"
    " RETURNING w.id, w.payload::text, w.payload->>'kind', w.attempts,"
    "  (SELECT h.url FROM webhooks h WHERE h.id = w.webhook_id"
    "   AND h.disabled_at IS NULL),"
    "  (SELECT encode(h.secret, 'hex') FROM webhooks h"
    "   WHERE h.id = w.webhook_id), w.trace");

static struct dbq q_done = DBQ(
    "UPDATE webhook_deliveries SET delivered_at = now(),"
    "  last_status = $2::int, last_error = NULL WHERE id = $1::bigint");

static struct dbq q_drop = DBQ(
    "UPDATE webhook_deliveries SET dropped_at = now(), last_error = $2,"
    "  last_status = nullif($3::int, 0) WHERE id = $1::bigint");

static struct dbq q_retry = DBQ(
    "UPDATE webhook_deliveries"
    " SET next_attempt_at = now() + make_interval(secs =>"
    "   least($3::float8, $2::float8 * 2 ^ greatest(attempts - 1, 0))),"
    "  last_error = $4, last_status = nullif($5::int, 0)"
    " WHERE id = $1::bigint");

static unsigned char *
unhex(struct pool *p, const char *hex, size_t *n)
{
	unsigned char	*b;
	size_t		 i, len = strlen(hex) / 2;

	if ((b = pool_alloc(p, len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		char	two[3] = { hex[2 * i], hex[2 * i + 1], '\0' };

		b[i] = (unsigned char)strtoul(two, NULL, 16);
	}
	*n = len;
	return b;
}

/* One claimed batch; the number of rows claimed, -1 if the database failed. */
int
hooks_batch(struct pool *p, const struct notify_conf *cf)
{
	PGresult	*res;
	const char	*v[5];
	unsigned char	*secret;
	size_t		 slen;
	long		 status;
	char		 err[160];
	enum gerr	 e;
	int		 i, rows;

	log_trace_set(NULL);	/* each row's own below */
	if ((res = notify_claim(p, cf, &q_claim)) == NULL)
		return -1;
	rows = PQntuples(res);
	for (i = 0; i < rows && !signal_term(); i++) {
		sdnotify_alive();	/* each POST may wait webhooks.timeout */
		v[0] = PQgetvalue(res, i, 0);
		/* the request that queued it: in our log and the POST's header */
		log_trace_set(PQgetisnull(res, i, 6) ? NULL :
		    PQgetvalue(res, i, 6));
		if (PQgetisnull(res, i, 4)) {
			v[1] = "webhook removed";
			v[2] = "0";
			db_query(p, &q_drop, 3, v);
			continue;
		}
		if ((secret = unhex(p, PQgetvalue(res, i, 5), &slen)) == NULL)
			return -1;
		e = webhook_post(PQgetvalue(res, i, 4), secret, slen, v[0],
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 1), &status, err,
		    sizeof(err));
		v[1] = pool_printf(p, "%ld", status);
		if (e == GERR_OK) {
			if (db_query(p, &q_done, 2, v) == NULL)
				return -1;
			continue;
		}
		if (e == GERR_INPUT ||
		    atoll(PQgetvalue(res, i, 3)) >= cf->attempts_max) {
			v[1] = err;
			v[2] = pool_printf(p, "%ld", status);
			db_query(p, &q_drop, 3, v);
			continue;
		}
		v[1] = pool_printf(p, "%lld", cf->backoff_min);
		v[2] = pool_printf(p, "%lld", cf->backoff_max);
		v[3] = err;
		v[4] = pool_printf(p, "%ld", status);
		if (db_query(p, &q_retry, 5, v) == NULL)
			return -1;
	}
	log_trace_set(NULL);
	return rows;
}
