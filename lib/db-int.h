/*
 * The database layer's own (after PostgreSQL's libpq-int.h): the state of
 * the process's connection and the functions its files share.  Included by
 * lib/db*.c only; everyone else knows lib/db.h.
 */
#ifndef GUICHET_DB_INT_H
#define GUICHET_DB_INT_H

#include <stddef.h>

#include <libpq-fe.h>

#include "db.h"
#include "gerr.h"
#include "pool.h"

/* lib/db.c: the connection and what it is doing */
extern PGconn		*db_pg;		/* NULL until opened, or after a refusal */
extern unsigned		 db_gen;	/* bumped at every (re)connection */
extern enum gerr	 db_err;	/* the last statement's, db_last_error */
extern int		 db_in_txn;	/* within db_begin .. db_commit */
extern int		 db_streaming;	/* within db_stream's rows */
extern int		 db_doomed;	/* given up: never to serve again */

/* lib/db.c: which connection the statements go to (lib/dbread.c) */
enum db_role { DB_PRIMARY, DB_READ };
extern enum db_role	 db_role;

/* lib/db.c: making a connection, and setting it up */
PGconn		*db_connect_params(const char *conninfo, const char *target);
enum gerr	 db_session_setup(PGconn *);

/* lib/db.c: a failover's error gives the connection up (db_failed) */
void		 db_doom(const char *why);

/* lib/dbhosts.c: every listed host at once, the first that qualifies */
PGconn		*db_connect_hosts(const char *const *kw, const char *const *val);

/* lib/db.c: the request's scope on the connection */
int		 db_scope_held(void);
int		 db_scope_apply(struct pool *);
PGresult	*db_query_scoped(struct pool *, const char *name,
		    const char *sql, int, const char *const *);

/* lib/dbq.c: sending statements, and what comes back */
enum gerr	 db_failed(PGresult *, const char *what);
PGresult	*db_result(struct pool *, PGresult *, const char *what);
int		 db_ready(void);
PGresult	*db_exec_raw(struct pool *, const char *, int,
		    const char *const *);
int		 db_prepare(struct pool *, const char *name, const char *sql,
		    int, unsigned *gen);
int		 db_statement(struct pool *, struct dbq *, int, char *name,
		    size_t);

#endif
