/*
 * guichet-notify: sends the notification outbox as emails, the
 * departments' webhook deliveries (hooks.c), issues the certificates
 * that waited for the register (certs.c, docs/certificates.md), reads
 * the open payments again (payments.c), sends refunds left pending and
 * reconciles the payment provider's days with ours (reconcile.c,
 * docs/payments.md), and once a day applies the decision deadlines
 * whose silence decides (deadlines.c, docs/deadlines.md).
 *
 * Every change a user must hear of (a submission, a status, a message, a
 * document) writes a row in notification_outbox in the transaction that
 * makes the change.  This worker claims due rows by moving their
 * next_attempt_at a lease ahead (FOR UPDATE SKIP LOCKED, so any number of
 * workers share the queue and never take the same row), sends each one
 * through SMTP on a connection it keeps, and marks it sent at once.  A
 * row whose sending failed comes back after a backoff; a worker that dies
 * leaves its unsent rows to come back when the lease ends.  The only
 * window for a second copy is between the server's "250" and the mark
 * reaching the database; the Message-ID is the row's, so even that copy
 * is recognisable as the same message.
 *
 * Emails carry the dossier's reference and a link, nothing else of the
 * dossier: the user reads the rest after logging in.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "calendar.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "when.h"
#include "pool.h"
#include "sdnotify.h"
#include "tmpl.h"

static struct notify_conf cf;

PGresult *
notify_claim(struct pool *p, const struct notify_conf *c, struct dbq *q)
{
	const char	*v[3];

	v[0] = pool_printf(p, "%lld", c->batch);
	v[1] = pool_printf(p, "%lld", c->lease);
	v[2] = c->me;
	return db_query(p, q, 3, v);
}

/*
 * Due rows, oldest first, made invisible to others for the lease.  The
 * address, the language and whether the person wants this kind are read
 * now, not when the row was written: a person who confirms an address
 * later receives what comes after.  A row of no one (a system's) keeps
 * the address it was written with.
 */
static struct dbq q_claim = DBQ(
    "UPDATE notification_outbox o"
    " SET next_attempt_at = now() + make_interval(secs => $2),"
    "  attempts = o.attempts + 1, claimed_by = $3"
    " FROM (SELECT n.id, p.lang, p.lang_chosen, p.notify_kinds"
    "  FROM notification_outbox n LEFT JOIN persons p ON p.id = n.person_id"
    "  WHERE n.sent_at IS NULL AND n.dropped_at IS NULL"
    "   AND n.next_attempt_at <= now()"
    "  ORDER BY n.next_attempt_at, n.id LIMIT $1"
    "  FOR UPDATE OF n SKIP LOCKED) c"
    " WHERE o.id = c.id"
    " RETURNING o.id, o.kind,"
    "  CASE WHEN c.lang_chosen THEN c.lang ELSE o.lang END,"
    "  CASE WHEN o.person_id IS NULL THEN o.email"
    "   ELSE notify_address(o.person_id, coalesce(o.organisation_id,"
    "    (SELECT d.acting_org_id FROM dossiers d"
    "     WHERE d.id = o.dossier_id))) END,"
    "  o.payload->>'reference', o.payload->>'status', o.attempts,"
    "  c.notify_kinds::text, o.payload->>'org', o.payload->>'org_name',"
    "  o.trace, o.document_id, o.payload::text");

/*
 * With the address it went to: the one of that moment; a certificate
 * sent by email (the document attached) is marked sent on its request.
 */
static struct dbq q_sent = DBQ(
    "WITH o AS (UPDATE notification_outbox SET sent_at = now(),"
    "  last_error = NULL, email = $2 WHERE id = $1 RETURNING document_id)"
    " UPDATE certificate_requests r SET emailed_at = now() FROM o"
    " WHERE r.document_id = o.document_id AND r.delivery = 'email'");
/* A document to attach: not one revoked since. */
static struct dbq q_attachment = DBQ(
    "SELECT filename, content FROM documents"
    " WHERE id = $1::bigint AND revoked_at IS NULL");

static struct dbq q_dropped = DBQ(
    "UPDATE notification_outbox SET dropped_at = now(), last_error = $2"
    " WHERE id = $1");

