/*
 * The process's database connection (lib/db.h): opened, reconnected after
 * loss and closed; the notifications it listens to; the scope of the rows
 * a request may see, set before its statements (row-level security); and
 * transactions, begun and ended in one place.  Statements are lib/dbq.c,
 * text from declared pieces lib/dbsql.c, rows one at a time lib/dbstream.c.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static char		*db_conninfo;
static const char	*db_channel;	/* LISTENed to on every connection */
static void		(*db_notified)(void);
static char		*db_timezone;	/* set on every connection */
/* who the request's rows are for, and [SCOPE_TRACE] its traceparent */
#define SCOPE_TRACE	4
static const char	*db_scope[5];
static int		 db_scope_pending; /* set in the open transaction */
static char		*db_held[5];	/* the scope the connection holds */
static int		 db_held_known;
static unsigned		 db_held_gen;	/* on this connection */
static unsigned		 db_scope_gen;	/* connection q_scope is prepared on */
static int		 db_need_rls;	/* refuse a role that bypasses it */

static void
db_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;	/* NOTICEs are for psql users, not our logs */
}

static enum gerr
db_connect(void)
{
	if (db_pg != NULL)
		PQfinish(db_pg);
	db_pg = PQconnectdb(db_conninfo);
	db_gen++;
	if (PQstatus(db_pg) != CONNECTION_OK) {
		log_warnx("database connection: %s", PQerrorMessage(db_pg));
		metrics_count(MEV_DB_CONNECT_FAILED, NULL, NULL);
		return GERR_DB;
	}
	PQsetNoticeProcessor(db_pg, db_notice, NULL);
	{
		/* ISO dates whatever the server's default: the programs read
		 * "YYYY-MM-DD HH:MM" off timestamps' text */
		const char	*p[1] = { db_timezone != NULL ? db_timezone : "" };
		PGresult	*res;

		res = PQexecParams(db_pg, "SELECT set_config('DateStyle',"
		    " 'ISO', false), CASE WHEN $1 <> '' THEN"
		    " set_config('TimeZone', $1, false) END,"
		    " row_security_active('dossiers')", 1, NULL, p, NULL, NULL,
		    0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			log_warnx("database: date style, time zone: %s",
			    PQerrorMessage(db_pg));
		/*
		 * The citizens' programs find only the dossiers the policies
		 * let them see (lib/dossier.c): a role that bypasses them
		 * would see everyone's.  Fail closed.
		 */
		if (db_need_rls && (PQresultStatus(res) != PGRES_TUPLES_OK ||
		    strcmp(PQgetvalue(res, 0, 2), "t") != 0)) {
			log_warnx("database: the connection's role is not "
			    "subject to row-level security: not serving");
			PQclear(res);
			PQfinish(db_pg);
			db_pg = NULL;
			return GERR_DB;
		}
		PQclear(res);
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
		db_notified();
	}
	return GERR_OK;
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
	return db_connect();
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
	size_t	i;

	db_plan_report();
	db_cache_clear();
	if (db_pg != NULL)
		PQfinish(db_pg);
	db_pg = NULL;
	db_gen++;
	for (i = 0; i < nitems(db_held); i++) {
		free(db_held[i]);
		db_held[i] = NULL;
	}
	free(db_conninfo);
	db_conninfo = NULL;
	free(db_timezone);
	db_timezone = NULL;
}

/*
 * At the start of each request: a connection lost earlier is made again,
 * and a transaction the last request left open is rolled back.
 * Between requests the server only speaks to bring notifications of the
 * channel we listen to, or to say it is going away (a FATAL "terminating
 * connection" before closing): one poll(2) tells, the notifications are
 * handed on, and a lost connection is noticed before any query fails.
 */
enum gerr
db_ensure(void)
{
	struct pollfd	 pfd;
	PGnotify	*n;
	int		 heard = 0;

	if (db_conninfo == NULL)
		return GERR_DB;
	if (db_in_txn) {
		/* whoever began it returned without ending it: our bug */
		log_warnx("database: a transaction was left open, rolled back");
		db_in_txn = 0;
		if (db_scope_pending)
			db_held_known = 0;
		db_scope_pending = 0;
		if (db_pg != NULL)
			PQclear(PQexec(db_pg, "ROLLBACK"));
	}
	if (db_pg != NULL && PQstatus(db_pg) == CONNECTION_OK) {
		pfd.fd = PQsocket(db_pg);
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) == 0)
			return GERR_OK;
		if (db_channel != NULL && PQconsumeInput(db_pg) == 1 &&
		    PQstatus(db_pg) == CONNECTION_OK) {
			while ((n = PQnotifies(db_pg)) != NULL) {
				heard = 1;
				PQfreemem(n);
			}
			/* anything else than notifications: it is leaving */
			pfd.revents = 0;
			if (heard && poll(&pfd, 1, 0) == 0) {
				db_notified();
				return GERR_OK;
			}
		}
		log_warnx("database connection closed by the server, "
		    "reconnecting");
		metrics_count(MEV_DB_RECONNECT, NULL, NULL);
	}
	return db_connect();
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
 * session; no one's before the session is known).  Before every statement
 * (db_query, lib/dbq.c) the layer makes sure the connection holds exactly
 * that scope, and when it does not, sets it in the same round trip and
 * transaction as the statement (a pipeline ending in one Sync, below).  The settings stay on the
 * connection, so the request's other statements, and the next request of
 * the same person, cost nothing more; a statement with another scope, or
 * none, always sets (or clears) it first.
 *
 * What the connection holds is known here only as long as nothing that
 * set it was undone: a setting made in a transaction that fails or rolls
 * back is undone by PostgreSQL, so such a failure makes it unknown, and
 * the next statement sets it again whatever it is.  A program that never
 * sets a scope sees no personal rows at all, unless it connects as the
 * staff role.
 */
