/*
 * A connection to whichever of the listed hosts takes writes (or, for the
 * read connection, is a standby), the hosts tried all at once rather than
 * in turn (lib/db-int.h): in a failover
 * the first host of the list may be the one whose cable was cut, and
 * libpq (15, without load_balance_hosts) would spend connect_timeout on
 * it at every attempt before asking the next (docs/high-availability.md).
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-int.h"
#include "log.h"

#define DB_HOSTS_MAX		8
#define DB_KEYWORDS_MAX		64

/*
 * A host that answered nothing within connect_timeout at the last attempt
 * (a cable cut, a machine gone) is not waited for again once every other
 * host has answered no, past a grace for one merely slower than the rest:
 * until it answers again, an attempt costs the grace and not the timeout.
 */
#define DB_SILENT_GRACE_MS	500

#define DB_SILENT_MAX		16

/* the hosts heard of, by address and port, and whether they were silent */
static struct {
	char		 host[128];
	unsigned char	 silent;
}			 db_heard_of[DB_SILENT_MAX];

struct db_try {
	PGconn			*conn;
	PostgresPollingStatusType st;
	int			 done;	/* answered: connected, or refused */
	int			 silent;	/* at the last attempt */
	char			 host[128];	/* address:port */
};

/* The host's entry, a new one if it was not heard of (the oldest out). */
static unsigned char *
db_silent_flag(const char *host)
{
	static size_t	next;
	size_t		i;

	for (i = 0; i < DB_SILENT_MAX; i++)
		if (strcmp(db_heard_of[i].host, host) == 0)
			return &db_heard_of[i].silent;
	i = next++ % DB_SILENT_MAX;
	snprintf(db_heard_of[i].host, sizeof(db_heard_of[i].host), "%s", host);
	db_heard_of[i].silent = 0;
	return &db_heard_of[i].silent;
}

/* kw's index of keyword k, or -1. */
static int
db_kw_find(const char *const *kw, const char *k)
{
	int	i;

	for (i = 0; kw[i] != NULL; i++)
		if (strcmp(kw[i], k) == 0)
			return i;
	return -1;
}

/*
 * Splits a comma-separated list in place into at most max pieces;
 * returns their count, or -1 with more.
 */
static int
db_list_split(char *s, char **piece, int max)
{
	int	n = 0;

	for (;;) {
		if (n == max)
			return -1;
		piece[n++] = s;
		if ((s = strchr(s, ',')) == NULL)
			return n;
		*s++ = '\0';
	}
}

/*
 * The target each host's attempt is made with, where any host that meets
 * it will do and the first to answer wins: read-write (or primary), or a
 * standby.  prefer-standby is tried as standby: the read connection
 * (lib/dbread.c) leaves the primary's reads to the primary's connection.
 * NULL for "any", which keeps libpq's order.
 */
static const char *
db_hosts_target(const char *const *kw, const char *const *val)
{
	static const char *const	 each[][2] = {
		{ "read-write", "read-write" }, { "primary", "primary" },
		{ "standby", "standby" }, { "prefer-standby", "standby" },
		{ "read-only", "read-only" },
	};
	int				 i = db_kw_find(kw,
					    "target_session_attrs");
	size_t				 k;

	for (k = 0; i >= 0 && k < nitems(each); k++)
		if (strcmp(val[i], each[k][0]) == 0)
			return each[k][1];
	return NULL;
}

static long
db_ms_since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Whether the attempt is over without a winner: every host answered no,
 * the time is up, or only silent ones are left and the grace has passed.
 */
static int
db_hosts_given_up(const struct db_try *t, int n, long elapsed,
    long timeout_ms)
{
	int	i, pending = 0, silent_only = 1;

	for (i = 0; i < n; i++)
		if (!t[i].done) {
			pending++;
			if (!t[i].silent)
				silent_only = 0;
		}
	if (pending == 0 || (timeout_ms > 0 && elapsed >= timeout_ms))
		return 1;
	return silent_only && pending < n && elapsed >= DB_SILENT_GRACE_MS;
}

/* Moves every pending attempt whose socket is ready one step on. */
static int
db_hosts_step(struct db_try *t, int n, int wait_ms)
{
	struct pollfd	pfd[DB_HOSTS_MAX];
	int		i, k = 0, who[DB_HOSTS_MAX];

	for (i = 0; i < n; i++) {
		if (t[i].done)
			continue;
		pfd[k].fd = PQsocket(t[i].conn);
		pfd[k].events = t[i].st == PGRES_POLLING_READING ? POLLIN :
		    POLLOUT;
		pfd[k].revents = 0;
		who[k++] = i;
	}
	if (poll(pfd, (nfds_t)k, wait_ms) == -1)
		return -1;
	for (i = 0; i < k; i++) {
		if (pfd[i].revents == 0 && pfd[i].fd >= 0)
			continue;
		t[who[i]].st = PQconnectPoll(t[who[i]].conn);
		if (t[who[i]].st == PGRES_POLLING_OK)
			return who[i];
		if (t[who[i]].st == PGRES_POLLING_FAILED)
			t[who[i]].done = 1;
	}
	return -1;
}

