/* libpq: one connection per process, parameterised statements only. */
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
	unsigned	 gen;		/* connection it was prepared on */
	unsigned	 id;
};
#define DBQ(sql)	{ (sql), 0, 0 }

enum gerr	 db_open(const char *conninfo);
void		 db_require_rls(void);
void		 db_close(void);
enum gerr	 db_ensure(void);
void		 db_listen(const char *channel, void (*)(void));
void		 db_timezone_set(const char *);
void		 db_scope_set(const char *scope, const char *person,
		    const char *org, const char *procs);
PGconn		*db_conn(void);
PGresult	*db_query(struct pool *, struct dbq *, int, const char *const *);
PGresult	*db_query_cached(struct pool *, struct dbq *, int,
		    const char *const *, int ttl);
void		 db_cache_clear(void);
PGresult	*db_exec_params(struct pool *, const char *, int,
		    const char *const *);
enum gerr	 db_last_error(void);
enum gerr	 db_begin(struct pool *);
enum gerr	 db_commit(struct pool *);
void		 db_rollback(struct pool *);
const char	*db_value(const PGresult *, int, int);
const char	*db_bytea(struct pool *, const void *, size_t);

#endif