static const char *const scope_sql =
    "SELECT set_config('guichet.scope', coalesce($1, ''), false),"
    " set_config('guichet.person', coalesce($2, ''), false),"
    " set_config('guichet.org', coalesce($3, ''), false),"
    " set_config('guichet.procs', coalesce($4, ''), false),"
    " set_config('guichet.trace', coalesce($5, ''), false)";

/*
 * The request's W3C traceparent rides with the scope as "guichet.trace",
 * which sql/0051's columns take as their default: a mail or a webhook
 * queued by the request, by a trigger too, carries it.  Only a POST names
 * one (what queues is a POST): a GET does not ask for it, so reading pages
 * costs no statement more (a GET that sets another scope clears it).
 */
void
db_trace_set(const char *trace)
{
	db_scope[SCOPE_TRACE] = trace;
}

void
db_scope_set(const char *scope, const char *person, const char *org,
    const char *procs)
{
	db_scope[0] = scope;
	db_scope[1] = person;
	db_scope[2] = org;
	db_scope[3] = procs;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Whether the connection holds the scope the request named. */
int
db_scope_held(void)
{
	size_t	i;

	if (db_held_gen != db_gen) {
		/* a new connection holds none */
		for (i = 0; i < 5; i++) {
			free(db_held[i]);
			db_held[i] = NULL;
		}
		db_held_gen = db_gen;
		db_held_known = 1;
	}
	if (!db_held_known)
		return 0;
	for (i = 0; i < 4; i++)
		if (!same(db_scope[i], db_held[i]))
			return 0;
	return db_scope[SCOPE_TRACE] == NULL ||
	    same(db_scope[SCOPE_TRACE], db_held[SCOPE_TRACE]);
}

/* The scope was set on the connection, for good. */
static void
db_scope_now_held(void)
{
	size_t	i;

	db_held_known = 1;
	for (i = 0; i < 5; i++) {
		free(db_held[i]);
		db_held[i] = NULL;
		if (db_scope[i] != NULL &&
		    (db_held[i] = strdup(db_scope[i])) == NULL)
			db_held_known = 0;
	}
}

/* The scope and the statement in one round trip and one transaction. */
PGresult *
db_query_scoped(struct pool *p, const char *name, int n,
    const char *const *params)
{
	PGresult	*res, *mine = NULL, *scope = NULL;
	int		 i, ok;

	if (db_prepare(p, "scope", scope_sql, 5, &db_scope_gen) == -1)
		return NULL;
	db_held_known = 0;	/* until both are known to have committed */
	if (PQenterPipelineMode(db_pg) != 1) {
		db_err = GERR_DB;
		return NULL;
	}
	ok = PQsendQueryPrepared(db_pg, "scope", 5, db_scope, NULL, NULL, 0) &&
	    PQsendQueryPrepared(db_pg, name, n, params, NULL, NULL, 0) &&
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
		return db_result(p, NULL, name);
	}
	if ((res = db_result(p, mine, name)) != NULL)
		db_scope_now_held();
	return res;
}

/*
 * The scope set by a statement of its own, for what is not sent through
 * db_query: within a transaction, it is undone if the transaction is.
 */
int
db_scope_apply(struct pool *p)
{
	if (db_scope_held())
		return 0;
	if (db_exec_raw(p, scope_sql, 5, db_scope) == NULL) {
		db_held_known = 0;
		return -1;
	}
	db_scope_now_held();
	/* undone if the transaction is */
	db_scope_pending = db_in_txn;
	return 0;
}

/* A transaction, under the request's scope. */
enum gerr
db_begin(struct pool *p)
{
	if (db_exec_raw(p, "BEGIN", 0, NULL) == NULL)
		return db_err;
	db_in_txn = 1;
	db_scope_pending = 0;
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
	int		 pending = db_scope_pending, committed;

	db_in_txn = 0;
	db_scope_pending = 0;
	res = db_exec_raw(p, "COMMIT", 0, NULL);
	committed = res != NULL && strcmp(PQcmdStatus(res), "COMMIT") == 0;
	/* a failed transaction's COMMIT is a ROLLBACK, and undoes the scope */
	if (pending && !committed)
		db_held_known = 0;
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
	if (db_scope_pending)
		db_held_known = 0;
	db_scope_pending = 0;
	/* a lost connection has nothing to roll back */
	if (db_pg != NULL && PQstatus(db_pg) == CONNECTION_OK &&
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
