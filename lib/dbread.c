/*
 * Reads sent to a standby (lib/db.h): a second connection, to a standby
 * whose replay is at most a stated bound behind the primary, swapped in
 * for the statements of read-mostly pages (the inbox's searches and
 * figures, exports); the primary's connection when no standby is that
 * fresh.  The bound is measured by a heartbeat row the primary's time is
 * written to every second (sql/0055, db_heartbeat): a standby's copy is
 * as old as its replay, even when nothing else is written.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-int.h"
#include "log.h"

/*
 * After the read connection failed, or found the primary rather than a
 * standby, reads go to the primary this long before a standby is tried
 * again; a standby that does not answer the freshness check this fast
 * is taken for away.
 */
#define DB_READ_RETRY_MS	2000
#define DB_READ_CHECK_MS	1000

/* the connection not in use: the read one, or the primary's while reading */
static PGconn		*db_other_pg;
static unsigned		 db_other_gen = 1;
static int		 db_other_doomed;

static char		*db_read_conninfo;
static long		 db_read_max_lag_ms;
static struct timespec	 db_read_retry;	/* no standby tried before then */

static const char *const freshness_sql =
    "SELECT pg_is_in_recovery(),"
    " (SELECT (extract(epoch FROM now() - at) * 1000)::bigint"
    "  FROM replication_heartbeat)";

static void
db_read_drop(const char *why)
{
	struct timespec	*t = &db_read_retry;

	if (why != NULL)
		log_warnx("database: reads on the primary for now: %s", why);
	if (db_other_pg != NULL)
		PQfinish(db_other_pg);
	db_other_pg = NULL;
	db_other_gen++;
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += DB_READ_RETRY_MS / 1000;
	t->tv_nsec += (DB_READ_RETRY_MS % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* A connection to a standby, set up as the primary's and read-only. */
static int
db_read_connect(void)
{
	struct timespec	 now;
	PGresult	*res;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec < db_read_retry.tv_sec ||
	    (now.tv_sec == db_read_retry.tv_sec &&
	    now.tv_nsec < db_read_retry.tv_nsec))
		return -1;
	/* a standby; the primary's reads are the primary connection's */
	db_other_pg = db_connect_params(db_read_conninfo, "prefer-standby");
	db_other_gen++;
	db_other_doomed = 0;
	if (db_other_pg == NULL || PQstatus(db_other_pg) != CONNECTION_OK) {
		db_read_drop(db_other_pg != NULL ?
		    PQerrorMessage(db_other_pg) : "no standby answers");
		return -1;
	}
	if (db_session_setup(db_other_pg) != GERR_OK) {
		db_read_drop("its set-up failed");
		return -1;
	}
	/* whatever a page sends there, nothing is written through it */
	res = PQexec(db_other_pg, "SET default_transaction_read_only = on");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		PQclear(res);
		db_read_drop("it cannot be made read-only");
		return -1;
	}
	PQclear(res);
	return 0;
}

/*
 * The standby's freshness, within DB_READ_CHECK_MS: 1 when it is a
 * standby within the bound, 0 when it lags (the connection kept: it may
 * catch up), -1 when it is away or is not a standby (dropped).
 */
static int
db_read_fresh(void)
{
	struct pollfd	 pfd;
	PGresult	*res, *last = NULL;
	long		 lag;
	int		 ok;

	if (PQsendQueryParams(db_other_pg, freshness_sql, 0, NULL, NULL, NULL,
	    NULL, 0) != 1)
		goto away;
	pfd.fd = PQsocket(db_other_pg);
	pfd.events = POLLIN;
	while (PQisBusy(db_other_pg)) {
		pfd.revents = 0;
		if (poll(&pfd, 1, DB_READ_CHECK_MS) <= 0 ||
		    PQconsumeInput(db_other_pg) != 1)
			goto away;
	}
	while ((res = PQgetResult(db_other_pg)) != NULL) {
		PQclear(last);
		last = res;
	}
	if (PQresultStatus(last) != PGRES_TUPLES_OK || PQntuples(last) != 1) {
		log_warnx("database: the standby's heartbeat: %s",
		    PQresultErrorMessage(last));
		PQclear(last);
		goto away;
	}
	if (strcmp(PQgetvalue(last, 0, 0), "t") != 0) {
		PQclear(last);
		db_read_drop("the read connection is on the primary");
		return -1;
	}
	lag = PQgetisnull(last, 0, 1) ? -1 : atol(PQgetvalue(last, 0, 1));
	ok = lag >= 0 && lag <= db_read_max_lag_ms;
	PQclear(last);
	return ok;
away:
	db_read_drop("the standby does not answer");
	return -1;
}

/* Whichever connection is not in use takes the other's place. */
static void
db_swap(void)
{
	PGconn		*pg = db_pg;
	unsigned	 gen = db_gen;
	int		 doomed = db_doomed;

	db_pg = db_other_pg;
	db_gen = db_other_gen;
	db_doomed = db_other_doomed;
	db_other_pg = pg;
	db_other_gen = gen;
	db_other_doomed = doomed;
	db_role = db_role == DB_PRIMARY ? DB_READ : DB_PRIMARY;
}

enum gerr
db_read_open(const char *conninfo, long max_lag_ms)
{
	db_read_close();
	if (conninfo == NULL || *conninfo == '\0')
		return GERR_OK;
	if ((db_read_conninfo = strdup(conninfo)) == NULL)
		return GERR_NOMEM;
	db_read_max_lag_ms = max_lag_ms;
	return GERR_OK;
}

int
db_read_begin(void)
{
	if (db_read_conninfo == NULL || db_role != DB_PRIMARY || db_in_txn ||
	    db_streaming)
		return 0;
	if (db_other_pg != NULL && (db_other_doomed ||
	    PQstatus(db_other_pg) != CONNECTION_OK))
		db_read_drop("the standby's connection was lost");
	if (db_other_pg == NULL && db_read_connect() == -1)
		return 0;
	if (db_read_fresh() != 1)
		return 0;
	db_swap();
	return 1;
}

void
db_read_end(void)
{
	if (db_role != DB_READ)
		return;
	if (db_in_txn) {
		log_warnx("database: a transaction on the standby was left "
		    "open, rolled back");
		db_in_txn = 0;
		if (db_pg != NULL && !db_doomed)
			PQclear(PQexec(db_pg, "ROLLBACK"));
	}
	db_swap();
}

void
db_read_close(void)
{
	db_read_end();
	if (db_other_pg != NULL)
		PQfinish(db_other_pg);
	db_other_pg = NULL;
	db_other_gen++;
	free(db_read_conninfo);
	db_read_conninfo = NULL;
	memset(&db_read_retry, 0, sizeof(db_read_retry));
}

/*
 * The primary's time in the heartbeat row, once a second whoever calls
 * (every guichet-notify calls at each pass): two hosts calling within
 * the second write it once.
 */
enum gerr
db_heartbeat(struct pool *p)
{
	static struct dbq	q_beat = DBQ(
	    "UPDATE replication_heartbeat SET at = clock_timestamp()"
	    " WHERE at < clock_timestamp() - interval '900 milliseconds'");

	return db_query(p, &q_beat, 0, NULL) != NULL ? GERR_OK :
	    db_last_error();
}
