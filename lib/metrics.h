/*
 * A program's counters, shared by its master and workers through one
 * anonymous shared mapping made before the fork, and their Prometheus
 * text (docs/operations.md).  Labels come from our tables, never from a
 * request: no personal data can reach them.
 */
#ifndef GUICHET_METRICS_H
#define GUICHET_METRICS_H

#include <stddef.h>

#include "pool.h"

/* The program's route table as labels: patterns and methods, in order. */
struct metrics_routes {
	const char	*const *patterns;
	const char	*const *methods;
	size_t		 n;
};

/* Counters with labels taken from the code's own words. */
enum metric_event {
	MEV_LOGIN,		/* method */
	MEV_LOGIN_REFUSED,	/* method, reason */
	MEV_SUBMISSION,		/* procedure */
	MEV_DB_CONNECT_FAILED,
	MEV_DB_RECONNECT,
	MEV_DB_ERROR,		/* kind */
	MEV_WORKER_RESTART,	/* cause */
	MEV__MAX
};

int		 metrics_init(int workers, size_t nroutes);
void		 metrics_free(void);
int		 metrics_active(void);
void		 metrics_count(enum metric_event, const char *, const char *);
void		 metrics_request(size_t route, int status, double ms);
void		 metrics_workers_alive(int);
int		 metrics_workers(int *alive, int *wanted);
int		 metrics_render(struct buf *, const char *prog,
		    const struct metrics_routes *);
int		 metrics_label_ok(const char *);

#endif
