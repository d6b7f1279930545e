/* The process's database connection: prepares lazily, reconnects after loss. */
#include <ctype.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"

static PGconn		*db;
static char		*db_conninfo;
static unsigned		 db_gen = 1;	/* bumped at every (re)connection */
static unsigned		 db_next_id;
static enum gerr	 db_err;
static const char	*db_channel;	/* LISTENed to on every connection */
static void		(*db_notified)(void);
static char		*db_timezone;	/* set on every connection */
static const char	*db_scope[4];	/* who the request's rows are for */
static int		 db_scope_pending; /* set in the open transaction */
static char		*db_held[4];	/* the scope the connection holds */
static int		 db_held_known;
static unsigned		 db_held_gen;	/* on this connection */
static int		 db_in_txn;	/* within db_begin .. db_commit */
static int		 db_streaming;	/* within db_stream's rows */
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
	if (db != NULL)
		PQfinish(db);
	db = PQconnectdb(db_conninfo);
	db_gen++;
	if (PQstatus(db) != CONNECTION_OK) {
		log_warnx("database connection: %s", PQerrorMessage(db));
		return GERR_DB;
	}
	PQsetNoticeProcessor(db, db_notice, NULL);
	{
		/* ISO dates whatever the server's default: the programs read
		 * "YYYY-MM-DD HH:MM" off timestamps' text */
		const char	*p[1] = { db_timezone != NULL ? db_timezone : "" };
		PGresult	*res;

		res = PQexecParams(db, "SELECT set_config('DateStyle', 'ISO',"
		    " false), CASE WHEN $1 <> '' THEN set_config('TimeZone', $1,"
		    " false) END, row_security_active('dossiers')", 1, NULL, p,
		    NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			log_warnx("database: date style, time zone: %s",
			    PQerrorMessage(db));
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
			PQfinish(db);
			db = NULL;
			return GERR_DB;
		}
		PQclear(res);
	}
	if (db_channel != NULL) {
		char		 sql[80];
		PGresult	*res;

		snprintf(sql, sizeof(sql), "LISTEN %s", db_channel);
		res = PQexec(db, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			log_warnx("database: %s", PQerrorMessage(db));
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

	if (getenv("GUICHET_PLAN_REPORT") == NULL || db == NULL ||
	    PQstatus(db) != CONNECTION_OK)
		return;
	res = PQexec(db, "SELECT name, generic_plans, custom_plans,"
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
	if (db != NULL)
		PQfinish(db);
	db = NULL;
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
		if (db != NULL)
			PQclear(PQexec(db, "ROLLBACK"));
	}
	if (db != NULL && PQstatus(db) == CONNECTION_OK) {
		pfd.fd = PQsocket(db);
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) == 0)
			return GERR_OK;
		if (db_channel != NULL && PQconsumeInput(db) == 1 &&
		    PQstatus(db) == CONNECTION_OK) {
			while ((n = PQnotifies(db)) != NULL) {
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
	}
	return db_connect();
}

PGconn *
db_conn(void)
{
	return db;
}

enum gerr
db_last_error(void)
{
	return db_err;
}

static void
db_clear(void *res)
{
	PQclear(res);
}

/* Classifies a failed result, logs it and frees it; the error is kept. */
static enum gerr
db_failed(PGresult *res, const char *what)
{
	const char	*state;

	state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (PQstatus(db) != CONNECTION_OK)
		db_err = GERR_DB;
	else if (state != NULL && (strncmp(state, "23", 2) == 0 ||
	    strcmp(state, "40001") == 0))
		db_err = GERR_CONFLICT;		/* constraint or serialization */
	else if (state != NULL && strcmp(state, "P0002") == 0)
		db_err = GERR_NOTFOUND;		/* raised by our functions */
	else if (state != NULL && strncmp(state, "22", 2) == 0)
		db_err = GERR_INPUT;		/* data exception */
	else if (state != NULL && (strncmp(state, "08", 2) == 0 ||
	    strncmp(state, "57", 2) == 0 || strncmp(state, "53", 2) == 0))
		db_err = GERR_DB;		/* connection, shutdown, resources */
	else
		db_err = GERR_SYSTEM;		/* our bug: a 500, not a 503 */
	/* The message names the statement, never the parameters. */
	log_warnx("%s: %s %s", what, state ? state : "-",
	    res ? PQresultErrorMessage(res) : PQerrorMessage(db));
	PQclear(res);
	return db_err;
}

/* Frees the result with the pool, or logs why there is none. */
static PGresult *
db_result(struct pool *p, PGresult *res, const char *what)
{
	ExecStatusType	st = PQresultStatus(res);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		db_err = GERR_OK;
		if (pool_defer(p, db_clear, res) == -1) {
			PQclear(res);
			db_err = GERR_NOMEM;
			return NULL;
		}
		return res;
	}
	(void)db_failed(res, what);
	return NULL;
}