/* Host i's attempt begun, with its own host, hostaddr and port. */
static void
db_host_start(struct db_try *t, const char *const *kw, const char *const *val,
    const char *target, const int at[3], char *const piece[3][DB_HOSTS_MAX],
    const int count[3], int i)
{
	const char	*v[DB_KEYWORDS_MAX];
	int		 j, k;

	for (j = 0; kw[j] != NULL; j++)
		v[j] = val[j];
	v[j] = NULL;
	for (k = 0; k < 3; k++)
		if (at[k] >= 0)
			v[at[k]] = piece[k][count[k] == 1 ? 0 : i];
	snprintf(t->host, sizeof(t->host), "%s:%s", at[1] >= 0 ? v[at[1]] :
	    at[0] >= 0 ? v[at[0]] : "", at[2] >= 0 ? v[at[2]] : "");
	t->silent = *db_silent_flag(t->host);
	if ((j = db_kw_find(kw, "target_session_attrs")) >= 0)
		v[j] = target;
	t->conn = PQconnectStartParams(kw, v, 0);
	t->st = PGRES_POLLING_WRITING;
	t->done = t->conn == NULL || PQstatus(t->conn) == CONNECTION_BAD;
}

/* Why no host would do, each host's reason on one line of the log. */
static void
db_hosts_failed(const struct db_try *t, int n)
{
	char	 why[1024];
	size_t	 len = 0;
	int	 i;

	why[0] = '\0';
	for (i = 0; i < n && len < sizeof(why); i++)
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s: %s",
		    i > 0 ? "; " : "", t[i].host, !t[i].done ?
		    "no answer in time" : t[i].conn == NULL ? "out of memory" :
		    PQerrorMessage(t[i].conn));
	for (i = 0; why[i] != '\0'; i++)
		if (why[i] == '\n')
			why[i] = ' ';
	log_warnx("database connection: no host will do: %s", why);
}

/*
 * Every host's attempt at once; the first connected wins and the others
 * are abandoned.  The list (host, hostaddr, port) is the connection
 * string's; connect_timeout bounds the whole attempt.  A connection that
 * is not CONNECTION_OK when none would do, NULL if that was logged.
 */
PGconn *
db_connect_hosts(const char *const *kw, const char *const *val)
{
	static const char *const	 listed[3] = { "host", "hostaddr",
					    "port" };
	struct db_try			 t[DB_HOSTS_MAX];
	struct timespec			 t0;
	char				*copy[3] = { NULL, NULL, NULL };
	const char			*target;
	char				*piece[3][DB_HOSTS_MAX];
	int				 at[3], count[3] = { 0, 0, 0 };
	int				 i, k, n = 0, win = -1, tmo;
	long				 timeout_ms = 0, elapsed;

	for (k = 0; k < 3; k++) {
		at[k] = db_kw_find(kw, listed[k]);
		if (at[k] < 0)
			continue;
		if ((copy[k] = strdup(val[at[k]])) == NULL ||
		    (count[k] = db_list_split(copy[k], piece[k],
		    DB_HOSTS_MAX)) < 0)
			goto blocking;
		if (k < 2 && count[k] > n)
			n = count[k];
	}
	/* libpq's rules: as many hostaddrs as hosts; one port or one each */
	if (n < 2 || (target = db_hosts_target(kw, val)) == NULL ||
	    (at[0] >= 0 && count[0] != n) || (at[1] >= 0 && count[1] != n) ||
	    (at[2] >= 0 && count[2] != 1 && count[2] != n) ||
	    db_kw_find(kw, "service") >= 0)
		goto blocking;
	if ((i = db_kw_find(kw, "connect_timeout")) >= 0 &&
	    (timeout_ms = atol(val[i]) * 1000) > 0 && timeout_ms < 2000)
		timeout_ms = 2000;		/* libpq's minimum */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		db_host_start(&t[i], kw, val, target, at, piece, count, i);
	while (win < 0) {
		elapsed = db_ms_since(&t0);
		if (db_hosts_given_up(t, n, elapsed, timeout_ms))
			break;
		tmo = timeout_ms > 0 ? (int)(timeout_ms - elapsed) : -1;
		if (tmo < 0 || tmo > 100)
			tmo = 100;	/* the grace is looked at this often */
		win = db_hosts_step(t, n, tmo);
	}
	if (win < 0)
		db_hosts_failed(t, n);
	for (i = 0; i < n; i++) {
		if (t[i].done || i == win)
			*db_silent_flag(t[i].host) = 0;
		else if (win < 0)
			*db_silent_flag(t[i].host) = 1;
		if (i != win && t[i].conn != NULL)
			PQfinish(t[i].conn);
	}
	for (k = 0; k < 3; k++)
		free(copy[k]);
	return win >= 0 ? t[win].conn : NULL;
blocking:
	for (k = 0; k < 3; k++)
		free(copy[k]);
	return PQconnectdbParams(kw, val, 0);
}
