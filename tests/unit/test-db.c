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

/* Our own backend terminated from another connection; its pid in pid. */
static void
terminate_own(struct pool *pool, const char *ci, char *pid, size_t len)
{
	PGresult	*res = db_query(pool, &q_pid, 0, NULL);
	const char	*kill[1] = { pid };
	PGconn		*other;

	snprintf(pid, len, "%s", res != NULL ? PQgetvalue(res, 0, 0) : "0");
	other = PQconnectdb(ci);
	PQclear(PQexecParams(other, "SELECT pg_terminate_backend($1::int)", 1,
	    NULL, kill, NULL, NULL, 0));
	PQfinish(other);
	usleep(200000);
}

static int
scope_is(PGresult *res, const char *scope, const char *org, const char *procs)
{
	return strcmp(PQgetvalue(res, 0, 0), scope) == 0 &&
	    strcmp(PQgetvalue(res, 0, 1), org) == 0 &&
	    strcmp(PQgetvalue(res, 0, 2), procs) == 0;
}

int
main(void)
{
	const char	*ci = getenv("GUICHET_TEST_CONNINFO");
	const char	*p[2] = { "Liège", "41" }, *one[1] = { "a" };
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
	terminate_own(pool, ci, pid, sizeof(pid));
	ok(db_ensure() == GERR_OK, "db_ensure notices and reconnects");
	res = db_query(pool, &q_pid, 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), pid) != 0,
	    "the next query runs on a new backend");
	res = db_query(pool, &q_echo, 2, (const char *[]){ "re", "1" });
	ok(res != NULL, "statements are prepared again after reconnecting");

	/*
	 * Row-level security's scope: whatever the connection held before, a
	 * statement runs under the scope last named.
	 */
	db_scope_set("user", NULL, "42", "{1,2}");
	res = db_query(pool, &q_scope, 1, (const char *[]){ "a" });
	ok(res != NULL && scope_is(res, "user", "42", "{1,2}") &&
	    strcmp(PQgetvalue(res, 0, 3), "a") == 0,
	    "a scoped statement sees its scope, and its own result");
	res = db_exec_params(pool, "SELECT current_setting('guichet.org', true)",
	    0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "42") == 0,
	    "an unprepared statement too");
	db_scope_set("user", NULL, "43", "{3}");
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && scope_is(res, "user", "43", "{3}"),
	    "another scope replaces it");
	db_scope_set("user", NULL, "44", "{4}");
	ok(db_query(pool, &q_bad, 0, NULL) == NULL &&
	    db_last_error() == GERR_SYSTEM &&
	    PQtransactionStatus(db_conn()) == PQTRANS_IDLE,
	    "a scoped statement that fails leaves no transaction open");
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && scope_is(res, "user", "44", "{4}"),
	    "and the next one still runs under the scope named, though the "
	    "failure undid its setting");
	res = db_query(pool, &q_echo, 2, (const char *[]){ "Liège", "41" });
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "Liège!") == 0,
	    "and a statement after it runs");
	db_scope_set("user", NULL, "45", "{5}");
	ok(db_begin(pool) == GERR_OK, "a scoped transaction begins");
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && scope_is(res, "user", "45", "{5}"), "with its scope");
	db_rollback(pool);
	res = db_exec_params(pool, "SELECT current_setting('guichet.org', true)",
	    0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "45") == 0,
	    "a rolled back transaction undid the scope it set: set again");
	db_scope_set("user", NULL, "46", "{6}");
	ok(db_begin(pool) == GERR_OK && db_commit(pool) == GERR_OK,
	    "a transaction that sets the scope commits");
	res = db_exec_params(pool, "SELECT current_setting('guichet.org', true)",
	    0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "46") == 0,
	    "and the scope stays");
	db_scope_set(NULL, NULL, NULL, NULL);
	res = db_query(pool, &q_scope, 1, one);
	ok(res != NULL && scope_is(res, "", "", ""),
	    "no scope named: the connection holds none");
	db_scope_set("user", "7", NULL, NULL);
	(void)db_query(pool, &q_scope, 1, one);
	terminate_own(pool, ci, pid, sizeof(pid));
	ok(db_ensure() == GERR_OK, "a new connection");
	res = db_exec_params(pool, "SELECT current_setting('guichet.person',"
	    " true)", 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "7") == 0,
	    "is given the scope again");
	db_close();

	/* the citizens' programs serve only under the policies (fail closed) */
	db_require_rls();
	ok(db_open(ci) == GERR_DB, "a role that bypasses row-level security "
	    "(here a superuser) is refused to a citizens' program");
	ok(db_ensure() == GERR_DB, "and every request after gets 503");
	ok(db_open(pool_printf(pool, "%s user=guichet_web", ci)) == GERR_OK,
	    "the citizens' role, under the policies, is served");
	db_close();
	pool_free(pool);
	return tap_done();
}