/*
 * Whether a statement may be sent: not while a stream's rows are being
 * read (the row function's bug, logged), nor without a connection.
 */
static int
db_ready(void)
{
	if (db_streaming) {
		log_warnx("database: a statement sent from a stream's rows");
		db_err = GERR_SYSTEM;
		return 0;
	}
	if (db == NULL || PQstatus(db) != CONNECTION_OK) {
		db_err = GERR_DB;
		return 0;
	}
	return 1;
}

static PGresult *
db_exec_raw(struct pool *p, const char *sql, int n, const char *const *params)
{
	if (db == NULL || db_streaming) {
		(void)db_ready();
		return NULL;
	}
	return db_result(p, PQexecParams(db, sql, n, NULL, params, NULL, NULL,
	    0), "query");
}

static int	db_scope_apply(struct pool *);

/* A statement not worth preparing; under the request's scope too. */
PGresult *
db_exec_params(struct pool *p, const char *sql, int n,
    const char *const *params)
{
	if (db == NULL) {
		db_err = GERR_DB;
		return NULL;
	}
	if (db_scope_apply(p) == -1)
		return NULL;
	return db_exec_raw(p, sql, n, params);
}

/*
 * Row-level security (sql/0021) reads who the rows are for from four
 * settings: "guichet.scope", ".person", ".org" and ".procs" (the
 * procedures the organisation's user may act on).  A program serving
 * citizens names the request's scope at its start (db_scope_set, from the
 * session; no one's before the session is known).  Before every statement
 * this file makes sure the connection holds exactly that scope, and when
 * it does not, sets it in the same round trip and transaction as the
 * statement (a pipeline ending in one Sync).  The settings stay on the
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
    " set_config('guichet.procs', coalesce($4, ''), false)";

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
static int
db_scope_held(void)
{
	size_t	i;

	if (db_held_gen != db_gen) {
		/* a new connection holds none */
		for (i = 0; i < 4; i++) {
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
	return 1;
}

/* The scope was set on the connection, for good. */
static void
db_scope_now_held(void)
{
	size_t	i;

	db_held_known = 1;
	for (i = 0; i < 4; i++) {
		free(db_held[i]);
		db_held[i] = NULL;
		if (db_scope[i] != NULL &&
		    (db_held[i] = strdup(db_scope[i])) == NULL)
			db_held_known = 0;
	}
}

static int
db_prepare(struct pool *p, const char *name, const char *sql, int n,
    unsigned *gen)
{
	if (*gen == db_gen)
		return 0;
	if (db_result(p, PQprepare(db, name, sql, n, NULL), "prepare") == NULL)
		return -1;
	*gen = db_gen;
	return 0;
}

