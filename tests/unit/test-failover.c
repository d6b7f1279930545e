/*
 * The database layer through a failover (lib/db.c, lib/dbq.c), against two
 * real PostgreSQL servers, a primary and its synchronous standby
 * (tests/ha/pg-pair): the primary killed (kill -9) under a stream of
 * commits, the standby promoted, a node made read-only; the connection
 * given up, made again on the node that takes writes, never on one that
 * does not, and every acknowledged commit found afterwards.  The scope of
 * row-level security lives in transactions only.  tests/ha/failover.sh
 * gives the pair's conninfo in GUICHET_TEST_PAIR_CONNINFO, its script in
 * GUICHET_TEST_PAIR and its directory in GUICHET_TEST_PAIR_DIR (without
 * them, nothing is run).  A third "host" listed first takes connections
 * and never answers, as a node whose cable was cut: the hosts are tried
 * at once (lib/dbhosts.c), so it costs no connect_timeout.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <time.h>
#include <unistd.h>

#include "db.h"
#include "pair.h"
#include "tap.h"

static struct dbq q_node = DBQ(
    "SELECT right(current_setting('unix_socket_directories'), 1),"
    "  pg_is_in_recovery()::text");
static struct dbq q_insert = DBQ("INSERT INTO receipts VALUES ($1::int)");
static struct dbq q_acked = DBQ(
    "SELECT count(*) FROM receipts WHERE k <= $1::int");
static struct dbq q_person = DBQ(
    "SELECT current_setting('guichet.person', true)");

static int		 told;	/* the listener's calls */

static void
on_told(void)
{
	told++;
}

/* The same in the background, after a second: while a request waits. */
static int
pair_later(const char *verb, const char *node)
{
	char	cmd[1024];

	snprintf(cmd, sizeof(cmd), "(sleep 1; %s %s %s %s) >/dev/null 2>&1 &",
	    pair, verb, pair_dir, node);
	return system(cmd);
}

/*
 * A "host" that takes connections and never answers (dir/silent): a unix
 * socket listened on and never accepted from, the kernel queueing the
 * connections as a cut node's SYNs go unanswered.  Its directory.
 */
static char *
silent_host(void)
{
	static char		dir[512];
	struct sockaddr_un	sun;
	int			fd;

	snprintf(dir, sizeof(dir), "%s/silent", pair_dir);
	(void)mkdir(dir, 0755);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path),
	    "%.80s/.s.PGSQL.5432", dir) >= sizeof(sun.sun_path) ||
	    strlen(dir) > 80)
		return NULL;
	(void)unlink(sun.sun_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(fd, 128) == -1)
		return NULL;
	return dir;	/* fd stays open, never accepted from, till exit */
}

/* The node the connection is on ("a", "b"), or "?". */
static const char *
node(struct pool *p)
{
	PGresult	*res = db_query(p, &q_node, 0, NULL);

	return res != NULL && strcmp(PQgetvalue(res, 0, 1), "false") == 0 ?
	    PQgetvalue(res, 0, 0) : "?";
}

/* A value on the connection outside any statement of the layer. */
static const char *
raw_person(char *buf, size_t len)
{
	PGresult	*res = PQexec(db_conn(),
			    "SELECT current_setting('guichet.person', true)");

	snprintf(buf, len, "%s", PQresultStatus(res) == PGRES_TUPLES_OK ?
	    PQgetvalue(res, 0, 0) : "(failed)");
	PQclear(res);
	return buf;
}

static long
acked_found(struct pool *p, int upto)
{
	char		 v[16];
	const char	*param[1] = { v };
	PGresult	*res;

	snprintf(v, sizeof(v), "%d", upto);
	res = db_query(p, &q_acked, 1, param);
	return res != NULL ? atol(PQgetvalue(res, 0, 0)) : -1;
}

/* The scope of row-level security is the transaction's, never the connection's. */
static void
test_scope(struct pool *p)
{
	PGresult	*res;
	char		 buf[64];

	db_scope_set("user", "7", NULL, NULL);
	res = db_query(p, &q_person, 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "7") == 0,
	    "a statement runs under the request's scope");
	is_str(raw_person(buf, sizeof(buf)), "",
	    "and nothing of it stays on the connection after it");
	ok(db_begin(p) == GERR_OK, "a transaction");
	res = db_query(p, &q_person, 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "7") == 0,
	    "runs under the scope");
	db_scope_set("user", "8", NULL, NULL);
	res = db_query(p, &q_person, 0, NULL);
	ok(res != NULL && strcmp(PQgetvalue(res, 0, 0), "8") == 0,
	    "a scope changed within it is set again");
	ok(db_commit(p) == GERR_OK, "commits");
	is_str(raw_person(buf, sizeof(buf)), "",
	    "and the connection holds no one's scope after it");
	db_scope_set(NULL, NULL, NULL, NULL);
	pool_reset(p);
}

