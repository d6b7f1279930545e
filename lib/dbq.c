/*
 * Statements (lib/db.h): prepared once per connection under the name of
 * their struct dbq, sent under the request's scope (lib/db.c); failures
 * classified into an enum gerr and logged; results freed with the pool;
 * a small cache of public reference data; values in and out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-int.h"
#include "log.h"
#include "metrics.h"

static unsigned		 db_next_id;

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

/*
 * The errors after which the connection must not serve again: class 08
 * (the connection failed), 57P01..57P03 (the server is shutting down, or
 * cannot take connections now: a node being stopped or demoted), and
 * 25006 (a read-only transaction: the node was demoted to a standby, or
 * made read-only by its manager).  The next connection goes to whichever
 * node takes writes by then (target_session_attrs, lib/db.c).
 */
static int
db_state_failover(const char *state)
{
	return state != NULL && (strncmp(state, "08", 2) == 0 ||
	    strcmp(state, "57P01") == 0 || strcmp(state, "57P02") == 0 ||
	    strcmp(state, "57P03") == 0 || strcmp(state, "25006") == 0);
}

/* Classifies a failed result, logs it and frees it; the error is kept. */
/* The metrics' word for each kind of failure db_failed tells apart. */
static const char *const db_error_kinds[GERR__MAX] = {
	[GERR_CONFLICT] = "conflict",
	[GERR_NOTFOUND] = "notfound",
	[GERR_INPUT] = "data",
	[GERR_DB] = "unavailable",
	[GERR_SYSTEM] = "internal",
};

enum gerr
db_failed(PGresult *res, const char *what)
{
	const char	*state;

	state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (PQstatus(db_pg) != CONNECTION_OK || db_state_failover(state))
		db_err = GERR_DB;
	else if (state != NULL && (strncmp(state, "23", 2) == 0 ||
	    strcmp(state, "40001") == 0))
		db_err = GERR_CONFLICT;		/* constraint or serialization */
	else if (state != NULL && strcmp(state, "P0002") == 0)
		db_err = GERR_NOTFOUND;		/* raised by our functions */
	else if (state != NULL && strncmp(state, "22", 2) == 0)
		db_err = GERR_INPUT;		/* data exception */
	else if (state != NULL && (strncmp(state, "57", 2) == 0 ||
	    strncmp(state, "53", 2) == 0))
		db_err = GERR_DB;		/* cancelled, resources */
	else
		db_err = GERR_SYSTEM;		/* our bug: a 500, not a 503 */
	metrics_count(MEV_DB_ERROR, db_error_kinds[db_err], NULL);
	/* The message names the statement, never the parameters. */
	log_warnx("%s: %s %s", what, state ? state : "-",
	    res ? PQresultErrorMessage(res) : PQerrorMessage(db_pg));
	if (PQstatus(db_pg) != CONNECTION_OK)
		db_doom("connection lost");
	else if (db_state_failover(state))
		db_doom(state);
	PQclear(res);
	return db_err;
}

/* Frees the result with the pool, or logs why there is none. */
PGresult *
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
int
db_ready(void)
{
	if (db_streaming) {
		log_warnx("database: a statement sent from a stream's rows");
		db_err = GERR_SYSTEM;
		return 0;
	}
	if (db_pg == NULL || db_doomed || PQstatus(db_pg) != CONNECTION_OK) {
		db_err = GERR_DB;
		return 0;
	}
	return 1;
}

PGresult *
db_exec_raw(struct pool *p, const char *sql, int n, const char *const *params)
{
	if (db_pg == NULL || db_doomed || db_streaming) {
		(void)db_ready();
		return NULL;
	}
	return db_result(p, PQexecParams(db_pg, sql, n, NULL, params, NULL,
	    NULL, 0), "query");
}

/* A statement not worth preparing; under the request's scope too. */
PGresult *
db_exec_params(struct pool *p, const char *sql, int n,
    const char *const *params)
{
	if (!db_ready())
		return NULL;
	if (db_scope_held())
		return db_exec_raw(p, sql, n, params);
	if (db_in_txn)
		return db_scope_apply(p) == -1 ? NULL :
		    db_exec_raw(p, sql, n, params);
	return db_query_scoped(p, NULL, sql, n, params);
}

int
db_prepare(struct pool *p, const char *name, const char *sql, int n,
    unsigned *gen)
{
	if (*gen == db_gen)
		return 0;
	if (db_result(p, PQprepare(db_pg, name, sql, n, NULL), "prepare") ==
	    NULL)
		return -1;
	*gen = db_gen;
	return 0;
}

/* The statement prepared on this connection, under its name. */
int
db_statement(struct pool *p, struct dbq *q, int n, char *name, size_t len)
{
	if (q->id == 0)
		q->id = ++db_next_id;
	snprintf(name, len, "q%u", q->id);
	return db_prepare(p, name, q->sql, n, &q->gen[db_role]);
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
			    db_result(p, PQexecPrepared(db_pg, name, n, params,
			    NULL, NULL, 0), name);
		return db_query_scoped(p, name, NULL, n, params);
	}
	return db_result(p, PQexecPrepared(db_pg, name, n, params, NULL, NULL,
	    0), name);
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

/*
 * A result dropped while a request runs is freed with that request's pool:
 * the request may still hold it (its values as the next query's
 * parameters, e.g. an article's id for its related articles), even when
 * the entry expired or was taken for another in the meantime.
 */
static void
dbcache_drop(struct pool *p, struct dbcache_entry *e)
{
	if (p == NULL || pool_defer(p, db_clear, e->res) == -1)
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
			dbcache_drop(p, e);
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
	if (db_pg == NULL || PQstatus(db_pg) != CONNECTION_OK ||
	    (res = db_query(p, q, n, params)) == NULL) {
		free(key);
		return NULL;
	}
	/* The pool must not free what the cache keeps: take a copy. */
	if (slot->res != NULL)
		dbcache_drop(p, slot);
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
			dbcache_drop(NULL, &dbcache[i]);
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
