/*
 * A statement's rows one at a time (db_stream, lib/db.h), in libpq's
 * single-row mode: for what is too big to hold whole (the API's export).
 */
#include "db.h"
#include "db-int.h"
#include "log.h"

/*
 * The rows the server already sent are read and dropped; the statement
 * is asked to stop, so what it had yet to send is not waited for.
 */
static void
db_stream_stop(void)
{
	PGcancel	*c;
	char		 err[256];

	if ((c = PQgetCancel(db_pg)) == NULL)
		return;
	if (!PQcancel(c, err, sizeof(err)))
		log_warnx("database: cancelling a stream: %s", err);
	PQfreeCancel(c);
}

/*
 * Outside a transaction, a stream under a scope runs in one of its own,
 * the scope set first (two more round trips per stream, not per row).  A
 * failure half-way is logged and classified as any statement's; the
 * cancellation that follows a row function's refusal is not.
 */
static enum gerr
db_stream_rows(struct pool *p, struct dbq *q, int n, const char *const *params,
    db_row_fn fn, void *arg)
{
	char		 name[24];
	PGresult	*res;
	ExecStatusType	 st;
	enum gerr	 e = GERR_OK;

	if (db_statement(p, q, n, name, sizeof(name)) == -1 ||
	    db_scope_apply(p) == -1)
		return db_err;
	if (!PQsendQueryPrepared(db_pg, name, n, params, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(db_pg)) {
		log_warnx("%s: %s", name, PQerrorMessage(db_pg));
		while ((res = PQgetResult(db_pg)) != NULL)
			PQclear(res);
		return db_err = GERR_DB;
	}
	db_streaming = 1;
	while ((res = PQgetResult(db_pg)) != NULL) {
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

enum gerr
db_stream(struct pool *p, struct dbq *q, int n, const char *const *params,
    db_row_fn fn, void *arg)
{
	enum gerr	 e;

	if (!db_ready())
		return db_err;
	if (db_in_txn || db_scope_held())
		return db_stream_rows(p, q, n, params, fn, arg);
	if ((e = db_begin(p)) != GERR_OK)
		return e;
	if ((e = db_stream_rows(p, q, n, params, fn, arg)) != GERR_OK) {
		db_rollback(p);
		return db_err = e;
	}
	return db_commit(p);
}
