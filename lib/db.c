/*
 * The process's database connection (lib/db.h): opened (on whichever of
 * the listed nodes takes writes), given up after a failover's errors and
 * made again with backoff, and closed; the notifications it listens to;
 * the scope of the rows a request may see, set in each statement's
 * transaction (row-level security); and transactions, begun and ended in
 * one place.  Statements are lib/dbq.c, text from declared pieces
 * lib/dbsql.c, rows one at a time lib/dbstream.c.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-int.h"
#include "log.h"
#include "metrics.h"

/* shared by the layer's files (lib/db-int.h) */
PGconn			*db_pg;
unsigned		 db_gen = 1;	/* bumped at every (re)connection */
enum gerr		 db_err;	/* the last statement's */
int			 db_in_txn;	/* within db_begin .. db_commit */
int			 db_streaming;	/* within db_stream's rows */
enum db_role		 db_role;	/* DB_READ: swapped in, lib/dbread.c */

int			 db_doomed;	/* given up: never to serve again */
unsigned		 db_drops;	/* connections given up so far */

static char		*db_conninfo;
static const char	*db_channel;	/* LISTENed to on every connection */
static void		(*db_notified)(void);
static char		*db_timezone;	/* set on every connection */
/* who the request's rows are for, and [SCOPE_TRACE] its traceparent */
#define SCOPE_TRACE	4
static const char	*db_scope[5];
static int		 db_txn_scoped;	/* the open transaction holds it */
static int		 db_heard;	/* the listener is to be told */
static unsigned		 db_scope_gen[2];	/* connection q_scope is prepared on */
static int		 db_need_rls;	/* refuse a role that bypasses it */
static long		 db_backoff_ms;	/* after a failed connection, or 0 */
static struct timespec	 db_next_try;	/* no attempt before then */

/* Between two attempts to connect after a failure: doubling, capped. */
#define DB_BACKOFF_MIN_MS	50
#define DB_BACKOFF_MAX_MS	500

/*
 * What the layer adds to a connection string that does not say: a
 * connection that takes writes (with several hosts, all are tried at once
 * and the primary kept, lib/dbhosts.c; with one, a standby is refused
 * rather than served from; the read connection's: a standby), an attempt that gives up on a host that does not answer
 * (a network cut drops packets: without it a connect waits minutes), and
 * TCP keepalives and a user timeout so that a statement sent to a host
 * cut off fails in seconds instead of hanging.  Unix sockets ignore the
 * TCP ones.
 */
static const char *const db_defaults[][2] = {
	{ "target_session_attrs",	NULL },	/* the caller's */
	{ "connect_timeout",		"2" },
	{ "keepalives",			"1" },
	{ "keepalives_idle",		"3" },
	{ "keepalives_interval",	"1" },
	{ "keepalives_count",		"2" },
	{ "tcp_user_timeout",		"4000" },
};

static void
db_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;	/* NOTICEs are for psql users, not our logs */
}

/*
 * A connection made from the string with the defaults it lacks (db_defaults,
 * target_session_attrs the caller's: read-write, or the read connection's
 * prefer-standby), as libpq's keyword and value arrays; NULL if the string does not parse
 * (libpq's message logged, which never holds a password).  Several
 * hosts are tried at once (lib/dbhosts.c).
 */
PGconn *
db_connect_params(const char *conninfo, const char *target)
{
	PQconninfoOption	*opts, *o;
	const char		*kw[64], *val[64];
	char			*err = NULL;
	PGconn			*c;
	size_t			 n = 0, i;

	if ((opts = PQconninfoParse(conninfo, &err)) == NULL) {
		log_warnx("database connection string: %s",
		    err != NULL ? err : "out of memory");
		PQfreemem(err);
		return NULL;
	}
	for (i = 0; i < nitems(db_defaults); i++) {
		for (o = opts; o->keyword != NULL; o++)
			if (strcmp(o->keyword, db_defaults[i][0]) == 0)
				break;
		if (o->keyword == NULL || o->val == NULL) {
			kw[n] = db_defaults[i][0];
			val[n++] = db_defaults[i][1] != NULL ?
			    db_defaults[i][1] : target;
		}
	}
	for (o = opts; o->keyword != NULL && n < nitems(kw) - 1; o++)
		if (o->val != NULL) {
			kw[n] = o->keyword;
			val[n++] = o->val;
		}
	kw[n] = val[n] = NULL;
	c = db_connect_hosts(kw, val);
	PQconninfoFree(opts);
	return c;
}

