/*
 * Counters one program's processes share (lib/metrics.h): the master maps
 * them before it forks, every worker adds to them with atomic operations,
 * and whichever worker is asked renders them all, so the workers' sum is
 * scraped at once (docs/operations.md).
 */
#include <sys/mman.h>

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "metrics.h"

#define METRICS_ROUTES_MAX	128
#define METRICS_SLOTS		256
#define METRICS_VALUE_MAX	32
#define STATUS_CLASSES		5

/* Upper bounds of the latency histogram's buckets, in milliseconds. */
static const double	 buckets_ms[] = {
	1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000,
};
#define BUCKETS		(sizeof(buckets_ms) / sizeof(buckets_ms[0]))

/* A family of counters: its name, help text and label names. */
static const struct {
	const char	*name;
	const char	*help;
	const char	*label1;
	const char	*label2;
} families[MEV__MAX] = {
	[MEV_LOGIN] = { "guichet_logins_total",
	    "Sessions opened, by login method.", "method", NULL },
	[MEV_LOGIN_REFUSED] = { "guichet_login_refusals_total",
	    "Logins refused, by method and reason.", "method", "reason" },
	[MEV_SUBMISSION] = { "guichet_submissions_total",
	    "Dossiers submitted, by procedure.", "procedure", NULL },
	[MEV_DB_CONNECT_FAILED] = { "guichet_db_connect_failures_total",
	    "Connections to PostgreSQL that failed.", NULL, NULL },
	[MEV_DB_RECONNECT] = { "guichet_db_reconnects_total",
	    "Connections to PostgreSQL opened again after one was lost.",
	    NULL, NULL },
	[MEV_DB_ERROR] = { "guichet_db_errors_total",
	    "Statements that failed, by kind.", "kind", NULL },
	[MEV_WORKER_RESTART] = { "guichet_worker_restarts_total",
	    "Workers that ended and were started again, by cause.", "cause",
	    NULL },
};

struct metrics_slot {
	uint32_t	state;		/* 0 free, 1 being filled, 2 in use */
	uint32_t	family;
	char		v1[METRICS_VALUE_MAX];
	char		v2[METRICS_VALUE_MAX];
	uint64_t	n;
};

struct metrics_route {
	uint64_t	status[STATUS_CLASSES];
	uint64_t	bucket[BUCKETS];	/* not cumulative */
	uint64_t	count;
	uint64_t	sum_us;
};

struct metrics_shm {
	int64_t			started;
	int32_t			workers_wanted;
	int32_t			workers_alive;
	uint64_t		nroutes;
	struct metrics_route	routes[METRICS_ROUTES_MAX + 1];
	struct metrics_slot	slots[METRICS_SLOTS];
};

static struct metrics_shm	*shm;

/*
 * Maps the shared counters; called by the master before it forks.
 * Routes beyond METRICS_ROUTES_MAX are counted with the unmatched ones.
 */
int
metrics_init(int workers, size_t nroutes)
{
	void	*p;

	if (shm != NULL)
		return 0;
	p = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		log_warn("metrics: mmap");
		return -1;
	}
	shm = p;
	shm->started = (int64_t)time(NULL);
	shm->workers_wanted = workers;
	shm->nroutes = nroutes < METRICS_ROUTES_MAX ? nroutes :
	    METRICS_ROUTES_MAX;
	return 0;
}

void
metrics_free(void)
{
	if (shm != NULL)
		munmap(shm, sizeof(*shm));
	shm = NULL;
}

int
metrics_active(void)
{
	return shm != NULL;
}

/*
 * A label's value as we let it be: short, letters, digits, '_', '-' and
 * '.' only, and no run of six digits, so that a value from outside passed
 * by mistake cannot carry an address or a national number.
 */
int
metrics_label_ok(const char *v)
{
	size_t	n, i, digits = 0;

	if (v == NULL)
		return 1;
	n = strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
	if (v[n] != '\0' || n >= METRICS_VALUE_MAX)
		return 0;
	/* nothing that could be a national or enterprise number */
	for (i = 0; i < n; i++)
		if ((digits = v[i] >= '0' && v[i] <= '9' ? digits + 1 : 0) > 5)
			return 0;
	return 1;
}