/* One failed row, or the rest of a batch when the server is away. */
static struct dbq q_retry = DBQ(
    "UPDATE notification_outbox"
    " SET next_attempt_at = now() + make_interval(secs =>"
    "   least($3::float8, $2::float8 * 2 ^ greatest(attempts - 1, 0))),"
    "  last_error = $4"
    " WHERE id = ANY($1::bigint[]) AND sent_at IS NULL");

/* Sleeps, but a signal ends the pause at once. */
static void
pause_ms(long long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	if (!signal_term())
		nanosleep(&ts, NULL);
}

static int
is_ok(PGresult *res)
{
	return res != NULL;
}

static void
retry(struct pool *p, const char *ids, const char *why)
{
	const char	*v[4];

	v[0] = ids;
	v[1] = pool_printf(p, "%lld", cf.backoff_min);
	v[2] = pool_printf(p, "%lld", cf.backoff_max);
	v[3] = why;
	if (!is_ok(db_query(p, &q_retry, 4, v)))
		log_warnx("notify: could not schedule a retry");
}

/*
 * Why a claimed row cannot go, kept in last_error and shown on the
 * dossier's page; NULL when it is composed and can be sent.
 */
static const char *
notice_unsendable(struct pool *p, struct notice *n, const char *prefs,
    const char *payload)
{
	if (!notice_wanted(n->kind, prefs))
		return "not wanted";
	if (n->to == NULL)
		return "no address";
	/* an appointment's: its text and its iCalendar part */
	if (strncmp(n->kind, "appointment_", 12) == 0)
		return appt_compose(p, n, payload) != GERR_OK ?
		    "cannot compose" : NULL;
	if (notice_compose(p, n) != GERR_OK)
		return "cannot compose";
	return NULL;
}

/*
 * The row's document, to attach, into a; NULL when it has none, else why
 * it cannot go (revoked or gone since: the mail is dropped, not sent).
 */
static const char *
attachment(struct pool *p, const char *doc, struct mail_attachment *a)
{
	const char	*v[1] = { doc };
	unsigned char	*bytes;
	PGresult	*res;
	size_t		 n;

	if ((res = db_query(p, &q_attachment, 1, v)) == NULL)
		return "database";
	if (PQntuples(res) != 1)
		return "document revoked";
	if ((bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0,
	    1), &n)) == NULL || pool_defer(p, PQfreemem, bytes) == -1)
		return "no memory";
	a->filename = db_value(res, 0, 0);
	a->ctype = "application/pdf";
	a->data = bytes;
	a->len = n;
	return NULL;
}

/* The ids of rows from..rows-1 of a claim, as a PostgreSQL array. */
static const char *
ids_from(struct pool *p, PGresult *res, int from, int rows)
{
	struct buf	 b;
	int		 j;

	buf_init(&b, p);
	buf_putc(&b, '{');
	for (j = from; j < rows; j++)
		buf_printf(&b, "%s%s", j > from ? "," : "",
		    db_value(res, j, 0));
	buf_putc(&b, '}');
	return buf_cstr(&b);
}

/*
 * Sends one claimed batch.  Returns the number of rows claimed, or -1
 * when the database failed.
 */