/*
 * What every connection of the process is set up with, the read one too
 * (lib/dbread.c): ISO dates whatever the server's default (the programs
 * read "YYYY-MM-DD HH:MM" off timestamps' text), the time zone, and for
 * the citizens' programs the proof that the role is subject to row-level
 * security.  GERR_DB when the connection must not serve.
 */
enum gerr
db_session_setup(PGconn *c)
{
	const char	*p[1] = { db_timezone != NULL ? db_timezone : "" };
	PGresult	*res;
	enum gerr	 e = GERR_OK;

	PQsetNoticeProcessor(c, db_notice, NULL);
	res = PQexecParams(c, "SELECT set_config('DateStyle', 'ISO', false),"
	    " CASE WHEN $1 <> '' THEN set_config('TimeZone', $1, false) END,"
	    " row_security_active('dossiers')", 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		log_warnx("database: date style, time zone: %s",
		    PQerrorMessage(c));
	/*
	 * The citizens' programs find only the dossiers the policies let
	 * them see (lib/dossier.c): a role that bypasses them would see
	 * everyone's.  Fail closed.
	 */
	if (db_need_rls && (PQresultStatus(res) != PGRES_TUPLES_OK ||
	    strcmp(PQgetvalue(res, 0, 2), "t") != 0)) {
		log_warnx("database: the connection's role is not subject to "
		    "row-level security: not serving");
		e = GERR_DB;
	}
	PQclear(res);
	return e;
}

static enum gerr
db_connect(void)
{
	if (db_pg != NULL)
		PQfinish(db_pg);
	db_pg = db_connect_params(db_conninfo, "read-write");
	db_gen++;
	db_doomed = 0;
	db_in_txn = 0;
	db_txn_scoped = 0;
	if (db_pg == NULL) {
		/* the string did not parse, or no host would do (logged) */
		metrics_count(MEV_DB_CONNECT_FAILED, NULL, NULL);
		return GERR_DB;
	}
	if (PQstatus(db_pg) != CONNECTION_OK) {
		log_warnx("database connection: %s", PQerrorMessage(db_pg));
		metrics_count(MEV_DB_CONNECT_FAILED, NULL, NULL);
		return GERR_DB;
	}
	if (db_session_setup(db_pg) != GERR_OK) {
		PQfinish(db_pg);
		db_pg = NULL;
		return GERR_DB;
	}
	if (db_channel != NULL) {
		char		 sql[80];
		PGresult	*res;

		snprintf(sql, sizeof(sql), "LISTEN %s", db_channel);
		res = PQexec(db_pg, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			log_warnx("database: %s", PQerrorMessage(db_pg));
		PQclear(res);
		/* whatever was said while we were away is unknown */
		db_heard = 1;
	}
	return GERR_OK;
}

/*
 * The listener is told what was heard (or that a new connection may have
 * missed something) at the start of a request only, never in the middle
 * of one: what it drops (cached sessions) may be in use.
 */
static void
db_hand_on(void)
{
	if (db_heard && db_notified != NULL) {
		db_heard = 0;
		db_notified();
	}
}

/*
 * Listens to a channel on this and every later connection; fn runs at the
 * start of a request after notifications came, and after a reconnection.
 * The channel is a constant of ours, never user input.
 */
void
db_listen(const char *channel, void (*fn)(void))
{
	db_channel = channel;
	db_notified = fn;
}

/*
 * The time zone dates are shown in (to_char, ::date), on this and every
 * later connection.  Stored times are timestamptz, whatever it is.
 */
void
db_timezone_set(const char *tz)
{
	free(db_timezone);
	db_timezone = tz != NULL ? strdup(tz) : NULL;
}

/* The programs for citizens: only under row-level security (above). */
void
db_require_rls(void)
{
	db_need_rls = 1;
}

enum gerr
db_open(const char *conninfo)
{
	free(db_conninfo);
	if ((db_conninfo = strdup(conninfo)) == NULL)
		return GERR_NOMEM;
	if (db_connect() != GERR_OK)
		return GERR_DB;
	db_hand_on();
	return GERR_OK;
}

/*
 * With GUICHET_PLAN_REPORT set, a worker logs at its end the statements
 * PostgreSQL planned again at most executions instead of keeping their
 * generic plan: planning costs more than running most of ours
 * (docs/benchmarks.md).
 */
static void
db_plan_report(void)
{
	PGresult	*res;
	int		 i;

	if (getenv("GUICHET_PLAN_REPORT") == NULL || db_pg == NULL ||
	    PQstatus(db_pg) != CONNECTION_OK)
		return;
	res = PQexec(db_pg, "SELECT name, generic_plans, custom_plans,"
	    " left(regexp_replace(statement, '\\s+', ' ', 'g'), 160)"
	    " FROM pg_prepared_statements WHERE custom_plans > generic_plans"
	    " AND custom_plans > 10 ORDER BY custom_plans DESC");
	for (i = 0; PQresultStatus(res) == PGRES_TUPLES_OK &&
	    i < PQntuples(res); i++)
		log_warnx("planned at each execution: %s (%s generic, %s "
		    "custom): %s", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 3));
	PQclear(res);
}

void
db_close(void)
{
	db_plan_report();
	db_read_close();
	db_cache_clear();
	if (db_pg != NULL)
		PQfinish(db_pg);
	db_pg = NULL;
	db_gen++;
	db_doomed = 0;
	db_backoff_ms = 0;
	free(db_conninfo);
	db_conninfo = NULL;
	free(db_timezone);
	db_timezone = NULL;
}

/*
 * The connection is given up on (a failover's error, lib/dbq.c): no
 * statement is sent on it again, and the next db_ensure makes another,
 * on whichever node takes writes by then.
 */
void
db_doom(const char *why)
{
	if (db_doomed || db_pg == NULL)
		return;
	log_warnx("database: %s: the connection is given up", why);
	db_doomed = 1;
	db_drops++;
}

unsigned
db_drop_count(void)
{
	return db_drops;
}

static long
ms_until(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (t->tv_sec - now.tv_sec) * 1000 +
	    (t->tv_nsec - now.tv_nsec) / 1000000;
}

/* *t: ms milliseconds from now. */
static void
ms_from_now(struct timespec *t, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/*
 * A new connection, unless the last attempt failed less than the backoff
 * ago: during an outage, requests answer 503 at once instead of each
 * spending a connection timeout, and the nodes are not hammered.
 */
static enum gerr
db_reconnect(void)
{
	if (db_backoff_ms > 0 && ms_until(&db_next_try) > 0)
		return GERR_DB;
	if (db_connect() == GERR_OK) {
		db_backoff_ms = 0;
		return GERR_OK;
	}
	db_backoff_ms = db_backoff_ms == 0 ? DB_BACKOFF_MIN_MS :
	    db_backoff_ms * 2 > DB_BACKOFF_MAX_MS ? DB_BACKOFF_MAX_MS :
	    db_backoff_ms * 2;
	ms_from_now(&db_next_try, db_backoff_ms);
	return GERR_DB;
}

/*
 * Whether the node the connection is on still takes writes.  PostgreSQL
 * (14 and later) reports both settings whenever they change, so this
 * costs no round trip: a node promoted away from, or made read-only by
 * its manager, is left before a statement fails on it.
 */
static int
db_node_writable(void)
{
	const char	*hot = PQparameterStatus(db_pg, "in_hot_standby");
	const char	*ro = PQparameterStatus(db_pg,
			    "default_transaction_read_only");

	return (hot == NULL || strcmp(hot, "on") != 0) &&
	    (ro == NULL || strcmp(ro, "on") != 0);
}

/*
 * The connection, made again if it was lost or given up.  Between
 * requests the server only speaks to bring notifications of the channel
 * we listen to, to report a setting that changed, or to say it is going
 * away (a FATAL "terminating connection" before closing): one poll(2)
 * tells, the notifications are taken, and a lost connection is noticed
 * before any query fails.
 */
static enum gerr
db_connected(void)
{
	struct pollfd	 pfd;
	PGnotify	*n;
	int		 heard = 0;

	if (db_conninfo == NULL)
		return GERR_DB;
	if (db_pg != NULL && !db_doomed && PQstatus(db_pg) == CONNECTION_OK) {
		pfd.fd = PQsocket(db_pg);
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) == 0 && db_node_writable())
			return GERR_OK;
		if (PQconsumeInput(db_pg) == 1 &&
		    PQstatus(db_pg) == CONNECTION_OK) {
			while ((n = PQnotifies(db_pg)) != NULL) {
				heard = 1;
				PQfreemem(n);
			}
			/* anything else than notifications: it is leaving */
			pfd.revents = 0;
			if (heard && poll(&pfd, 1, 0) == 0 &&
			    db_node_writable()) {
				db_heard = db_channel != NULL;
				return GERR_OK;
			}
		}
		if (!db_node_writable())
			db_doom("the node no longer takes writes");
		else
			log_warnx("database connection closed by the server, "
			    "reconnecting");
		metrics_count(MEV_DB_RECONNECT, NULL, NULL);
	}
	return db_reconnect();
}

