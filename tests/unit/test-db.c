/*
 * Tests of lib/db.c against a real PostgreSQL: the runner gives the test
 * stack's conninfo in GUICHET_TEST_CONNINFO (without it, nothing is run).
 */
#include <unistd.h>

#include "audit.h"
#include "db.h"
#include "tap.h"

static struct dbq q_echo = DBQ("SELECT $1::text || '!', $2::int + 1");
static struct dbq q_pid = DBQ("SELECT pg_backend_pid()::text");
static struct dbq q_now = DBQ("SELECT clock_timestamp()::text, $1::text");
static struct dbq q_bad = DBQ("SELECT * FROM no_such_table");
static struct dbq q_scope = DBQ(
    "SELECT current_setting('guichet.scope', true),"
    "  current_setting('guichet.org', true),"
    "  current_setting('guichet.procs', true), $1::text");

int
main(void)
{
	const char	*ci = getenv("GUICHET_TEST_CONNINFO");
	const char	*p[2] = { "Liège", "41" }, *one[1] = { "a" };
	const char	*kill[1];
	struct pool	*pool = pool_new(4096);
	PGresult	*res, *c1, *c2;
	char		 pid[32], stamp[64];

	if (ci == NULL) {
		printf("1..0 # SKIP GUICHET_TEST_CONNINFO not set\n");
		return 0;
	}
	ok(db_open(ci) == GERR_OK, "connects");
	res = db_query(pool, &q_echo, 2, p);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "Liège!") == 0 &&
	    strcmp(PQgetvalue(res, 0, 1), "42") == 0,
	    "parameters travel apart from the statement");
	p[0] = "x'); DROP TABLE persons; --";
	res = db_query(pool, &q_echo, 2, p);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0),
	    "x'); DROP TABLE persons; --!") == 0, "hostile text is just text");
	res = db_query(pool, &q_echo, 2, p);
	ok(res != NULL, "a prepared statement is reused");

	p[1] = "not a number";
	ok(db_query(pool, &q_echo, 2, p) == NULL &&
	    db_last_error() == GERR_INPUT, "a data exception is GERR_INPUT");
	ok(db_query(pool, &q_bad, 0, NULL) == NULL &&
	    db_last_error() == GERR_SYSTEM, "a bad statement is GERR_SYSTEM");

	ok(db_begin(pool) == GERR_OK, "begin");
	ok(db_exec_params(pool, "CREATE TEMP TABLE t (k int PRIMARY KEY)", 0,
	    NULL) != NULL, "in a transaction");
	ok(db_exec_params(pool, "INSERT INTO t VALUES (1)", 0, NULL) != NULL,
	    "insert");
	ok(db_exec_params(pool, "INSERT INTO t VALUES (1)", 0, NULL) == NULL &&
	    db_last_error() == GERR_CONFLICT, "a duplicate key is GERR_CONFLICT");
	db_rollback(pool);
	ok(PQtransactionStatus(db_conn()) == PQTRANS_IDLE, "rolled back");
	ok(db_exec_params(pool, "SELECT * FROM t", 0, NULL) == NULL,
	    "nothing of the transaction remains");

	ok(audit(pool, "test_event", NULL, "127.0.0.1", "{\"k\":\"v\"}") ==
	    GERR_OK, "an audit record");
	res = db_exec_params(pool, "SELECT details->>'k', host(ip) FROM audit_log"
	    " WHERE action = 'test_event' ORDER BY id DESC LIMIT 1", 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "v") == 0 &&
	    strcmp(PQgetvalue(res, 0, 1), "127.0.0.1") == 0, "is stored as given");
	ok(audit(pool, "test_event", NULL, "not an address", NULL) != GERR_OK,
	    "a bad address is refused, not stored");

	c1 = db_query_cached(pool, &q_now, 1, one, 60);
	c2 = db_query_cached(pool, &q_now, 1, one, 60);
	ok(c1 != NULL && c1 == c2, "a cached result is served again");
	one[0] = "b";
	c2 = db_query_cached(pool, &q_now, 1, one, 60);
	ok(c2 != NULL && c2 != c1, "other parameters, other entry");
	one[0] = NULL;
	c2 = db_query_cached(pool, &q_now, 1, one, 60);
	ok(c2 != NULL && PQgetisnull(c2, 0, 1), "NULL is a parameter too");
	one[0] = "z";
	c1 = db_query_cached(pool, &q_now, 1, one, 0);
	snprintf(stamp, sizeof(stamp), "%s", c1 ? PQgetvalue(c1, 0, 0) : "");
	usleep(1000);
	c2 = db_query_cached(pool, &q_now, 1, one, 0);
	ok(c2 != NULL && strcmp(stamp, PQgetvalue(c2, 0, 0)) != 0,
	    "an expired entry is read again");
	pool_reset(pool);

	/* The server drops us between two requests: the next one reconnects. */
	res = db_query(pool, &q_pid, 0, NULL);
	snprintf(pid, sizeof(pid), "%s", res ? PQgetvalue(res, 0, 0) : "0");
	kill[0] = pid;
	/* Terminate our own backend from a separate connection. */
	{
		PGconn		*other = PQconnectdb(ci);
		PGresult	*r2 = PQexecParams(other,
		    "SELECT pg_terminate_backend($1::int)", 1, NULL, kill,
		    NULL, NULL, 0);
		PQclear(r2);
		PQfinish(other);
	}
	usleep(200000);
	ok(db_ensure() == GERR_OK, "db_ensure notices and reconnects");
	res = db_query(pool, &q_pid, 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), pid) != 0,
	    "the next query runs on a new backend");
	res = db_query(pool, &q_echo, 2, (const char *[]){ "re", "1" });
	ok(res != NULL, "statements are prepared again after reconnecting");

	/* Row-level security's scope: set for each statement's transaction. */
	db_scope_set("user", NULL, "42", "{1,2}");
	res = db_query(pool, &q_scope, 1, (const char *[]){ "a" });
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "user") == 0 &&
	    strcmp(PQgetvalue(res, 0, 1), "42") == 0 &&
	    strcmp(PQgetvalue(res, 0, 2), "{1,2}") == 0 &&
	    strcmp(PQgetvalue(res, 0, 3), "a") == 0,
	    "a scoped statement sees its scope, and its own result");
	ok(db_query(pool, &q_bad, 0, NULL) == NULL &&
	    db_last_error() == GERR_SYSTEM &&
	    PQtransactionStatus(db_conn()) == PQTRANS_IDLE,
	    "a scoped statement that fails leaves no transaction open");
	res = db_query(pool, &q_echo, 2, (const char *[]){ "Liège", "41" });
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "Liège!") == 0,
	    "and the next one runs");
	ok(db_begin(pool) == GERR_OK, "a scoped transaction begins");
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 1), "42") == 0,
	    "with its scope");
	ok(db_commit(pool) == GERR_OK, "and commits");
	db_scope_set(NULL, NULL, NULL, NULL);
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && (PQgetisnull(res, 0, 0) ||
	    *PQgetvalue(res, 0, 0) == '\0'),
	    "the scope lasts its transaction only");
	db_close();
	pool_free(pool);
	return tap_done();
}