static int
notify_batch(struct pool *p, struct mailer *m)
{
	PGresult	*res;
	const char	*v[3];
	struct notice		 n;
	struct mail_attachment	 att;
	enum gerr		 e;
	char			 err[160];
	int		 i, rows;

	log_trace_set(NULL);	/* each row's own below */
	v[0] = pool_printf(p, "%lld", cf.batch);
	v[1] = pool_printf(p, "%lld", cf.lease);
	v[2] = cf.me;
	if ((res = db_query(p, &q_claim, 3, v)) == NULL)
		return -1;
	rows = PQntuples(res);
	for (i = 0; i < rows && !signal_term(); i++) {
		sdnotify_alive();	/* each message may wait smtp.timeout */
		memset(&n, 0, sizeof(n));
		n.id = db_value(res, i, 0);
		n.kind = db_value(res, i, 1);
		if (!lang_parse(db_value(res, i, 2), &n.lang))
			n.lang = LANG_FR;
		n.to = PQgetisnull(res, i, 3) ? NULL : db_value(res, i, 3);
		n.reference = PQgetisnull(res, i, 4) ? NULL :
		    db_value(res, i, 4);
		n.status = PQgetisnull(res, i, 5) ? NULL : db_value(res, i, 5);
		n.org = PQgetisnull(res, i, 8) ? NULL : db_value(res, i, 8);
		n.org_name = PQgetisnull(res, i, 9) ? NULL :
		    db_value(res, i, 9);
		n.site = cf.site;
		/* the request that queued it: in our log and the mail's header */
		log_trace_set(PQgetisnull(res, i, 10) ? NULL :
		    db_value(res, i, 10));
		v[0] = n.id;
		if ((v[1] = notice_unsendable(p, &n, PQgetisnull(res, i, 7) ?
		    NULL : db_value(res, i, 7), db_value(res, i, 12))) != NULL ||
		    (!PQgetisnull(res, i, 11) && (v[1] = attachment(p,
		    db_value(res, i, 11), &att)) != NULL)) {
			db_query(p, &q_dropped, 2, v);
			continue;
		}
		e = mailer_send(m, p, n.to, n.subject, n.body, n.msgid,
		    PQgetisnull(res, i, 11) ? n.part : &att, err, sizeof(err));
		if (e == GERR_OK) {
			v[1] = n.to;
			if (!is_ok(db_query(p, &q_sent, 2, v)))
				return -1;
			continue;
		}
		if (e == GERR_INPUT || atoll(db_value(res, i, 6)) >=
		    cf.attempts_max) {
			/* refused for good: kept, with why, never retried */
			v[1] = err;
			db_query(p, &q_dropped, 2, v);
			continue;
		}
		if (e != GERR_UPSTREAM) {
			retry(p, pool_printf(p, "{%s}", n.id), err);
			continue;
		}
		/* The server is away: the rest of the batch waits too. */
		retry(p, ids_from(p, res, i, rows), err);
		log_warnx("notify: mail server unavailable (%s), %d "
		    "notification(s) wait", err, rows - i);
		return 0;
	}
	if (signal_term() && i < rows) {
		/* stopping: what was claimed and not sent is due again now */
		v[0] = ids_from(p, res, i, rows);
		db_exec_params(p, "UPDATE notification_outbox"
		    " SET next_attempt_at = now(), attempts = attempts - 1"
		    " WHERE id = ANY($1::bigint[]) AND sent_at IS NULL", 1, v);
	}
	log_trace_set(NULL);
	return rows;
}

/* --reconcile DAY: that day again, now (an accountant's question). */
static void
usage_day(void)
{
	fprintf(stderr, "guichet-notify: --reconcile takes a day, "
	    "YYYY-MM-DD\n");
}

static int
reconcile_day(struct pool *p, const char *day)
{
	int	 rc;

	if (strlen(day) != 10 || strspn(day, "0123456789-") != 10) {
		usage_day();
		return 2;
	}
	if (db_ensure() != GERR_OK)
		return 1;
	rc = reconcile_day_run(p, cf.me, day, 1);
	if (rc == 1)
		fprintf(stderr, "guichet-notify: %s is being reconciled by "
		    "another worker\n", day);
	return rc == 0 ? 0 : 1;
}

/* The worker's loop, until SIGTERM (or, with once, until nothing is due). */
static void
work(struct pool *p, struct mailer *m, int once)
{
	int	 n = 0, h;

	log_info("notify: started");
	(void)sdnotify("READY=1");
	while (!signal_term()) {
		sdnotify_alive();
		if (signal_hup_take())
			log_reopen();
		pool_reset(p);
		if (db_ensure() != GERR_OK) {
			pause_ms(1000);
			continue;
		}
		n = notify_batch(p, m);
		if (n >= 0) {
			pool_reset(p);
			h = hooks_batch(p, &cf);
			n = h < 0 ? h : (h > n ? h : n);
		}
		if (n >= 0) {
			pool_reset(p);
			h = certs_batch(p, &cf);
			n = h < 0 ? h : (h > n ? h : n);
		}
		if (n >= 0) {
			pool_reset(p);
			h = payments_batch(p, &cf);
			n = h < 0 ? h : (h > n ? h : n);
		}
		if (n >= 0) {
			pool_reset(p);
			h = reconcile_batch(p, &cf);
			n = h < 0 ? h : (h > n ? h : n);
		}
		if (n >= 0) {
			pool_reset(p);
			/* its closings wrote outbox rows: the next pass sends them */
			if ((h = deadlines_daily(p)) < 0)
				n = h;
			else if (h > 0 && n < 1)
				n = 1;
		}
		if (n >= 0) {
			/* reminders due become outbox rows, sent next round */
			pool_reset(p);
			h = appt_reminders(p);
			n = h < 0 ? h : (h > n ? h : n);
		}
		if (once && n <= 0)
			break;
		if (n < 0)
			pause_ms(1000);
		else if (n < cf.batch)
			pause_ms(cf.poll_ms);
	}
	(void)sdnotify("STOPPING=1");
	log_info("notify: stopping");
}