static int
slot_is(const struct metrics_slot *s, enum metric_event f, const char *v1,
    const char *v2)
{
	return __atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == 2 &&
	    s->family == (uint32_t)f && strcmp(s->v1, v1) == 0 &&
	    strcmp(s->v2, v2) == 0;
}

/* The slot of a family and its values, claimed if new; NULL when full. */
static struct metrics_slot *
slot_find(enum metric_event f, const char *v1, const char *v2)
{
	struct metrics_slot	*s;
	uint32_t		 free_state;
	size_t			 i;

	for (i = 0; i < METRICS_SLOTS; i++) {
		s = &shm->slots[i];
		if (slot_is(s, f, v1, v2))
			return s;
		free_state = 0;
		if (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == 0 &&
		    __atomic_compare_exchange_n(&s->state, &free_state, 1, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			s->family = (uint32_t)f;
			strcpy(s->v1, v1);
			strcpy(s->v2, v2);
			__atomic_store_n(&s->state, 2, __ATOMIC_RELEASE);
			return s;
		}
		/* another worker is filling this one: it may be ours */
		while (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == 1)
			;
		if (slot_is(s, f, v1, v2))
			return s;
	}
	return NULL;
}

/* Counts one event; a value we would not show is counted as "other". */
void
metrics_count(enum metric_event f, const char *v1, const char *v2)
{
	struct metrics_slot	*s;

	if (shm == NULL || f >= MEV__MAX)
		return;
	v1 = families[f].label1 == NULL ? "" : v1 == NULL ? "none" :
	    metrics_label_ok(v1) ? v1 : "other";
	v2 = families[f].label2 == NULL ? "" : v2 == NULL ? "none" :
	    metrics_label_ok(v2) ? v2 : "other";
	if ((s = slot_find(f, v1, v2)) != NULL)
		__atomic_fetch_add(&s->n, 1, __ATOMIC_RELAXED);
}

/* One request: its route's index in the table (nroutes: none), status. */
void
metrics_request(size_t route, int status, double ms)
{
	struct metrics_route	*m;
	size_t			 b;
	int			 c = status / 100 - 1;

	if (shm == NULL)
		return;
	m = &shm->routes[route < shm->nroutes ? route : shm->nroutes];
	if (c < 0 || c >= STATUS_CLASSES)
		c = STATUS_CLASSES - 1;
	__atomic_fetch_add(&m->status[c], 1, __ATOMIC_RELAXED);
	for (b = 0; b < BUCKETS && ms > buckets_ms[b]; b++)
		;
	if (b < BUCKETS)
		__atomic_fetch_add(&m->bucket[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&m->count, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&m->sum_us, (uint64_t)(ms * 1000), __ATOMIC_RELAXED);
}

void
metrics_workers_alive(int n)
{
	if (shm != NULL)
		__atomic_store_n(&shm->workers_alive, n, __ATOMIC_RELAXED);
}

/* 0 with the workers alive and wanted, -1 outside a prefork server. */
int
metrics_workers(int *alive, int *wanted)
{
	if (shm == NULL)
		return -1;
	*alive = __atomic_load_n(&shm->workers_alive, __ATOMIC_RELAXED);
	*wanted = shm->workers_wanted;
	return 0;
}

static void
render_header(struct buf *b, const char *name, const char *help,
    const char *type)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A route's labels; patterns are ours, escaped all the same. */
static void
render_route_labels(struct buf *b, const char *prog,
    const struct metrics_routes *rt, size_t i)
{
	buf_puts(b, "program=\"");
	buf_puts(b, prog);
	buf_puts(b, "\",route=\"");
	json_escape(b, i < shm->nroutes ? rt->patterns[i] : "none");
	buf_printf(b, "\",method=\"%s\"", i < shm->nroutes ? rt->methods[i] :
	    "any");
}

static void
render_requests(struct buf *b, const char *prog,
    const struct metrics_routes *routes)
{
	struct metrics_route	*m;
	size_t			 i;
	int			 c;

	render_header(b, "guichet_requests_total",
	    "Requests answered, by route pattern and status class.",
	    "counter");
	for (i = 0; i <= shm->nroutes; i++) {
		m = &shm->routes[i];
		for (c = 0; c < STATUS_CLASSES; c++) {
			if (m->status[c] == 0)
				continue;
			buf_puts(b, "guichet_requests_total{");
			render_route_labels(b, prog, routes, i);
			buf_printf(b, ",code=\"%dxx\"} %llu\n", c + 1,
			    (unsigned long long)m->status[c]);
		}
	}
}

static void
render_latency(struct buf *b, const char *prog,
    const struct metrics_routes *routes)
{
	struct metrics_route	*m;
	unsigned long long	 cum;
	size_t			 i, k;

	render_header(b, "guichet_request_duration_seconds",
	    "Time from a request's parameters to its last byte.",
	    "histogram");
	for (i = 0; i <= shm->nroutes; i++) {
		m = &shm->routes[i];
		if (m->count == 0)
			continue;
		for (cum = 0, k = 0; k < BUCKETS; k++) {
			cum += m->bucket[k];
			buf_puts(b, "guichet_request_duration_seconds_bucket{");
			render_route_labels(b, prog, routes, i);
			buf_printf(b, ",le=\"%g\"} %llu\n", buckets_ms[k] / 1000,
			    cum);
		}
		buf_puts(b, "guichet_request_duration_seconds_bucket{");
		render_route_labels(b, prog, routes, i);
		buf_printf(b, ",le=\"+Inf\"} %llu\n",
		    (unsigned long long)m->count);
		buf_puts(b, "guichet_request_duration_seconds_sum{");
		render_route_labels(b, prog, routes, i);
		buf_printf(b, "} %.6f\n", (double)m->sum_us / 1e6);
		buf_puts(b, "guichet_request_duration_seconds_count{");
		render_route_labels(b, prog, routes, i);
		buf_printf(b, "} %llu\n", (unsigned long long)m->count);
	}
}

static void
render_events(struct buf *b, const char *prog)
{
	struct metrics_slot	*s;
	size_t			 f, i;

	for (f = 0; f < MEV__MAX; f++) {
		render_header(b, families[f].name, families[f].help,
		    "counter");
		for (i = 0; i < METRICS_SLOTS; i++) {
			s = &shm->slots[i];
			if (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) != 2 ||
			    s->family != f)
				continue;
			buf_printf(b, "%s{program=\"%s\"", families[f].name,
			    prog);
			if (families[f].label1 != NULL)
				buf_printf(b, ",%s=\"%s\"", families[f].label1,
				    s->v1);
			if (families[f].label2 != NULL)
				buf_printf(b, ",%s=\"%s\"", families[f].label2,
				    s->v2);
			buf_printf(b, "} %llu\n", (unsigned long long)
			    __atomic_load_n(&s->n, __ATOMIC_RELAXED));
		}
	}
}

/* The Prometheus text of every counter of the program's processes. */
int
metrics_render(struct buf *b, const char *prog,
    const struct metrics_routes *routes)
{
	if (shm == NULL || routes->n < shm->nroutes)
		return -1;
	if (strncmp(prog, "guichet-", 8) == 0)
		prog += 8;
	render_header(b, "guichet_start_time_seconds",
	    "When the program's master started (a change: it was restarted).",
	    "gauge");
	buf_printf(b, "guichet_start_time_seconds{program=\"%s\"} %lld\n",
	    prog, (long long)shm->started);
	render_header(b, "guichet_workers",
	    "Worker processes configured.", "gauge");
	buf_printf(b, "guichet_workers{program=\"%s\"} %d\n", prog,
	    shm->workers_wanted);
	render_header(b, "guichet_workers_alive",
	    "Worker processes running.", "gauge");
	buf_printf(b, "guichet_workers_alive{program=\"%s\"} %d\n", prog,
	    __atomic_load_n(&shm->workers_alive, __ATOMIC_RELAXED));
	render_requests(b, prog, routes);
	render_latency(b, prog, routes);
	render_events(b, prog);
	return 0;
}