/*
 * The primary dies under commits; the standby is promoted a second later.
 * Returns the last acknowledged key.
 */
static int
test_kill(struct pool *p)
{
	unsigned	drops = db_drop_count();
	double		t0, waited;
	int		k, acked = 0;

	for (k = 1; k <= 200; k++) {
		if (k == 101)
			pair_cmd("kill", "a", NULL);
		if (!pair_put(p, &q_insert, k))
			break;
		acked = k;
		pool_reset(p);
	}
	is_int(acked, 100, "every commit before the kill is acknowledged, "
	    "the first after it fails");
	ok(db_last_error() == GERR_DB && db_drop_count() == drops + 1,
	    "as the database being away (503), and the connection is given up");
	ok(db_query(p, &q_node, 0, NULL) == NULL && db_last_error() == GERR_DB,
	    "no statement is sent on it again");
	t0 = now_s();
	ok(db_ensure() == GERR_DB, "while the standby is not promoted, no "
	    "node takes writes: no connection, not one to the standby");
	ok(now_s() - t0 < 3.0, "and that is known in under 3 s "
	    "(connect_timeout, for the host that never answers)");
	ok(db_ensure() == GERR_DB, "a request right after is refused without "
	    "a new attempt (backoff)");
	pair_later("promote", "b");
	t0 = now_s();
	told = 0;
	ok(db_wait(15000) == GERR_OK, "once the standby is promoted, a "
	    "waiting request gets a connection");
	waited = now_s() - t0;
	is_int(told, 0, "in the middle of a request, the listener is not told "
	    "(what it drops may be in use)");
	ok(db_ensure() == GERR_OK && told == 1, "it is at the start of the "
	    "next request: what was said meanwhile is unknown");
	ok(waited < 8.0, "within seconds of the promotion");
	printf("# reconnected %.2f s after the wait began (promotion at 1 s)\n",
	    waited);
	is_str(node(p), "b", "on the promoted node");
	is_int(acked_found(p, acked), acked, "every acknowledged commit is "
	    "there (synchronous standby)");
	ok(pair_put(p, &q_insert, 1000), "and commits go on");
	pool_reset(p);
	return acked;
}

/* The node is made read-only (demoted by its manager): 25006. */
static void
test_readonly(struct pool *p)
{
	unsigned	drops = db_drop_count();
	double		t0, took;

	ok(pair_cmd("readonly", "b", "on") == 0, "the primary is made "
	    "read-only");
	ok(!pair_put(p, &q_insert, 1001) && db_last_error() == GERR_DB,
	    "a write fails as the database being away (25006), not as our bug");
	is_int(db_drop_count(), drops + 1, "and the connection is given up");
	usleep(600000);
	t0 = now_s();
	ok(db_ensure() == GERR_DB, "a read-only node is not connected to "
	    "again (target_session_attrs=read-write)");
	took = now_s() - t0;
	ok(took < 1.5, "the host that never answered the last attempt is "
	    "not waited for once the others said no");
	printf("# an attempt with the silent host known: %.2f s\n", took);
	pair_cmd("readonly", "b", "off");
	t0 = now_s();
	ok(db_wait(10000) == GERR_OK && pair_put(p, &q_insert, 1002),
	    "writable again: connected, and commits go on");
	ok(now_s() - t0 < 1.5, "within a backoff and a grace");
	pool_reset(p);
}

int
main(void)
{
	const char	*pair_ci = getenv("GUICHET_TEST_PAIR_CONNINFO");
	struct pool	*p = pool_new(4096);
	char		 ci[2048];
	const char	*silent;
	double		 t0;

	pair = getenv("GUICHET_TEST_PAIR");
	pair_dir = getenv("GUICHET_TEST_PAIR_DIR");
	if (pair_ci == NULL || pair == NULL || pair_dir == NULL ||
	    strncmp(pair_ci, "host=", 5) != 0) {
		printf("1..0 # SKIP GUICHET_TEST_PAIR_CONNINFO not set\n");
		return 0;
	}
	if ((silent = silent_host()) == NULL) {
		printf("Bail out! a socket that never answers\n");
		return 1;
	}
	snprintf(ci, sizeof(ci), "host=%s,%s", silent, pair_ci + 5);
	db_listen("guichet_test_failover", on_told);
	t0 = now_s();
	ok(db_open(ci) == GERR_OK, "connects to the pair");
	ok(now_s() - t0 < 1.5, "without waiting for the host listed first that "
	    "never answers (the hosts are tried at once)");
	is_str(node(p), "a", "on the primary");
	ok(db_exec_params(p, "CREATE TABLE receipts (k int PRIMARY KEY)", 0,
	    NULL) != NULL, "a table");
	pool_reset(p);
	test_scope(p);
	(void)test_kill(p);
	test_scope(p);
	test_readonly(p);
	db_close();
	pool_free(p);
	return tap_done();
}