static void
usage(void)
{
	fprintf(stderr, "usage: guichet-notify [--conf FILE] [--log FILE] "
	    "[--once] [--deadlines YYYY-MM-DD] [--reconcile YYYY-MM-DD]\n");
}

int
main(int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "conf",	required_argument, NULL, 'c' },
		{ "log",	required_argument, NULL, 'L' },
		{ "once",	no_argument, NULL, '1' },
		{ "deadlines",	required_argument, NULL, 'D' },
		{ "reconcile",	required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*confpath = getenv("GUICHET_CONF"), *logpath = NULL;
	const char	*deadlines_day = NULL, *reconcile = NULL;
	long		 day;
	struct pool	*p;
	struct mailer	*m;
	int		 c, once = 0, n, rc = 0;

	while ((c = getopt_long(argc, argv, "c:L:1D:R:", opts, NULL)) != -1) {
		switch (c) {
		case 'c': confpath = optarg; break;
		case 'L': logpath = optarg; break;
		case '1': once = 1; break;
		case 'R': reconcile = optarg; break;
		case 'D':
			/* the daily job alone, as on that day (a catch-up, tests) */
			if (cal_parse(optarg, &day) == -1) {
				usage();
				return 2;
			}
			deadlines_day = optarg;
			break;
		default:
			usage();
			return 2;
		}
	}
	log_init("guichet-notify", logpath);
	if (confpath == NULL)
		confpath = "/etc/guichet/guichet.conf";
	/* the secret makes the key of a help-desk question's link */
	if (conf_load(confpath) != GERR_OK ||
	    tmpl_init(conf_str("templates.dir")) != GERR_OK ||
	    secret_load(conf_str("secret.file")) != GERR_OK)
		return 1;
	/* appointments' emails say their time as people read it */
	(void)when_zone(conf_str("display.timezone"));
	cf.batch = conf_int("notify.batch");
	cf.lease = conf_int("notify.lease_seconds");
	cf.poll_ms = conf_int("notify.poll_ms");
	cf.backoff_min = conf_int("notify.backoff_min");
	cf.backoff_max = conf_int("notify.backoff_max");
	cf.attempts_max = conf_int("notify.attempts_max");
	cf.site = conf_str("site.url");
	/* each in its range (lib/confkeys.c); this one relates two keys */
	if (cf.backoff_max < cf.backoff_min) {
		log_warnx("%s: notify.backoff_max is below notify.backoff_min",
		    confpath);
		return 1;
	}
	if (gethostname(cf.me, sizeof(cf.me) - 20) == -1)
		strcpy(cf.me, "localhost");
	cf.me[sizeof(cf.me) - 21] = '\0';
	snprintf(cf.me + strlen(cf.me), 21, ":%ld", (long)getpid());
	signals_install();
	if ((p = pool_new(64 << 10)) == NULL || (m = mailer_open()) == NULL)
		return 1;
	/* The connection is opened lazily and made again after a loss. */
	db_open(conf_str("db.staff_conninfo"));
	if (reconcile != NULL)
		rc = reconcile_day(p, reconcile);
	else if (deadlines_day != NULL) {
		n = db_ensure() == GERR_OK ? deadlines_run(p, deadlines_day) : -1;
		if (n >= 0)
			printf("%d closed\n", n);
		else
			rc = 1;
	} else
		work(p, m, once);
	mailer_close(m);
	pool_free(p);
	db_close();
	tmpl_free();
	conf_free();
	return rc;
}
