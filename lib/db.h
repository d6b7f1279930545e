/*
 * libpq: one connection per process, parameterised statements only; on
 * whichever listed node takes writes, given up and made again after a
 * failover (docs/high-availability.md).
 * lib/db.c: the connection, its scope, transactions; lib/dbhosts.c: the
 * listed hosts tried at once; lib/dbread.c: reads on a standby;
 * lib/dbq.c: statements, errors, the cache, values; lib/dbsql.c: text
 * from declared pieces; lib/dbstream.c: rows one at a time.
 */
#ifndef GUICHET_DB_H
#define GUICHET_DB_H

#include <libpq-fe.h>

#include "gerr.h"
#include "pool.h"

/*
 * A statement is declared once, as a static struct, and prepared on first
 * use on each connection: "static struct dbq q = DBQ("SELECT ... $1");".
 */
struct dbq {
	const char	*sql;
	unsigned	 gen[2];	/* connection it was prepared on, */
					/* the primary's and the read one's */
	unsigned	 id;
};
#define DBQ(sql)	{ (sql), { 0, 0 }, 0 }

enum gerr	 db_open(const char *conninfo);
void		 db_require_rls(void);
void		 db_close(void);
enum gerr	 db_ensure(void);
enum gerr	 db_wait(long budget_ms);
unsigned	 db_drop_count(void);
void		 db_listen(const char *channel, void (*)(void));
void		 db_timezone_set(const char *);
void		 db_scope_set(const char *scope, const char *person,
		    const char *org, const char *procs);
void		 db_trace_set(const char *);
PGconn		*db_conn(void);
PGresult	*db_query(struct pool *, struct dbq *, int, const char *const *);
PGresult	*db_query_cached(struct pool *, struct dbq *, int,
		    const char *const *, int ttl);
void		 db_cache_clear(void);
PGresult	*db_exec_params(struct pool *, const char *, int,
		    const char *const *);
enum gerr	 db_last_error(void);

/*
 * Reads sent to a standby (lib/dbread.c, docs/high-availability.md): with
 * a read connection opened (db_read_open, the staff's programs when
 * db.read_conninfo is set), the statements between db_read_begin and
 * db_read_end go to a standby whose replay is at most max_lag_ms behind
 * the primary (its heartbeat row), or to the primary when no standby is
 * that fresh, when it is away, or within a transaction.  db_read_begin
 * returns whether the reads go to a standby.  Only reads: the read
 * connection refuses writes.  db_heartbeat keeps the primary's row
 * current (guichet-notify, each second).
 */
enum gerr	 db_read_open(const char *conninfo, long max_lag_ms);
int		 db_read_begin(void);
void		 db_read_end(void);
void		 db_read_close(void);
enum gerr	 db_heartbeat(struct pool *);

/*
 * A statement's rows one at a time (libpq's single-row mode): fn sees each
 * as a result of one row (row 0), freed as soon as it returns, so memory
 * stays the same for ten rows or a million.  fn must not use the database
 * (the connection is busy with the rows); anything but GERR_OK stops the
 * statement and is returned.  Returns GERR_OK once every row was seen.
 */
typedef enum gerr	(*db_row_fn)(void *arg, const PGresult *row);
enum gerr	 db_stream(struct pool *, struct dbq *, int, const char *const *,
		    db_row_fn, void *arg);

/*
 * Whoever begins a transaction ends it, in the same function.
 * db_transaction runs fn in one: committed when fn returns GERR_OK,
 * rolled back otherwise; it returns fn's error or the commit's.
 */
typedef enum gerr	(*db_txn_fn)(struct pool *, void *arg);
enum gerr	 db_transaction(struct pool *, db_txn_fn, void *arg);
enum gerr	 db_begin(struct pool *);
enum gerr	 db_commit(struct pool *);
void		 db_rollback(struct pool *);

/*
 * Statement text assembled at run time from declared pieces only, for
 * filters that come and go.  A piece is a static string numbering its
 * own parameters from $1, with their count:
 *	static const struct dbpiece p_status = DBPIECE(" AND d.status = $1", 1);
 * and is appended with as many values: db_sql_add(&s, &p_status, status).
 * The builder renumbers each piece's $n after those before it, refuses a
 * piece whose count is not its text's or the values', and refuses more
 * than DBSQL_PARAMS_MAX values; once refused, the statement stays refused
 * (logged once) and db_sql_query fails.  No value is ever in the text.
 * db_sql_query runs it as the statement q, kept for the process at first
 * use (one struct dbq per variant: the same pieces, the same text), or
 * unprepared, planned for its values, when q is NULL.
 */
struct dbpiece {
	const char	*sql;
	int		 nparams;
};
#define DBPIECE(sql, n)		{ (sql), (n) }

#define DBSQL_PARAMS_MAX	16

struct dbsql {
	struct buf	 text;
	const char	*v[DBSQL_PARAMS_MAX];
	int		 n;
	enum gerr	 err;		/* refused (GERR_SYSTEM) or NOMEM */
};

void		 db_sql_init(struct dbsql *, struct pool *);
int		 db_sql_put(struct dbsql *, const struct dbpiece *);
int		 db_sql_addv(struct dbsql *, const struct dbpiece *,
		    const char *const *values, int n);
#define db_sql_add(s, piece, ...)					\
	db_sql_addv((s), (piece), (const char *const []){ __VA_ARGS__ },	\
	    (int)nitems(((const char *const []){ __VA_ARGS__ })))
const char	*db_sql_text(struct dbsql *);
PGresult	*db_sql_query(struct pool *, struct dbq *, struct dbsql *);
const char	*db_value(const PGresult *, int, int);
const char	*db_bytea(struct pool *, const void *, size_t);

#endif