/*
 * At the start of each request: the connection (db_connected), a
 * transaction the last request left open rolled back, and what was heard
 * handed on.
 */
enum gerr
db_ensure(void)
{
	if (db_conninfo == NULL)
		return GERR_DB;
	if (db_role != DB_PRIMARY) {
		/* a page that began reads and did not end them: our bug */
		log_warnx("database: reads were left on the read connection");
		db_read_end();
	}
	if (db_in_txn) {
		/* whoever began it returned without ending it: our bug */
		log_warnx("database: a transaction was left open, rolled back");
		db_in_txn = 0;
		db_txn_scoped = 0;
		if (db_pg != NULL && !db_doomed)
			PQclear(PQexec(db_pg, "ROLLBACK"));
	}
	if (db_connected() != GERR_OK)
		return GERR_DB;
	db_hand_on();
	return GERR_OK;
}

/*
 * A connection, waiting for one within budget_ms: for a request that
 * meets a failover and waits for the new primary rather than answering
 * 503 at once.  It may be in the middle of the request: nothing is
 * handed on to the listener (db_hand_on) until the next db_ensure.
 * GERR_DB when the budget is spent.
 */
enum gerr
db_wait(long budget_ms)
{
	struct timespec	end, pause;
	long		left, step;

	ms_from_now(&end, budget_ms);
	for (;;) {
		if (db_connected() == GERR_OK)
			return GERR_OK;
		if ((left = ms_until(&end)) <= 0)
			return GERR_DB;
		step = ms_until(&db_next_try);
		if (step <= 0)
			step = DB_BACKOFF_MIN_MS;
		if (step > left)
			step = left;
		pause.tv_sec = step / 1000;
		pause.tv_nsec = (step % 1000) * 1000000;
		nanosleep(&pause, NULL);
	}
}

