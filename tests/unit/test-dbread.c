/*
 * Reads on a standby (lib/dbread.c), against two real PostgreSQL servers,
 * a primary and its streaming standby (tests/ha/pg-pair): reads between
 * db_read_begin and db_read_end served by the standby while its replay is
 * within the bound, by the primary when it lags (replay paused) or is
 * down, within a transaction, or without a read connection; never a
 * write through the read connection; the scope of row-level security set
 * in the standby's transactions too.  tests/ha/failover.sh test-dbread gives
 * the pair as for test-failover (without it, nothing is run).
 */
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "pair.h"
#include "tap.h"

static struct dbq q_node = DBQ(
    "SELECT right(current_setting('unix_socket_directories'), 1)");
static struct dbq q_count = DBQ("SELECT count(*) FROM notes");
static struct dbq q_insert = DBQ("INSERT INTO notes VALUES ($1::int)");
static struct dbq q_person = DBQ(
    "SELECT current_setting('guichet.person', true)");


/* The node the statements go to ("a", "b"), or "?". */
static const char *
node(struct pool *p)
{
	PGresult	*res = db_query(p, &q_node, 0, NULL);

	return res != NULL ? PQgetvalue(res, 0, 0) : "?";
}

/* Where a read goes now: "b" on the standby, "a" on the primary. */
static const char *
read_node(struct pool *p, int *on_standby)
{
	const char	*n;

	*on_standby = db_read_begin();
	n = node(p);
	db_read_end();
	return n;
}

/* The schema's heartbeat (sql/0055), as guichet-admin migrate runs it. */
static int
migrate(struct pool *p, const char *src)
{
	char		 path[1024], sql[4096];
	FILE		*f;
	PGresult	*res;
	size_t		 n;

	snprintf(path, sizeof(path), "%s/sql/0055_replication_heartbeat.sql",
	    src);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(sql, 1, sizeof(sql) - 1, f);
	fclose(f);
	sql[n] = '\0';
	strncat(sql, "; CREATE TABLE notes (k int);", sizeof(sql) - n - 1);
	res = PQexec(db_conn(), sql);
	n = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	(void)p;
	return n ? 0 : -1;
}

/* The heartbeat written, then waited for on the standby (replayed). */
static int
beat_replayed(struct pool *p)
{
	int	i, on;

	for (i = 0; i < 50; i++) {
		if (db_heartbeat(p) != GERR_OK)
			return 0;
		pool_reset(p);
		if (strcmp(read_node(p, &on), "b") == 0 && on)
			return 1;
		usleep(100000);
	}
	return 0;
}

static void
test_fresh(struct pool *p)
{
	PGresult	*res;
	int		 on;

	ok(beat_replayed(p), "with the heartbeat replayed, a read goes to the "
	    "standby");
	is_str(node(p), "a", "and after db_read_end, statements go to the "
	    "primary again");
	ok(pair_put(p, &q_insert, 1), "where writes go");
	/* replay is asynchronous to the commit: wait for the row */
	for (on = 0; on < 50; on++) {
		db_read_begin();
		res = db_query(p, &q_count, 0, NULL);
		db_read_end();
		if (res != NULL && strcmp(PQgetvalue(res, 0, 0), "1") == 0)
			break;
		usleep(50000);
	}
	ok(on < 50, "the standby reads what the primary wrote");
	ok(db_read_begin() == 1, "reading again");
	ok(!pair_put(p, &q_insert, 2), "a write through the read connection fails");
	db_read_end();
	res = db_query(p, &q_count, 0, NULL);
	is_str(res != NULL ? PQgetvalue(res, 0, 0) : "?", "1",
	    "and wrote nothing on the primary");
	pool_reset(p);
}

static void
test_scope(struct pool *p)
{
	PGresult	*res;
	int		 on;

	/* the write refused above gave the read connection up: back */
	ok(beat_replayed(p), "the standby is read from again");
	db_scope_set("user", "7", NULL, NULL);
	on = db_read_begin();
	res = db_query(p, &q_person, 0, NULL);
	ok(on && res != NULL && strcmp(PQgetvalue(res, 0, 0), "7") == 0,
	    "on the standby, a statement runs under the request's scope");
	db_scope_set(NULL, NULL, NULL, NULL);
	res = PQexec(db_conn(), "SELECT current_setting('guichet.person', "
	    "true)");
	is_str(PQresultStatus(res) == PGRES_TUPLES_OK ? PQgetvalue(res, 0, 0) :
	    "(failed)", "", "and nothing of it stays on the standby's "
	    "connection");
	PQclear(res);
	db_read_end();
	ok(db_begin(p) == GERR_OK, "a transaction on the primary");
	ok(db_read_begin() == 0 && strcmp(node(p), "a") == 0,
	    "reads within it stay on the primary (they must see its writes)");
	db_read_end();
	ok(db_commit(p) == GERR_OK, "commits");
	pool_reset(p);
}

static void
test_lag(struct pool *p)
{
	int	on;

	ok(pair_cmd("psql", "b", "SELECT pg_wal_replay_pause()") == 0,
	    "the standby's replay is paused");
	usleep(1300000);
	ok(db_heartbeat(p) == GERR_OK, "the primary's heartbeat goes on");
	is_str(read_node(p, &on), "a", "a standby further behind than the "
	    "bound (1 s) is not read from: the primary is");
	is_int(on, 0, "and db_read_begin says so");
	ok(pair_cmd("psql", "b", "SELECT pg_wal_replay_resume()") == 0,
	    "replay resumed");
	ok(beat_replayed(p), "caught up, the standby is read from again");
	pool_reset(p);
}

static void
test_down(struct pool *p)
{
	double	t0;
	int	on;

	ok(pair_cmd("kill", "b", NULL) == 0, "the standby is killed");
	t0 = now_s();
	is_str(read_node(p, &on), "a", "reads go to the primary");
	is_int(on, 0, "db_read_begin says so");
	ok(now_s() - t0 < 2.0, "found at once");
	t0 = now_s();
	is_str(read_node(p, &on), "a", "and the next read too, without "
	    "trying the standby again at once");
	ok(now_s() - t0 < 0.5, "at no cost");
	pool_reset(p);
}

int
main(void)
{
	const char	*ci = getenv("GUICHET_TEST_PAIR_CONNINFO");
	const char	*src = getenv("SRC");
	struct pool	*p = pool_new(4096);
	int		 on;

	pair = getenv("GUICHET_TEST_PAIR");
	pair_dir = getenv("GUICHET_TEST_PAIR_DIR");
	if (ci == NULL || pair == NULL || pair_dir == NULL || src == NULL) {
		printf("1..0 # SKIP GUICHET_TEST_PAIR_CONNINFO not set\n");
		return 0;
	}
	ok(db_open(ci) == GERR_OK, "connects to the pair's primary");
	ok(migrate(p, src) == 0, "the heartbeat's table (sql/0055)");
	pool_reset(p);
	is_str(read_node(p, &on), "a", "without a read connection, reads go "
	    "to the primary");
	is_int(on, 0, "and db_read_begin says so");
	ok(db_read_open(ci, 1000) == GERR_OK, "a read connection to the same "
	    "hosts, the bound 1 s");
	test_fresh(p);
	test_scope(p);
	test_lag(p);
	test_down(p);
	db_close();
	pool_free(p);
	return tap_done();
}