/* The scope and the statement in one round trip and one transaction. */
static PGresult *
db_query_scoped(struct pool *p, const char *name, int n,
    const char *const *params)
{
	PGresult	*res, *mine = NULL, *scope = NULL;
	int		 i, ok;

	db_held_known = 0;	/* until both are known to have committed */
	if (PQenterPipelineMode(db) != 1) {
		db_err = GERR_DB;
		return NULL;
	}
	ok = PQsendQueryPrepared(db, "scope", 4, db_scope, NULL, NULL, 0) &&
	    PQsendQueryPrepared(db, name, n, params, NULL, NULL, 0) &&
	    PQpipelineSync(db);
	/* two results, each followed by NULL, then the Sync's */
	for (i = 0; ok && i < 2; i++) {
		if ((res = PQgetResult(db)) == NULL) {
			ok = 0;
			break;
		}
		if (i == 0)
			scope = res;
		else
			mine = res;
		while ((res = PQgetResult(db)) != NULL)
			PQclear(res);
	}
	while (ok && (res = PQgetResult(db)) != NULL) {
		ExecStatusType st = PQresultStatus(res);

		PQclear(res);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	(void)PQexitPipelineMode(db);
	if (scope != NULL && PQresultStatus(scope) != PGRES_TUPLES_OK) {
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
static int
db_scope_apply(struct pool *p)
{
	if (db_scope_held())
		return 0;
	if (db_exec_raw(p, scope_sql, 4, db_scope) == NULL) {
		db_held_known = 0;
		return -1;
	}
	db_scope_now_held();
	/* undone if the transaction is */
	db_scope_pending = db_in_txn;
	return 0;
}

/* The statement prepared on this connection, under its name. */
static int
db_statement(struct pool *p, struct dbq *q, int n, char *name, size_t len)
{
	if (q->id == 0)
		q->id = ++db_next_id;
	snprintf(name, len, "q%u", q->id);
	return db_prepare(p, name, q->sql, n, &q->gen);
}

PGresult *
db_query(struct pool *p, struct dbq *q, int n, const char *const *params)
{
	char		 name[24];

	if (!db_ready())
		return NULL;
	if (db_statement(p, q, n, name, sizeof(name)) == -1)
		return NULL;
	if (!db_scope_held()) {
		if (db_in_txn)
			return db_scope_apply(p) == -1 ? NULL :
			    db_result(p, PQexecPrepared(db, name, n, params,
			    NULL, NULL, 0), name);
		if (db_prepare(p, "scope", scope_sql, 4, &db_scope_gen) == -1)
			return NULL;
		return db_query_scoped(p, name, n, params);
	}
	return db_result(p, PQexecPrepared(db, name, n, params, NULL, NULL, 0),
	    name);
}

/*
 * The rows the server already sent are read and dropped; the statement
 * is asked to stop, so what it had yet to send is not waited for.
 */
static void
db_stream_stop(void)
{
	PGcancel	*c;
	char		 err[256];

	if ((c = PQgetCancel(db)) == NULL)
		return;
	if (!PQcancel(c, err, sizeof(err)))
		log_warnx("database: cancelling a stream: %s", err);
	PQfreeCancel(c);
}

/*
 * The scope is set by a statement of its own first when the connection
 * does not hold it (one more round trip per stream, not per row).  A
 * failure half-way is logged and classified as any statement's; the
 * cancellation that follows a row function's refusal is not.
 */
enum gerr
db_stream(struct pool *p, struct dbq *q, int n, const char *const *params,
    db_row_fn fn, void *arg)
{
	char		 name[24];
	PGresult	*res;
	ExecStatusType	 st;
	enum gerr	 e = GERR_OK;

	if (!db_ready())
		return db_err;
	if (db_statement(p, q, n, name, sizeof(name)) == -1 ||
	    db_scope_apply(p) == -1)
		return db_err;
	if (!PQsendQueryPrepared(db, name, n, params, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(db)) {
		log_warnx("%s: %s", name, PQerrorMessage(db));
		while ((res = PQgetResult(db)) != NULL)
			PQclear(res);
		return db_err = GERR_DB;
	}
	db_streaming = 1;
	while ((res = PQgetResult(db)) != NULL) {
		st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE) {
			if (e == GERR_OK && (e = fn(arg, res)) != GERR_OK)
				db_stream_stop();
		} else if (st != PGRES_TUPLES_OK && e == GERR_OK) {
			e = db_failed(res, name);
			continue;	/* freed */
		}
		PQclear(res);
	}
	db_streaming = 0;
	return db_err = e;
}

/*
 * A small read-through cache of results, per process, for public reference
 * data that many requests read and few change (help articles, postal
 * codes): an entry lives ttl seconds, so a change shows within that time.
 * Never for anything personal.
 */
#define DBCACHE_MAX	256

struct dbcache_entry {
	struct dbq	*q;
	uint64_t	 hash;
	char		*key;
	PGresult	*res;
	time_t		 expires;
};

static struct dbcache_entry	dbcache[DBCACHE_MAX];

static char *
dbcache_key(int n, const char *const *params, uint64_t *hash)
{
	size_t		 len = 0, off = 0, k;
	int		 i;
	char		*key;
	uint64_t	 h = 1469598103934665603ULL;

	for (i = 0; i < n; i++)
		len += (params[i] ? strlen(params[i]) : 1) + 1;
	if ((key = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		/* NULL and "" differ: \x01 marks NULL, \x1f parts values. */
		k = params[i] ? strlen(params[i]) : 1;
		memcpy(key + off, params[i] ? params[i] : "\x01", k);
		off += k;
		key[off++] = '\x1f';
	}
	key[off] = '\0';
	for (k = 0; k < off; k++)
		h = (h ^ (unsigned char)key[k]) * 1099511628211ULL;
	*hash = h;
	return key;
}

static void
dbcache_drop(struct dbcache_entry *e)
{
	PQclear(e->res);
	free(e->key);
	memset(e, 0, sizeof(*e));
}

PGresult *
db_query_cached(struct pool *p, struct dbq *q, int n,
    const char *const *params, int ttl)
{
	struct dbcache_entry	*e, *slot = NULL;
	PGresult		*res;
	uint64_t		 hash;
	char			*key;
	time_t			 now = time(NULL);
	size_t			 i;

	if ((key = dbcache_key(n, params, &hash)) == NULL)
		return db_query(p, q, n, params);
	for (i = 0; i < DBCACHE_MAX; i++) {
		e = &dbcache[i];
		if (e->res != NULL && e->expires <= now)
			dbcache_drop(e);
		if (e->res == NULL) {
			if (slot == NULL || slot->res != NULL)
				slot = e;
			continue;
		}
		if (e->q == q && e->hash == hash && strcmp(e->key, key) == 0) {
			free(key);
			return e->res;
		}
		if (slot == NULL || (slot->res != NULL &&
		    e->expires < slot->expires))
			slot = e;	/* full: the oldest makes room */
	}
	if (db == NULL || PQstatus(db) != CONNECTION_OK ||
	    (res = db_query(p, q, n, params)) == NULL) {
		free(key);
		return NULL;
	}
	/* The pool must not free what the cache keeps: take a copy. */
	if (slot->res != NULL)
		dbcache_drop(slot);
	if ((slot->res = PQcopyResult(res, PG_COPYRES_ATTRS |
	    PG_COPYRES_TUPLES)) == NULL) {
		free(key);
		return res;
	}
	slot->q = q;
	slot->hash = hash;
	slot->key = key;
	slot->expires = now + ttl;
	return slot->res;
}

void
db_cache_clear(void)
{
	size_t	i;

	for (i = 0; i < DBCACHE_MAX; i++)
		if (dbcache[i].res != NULL)
			dbcache_drop(&dbcache[i]);
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
	if (db != NULL && PQstatus(db) == CONNECTION_OK &&
	    PQtransactionStatus(db) != PQTRANS_IDLE)
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

/*
 * Statement text from declared pieces (db.h).  A piece's "$k" becomes
 * "$(n + k)", n the number of values before it.  A '$' that is not a
 * parameter (dollar quoting) has no place in a piece.
 */
void
db_sql_init(struct dbsql *s, struct pool *p)
{
	buf_init(&s->text, p);
	s->n = 0;
	s->err = GERR_OK;
}

static int
db_sql_refuse(struct dbsql *s, enum gerr e, const char *why, const char *sql)
{
	if (s->err == GERR_OK)
		log_warnx("statement text refused: %s: \"%.60s\"", why, sql);
	s->err = e;
	return -1;
}

/* Whether the text's parameters are $1 to $count, each at least once. */
static int
db_params_are(const char *sql, int count)
{
	unsigned long	 seen = 0, k;
	const char	*at;
	char		*end;

	if (count < 0 || count > DBSQL_PARAMS_MAX)
		return 0;
	for (at = sql; (at = strchr(at, '$')) != NULL; at = end) {
		if (!isdigit((unsigned char)at[1]))
			return 0;
		k = strtoul(at + 1, &end, 10);
		if (k == 0 || k > (unsigned long)count)
			return 0;
		seen |= 1UL << (k - 1);
	}
	return seen == (1UL << count) - 1;
}

int
db_sql_addv(struct dbsql *s, const struct dbpiece *piece,
    const char *const *values, int n)
{
	const char	*from, *at;
	char		*end, num[12];
	unsigned long	 k;
	size_t		 i;

	if (s->err != GERR_OK)
		return -1;
	if (n != piece->nparams)
		return db_sql_refuse(s, GERR_SYSTEM, "values not as declared",
		    piece->sql);
	if (!db_params_are(piece->sql, piece->nparams))
		return db_sql_refuse(s, GERR_SYSTEM, "parameters not as "
		    "declared", piece->sql);
	if (s->n + n > DBSQL_PARAMS_MAX)
		return db_sql_refuse(s, GERR_SYSTEM, "too many parameters",
		    piece->sql);
	for (from = piece->sql; (at = strchr(from, '$')) != NULL; from = end) {
		k = strtoul(at + 1, &end, 10) + (unsigned long)s->n;
		/* the parameter's number, written backwards then turned */
		i = sizeof(num);
		do
			num[--i] = (char)('0' + k % 10);
		while ((k /= 10) > 0);
		if (buf_append(&s->text, from, (size_t)(at - from) + 1) == -1 ||
		    buf_append(&s->text, num + i, sizeof(num) - i) == -1)
			return db_sql_refuse(s, GERR_NOMEM, "out of memory",
			    piece->sql);
	}
	if (buf_puts(&s->text, from) == -1)
		return db_sql_refuse(s, GERR_NOMEM, "out of memory", piece->sql);
	for (i = 0; i < (size_t)n; i++)
		s->v[s->n++] = values[i];
	return 0;
}

/* A piece without parameters. */
int
db_sql_put(struct dbsql *s, const struct dbpiece *piece)
{
	return db_sql_addv(s, piece, NULL, 0);
}

/* The text so far; NULL once refused. */
const char *
db_sql_text(struct dbsql *s)
{
	if (s->err != GERR_OK)
		return NULL;
	return buf_cstr(&s->text);
}

PGresult *
db_sql_query(struct pool *p, struct dbq *q, struct dbsql *s)
{
	const char	*text = db_sql_text(s);

	if (text == NULL) {
		db_err = s->err != GERR_OK ? s->err : GERR_NOMEM;
		return NULL;
	}
	/* what was appended is what is sent, and all of it */
	if (!db_params_are(text, s->n)) {
		log_warnx("statement text refused: %d values for \"%.60s\"",
		    s->n, text);
		db_err = GERR_SYSTEM;
		return NULL;
	}
	if (q == NULL)
		return db_exec_params(p, text, s->n, s->v);
	if (q->sql == NULL) {
		/* kept for the process, as the other statements' text is */
		if ((q->sql = strdup(text)) == NULL) {
			db_err = GERR_NOMEM;
			return NULL;
		}
	} else if (strcmp(q->sql, text) != 0) {
		log_warnx("statement text refused: not the text of its "
		    "variant: \"%.60s\"", text);
		db_err = GERR_SYSTEM;
		return NULL;
	}
	return db_query(p, q, s->n, s->v);
}

/* Bytes as a bytea parameter in text form ("\\x" and hex), in the pool. */
const char *
db_bytea(struct pool *p, const void *bytes, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*b = bytes;
	char			*s;
	size_t			 i;

	if ((s = pool_alloc(p, 2 * n + 3)) == NULL)
		return NULL;
	s[0] = '\\';
	s[1] = 'x';
	for (i = 0; i < n; i++) {
		s[2 + 2 * i] = hex[b[i] >> 4];
		s[3 + 2 * i] = hex[b[i] & 0xf];
	}
	s[2 + 2 * n] = '\0';
	return s;
}

/* A field as a string; NULL for SQL NULL. */
const char *
db_value(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}