PGconn *
db_conn(void)
{
	return db_pg;
}

/*
 * Row-level security (sql/0021) reads who the rows are for from four
 * settings: "guichet.scope", ".person", ".org" and ".procs" (the
 * procedures the organisation's user may act on).  A program serving
 * citizens names the request's scope at its start (db_scope_set, from the
 * session; no one's before the session is known).  The settings are
 * local to a transaction (set_config(..., true)): nothing of a request's
 * scope stays on the connection once its transaction ends, so a
 * connection made again after a failover, or one a pooler hands to
 * another process, holds no one's rows.  A statement outside a
 * transaction is sent with the scope in one round trip and one implicit
 * transaction (a pipeline ending in one Sync, below); a transaction sets
 * it after its BEGIN, again if the scope changes within it.  A program
 * that never names a scope sends nothing more, and sees no personal rows
 * at all unless it connects as the staff role.
 */
static const char *const scope_sql =
    "SELECT set_config('guichet.scope', coalesce($1, ''), true),"
    " set_config('guichet.person', coalesce($2, ''), true),"
    " set_config('guichet.org', coalesce($3, ''), true),"
    " set_config('guichet.procs', coalesce($4, ''), true),"
    " set_config('guichet.trace', coalesce($5, ''), true)";

/*
 * The request's W3C traceparent rides with the scope as "guichet.trace",
 * which sql/0051's columns take as their default: a mail or a webhook
 * queued by the request, by a trigger too, carries it.  Only a POST names
 * one (what queues is a POST), so a GET of a program that names no scope
 * sends nothing more.
 */
void
db_trace_set(const char *trace)
{
	db_scope[SCOPE_TRACE] = trace;
	db_txn_scoped = 0;
}

void
db_scope_set(const char *scope, const char *person, const char *org,
    const char *procs)
{
	db_scope[0] = scope;
	db_scope[1] = person;
	db_scope[2] = org;
	db_scope[3] = procs;
	db_txn_scoped = 0;
}

/*
 * Whether a statement sent now runs under the request's scope with
 * nothing more: none is named, or the open transaction has set it.
 */
int
db_scope_held(void)
{
	size_t	i;

	if (db_in_txn && db_txn_scoped)
		return 1;
	for (i = 0; i < nitems(db_scope); i++)
		if (db_scope[i] != NULL)
			return 0;
	return 1;
}

