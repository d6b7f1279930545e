/*
 * What the tests against tests/ha/pg-pair share (test-failover, test-dbread):
 * the pair's script and directory, its commands, the time, a row written.
 */
#ifndef GUICHET_TEST_PAIR_H
#define GUICHET_TEST_PAIR_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db.h"

static const char	*pair, *pair_dir;

/* The pair's script: "kill DIR a", "promote DIR b", "psql DIR b SQL". */
static int
pair_cmd(const char *verb, const char *node, const char *arg)
{
	char	cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s %s %s %s \"%s\" >/dev/null 2>&1", pair,
	    verb, pair_dir, node, arg != NULL ? arg : "");
	return system(cmd);
}

static double
now_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The statement q run with the number k: whether it succeeded. */
static int
pair_put(struct pool *p, struct dbq *q, int k)
{
	char		 v[16];
	const char	*param[1] = { v };

	snprintf(v, sizeof(v), "%d", k);
	return db_query(p, q, 1, param) != NULL;
}

#endif
