/*
 * Stripe's API replayed from its recorded exchanges
 * (tests/payments/stripe/replay) for the unit tests that talk to it:
 * started on a free port, asked what it saw (GET /__stats), stopped.
 */
#ifndef GUICHET_TEST_STRIPE_REPLAY_H
#define GUICHET_TEST_STRIPE_REPLAY_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "fetch.h"
#include "pool.h"

static pid_t	 replay_pid = -1;

/* The replay server on a port of its choosing; its base URL, or NULL. */
static char *
replay_start(struct pool *p)
{
	const char	*src = getenv("GUICHET_SRCDIR");
	int		 fd[2];
	char		 line[64] = "";
	FILE		*f;
	int		 port = 0;

	if (src == NULL)
		src = ".";
	if (pipe(fd) == -1 || (replay_pid = fork()) == -1)
		return NULL;
	if (replay_pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("python3", "python3", pool_join(p, src,
		    "/tests/payments/stripe/replay", ""), "--port", "0",
		    (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	if ((f = fdopen(fd[0], "r")) == NULL ||
	    fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, "port %d", &port) != 1)
		return NULL;
	return pool_printf(p, "http://127.0.0.1:%d", port);
}

static void
replay_stop(void)
{
	if (replay_pid > 0) {
		kill(replay_pid, SIGTERM);
		waitpid(replay_pid, NULL, 0);
	}
}

static void
replay_json_free(void *j)
{
	json_decref(j);
}

/* What the replay server saw: GET /__stats, freed with the pool. */
static json_t *
replay_stats(struct pool *p, const char *base)
{
	struct fetch_body	 body;
	CURL			*c = fetch_handle(p, &body, 1 << 20);
	json_t			*j;

	curl_easy_setopt(c, CURLOPT_URL, pool_join(p, base, "/__stats", ""));
	if (curl_easy_perform(c) != CURLE_OK || (j = json_loadb(body.b.data,
	    body.b.len, 0, NULL)) == NULL)
		return NULL;
	if (pool_defer(p, replay_json_free, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* How many times an exchange was served ("served") or replayed by key. */
static long long
served(json_t *stats, const char *kind, const char *name)
{
	return json_integer_value(json_object_get(json_object_get(stats, kind),
	    name));
}

#endif