/*
 * The scope and the statement in one round trip and one transaction:
 * the prepared statement name, or the text sql when name is NULL.
 */
PGresult *
db_query_scoped(struct pool *p, const char *name, const char *sql, int n,
    const char *const *params)
{
	PGresult	*res, *mine = NULL, *scope = NULL;
	int		 i, ok;

	if (db_prepare(p, "scope", scope_sql, 5, &db_scope_gen[db_role]) == -1)
		return NULL;
	if (PQenterPipelineMode(db_pg) != 1) {
		db_err = GERR_DB;
		return NULL;
	}
	ok = PQsendQueryPrepared(db_pg, "scope", 5, db_scope, NULL, NULL, 0) &&
	    (name != NULL ?
	    PQsendQueryPrepared(db_pg, name, n, params, NULL, NULL, 0) :
	    PQsendQueryParams(db_pg, sql, n, NULL, params, NULL, NULL, 0)) &&
	    PQpipelineSync(db_pg);
	/* two results, each followed by NULL, then the Sync's */
	for (i = 0; ok && i < 2; i++) {
		if ((res = PQgetResult(db_pg)) == NULL) {
			ok = 0;
			break;
		}
		if (i == 0)
			scope = res;
		else
			mine = res;
		while ((res = PQgetResult(db_pg)) != NULL)
			PQclear(res);
	}
	while (ok && (res = PQgetResult(db_pg)) != NULL) {
		ExecStatusType st = PQresultStatus(res);

		PQclear(res);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	(void)PQexitPipelineMode(db_pg);
	/*
	 * After a stream stopped half-way (lib/dbstream.c), libpq keeps its
	 * single-row mode for the first statement of the next pipeline: the
	 * scope's row then comes as a single tuple, which is as good.
	 */
	if (scope != NULL && PQresultStatus(scope) != PGRES_TUPLES_OK &&
	    PQresultStatus(scope) != PGRES_SINGLE_TUPLE) {
		PQclear(mine);
		return db_result(p, scope, "scope");
	}
	PQclear(scope);
	if (!ok || mine == NULL) {
		PQclear(mine);
		return db_result(p, NULL, name != NULL ? name : "query");
	}
	return db_result(p, mine, name != NULL ? name : "query");
}

/*
 * The scope set by a statement of its own in the open transaction, for
 * what is not sent through db_query_scoped.
 */
int
db_scope_apply(struct pool *p)
{
	if (db_scope_held())
		return 0;
	if (db_exec_raw(p, scope_sql, 5, db_scope) == NULL)
		return -1;
	db_txn_scoped = db_in_txn;
	return 0;
}

/* A transaction, under the request's scope. */
enum gerr
db_begin(struct pool *p)
{
	if (db_exec_raw(p, "BEGIN", 0, NULL) == NULL)
		return db_err;
	db_in_txn = 1;
	db_txn_scoped = 0;
	if (db_scope_apply(p) == -1) {
		db_rollback(p);
		return db_err;
	}
	return GERR_OK;
}

/*
 * A transaction in which a statement failed ends in a ROLLBACK whatever
 * is sent: a COMMIT that rolled back is a failure, not a success.
 */
enum gerr
db_commit(struct pool *p)
{
	PGresult	*res;
	int		 committed;

	db_in_txn = 0;
	db_txn_scoped = 0;
	res = db_exec_raw(p, "COMMIT", 0, NULL);
	committed = res != NULL && strcmp(PQcmdStatus(res), "COMMIT") == 0;
	if (res != NULL && !committed) {
		log_warnx("commit: the transaction had failed, rolled back");
		return db_err = GERR_SYSTEM;
	}
	return res != NULL ? GERR_OK : db_err;
}

void
db_rollback(struct pool *p)
{
	db_in_txn = 0;
	db_txn_scoped = 0;
	/* a lost connection has nothing to roll back */
	if (db_pg != NULL && !db_doomed && PQstatus(db_pg) == CONNECTION_OK &&
	    PQtransactionStatus(db_pg) != PQTRANS_IDLE)
		(void)db_exec_raw(p, "ROLLBACK", 0, NULL);
}

enum gerr
db_transaction(struct pool *p, db_txn_fn fn, void *arg)
{
	enum gerr	e;

	if ((e = db_begin(p)) != GERR_OK)
		return e;
	if ((e = fn(p, arg)) != GERR_OK) {
		db_rollback(p);
		return e;
	}
	return db_commit(p);
}
